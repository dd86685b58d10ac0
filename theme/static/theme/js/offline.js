/* Offline on every page: registers the service worker, shows in the header
   whether the app is offline and how many changes wait, sends the queue
   (at every page load, when the network comes back, and through Background
   Sync where the browser has it), and keeps what a learner submits while
   offline: the forms for lesson completion, quizzes, cases, card notes and
   the self-assessment are queued instead of posted. Online, forms post as
   they always do. */
import "./queue.js";

const queue = globalThis.lmsQueue;
const status = document.querySelector("[data-offline-status]");
const texts = status?.dataset ?? {};
// The person logged in for this page; undefined on the offline page, which
// the service worker shows to whoever uses the browser.
const current = texts.offlineUser;
let user = current || "";
let sentNow = false;
let sending = null;
const plurals = new Intl.PluralRules(document.documentElement.lang || undefined);

function counted(name, count) {
  const form = plurals.select(count) === "one" ? "One" : "Other";
  return (texts[name + form] || "").replace("{count}", count);
}

function token() {
  const cookie = document.cookie.split("; ").find((c) => c.startsWith("csrftoken="));
  if (cookie) return decodeURIComponent(cookie.slice("csrftoken=".length));
  return document.querySelector("[name=csrfmiddlewaretoken]")?.value || "";
}

function link(href, text) {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  return a;
}

function backgroundSync() {
  navigator.serviceWorker?.getRegistration().then((registration) =>
    registration?.sync?.register("lms-sync").catch(() => {}),
  );
}

async function show() {
  if (!status) return;
  const items = user ? await queue.items(user) : [];
  const waiting = items.filter((item) => item.status === "waiting").length;
  const rejected = items.length - waiting;
  const login = waiting && navigator.onLine && (await queue.meta(`login:${user}`));
  const parts = [];
  if (!navigator.onLine) parts.push(texts.offline);
  if (login) {
    const next = `${texts.login}?next=${encodeURIComponent(location.pathname)}`;
    parts.push(link(next, counted("login", waiting)));
  } else if (waiting) {
    parts.push(counted("waiting", waiting));
  }
  if (rejected) parts.push(link(texts.device, counted("rejected", rejected)));
  if (!parts.length && sentNow) parts.push(texts.sent);
  status.replaceChildren(...parts.flatMap((part, i) => (i ? [" · ", part] : [part])));
  status.dataset.waiting = waiting;
  status.dataset.rejected = rejected;
  status.classList.toggle("offline-status--offline", !navigator.onLine);
  if (waiting && !navigator.onLine) backgroundSync();
}

async function send() {
  if (!current || !navigator.onLine) return show();
  sending ??= queue.send(current, token()).finally(() => {
    sending = null;
  });
  const outcome = await sending;
  sentNow ||= outcome.sent > 0;
  return show();
}

/* Forms: what the learner sees once a change is kept on the device. */
function note(form, text) {
  let p = form.querySelector(".offline-note");
  if (!p) {
    p = document.createElement("p");
    p.className = "offline-note";
    p.setAttribute("role", "status");
    form.append(p);
  }
  p.textContent = text;
}

const pathOf = (form) => new URL(form.action, location.href).pathname;

function quizIncomplete(form) {
  return [...form.querySelectorAll("fieldset")].some((set) => !set.querySelector("input:checked"));
}

async function keep(event) {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || form.method !== "post") return;
  if (form.matches(".logout-form")) {
    // Logging out ends offline access to this person's stored pages.
    event.preventDefault();
    queue.setMeta("user", "").finally(() => form.submit());
    return;
  }
  if (navigator.onLine || !current) return;
  const path = pathOf(form);
  const item = queue.fromForm(path, new FormData(form, event.submitter));
  if (!item) return;
  event.preventDefault();
  const quiz = item.type === "quiz.answered";
  if (quiz && quizIncomplete(form)) return note(form, texts.answerAll);
  if (item.data.reflections) {
    // Send the current choice with the reflections, so the item stands alone.
    const choice = [...document.forms].find((f) => pathOf(f) === path.replace(/reflections\/$/, "choose/"));
    const option = choice?.querySelector("[name=option]:checked");
    if (option) Object.assign(item.data, { option: option.value, other_text: choice.elements.other_text?.value || "" });
  }
  await queue.add(current, item.type, item.data, { path, label: document.title.split(" · ")[0] });
  note(form, quiz ? texts.quiz : texts.saved);
  show();
}

/* A stored page shows what is still waiting to be sent from it. */
async function showWaiting() {
  if (!current) return;
  const waiting = (await queue.items(current)).filter((item) => item.status === "waiting");
  for (const form of document.forms) {
    const path = pathOf(form);
    for (const item of waiting) {
      if (item.path !== path) continue;
      const { text, card, reflections } = item.data;
      if (item.type === "dialogue.note") {
        if (form.elements.card_id?.value !== card) continue;
        form.elements.text.value = text;
      }
      for (const [id, value] of Object.entries(reflections || {})) {
        const field = form.elements[`reflection-${id}`];
        if (field) field.value = value;
      }
      note(form, item.type === "quiz.answered" ? texts.quiz : texts.saved);
    }
  }
}

async function start() {
  if ("serviceWorker" in navigator && texts.sw) {
    navigator.serviceWorker.register(texts.sw, { scope: "/" }).catch(() => {});
  }
  if (current) {
    await queue.put("meta", current, "user");
    await queue.put("meta", token(), "csrf"); // for Background Sync without a page
  } else {
    // Logged out (or the offline page): show what waits for the last person.
    user = (await queue.meta("user")) || "";
  }
  document.addEventListener("submit", keep);
  window.addEventListener("online", send);
  window.addEventListener("offline", show);
  if (typeof BroadcastChannel === "function") {
    let timer;
    new BroadcastChannel(queue.NAME).onmessage = () => {
      clearTimeout(timer);
      timer = setTimeout(show, 100);
    };
  }
  await showWaiting();
  await send();
}

if (typeof indexedDB !== "undefined") start().catch((error) => console.error("Offline support failed", error));
