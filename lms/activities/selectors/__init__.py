"""Reads of learners' activity data.

`lesson_activity_state` gathers, for one learner and one lesson, the state every
activity block needs to render (notes, choices, attempts) with a fixed number of
queries per activity kind, whatever the number of blocks."""

from django.contrib.auth.models import AbstractBaseUser
from wagtail.models import Page

from . import case, dialogue, h5p, quiz

STATE_BY_BLOCK_TYPE = {
    "deck": dialogue.state_for,
    "case": case.state_for,
    "quiz": quiz.state_for,
    "h5p": h5p.state_for,
}


def lesson_activity_state(user: AbstractBaseUser, page: Page, body) -> dict:
    """{block_id: state} for the lesson's deck, case and quiz blocks."""
    by_type: dict[str, list] = {}
    for block in body:
        if block.block_type in STATE_BY_BLOCK_TYPE:
            by_type.setdefault(block.block_type, []).append(block)
    state: dict = {}
    if not user.is_authenticated:
        return state
    for block_type, blocks in by_type.items():
        state.update(
            STATE_BY_BLOCK_TYPE[block_type](user=user, page=page, blocks=blocks)
        )
    return state
