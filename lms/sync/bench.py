"""How long offline sync takes for a full queue (PRODUCT.md: 1,000 queued items
in under a second).

A throwaway learner and course are built inside a transaction that is rolled
back at the end, so the bench leaves nothing behind and runs against any
migrated database. The queue is what a learner brings back from a few days
offline: lessons marked done, quiz attempts (every other one passing, with
evidence for a competency) and card notes, oldest first, in one batch through
the same service the endpoint uses."""

import time
import uuid
from collections import Counter
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test.utils import override_settings
from django.utils import timezone

from content.models import Deck
from courses.models import (
    CourseIndexPage,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    ModulePage,
)
from courses.services import enrolment_create
from lms.competencies.models import Competency, Framework, ScaleLevel

from .services import sync_batch_ingest

ITEMS = 1000
MODULES = 10
READING_PER_MODULE = 6


class BenchError(Exception):
    pass


def _quiz(competency: Competency) -> dict:
    def question(text, kind, options):
        return {
            "kind": kind,
            "text": text,
            "options": [
                {"text": label, "correct": correct, "feedback": ""}
                for label, correct in options
            ],
        }

    return {
        "title": "Check",
        "introduction": "",
        "questions": [
            question("GDPR?", "single", [("Yes", True), ("No", False)]),
            question(
                "Personal data?",
                "multiple",
                [("Name", True), ("Address", True), ("Weather", False)],
            ),
            question(
                "Share passwords.", "true_false", [("True", False), ("False", True)]
            ),
        ],
        "pass_mark": 60,
        "max_attempts": 0,
        "counting": "best",
        "required": True,
        "competencies": [{"competency": competency, "level": 1}],
    }


def _deck(title: str) -> Deck:
    return Deck.objects.create(
        title=title,
        themes=[
            (
                "theme",
                {
                    "name": "Thema",
                    "description": "",
                    "cards": [
                        {"question": f"Frage {n}?", "follow_up": "", "hint": ""}
                        for n in range(1, 6)
                    ],
                },
            )
        ],
    )


def _course(suffix: str):
    """Modules of reading lessons, a quiz lesson and a deck lesson each."""
    catalogue = CourseIndexPage.objects.first()
    if catalogue is None:
        raise BenchError("No course catalogue: run `manage.py migrate` first.")
    framework = Framework.objects.create(slug=f"bench-{suffix}", name="Bench")
    ScaleLevel.objects.create(framework=framework, value=1, name="Basic")
    competency = Competency.objects.create(
        framework=framework, code="1", short_name="Privacy", depth=1
    )
    course = catalogue.add_child(
        instance=CoursePage(title="Bench", slug=f"bench-{suffix}", summary="Bench")
    )
    reading, quizzes, decks = [], [], []
    for m in range(MODULES):
        module = course.add_child(
            instance=ModulePage(title=f"Modul {m}", slug=f"modul-{m}")
        )

        def lesson(slug, body, module=module):
            return module.add_child(
                instance=LessonPage(title=slug, slug=slug, body=body)
            )

        for n in range(READING_PER_MODULE):
            reading.append(lesson(f"lesen-{m}-{n}", [("text", "<p>Text</p>")]))
        quizzes.append(lesson(f"quiz-{m}", [("quiz", _quiz(competency))]))
        deck = _deck(f"Karten {suffix} {m}")
        decks.append((lesson(f"karten-{m}", [("deck", {"deck": deck})]), deck))
    return course, reading, quizzes, decks


def _answers(block, right: bool) -> dict[str, list[str]]:
    chosen = {}
    for question in block.value["questions"].bound_blocks:
        options = [
            option.id
            for option in question.value["options"].bound_blocks
            if bool(option.value["correct"]) == right
        ]
        chosen[question.id] = (
            options if question.value["kind"] == "multiple" else options[:1]
        )
    return chosen


def _queue(reading, quizzes, decks, count: int, start) -> list[dict]:
    """`count` items, a lesson done, a quiz attempt and a note in turn."""
    quiz_lessons = [LessonPage.objects.get(pk=lesson.pk) for lesson in quizzes]
    deck_lessons = [
        (LessonPage.objects.get(pk=lesson.pk), [card["id"] for card in deck.cards()])
        for lesson, deck in decks
    ]
    items = []
    for n in range(count):
        turn = n // 3
        if n % 3 == 0:
            lesson = reading[turn % len(reading)]
            item_type, data = "lesson.completed", {"lesson": lesson.pk}
        elif n % 3 == 1:
            lesson = quiz_lessons[turn % len(quiz_lessons)]
            block = lesson.body[0]
            item_type = "quiz.answered"
            data = {
                "lesson": lesson.pk,
                "block": block.id,
                "answers": _answers(block, right=turn % 2 == 1),
            }
        else:
            lesson, cards = deck_lessons[turn % len(deck_lessons)]
            item_type = "dialogue.note"
            data = {
                "lesson": lesson.pk,
                "block": lesson.body[0].id,
                "card": cards[turn % len(cards)],
                "text": f"Notiz {n}",
            }
        items.append(
            {
                "id": str(uuid.uuid4()),
                "type": item_type,
                "occurred_at": (start + timedelta(minutes=n)).isoformat(),
                "data": data,
            }
        )
    return items


def bench_sync(*, count: int = ITEMS) -> dict:
    """Ingest `count` items for a throwaway learner; nothing is kept."""
    suffix = uuid.uuid4().hex[:8]
    with transaction.atomic():
        learner = get_user_model().objects.create_user(username=f"bench-{suffix}")
        course, reading, quizzes, decks = _course(suffix)
        enrolment_create(user=learner, course=course, source=EnrolmentSource.SELF)
        now = timezone.now()
        Enrolment.objects.filter(user=learner).update(
            enrolled_at=now - timedelta(days=3)
        )
        get_user_model().objects.filter(pk=learner.pk).update(
            date_joined=now - timedelta(days=3)
        )
        learner.refresh_from_db()
        items = _queue(reading, quizzes, decks, count, now - timedelta(days=2))
        # Timed as in production: without the debug log of every query.
        with override_settings(DEBUG=False):
            started = time.perf_counter()
            results = sync_batch_ingest(user=learner, items=items)
            seconds = time.perf_counter() - started
        transaction.set_rollback(True)
    statuses = Counter(result.status for result in results)
    return {
        "items": count,
        "seconds": round(seconds, 3),
        "per_item_ms": round(1000 * seconds / count, 3),
        "database": connection.vendor,
        "statuses": dict(sorted(statuses.items())),
    }
