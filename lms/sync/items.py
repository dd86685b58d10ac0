"""The items offline sync takes: how each is read, checked and applied.

A browser that lost its network queues what the learner does as items
`{"id": UUID, "type": str, "occurred_at": ISO-8601 with offset, "data": {…}}`
and sends them later (lms.sync.services). Each type has one handler here. A
handler reads its `data`, checks that the learner can reach what it names (a
live lesson of a course they are enrolled in, and a block of the right kind in
it: ids from a device prove nothing, as in `courses.activity_views`), and
calls the same services as the online action, with the time the learner acted.
It refuses with `ItemRejected`; the services' own refusals (ValidationError,
PermissionDenied) are refusals too. Nothing here commits or catches: the
caller runs each item in its own savepoint.

The time an item is recorded with is its `occurred_at`, but never later than
when the server received it (a device clock running ahead) and never earlier
than the learner's enrolment in the course, or their account for a
self-assessment (a clock running behind). The item keeps the time as sent.

Data shapes, one per type (ids are the ones in the lesson page's HTML):

- `lesson.completed` `{"lesson": <lesson id>}`: the learner's "done" button.
- `quiz.answered` `{"lesson": id, "block": <quiz block id>, "answers":
  {<question id>: [<option id>, …]}}`: one submitted attempt, scored here.
- `xapi.statement` `{"lesson": id, "block": <H5P block id>, "package":
  <package id>, "statement": {…}}`: one statement from the H5P player, as
  `POST /api/xapi/statements` takes it (its own id makes it count once).
- `reflection.saved` `{"lesson": id, "block": <case block id>, "option":
  <option id or "other">, "other_text": str, "reflections": {<question id>:
  text}, "share": bool}`: the learner's work on a case study. `option` (with
  `other_text` for "other") is a choice, `reflections` (all questions, with
  `share`) are the reflections; at least one of the two. Send the current
  option with the reflections, so that the item stands on its own.
- `dialogue.note` `{"lesson": id, "block": <deck block id>, "card": <card
  id>, "text": str}`: the learner's private note on one card.
- `activity.confirmed` `{"lesson": id, "block": <acknowledgement block
  id>}`: the learner ticked and confirmed a statement ("I have understood
  …"); it completes that activity, as online.
- `selfassessment.saved` `{"framework": <framework slug>, "levels":
  {<competency id>: <level, 0 = not yet>}}`: answers to the self-assessment.

Items may arrive in any order (a batch is applied oldest first, but two
devices, or a queue sent in parts, mix them), and end in the same state:
completions count from the earliest time they happened, a lesson is complete
from when its last required activity first was, every item in a lesson is a
visit to it at its time, quiz and H5P attempts take their place by time,
notes, case choices and reflections keep the latest version written, and
every self-assessment answer is kept with its time. What still depends on the
order of arrival: which attempts beyond a quiz's limit are refused, a "done"
for a lesson whose activities are still open (refused until they are done,
which completes the lesson anyway), reflections sent without ever choosing an
option, and the time on evidence of a completion reported twice (the first
report's time)."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import Enrolment, LessonPage, LessonProgress
from lms.activities.selectors.h5p import attempt_passes
from lms.activities.selectors.quiz import QuizState
from lms.activities.services import case as case_services
from lms.activities.services import dialogue as dialogue_services
from lms.activities.services import h5p as h5p_services
from lms.activities.services import quiz as quiz_services
from lms.competencies.models import Competency, Framework
from lms.competencies.services import self_assessment_save

from . import xapi
from .models import TYPE_MAX_LENGTH

KEY_MAX_LENGTH = 64
SLUG_MAX_LENGTH = Framework._meta.get_field("slug").max_length
MAX_ID = 2**63  # bigint


class ItemRejected(Exception):
    """The item cannot be applied; the message tells the learner why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class ItemMalformed(ItemRejected):
    """The item itself (id, type, time, data) is broken, so it cannot even be
    recorded. `sent_id` is its id as sent, when that was a string."""

    def __init__(self, message: str, sent_id: str | None = None):
        super().__init__(message)
        self.sent_id = sent_id


@dataclass(frozen=True)
class Item:
    id: uuid.UUID
    sent_id: str  # as sent, for the answer
    type: str
    occurred_at: datetime
    data: dict


def _time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
        if moment.utcoffset() is None:
            return None
        return moment.astimezone(UTC)
    except (ValueError, OverflowError):
        return None


def _storable(value: Any) -> bool:
    """No NUL character anywhere: PostgreSQL stores none, in text or JSON,
    and one refused insert would fail the whole batch every time it is sent."""
    stack = [value]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            if "\x00" in value:
                return False
        elif isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return True


def item_read(raw: Any) -> Item:
    """The item's envelope, checked; the data is for its handler to check."""
    if not isinstance(raw, dict):
        raise ItemMalformed(_("An item must be a JSON object."))
    sent_id = raw.get("id") if isinstance(raw.get("id"), str) else None
    try:
        item_id = uuid.UUID(sent_id or "")
    except ValueError as error:
        raise ItemMalformed(_("Every item needs an id (a UUID)."), sent_id) from error
    item_type = raw.get("type")
    if not isinstance(item_type, str) or not 0 < len(item_type) <= TYPE_MAX_LENGTH:
        raise ItemMalformed(_("Every item needs a type."), sent_id)
    occurred_at = _time(raw.get("occurred_at"))
    if occurred_at is None:
        raise ItemMalformed(
            _("Every item needs the time it happened (ISO 8601, with a time zone)."),
            sent_id,
        )
    data = raw.get("data")
    if not isinstance(data, dict):
        raise ItemMalformed(_("The data of an item must be a JSON object."), sent_id)
    if not _storable(data) or not _storable(item_type):
        raise ItemMalformed(
            _("The item contains characters that cannot be stored."), sent_id
        )
    return Item(
        id=item_id,
        sent_id=sent_id,
        type=item_type,
        occurred_at=occurred_at,
        data=data,
    )


class Learner:
    """One learner during one batch: the lessons they can reach, looked up
    once per lesson (a queue holds many items for few lessons), the bounds of
    the times their items are recorded with, and what is kept for the batch
    to save queries per item: when activities and lessons were completed,
    the learner's state in each quiz answered so far, and the visits of the
    items applied so far, written once per lesson at the end (first and last
    visit are a minimum and a maximum, so writing them late changes
    nothing). The caller reports each item's fate (`item_applied`,
    `item_undone`), because an item rolled back takes its visits and
    completions with it; what is kept is then forgotten and read again."""

    def __init__(self, user: AbstractBaseUser, *, received_at: datetime):
        self.user = user
        self.received_at = received_at
        self._lessons: dict[int, tuple[LessonPage | None, Enrolment | None]] = {}
        self._first_done: dict[int, dict[str, datetime]] = {}
        self._visits: dict[int, tuple[LessonPage, datetime, datetime]] = {}
        self._item_visits: list[tuple[LessonPage, datetime]] = []
        self._completed: dict[int, datetime | None] = {}
        self.quiz_states: dict[tuple[int, str], QuizState] = {}

    def lessons_load(self, items: list[Item]) -> None:
        """Look up the lessons all these items name, at once, and when the
        learner completed them."""
        ids = {_lesson_id(item.data) for item in items} - {None, *self._lessons}
        found = course_selectors.lessons_for_learner(self.user, ids)
        for lesson_id in ids:
            self._lessons[lesson_id] = found.get(lesson_id, (None, None))
            self._completed[lesson_id] = None
        self._completed.update(
            LessonProgress.objects.filter(user=self.user, lesson__in=ids)
            .order_by()
            .values_list("lesson_id", "completed_at")
        )

    def complete_by(self, lesson: LessonPage, at: datetime) -> bool:
        """The lesson is known to have been complete at `at` already, so
        completing it then changes nothing (a queue often says "done" for a
        lesson done before). Unknown after a rollback: then the services
        decide, as always."""
        completed_at = self._completed.get(lesson.pk)
        return completed_at is not None and completed_at <= at

    def completed(self, lesson: LessonPage, completed_at: datetime | None) -> None:
        if lesson.pk in self._completed:
            self._completed[lesson.pk] = completed_at

    def lesson(self, data: dict) -> tuple[LessonPage, Enrolment]:
        """The live lesson `data["lesson"]` names and the learner's enrolment
        in its course."""
        lesson_id = _lesson_id(data)
        if lesson_id is None:
            raise ItemRejected(_("The lesson is missing or not a number."))
        if lesson_id not in self._lessons:
            self._lessons[lesson_id] = course_selectors.lessons_for_learner(
                self.user, [lesson_id]
            ).get(lesson_id, (None, None))
        lesson, enrolment = self._lessons[lesson_id]
        if lesson is None:
            raise ItemRejected(_("There is no such lesson, or it is not published."))
        if enrolment is None:
            raise ItemRejected(_("You are not enrolled in this course."))
        return lesson, enrolment

    def block(self, data: dict, kind: str):
        """(lesson, block, enrolment) for the block of this kind that
        `data["block"]` names in the lesson."""
        lesson, enrolment = self.lesson(data)
        block_id = _key(data, "block")
        for block in lesson.body:
            if block.id == block_id and block.block_type == kind:
                return lesson, block, enrolment
        raise ItemRejected(_("There is no such activity in this lesson."))

    def at(self, item: Item, enrolment: Enrolment | None = None) -> datetime:
        """When the item is recorded: its time, within the bounds above."""
        earliest = enrolment.enrolled_at if enrolment else self.user.date_joined
        return min(max(item.occurred_at, earliest), self.received_at)

    def visit(self, item: Item, lesson: LessonPage, enrolment: Enrolment) -> datetime:
        """The item's time, which counts as a visit to the lesson: acting in a
        lesson means having it open, as online. (Every item counts, not only
        those that complete something: which of those reach the services
        depends on the order they arrive in, and the visit times must not.)"""
        at = self.at(item, enrolment)
        self._item_visits.append((lesson, at))
        return at

    def first_done(self, lesson: LessonPage, block_id: str) -> datetime | None:
        """When the activity was first completed, if it was."""
        if lesson.pk not in self._first_done:
            self._first_done[lesson.pk] = course_selectors.activity_completions(
                self.user, lesson
            )
        return self._first_done[lesson.pk].get(block_id)

    def done(self, lesson: LessonPage, block_id: str, at: datetime) -> None:
        """The activity was completed at `at` (by the current item)."""
        known = self._first_done.get(lesson.pk)
        if known is not None:
            known[block_id] = min(known.get(block_id, at), at)

    def item_applied(self) -> None:
        for lesson, at in self._item_visits:
            _lesson, first, last = self._visits.get(lesson.pk, (lesson, at, at))
            self._visits[lesson.pk] = (lesson, min(first, at), max(last, at))
        self._item_visits = []

    def item_undone(self) -> None:
        self._item_visits = []
        self._first_done.clear()  # it may hold a completion rolled back
        self._completed.clear()
        self.quiz_states.clear()

    def visits_record(self) -> None:
        """Write the visits of the applied items (at the end of the batch)."""
        for lesson, first, last in self._visits.values():
            course_services.lesson_visit_record(
                user=self.user, lesson=lesson, first=first, last=last
            )
        self._visits = {}


def _database_id(value: Any) -> int | None:
    """A number the database can take as an id (a larger one would fail the
    whole batch), also when sent as a string of digits."""
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value) if len(value) <= len(str(MAX_ID)) else None
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value if 0 < value < MAX_ID else None


def _lesson_id(data: dict) -> int | None:
    return _database_id(data.get("lesson"))


def _key(data: dict, name: str, max_length: int = KEY_MAX_LENGTH) -> str:
    value = data.get(name)
    if not isinstance(value, str) or not 0 < len(value) <= max_length:
        raise ItemRejected(
            _("The field %(name)s is missing or not an id.") % {"name": name}
        )
    return value


def _text(data: dict, name: str, default: str | None = None) -> str:
    value = data.get(name, default)
    if not isinstance(value, str):
        raise ItemRejected(
            _("The field %(name)s is missing or not a text.") % {"name": name}
        )
    return value


def _activity_done(learner: Learner, lesson: LessonPage, block_id: str, at) -> None:
    """Record the activity as complete unless it already was at that time.

    Online, a passed quiz or a note completes its activity once. Reported
    late, an earlier completion than the one on record is recorded too, so
    the activity (and the lesson) count from the earliest."""
    first = learner.first_done(lesson, block_id)
    if first is None or at < first:
        course_services.activity_complete(
            user=learner.user, lesson=lesson, block_id=block_id, occurred_at=at
        )
        learner.done(lesson, block_id, at)


def lesson_completed(learner: Learner, item: Item) -> None:
    """`{"lesson": id}`. Refused while the lesson has open required
    activities, as online: those lessons complete with their last activity.
    A lesson complete by then already is left alone (stored, no change)."""
    lesson, enrolment = learner.lesson(item.data)
    at = learner.visit(item, lesson, enrolment)
    if learner.complete_by(lesson, at):
        return
    progress = course_services.lesson_mark_complete(
        user=learner.user, lesson=lesson, occurred_at=at
    )
    learner.completed(lesson, progress.completed_at)


def _answers(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict) or not all(
        isinstance(options, list) and all(isinstance(o, str) for o in options)
        for options in value.values()
    ):
        raise ItemRejected(
            _("The answers must map question ids to lists of option ids.")
        )
    return value


def quiz_answered(learner: Learner, item: Item) -> None:
    """`{"lesson", "block", "answers": {question id: [option id, …]}}`.
    Scored on the server like an online submission; a passing attempt
    completes the activity at its time: when it was made it was the newest
    attempt, so it counted, whether the quiz counts the best or the last.
    (Not `outcome.completes`: a late, older attempt that failed must not
    complete the quiz at its time because a newer one passed.)"""
    lesson, block, enrolment = learner.block(item.data, "quiz")
    answers = _answers(item.data.get("answers"))
    at = learner.visit(item, lesson, enrolment)
    outcome = quiz_services.quiz_attempt_submit(
        user=learner.user,
        page=lesson,
        block_id=block.id,
        quiz=block.value,
        answers=answers,
        occurred_at=at,
        known=learner.quiz_states.get((lesson.pk, block.id)),
    )
    learner.quiz_states[(lesson.pk, block.id)] = outcome.state
    if outcome.attempt.passed:
        _activity_done(learner, lesson, block.id, at)


def xapi_statement(learner: Learner, item: Item) -> None:
    """`{"lesson", "block", "package", "statement": {…}}`, with the checks of
    `POST /api/xapi/statements`: the package must be the block's current one,
    and the statement the learner's own. A passing attempt completes the
    activity at its time, as a quiz attempt does."""
    lesson, block, enrolment = learner.block(item.data, "h5p")
    package = block.value["package"]
    if package is None or str(item.data.get("package")) != str(package.pk):
        raise ItemRejected(_("This package is not the one in this exercise."))
    statement = item.data.get("statement")
    if not isinstance(statement, dict):
        raise ItemRejected(_("A statement must be a JSON object."))
    try:
        read = xapi.statement_read(statement, user_pk=learner.user.pk)
    except xapi.StatementInvalid as error:
        raise ItemRejected(str(error)) from error
    at = learner.visit(item, lesson, enrolment)
    outcome = h5p_services.h5p_statements_record(
        user=learner.user,
        page=lesson,
        block_id=block.id,
        value=block.value,
        statements=[read],
        occurred_at=at,
    )
    pass_mark = outcome.state.pass_mark
    if any(attempt_passes(attempt, pass_mark) for attempt in outcome.attempts):
        _activity_done(learner, lesson, block.id, at)


def reflection_saved(learner: Learner, item: Item) -> None:
    """`{"lesson", "block", "option"?, "other_text"?, "reflections"?,
    "share"?}`: a choice completes the activity, as online; reflections need
    a choice before them (in this item or on record)."""
    lesson, block, enrolment = learner.block(item.data, "case")
    case = block.value.get("case")
    if case is None:
        raise ItemRejected(_("This case study is no longer in the lesson."))
    data = item.data
    if data.get("option") is None and data.get("reflections") is None:
        raise ItemRejected(_("Send a choice, reflections, or both."))
    at = learner.visit(item, lesson, enrolment)
    where = {"user": learner.user, "page": lesson, "block_id": block.id, "case": case}
    if data.get("option") is not None:
        case_services.case_response_choose(
            **where,
            option_id=_text(data, "option"),
            other_text=_text(data, "other_text", ""),
            occurred_at=at,
        )
        course_services.activity_complete(
            user=learner.user, lesson=lesson, block_id=block.id, occurred_at=at
        )
        learner.done(lesson, block.id, at)
    if data.get("reflections") is not None:
        texts = data["reflections"]
        if not isinstance(texts, dict) or not all(
            isinstance(text, str) for text in texts.values()
        ):
            raise ItemRejected(_("The reflections must map question ids to texts."))
        share = data.get("share", False)
        if not isinstance(share, bool):
            raise ItemRejected(_("The field share must be true or false."))
        case_services.case_reflections_save(
            **where, texts=texts, share=share, occurred_at=at
        )


def dialogue_note(learner: Learner, item: Item) -> None:
    """`{"lesson", "block", "card", "text"}`: one note on one card completes
    the deck, as online."""
    lesson, block, enrolment = learner.block(item.data, "deck")
    deck = block.value.get("deck")
    if deck is None:
        raise ItemRejected(_("This deck is no longer in the lesson."))
    at = learner.visit(item, lesson, enrolment)
    dialogue_services.card_note_merge(
        user=learner.user,
        deck=deck,
        card_id=_key(item.data, "card"),
        text=_text(item.data, "text"),
        occurred_at=at,
    )
    _activity_done(learner, lesson, block.id, at)


def activity_confirmed(learner: Learner, item: Item) -> None:
    """`{"lesson", "block"}`: an acknowledgement confirmed, which completes
    the activity at its time (the first confirmation counts)."""
    lesson, block, enrolment = learner.block(item.data, "acknowledgement")
    at = learner.visit(item, lesson, enrolment)
    _activity_done(learner, lesson, block.id, at)


def _levels(value: Any) -> dict[int, int]:
    if not isinstance(value, dict) or not value:
        raise ItemRejected(_("Choose an answer for at least one competency."))
    levels = {}
    for key, level in value.items():
        competency_id = _database_id(key)
        if (
            competency_id is None
            or isinstance(level, bool)
            or not isinstance(level, int)
        ):
            raise ItemRejected(_("The levels must map competency ids to numbers."))
        levels[competency_id] = level
    return levels


def selfassessment_saved(learner: Learner, item: Item) -> None:
    """`{"framework": slug, "levels": {competency id: level}}`, with the
    form's rules: questions are the competencies without children, answers
    "not yet" (0) or a level of the framework's scale."""
    slug = _key(item.data, "framework", max_length=SLUG_MAX_LENGTH)
    framework = Framework.objects.filter(slug=slug).first()
    if framework is None:
        raise ItemRejected(_("There is no such competency framework."))
    levels = _levels(item.data.get("levels"))
    questions = set(
        Competency.objects.filter(
            framework=framework, pk__in=list(levels), children__isnull=True
        ).values_list("pk", flat=True)
    )
    allowed = {0, *framework.level_values()}
    if set(levels) - questions or set(levels.values()) - allowed:
        raise ItemRejected(_("This answer is not part of the self-assessment."))
    self_assessment_save(
        user=learner.user,
        framework=framework,
        levels=levels,
        occurred_at=learner.at(item),
        record_repeats=True,
    )


Handler = Callable[[Learner, Item], None]

HANDLERS: dict[str, Handler] = {
    "lesson.completed": lesson_completed,
    "quiz.answered": quiz_answered,
    "xapi.statement": xapi_statement,
    "reflection.saved": reflection_saved,
    "dialogue.note": dialogue_note,
    "activity.confirmed": activity_confirmed,
    "selfassessment.saved": selfassessment_saved,
}
