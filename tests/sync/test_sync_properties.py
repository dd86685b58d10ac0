"""Whatever way a queue reaches the server (in parts, shuffled, with repeats,
after a failed attempt, or from two devices at once), the learner ends where
sending each item once, in order, leads.

A pool of items for one course holds every kind of action, several versions of
the same thing (two notes on one card, a failed and a passed quiz, a case
answered twice, self-assessments that go back and forth) and items that are
refused (unknown type, a course the learner is not in, forged answers, an id of
another learner, a broken time). Each example works on fresh learners, so
examples do not see each other's rows; the course is built once per test."""

import json
import uuid
from datetime import timedelta
from itertools import pairwise

import pytest
from django.db import OperationalError
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.services import enrolment_create
from lms.sync import items as sync_items
from tests import factories
from tests.activities.test_quiz_services import (
    ALL_RIGHT,
    NONE_RIGHT,
    ONE_RIGHT,
    TWO_RIGHT,
)

from .helpers import ENROLLED_DAYS_AGO, SYNC_URL, build_course, learner_state

pytestmark = pytest.mark.django_db

BOUNDED = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
FOREIGN = "foreign"  # stands for the id another learner already used


@pytest.fixture
def world(org):
    """The course, a course nobody here is enrolled in, and an item id that
    another learner has already used."""
    course = build_course()
    elsewhere = build_course("Anderswo")
    mia = factories.UserFactory(username="mia")
    enrolment_create(user=mia, course=course.page, source="self")
    browser = Client()
    browser.force_login(mia)
    foreign = str(uuid.uuid4())
    _post(
        browser,
        [_item(foreign, "lesson.completed", {"lesson": course.reading.pk}, 0)],
    )
    return course, elsewhere, foreign


BASE = timezone.now() - timedelta(days=2)


def _item(item_id: str, item_type: str, data, minute: int) -> dict:
    return {
        "id": item_id,
        "type": item_type,
        "occurred_at": (BASE + timedelta(minutes=minute)).isoformat(),
        "data": data,
    }


def pool(course, elsewhere) -> list[tuple[str, object]]:
    """(type, data) in the order the learner acted; item i happened at minute
    i. FOREIGN's type marks the item whose id is another learner's."""
    quiz = {"lesson": course.quiz.pk, "block": course.quiz_block}
    deck = {"lesson": course.deck_lesson.pk, "block": course.deck_block}
    case = {"lesson": course.case_lesson.pk, "block": course.case_block}
    cards, options, questions = course.cards, course.options, course.questions
    privacy, teamwork = (str(c.pk) for c in course.competencies)
    slug = course.framework.slug
    return [
        ("lesson.completed", {"lesson": course.reading.pk}),
        ("quiz.answered", {**quiz, "answers": course.answers(*NONE_RIGHT)}),
        ("dialogue.note", {**deck, "card": cards[0], "text": "Erste Notiz"}),
        ("selfassessment.saved", {"framework": slug, "levels": {privacy: 2}}),
        ("reflection.saved", {**case, "option": options[0]}),
        ("quiz.answered", {**quiz, "answers": course.answers(*TWO_RIGHT)}),
        ("lesson.liked", {"lesson": course.reading.pk}),
        (
            "reflection.saved",
            {
                **case,
                "option": options[1],
                "reflections": {questions[0]: "Nachfragen", questions[1]: "Ruhe"},
                "share": True,
            },
        ),
        ("selfassessment.saved", {"framework": slug, "levels": {privacy: 1}}),
        ("dialogue.note", {**deck, "card": cards[0], "text": "Zweite Notiz"}),
        ("lesson.completed", {"lesson": elsewhere.reading.pk}),
        ("quiz.answered", {**quiz, "answers": {"forged": ["x"]}}),
        (FOREIGN, None),
        ("quiz.answered", {**quiz, "answers": course.answers(*ALL_RIGHT)}),
        ("dialogue.note", {**deck, "card": cards[1], "text": "Andere Karte"}),
        ("reflection.saved", {**case, "option": options[0]}),
        ("selfassessment.saved", {"framework": slug, "levels": {privacy: 2}}),
        ("lesson.completed", {"lesson": course.reading.pk}),
        ("quiz.answered", {**quiz, "answers": course.answers(*ONE_RIGHT)}),
        (
            "reflection.saved",
            {
                **case,
                "option": options[0],
                "reflections": {questions[0]: "Doch anders", questions[1]: "Still"},
                "share": False,
            },
        ),
        ("selfassessment.saved", {"framework": slug, "levels": {teamwork: 0}}),
        ("broken", None),  # an item without a usable time
    ]


class Run:
    """One learner receiving the pool's items under fresh ids."""

    def __init__(self, world):
        self.course, elsewhere, foreign = world
        self.user = factories.UserFactory(username=f"l-{uuid.uuid4().hex[:12]}")
        enrolment = enrolment_create(
            user=self.user, course=self.course.page, source="self"
        )
        type(enrolment).objects.filter(pk=enrolment.pk).update(
            enrolled_at=timezone.now() - timedelta(days=ENROLLED_DAYS_AGO)
        )
        type(self.user).objects.filter(pk=self.user.pk).update(
            date_joined=timezone.now() - timedelta(days=ENROLLED_DAYS_AGO)
        )
        self.user.refresh_from_db()
        self.client = Client()
        self.client.force_login(self.user)
        self.items = []
        for index, (item_type, data) in enumerate(pool(self.course, elsewhere)):
            if item_type == FOREIGN:
                sent = _item(foreign, "lesson.completed", {"lesson": 0}, index)
            elif item_type == "broken":
                sent = {**_item(str(uuid.uuid4()), "lesson.completed", {}, index)}
                sent["occurred_at"] = "gestern"
            else:
                sent = _item(str(uuid.uuid4()), item_type, data, index)
            self.items.append(sent)
        self.index = {sent["id"]: i for i, sent in enumerate(self.items)}
        assert len(self.items) == POOL_SIZE

    def send(self, indices) -> None:
        """One request; a failure (503) is sent again, as the device does."""
        batch = [self.items[i] for i in indices]
        response = _post(self.client, batch)
        if response.status_code == 503:
            response = _post(self.client, batch)
        assert response.status_code == 200, response.content

    def state(self) -> dict:
        """The learner's state, with item ids as pool positions."""
        state = learner_state(self.user)
        state["sync_items"] = sorted(
            (self.index[item_id], *rest) for item_id, *rest in state["sync_items"]
        )
        return state


def _post(client, batch):
    return client.post(
        SYNC_URL, json.dumps({"items": batch}), content_type="application/json"
    )


def once_in_order(world, indices) -> dict:
    """The reference: each item once, one request each, oldest first."""
    run = Run(world)
    for index in sorted(set(indices)):
        run.send([index])
    return run.state()


def batches(draw_from, sequence: list[int], label: str) -> list[list[int]]:
    """`sequence` cut at random points."""
    if len(sequence) < 2:
        return [sequence]
    cuts = sorted(
        draw_from(st.sets(st.integers(1, len(sequence) - 1), max_size=4), label=label)
    )
    bounds = [0, *cuts, len(sequence)]
    return [sequence[a:b] for a, b in pairwise(bounds)]


class FailOnce:
    """Make the k-th item handled raise a database error, once, after its
    handler has written: the batch must be kept whole or not at all."""

    def __init__(self, monkeypatch, k: int | None):
        self.calls, self.k = 0, k
        for name, handler in list(sync_items.HANDLERS.items()):
            monkeypatch.setitem(sync_items.HANDLERS, name, self.wrap(handler))

    def wrap(self, handler):
        def failing(learner, item):
            handler(learner, item)
            self.calls += 1
            if self.calls == self.k:
                raise OperationalError("the database went away")

        return failing


POOL_SIZE = 22


@BOUNDED
@given(data=st.data())
def test_any_delivery_ends_as_sending_each_item_once_in_order(world, monkeypatch, data):
    queue = data.draw(
        st.lists(st.integers(0, POOL_SIZE - 1), min_size=1, unique=True),
        label="queue",
    )
    repeats = data.draw(st.lists(st.sampled_from(queue), max_size=6), label="repeats")
    sequence = data.draw(st.permutations(queue + repeats), label="order")
    parts = batches(data.draw, sequence, "cuts")
    fail_at = data.draw(st.none() | st.integers(1, len(sequence)), label="fail at")

    expected = once_in_order(world, queue)
    run = Run(world)
    with monkeypatch.context() as patch:
        FailOnce(patch, fail_at)
        for part in parts:
            run.send(part)
    assert run.state() == expected


@BOUNDED
@given(data=st.data())
def test_two_devices_with_overlapping_queues_end_in_the_same_state(world, data):
    union = data.draw(
        st.lists(st.integers(0, POOL_SIZE - 1), min_size=1, unique=True),
        label="actions",
    )
    # Which device holds each item: the first, the second or both.
    holders = data.draw(
        st.lists(st.sampled_from("12b"), min_size=len(union), max_size=len(union)),
        label="holders",
    )
    queues = {
        device: sorted(
            i for i, h in zip(union, holders, strict=True) if h in (device, "b")
        )
        for device in "12"
    }
    # Each device sends its own queue oldest first, in parts; the parts of
    # the two devices reach the server interleaved.
    pending = {
        device: batches(data.draw, queues[device], f"cuts {device}") for device in "12"
    }
    schedule = data.draw(
        st.permutations(["1"] * len(pending["1"]) + ["2"] * len(pending["2"])),
        label="interleaving",
    )

    expected = once_in_order(world, union)
    run = Run(world)
    for device in schedule:
        part = pending[device].pop(0)
        if part:
            run.send(part)
    assert run.state() == expected
