"""What offline sync received: one row per queued item, kept as sent.

The item's own UUID (made by the browser when the learner acted) is the
primary key, so the database itself refuses a second copy: that is what makes
a replayed batch harmless, also when two devices send the same item at once.
Rows are facts and are never changed; the learner's data they carry is theirs
(it is part of what they can see and export about themselves)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TYPE_MAX_LENGTH = 64


class SyncStatus(models.TextChoices):
    STORED = "stored", _("stored")
    REJECTED = "rejected", _("rejected")


class SyncItem(models.Model):
    """One action a learner took offline, as their device sent it.

    `stored`: its effects were applied. `rejected`: nothing was applied, and
    `error` says why; the same id sent again gets the same answer, so a
    corrected action needs a new id (the browser queues it anew)."""

    id = models.UUIDField(_("item id"), primary_key=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sync_items",
        verbose_name=_("learner"),
    )
    type = models.CharField(_("type"), max_length=TYPE_MAX_LENGTH)
    occurred_at = models.DateTimeField(
        _("occurred at"), help_text=_("When the learner acted, by their device.")
    )
    received_at = models.DateTimeField(_("received at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=16, choices=SyncStatus.choices)
    error = models.TextField(_("reason for rejection"), blank=True)
    data = models.JSONField(_("data"), blank=True, default=dict)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=SyncStatus.values),
                name="sync_item_status_known",
            )
        ]
        indexes = [models.Index(fields=["user", "received_at"])]
        verbose_name = _("synced item")
        verbose_name_plural = _("synced items")

    def __str__(self):
        return f"{self.type} {self.id} ({self.status})"
