"""Who is acting in the current request, for events raised far from the view
(a role change made through Wagtail's user editor arrives as an m2m signal).

A context variable, so that threads and async tasks never see each other's
user; commands leave it empty and are logged as the system."""

from contextvars import ContextVar

from django.contrib.auth.models import AbstractBaseUser

_current_actor: ContextVar[AbstractBaseUser | None] = ContextVar(
    "audit_actor", default=None
)


def current_actor() -> AbstractBaseUser | None:
    return _current_actor.get()


class AuditActorMiddleware:
    """Remembers request.user for the request's duration (after authentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _current_actor.set(user if user and user.is_authenticated else None)
        try:
            return self.get_response(request)
        finally:
            _current_actor.reset(token)
