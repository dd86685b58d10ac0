"""Lockouts from django-axes go to the security audit log; a new session
learns its two-factor state at login."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from lms.audit.models import AuditAction
from lms.audit.services import audit_event_record


@receiver(user_locked_out, dispatch_uid="security_locked_out")
def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    # Like a failed login, the typed name is kept only as a link to a real
    # account; the IP address is not kept (the lockout itself is in axes' table
    # for the cool-off period only).
    User = get_user_model()
    subject = (
        User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if username
        else None
    )
    audit_event_record(action=AuditAction.LOCKED_OUT, subject=subject)


@receiver(user_logged_in, dispatch_uid="security_two_factor_state")
def _two_factor_state_at_login(sender, request, user, **kwargs):
    """Work out the session's two-factor state as it starts, so that no page
    after the login pays for it (the middleware would otherwise do it on the
    first request)."""
    if request is not None and hasattr(request, "session"):
        from .middleware import two_factor_state, two_factor_state_forget

        request.user = user
        two_factor_state_forget(request)
        two_factor_state(request)
