"""A test database that other threads and processes can use, for fault tests.

On PostgreSQL the test database is a real one already: threads open their own
connections to it and a subprocess reaches it by URL. pytest-django's SQLite
test database lives in memory instead, where only this process can see it, and
its connections share one cache that refuses a second writer at once
(SQLITE_LOCKED) rather than waiting as the platform's embedded SQLite file does.
So on SQLite the migrated test database is copied to a file, and this thread and
every worker thread use that file while the test runs.

Use it with `transactional_db`: what one connection writes must be committed
for another to see it. The fixture is `shared_database` in tests/conftest.py
style; import it into a test module with `from tests.shared_database import
shared_database  # noqa: F401`.
"""

import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import DEFAULT_DB_ALIAS, connections


class SharedDatabase:
    def __init__(self, sqlite_file: Path | None):
        self.sqlite_file = sqlite_file
        self._settings = connections[DEFAULT_DB_ALIAS].settings_dict

    @property
    def vendor(self) -> str:
        return connections[DEFAULT_DB_ALIAS].vendor

    @property
    def url(self) -> str:
        """DATABASE_URL for a subprocess."""
        if self.sqlite_file is not None:
            return f"sqlite:///{self.sqlite_file}"
        s = self._settings
        credentials = quote(s["USER"] or "", safe="")
        if s.get("PASSWORD"):
            credentials += ":" + quote(s["PASSWORD"], safe="")
        host = s["HOST"] or "127.0.0.1"
        port = f":{s['PORT']}" if s.get("PORT") else ""
        return f"postgres://{credentials}@{host}{port}/{s['NAME']}"

    @contextmanager
    def connected(self):
        """Run the block on the shared database, from any thread; the
        connection opened for it is closed at the end (a worker thread's
        connection left open would keep the test database from being dropped)."""
        if self.sqlite_file is None:
            try:
                yield
            finally:
                if threading.current_thread() is not threading.main_thread():
                    connections[DEFAULT_DB_ALIAS].close()
            return
        original = connections[DEFAULT_DB_ALIAS]
        wrapper = type(original)(
            {**original.settings_dict, "NAME": str(self.sqlite_file)},
            DEFAULT_DB_ALIAS,
        )
        connections[DEFAULT_DB_ALIAS] = wrapper
        try:
            yield
        finally:
            wrapper.close()
            connections[DEFAULT_DB_ALIAS] = original


@pytest.fixture
def shared_database(migrated_state, transactional_db, tmp_path):
    """The test database, reachable from threads and subprocesses; the test
    body (and fixtures set up after this one) run on it. Mark the test
    `serialized_rollback=True` (see `migrated_state` in tests/conftest.py)."""
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "sqlite":
        database = SharedDatabase(None)
        yield database
        return
    connection.ensure_connection()
    path = tmp_path / "shared.sqlite3"
    import sqlite3

    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    database = SharedDatabase(path)
    with database.connected():
        yield database
