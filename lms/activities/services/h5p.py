"""Writes for the H5P activity: grading root xAPI statements, saved state.

Statements arrive already read and checked (lms.sync.xapi); here they become
facts: the raw statement is kept, and a root answered/completed statement gives
one attempt. The statement id makes a replay harmless: a statement already
stored is reported as a duplicate and changes nothing. Whether the activity is
now complete is returned, not recorded: completion belongs to courses, which
this app does not import (the calling view records it)."""

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.models import Page

from lms.activities.models import H5PAttempt, H5PUserData, XAPIStatement
from lms.activities.selectors.h5p import H5PState, h5p_state

STORED = "stored"
DUPLICATE = "duplicate"
IGNORED = "ignored"


class GradedStatement(Protocol):
    """What grading reads from a checked statement (lms.sync.xapi.Statement)."""

    id: uuid.UUID
    verb: str
    raw: dict
    is_graded: bool
    raw_score: float | None
    max_score: float | None
    scaled_score: float | None
    success: bool | None
    completion: bool | None


@dataclass(frozen=True)
class H5POutcome:
    """Per statement "stored", "duplicate" or "ignored", the learner's state
    afterwards and the attempts this call stored; `completes` when the counting
    attempt now passes."""

    results: tuple[tuple[uuid.UUID, str], ...]
    state: H5PState
    attempts: tuple[H5PAttempt, ...] = ()

    @property
    def completes(self) -> bool:
        return self.state.passed


def _record(
    *, user, page, block_id, package, statement: GradedStatement, occurred_at=None
):
    """Store one graded statement and its attempt; None for a replay."""
    if XAPIStatement.objects.filter(statement_id=statement.id).exists():
        return None
    row = XAPIStatement(
        statement_id=statement.id,
        user=user,
        page=page,
        block_id=block_id,
        package=package,
        verb=statement.verb[:255],
        raw=statement.raw,
    )
    row.full_clean(validate_unique=False)
    try:
        # A savepoint, so a replay racing this one fails alone.
        with transaction.atomic():
            row.save()
    except IntegrityError:
        return None
    attempt = H5PAttempt(
        user=user,
        page=page,
        block_id=block_id,
        package=package,
        statement=row,
        raw_score=statement.raw_score,
        max_score=statement.max_score,
        scaled_score=statement.scaled_score,
        success=statement.success,
        completion=bool(statement.completion),
    )
    attempt.full_clean(exclude=["statement"])
    attempt.save()
    if occurred_at is not None:
        H5PAttempt.objects.filter(pk=attempt.pk).update(created_at=occurred_at)
        attempt.created_at = occurred_at
    return attempt


def h5p_statements_record(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    value,
    statements: list[GradedStatement],
    occurred_at: datetime | None = None,
) -> H5POutcome:
    """Keep the root answered/completed statements with one attempt each.

    Child statements (a question set's single questions) and other verbs are
    accepted but not stored: the root statement carries the score that counts,
    and storing the children would only make a question set look like six
    attempts. `value` is the H5P block's value (package, pass mark, counting).
    `occurred_at` dates the attempts of statements played offline (offline
    sync); the statement row keeps when the server stored it."""
    package = value["package"]
    results = []
    attempts = []
    with transaction.atomic():
        state = h5p_state(
            user=user, page=page, block_id=block_id, value=value, package_id=package.pk
        )
        for statement in statements:
            if not statement.is_graded:
                results.append((statement.id, IGNORED))
                continue
            attempt = _record(
                user=user,
                page=page,
                block_id=block_id,
                package=package,
                statement=statement,
                occurred_at=occurred_at,
            )
            if attempt is None:
                results.append((statement.id, DUPLICATE))
                continue
            results.append((statement.id, STORED))
            attempts.append(attempt)
            state = state.with_attempt(attempt)
    return H5POutcome(results=tuple(results), state=state, attempts=tuple(attempts))


def h5p_user_data_save(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    data_type: str,
    sub_content_id: str,
    data: str,
) -> H5PUserData:
    """Keep the player's latest saved state (one row, overwritten).

    The player may save twice at once (its timer and the page being left), so
    a lost race to create the row becomes an update instead of an error."""
    where = {
        "user": user,
        "page": page,
        "block_id": block_id,
        "data_type": data_type,
        "sub_content_id": sub_content_id,
    }
    rows = H5PUserData.objects.filter(**where)
    if not rows.update(data=data, updated_at=timezone.now()):
        row = H5PUserData(**where, data=data)
        row.full_clean(validate_unique=False)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:
            rows.update(data=data, updated_at=timezone.now())
    return rows.get()


def h5p_user_data_delete(
    *,
    user: AbstractBaseUser,
    page: Page,
    block_id: str,
    data_type: str,
    sub_content_id: str,
) -> None:
    """The player resets its state (H5P sends data=0): forget it."""
    H5PUserData.objects.filter(
        user=user,
        page=page,
        block_id=block_id,
        data_type=data_type,
        sub_content_id=sub_content_id,
    ).delete()
