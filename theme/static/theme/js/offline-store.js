/* Courses stored on this device: a Cache Storage cache per course and
   version ("lms-course-u<user>-c<course>-<version>", which the service worker
   answers from when the network is gone) and a record in IndexedDB with the
   course's manifest, size and date.

   Storing downloads every URL of the course's offline manifest
   (courses/offline.py) into a new cache. A file whose URL and hash are
   already stored (in the course's previous version or another course) is
   copied from there, not downloaded again. Only when every file is in does
   the record point to the new cache and the old one go, so an interrupted
   update leaves the stored version as it was. */
import "./queue.js";

const queue = globalThis.lmsQueue;
const PARALLEL = 4;
const PREFIX = "lms-course-";

export const supported = () =>
  "serviceWorker" in navigator && "caches" in window && typeof indexedDB !== "undefined";

export function currentUser() {
  const mark = document.querySelector("[data-offline-user]");
  return mark ? Promise.resolve(mark.dataset.offlineUser) : queue.meta("user");
}

export async function storedCourses(user) {
  const records = (await queue.all("courses")).filter((record) => record.user === String(user));
  return records.sort((a, b) => a.title.localeCompare(b.title));
}

export const storedCourse = (user, course) => queue.get("courses", `${user}:${course}`);

export async function fetchManifest(url) {
  const response = await fetch(url, { credentials: "same-origin", cache: "no-store" });
  if (!response.ok) {
    const { error } = await response.json().catch(() => ({}));
    throw new Error(error || `${response.status}`);
  }
  return response.json();
}

export class SpaceError extends Error {}

async function copyFrom(name, url) {
  if (!name) return undefined;
  return (await caches.open(name)).match(url, { ignoreVary: true });
}

/* Store (or update) a course from its manifest. onProgress gets
   {files, total, bytes, totalBytes} after each file. */
export async function storeCourse(user, manifest, onProgress = () => {}) {
  const { course, version, files } = manifest;
  const { quota, usage } = (await navigator.storage?.estimate?.()) || {};
  if (quota && quota - usage < manifest.total_bytes) throw new SpaceError(manifest.total_bytes);
  navigator.storage?.persist?.();
  const name = `${PREFIX}u${user}-c${course.id}-${version}`;
  const cache = await caches.open(name);
  const known = new Map();
  for (const record of await storedCourses(user)) {
    for (const file of record.files) known.set(`${file.url}\n${file.hash}`, record.cache);
  }
  const progress = { files: 0, total: files.length, bytes: 0, totalBytes: manifest.total_bytes };
  const sizes = new Map();
  let next = 0;
  let failure = null;

  async function one(file) {
    const stored = await copyFrom(known.get(`${file.url}\n${file.hash}`), file.url);
    if (stored) return cache.put(file.url, stored).then(() => file.bytes);
    const page = file.kind === "page";
    const response = await fetch(file.url, {
      credentials: "same-origin",
      cache: page ? "no-store" : "default",
      headers: { "X-Offline-Download": "1" }, // not a visit; not cached twice
    });
    if (!response.ok || response.redirected) throw new Error(`${response.status} ${file.url}`);
    if (!page) return cache.put(file.url, response).then(() => file.bytes);
    const body = await response.blob();
    await cache.put(file.url, new Response(body, response));
    return body.size;
  }

  async function worker() {
    while (next < files.length && !failure) {
      const file = files[next++];
      try {
        sizes.set(file.url, await one(file));
      } catch (error) {
        failure = error;
        return;
      }
      progress.files += 1;
      progress.bytes += file.bytes;
      onProgress({ ...progress });
    }
  }

  await Promise.all(Array.from({ length: PARALLEL }, worker));
  if (failure) {
    await caches.delete(name);
    throw failure;
  }
  const old = await storedCourse(user, course.id);
  const record = {
    key: `${user}:${course.id}`,
    user: String(user),
    course: course.id,
    title: course.title,
    url: course.url,
    manifest: manifest.manifest,
    version,
    cache: name,
    bytes: [...sizes.values()].reduce((sum, size) => sum + size, 0),
    files: files.map(({ url, hash, bytes, kind, title }) => ({ url, hash, bytes: sizes.get(url) ?? bytes, kind, title })),
    unavailable: manifest.unavailable,
    storedAt: new Date().toISOString(),
  };
  await queue.put("courses", record);
  await dropOthers(user, course.id, name);
  queue.changed();
  return { record, old };
}

async function dropOthers(user, course, keep) {
  const prefix = `${PREFIX}u${user}-c${course}-`;
  for (const name of await caches.keys()) {
    if (name.startsWith(prefix) && name !== keep) await caches.delete(name);
  }
}

export async function removeCourse(record) {
  await dropOthers(record.user, record.course, null);
  await queue.remove("courses", record.key);
  queue.changed();
}

/* Formatting for the lists and the progress. */
const lang = () => document.documentElement.lang || undefined;

export function megabytes(bytes) {
  const mb = Math.max(bytes / 1e6, 0.1);
  return `${new Intl.NumberFormat(lang(), { maximumFractionDigits: 1 }).format(mb)} MB`;
}

export function day(iso) {
  return new Intl.DateTimeFormat(lang(), { dateStyle: "long" }).format(new Date(iso));
}

export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_, key) => values[key] ?? "");
}
