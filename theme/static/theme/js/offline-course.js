/* "Make available offline" on a course page: stores the course with a
   progress bar (files and megabytes), then shows its size and date with
   "Update" and "Remove". A course changed on the server since it was stored
   (the page shows another version) is stored again on this visit. */
import {
  SpaceError, currentUser, day, fetchManifest, fill, megabytes, removeCourse,
  storeCourse, storedCourse, supported,
} from "./offline-store.js";

const panel = document.querySelector("[data-offline-course]");
const texts = panel?.dataset ?? {};
const $ = (name) => panel.querySelector(`[data-offline-${name}]`);
const message = $("message");
const bar = $("progress");
const buttons = { store: $("store"), update: $("update"), remove: $("remove") };
let user = "";
let busy = false;

function showStored(record) {
  message.textContent = record
    ? fill(texts.stored, { size: megabytes(record.bytes), date: day(record.storedAt) })
    : message.textContent;
  buttons.store.hidden = Boolean(record);
  buttons.update.hidden = buttons.remove.hidden = !record;
  const list = $("unavailable");
  list.replaceChildren();
  for (const item of record?.unavailable || []) {
    const li = document.createElement("li");
    li.textContent = `${texts.unavailable} ${item.title || item.url}`;
    list.append(li);
  }
  list.hidden = !list.children.length;
}

function progress({ files, total, bytes, totalBytes }) {
  const size = megabytes(totalBytes);
  bar.querySelector("progress").value = total ? Math.round((100 * files) / total) : 0;
  $("progress-text").textContent = fill(texts.progress, {
    files, total, bytes: megabytes(bytes), size,
  });
}

async function store(notice = texts.storing) {
  if (busy) return;
  busy = true;
  Object.values(buttons).forEach((button) => (button.disabled = true));
  try {
    const manifest = await fetchManifest(texts.manifest);
    message.textContent = `${notice} ${fill(texts.needs, { size: megabytes(manifest.total_bytes) })}`;
    bar.hidden = false;
    progress({ files: 0, total: manifest.files.length, bytes: 0, totalBytes: manifest.total_bytes });
    const { record } = await storeCourse(user, manifest, progress);
    showStored(record);
  } catch (error) {
    message.textContent = error instanceof SpaceError
      ? fill(texts.space, { size: megabytes(error.message) })
      : fill(texts.failed, { reason: error.message });
  } finally {
    bar.hidden = true;
    busy = false;
    Object.values(buttons).forEach((button) => (button.disabled = false));
  }
}

async function remove() {
  const record = await storedCourse(user, texts.course);
  if (record) await removeCourse(record);
  showStored(null);
  message.textContent = texts.removed;
}

async function start() {
  if (!panel || !supported()) return;
  user = await currentUser();
  if (!user) return;
  panel.hidden = false;
  buttons.store.addEventListener("click", () => store());
  buttons.update.addEventListener("click", () => store());
  buttons.remove.addEventListener("click", remove);
  const record = await storedCourse(user, texts.course);
  showStored(record);
  if (record && texts.version && record.version !== texts.version && navigator.onLine) {
    await store(texts.outdated);
  }
}

start();
