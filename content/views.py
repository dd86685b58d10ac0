"""Serving unpacked H5P files from storage.

Trust model: library folders are code (JavaScript and CSS that run in the lesson
page with the learner's session), so only users with
`content.install_h5p_library` can add or update them; the upload service keeps
everyone else to already-installed libraries. Content folders are data uploaded by
trainers: the upload allowlist keeps executable types (js, html, svg, php) out of
them, and the headers here make sure the browser never treats a file as anything
other than its declared type (`nosniff`), that only files with an extension an
upload may contain are served, and that a file opened directly, outside the
player, runs in a sandbox (`Content-Security-Policy: sandbox`, a unique origin
without scripts). The CSP only governs documents; scripts, styles and JSON that
the player fetches from the lesson page are unaffected by it, so the player
keeps working.
"""

import mimetypes
import posixpath

from django.core.exceptions import SuspiciousFileOperation
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponseForbidden
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from .h5p.storage import LIBRARIES_PREFIX, PREFIX
from .h5p.validation import CONTENT_EXTENSIONS, LIBRARY_EXTENSIONS

CONTENT_TYPES = {
    ".json": "application/json",
    ".js": "text/javascript",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".eot": "application/vnd.ms-fontobject",
    ".vtt": "text/vtt",
    ".webvtt": "text/vtt",
    ".gltf": "model/gltf+json",
    ".glb": "model/gltf-binary",
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".ogg": "audio/ogg",
    ".wav": "audio/wav",
    ".mp4": "video/mp4",
    ".webm": "video/webm",
    ".txt": "text/plain",
    ".xml": "application/xml",
}
# A file opened directly (not fetched by the player) is a sandboxed document
# with a unique origin: nothing it contains can run with the learner's session.
# Library SVGs may style themselves; content files may only show media.
LIBRARY_POLICY = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; frame-ancestors 'self'; sandbox"
)
CONTENT_POLICY = (
    "default-src 'none'; img-src 'self' data:; media-src 'self'; "
    "frame-ancestors 'self'; sandbox"
)
# Library folders are named by version, so a library file never changes under a
# URL (see the upload service for the one exception, patch updates).
LIBRARY_CACHE = "public, max-age=31536000, immutable"
CONTENT_CACHE = "private, max-age=3600"


def _storage_name(path: str) -> str:
    """The storage name for a URL path, or 404 if it could leave the prefix."""
    if not path or "\\" in path or "\x00" in path or path.startswith("/"):
        raise Http404
    segments = path.split("/")
    if any(segment in ("", ".", "..") for segment in segments):
        raise Http404
    name = posixpath.normpath(PREFIX + path)
    if not name.startswith(PREFIX) or name == PREFIX.rstrip("/"):
        raise Http404
    return name


def _content_type(name: str) -> str:
    extension = posixpath.splitext(name)[1].lower()
    if extension in CONTENT_TYPES:
        return CONTENT_TYPES[extension]
    guessed, _encoding = mimetypes.guess_type(name, strict=False)
    return guessed or "application/octet-stream"


@require_safe
def h5p_file(request, path: str):
    """Stream one file of an unpacked library or package from default storage.

    Without a login: 403, not the login page. The player asks for these files
    itself (scripts, styles, images); a login page is of no use to it, and each
    one rendered sets a new CSRF cookie, which replaced the one of the login
    form the person was filling in after a session ended offline."""
    if not request.user.is_authenticated:
        return HttpResponseForbidden(
            _("Please log in to load this exercise."), content_type="text/plain"
        )
    name = _storage_name(path)
    is_library = name.startswith(LIBRARIES_PREFIX)
    # Only what an upload may contain is ever served, whatever else the
    # storage holds.
    allowed = LIBRARY_EXTENSIONS if is_library else CONTENT_EXTENSIONS
    if posixpath.splitext(name)[1].lower().lstrip(".") not in allowed:
        raise Http404
    try:
        if not default_storage.exists(name):
            raise Http404
        handle = default_storage.open(name, "rb")
    except (OSError, ValueError, SuspiciousFileOperation) as error:
        # A folder, or a name the storage refuses.
        raise Http404 from error
    response = FileResponse(handle, content_type=_content_type(name))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        LIBRARY_POLICY if is_library else CONTENT_POLICY
    )
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = LIBRARY_CACHE if is_library else CONTENT_CACHE
    return response
