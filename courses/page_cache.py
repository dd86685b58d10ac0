"""Content that is the same for every learner, kept between requests: which
page a URL path leads to, the site, and each course's outline (its live
modules and lessons, loaded with their bodies).

Where: in each worker process's memory, as loaded objects (nothing to
unpickle, and a lesson's blocks keep the snippets, packages and competencies
they loaded on first render). Whether an entry is still good is decided by
one *content version* kept in the shared cache (Redis in production), read
once per request: publishing, unpublishing, moving or deleting a page, a
change to a view restriction, a site, or to something a lesson's blocks load
(decks, cases, H5P packages, competencies, images, documents) sets a new
version (courses/receivers.py), and every worker drops what it kept at its
next request.

Nothing here depends on who asks: learners' progress, enrolments and activity
state are read from the database on every request and never cached, so a
learner never sees another learner's data and never a stale tick.

Only with a cache shared by all workers (REDIS_URL, or one process as in
tests and `runserver`): `COURSE_PAGE_CACHE` in the settings; without it every
request routes through Wagtail as before.
"""

import threading
import time
import uuid
from collections import OrderedDict

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

VERSION_KEY = "courses:content-version"
MAX_ENTRIES = 512
_local = threading.local()
_lock = threading.Lock()
_entries: OrderedDict = OrderedDict()
_entries_version: list[str] = [""]


def enabled() -> bool:
    return getattr(settings, "COURSE_PAGE_CACHE", False)


def content_version(request=None) -> str:
    """The current content version, read once per request (kept on it)."""
    if request is not None and hasattr(request, "_course_content_version"):
        return request._course_content_version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY, version)
    if request is not None:
        request._course_content_version = version
    return version


def content_changed() -> None:
    """A new content version: every worker forgets what it kept."""
    cache.set(VERSION_KEY, f"{time.time_ns():x}-{uuid.uuid4().hex[:8]}", None)


def remembered(request, key: tuple, compute):
    """`compute()`, kept in this process while the content version stays."""
    if not enabled():
        return compute()
    version = content_version(request)
    with _lock:
        if _entries_version[0] != version:
            _entries.clear()
            _entries_version[0] = version
        if key in _entries:
            _entries.move_to_end(key)
            return _entries[key]
    value = compute()
    with _lock:
        if _entries_version[0] == version:
            _entries[key] = value
            while len(_entries) > MAX_ENTRIES:
                _entries.popitem(last=False)
    return value


def forget_all() -> None:
    """Drop this process's entries (tests)."""
    with _lock:
        _entries.clear()
        _entries_version[0] = ""


def site_for(request) -> Site | None:
    """Wagtail's Site for the request, kept so that routing and `pageurl` do
    not look it up on every request."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    host = request._get_raw_host()
    site = remembered(
        request,
        ("site", host, request.get_port()),
        lambda: Site.find_for_request(request),
    )
    request._wagtail_site = site
    return site


RESTRICTED = "restricted"


def route(request, path: str):
    """(page, args, kwargs) for a path below the site root as Wagtail routes
    it, None for no page, or RESTRICTED. Kept only for pages without view
    restrictions (Wagtail checks those on every request, so they are served
    the usual way) and per active language (the site root is localised)."""
    site = site_for(request)
    if site is None:
        return None
    key = ("route", site.pk, translation.get_language(), path)

    def compute():
        result = Page.route_for_request(request, path)
        if result is not None and result[0].get_view_restrictions():
            return RESTRICTED
        return result

    return remembered(request, key, compute)
