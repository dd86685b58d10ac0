"""Writes for the dialogue activity: private card notes, team sessions and the
facilitator rights trainers hand out.

Completion is not recorded here (see the package docstring): `card_note_save`
and `team_session_end` hand back what the caller needs to record it."""

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.models import Deck
from lms.activities.models import (
    CardNote,
    FacilitatorGrant,
    SessionCardRecord,
    TeamSession,
)
from lms.activities.models.dialogue import NOTE_MAX_LENGTH


def _require_card(deck: Deck, card_id: str) -> None:
    # Card ids come from the form; a stale or forged one must not leave an
    # orphan row that no page would ever show.
    if card_id not in {card["id"] for card in deck.cards()}:
        raise ValidationError(_("This card is not in the deck."))


def _require_length(text: str, label: str) -> None:
    # Checked before full_clean so the learner reads one plain sentence with
    # the numbers, not the model field's generic message.
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            _("%(label)s is too long: at most %(max)d characters, you wrote %(count)d.")
            % {"label": label, "max": NOTE_MAX_LENGTH, "count": len(text)}
        )


def card_note_save(
    *,
    user: AbstractBaseUser,
    deck: Deck,
    card_id: str,
    text: str,
    occurred_at: datetime | None = None,
) -> CardNote:
    """Create or replace the learner's note on one card. One note per card
    (not a history): it is a private scratch pad the learner comes back to.

    A note written offline (`occurred_at`, from offline sync) replaces only an
    older note: when the learner has since written on this card elsewhere, the
    newer text stays, whichever arrives first."""
    if occurred_at is not None:
        card_note_merge(
            user=user, deck=deck, card_id=card_id, text=text, occurred_at=occurred_at
        )
        return CardNote.objects.get(user=user, deck=deck, card_id=card_id)
    text = _note_text(deck, card_id, text)
    with transaction.atomic():
        note = (
            CardNote.objects.select_for_update()
            .filter(user=user, deck=deck, card_id=card_id)
            .first()
        ) or CardNote(user=user, deck=deck, card_id=card_id)
        note.text = text
        # The caller's user and deck exist, and the note was looked up under
        # lock (the unique constraint stays the last word): no queries.
        note.full_clean(exclude=["user", "deck"], validate_unique=False)
        note.save()
    return note


def _note_text(deck: Deck, card_id: str, text: str) -> str:
    _require_card(deck, card_id)
    text = text.strip()
    if not text:
        raise ValidationError(_("Please write something before saving your note."))
    _require_length(text, _("Your note"))
    return text


def card_note_merge(
    *,
    user: AbstractBaseUser,
    deck: Deck,
    card_id: str,
    text: str,
    occurred_at: datetime,
) -> None:
    """A note written offline at `occurred_at` (offline sync): it replaces
    only an older note, so the newer text stays whichever arrives first.

    One UPDATE when the note exists (a queue holds many notes on few cards);
    a first note is inserted, and a note inserted by another request at the
    same moment fails on the unique constraint (the caller retries)."""
    text = _note_text(deck, card_id, text)
    mine = CardNote.objects.filter(user=user, deck=deck, card_id=card_id)
    if mine.filter(updated_at__lte=occurred_at).update(
        text=text, updated_at=occurred_at
    ):
        return
    if mine.exists():
        return  # a newer note is on record
    note = CardNote(user=user, deck=deck, card_id=card_id, text=text)
    note.full_clean(exclude=["user", "deck"], validate_unique=False)
    with transaction.atomic():
        note.save()  # stamps now (auto_now), corrected next
        CardNote.objects.filter(pk=note.pk).update(updated_at=occurred_at)


@transaction.atomic
def team_session_start(
    *,
    facilitator: AbstractBaseUser,
    page: Page,
    block_id: str,
    deck: Deck,
    team_name: str,
    participants: Iterable[AbstractBaseUser],
) -> TeamSession:
    """Open a session for a team; the caller has checked that the facilitator
    may lead and that the participants belong to the course."""
    participants = list(participants)
    if not participants:
        raise ValidationError(_("Choose at least one participant."))
    session = TeamSession(
        page=page,
        block_id=block_id,
        deck=deck,
        facilitator=facilitator,
        team_name=team_name.strip(),
    )
    session.full_clean()
    session.save()
    session.participants.set(participants)
    return session


def session_card_record_save(
    *, session: TeamSession, card_id: str, agreements: str, open_questions: str
) -> SessionCardRecord:
    """Keep what the team agreed on one card and what stayed open; saving
    again replaces it, so the facilitator can correct it during the session."""
    if session.ended_at is not None:
        raise ValidationError(_("This session has ended; its records are final."))
    _require_card(session.deck, card_id)
    agreements, open_questions = agreements.strip(), open_questions.strip()
    _require_length(agreements, _("Team agreements"))
    _require_length(open_questions, _("Open questions"))
    with transaction.atomic():
        record, _created = SessionCardRecord.objects.select_for_update().get_or_create(
            session=session, card_id=card_id
        )
        record.agreements = agreements
        record.open_questions = open_questions
        record.full_clean()
        record.save()
    return record


@transaction.atomic
def team_session_end(*, session: TeamSession) -> list[AbstractBaseUser]:
    """Close the session (idempotent) and return its participants, for whom
    the caller records completion of the deck activity."""
    session = TeamSession.objects.select_for_update().get(pk=session.pk)
    if session.ended_at is None:
        session.ended_at = timezone.now()
        session.save(update_fields=["ended_at"])
    return list(session.participants.all())


def facilitator_grant(
    *, user: AbstractBaseUser, granted_by: AbstractBaseUser
) -> FacilitatorGrant:
    """Allow a staff member to lead team sessions (idempotent)."""
    if not hasattr(user, "profile"):
        raise ValidationError(_("Only staff members can lead team sessions."))
    grant = FacilitatorGrant.objects.filter(user=user).first()
    if grant is not None:
        return grant
    grant = FacilitatorGrant(user=user, granted_by=granted_by)
    grant.full_clean()
    grant.save()
    return grant


def facilitator_revoke(*, user: AbstractBaseUser) -> bool:
    """Withdraw the right; sessions already held keep their facilitator."""
    deleted, _rows = FacilitatorGrant.objects.filter(user=user).delete()
    return bool(deleted)
