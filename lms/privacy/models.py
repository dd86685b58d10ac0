"""What the privacy app keeps of its own: which accounts were erased, and when.

The erased account's row stays (pseudonymised, without a name, email or
password) so that the training records the organisation must keep point at
something; this table says since when, so that retention can delete those
records once settings.RETENTION_TRAINING_RECORDS_YEARS have passed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureReason(models.TextChoices):
    ADMIN = "admin", _("Erased by an administrator")
    SELF = "self", _("Erased by the person")
    RETENTION = "retention", _("Erased after a period without login")


class ErasedAccount(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erasure",
        verbose_name=_("account"),
    )
    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=16, choices=ErasureReason.choices)
    records_deleted_at = models.DateTimeField(
        _("training records deleted at"),
        null=True,
        blank=True,
        help_text=_("When retention deleted the training records kept after erasure."),
    )

    class Meta:
        ordering = ["-erased_at"]
        permissions = [("erase_account", _("Can erase people's accounts"))]
        verbose_name = _("erased account")
        verbose_name_plural = _("erased accounts")

    def __str__(self):
        return f"{self.user.get_username()} ({self.erased_at:%Y-%m-%d})"
