"""Reads for the dialogue activity: a learner's notes on a deck, the team
sessions they took part in, and who may lead a session.

`state_for` runs the same handful of queries whatever the number of decks,
themes and cards in a lesson: notes and sessions are fetched for all deck blocks
at once and joined to the cards in Python."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet
from wagtail.models import Page

from lms.activities.models import (
    CardNote,
    FacilitatorGrant,
    SessionCardRecord,
    TeamSession,
)
from lms.people.selectors import is_trainer


def can_facilitate(user: AbstractBaseUser) -> bool:
    """Trainers lead team sessions; other staff only when a trainer allowed them,
    because a session records what a whole team agreed."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or is_trainer(user):
        return True
    return FacilitatorGrant.objects.filter(user=user).exists()


def deck_themes(deck, notes: dict[str, str] | None = None) -> list[dict]:
    """The deck's themes with their cards as plain data, each card carrying the
    reader's note (or ""), so templates never look anything up per card."""
    notes = notes or {}
    themes = []
    for theme in deck.themes:
        cards = [
            {
                "id": card.id,
                "theme": theme.value["name"],
                "question": card.value["question"],
                "follow_up": card.value["follow_up"],
                "hint": card.value["hint"],
                "note": notes.get(card.id, ""),
            }
            for card in theme.value["cards"].bound_blocks
        ]
        themes.append(
            {
                "name": theme.value["name"],
                "description": theme.value["description"],
                "cards": cards,
            }
        )
    return themes


def session_candidates(page: Page) -> QuerySet:
    """Learners enrolled in the course above this lesson, by name, with their
    unit. Reached through the enrolment relation, as activities never import
    courses."""
    course_ids = Page.objects.ancestor_of(page).values("pk")
    return (
        get_user_model()
        .objects.filter(enrolments__course_id__in=course_ids, is_active=True)
        .select_related("profile__unit")
        .order_by("last_name", "first_name", "username")
        .distinct()
    )


@dataclass
class DeckState:
    """What one deck block needs to render for one reader."""

    themes: list[dict]
    card_count: int
    noted_count: int
    sessions: list[TeamSession] = field(default_factory=list)
    can_facilitate: bool = False
    is_trainer: bool = False
    candidates: list = field(default_factory=list)


def state_for(*, user, page, blocks) -> dict:
    """{block_id: DeckState} for these deck blocks of one lesson and one reader:
    notes, sessions and facilitation rights in a constant number of queries."""
    decks = {block.id: block.value.get("deck") for block in blocks}
    deck_ids = {deck.pk for deck in decks.values() if deck is not None}
    if not deck_ids:
        return {}
    notes: dict[int, dict[str, str]] = {}
    for deck_id, card_id, text in CardNote.objects.filter(
        user=user, deck_id__in=deck_ids
    ).values_list("deck_id", "card_id", "text"):
        notes.setdefault(deck_id, {})[card_id] = text
    sessions: dict[str, list[TeamSession]] = {}
    for session in (
        TeamSession.objects.filter(page=page, block_id__in=decks.keys())
        .filter(Q(participants=user) | Q(facilitator=user))
        .select_related("facilitator")
        .distinct()
        .order_by("-started_at")
    ):
        sessions.setdefault(session.block_id, []).append(session)
    trainer = is_trainer(user)
    facilitator = (
        user.is_superuser
        or trainer
        or FacilitatorGrant.objects.filter(user=user).exists()
    )
    candidates = []
    if facilitator:
        candidates = list(session_candidates(page))
        if user.pk not in {person.pk for person in candidates}:
            candidates.append(user)
    state = {}
    for block_id, deck in decks.items():
        if deck is None:
            continue
        deck_notes = notes.get(deck.pk, {})
        themes = deck_themes(deck, deck_notes)
        card_ids = {card["id"] for theme in themes for card in theme["cards"]}
        state[block_id] = DeckState(
            themes=themes,
            card_count=len(card_ids),
            noted_count=len(card_ids & deck_notes.keys()),
            sessions=sessions.get(block_id, []),
            can_facilitate=facilitator,
            is_trainer=trainer,
            candidates=candidates,
        )
    return state


def session_cards(session: TeamSession) -> list[dict]:
    """The session's deck in order, each card with its record's agreements and
    open questions (empty strings when the team did not get to it)."""
    records = {
        record.card_id: record
        for record in SessionCardRecord.objects.filter(session=session)
    }
    cards = []
    for card in session.deck.cards():
        record = records.get(card["id"])
        cards.append(
            {
                **card,
                "agreements": record.agreements if record else "",
                "open_questions": record.open_questions if record else "",
                "discussed": bool(
                    record and (record.agreements or record.open_questions)
                ),
            }
        )
    return cards


def session_for_reader(user: AbstractBaseUser, session: TeamSession) -> bool:
    """The facilitator and the participants read a session's summary; trainers
    of the course are checked by the caller, who knows the course."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or session.facilitator_id == user.pk:
        return True
    return session.participants.filter(pk=user.pk).exists()


def facilitator_grants() -> QuerySet[FacilitatorGrant]:
    return FacilitatorGrant.objects.select_related(
        "user", "user__profile__unit", "granted_by"
    ).order_by("user__last_name", "user__first_name", "user__username")


def grantable_staff() -> QuerySet:
    """Staff (people with a profile) who may be allowed to lead sessions."""
    return (
        get_user_model()
        .objects.filter(profile__isnull=False, is_active=True, facilitator__isnull=True)
        .select_related("profile__unit")
        .order_by("username")
    )


def team_sessions_by_block(pages) -> dict[tuple[int, str], list[TeamSession]]:
    """Team sessions of these lesson pages, keyed by (page id, block id), newest
    first: one query for a trainer's overview of a whole course."""
    sessions: dict[tuple[int, str], list[TeamSession]] = {}
    for session in (
        TeamSession.objects.filter(page__in=pages)
        .select_related("facilitator")
        .order_by("-started_at")
    ):
        sessions.setdefault((session.page_id, session.block_id), []).append(session)
    return sessions
