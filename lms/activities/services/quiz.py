"""Writes for the quiz activity, and the scoring they rest on.

Scoring is a pure function of the quiz as authored and the options a learner
chose, so it runs on the server only and tests need no database. The rules
(documented for trainers too):

- single choice and true/false: one point when the chosen option is the correct
  one;
- multiple choice: one point only when exactly the set of correct options is
  chosen, nothing more and nothing less (Moodle's "all or nothing" variant;
  partial credit would let a learner tick every box and still collect points);
- an unanswered question scores 0. The submit form refuses incomplete answers
  (`QuizIncomplete`), because a slip of the finger should not use up one of a
  limited number of attempts; scoring itself stays total for callers such as
  offline sync.

score = points / max_points, and the attempt passes when score * 100 reaches the
pass mark (compared in whole numbers, so 29 of 100 points pass a 29 % mark).
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from content.blocks.quiz import QuestionKind
from lms.activities.models import QuizAnswer, QuizAttempt
from lms.activities.selectors.quiz import QuizState, quiz_state

Answers = Mapping[str, Sequence[str]]


class QuizAnswersForged(ValidationError):
    """Answers no form of ours can produce: an unknown question or option, or a
    second answer to a single-choice question. The view answers 400."""


class QuizIncomplete(ValidationError):
    """Some questions have no answer: a form error the learner can fix. Carries
    the ids of the unanswered questions in `question_ids`."""

    def __init__(self, message, question_ids: list[str]):
        super().__init__(message)
        self.question_ids = question_ids


class QuizAttemptsExhausted(PermissionDenied):
    """Every allowed attempt has been used; the view answers 403."""


@dataclass(frozen=True)
class QuestionResult:
    question_id: str
    correct: bool
    chosen: tuple[str, ...]


@dataclass(frozen=True)
class QuizScore:
    points: int
    max_points: int
    passed: bool
    questions: tuple[QuestionResult, ...]

    @property
    def score(self) -> float:
        return self.points / self.max_points if self.max_points else 0.0


@dataclass(frozen=True)
class QuizOutcome:
    """What a submission did: the new attempt, the learner's state afterwards
    and whether the activity is now complete (the counting attempt passed);
    the caller in courses records the completion."""

    attempt: QuizAttempt
    state: QuizState

    @property
    def completes(self) -> bool:
        return self.state.passed


def _questions(quiz) -> list:
    """The quiz's questions as bound list items, which carry their block ids."""
    return list(quiz["questions"].bound_blocks)


def quiz_answers_check(*, quiz, answers: Answers) -> None:
    """Refuse answers that did not come from the quiz's own form."""
    questions = {item.id: item.value for item in _questions(quiz)}
    for question_id, option_ids in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise QuizAnswersForged(_("This question is not part of the quiz."))
        known = {option.id for option in question["options"].bound_blocks}
        if not set(option_ids) <= known:
            raise QuizAnswersForged(_("This answer does not belong to the question."))
        if len(set(option_ids)) != len(option_ids):
            raise QuizAnswersForged(_("The same answer was sent twice."))
        if question["kind"] != QuestionKind.MULTIPLE and len(option_ids) > 1:
            raise QuizAnswersForged(_("This question takes only one answer."))


def quiz_score(*, quiz, answers: Answers) -> QuizScore:
    """Score checked answers (see the module docstring for the rules)."""
    results = []
    for item in _questions(quiz):
        chosen = tuple(answers.get(item.id, ()))
        correct = {
            option.id
            for option in item.value["options"].bound_blocks
            if option.value["correct"]
        }
        results.append(
            QuestionResult(
                question_id=item.id,
                correct=bool(chosen) and set(chosen) == correct,
                chosen=chosen,
            )
        )
    points = sum(1 for result in results if result.correct)
    max_points = len(results)
    passed = points * 100 >= quiz["pass_mark"] * max_points
    return QuizScore(
        points=points, max_points=max_points, passed=passed, questions=tuple(results)
    )


def quiz_attempt_submit(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    quiz,
    answers: Answers,
    occurred_at: datetime | None = None,
    known: QuizState | None = None,
) -> QuizOutcome:
    """Score and store one attempt with its answers.

    With a limit on attempts, the learner's user row is locked first, so two
    submissions sent at once cannot both squeeze through the last allowed
    attempt (PostgreSQL; SQLite serialises writing transactions anyway).
    `occurred_at` is when an attempt made offline was submitted (offline
    sync); it may be older than attempts already stored, and takes its place
    among them by that time.

    `known` is the learner's state in this quiz as the caller already has it
    (offline sync applies many attempts at one quiz in a row and keeps the
    last outcome's state); it saves reading every attempt again. It is used
    only for quizzes with unlimited attempts: a limit is counted under the
    lock, from the database."""
    quiz_answers_check(quiz=quiz, answers=answers)
    with transaction.atomic():
        if quiz["max_attempts"]:
            get_user_model().objects.select_for_update().only("pk").get(pk=user.pk)
        if known is not None and not quiz["max_attempts"]:
            before = known
        else:
            before = quiz_state(user=user, page=page, block_id=block_id, quiz=quiz)
        if not before.can_attempt:
            raise QuizAttemptsExhausted(_("You have used all attempts at this quiz."))
        unanswered = [item.id for item in _questions(quiz) if not answers.get(item.id)]
        if unanswered:
            raise QuizIncomplete(
                _("Please answer every question before you submit."), unanswered
            )
        result = quiz_score(quiz=quiz, answers=answers)
        attempt = QuizAttempt(
            user=user,
            page=page,
            block_id=block_id,
            points=result.points,
            max_points=result.max_points,
            score=result.score,
            passed=result.passed,
            submitted_at=occurred_at or timezone.now(),
        )
        # The caller's user and page exist: no query to check each.
        attempt.full_clean(exclude=["user", "page"])
        attempt.save()
        rows = [
            QuizAnswer(attempt=attempt, question_id=question.question_id, option_id=o)
            for question in result.questions
            for o in question.chosen
        ]
        for row in rows:
            row.full_clean(exclude=["attempt"])
        QuizAnswer.objects.bulk_create(rows)
    return QuizOutcome(
        attempt=attempt, state=before.with_attempt(attempt, counting=quiz["counting"])
    )


@dataclass(frozen=True)
class ChosenOption:
    text: str
    feedback: str
    correct: bool


@dataclass(frozen=True)
class QuestionReview:
    number: int
    question_id: str
    text: str
    kind: str
    correct: bool
    chosen: tuple[ChosenOption, ...]


def quiz_review(*, quiz, answers: Answers) -> list[QuestionReview]:
    """Per question: right or wrong, and the feedback of each chosen option.

    Marks follow the quiz as it is now (a trainer may have edited it since);
    the stored score stays as it was when the attempt was submitted."""
    scored = {
        result.question_id: result
        for result in quiz_score(quiz=quiz, answers=answers).questions
    }
    reviews = []
    for number, item in enumerate(_questions(quiz), start=1):
        options = {
            option.id: option.value for option in item.value["options"].bound_blocks
        }
        chosen = tuple(
            ChosenOption(
                text=options[option_id]["text"],
                feedback=options[option_id]["feedback"],
                correct=bool(options[option_id]["correct"]),
            )
            for option_id in answers.get(item.id, ())
            if option_id in options
        )
        reviews.append(
            QuestionReview(
                number=number,
                question_id=item.id,
                text=item.value["text"],
                kind=item.value["kind"],
                correct=scored[item.id].correct,
                chosen=chosen,
            )
        )
    return reviews
