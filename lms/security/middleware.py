"""The second step of logging in, whichever login form was used.

Both the platform's login and Wagtail's admin login end in Django's `login()`;
a user with a confirmed authenticator is then logged in but not verified, and
this middleware keeps such a session to the code page (and logging out) until
a code is entered. Users whose role requires two-factor login
(TWO_FACTOR_REQUIRED_ROLES) and have not set it up are kept to the setup page.

What the session's user may and must do is worked out once per session (one
query for the roles, one for the device) and kept in the session, so a
learner's pages cost no extra query.
"""

from urllib.parse import urlencode

from django.http import HttpResponseForbidden
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from . import selectors

SESSION_KEY = "security_two_factor"
OFF, ON, SETUP = "off", "on", "setup"


def two_factor_state(request) -> dict:
    user = request.user
    state = request.session.get(SESSION_KEY)
    if not state or state.get("user") != user.pk:
        if selectors.confirmed_device(user) is not None:
            status = ON
        elif selectors.two_factor_required(user):
            status = SETUP
        else:
            status = OFF
        state = {
            "user": user.pk,
            "status": status,
            "offered": selectors.two_factor_offered(user)
            or selectors.two_factor_required(user),
        }
        request.session[SESSION_KEY] = state
    return state


def two_factor_state_forget(request) -> None:
    request.session.pop(SESSION_KEY, None)


def _open_paths(status: str) -> set[str]:
    paths = {
        reverse("logout"),
        reverse("wagtailadmin_logout"),
        reverse("set_language"),
    }
    paths.add(reverse("two-factor-verify") if status == ON else reverse("two-factor"))
    return paths


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.two_factor_offered = False
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return self.get_response(request)
        state = two_factor_state(request)
        request.two_factor_offered = state["offered"]
        status = state["status"]
        if status == OFF or (status == ON and user.is_verified()):
            return self.get_response(request)
        if request.path_info in _open_paths(status) or request.path_info.startswith(
            "/static/"
        ):
            return self.get_response(request)
        if request.method not in ("GET", "HEAD"):
            return HttpResponseForbidden(
                _("Please complete two-factor login first."), content_type="text/plain"
            )
        target = reverse("two-factor-verify" if status == ON else "two-factor")
        return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
