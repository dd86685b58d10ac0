"""Logins, logouts, failed logins and role changes (groups, administrator
rights, blocking), however they happen
(login form, Wagtail's user editor, the staff pages, a shell)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.db.models.signals import m2m_changed, post_save, pre_save
from django.dispatch import receiver

from .context import current_actor
from .models import AuditAction
from .services import audit_event_record

User = get_user_model()


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit_event_record(action=AuditAction.LOGIN, actor=user, subject=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_event_record(action=AuditAction.LOGOUT, actor=user, subject=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # The typed name is kept only when it is a real account (as a link, so
    # erasure pseudonymises it); a mistyped name is nobody's data to keep.
    username = (credentials or {}).get("username") or ""
    subject = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
    audit_event_record(action=AuditAction.LOGIN_FAILED, subject=subject)


@receiver(m2m_changed, sender=User.groups.through, dispatch_uid="audit_roles")
def _groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if reverse or action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    from django.contrib.auth.models import Group

    names = sorted(
        Group.objects.filter(pk__in=pk_set or ()).values_list("name", flat=True)
    )
    change = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}[
        action
    ]
    audit_event_record(
        action=AuditAction.ROLE_CHANGED,
        actor=current_actor(),
        subject=instance,
        details={change: names},
    )


_FLAGS = ("is_superuser", "is_staff", "is_active")


@receiver(pre_save, sender=User, dispatch_uid="audit_flags_before")
def _flags_before(sender, instance, update_fields=None, **kwargs):
    """Administrator rights and blocking are roles too (one query, and only
    when the save may change them: a login saves last_login alone)."""
    instance._audit_flags = None
    if instance.pk is None or (
        update_fields is not None and not set(update_fields) & set(_FLAGS)
    ):
        return
    instance._audit_flags = User.objects.filter(pk=instance.pk).values(*_FLAGS).first()


@receiver(post_save, sender=User, dispatch_uid="audit_flags_after")
def _flags_after(sender, instance, created, **kwargs):
    before = getattr(instance, "_audit_flags", None)
    if created or not before:
        return
    changed = {
        flag.removeprefix("is_"): getattr(instance, flag)
        for flag in _FLAGS
        if before[flag] != getattr(instance, flag)
    }
    if changed:
        audit_event_record(
            action=AuditAction.ROLE_CHANGED,
            actor=current_actor(),
            subject=instance,
            details=changed,
        )
