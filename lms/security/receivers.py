"""Lockouts from django-axes go to the security audit log."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
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
