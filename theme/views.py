"""The installable app: web manifest, service worker and the offline pages."""

import json

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import pwa


@require_safe
def web_manifest(request):
    """The web app manifest, in the learner's language (the page links it with
    credentials, so the language cookie comes along)."""
    colours = pwa.theme_colours()
    manifest = {
        "id": "/my/",
        "name": _("Learning platform"),
        "short_name": _("My learning"),
        "description": _("A learning platform for digital skills in social work."),
        "lang": get_language(),
        "dir": "ltr",
        "start_url": reverse("my-learning"),
        "scope": "/",
        "display": "standalone",
        "theme_color": colours["theme"],
        "background_color": colours["background"],
        "icons": [
            {
                "src": static(name),
                "sizes": f"{size}x{size}",
                "type": "image/png",
                "purpose": purpose,
            }
            for name, size, purpose in pwa.ICONS
        ],
    }
    response = JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-cache"
    patch_vary_headers(response, ["Cookie", "Accept-Language"])
    return response


@require_safe
def service_worker(request):
    """The service worker, at the root so that its scope is the whole site; the
    browser checks it for a new version on every navigation (no-cache)."""
    shell = [reverse("offline"), *pwa.shell_urls()]
    response = TemplateResponse(
        request,
        "theme/sw.js",
        {
            "version": pwa.app_version(),
            "version_json": json.dumps(pwa.app_version()),
            "shell_json": json.dumps(shell),
            "offline_url": reverse("offline"),
            "queue_url": static("theme/js/queue.js"),
            "static_url": settings.STATIC_URL,
            "csrf_cookie_name": settings.CSRF_COOKIE_NAME,
        },
        content_type="text/javascript; charset=utf-8",
    )
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response


def _texts() -> dict:
    """What offline-page.js writes into the lists."""
    return {
        "none": _("No course is stored on this device yet."),
        "stored": _("{size}, stored on {date}"),
        "update": _("Update"),
        "updating": _("Updating …"),
        "remove": _("Remove from this device"),
        "failed": _("The course could not be updated: {reason}"),
        "space": _("The platform uses {used} of the {quota} this browser may use."),
        "nothing": _("No changes are waiting."),
        "waiting": _("Waiting to be sent"),
        "rejected": _("Not accepted by the platform"),
        "reason": _("Reason: {reason}"),
        "discard": _("Discard"),
        "types": {
            "lesson.completed": _("Lesson completed"),
            "quiz.answered": _("Quiz answers"),
            "xapi.statement": _("Result of an interactive exercise"),
            "reflection.saved": _("Case study"),
            "dialogue.note": _("Note on a dialogue card"),
            "selfassessment.saved": _("Self-assessment"),
        },
    }


@never_cache
def offline(request):
    """Shown by the service worker for a page that is not stored on this device.

    The worker stores it once for everyone who uses the browser, so it is drawn
    without the person: no name, no menu. Its script lists what is stored."""
    return TemplateResponse(
        request,
        "theme/offline.html",
        {"user": AnonymousUser(), "offline_shell": True, "texts": _texts()},
    )


@login_required
def my_offline(request):
    """Courses stored on this device and changes waiting to be sent; the list
    itself is the browser's to draw, since only the browser knows it."""
    return TemplateResponse(request, "theme/my_offline.html", {"texts": _texts()})
