"""The database going away in the middle of a sync batch.

On PostgreSQL the server really ends the connection (pg_terminate_backend from
a second connection, as a restart or failover would); SQLite runs inside the
process and the test database lives in memory, so there every statement after
the cut fails as it would on a vanished or broken file. Either way the device
gets 503, nothing of the batch is kept (no half-applied item, no item marked
as received), and sending the same batch again applies all of it once."""

import psycopg
import pytest
from django.db import OperationalError, connection

from courses.models import LessonProgress
from lms.activities.models import CardNote, QuizAttempt
from lms.sync import items as sync_items
from lms.sync import services as sync_services
from lms.sync.models import SyncItem
from tests.activities.test_quiz_services import ALL_RIGHT

from .helpers import ago, build_course, item, learner, learner_state, send

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("migrated_state"),
]


def _cut_the_connection():
    if connection.vendor == "postgresql":
        pid = connection.connection.info.backend_pid
        settings = connection.settings_dict
        with psycopg.connect(
            dbname=settings["NAME"],
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            user=settings["USER"] or None,
            autocommit=True,
        ) as other:
            other.execute("SELECT pg_terminate_backend(%s)", [pid])
    else:

        def gone(execute, sql, params, many, context):
            raise OperationalError("disk I/O error")

        connection.execute_wrappers.append(gone)


def _restore():
    connection.execute_wrappers[:] = []


def _batch(course) -> list[dict]:
    return [
        item("lesson.completed", {"lesson": course.reading.pk}, ago(30)),
        item(
            "dialogue.note",
            {
                "lesson": course.deck_lesson.pk,
                "block": course.deck_block,
                "card": course.cards[0],
                "text": "Vor dem Ausfall geschrieben.",
            },
            ago(20),
        ),
        item(
            "quiz.answered",
            {
                "lesson": course.quiz.pk,
                "block": course.quiz_block,
                "answers": course.answers(*ALL_RIGHT),
            },
            ago(10),
        ),
    ]


@pytest.mark.parametrize("path", ["fast", "careful"])
def test_a_batch_cut_off_by_the_database_keeps_nothing_and_a_retry_completes_it(
    client, org, monkeypatch, path
):
    course = build_course()
    lena = learner("lena", org, course)
    client.force_login(lena)
    if path == "careful":  # the path with a savepoint per item
        ingest = sync_services._ingest
        monkeypatch.setattr(
            sync_services,
            "_ingest",
            lambda user, read, fast: ingest(user, read, fast=False),
        )
    batch = _batch(course)
    note = sync_items.HANDLERS["dialogue.note"]
    calls = []

    def cut_before_the_second_item(learner, sent):
        calls.append(sent.id)
        _cut_the_connection()
        return note(learner, sent)

    with monkeypatch.context() as patch:
        patch.setitem(sync_items.HANDLERS, "dialogue.note", cut_before_the_second_item)
        try:
            response = send(client, batch)
        finally:
            _restore()
    assert calls, "the cut happened in the middle of the batch"
    assert response.status_code == 503
    assert "send again" in response.json()["error"]

    assert not SyncItem.objects.exists()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()
    assert not CardNote.objects.exists()
    assert not QuizAttempt.objects.exists()

    answered = send(client, batch).json()["results"]
    assert [r["status"] for r in answered] == ["stored"] * 3
    assert [r["status"] for r in send(client, batch).json()["results"]] == [
        "duplicate"
    ] * 3
    assert CardNote.objects.get(user=lena).text == "Vor dem Ausfall geschrieben."
    assert QuizAttempt.objects.filter(user=lena).count() == 1
    assert LessonProgress.objects.get(user=lena, lesson=course.reading).completed_at
    assert learner_state(lena)["progress"]
