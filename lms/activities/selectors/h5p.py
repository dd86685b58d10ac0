"""Reads for the H5P activity: a learner's attempts and which one counts, and
the player's saved state.

Rules (shared with the service that grades statements):

- a scored attempt *passes* when its scaled score times 100 reaches the block's
  pass mark: the trainer's pass mark rules, not the content's own `success`
  verdict (which follows the H5P author's threshold, not the course's);
  unscored content (no score at all) passes when it reports completion or success;
- the counting attempt is, as the trainer chose per block, the best (highest
  scaled score, a pass before a fail, the earlier of equals) or the last;
- once the counting attempt has passed the activity is complete and stays so,
  like quizzes: a later, worse "last" attempt does not undo a finished lesson.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet
from wagtail.models import Page

from lms.activities.models import H5PAttempt, H5PUserData

BEST = "best"
LAST = "last"


def attempt_passes(attempt: H5PAttempt, pass_mark: int) -> bool:
    if attempt.scaled_score is None:
        return bool(attempt.completion or attempt.success)
    # Compared in hundredths, so 0.29 reaches a 29 % mark despite float noise.
    return round(attempt.scaled_score * 10000) >= pass_mark * 100


def counting_attempt(
    attempts: list[H5PAttempt], rule: str, pass_mark: int
) -> H5PAttempt | None:
    """The attempt that counts among attempts ordered oldest first."""
    if not attempts:
        return None
    if rule == LAST:
        return attempts[-1]

    def key(attempt):
        return (attempt_passes(attempt, pass_mark), attempt.scaled_score or 0.0)

    best = attempts[0]
    for attempt in attempts[1:]:
        if key(attempt) > key(best):
            best = attempt
    return best


@dataclass(frozen=True)
class H5PState:
    """One learner's standing in one H5P block."""

    attempts: tuple[H5PAttempt, ...] = ()
    counting_rule: str = BEST
    pass_mark: int = 100
    counting: H5PAttempt | None = field(default=None)

    @property
    def attempts_used(self) -> int:
        return len(self.attempts)

    @property
    def passed(self) -> bool:
        return bool(self.counting and attempt_passes(self.counting, self.pass_mark))

    @property
    def scored(self) -> bool:
        return bool(self.counting and self.counting.scaled_score is not None)

    @property
    def percent(self) -> int | None:
        if not self.scored:
            return None
        return round(self.counting.scaled_score * 100)

    def with_attempt(self, attempt: H5PAttempt) -> "H5PState":
        # Oldest first, as read; an attempt made offline may be older than others.
        attempts = sorted([*self.attempts, attempt], key=lambda a: (a.created_at, a.pk))
        return replace(
            self,
            attempts=tuple(attempts),
            counting=counting_attempt(attempts, self.counting_rule, self.pass_mark),
        )

    def as_json(self) -> dict:
        counting = self.counting
        return {
            "attempts": self.attempts_used,
            "counting": self.counting_rule,
            "raw_score": counting.raw_score if counting else None,
            "max_score": counting.max_score if counting else None,
            "scaled_score": counting.scaled_score if counting else None,
            "passed": self.passed,
        }


def _state(value, attempts: list[H5PAttempt]) -> H5PState:
    rule = value.get("counting") or BEST
    pass_mark = value.get("pass_mark")
    pass_mark = 100 if pass_mark is None else pass_mark
    return H5PState(
        attempts=tuple(attempts),
        counting_rule=rule,
        pass_mark=pass_mark,
        counting=counting_attempt(attempts, rule, pass_mark),
    )


def _attempts(user: AbstractBaseUser, page: Page) -> QuerySet[H5PAttempt]:
    return H5PAttempt.objects.filter(user=user, page=page).order_by("created_at", "pk")


def state_for(*, user: AbstractBaseUser, page: Page, blocks) -> dict[str, H5PState]:
    """{block_id: H5PState} for these H5P blocks of one lesson, in one query.

    Attempts made with a package the block no longer holds (the trainer swapped
    it) do not count for the block."""
    by_block: dict[str, list[H5PAttempt]] = defaultdict(list)
    ids = [block.id for block in blocks]
    for attempt in _attempts(user, page).filter(block_id__in=ids):
        by_block[attempt.block_id].append(attempt)
    states = {}
    for block in blocks:
        package = block.value.get("package")
        package_id = getattr(package, "pk", package)
        attempts = [a for a in by_block[block.id] if a.package_id == package_id]
        states[block.id] = _state(block.value, attempts)
    return states


def h5p_state(
    *, user: AbstractBaseUser, page: Page, block_id: str, value, package_id: int
) -> H5PState:
    """One learner's state in one H5P block (one query)."""
    attempts = _attempts(user, page).filter(block_id=block_id, package_id=package_id)
    return _state(value, list(attempts))


def h5p_user_data(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    data_type: str,
    sub_content_id: str,
) -> str | None:
    """The saved state as the player stored it (a JSON string), or None."""
    return (
        H5PUserData.objects.filter(
            user=user,
            page=page,
            block_id=block_id,
            data_type=data_type,
            sub_content_id=sub_content_id,
        )
        .values_list("data", flat=True)
        .first()
    )
