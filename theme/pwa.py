"""The installable app: its version, the files of its shell and its icons.

The version names the service worker's caches, so a deploy that changes any
static file (or the platform's version) gives the app new caches and the old
ones are deleted when the new worker takes over. It is `settings.APP_VERSION`
(or the `APP_VERSION` environment variable: a build id) when set; otherwise the
version from pyproject.toml and a digest of the static files: the manifest of
hashed names after `collectstatic`, or names, sizes and modification times of
the source files where there is none (development, tests).
"""

import hashlib
import os
import re
import tomllib
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.templatetags.static import static

# What every page loads (base.html): the offline page and these come from the
# app's own cache when the network is gone.
SHELL_CSS = [
    "theme/css/main.css",
    "theme/css/dialogue.css",
    "theme/css/case.css",
    "theme/css/quiz.css",
    "theme/css/print.css",
]
# ES modules: the entry points are loaded by their static URL, the rest are
# imported by relative path (unhashed names after collectstatic): both kept.
SHELL_JS = [
    "theme/js/offline.js",
    "theme/js/queue.js",
    "theme/js/offline-store.js",
    "theme/js/offline-course.js",
    "theme/js/offline-page.js",
]
ICONS = [
    ("theme/icons/icon-192.png", 192, "any"),
    ("theme/icons/icon-512.png", 512, "any"),
    ("theme/icons/icon-maskable-192.png", 192, "maskable"),
    ("theme/icons/icon-maskable-512.png", 512, "maskable"),
]
THEME_CSS = "theme/css/main.css"


def _package_version() -> str:
    try:
        return metadata.version("lms")
    except metadata.PackageNotFoundError:
        pyproject = Path(settings.BASE_DIR) / "pyproject.toml"
        with pyproject.open("rb") as handle:
            return tomllib.load(handle)["project"]["version"]


def _static_digest() -> str:
    digest = hashlib.sha256()
    hashed = getattr(staticfiles_storage, "hashed_files", None)
    if hashed:
        for name in sorted(hashed):
            digest.update(f"{name}\0{hashed[name]}\n".encode())
        return digest.hexdigest()
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            full = storage.path(path)
            stat = os.stat(full)
            prefix = getattr(storage, "prefix", None) or ""
            digest.update(
                f"{prefix}/{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode()
            )
    return digest.hexdigest()


@cache
def _computed_version() -> str:
    return f"{_package_version()}-{_static_digest()[:12]}"


def app_version() -> str:
    configured = getattr(settings, "APP_VERSION", "") or os.environ.get(
        "APP_VERSION", ""
    )
    if configured:
        return configured
    if settings.DEBUG:  # static files change while the development server runs
        _computed_version.cache_clear()
    return _computed_version()


def module_urls(name: str) -> list[str]:
    """The URLs a module is requested by: its static URL, and the plain one
    that relative imports resolve to when static URLs carry hashes."""
    urls = [static(name)]
    plain = f"{settings.STATIC_URL}{name}"
    if plain not in urls:
        urls.append(plain)
    return urls


def shell_static_names() -> list[str]:
    return [*SHELL_CSS, *SHELL_JS, *(icon for icon, _size, _purpose in ICONS)]


def shell_urls() -> list[str]:
    """The static URLs the service worker stores when it installs."""
    urls = [static(name) for name in SHELL_CSS]
    for name in SHELL_JS:
        urls.extend(module_urls(name))
    urls.extend(static(icon) for icon, _size, _purpose in ICONS)
    return urls


@cache
def theme_colours() -> dict[str, str]:
    """The colours of the theme, read from main.css's custom properties so the
    installed app's title bar matches the site header."""
    path = finders.find(THEME_CSS)
    text = Path(path).read_text(encoding="utf-8") if path else ""
    found = dict(re.findall(r"--([\w-]+):\s*(#[0-9a-fA-F]{3,8})\s*;", text))
    return {
        "theme": found.get("color-primary-dark", "#083d6d"),
        "background": found.get("color-bg", "#ffffff"),
    }
