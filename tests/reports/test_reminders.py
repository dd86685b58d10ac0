"""Reminder emails from the list of people due: in the recipient's
language, at most one per person and course within the interval, only to
people in the sender's units, each one logged and audited."""

from datetime import date, timedelta

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from courses.models import CourseAssignment, Enrolment, EnrolmentSource
from courses.roles import grant_role_permissions
from lms.reports.models import AuditEntry, ReminderLog, ReportKind
from lms.reports.services import reminder_send
from tests import factories

pytestmark = pytest.mark.django_db

# Overdue since the 15th of March last year: the date shows the language
# (15. März / March 15 / 15. marts).
DUE = date(timezone.localdate().year - 1, 3, 15)


@pytest.fixture(autouse=True)
def roles(db, settings):
    grant_role_permissions()
    settings.REPORT_REMINDER_INTERVAL_DAYS = 7


@pytest.fixture
def course(db):
    return factories.course_tree(
        "Datenschutz", modules=1, lessons=1, mandatory=True, recertification_months=12
    )


def person(username, unit, course, language="de", email=True):
    profile = factories.staff(username, unit)
    profile.preferred_language = language
    profile.save()
    user = profile.user
    if not email:
        user.email = ""
        user.save()
    assignment = CourseAssignment.objects.create(course=course, due_date=DUE)
    Enrolment.objects.filter(user=user, course=course).delete()
    return Enrolment.objects.create(
        user=user,
        course=course,
        source=EnrolmentSource.ASSIGNMENT,
        assignment=assignment,
    )


def messages_of(response) -> list[str]:
    page = BeautifulSoup(response.content, "html.parser")
    return [p.get_text(" ", strip=True) for p in page.select(".messages p")]


def test_the_reminder_speaks_the_recipients_language(org, hanna, course):
    otto = person("otto", org["pflege_a"], course, language="de").user
    erik = person("erik", org["pflege_a"], course, language="en").user
    dana = person("dana", org["pflege_a"], course, language="da").user
    for user in (otto, erik, dana):
        assert reminder_send(sender=hanna, user=user, course=course)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert "15. März" in by_recipient["otto@example.org"].body
    assert "March 15" in by_recipient["erik@example.org"].body
    assert "15. marts" in by_recipient["dana@example.org"].body
    english = by_recipient["erik@example.org"]
    assert "Datenschutz" in english.subject
    assert "was due on March 15" in english.body
    assert "/courses/datenschutz/" in english.body
    assert "Hanna Muster" in english.body


def test_a_second_reminder_within_the_interval_is_skipped(org, hanna, course):
    otto = person("otto", org["pflege_a"], course).user
    assert reminder_send(sender=hanna, user=otto, course=course) is True
    assert reminder_send(sender=hanna, user=otto, course=course) is False
    assert len(mail.outbox) == 1
    # Eight days later it may go out again.
    ReminderLog.objects.update(sent_at=timezone.now() - timedelta(days=8))
    assert reminder_send(sender=hanna, user=otto, course=course) is True
    assert len(mail.outbox) == 2
    assert ReminderLog.objects.filter(user=otto, course=course).count() == 2


def test_each_reminder_is_logged_and_audited(org, hanna, course):
    otto = person("otto", org["pflege_a"], course).user
    reminder_send(sender=hanna, user=otto, course=course)
    log = ReminderLog.objects.get()
    assert (log.user, log.course_id, log.sent_by) == (otto, course.pk, hanna)
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.report, entry.subject) == (
        hanna,
        ReportKind.REMINDER,
        otto,
    )
    assert entry.people_count == 1 and entry.filters == {"course": str(course.pk)}


def test_nobody_outside_the_senders_units_is_reminded(org, hanna, course):
    bruno = person("bruno", org["beratung_b"], course).user
    with pytest.raises(PermissionDenied):
        reminder_send(sender=hanna, user=bruno, course=course)
    assert not mail.outbox and not ReminderLog.objects.exists()


def test_hr_reminds_from_the_list(client, org, hanna, course):
    otto = person("otto", org["pflege_a"], course)
    paula = person("paula", org["pflege_a"], course)
    client.force_login(hanna)
    page = client.get("/reports/compliance/due/")
    boxes = BeautifulSoup(page.content, "html.parser").select(
        "input[type=checkbox][name=enrolment]"
    )
    assert {box["value"] for box in boxes} == {str(otto.pk), str(paula.pk)}
    back = "/reports/compliance/due/?state=overdue"
    response = client.post(
        "/reports/compliance/remind/",
        {"enrolment": [otto.pk], "action": "selected", "next": back},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == back
    assert messages_of(response) == [
        "1 reminder sent, 0 skipped (reminded within the last 7 days)."
    ]
    assert [message.to for message in mail.outbox] == [["otto@example.org"]]
    # Everyone on the page: Otto was reminded just now, so only Paula.
    response = client.post(
        "/reports/compliance/remind/",
        {"on_page": [otto.pk, paula.pk], "action": "page"},
        follow=True,
    )
    assert messages_of(response) == [
        "1 reminder sent, 1 skipped (reminded within the last 7 days)."
    ]
    assert len(mail.outbox) == 2
    # The list shows when each was last reminded.
    rows = BeautifulSoup(response.content, "html.parser").select(
        "table.compliance-due tbody tr"
    )
    assert all("never" not in row.get_text() for row in rows)


def test_forged_ids_outside_the_scope_send_nothing(client, org, hanna, course):
    bruno = person("bruno", org["beratung_b"], course)
    voluntary = factories.course_tree("Ethik", modules=1, lessons=1)
    otto = person("otto", org["pflege_a"], course)
    elsewhere = Enrolment.objects.create(
        user=otto.user, course=voluntary, source=EnrolmentSource.SELF
    )
    client.force_login(hanna)
    response = client.post(
        "/reports/compliance/remind/",
        {"enrolment": [bruno.pk, elsewhere.pk, 999999, "x"]},
        follow=True,
    )
    assert not mail.outbox
    assert not ReminderLog.objects.exists()
    assert not AuditEntry.objects.filter(report=ReportKind.REMINDER).exists()
    assert messages_of(response)[0].startswith("0 reminders sent")
    assert "3 selections were ignored" in messages_of(response)[1]


def test_people_without_email_are_named_not_reminded(client, org, hanna, course):
    volunteer = person("vroni", org["pflege_a"], course, email=False)
    client.force_login(hanna)
    response = client.post(
        "/reports/compliance/remind/", {"enrolment": [volunteer.pk]}, follow=True
    )
    assert not mail.outbox
    assert "1 person has no email address" in " ".join(messages_of(response))


def test_only_hr_may_send_reminders(client, org, course):
    otto = person("otto", org["pflege_a"], course)
    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    response = client.post("/reports/compliance/remind/", {"enrolment": [otto.pk]})
    assert response.status_code == 403
    assert not mail.outbox


def test_reminding_needs_a_post(client, hanna):
    client.force_login(hanna)
    assert client.get("/reports/compliance/remind/").status_code == 405
