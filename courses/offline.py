"""A course's offline manifest: every URL a learner needs to take the course
without a network, computed from the course's content rather than by crawling,
so that nothing is missed and nothing is fetched twice.

The browser (theme/static/theme/js/offline-store.js) fetches the manifest,
stores each URL in a Cache Storage cache named for the course's `version`, and
on the next online visit compares that version with the one the course page
shows: when it differs, the course is stored again and files whose hash did
not change are copied from the old cache instead of downloaded.

What each entry's `hash` is:
- files (images, documents, media, H5P files, static files): the SHA-256 of
  their bytes, remembered in the cache by name, size and modification time;
- pages: a hash of the course's `version` and the page's id. A page shows the
  whole course outline and the learner's progress, so any republished page or
  completed lesson changes every page of the course; they are refreshed
  together. `bytes` of a page is an estimate (marked `estimated`): the page is
  rendered for the learner only when it is fetched.

The `version` is a hash of the app version, the course, its live modules and
their live lessons as the course page lists them (id, path, latest revision,
publication time) and which of the lessons the learner completed: it changes
whenever a page is published, moved, unpublished or a lesson completed.
Decks and cases are snippets without revisions; an edit to one reaches stored
pages when the learner opens them online (the service worker refreshes the
stored pages it fetches) or at the next republication. So does a document or
image replaced under the same id.
"""

import hashlib
import json
import os
import re
from dataclasses import asdict, dataclass, field
from functools import cache

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.cache import cache as django_cache
from django.core.files.storage import default_storage
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.documents import get_document_model
from wagtail.models import Page

from content.h5p.selectors import h5p_library_files, h5p_package_files
from content.h5p.storage import h5p_file_url
from theme import pwa

from .models import CoursePage, LessonPage, LessonProgress
from .selectors import CourseOutline, course_outline

# A page fetched to be stored offline is not a visit: the lesson view reads
# progress instead of recording a visit when the request carries this header.
DOWNLOAD_HEADER = "X-Offline-Download"
# The rendition content/templates/content/blocks/image.html shows.
IMAGE_RENDITION = "width-960"
# Static files that come with a kind of block (their templates load them).
BLOCK_STATIC = {
    "deck": ["theme/js/deck.js"],
    "h5p": ["theme/css/h5p.css", "theme/js/h5p-player.js"],
}
H5P_PLAYER_STATIC = "h5p-standalone"
PLAYER_SKIPPED = (".txt", ".ts", ".map")
# Estimating a page: the markup around every page, plus its content's size.
PAGE_BASE_BYTES = 9_000
CHUNK_BYTES = 1024 * 1024
HASH_CACHE_SECONDS = 30 * 24 * 3600
DOCUMENT_LINK = re.compile(r"<a\b[^>]*\blinktype=\"document\"[^>]*>")
LINK_ID = re.compile(r"\bid=\"(\d+)\"")


def is_offline_download(request) -> bool:
    return request.headers.get(DOWNLOAD_HEADER) == "1"


def lesson_progress(user: AbstractBaseUser, lesson: LessonPage):
    """The learner's progress in the lesson as it is, without recording a visit."""
    return LessonProgress.objects.filter(user=user, lesson=lesson).first()


@dataclass(frozen=True)
class OfflineFile:
    url: str
    bytes: int
    hash: str
    kind: str  # page, image, document, media, h5p, static
    title: str = ""
    estimated: bool = False

    def as_json(self) -> dict:
        entry = {"url": self.url, "bytes": self.bytes, "hash": self.hash}
        entry |= {"kind": self.kind}
        if self.title:
            entry["title"] = self.title
        if self.estimated:
            entry["estimated"] = True
        return entry


@dataclass(frozen=True)
class Unavailable:
    """Something a page shows that cannot be stored (an embedded video)."""

    url: str
    title: str
    page: str
    reason: str

    def as_json(self) -> dict:
        return asdict(self)


@dataclass
class OfflineManifest:
    course: CoursePage
    url: str
    version: str
    files: list[OfflineFile] = field(default_factory=list)
    unavailable: list[Unavailable] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(entry.bytes for entry in self.files)

    def as_json(self) -> dict:
        return {
            "course": {
                "id": self.course.pk,
                "title": self.course.title,
                "url": self.url,
            },
            "manifest": reverse("course-offline-manifest", args=[self.course.pk]),
            "version": self.version,
            "total_bytes": self.total_bytes,
            "files": [entry.as_json() for entry in self.files],
            "unavailable": [entry.as_json() for entry in self.unavailable],
        }


def course_offline_version(
    user: AbstractBaseUser, course: CoursePage, outline: CourseOutline | None = None
) -> str:
    """From the course outline (the course page has it already: no query):
    the course, its live modules and lessons, and which the learner completed."""
    outline = outline or course_outline(user, course)
    pages = [course]
    for module in outline.modules:
        pages += [module, *module.lessons]
    digest = hashlib.sha256(f"{pwa.app_version()}\n{user.pk}\n".encode())
    for page in pages:
        row = (
            page.pk,
            page.path,
            page.url_path,
            page.latest_revision_id,
            page.last_published_at,
            getattr(page, "completed", ""),
        )
        digest.update(("\t".join(str(value) for value in row) + "\n").encode())
    return digest.hexdigest()[:24]


def _sha256(handle) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK_BYTES):
        digest.update(chunk)
    return digest.hexdigest()


def _remembered(key: str, compute) -> str:
    cache_key = "offline-sha256:" + hashlib.sha256(key.encode()).hexdigest()
    value = django_cache.get(cache_key)
    if value is None:
        value = compute()
        django_cache.set(cache_key, value, HASH_CACHE_SECONDS)
    return value


def _storage_file(storage, name: str, label: str) -> tuple[int, str]:
    """(size, sha256) of a file in a Django storage."""
    size = storage.size(name)
    try:
        stamp = storage.get_modified_time(name).timestamp()
    except (NotImplementedError, OSError):
        stamp = ""

    def compute():
        with storage.open(name, "rb") as handle:
            return _sha256(handle)

    return size, _remembered(f"{label}\0{name}\0{size}\0{stamp}", compute)


def _static_file(name: str) -> tuple[int, str] | None:
    """(size, sha256) of a static file as it is served: the post-processed
    copy after collectstatic with hashed names, else the source file."""
    if not settings.DEBUG and hasattr(staticfiles_storage, "stored_name"):
        try:
            stored = staticfiles_storage.stored_name(name)
        except ValueError:  # no manifest: collectstatic has not run
            stored = None
        if stored and staticfiles_storage.exists(stored):
            return _storage_file(staticfiles_storage, stored, "static")
    path = finders.find(name)
    if not path:
        return None
    stat = os.stat(path)

    def compute():
        with open(path, "rb") as handle:
            return _sha256(handle)

    key = f"source\0{path}\0{stat.st_size}\0{stat.st_mtime_ns}"
    return stat.st_size, _remembered(key, compute)


@cache
def _static_names_under(prefix: str) -> tuple[str, ...]:
    """The static files below a folder, by their names (not URLs)."""
    hashed = getattr(staticfiles_storage, "hashed_files", None)
    if hashed:
        names = {name for name in hashed if name.startswith(f"{prefix}/")}
    else:
        names = set()
        for finder in finders.get_finders():
            for path, storage in finder.list([]):
                storage_prefix = getattr(storage, "prefix", None)
                name = f"{storage_prefix}/{path}" if storage_prefix else path
                name = name.replace(os.sep, "/")
                if name.startswith(f"{prefix}/"):
                    names.add(name)
    return tuple(sorted(n for n in names if not n.endswith(PLAYER_SKIPPED)))


class _Files:
    """The manifest's entries, each URL once."""

    def __init__(self):
        self.entries: dict[str, OfflineFile] = {}

    def add(self, url, size, digest, kind, title="", estimated=False):
        if url not in self.entries:
            self.entries[url] = OfflineFile(url, size, digest, kind, title, estimated)

    def static(self, name: str) -> None:
        found = _static_file(name)
        if found is None:
            return
        size, digest = found
        urls = pwa.module_urls(name) if name.endswith(".js") else [static(name)]
        for url in urls:
            self.add(url, size, digest, "static")

    def stored(self, name: str, url: str, kind: str, title: str = "") -> None:
        size, digest = _storage_file(default_storage, name, "media")
        self.add(url, size, digest, kind, title)


def _raw(stream) -> list:
    """A StreamField value's stored JSON, as plain lists and dicts."""
    return [] if stream is None else list(stream.raw_data)


def _page_estimate(page: Page) -> int:
    raw = json.dumps(_raw(getattr(page, "body", None)), ensure_ascii=False, default=str)
    return PAGE_BASE_BYTES + len(raw.encode())


def _snippet_size(snippet) -> int:
    """A deck's or case's text, twice: each card or option comes with markup."""
    fields = [getattr(snippet, name, None) for name in ("themes", "options")]
    raw = [_raw(value) for value in fields]
    return 2 * len(json.dumps(raw, ensure_ascii=False, default=str).encode())


def _snippet_estimate(block) -> int:
    """Decks and cases sit in a lesson by id: their text adds to the page."""
    snippet = block.value.get("deck") or block.value.get("case")
    return _snippet_size(snippet) if snippet is not None else 0


def _document_links(raw) -> set[int]:
    """Ids of documents linked from rich text anywhere in a block's raw data."""
    found: set[int] = set()
    if isinstance(raw, str):
        for link in DOCUMENT_LINK.findall(raw):
            if match := LINK_ID.search(link):
                found.add(int(match.group(1)))
    elif isinstance(raw, dict):
        for value in raw.values():
            found |= _document_links(value)
    elif isinstance(raw, list):
        for value in raw:
            found |= _document_links(value)
    return found


@dataclass
class _Found:
    """What the lessons of a course use, gathered before files are looked up."""

    kinds: set[str] = field(default_factory=set)
    documents: dict[int, str] = field(default_factory=dict)  # id → kind
    packages: dict = field(default_factory=dict)
    decks: dict = field(default_factory=dict)
    unavailable: list[Unavailable] = field(default_factory=list)


def _lesson_blocks(lesson: LessonPage, url: str, files: _Files, found: _Found) -> int:
    """Note what the lesson's blocks need; answers the page's estimated size."""
    size = _page_estimate(lesson)
    for block in lesson.body:
        kind, value = block.block_type, block.value
        found.kinds.add(kind)
        if kind in ("deck", "case"):
            size += _snippet_estimate(block)
        if kind == "image" and value.get("image"):
            image = value["image"]
            try:
                rendition = image.get_rendition(IMAGE_RENDITION)
                files.stored(rendition.file.name, rendition.url, "image", image.title)
            except OSError:  # the image's file is gone (SourceImageIOError too)
                missing = _("The image file is missing.")
                found.unavailable.append(Unavailable("", image.title, url, missing))
        elif kind == "document" and value.get("document"):
            found.documents.setdefault(value["document"].pk, "document")
        elif kind == "media_file" and value.get("file"):
            found.documents[value["file"].pk] = "media"
        elif kind == "embed" and value.get("embed"):
            online = _("Embedded from another website: only available online.")
            found.unavailable.append(
                Unavailable(value["embed"].url, value.get("title", ""), url, online)
            )
        elif kind == "h5p" and value.get("package"):
            found.packages[value["package"].pk] = value["package"]
        elif kind == "deck" and value.get("deck"):
            found.decks[value["deck"].pk] = value["deck"]
    for document_id in _document_links(_raw(lesson.body)):
        found.documents.setdefault(document_id, "document")
    return size


def _documents(files: _Files, found: _Found) -> None:
    documents = get_document_model().objects.filter(pk__in=found.documents)
    for document in documents.order_by("pk"):
        kind = found.documents[document.pk]
        try:
            files.stored(document.file.name, document.url, kind, document.title)
        except OSError:
            missing = _("The file is missing.")
            found.unavailable.append(
                Unavailable(document.url, document.title, "", missing)
            )


def _h5p(files: _Files, found: _Found) -> None:
    """Each package's content, its libraries and the player's own files."""
    for package in found.packages.values():
        folders = [(package.storage_path, h5p_package_files(package=package))]
        for library in package.libraries.order_by("machine_name", "major_version"):
            folders.append((library.storage_path, h5p_library_files(library=library)))
        for folder, listed in folders:
            for relative, _size in listed:
                name = f"{folder}/{relative}"
                files.stored(name, h5p_file_url(name), "h5p")
    if found.packages:
        for name in _static_names_under(H5P_PLAYER_STATIC):
            files.static(name)


def course_offline_manifest(
    *, user: AbstractBaseUser, course: CoursePage, request=None
) -> OfflineManifest:
    outline = course_outline(user, course)
    version = course_offline_version(user, course, outline)

    def page(url: str, size: int, key, title: str) -> None:
        digest = hashlib.sha256(f"{version}:{key}".encode()).hexdigest()
        files.add(url, size, digest, "page", title, estimated=True)

    files = _Files()
    found = _Found()
    course_url = course.get_url(request)
    page(course_url, _page_estimate(course), course.pk, course.title)
    for lesson in (lesson for module in outline.modules for lesson in module.lessons):
        url = lesson.get_url(request)
        page(url, _lesson_blocks(lesson, url, files, found), lesson.pk, lesson.title)
    for deck in found.decks.values():
        url = reverse("deck-print", args=[deck.pk])
        page(url, PAGE_BASE_BYTES + _snippet_size(deck), url, deck.title)
    _documents(files, found)
    _h5p(files, found)
    for name in pwa.SHELL_CSS + pwa.SHELL_JS:
        files.static(name)
    for kind in sorted(found.kinds & BLOCK_STATIC.keys()):
        for name in BLOCK_STATIC[kind]:
            files.static(name)
    return OfflineManifest(
        course=course,
        url=course_url,
        version=version,
        files=list(files.entries.values()),
        unavailable=found.unavailable,
    )
