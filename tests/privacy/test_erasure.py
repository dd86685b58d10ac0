"""Erasure: the person's name, contact and private texts go, everywhere in
the database; what the organisation must keep stays, under a pseudonym, and
the reports count exactly as before."""

import subprocess

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from courses.models import Enrolment, LessonProgress
from lms.activities.models import (
    CardNote,
    CaseReflection,
    CaseResponse,
    H5PUserData,
    QuizAttempt,
    TeamSession,
    XAPIStatement,
)
from lms.audit.models import AuditAction, AuditEvent
from lms.competencies.models import CompetencyState, Evidence, EvidenceSource
from lms.privacy.models import ErasedAccount, ErasureReason
from lms.privacy.services import account_erase
from lms.reports.compliance import compliance_table
from lms.reports.matrix import competence_matrix
from lms.reports.models import AuditEntry, ReminderLog
from lms.sync.models import SyncItem
from tests import factories

from .helpers import EMAIL, FIRST, LAST, USERNAME, seed_person

pytestmark = pytest.mark.django_db

NEEDLES = (FIRST, LAST, USERNAME, EMAIL)


def database_dump() -> str:
    """Everything in the database as text: SQLite's own dump, or pg_dump of
    the test database (data committed: the test runs with transaction=True)."""
    if connection.vendor == "sqlite":
        return "\n".join(connection.connection.iterdump())
    assert connection.vendor == "postgresql", connection.vendor
    settings = connection.settings_dict
    result = subprocess.run(  # noqa: S603
        [  # noqa: S607
            "pg_dump",
            "--no-owner",
            "-h",
            settings.get("HOST") or "127.0.0.1",
            "-p",
            str(settings.get("PORT") or 5432),
            "-U",
            settings.get("USER") or "postgres",
            settings["NAME"],
        ],
        capture_output=True,
        text=True,
        check=True,
        env={"PGPASSWORD": settings.get("PASSWORD") or "", "PATH": "/usr/bin:/bin"},
    )
    return result.stdout


def found_in(dump: str) -> set[str]:
    lowered = dump.lower()
    return {needle for needle in NEEDLES if needle.lower() in lowered}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_after_erasure_the_name_is_nowhere_in_the_database(migrated_state, org):
    seeded = seed_person(org)
    admin = factories.UserFactory(username="root", is_superuser=True)
    assert found_in(database_dump()) == set(NEEDLES)

    account_erase(user=seeded.user, by=admin)

    dump = database_dump()
    assert found_in(dump) == set(), [
        line[:300]
        for line in dump.splitlines()
        if any(n.lower() in line.lower() for n in NEEDLES)
    ][:10]


def test_erasure_deletes_personal_data_and_private_texts(org):
    seeded = seed_person(org)
    user = seeded.user
    admin = factories.UserFactory(username="root", is_superuser=True)
    assert CaseReflection.objects.filter(response__user=user).count() == 2
    assert CardNote.objects.filter(user=user).exists()

    erased = account_erase(user=user, by=admin)

    user.refresh_from_db()
    assert user.username == f"erased-{user.pk}"
    assert (user.first_name, user.last_name, user.email) == ("", "", "")
    assert not user.has_usable_password()
    assert not user.is_active
    assert not user.groups.exists()
    assert erased.reason == ErasureReason.ADMIN
    assert not CaseReflection.objects.filter(response__user=user).exists()
    assert not CardNote.objects.filter(user=user).exists()
    assert not H5PUserData.objects.filter(user=user).exists()
    assert not Evidence.objects.filter(user=user, source=EvidenceSource.SELF).exists()
    assert not CompetencyState.objects.filter(
        user=user, self_level__isnull=False
    ).exists()
    assert not ReminderLog.objects.filter(user=user).exists()
    payloads = list(SyncItem.objects.filter(user=user).values_list("data", flat=True))
    assert len(payloads) == 5 and not any(payloads)
    [statement] = XAPIStatement.objects.filter(user=user)
    assert statement.raw["actor"]["name"] == user.username
    assert "response" not in statement.raw["result"]
    assert statement.raw["result"]["success"] is True
    assert set(
        AuditEntry.objects.filter(actor=user).values_list("actor_name", flat=True)
    ) == {user.username}
    assert not Evidence.objects.filter(user=user).exclude(document="").exists()
    # The log says what happened, by whom, about which account; no name.
    event = AuditEvent.objects.get(action=AuditAction.ACCOUNT_ERASED)
    assert (event.actor, event.subject) == (admin, user)
    assert FIRST not in str(event.details) and LAST not in str(event.details)


def test_erasure_keeps_the_proof_of_training(org):
    seeded = seed_person(org)
    user = seeded.user
    kept = {
        "enrolments": Enrolment.objects.filter(user=user).count(),
        "progress": LessonProgress.objects.filter(user=user).count(),
        "quiz": QuizAttempt.objects.filter(user=user).count(),
        "case choice": CaseResponse.objects.filter(user=user).count(),
        "evidence": Evidence.objects.filter(user=user)
        .exclude(source=EvidenceSource.SELF)
        .count(),
        "states": CompetencyState.objects.filter(user=user).count(),
        "team sessions": TeamSession.objects.filter(participants=user).count(),
        "report views": AuditEntry.objects.filter(subject=user).count(),
        "security log": AuditEvent.objects.filter(subject=user)
        .exclude(action__in=[AuditAction.ACCOUNT_ERASED, AuditAction.ROLE_CHANGED])
        .count(),
    }
    assert all(kept.values()), kept

    account_erase(user=user, by=None)

    assert kept == {
        "enrolments": Enrolment.objects.filter(user=user).count(),
        "progress": LessonProgress.objects.filter(user=user).count(),
        "quiz": QuizAttempt.objects.filter(user=user).count(),
        "case choice": CaseResponse.objects.filter(user=user).count(),
        "evidence": Evidence.objects.filter(user=user)
        .exclude(source=EvidenceSource.SELF)
        .count(),
        "states": CompetencyState.objects.filter(user=user).count(),
        "team sessions": TeamSession.objects.filter(participants=user).count(),
        "report views": AuditEntry.objects.filter(subject=user).count(),
        "security log": AuditEvent.objects.filter(subject=user)
        .exclude(action__in=[AuditAction.ACCOUNT_ERASED, AuditAction.ROLE_CHANGED])
        .count(),
    }
    # Notes of raters stay, without her name.
    notes = list(Evidence.objects.filter(user=user).values_list("note", flat=True))
    assert any("hat die Fallbesprechung gut moderiert" in n for n in notes)
    assert not any(FIRST in n or LAST in n for n in notes)
    assert CaseResponse.objects.get(user=user).other_text == ""
    assert ErasedAccount.objects.get(user=user).reason == ErasureReason.RETENTION


def _matrix_numbers(viewer):
    matrix = competence_matrix(user=viewer)
    return [
        (row.key, [(cell.people, cell.meeting) for cell in row.cells])
        for row in [*matrix.rows, matrix.total]
    ]


def _compliance_numbers(viewer):
    table = compliance_table(viewer, {})
    return {
        course_id: [getattr(cell, name) for name in cell.FIELDS]
        for course_id, cell in table.totals.items()
    } | {
        (row.unit.pk, row.direct, course_id): [getattr(cell, n) for n in cell.FIELDS]
        for row in table.rows
        for course_id, cell in row.cells.items()
    }


def test_report_numbers_are_the_same_after_erasure(org, settings):
    from lms.competencies.services import target_create

    settings.REPORT_MIN_CELL = 1
    admin = factories.UserFactory(username="root", is_superuser=True)
    seeded = seed_person(org)
    course = seeded.course
    course.page.mandatory = True
    course.page.save()
    target_create(
        created_by=admin, competency=course.competencies[1], level=1, unit=org["haus_a"]
    )
    others = [
        seed_person(
            org,
            username=f"kollegin{n}",
            first=f"Kollegin{n}",
            last="Beispiel",
            email=f"k{n}@example.org",
            hr=seeded.hr,
            trainer=seeded.trainer,
            course=course,
        )
        for n in range(2)
    ]
    assert others
    before = (_matrix_numbers(admin), _compliance_numbers(admin))
    assert any(people for _key, cells in before[0] for people, _m in cells)

    account_erase(user=seeded.user, by=admin)

    assert (_matrix_numbers(admin), _compliance_numbers(admin)) == before


def test_an_account_is_erased_once(org):
    seeded = seed_person(org)
    account_erase(user=seeded.user, by=None)
    with pytest.raises(ValidationError):
        account_erase(user=seeded.user, by=None)


def test_an_erased_person_cannot_log_in_and_their_sessions_are_gone(org):
    seeded = seed_person(org)
    assert seeded.client.get("/my/data/").status_code == 200
    account_erase(user=seeded.user, by=None)
    response = seeded.client.get("/my/data/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
