"""Whole pages kept per session: a learner's lesson page, course page and My
learning answered from the cache without routing, queries or templates.

Why: a whole organisation opens the same yearly training in the same week,
on cheap phones; these three pages are most of what they ask for, and most
asks repeat a page nothing has changed on since. Moodle's answer is caches
below the page; answering the page itself costs a fraction of rendering it.

A view opts in with `keep(response, seconds)`. The page is then stored,
compressed, under a key made of everything the request brings that could
change it: the session (its key and its whole content, so the login, its
second factor and any choice kept there), host, scheme, path, the language
and CSRF cookies, Accept-Language and today's date; and it carries the
versions it was rendered under (versions.py). It is answered again only to
the same session, while those versions stay and for at most `seconds`.

Never kept: anything but a GET without a query string on a path of
RESPONSE_CACHE_PATHS; a request without a logged-in session or with
messages waiting; a response that is not a plain 200, that sets a cookie or
leaves messages behind.

The CSRF token in a kept page was masked once, when it was rendered; BREACH
needs a page that reflects what an attacker sends beside the secret, and a
kept page reflects nothing of the request: it changes only by being rendered
again, which masks anew.
"""

import gzip
import json
import re
import time
from contextlib import contextmanager
from contextvars import ContextVar
from hashlib import blake2b
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from . import versions

ENTRY_KEY = "response-cache:page:{}"
# Where django.contrib.messages keeps messages waiting for the next page.
MESSAGES_SESSION_KEY = "_messages"
MESSAGES_COOKIE = "messages"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")
GZIP = re.compile(r"\bgzip\b")
NOT_KEPT_HEADERS = ("content-length", "content-encoding")

_acting: ContextVar[str | None] = ContextVar("response_cache_acting", default=None)


def acting_user_id() -> str | None:
    """The user of the request that may write, now running (receivers.py:
    their own changes are covered when the request ends)."""
    return _acting.get()


@contextmanager
def changes_by(user_id):
    """Within: changes to this person's own rows replace their version once,
    at the end, as a request of theirs does (receivers skip them meanwhile)."""
    token = _acting.set(str(user_id))
    try:
        yield
    finally:
        _acting.reset(token)
        versions.people_changed([user_id])


def keep(response, seconds: int):
    """Let this page be answered again to the same session for `seconds`."""
    response.keep_for_session = seconds
    return response


class Entry(NamedTuple):
    versions: tuple
    fresh_until: float
    headers: tuple
    gzipped: bytes


def _entry_key(request) -> str:
    session = request.session
    cookies = request.COOKIES
    material = "\n".join(
        (
            session.session_key or "",
            request.META.get("HTTP_HOST", ""),
            "https" if request.is_secure() else "http",
            request.path,
            cookies.get(settings.LANGUAGE_COOKIE_NAME, ""),
            cookies.get(settings.CSRF_COOKIE_NAME, ""),
            request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            timezone.localdate().isoformat(),
            json.dumps(dict(session.items()), sort_keys=True, default=str),
        )
    )
    return ENTRY_KEY.format(blake2b(material.encode(), digest_size=20).hexdigest())


def _sets_cookies(request, response) -> bool:
    """Cookies other than Django's renewal of the CSRF cookie the request
    brought (sent again with every form to extend its life; a kept page goes
    within minutes, and its next rendering renews it)."""
    renewed = response.cookies.get(settings.CSRF_COOKIE_NAME)
    if renewed is not None and renewed.value == request.COOKIES.get(
        settings.CSRF_COOKIE_NAME
    ):
        return len(response.cookies) > 1
    return bool(response.cookies)


def _accepts_gzip(request) -> bool:
    return bool(GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


class ResponseCacheMiddleware:
    """Right below SessionMiddleware: a kept page skips everything else."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "RESPONSE_CACHE", False)
        self.paths = re.compile(settings.RESPONSE_CACHE_PATHS)

    def __call__(self, request):
        if not self.enabled:
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            return self._may_write(request)
        if not self._may_keep(request):
            return self.get_response(request)
        session = request.session
        user_id = session.get(SESSION_KEY)
        if user_id is None or MESSAGES_SESSION_KEY in session:
            return self.get_response(request)
        shared = versions.shared_version_keys()
        person = versions.person_key(user_id)
        key = _entry_key(request)
        found = cache.get_many([*shared, person, key])
        current = tuple(found.get(name) for name in (*shared, person))
        entry = found.get(key)
        if (
            entry is not None
            and entry.versions == current
            and entry.fresh_until > time.time()
        ):
            return self._answer(request, entry)
        response = self.get_response(request)
        self._store(request, response, user_id, current)
        return response

    def _may_keep(self, request) -> bool:
        return (
            request.method == "GET"
            and not request.META.get("QUERY_STRING")
            and settings.SESSION_COOKIE_NAME in request.COOKIES
            and MESSAGES_COOKIE not in request.COOKIES
            and self.paths.match(request.path_info) is not None
        )

    def _may_write(self, request):
        """Whoever is logged in before and after: their kept pages go."""
        before = request.session.get(SESSION_KEY)
        token = _acting.set(before)
        try:
            response = self.get_response(request)
        finally:
            _acting.reset(token)
        versions.people_changed({before, request.session.get(SESSION_KEY)})
        return response

    def _store(self, request, response, user_id, current) -> None:
        seconds = getattr(response, "keep_for_session", None)
        if (
            not seconds
            or response.status_code != 200
            or response.streaming
            or _sets_cookies(request, response)
            or request.session.get(SESSION_KEY) != user_id
            or MESSAGES_SESSION_KEY in request.session
        ):
            return
        if current[-1] is None:
            versions.person_version_start(user_id)
        if None in current:
            return  # a version was missing: kept from the next request on
        gzipped = gzip.compress(response.content, compresslevel=6, mtime=0)
        headers = tuple(
            (name, value)
            for name, value in response.items()
            if name.lower() not in NOT_KEPT_HEADERS
        )
        entry = Entry(current, time.time() + seconds, headers, gzipped)
        # Keyed by the session as the request leaves it (a first page may
        # have written to it): the state the next request brings.
        cache.set(_entry_key(request), entry, timeout=seconds)
        if _accepts_gzip(request):  # GZipMiddleware leaves it as it is
            response.content = gzipped
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(gzipped))
            patch_vary_headers(response, ("Accept-Encoding",))

    def _answer(self, request, entry: Entry) -> HttpResponse:
        compressed = _accepts_gzip(request)
        body = entry.gzipped if compressed else gzip.decompress(entry.gzipped)
        response = HttpResponse(body)
        for name, value in entry.headers:
            response[name] = value
        if compressed:
            response["Content-Encoding"] = "gzip"
        response["Content-Length"] = str(len(body))
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
