"""apply_retention: one test per rule, and a dry run that changes nothing."""

import io
import uuid
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.utils import timezone

from courses.models import Enrolment
from lms.audit.models import AuditAction, AuditEvent
from lms.competencies.models import Evidence
from lms.people.models import StaffType
from lms.privacy.models import ErasedAccount, ErasureReason
from lms.privacy.services import account_erase
from lms.reports.models import AuditEntry, ReminderLog
from lms.sync.models import SyncItem, SyncStatus
from tests import factories

from .helpers import seed_person

pytestmark = pytest.mark.django_db

User = get_user_model()


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def volunteer(org, name: str, *, last_login_days_ago: int | None):
    user = factories.staff(name, org["pflege_a"], staff_type=StaffType.VOLUNTEER).user
    User.objects.filter(pk=user.pk).update(
        date_joined=days_ago(1000),
        last_login=None
        if last_login_days_ago is None
        else days_ago(last_login_days_ago),
    )
    return user


@pytest.fixture
def periods(settings):
    settings.RETENTION_INACTIVE_VOLUNTEER_MONTHS = 24
    settings.RETENTION_AUDIT_MONTHS = 24
    settings.RETENTION_SYNC_ITEMS_MONTHS = 6
    settings.RETENTION_LOGIN_ATTEMPTS_DAYS = 90
    settings.RETENTION_TRAINING_RECORDS_YEARS = 3
    settings.RETENTION_REMINDERS_MONTHS = 12
    return settings


def test_volunteers_without_a_login_for_the_period_are_erased(org, periods):
    gone = volunteer(org, "vroni", last_login_days_ago=800)
    never = volunteer(org, "vincent", last_login_days_ago=None)
    active = volunteer(org, "viola", last_login_days_ago=30)
    paid = factories.staff("paula", org["pflege_a"]).user
    User.objects.filter(pk=paid.pk).update(date_joined=days_ago(1000))

    run()

    erased = set(ErasedAccount.objects.values_list("user_id", flat=True))
    assert erased == {gone.pk, never.pk}
    assert ErasedAccount.objects.get(user=gone).reason == ErasureReason.RETENTION
    assert User.objects.get(pk=active.pk).username == "viola"
    assert User.objects.get(pk=paid.pk).username == "paula"


def test_training_records_of_erased_accounts_go_after_the_period(org, periods):
    old = seed_person(org)
    recent = seed_person(
        org,
        username="rita",
        first="Rita",
        last="Recent",
        email="rita@example.org",
        hr=old.hr,
        trainer=old.trainer,
        course=old.course,
    )
    account_erase(user=old.user, by=None)
    account_erase(user=recent.user, by=None)
    ErasedAccount.objects.filter(user=old.user).update(erased_at=days_ago(4 * 365))

    run()

    assert not Enrolment.objects.filter(user=old.user).exists()
    assert not Evidence.objects.filter(user=old.user).exists()
    assert ErasedAccount.objects.get(user=old.user).records_deleted_at is not None
    assert Enrolment.objects.filter(user=recent.user).exists()
    assert Evidence.objects.filter(user=recent.user).exists()


def test_old_audit_rows_are_deleted(org, periods):
    user = factories.staff("anna", org["pflege_a"]).user
    old_event = AuditEvent.objects.create(
        action=AuditAction.LOGIN, actor=user, subject=user, at=days_ago(800)
    )
    new_event = AuditEvent.objects.create(
        action=AuditAction.LOGIN, actor=user, subject=user
    )
    old_entry = AuditEntry.objects.create(
        actor=user, actor_name="anna", report="matrix", at=days_ago(800)
    )
    new_entry = AuditEntry.objects.create(
        actor=user, actor_name="anna", report="matrix"
    )

    run()

    assert not AuditEvent.objects.filter(pk=old_event.pk).exists()
    assert AuditEvent.objects.filter(pk=new_event.pk).exists()
    assert not AuditEntry.objects.filter(pk=old_entry.pk).exists()
    assert AuditEntry.objects.filter(pk=new_entry.pk).exists()


def _sync_item(user, days: int) -> SyncItem:
    return SyncItem.objects.create(
        id=uuid.uuid4(),
        user=user,
        type="dialogue.note",
        occurred_at=days_ago(days),
        received_at=days_ago(days),
        status=SyncStatus.STORED,
        data={"text": "Meine Notiz"},
    )


def test_old_sync_payloads_are_dropped_and_the_items_stay(org, periods):
    user = factories.staff("anna", org["pflege_a"]).user
    old, new = _sync_item(user, 200), _sync_item(user, 10)

    run()

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.data == {} and old.type == "dialogue.note"
    assert new.data == {"text": "Meine Notiz"}


def test_old_login_attempts_are_deleted(org, periods):
    from axes.models import AccessAttempt, AccessLog

    old = AccessLog.objects.create(username="anna", ip_address="10.0.0.1")
    AccessLog.objects.filter(pk=old.pk).update(attempt_time=days_ago(100))
    new = AccessLog.objects.create(username="anna", ip_address="10.0.0.1")
    attempt = AccessAttempt.objects.create(
        username="anna", ip_address="10.0.0.2", failures_since_start=1
    )
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=days_ago(100))

    run()

    assert list(AccessLog.objects.values_list("pk", flat=True)) == [new.pk]
    assert not AccessAttempt.objects.exists()


def test_old_reminders_are_deleted(org, periods):
    seeded = seed_person(org)
    old = ReminderLog.objects.create(
        user=seeded.user, course=seeded.course.page, sent_at=days_ago(400)
    )

    run()

    assert not ReminderLog.objects.filter(pk=old.pk).exists()
    assert ReminderLog.objects.filter(user=seeded.user).count() == 1


def test_expired_sessions_are_deleted(org, periods):
    session = SessionStore()
    session["x"] = 1
    session.create()
    Session.objects.filter(pk=session.session_key).update(expire_date=days_ago(1))

    run()

    assert not Session.objects.filter(pk=session.session_key).exists()


def test_zero_keeps_forever(org, periods):
    periods.RETENTION_INACTIVE_VOLUNTEER_MONTHS = 0
    periods.RETENTION_AUDIT_MONTHS = 0
    gone = volunteer(org, "vroni", last_login_days_ago=800)
    event = AuditEvent.objects.create(action=AuditAction.LOGIN, at=days_ago(3000))

    output = run()

    assert not ErasedAccount.objects.filter(user=gone).exists()
    assert AuditEvent.objects.filter(pk=event.pk).exists()
    assert "inactive_volunteers" not in output


def test_a_run_is_logged_with_its_counts(org, periods):
    volunteer(org, "vroni", last_login_days_ago=800)
    run()
    event = AuditEvent.objects.get(action=AuditAction.RETENTION_APPLIED)
    assert event.details["rules"]["inactive_volunteers"] == 1
    assert event.actor is None


def test_a_dry_run_lists_every_rule_and_changes_nothing(org, periods):
    from axes.models import AccessLog

    seeded = seed_person(org)
    account_erase(user=seeded.user, by=None)
    ErasedAccount.objects.filter(user=seeded.user).update(erased_at=days_ago(4 * 365))
    volunteer(org, "vroni", last_login_days_ago=800)
    AuditEvent.objects.create(action=AuditAction.LOGIN, at=days_ago(800))
    _sync_item(factories.staff("anna", org["pflege_a"]).user, 200)
    log = AccessLog.objects.create(username="anna", ip_address="10.0.0.1")
    AccessLog.objects.filter(pk=log.pk).update(attempt_time=days_ago(100))
    ReminderLog.objects.create(
        user=factories.staff("bert", org["pflege_a"]).user,
        course=seeded.course.page,
        sent_at=days_ago(400),
    )

    def state():
        return {
            "users": list(User.objects.order_by("pk").values_list("username", "email")),
            "erased": list(
                ErasedAccount.objects.values_list("pk", "records_deleted_at")
            ),
            "enrolments": Enrolment.objects.count(),
            "evidence": Evidence.objects.count(),
            "events": AuditEvent.objects.count(),
            "entries": AuditEntry.objects.count(),
            "sync": sorted(
                str(d) for d in SyncItem.objects.values_list("data", flat=True)
            ),
            "axes": AccessLog.objects.count(),
            "reminders": ReminderLog.objects.count(),
            "sessions": Session.objects.count(),
        }

    before = state()
    output = run("--dry-run")
    assert state() == before
    lines = dict(line.split(": ", 1) for line in output.splitlines() if ": " in line)
    for rule in (
        "inactive_volunteers",
        "training_records",
        "audit",
        "sync_payloads",
        "login_attempts",
        "reminders",
    ):
        assert int(lines[rule].split(" ")[0]) >= 1, (rule, output)
    assert "nothing changed" in output
