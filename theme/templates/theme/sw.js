/* The learning platform's service worker, app version {{ version }}.

   Caches, all named "lms-…":
   - lms-shell-<app version>: the offline page, CSS, scripts and icons, stored
     when this worker installs;
   - lms-static-<app version>: static and H5P library files fetched since
     (not those fetched to store a course: they go to its cache only);
   - lms-course-u<user>-c<course>-<course version>: a course stored for
     offline use (theme/static/theme/js/offline-store.js), one per course;
   - lms-pages-u<user>: My learning, Offline on this device and the
     self-assessment, as last seen online.
   Shell and static caches of other app versions go when this worker takes
   over; course caches go when their course is stored again or removed.

   Pages: network first; offline, the learner's stored copy, else the offline
   page. Static and H5P files: this version's caches first, then the network,
   then any stored copy. Other files (images, documents, media): network first,
   then the learner's stored copy, with byte ranges for audio and video.
   A form the page could not send (the network failed after the page thought
   it was online) is queued like an offline action (queue.js). */
"use strict";

const VERSION = {{ version_json|safe }};
const SHELL = `lms-shell-${VERSION}`;
const STATIC = `lms-static-${VERSION}`;
const SHELL_URLS = {{ shell_json|safe }};
const OFFLINE_URL = "{{ offline_url|escapejs }}";
const STATIC_URL = "{{ static_url|escapejs }}";
const CSRF_COOKIE = "{{ csrf_cookie_name|escapejs }}";
const IMMUTABLE = [STATIC_URL, "/h5p/libraries/", "/h5p/content/"];
const SHARED = [STATIC_URL, "/h5p/libraries/"]; // worth keeping for every course
const PERSONAL = [/^\/my\/$/, /^\/my\/offline\/$/, /^\/my\/competences\/self-assessment\/[^/]+\/$/];
const ANY = { ignoreVary: true };

importScripts("{{ queue_url|escapejs }}");
const queue = self.lmsQueue;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      .then((cache) => cache.addAll(SHELL_URLS.map((url) => new Request(url, { cache: "reload" }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        const app = name.startsWith("lms-shell-") || name.startsWith("lms-static-");
        if (app && name !== SHELL && name !== STATIC) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

async function user() {
  return (await queue.meta("user").catch(() => "")) || "";
}

/* The caches of the person last seen logged in on this device. */
async function personal() {
  const id = await user();
  if (!id) return [];
  const names = await caches.keys();
  return names.filter((name) => name.startsWith(`lms-course-u${id}-`) || name === `lms-pages-u${id}`);
}

async function stored(request) {
  for (const name of await personal()) {
    const hit = await (await caches.open(name)).match(request, ANY);
    if (hit) return hit;
  }
  return undefined;
}

/* A page fetched online replaces its stored copy, if it is the same person's. */
async function keep(request, response) {
  const id = await user();
  if (!id || !(response.headers.get("Content-Type") || "").includes("text/html")) return;
  const html = await response.text();
  if (!html.includes(`data-offline-user="${id}"`)) return;
  const copy = () => new Response(html, response);
  for (const name of await personal()) {
    const cache = await caches.open(name);
    if (await cache.match(request, ANY)) await cache.put(request.url, copy());
  }
  if (PERSONAL.some((pattern) => pattern.test(new URL(request.url).pathname))) {
    await (await caches.open(`lms-pages-u${id}`)).put(request.url, copy());
  }
}

async function page(event) {
  try {
    const response = await fetch(event.request);
    // After a redirect the page may show a one-off message: not worth keeping.
    if (response.ok && !response.redirected) event.waitUntil(keep(event.request, response.clone()));
    return response;
  } catch {
    return (await stored(event.request)) || (await caches.match(OFFLINE_URL, ANY)) || Response.error();
  }
}

async function immutable(request) {
  for (const name of [SHELL, STATIC]) {
    const hit = await (await caches.open(name)).match(request, ANY);
    if (hit) return hit;
  }
  try {
    const response = await fetch(request);
    // Files fetched to store a course go to its cache; not twice.
    const storing = request.headers.has("X-Offline-Download");
    const shared = SHARED.some((prefix) => new URL(request.url).pathname.startsWith(prefix));
    if (response.status === 200 && response.type === "basic" && shared && !storing) {
      const copy = response.clone();
      caches.open(STATIC).then((cache) => cache.put(request, copy));
    }
    return response;
  } catch (error) {
    const hit = await caches.match(request, ANY);
    if (hit) return hit;
    throw error;
  }
}

/* Audio and video ask for byte ranges; a stored file answers them itself. */
async function ranged(response, header) {
  const blob = await response.blob();
  const [, from, to] = /bytes=(\d*)-(\d*)/.exec(header) || [];
  let start = from ? Number(from) : Math.max(0, blob.size - Number(to));
  let end = from && to ? Math.min(Number(to), blob.size - 1) : blob.size - 1;
  if (start > end) [start, end] = [0, blob.size - 1];
  return new Response(blob.slice(start, end + 1), {
    status: 206,
    headers: {
      "Content-Type": response.headers.get("Content-Type") || "application/octet-stream",
      "Content-Range": `bytes ${start}-${end}/${blob.size}`,
      "Content-Length": String(end - start + 1),
    },
  });
}

async function networkFirst(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const hit = await stored(request);
    if (!hit) throw error;
    const range = request.headers.get("Range");
    return range ? ranged(hit, range) : hit;
  }
}

async function submit(request) {
  const copy = request.clone();
  try {
    return await fetch(request);
  } catch (error) {
    const id = await user();
    const path = new URL(request.url).pathname;
    const item = queue.fromForm(path, new URLSearchParams(await copy.text()));
    if (!id || !item) throw error;
    await queue.add(id, item.type, item.data, { path });
    return Response.redirect(request.referrer || OFFLINE_URL, 303);
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith("/admin/")) return;
  if (request.method === "POST") {
    if (request.mode === "navigate" && queue.fromForm(url.pathname, new URLSearchParams())) {
      event.respondWith(submit(request));
    }
    return;
  }
  if (request.method !== "GET") return;
  if (IMMUTABLE.some((prefix) => url.pathname.startsWith(prefix))) {
    event.respondWith(immutable(request));
  } else if (request.mode === "navigate") {
    event.respondWith(page(event));
  } else {
    event.respondWith(networkFirst(request));
  }
});

/* Background Sync: the browser wakes this worker when the network is back,
   even with no page of the platform open. */
async function sendQueue() {
  const cookie = await self.cookieStore?.get(CSRF_COOKIE).catch(() => null);
  const token = cookie?.value || (await queue.meta("csrf"));
  const outcome = await queue.send(await user(), token);
  if (outcome.failed) throw new Error("The network failed; the browser tries again.");
}

self.addEventListener("sync", (event) => {
  if (event.tag === "lms-sync") event.waitUntil(sendQueue());
});
