"""The compliance report, the people due with a reminder, and the printable
competence record, in a browser; axe on every page."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.utils import timezone

from courses.models import CourseAssignment
from lms.reports.models import ReminderLog

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def overdue(demo):
    """The demo's data-protection course was due five days ago."""
    CourseAssignment.objects.filter(course__mandatory=True).update(
        due_date=timezone.localdate() - timedelta(days=5)
    )
    return demo


def test_hanna_reads_the_compliance_report_and_reminds(page, overdue):
    base = overdue.url
    log_in(page, base, "hanna")
    page.goto(f"{base}/reports/compliance/")
    assert page.locator("table.compliance").count() >= 1
    assert_accessible(page)

    page.click("#compliance-due-link")
    page.wait_for_url(f"{base}/reports/compliance/due/*")
    rows = page.locator("table.compliance-due tbody tr")
    assert rows.count() >= 1
    assert_accessible(page)

    lena = get_user_model().objects.get(username="lena")
    row = page.locator("table.compliance-due tbody tr", has_text="Lena")
    row.locator("input[type=checkbox]").check()
    page.locator("button[name=action][value=selected]").click()
    page.wait_for_url(f"{base}/reports/compliance/due/*")
    assert page.locator(".messages").count() == 1
    assert ReminderLog.objects.filter(user=lena).count() == 1
    assert [message.to for message in mail.outbox] == [["lena@example.org"]]
    assert_accessible(page)

    # From the list to Lena's record, which prints without the navigation.
    page.locator("table.compliance-due tbody tr", has_text="Lena").locator(
        "th a"
    ).click()
    page.wait_for_url(f"{base}/reports/people/{lena.pk}/")
    assert page.locator(".individual-courses").count() == 1
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".subnav").is_visible()
    assert not page.locator("#record-csv").is_visible()
    assert page.locator("#record-title").is_visible()


def test_a_learner_opens_her_own_record(page, demo):
    log_in(page, demo.url, "lena")
    page.goto(f"{demo.url}/my/competences/")
    page.click("#my-competence-record")
    lena = get_user_model().objects.get(username="lena")
    page.wait_for_url(f"{demo.url}/reports/people/{lena.pk}/")
    assert page.locator("#record-title").count() == 1
    assert_accessible(page)
