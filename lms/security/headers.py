"""Content-Security-Policy and the other protective response headers.

Every HTML response gets a policy: scripts only from our own origin (the
platform's pages have no inline scripts, so a kept page, lms/response_cache,
carries nothing made for one response), or with the response's nonce where a
page asks for one (`request.csp_nonce`, made on first use), no plugins, no
<base>, forms only to ourselves, framing only by ourselves (Wagtail's live
preview). The Wagtail admin gets its own, looser policy
(`CSP_ADMIN_*`), because its templates and widgets write inline styles and a
few inline scripts that we cannot give a nonce. Everything that is not a page
(JSON, downloads, files) gets `FILE_POLICY`: opened directly as a document it
runs sandboxed and may load nothing. A response that brings its own policy
(H5P files) keeps it. JavaScript responses get none: the policy of a service
worker's script would govern the worker itself.

SecurityMiddleware already sends nosniff, Referrer-Policy and
Cross-Origin-Opener-Policy on every response; Permissions-Policy is added here.
"""

import secrets

from django.conf import settings
from django.utils.functional import SimpleLazyObject, empty

# h5p-standalone writes the player frame (an about:blank iframe, which inherits
# this policy) with one fixed inline script; its hash allows exactly that one.
H5P_FRAME_SCRIPT = (
    "H5PIntegration = window.parent.H5PIntegration; var H5P = H5P || {}; "
    "H5P.externalEmbed = false;"
)
H5P_FRAME_SCRIPT_HASH = "'sha256-8CniZYrnO46q7MvZ3m08Wom1HH/ZhyXmm29kBKTV1rk='"

FILE_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox"

PAGE_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", H5P_FRAME_SCRIPT_HASH],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:", "blob:"],
    "media-src": ["'self'", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
)

JAVASCRIPT_TYPES = ("text/javascript", "application/javascript")


def _policy(nonce: str | None, *, admin: bool) -> str:
    directives = {name: list(sources) for name, sources in PAGE_POLICY.items()}
    directives["frame-src"] += settings.CSP_FRAME_SRC
    directives["img-src"] += settings.CSP_IMG_SRC
    if admin:
        directives["script-src"] += settings.CSP_ADMIN_SCRIPT_SRC
        directives["style-src"] += settings.CSP_ADMIN_STYLE_SRC
        directives["img-src"] += settings.CSP_ADMIN_IMG_SRC
    if "'unsafe-inline'" in directives["script-src"]:
        # A nonce or hash makes browsers ignore 'unsafe-inline': never mix them.
        directives["script-src"] = [
            source
            for source in directives["script-src"]
            if not source.startswith(("'sha256-", "'nonce-"))
        ]
    elif nonce is not None:
        directives["script-src"].append(f"'nonce-{nonce}'")
    if settings.CSP_REPORT_URI:
        directives["report-uri"] = [settings.CSP_REPORT_URI]
    return "; ".join(
        f"{name} {' '.join(dict.fromkeys(sources))}"
        for name, sources in directives.items()
    )


def _nonce_used(request) -> str | None:
    """The response's nonce if the page put it on a script, else None."""
    nonce = request.csp_nonce
    return None if nonce._wrapped is empty else str(nonce)


def _is_admin(request) -> bool:
    return request.path_info.startswith(settings.CSP_ADMIN_PREFIX)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = SimpleLazyObject(lambda: secrets.token_urlsafe(16))
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("X-Content-Type-Options", "nosniff")
        if "Content-Security-Policy" in response:
            return response
        content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
        disposition = response.get("Content-Disposition", "").lower()
        if disposition.startswith("attachment"):
            policy = FILE_POLICY
        elif content_type in ("text/html", "application/xhtml+xml"):
            policy = _policy(_nonce_used(request), admin=_is_admin(request))
        elif content_type in JAVASCRIPT_TYPES:
            return response
        else:
            policy = FILE_POLICY
        response[
            "Content-Security-Policy-Report-Only"
            if settings.CSP_REPORT_ONLY
            else "Content-Security-Policy"
        ] = policy
        return response
