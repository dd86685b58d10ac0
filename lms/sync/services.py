"""Offline sync: apply a batch of a learner's queued items, each exactly once.

Exactly once rests on the database, not on looking first: every item's row
(`SyncItem`, keyed by the item's UUID) is inserted in the same savepoint as the
item's effects, so a replay, or the same item sent by a second device at the
same moment, fails on the primary key and changes nothing. Looking up the
batch's ids first only saves work for the common replay.

Each item is applied in its own savepoint: a refused item rolls back alone and
the rest of the batch goes on. A refusal is recorded too (with the data and
the reason), so the same id sent again answers "rejected" with the same reason
and is never applied later under other circumstances; a corrected action is a
new item with a new id. Two kinds of failure are not recorded: an item whose
envelope is broken (no usable id, type, time or data; it fails the same way
every time), and an error on our side in one item, which is logged and
answered "rejected" without being recorded, so the item can be sent again.
A database failure (lost connection, deadlock) ends the whole batch: the batch
runs in one transaction, nothing of it is kept, and the caller answers 503 so
that the device sends it again.

Savepoints cost two round trips each, and a queue of a thousand items is
mostly items that apply cleanly. So a batch is first applied without a
savepoint per item, its rows inserted together at the end ("fast"); an item
refused before it wrote anything is recorded as refused and the batch goes
on. Anything else (an item failing after it wrote, a primary key taken by
another device meanwhile, any database error) abandons that attempt, the
transaction rolls back, and the batch is applied again item by item in
savepoints as described above: the answer and the end state are the same,
only slower. The services' own atomic blocks open no savepoints in the fast
attempt: a failure in one abandons it anyway.

Items are applied oldest first (by `occurred_at`, then as sent), so that, for
example, a lesson's "done" sent after the quiz that opens it is judged after
the quiz; results come back in the order of the request."""

import logging
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.response_cache.middleware import changes_by

from .items import HANDLERS, Item, ItemMalformed, ItemRejected, Learner, item_read
from .models import SyncItem, SyncStatus

logger = logging.getLogger(__name__)

STORED = SyncStatus.STORED.value
REJECTED = SyncStatus.REJECTED.value
DUPLICATE = "duplicate"
ERROR_MAX_LENGTH = 1000
_FIRST = datetime.min.replace(tzinfo=UTC)


@dataclass(frozen=True)
class Result:
    """The answer for one item: "stored", "duplicate" or "rejected" (with the
    reason in `error`). `id` is the item's id as sent (None if it had none)."""

    id: str | None
    status: str
    error: str = ""

    def as_json(self) -> dict:
        answer = {"id": self.id, "status": self.status}
        if self.error:
            answer["error"] = self.error
        return answer


def _replayed(item: Item, row: SyncItem, user: AbstractBaseUser) -> Result:
    """The answer for an id the server has seen before."""
    if row.user_id != user.pk:
        # Someone else's id: say no more than that it cannot be taken.
        return Result(item.sent_id, REJECTED, _("This item cannot be accepted."))
    if row.status == REJECTED:
        return Result(item.sent_id, REJECTED, row.error)
    return Result(item.sent_id, DUPLICATE)


def _row(learner: Learner, item: Item, status: str, error: str = "") -> SyncItem:
    row = SyncItem(
        id=item.id,
        user=learner.user,
        type=item.type,
        occurred_at=item.occurred_at,
        received_at=learner.received_at,
        status=status,
        error=error,
        data=item.data,
    )
    # The learner is the one logged in, and uniqueness is the primary key's
    # job at insert time: no queries to check either.
    row.full_clean(exclude=["user"], validate_unique=False, validate_constraints=False)
    return row


def _apply(learner: Learner, item: Item) -> tuple[SyncItem | None, Result]:
    """Record the item and apply it, or record why not."""
    row = _row(learner, item, STORED)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
            handler = HANDLERS.get(item.type)
            if handler is None:
                raise ItemRejected(_("This kind of item is unknown."))
            handler(learner, item)
    except Exception as error:
        learner.item_undone()
        return _not_applied(learner, item, error)
    learner.item_applied()
    return row, Result(item.sent_id, STORED)


def _not_applied(
    learner: Learner, item: Item, error: Exception
) -> tuple[SyncItem | None, Result]:
    """Called while handling `error`, which rolled the item back."""
    if isinstance(error, IntegrityError):
        there = SyncItem.objects.filter(pk=item.id).first()
        if there is None:  # not our row: a service's own constraint
            return _failed(item)
        return there, _replayed(item, there, learner.user)
    if isinstance(error, DatabaseError):
        raise error  # the whole batch fails; see the module docstring
    if not isinstance(error, ItemRejected | ValidationError | PermissionDenied):
        return _failed(item)  # one broken item must not stop the others
    reason = _reason(error)[:ERROR_MAX_LENGTH]
    rejected = _row(learner, item, REJECTED, reason)
    try:
        with transaction.atomic():
            rejected.save(force_insert=True)
    except IntegrityError:  # the same id, sent by another device just now
        there = SyncItem.objects.filter(pk=item.id).first()
        if there is None:
            return _failed(item)
        return there, _replayed(item, there, learner.user)
    return rejected, Result(item.sent_id, REJECTED, reason)


def _reason(error: Exception) -> str:
    if isinstance(error, ItemRejected):
        return error.message
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error) or _("This is not allowed.")


def _failed(item: Item) -> tuple[None, Result]:
    logger.exception("Offline sync could not apply item %s (%s)", item.id, item.type)
    return None, Result(
        item.sent_id,
        REJECTED,
        _("The server could not process this item; please send it again later."),
    )


def _seen(ids: list) -> dict:
    """The rows already there for these ids: saves applying a replay only to
    roll it back. Not a guarantee (another request may insert one a moment
    later); the primary key is."""
    return {
        row.pk: row
        for row in SyncItem.objects.filter(pk__in=ids).only(
            "id", "user_id", "status", "error"
        )
    }


class _Abandoned(Exception):
    """The fast attempt cannot go on; the batch is applied again in savepoints."""


class _WriteWatch:
    """Notes whether the current item sent anything but a SELECT, so that a
    refusal can tell whether it left something behind."""

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        if not sql.lstrip()[:6].upper() == "SELECT":
            self.wrote = True
        return execute(sql, params, many, context)


def _apply_fast(
    learner: Learner, item: Item, watch: _WriteWatch
) -> tuple[SyncItem, Result]:
    """Apply the item without a savepoint of its own (its row is inserted by
    the caller, with the others)."""
    handler = HANDLERS.get(item.type)
    if handler is None:
        reason = _("This kind of item is unknown.")
        return _row(learner, item, REJECTED, reason), Result(
            item.sent_id, REJECTED, reason
        )
    watch.wrote = False
    try:
        handler(learner, item)
    except (ItemRejected, ValidationError, PermissionDenied) as error:
        learner.item_undone()
        if watch.wrote or transaction.get_connection().needs_rollback:
            raise _Abandoned from error
        reason = _reason(error)[:ERROR_MAX_LENGTH]
        return _row(learner, item, REJECTED, reason), Result(
            item.sent_id, REJECTED, reason
        )
    except DatabaseError:
        raise
    except Exception as error:
        raise _Abandoned from error
    learner.item_applied()
    return _row(learner, item, STORED), Result(item.sent_id, STORED)


@contextmanager
def _without_savepoints():
    """In the fast attempt a failure anywhere abandons the whole attempt, so
    the services' own nested atomic blocks need no savepoint (two round trips
    each): Django then marks the transaction for rollback instead, which
    `_apply_fast` sees and abandons on."""
    features = transaction.get_connection().features
    saved = features.uses_savepoints
    features.uses_savepoints = False
    try:
        yield
    finally:
        features.uses_savepoints = saved


def _ingest(
    user: AbstractBaseUser, read: list[Item | ItemMalformed], *, fast: bool
) -> list[Result]:
    learner = Learner(user, received_at=timezone.now())
    seen = _seen([item.id for item in read if isinstance(item, Item)])
    learner.lessons_load([item for item in read if isinstance(item, Item)])
    order = sorted(
        range(len(read)),
        key=lambda i: (getattr(read[i], "occurred_at", _FIRST), i),
    )
    results: list[Result | None] = [None] * len(read)
    watch = _WriteWatch()
    new_rows: list[SyncItem] = []
    with transaction.atomic():
        for index in order:
            item = read[index]
            if isinstance(item, ItemMalformed):
                results[index] = Result(item.sent_id, REJECTED, item.message)
            elif item.id in seen:
                results[index] = _replayed(item, seen[item.id], user)
            elif fast:
                with (
                    transaction.get_connection().execute_wrapper(watch),
                    _without_savepoints(),
                ):
                    row, results[index] = _apply_fast(learner, item, watch)
                seen[item.id] = row
                new_rows.append(row)
            else:
                row, results[index] = _apply(learner, item)
                if row is not None:
                    seen[item.id] = row
        learner.visits_record()
        SyncItem.objects.bulk_create(new_rows)
    return results


def sync_batch_ingest(
    *, user: AbstractBaseUser, items: Sequence[object]
) -> list[Result]:
    """Apply a learner's queued items (as parsed from JSON, unchecked) and
    answer for each, in the order given. See the module docstring."""
    read: list[Item | ItemMalformed] = []
    for raw in items:
        try:
            read.append(item_read(raw))
        except ItemMalformed as error:
            read.append(error)
    # The learner's kept pages (lms/response_cache) go once, after the batch.
    with changes_by(user.pk):
        try:
            return _ingest(user, read, fast=True)
        except (_Abandoned, DatabaseError):
            # Also a database error: an id another device took meanwhile, or a
            # service that handles a conflict inside an atomic block (it needs
            # the savepoint the fast attempt left out). A database that is
            # really gone fails the careful attempt too, and the caller
            # answers 503.
            return _ingest(user, read, fast=False)
