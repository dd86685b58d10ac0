"""Dialogue cards: private notes, and team sessions led by a facilitator."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

NOTE_MAX_LENGTH = 5000


class CardNote(models.Model):
    """A learner's private note on one card of a deck; theirs alone."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="card_notes"
    )
    deck = models.ForeignKey("content.Deck", on_delete=models.CASCADE, related_name="+")
    card_id = models.CharField(max_length=64)
    text = models.TextField(max_length=NOTE_MAX_LENGTH)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "deck", "card_id"], name="one_note_per_card"
            )
        ]
        verbose_name = _("card note")
        verbose_name_plural = _("card notes")


class FacilitatorGrant(models.Model):
    """A staff member a trainer allowed to lead team sessions."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="facilitator"
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("facilitator")
        verbose_name_plural = _("facilitators")


class TeamSession(models.Model):
    """One team meeting working through a deck placed in a lesson."""

    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    block_id = models.CharField(max_length=64)
    deck = models.ForeignKey("content.Deck", on_delete=models.PROTECT, related_name="+")
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    team_name = models.CharField(_("team"), max_length=200)
    participants = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="team_sessions",
        verbose_name=_("participants"),
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("team session")
        verbose_name_plural = _("team sessions")

    def __str__(self):
        return f"{self.team_name} ({self.started_at:%Y-%m-%d})"


class SessionCardRecord(models.Model):
    """What a team agreed on one card ("Teamvereinbarungen"), and what stayed open."""

    session = models.ForeignKey(
        TeamSession, on_delete=models.CASCADE, related_name="records"
    )
    card_id = models.CharField(max_length=64)
    agreements = models.TextField(_("team agreements"), blank=True, max_length=5000)
    open_questions = models.TextField(_("open questions"), blank=True, max_length=5000)
    discussed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "card_id"], name="one_record_per_card"
            )
        ]
        verbose_name = _("card record")
        verbose_name_plural = _("card records")
