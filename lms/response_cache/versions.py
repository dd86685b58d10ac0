"""The versions a kept page depends on (README "Performance").

A kept page is good while every version it was rendered under stays:
- each *shared* version, registered by the app that owns it (the content
  version of courses/page_cache.py, the permissions version of
  lms/people/permission_cache.py): a change there concerns everyone;
- the *person's* version, replaced whenever something of theirs changes: a
  request of theirs that may write (POST, PUT, PATCH, DELETE), or a row of
  theirs saved or deleted by someone else or by a command (receivers.py).

Versions are random, not counters: a version evicted from the cache comes
back as a value no kept page was stored under.
"""

import secrets
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction

PERSON_KEY = "response-cache:person:{}"
# Longer than any page is kept: a page never outlives the version it checks.
PERSON_VERSION_TIMEOUT = 30 * 24 * 3600

_shared_keys: list[str] = []
_registered = threading.local()


def shared_version_register(key: str) -> None:
    """Every kept page also depends on the version kept under `key`."""
    if key not in _shared_keys:
        _shared_keys.append(key)


def shared_version_keys() -> tuple[str, ...]:
    return tuple(_shared_keys)


def person_key(user_id) -> str:
    return PERSON_KEY.format(user_id)


def new_version() -> str:
    return f"{time.time_ns():x}-{secrets.token_hex(4)}"


def people_changed(user_ids) -> None:
    """Something these people see changed: their kept pages go, at once and
    again when the transaction commits (a page rendered meanwhile read the
    old rows and was stored under the version set at once). Within one
    transaction each person's commit-time change is registered once."""
    if not settings.RESPONSE_CACHE:
        return
    ids = {str(user_id) for user_id in user_ids if user_id is not None}
    if not ids:
        return
    _replace(ids)
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return
    # Django gives each transaction (and each savepoint rolled back) a new
    # list of commit hooks; what was registered is remembered per list and
    # per savepoint, so a hook dropped with its savepoint is registered again.
    state = _registered.__dict__
    if state.get("hooks") is not connection.run_on_commit:
        state["hooks"], state["by_savepoint"] = connection.run_on_commit, {}
    by_savepoint = state["by_savepoint"]
    stack = tuple(connection.savepoint_ids)
    covered = set().union(
        *(by_savepoint.get(stack[:depth], ()) for depth in range(len(stack) + 1))
    )
    new = ids - covered
    if new:
        by_savepoint.setdefault(stack, set()).update(new)
        transaction.on_commit(lambda: _replace(new))


def _replace(ids) -> None:
    cache.set_many(
        {person_key(user_id): new_version() for user_id in ids},
        timeout=PERSON_VERSION_TIMEOUT,
    )


def person_version_start(user_id) -> None:
    """A first version for someone who has none yet (add: never replaces)."""
    cache.add(person_key(user_id), new_version(), timeout=PERSON_VERSION_TIMEOUT)
