/* The H5P player in lesson blocks: h5p-standalone, served by the platform.

   Every [data-h5p-player] element gets a player. Its data attributes carry the
   paths (package content, shared libraries, player files) and, for an enrolled
   learner only, what recording needs: the actor, the xAPI and saved-state URLs
   and the CSRF token. A preview (not enrolled) plays without recording.

   Only root statements with verb answered or completed are sent: a question
   set's per-question statements have a context parent and would otherwise
   count as attempts. Each statement gets an id before it is sent, so a retry
   is recognised by the server as the same statement. Offline, or when the
   network fails, a statement joins the offline queue (queue.js) as an
   "xapi.statement" item, which offline.js sends to /api/sync/ later. */
import "./queue.js";

const GRADED_VERBS = new Set([
  "http://adlnet.gov/expapi/verbs/answered",
  "http://adlnet.gov/expapi/verbs/completed",
]);
const CONTENT_ID = "http://h5p.org/x-api/h5p-local-content-id";
const SUB_CONTENT_ID = "http://h5p.org/x-api/h5p-subContentId";
const OLD_QUEUE_KEY = "lms.h5p.pending-statements"; // before the offline queue
const SAVE_EVERY_SECONDS = 15;

const players = new Map(); // content id → {el, data}
let csrfToken = "";
let bundle;
let listening = false;

function loadScript(src) {
  if (window.H5PStandalone) return Promise.resolve();
  bundle ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = src;
    script.onload = resolve;
    script.onerror = reject;
    document.head.append(script);
  });
  return bundle;
}

function newId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // Outside secure contexts (plain http on a LAN) randomUUID is missing.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function format(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}

function number(value) {
  return new Intl.NumberFormat(document.documentElement.lang || undefined, {
    maximumFractionDigits: 2,
  }).format(value);
}

/* Keep a statement for later: as an item of the offline queue, for the
   person logged in (offline.js marks the page with who that is). */
async function keep(item) {
  const user = document.querySelector("[data-offline-user]")?.dataset.offlineUser;
  const query = new URL(item.url, location.href).searchParams;
  if (!user || !globalThis.lmsQueue) return false;
  const data = {
    lesson: Number(query.get("lesson")),
    block: query.get("block"),
    package: Number(query.get("package")),
    statement: item.statement,
  };
  await globalThis.lmsQueue.add(user, "xapi.statement", data, {
    path: location.pathname,
    label: document.title.split(" · ")[0],
  });
  return true;
}

/* Statements an earlier version kept in localStorage join the queue. */
async function adoptOldQueue() {
  let old = [];
  try {
    old = JSON.parse(localStorage.getItem(OLD_QUEUE_KEY)) || [];
  } catch {
    return;
  }
  for (const item of old) await keep(item);
  localStorage.removeItem(OLD_QUEUE_KEY);
}

async function post(item) {
  const response = await fetch(item.url, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken },
    body: JSON.stringify(item.statement),
  });
  if (response.status >= 500) throw new Error(`server answered ${response.status}`);
  return response;
}

function showResult(player, body) {
  const { el, data } = player;
  const status = document.getElementById(data.h5pStatus);
  if (!status) return;
  const state = body.state || {};
  const parts = [];
  if (state.scaled_score !== null && state.scaled_score !== undefined && state.max_score) {
    const template = state.counting === "last" ? data.h5pScoreLast : data.h5pScoreBest;
    parts.push(format(template, { raw: number(state.raw_score), max: number(state.max_score) }));
    parts.push(state.passed ? data.h5pPassed : data.h5pNotPassed);
  }
  parts.push(format(data.h5pAttempts, { count: state.attempts ?? 0 }));
  const score = status.querySelector("[data-h5p-score]");
  if (score) score.textContent = parts.join(" · ");
  if (body.completed && !status.querySelector("[data-h5p-done]")) {
    const done = document.createElement("p");
    done.className = "activity__done done";
    done.dataset.h5pDone = "";
    const mark = document.createElement("span");
    mark.setAttribute("aria-hidden", "true");
    mark.textContent = "✓";
    done.append(mark, ` ${data.h5pCompleted}`);
    status.prepend(done);
  }
  const message = status.querySelector("[data-h5p-message]");
  if (message) message.textContent = data.h5pSaved;
  el.dispatchEvent(new CustomEvent("h5p:recorded", { detail: body, bubbles: true }));
}

async function deliver(item, player) {
  let response;
  try {
    if (!navigator.onLine) throw new Error("offline");
    response = await post(item);
    if (!response.ok) throw new Error(`${response.status}`); // e.g. logged out
  } catch {
    await keep(item);
    const message = player && document.querySelector(`#${player.data.h5pStatus} [data-h5p-message]`);
    if (message) message.textContent = player.data.h5pUnsaved;
    return;
  }
  if (player) showResult(player, await response.json());
}

function isRoot(statement) {
  const parent = statement.context?.contextActivities?.parent;
  if (parent && (!Array.isArray(parent) || parent.length)) return false;
  const extensions = statement.object?.definition?.extensions || {};
  return !extensions[SUB_CONTENT_ID] && !String(statement.object?.id || "").includes("subContentId=");
}

function onXAPI(event) {
  const statement = event?.data?.statement;
  if (!statement || !GRADED_VERBS.has(statement.verb?.id) || !isRoot(statement)) return;
  const contentId = String(statement.object?.definition?.extensions?.[CONTENT_ID] ?? "");
  const player = players.get(contentId);
  if (!player || player.data.h5pRecord !== "true") return;
  armFrame(player.el);
  const data = player.data;
  const copy = JSON.parse(JSON.stringify(statement));
  copy.id ||= newId();
  copy.actor = { objectType: "Agent", name: data.h5pUserName, mbox: `mailto:${data.h5pUserMail}` };
  copy.timestamp ||= new Date().toISOString();
  deliver({ url: data.h5pXapiUrl, contentId, statement: copy }, player);
}

/* H5P saves state with its own jQuery inside the player's iframe; give those
   requests Django's CSRF header. */
function armFrame(el) {
  for (const win of [window, el.querySelector("iframe")?.contentWindow]) {
    const jq = win?.H5P?.jQuery;
    if (jq && !win.lmsCsrfArmed) {
      jq.ajaxSetup({ headers: { "X-CSRFToken": csrfToken } });
      win.lmsCsrfArmed = true;
    }
  }
}

async function savedState(data) {
  if (data.h5pRecord !== "true") return null;
  try {
    const url = data.h5pUserDataUrl.replace(":dataType", "state").replace(":subContentId", "0");
    const response = await fetch(url, { credentials: "same-origin" });
    const body = response.ok ? await response.json() : {};
    return body.success && typeof body.data === "string" ? body.data : null;
  } catch {
    return null; // offline: start afresh rather than not at all
  }
}

async function start(el) {
  const data = el.dataset;
  const options = {
    id: data.h5pId,
    h5pJsonPath: data.h5pJsonPath,
    contentJsonPath: data.h5pContentPath,
    librariesPath: data.h5pLibrariesPath,
    frameJs: data.h5pFrameJs,
    frameCss: data.h5pFrameCss,
    frame: false,
    copyright: false,
    export: false,
    embed: false,
    icon: false,
    fullScreen: false,
  };
  if (data.h5pRecord === "true") {
    csrfToken = data.h5pCsrf || csrfToken;
    options.user = { name: data.h5pUserName, mail: data.h5pUserMail };
    options.saveFreq = SAVE_EVERY_SECONDS;
    options.ajax = {
      // One URL for every player on the page: H5P fills in :contentId.
      contentUserDataUrl: data.h5pUserDataUrl.replace(data.h5pId, ":contentId"),
    };
    options.xAPIObjectIRI = data.h5pObjectIri;
  }
  players.set(data.h5pId, { el, data });
  const loading = el.querySelector("[data-h5p-loading]");
  if (loading) loading.hidden = false;
  try {
    const [saved] = await Promise.all([savedState(data), loadScript(data.h5pMain)]);
    // H5P core reads saved state synchronously while it builds the content, so
    // it has to be there beforehand ({subContentId: {dataType: json}}).
    if (saved) options.contentUserData = { 0: { state: saved } };
    await new window.H5PStandalone.H5P(el, options);
  } catch (error) {
    if (loading) {
      loading.textContent = data.h5pFailed;
      loading.classList.add("message", "message--error");
    }
    console.error("H5P player failed", error);
    return;
  }
  if (loading) loading.remove();
  const frame = el.querySelector("iframe");
  if (frame) frame.title = data.h5pTitle;
  frame?.addEventListener("load", () => armFrame(el));
  armFrame(el);
  if (!listening && window.H5P?.externalDispatcher) {
    window.H5P.externalDispatcher.on("xAPI", onXAPI);
    listening = true;
  }
  el.dataset.h5pReady = "true";
}

async function startAll() {
  // h5p-standalone keeps global state: players must start one after another.
  for (const el of document.querySelectorAll("[data-h5p-player]:not([data-h5p-started])")) {
    el.dataset.h5pStarted = "true";
    await start(el);
  }
  if (players.size) adoptOldQueue();
}

/* H5P saves state on unload with a synchronous request, which Chrome no longer
   allows when a page is left; so save it here with a beacon, which carries
   the CSRF token as a form field because it cannot set headers. */
let left = false;

function saveOnLeave() {
  if (left) return;
  left = true;
  for (const { el, data } of players.values()) {
    if (data.h5pRecord !== "true") continue;
    const win = el.querySelector("iframe")?.contentWindow;
    for (const instance of win?.H5P?.instances || []) {
      if (typeof instance.getCurrentState !== "function") continue;
      const state = instance.getCurrentState();
      if (state === undefined) continue;
      const form = new FormData();
      form.append("data", JSON.stringify(state));
      form.append("preload", "1");
      form.append("invalidate", "1");
      form.append("csrfmiddlewaretoken", csrfToken);
      const url = data.h5pUserDataUrl.replace(":dataType", "state").replace(":subContentId", "0");
      navigator.sendBeacon(url, form);
    }
  }
}

document.addEventListener("visibilitychange", () => {
  if (document.visibilityState === "hidden") saveOnLeave();
  else left = false;
});
window.addEventListener("pagehide", saveOnLeave);
startAll();
