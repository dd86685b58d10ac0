"""Reads for the quiz activity: a learner's attempts and which one counts, and
the trainer's per-question statistics.

Which attempt counts is the trainer's choice per quiz: the best (highest score;
of equal scores the earlier) or the last. Completion does not follow it back:
once a counting attempt has passed, the activity stays complete even if a later
"last" attempt fails, because a finished lesson (and a certificate) must not
quietly become unfinished again.

The trainer's statistics count each learner's counting attempt, not every
attempt: they show what learners ended up answering, and a learner who tried
ten times does not weigh ten times as much."""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from wagtail.models import Page

from lms.activities.models import QuizAnswer, QuizAttempt

BEST = "best"
LAST = "last"


def counting_attempt(attempts: list[QuizAttempt], rule: str) -> QuizAttempt | None:
    """The attempt that counts among attempts ordered oldest first."""
    if not attempts:
        return None
    if rule == LAST:
        return attempts[-1]
    best = attempts[0]
    for attempt in attempts[1:]:
        if attempt.score > best.score:
            best = attempt
    return best


@dataclass(frozen=True)
class QuizState:
    """One learner's standing in one quiz block."""

    attempts: tuple[QuizAttempt, ...] = ()
    max_attempts: int = 0  # 0: unlimited
    counting_rule: str = BEST
    counting: QuizAttempt | None = field(default=None)

    @property
    def attempts_used(self) -> int:
        return len(self.attempts)

    @property
    def attempts_left(self) -> int | None:
        """None when the number of attempts is unlimited."""
        if not self.max_attempts:
            return None
        return max(self.max_attempts - self.attempts_used, 0)

    @property
    def can_attempt(self) -> bool:
        return self.attempts_left is None or self.attempts_left > 0

    @property
    def passed(self) -> bool:
        return bool(self.counting and self.counting.passed)

    @property
    def percent(self) -> int | None:
        return percent_of(self.counting.score) if self.counting else None

    def with_attempt(self, attempt: QuizAttempt, *, counting: str) -> "QuizState":
        # Oldest first, as read; an attempt made offline may be older than others.
        attempts = sorted(
            [*self.attempts, attempt], key=lambda a: (a.submitted_at, a.pk)
        )
        return replace(
            self,
            attempts=tuple(attempts),
            counting_rule=counting,
            counting=counting_attempt(attempts, counting),
        )


def percent_of(score: float) -> int:
    return round(score * 100)


def _state(quiz, attempts: list[QuizAttempt]) -> QuizState:
    return QuizState(
        attempts=tuple(attempts),
        max_attempts=quiz["max_attempts"] or 0,
        counting_rule=quiz["counting"],
        counting=counting_attempt(attempts, quiz["counting"]),
    )


def _attempts(user: AbstractBaseUser, page: Page) -> QuerySet[QuizAttempt]:
    return QuizAttempt.objects.filter(user=user, page=page).order_by(
        "submitted_at", "pk"
    )


def state_for(*, user: AbstractBaseUser, page: Page, blocks) -> dict[str, QuizState]:
    """{block_id: QuizState} for these quiz blocks of one lesson, in one query."""
    by_block: dict[str, list[QuizAttempt]] = defaultdict(list)
    ids = [block.id for block in blocks]
    for attempt in _attempts(user, page).filter(block_id__in=ids):
        by_block[attempt.block_id].append(attempt)
    return {block.id: _state(block.value, by_block[block.id]) for block in blocks}


def quiz_state(*, user: AbstractBaseUser, page: Page, block_id: str, quiz) -> QuizState:
    """One learner's state in one quiz (one query)."""
    return _state(quiz, list(_attempts(user, page).filter(block_id=block_id)))


def attempt_for(
    *, user: AbstractBaseUser, page: Page, block_id: str, attempt_id: int
) -> QuizAttempt | None:
    """One of the learner's own attempts, or None (someone else's, or not there)."""
    return _attempts(user, page).filter(block_id=block_id, pk=attempt_id).first()


def attempt_answers(attempt: QuizAttempt) -> dict[str, list[str]]:
    """{question_id: [option_id, …]} as the learner chose them."""
    answers: dict[str, list[str]] = defaultdict(list)
    for question_id, option_id in attempt.answers.order_by("pk").values_list(
        "question_id", "option_id"
    ):
        answers[question_id].append(option_id)
    return dict(answers)


@dataclass(frozen=True)
class OptionStatistic:
    text: str
    correct: bool
    chosen_by: int
    percent: int


@dataclass(frozen=True)
class QuestionStatistic:
    number: int
    text: str
    kind: str
    options: list[OptionStatistic]


@dataclass(frozen=True)
class QuizStatistics:
    attempts: int
    learners: int
    passed: int
    questions: list[QuestionStatistic]

    @property
    def pass_rate(self) -> int | None:
        return round(100 * self.passed / self.learners) if self.learners else None


def counting_attempts(*, page: Page, block_id: str, rule: str) -> QuerySet:
    """Each learner's counting attempt in one quiz, chosen in the database."""
    all_attempts = QuizAttempt.objects.filter(page=page, block_id=block_id)
    order = (
        ("-submitted_at", "-pk") if rule == LAST else ("-score", "submitted_at", "pk")
    )
    counting_pk = (
        all_attempts.filter(user=OuterRef("user")).order_by(*order).values("pk")[:1]
    )
    return all_attempts.filter(pk=Subquery(counting_pk))


def quiz_statistics(*, page: Page, block_id: str, quiz) -> QuizStatistics:
    """Per question and option, how many learners chose it in their counting
    attempt; plus attempts, learners and passes (three queries)."""
    totals = QuizAttempt.objects.filter(page=page, block_id=block_id).aggregate(
        attempts=Count("pk"), learners=Count("user", distinct=True)
    )
    counting = counting_attempts(page=page, block_id=block_id, rule=quiz["counting"])
    passed = counting.aggregate(n=Count("pk", filter=Q(passed=True)))["n"]
    chosen = {
        (row["question_id"], row["option_id"]): row["n"]
        for row in QuizAnswer.objects.filter(attempt__in=counting)
        .values("question_id", "option_id")
        .annotate(n=Count("pk"))
        .order_by()
    }
    learners = totals["learners"]
    questions = []
    for number, item in enumerate(quiz["questions"].bound_blocks, start=1):
        options = []
        for option in item.value["options"].bound_blocks:
            n = chosen.get((item.id, option.id), 0)
            options.append(
                OptionStatistic(
                    text=option.value["text"],
                    correct=bool(option.value["correct"]),
                    chosen_by=n,
                    percent=round(100 * n / learners) if learners else 0,
                )
            )
        questions.append(
            QuestionStatistic(
                number=number,
                text=item.value["text"],
                kind=item.value["kind"],
                options=options,
            )
        )
    return QuizStatistics(
        attempts=totals["attempts"],
        learners=learners,
        passed=passed,
        questions=questions,
    )
