"""A course with one lesson per offline action, items to send, and the state a
learner ends in (what they and their trainers would see), for comparing."""

import json
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from content.models import Case, Deck
from courses import services as course_services
from courses.models import (
    ActivityAttempt,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
)
from lms.activities.models import (
    CardNote,
    CaseResponse,
    H5PAttempt,
    QuizAttempt,
)
from lms.competencies.models import Competency, CompetencyState, Evidence
from lms.sync.models import SyncItem
from tests import factories
from tests.activities.test_case import make_case
from tests.activities.test_dialogue import make_deck
from tests.activities.test_quiz_services import quiz_value

SYNC_URL = "/api/sync/"
# Every test item happened within the last days; enrolments are older.
ENROLLED_DAYS_AGO = 30


@dataclass
class Course:
    page: CoursePage
    reading: LessonPage  # text only: completed with "done"
    quiz: LessonPage
    quiz_block: str
    deck_lesson: LessonPage
    deck_block: str
    deck: Deck
    case_lesson: LessonPage
    case_block: str
    case: Case
    framework: object
    competencies: list[Competency]

    def answers(self, *texts: str) -> dict[str, list[str]]:
        block = next(b for b in self.quiz.body if b.id == self.quiz_block)
        chosen: dict[str, list[str]] = {}
        for question in block.value["questions"].bound_blocks:
            for option in question.value["options"].bound_blocks:
                if option.value["text"] in texts:
                    chosen.setdefault(question.id, []).append(option.id)
        return chosen

    @property
    def cards(self) -> list[str]:
        return [card["id"] for card in self.deck.cards()]

    @property
    def options(self) -> list[str]:
        return [option.id for option in self.case.options]

    @property
    def questions(self) -> list[str]:
        return [question.id for question in self.case.reflection_questions]


def build_course(title: str = "Offline") -> Course:
    """Two modules: reading + quiz, deck + case; the quiz and the deck
    develop a competency, so completions leave evidence."""
    framework = factories.framework(f"{title.lower()}-frame")
    privacy = factories.competency(framework, "1", "Privacy")
    teamwork = factories.competency(framework, "2", "Teamwork")
    links = [{"competency": privacy, "level": 2}]
    page = factories.course(title)
    first = factories.module(page, f"{title} Grundlagen")
    reading = factories.lesson(
        first, f"{title} Lesen", body=[("text", "<p>Zum Lesen.</p>")]
    )
    quiz = factories.lesson(
        first,
        f"{title} Quiz",
        body=[("text", "<p>Erst lesen.</p>"), ("quiz", quiz_value(competencies=links))],
    )
    second = factories.module(page, f"{title} Praxis")
    deck = make_deck(title=f"{title} Karten")
    deck_lesson = factories.lesson(
        second,
        f"{title} Karten",
        body=[
            (
                "deck",
                {
                    "deck": deck,
                    "required": True,
                    "competencies": [{"competency": teamwork, "level": 1}],
                },
            )
        ],
    )
    case = make_case(title=f"{title} Fall")
    case_lesson = factories.lesson(
        second, f"{title} Fall", body=[("case", {"case": case, "required": True})]
    )
    quiz = LessonPage.objects.get(pk=quiz.pk)
    deck_lesson = LessonPage.objects.get(pk=deck_lesson.pk)
    case_lesson = LessonPage.objects.get(pk=case_lesson.pk)
    return Course(
        page=page,
        reading=LessonPage.objects.get(pk=reading.pk),
        quiz=quiz,
        quiz_block=quiz.body[1].id,
        deck_lesson=deck_lesson,
        deck_block=deck_lesson.body[0].id,
        deck=deck,
        case_lesson=case_lesson,
        case_block=case_lesson.body[0].id,
        case=case,
        framework=framework,
        competencies=[privacy, teamwork],
    )


def enrol(user, course_page: CoursePage):
    """Enrolled a while ago, so the items' times lie after it."""
    course_services.course_self_enrol(user=user, course=course_page)
    Enrolment.objects.filter(user=user, course=course_page).update(
        enrolled_at=timezone.now() - timedelta(days=ENROLLED_DAYS_AGO)
    )
    type(user).objects.filter(pk=user.pk).update(
        date_joined=timezone.now() - timedelta(days=ENROLLED_DAYS_AGO + 1)
    )
    user.refresh_from_db()


def learner(name: str, org, course: Course):
    user = factories.staff(name, org["pflege_a"]).user
    enrol(user, course.page)
    return user


def item(item_type: str, data: dict, at: datetime, item_id=None) -> dict:
    return {
        "id": str(item_id or uuid.uuid4()),
        "type": item_type,
        "occurred_at": at.isoformat(),
        "data": data,
    }


def send(client, items, **extra):
    return client.post(
        SYNC_URL, json.dumps({"items": items}), content_type="application/json", **extra
    )


def ago(minutes: float) -> datetime:
    """A moment in the past, to the microsecond as the database keeps it."""
    return (timezone.now() - timedelta(minutes=minutes)).replace(microsecond=0)


def learner_state(user, *, times: bool = True, sync: bool = True) -> dict:
    """Everything the learner's actions left behind, without row ids or the
    learner's id, so two learners (or two runs) can be compared. `times=False`
    leaves out when things happened (online actions happen now)."""

    def when(moment):
        return moment if times else None

    state = {
        "progress": sorted(
            (
                row.lesson_id,
                row.progress,
                row.completed_at is not None,
                when(row.completed_at),
                when(row.first_visited_at),
                when(row.last_visited_at),
            )
            for row in LessonProgress.objects.filter(user=user)
        ),
        "courses": sorted(
            (row.course_id, row.completed_at is not None, when(row.completed_at))
            for row in Enrolment.objects.filter(user=user)
        ),
        # When each activity was first completed: attempts are facts, and a
        # completion reported late may add one that changes nothing else.
        "activities": sorted(
            (row["lesson_id"], row["block_id"], when(row["first"]))
            for row in ActivityAttempt.objects.filter(user=user, completed=True)
            .values("lesson_id", "block_id")
            .annotate(first=Min("created_at"))
        ),
        "quiz_attempts": sorted(
            (
                row.page_id,
                row.block_id,
                row.points,
                row.max_points,
                row.passed,
                when(row.submitted_at),
                tuple(sorted(row.answers.values_list("question_id", "option_id"))),
            )
            for row in QuizAttempt.objects.filter(user=user)
        ),
        "h5p_attempts": sorted(
            (row.page_id, row.block_id, row.scaled_score, when(row.created_at))
            for row in H5PAttempt.objects.filter(user=user)
        ),
        "notes": sorted(
            (row.deck_id, row.card_id, row.text, when(row.updated_at))
            for row in CardNote.objects.filter(user=user)
        ),
        "cases": sorted(
            (
                row.page_id,
                row.block_id,
                row.option_id,
                row.other_text,
                row.share_reflections,
                when(row.updated_at),
                tuple(
                    sorted(
                        (r.question_id, r.text, when(r.updated_at))
                        for r in row.reflections.all()
                    )
                ),
            )
            for row in CaseResponse.objects.filter(user=user)
        ),
        # Evidence from learning keeps the time of the first report of a
        # completion; a self-assessment answer is its own time.
        "evidence": sorted(
            (
                row.competency_id,
                row.level,
                row.source,
                row.page_id,
                row.block_id,
                row.status,
                when(row.recorded_at) if row.source == "self" else None,
            )
            for row in Evidence.objects.filter(user=user)
        ),
        "competences": sorted(
            (row.competency_id, row.level, row.self_level, when(row.self_assessed_at))
            for row in CompetencyState.objects.filter(user=user)
        ),
    }
    if sync:
        state["sync_items"] = sorted(
            (str(row.id), row.type, row.status, row.error)
            for row in SyncItem.objects.filter(user=user)
        )
    return state


def online_post(client, name: str, args, data):
    return client.post(reverse(name, args=args), data)
