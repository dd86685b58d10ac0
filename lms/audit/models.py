"""The security audit log: logins, role changes, exports of one's own data,
erasures, retention runs and two-factor changes.

Report views and exports are logged by lms/reports in its own table (they carry
filters and head counts); the admins' audit page shows both. Any app may write
here through `audit_event_record`; the log itself imports no other app.

Rows name people only by foreign key, never by a copied name: an erased
account keeps its row under a pseudonym, so the log stays complete without
keeping the name. Rows are never changed; the retention command deletes whole
rows once they are older than settings.RETENTION_AUDIT_MONTHS."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Login failed")
    LOGOUT = "logout", _("Logged out")
    LOCKED_OUT = "locked_out", _("Locked out after failed logins")
    ROLE_CHANGED = "role_changed", _("Roles changed")
    TWO_FACTOR_ENABLED = "2fa_enabled", _("Two-factor login switched on")
    TWO_FACTOR_DISABLED = "2fa_disabled", _("Two-factor login switched off")
    DATA_EXPORTED = "data_exported", _("Own data downloaded")
    ACCOUNT_ERASED = "account_erased", _("Account erased")
    RETENTION_APPLIED = "retention_applied", _("Retention periods applied")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise ValidationError(_("The audit log is never changed."))


class AuditEvent(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("what"), max_length=32, choices=AuditAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
        help_text=_("Empty for the system (commands) or an unknown account."),
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
    )
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "at"], name="audit_subject_at")]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.get_action_display()}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("The audit log is never changed."))
        super().save(*args, **kwargs)
