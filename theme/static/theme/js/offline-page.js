/* The lists on "Offline on this device" (/my/offline/) and on the offline
   page the service worker shows for a page that is not stored (/offline/):
   the courses stored in this browser and, on /my/offline/, the changes made
   offline: those waiting, and those the platform did not accept, with its
   reason and a button to discard them. */
import {
  currentUser, day, fetchManifest, fill, megabytes, removeCourse, storeCourse, storedCourses,
} from "./offline-store.js";

const queue = globalThis.lmsQueue;
const root = document.querySelector("[data-offline-page]");
const texts = JSON.parse(document.getElementById("offline-texts")?.textContent || "{}");
const device = root?.dataset.offlinePage === "device";
let user = "";

function el(tag, props = {}, ...children) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((child) => child !== null && child !== undefined));
  return node;
}

function button(text, label, onClick, quiet = false) {
  const node = el("button", { type: "button", className: `button button--small${quiet ? " button--quiet" : ""}`, textContent: text });
  node.setAttribute("aria-label", label);
  node.addEventListener("click", onClick);
  return node;
}

function courseItem(record) {
  const status = el("span", { className: "offline-page__status", role: "status" });
  const item = el(
    "li",
    { className: "card" },
    el("h3", { className: "card__title" }, el("a", { href: record.url, textContent: record.title })),
    el("p", { className: "card__meta", textContent: fill(texts.stored, { size: megabytes(record.bytes), date: day(record.storedAt) }) }),
  );
  if (!device) {
    const pages = record.files.filter((file) => file.kind === "page" && file.url !== record.url);
    const list = el("ul", { className: "offline-page__lessons" });
    for (const page of pages) list.append(el("li", {}, el("a", { href: page.url, textContent: page.title || page.url })));
    item.append(list);
    return item;
  }
  const update = button(texts.update, `${texts.update}: ${record.title}`, async () => {
    update.disabled = true;
    status.textContent = texts.updating;
    try {
      const manifest = await fetchManifest(record.manifest);
      await storeCourse(user, manifest, ({ files, total }) => {
        status.textContent = `${texts.updating} ${files} / ${total}`;
      });
      render();
    } catch (error) {
      status.textContent = fill(texts.failed, { reason: error.message });
      update.disabled = false;
    }
  });
  update.disabled = !navigator.onLine;
  const remove = button(texts.remove, `${texts.remove}: ${record.title}`, async () => {
    await removeCourse(record);
    render();
  }, true);
  item.append(el("p", { className: "offline-page__actions" }, update, " ", remove, " ", status));
  return item;
}

function queueItem(item) {
  const when = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
    dateStyle: "medium", timeStyle: "short",
  }).format(new Date(item.occurred_at));
  const what = texts.types?.[item.type] || item.type;
  const li = el("li", {}, el("span", { textContent: `${what}${item.label ? ` (${item.label})` : ""}, ${when}` }));
  if (item.status === "rejected") {
    li.append(
      el("br"),
      el("span", { className: "offline-page__reason", textContent: fill(texts.reason, { reason: item.error }) }),
      " ",
      button(texts.discard, `${texts.discard}: ${what}, ${when}`, async () => {
        await queue.discard(item.id);
        render();
      }, true),
    );
  }
  return li;
}

async function renderQueue() {
  const box = root.querySelector("[data-offline-queue]");
  const items = await queue.items(user);
  const waiting = items.filter((item) => item.status === "waiting");
  const rejected = items.filter((item) => item.status === "rejected");
  const parts = [];
  if (!items.length) parts.push(el("p", { textContent: texts.nothing }));
  if (waiting.length) {
    parts.push(el("h3", { textContent: `${texts.waiting} (${waiting.length})` }));
    parts.push(el("ul", { className: "offline-page__queue" }, ...waiting.map(queueItem)));
  }
  if (rejected.length) {
    parts.push(el("h3", { textContent: `${texts.rejected} (${rejected.length})` }));
    parts.push(el("ul", { className: "offline-page__queue offline-page__queue--rejected" }, ...rejected.map(queueItem)));
  }
  box.replaceChildren(...parts);
}

async function render() {
  const records = user ? await storedCourses(user) : [];
  const box = root.querySelector("[data-offline-courses]");
  box.replaceChildren(
    records.length
      ? el("ul", { className: "cards" }, ...records.map(courseItem))
      : el("p", { textContent: texts.none }),
  );
  if (!device) return;
  await renderQueue();
  const estimate = await navigator.storage?.estimate?.();
  if (estimate?.quota) {
    root.querySelector("[data-offline-space]").textContent = fill(texts.space, {
      used: megabytes(estimate.usage), quota: megabytes(estimate.quota),
    });
  }
}

async function start() {
  if (!root || !queue) return;
  user = await currentUser();
  await render();
  if (typeof BroadcastChannel === "function") new BroadcastChannel(queue.NAME).onmessage = render;
}

start();
