/* The offline queue: what a learner did without a network, kept in IndexedDB
   until POST /api/sync/ has it.

   Each item has its own UUID and the time it happened, and belongs to the
   person who was logged in: it is only ever sent with that person's session.
   Items the server stored (or already had) leave the queue; items it rejected
   stay, with its reason, until the learner discards them on /my/offline/.
   A 403 (the session expired) keeps everything and remembers that the
   learner has to log in; the next send after logging in clears that.

   This file has no import or export, so the same file serves the pages
   (`import "./queue.js"`, then `globalThis.lmsQueue`) and the service worker
   (`importScripts`), which cannot load modules in every browser. */
(() => {
  const NAME = "lms-offline";
  const BATCH = 100;
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(NAME) : null;
  let opened;

  function db() {
    opened ??= new Promise((resolve, reject) => {
      const request = indexedDB.open(NAME, 1);
      request.onupgradeneeded = () => {
        const base = request.result;
        base.createObjectStore("items", { keyPath: "id" });
        base.createObjectStore("courses", { keyPath: "key" });
        base.createObjectStore("meta");
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return opened;
  }

  async function run(store, mode, work) {
    const base = await db();
    return new Promise((resolve, reject) => {
      const tx = base.transaction(store, mode);
      const request = work(tx.objectStore(store));
      tx.oncomplete = () => resolve(request?.result);
      tx.onerror = tx.onabort = () => reject(tx.error);
    });
  }

  const get = (store, key) => run(store, "readonly", (s) => s.get(key));
  const all = (store) => run(store, "readonly", (s) => s.getAll());
  const put = (store, value, key) => run(store, "readwrite", (s) => s.put(value, key));
  const remove = (store, key) => run(store, "readwrite", (s) => s.delete(key));

  function changed() {
    channel?.postMessage("changed");
  }

  function uuid() {
    if (crypto.randomUUID) return crypto.randomUUID();
    const b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    const h = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }

  /* A form's fields → the item the server's sync takes (lms/sync/items.py).
     `fields` is FormData or URLSearchParams: both have get and getAll. */
  const decode = decodeURIComponent;
  const prefixed = (fields, prefix, many) => {
    const out = {};
    for (const key of new Set(fields.keys())) {
      if (key.startsWith(prefix)) {
        out[key.slice(prefix.length)] = many ? fields.getAll(key) : fields.get(key);
      }
    }
    return out;
  };
  const FORMS = [
    [/^\/my\/lessons\/(\d+)\/complete\/$/, "lesson.completed", (m) => ({ lesson: +m[1] })],
    [/^\/my\/lessons\/(\d+)\/quizzes\/([^/]+)\/submit\/$/, "quiz.answered", (m, f) => ({
      lesson: +m[1], block: decode(m[2]), answers: prefixed(f, "q-", true),
    })],
    [/^\/my\/lessons\/(\d+)\/cases\/([^/]+)\/choose\/$/, "reflection.saved", (m, f) => ({
      lesson: +m[1], block: decode(m[2]), option: f.get("option") || "", other_text: f.get("other_text") || "",
    })],
    [/^\/my\/lessons\/(\d+)\/cases\/([^/]+)\/reflections\/$/, "reflection.saved", (m, f) => ({
      lesson: +m[1], block: decode(m[2]), reflections: prefixed(f, "reflection-"),
      share: f.get("share_reflections") === "1",
    })],
    [/^\/my\/lessons\/(\d+)\/decks\/([^/]+)\/notes\/$/, "dialogue.note", (m, f) => ({
      lesson: +m[1], block: decode(m[2]), card: f.get("card_id") || "", text: f.get("text") || "",
    })],
    [/^\/my\/lessons\/(\d+)\/activities\/([^/]+)\/$/, "activity.confirmed", (m) => ({
      lesson: +m[1], block: decode(m[2]),
    })],
    [/^\/my\/competences\/self-assessment\/([^/]+)\/$/, "selfassessment.saved", (m, f) => {
      const levels = {};
      for (const [id, level] of Object.entries(prefixed(f, "competency-"))) levels[id] = +level;
      return { framework: decode(m[1]), levels };
    }],
  ];

  function fromForm(path, fields) {
    for (const [pattern, type, read] of FORMS) {
      const match = path.match(pattern);
      if (match) return { type, data: read(match, fields) };
    }
    return null;
  }

  async function add(user, type, data, extra = {}) {
    const item = {
      id: uuid(),
      user: String(user),
      type,
      occurred_at: new Date().toISOString(),
      data,
      status: "waiting",
      ...extra,
    };
    await put("items", item);
    changed();
    return item;
  }

  async function items(user) {
    const mine = (await all("items")).filter((item) => item.user === String(user));
    return mine.sort((a, b) => a.occurred_at.localeCompare(b.occurred_at));
  }

  async function discard(id) {
    await remove("items", id);
    changed();
  }

  const meta = (key) => get("meta", key);
  const setMeta = async (key, value) => {
    await put("meta", value, key);
    changed();
  };

  function locked(work) {
    const locks = globalThis.navigator?.locks;
    return locks ? locks.request(NAME, work) : work();
  }

  async function post(batch, token) {
    return fetch("/api/sync/", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token || "" },
      body: JSON.stringify({
        items: batch.map(({ id, type, occurred_at, data }) => ({ id, type, occurred_at, data })),
      }),
    });
  }

  /* Send the user's waiting items, oldest first. Answers what happened:
     {sent, rejected, login, failed}. */
  function send(user, token) {
    return locked(async () => {
      const outcome = { sent: 0, rejected: 0, login: false, failed: false };
      if (!user) return outcome;
      let waiting = (await items(user)).filter((item) => item.status === "waiting");
      if (!waiting.length) return outcome;
      let size = BATCH;
      while (waiting.length) {
        const batch = waiting.slice(0, size);
        let response;
        try {
          response = await post(batch, token);
        } catch {
          outcome.failed = true; // offline again: try at the next chance
          break;
        }
        if (response.status === 403) {
          outcome.login = true;
          await setMeta(`login:${user}`, true);
          break;
        }
        if (response.status === 413) {
          if (size > 1) {
            size = Math.ceil(size / 2);
            continue;
          }
          // One item alone is too large: the server's reason, kept visible.
          const { error } = await response.json().catch(() => ({}));
          await put("items", { ...batch[0], status: "rejected", error: error || "413" });
          outcome.rejected += 1;
          waiting = waiting.slice(1);
          continue;
        }
        if (!response.ok) {
          outcome.failed = true;
          break;
        }
        const { results } = await response.json();
        const byId = new Map(results.map((result) => [result.id, result]));
        await run("items", "readwrite", (store) => {
          for (const item of batch) {
            const result = byId.get(item.id);
            if (result?.status === "stored" || result?.status === "duplicate") {
              store.delete(item.id);
              outcome.sent += 1;
            } else if (result?.status === "rejected") {
              store.put({ ...item, status: "rejected", error: result.error || "" });
              outcome.rejected += 1;
            }
          }
        });
        waiting = waiting.slice(batch.length);
      }
      if (!outcome.login && !outcome.failed) await remove("meta", `login:${user}`);
      changed();
      return outcome;
    });
  }

  globalThis.lmsQueue = {
    NAME, get, all, put, remove, meta, setMeta, add, items, discard, send, fromForm, uuid, changed,
  };
})();
