"""Writing the security audit log."""

from django.contrib.auth.models import AbstractBaseUser

from .models import AuditAction, AuditEvent


def audit_event_record(
    *,
    action: AuditAction,
    actor: AbstractBaseUser | None = None,
    subject: AbstractBaseUser | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Append one event. Anonymous users are stored as "nobody", so callers
    can pass request.user as it is."""
    if actor is not None and not actor.is_authenticated:
        actor = None
    event = AuditEvent(
        action=action, actor=actor, subject=subject, details=details or {}
    )
    event.full_clean()
    event.save()
    return event
