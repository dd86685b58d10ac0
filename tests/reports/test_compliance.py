"""The compliance report: mandatory courses per unit, and the people due.

A small generated organisation with due dates and recertification is
counted twice — by the report in SQL and by brute force in Python here —
and the page, the CSV and the XLSX must agree with both."""

import csv
import io
import random
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import (
    CourseAssignment,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
)
from courses.roles import grant_role_permissions
from lms.competencies.services import add_months
from lms.people.models import StaffType
from lms.reports.compliance import compliance_table, due_state
from lms.reports.models import AuditEntry, ReportKind
from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db

DUE_WITHIN = 30


@pytest.fixture(autouse=True)
def report_settings(settings):
    grant_role_permissions()
    settings.REPORT_MIN_CELL = 5
    settings.REPORT_DUE_WITHIN_DAYS = DUE_WITHIN


# --- a small generated organisation ---------------------------------------------

# Away from the edges of the 30-day window and of month ends, so that the
# brute force and the report cannot disagree on a rounding.
COMPLETED_DAYS_AGO = (10, 100, 350, 400)  # valid, valid, expiring, expired
DUE_IN_DAYS = (-20, -3, 5, 20, 90, None)


def make_courses():
    datenschutz = factories.course_tree(
        "Datenschutz", modules=1, lessons=2, mandatory=True, recertification_months=12
    )
    hygiene = factories.course_tree("Hygiene", modules=1, lessons=2, mandatory=True)
    ethik = factories.course_tree("Ethik", modules=1, lessons=1)
    return datenschutz, hygiene, ethik


def enrol(user, course, *, due=None, completed_days_ago=None, progress=False):
    """An enrolment through an assignment with this due date (days from
    today), completed that many days ago, with or without lesson progress."""
    assignment = None
    if due is not None:
        assignment = CourseAssignment.objects.create(
            course=course, due_date=timezone.localdate() + timedelta(days=due)
        )
    # Assignments made for earlier people reach later ones: start afresh.
    Enrolment.objects.filter(user=user, course=course).delete()
    enrolment = Enrolment.objects.create(
        user=user,
        course=course,
        source=EnrolmentSource.ASSIGNMENT if assignment else EnrolmentSource.MANUAL,
        assignment=assignment,
    )
    now = timezone.now()
    updates = {"enrolled_at": now - timedelta(days=500)}
    if completed_days_ago is not None:
        updates["completed_at"] = now - timedelta(days=completed_days_ago)
    Enrolment.objects.filter(pk=enrolment.pk).update(**updates)
    if progress or completed_days_ago is not None:
        lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
        LessonProgress.objects.create(
            user=user, lesson=lesson, progress=0.5, last_visited_at=now
        )
    return enrolment


# (unit key, number of people): Haus am See has 14 with its Pflege, Haus am
# Berg 4 (too few to show), the Verband itself 3 (too few).
POPULATION = [("pflege_a", 9), ("haus_a", 5), ("haus_b", 2), ("beratung_b", 2)]
POPULATION += [("verband", 3)]


def generate(org, seed=7, prefix="p", population=POPULATION):
    """People in every unit, each enrolled in both mandatory courses in a
    random state, and some in the voluntary one (which never counts)."""
    rng = random.Random(seed)
    courses = list(CoursePage.objects.filter(mandatory=True).order_by("title")) or list(
        make_courses()[:2]
    )
    voluntary = CoursePage.objects.filter(mandatory=False).first()
    people = []
    number = 0
    for unit_key, count in population:
        for _ in range(count):
            number += 1
            staff_type = rng.choice(
                [StaffType.PAID, StaffType.PAID, StaffType.VOLUNTEER]
            )
            user = factories.staff(
                f"{prefix}{number:03d}", org[unit_key], staff_type
            ).user
            people.append(user)
            for course in courses:
                if rng.random() < 0.45:
                    enrol(
                        user,
                        course,
                        due=rng.choice(DUE_IN_DAYS),
                        completed_days_ago=rng.choice(COMPLETED_DAYS_AGO),
                    )
                else:
                    enrol(
                        user,
                        course,
                        due=rng.choice(DUE_IN_DAYS),
                        progress=rng.random() < 0.5,
                    )
            if voluntary and rng.random() < 0.5:
                enrol(user, voluntary, due=-10)
    return people


def brute_force(base, units):
    """{(row unit pk, course pk): counts} computed one enrolment at a time."""
    now = timezone.now()
    today = timezone.localdate()
    counts = {}
    for enrolment in Enrolment.objects.filter(course__mandatory=True).select_related(
        "course", "assignment", "user__profile__unit"
    ):
        unit = enrolment.user.profile.unit
        if not unit.path.startswith(base.path):
            continue
        row = next(
            (u for u in units if unit.path.startswith(u.path) and u != base), base
        )
        months = enrolment.course.recertification_months
        done = enrolment.completed_at is not None
        expires = (
            add_months(enrolment.completed_at, months) if done and months else None
        )
        expired = expires is not None and expires < now
        expiring = (
            expires is not None
            and not expired
            and expires < now + timedelta(DUE_WITHIN)
        )
        started = LessonProgress.objects.filter(
            user=enrolment.user, lesson__path__startswith=enrolment.course.path
        ).exists()
        due = enrolment.assignment.due_date if enrolment.assignment else None
        late = not done and due is not None and due < today
        ahead = (
            not done
            and due is not None
            and today <= due <= today + timedelta(DUE_WITHIN)
        )
        cell = counts.setdefault(
            (row.pk, enrolment.course_id),
            dict.fromkeys(
                (
                    "people",
                    "completed",
                    "in_progress",
                    "not_started",
                    "overdue",
                    "due_soon",
                ),
                0,
            ),
        )
        cell["people"] += 1
        cell["completed"] += done and not expired
        cell["in_progress"] += not done and started
        cell["not_started"] += not done and not started
        cell["overdue"] += expired or late
        cell["due_soon"] += expiring or ahead
    return counts


def admin():
    """The admin, created once (the factory would reset the password and so
    end the session of a logged-in client)."""
    from django.contrib.auth import get_user_model

    existing = get_user_model().objects.filter(username="root").first()
    return existing or factories.UserFactory(username="root", is_superuser=True)


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def page_numbers(response) -> list[list[str]]:
    """[course, unit, people, completed, in progress, not started, overdue,
    due soon] per row as the page shows them."""
    rows = []
    for table in soup(response).select("table.compliance"):
        course = table.find_previous("h2").get_text(strip=True)
        for tr in table.select("tbody tr, tfoot tr"):
            label = tr.th.get_text(" ", strip=True).split(" \N{EN DASH} ")[0]
            cells = []
            for td in tr.find_all("td"):
                text = td.get_text(" ", strip=True)
                cells.append(text.split(" ")[0] if "<" not in text else text)
            rows.append([course, label, *cells])
    return rows


# --- correctness ----------------------------------------------------------------


def test_the_counts_equal_a_brute_force_count(org, hanna):
    generate(org)
    datenschutz, hygiene = CoursePage.objects.filter(mandatory=True).order_by("title")
    expected = brute_force(org["verband"], [org["haus_a"], org["haus_b"]])
    table = compliance_table(admin(), {})
    assert table.unit == org["verband"]
    assert [(row.unit, row.direct) for row in table.rows] == [
        (org["haus_b"], False),
        (org["haus_a"], False),
        (org["verband"], True),
    ]
    for row in table.rows:
        for course in (datenschutz, hygiene):
            cell = row.cells[course.pk]
            want = expected[(row.unit.pk, course.pk)]
            got = {name: getattr(cell, name) for name in want}
            assert got == want, (row.unit.name, course.title)
            # The four states add up to the people.
            assert (
                cell.completed + cell.in_progress + cell.not_started + cell.expired
                == (cell.people)
            )
    # Every kind of state occurs in this organisation.
    total = table.totals[datenschutz.pk]
    assert total.people == 21
    assert (
        all((total.completed, total.in_progress, total.not_started, total.overdue))
        and total.due_soon
        and total.expired
    )

    # Hanna's view: Haus am See, its Pflege and its own people.
    expected = brute_force(org["haus_a"], [org["pflege_a"]])
    table = compliance_table(hanna, {})
    assert table.unit == org["haus_a"]
    assert {row.unit.name for row in table.rows} == {"Pflege am See", "Haus am See"}
    for row in table.rows:
        cell = row.cells[hygiene.pk]
        want = expected[(row.unit.pk, hygiene.pk)]
        assert {name: getattr(cell, name) for name in want} == want


def test_the_python_state_agrees_with_the_query(org):
    generate(org, seed=11)
    from lms.reports.compliance import due_enrolments, enrolment_state

    listed = {values["pk"]: values["state"] for values in due_enrolments(admin(), {})}
    for enrolment in Enrolment.objects.filter(course__mandatory=True).select_related(
        "course", "assignment"
    ):
        assert listed.get(enrolment.pk, "") == enrolment_state(enrolment)


def test_due_state_rules():
    now = timezone.now()
    today = timezone.localdate(now)
    assert due_state(completed_at=None, months=None, due_date=None, now=now) == ""
    assert (
        due_state(
            completed_at=None,
            months=None,
            due_date=today - timedelta(days=1),
            now=now,
        )
        == "overdue"
    )
    assert (
        due_state(completed_at=None, months=12, due_date=today, now=now) == "due_soon"
    )
    assert (
        due_state(
            completed_at=now - timedelta(days=400), months=12, due_date=None, now=now
        )
        == "expired"
    )
    assert (
        due_state(
            completed_at=now - timedelta(days=350), months=12, due_date=None, now=now
        )
        == "expiring"
    )
    # A completion that does not expire is never due, whatever the due date.
    assert (
        due_state(
            completed_at=now - timedelta(days=900),
            months=None,
            due_date=today - timedelta(days=800),
            now=now,
        )
        == ""
    )


def test_filters_narrow_the_count(org):
    generate(org)
    hygiene = CoursePage.objects.get(title="Hygiene")
    root = admin()
    volunteers = compliance_table(root, {"staff_type": StaffType.VOLUNTEER})
    everyone = compliance_table(root, {})
    assert 0 < volunteers.totals[hygiene.pk].people < everyone.totals[hygiene.pk].people
    assert (
        volunteers.totals[hygiene.pk].people
        == Enrolment.objects.filter(
            course=hygiene, user__profile__staff_type=StaffType.VOLUNTEER
        ).count()
    )
    only = compliance_table(root, {"course": hygiene})
    assert [course.title for course in only.courses] == ["Hygiene"]
    # All enrolments began 500 days ago: a range after that finds nobody.
    later = compliance_table(
        root, {"date_from": timezone.localdate() - timedelta(days=30)}
    )
    assert later.totals[hygiene.pk].people == 0
    pflege = compliance_table(root, {"unit": org["pflege_a"]})
    assert pflege.totals[hygiene.pk].people == 9


# --- the page -------------------------------------------------------------------


def test_small_groups_are_shown_as_fewer_than(client, org):
    generate(org)
    client.force_login(admin())
    response = client.get("/reports/compliance/")
    assert response.status_code == 200
    rows = {(row[0], row[1]): row[2:] for row in page_numbers(response)}
    # Haus am Berg has 4 people, the Verband itself 3: no number is shown.
    assert rows[("Hygiene", "Haus am Berg")] == ["< 5"] * 6
    assert rows[("Hygiene", "Directly in Verband Nord")] == ["< 5"] * 6
    assert rows[("Hygiene", "Haus am See")][0] == "14"
    assert rows[("Hygiene", "Total")][0] == "21"
    # Drilling into Haus am See is a link that keeps the filters.
    links = soup(response).select("table.compliance th a")
    assert {a["href"] for a in links if "Haus am See" in a.get_text()} == {
        f"?unit={org['haus_a'].pk}"
    }
    response = client.get("/reports/compliance/", {"unit": org["haus_b"].pk})
    rows = {(row[0], row[1]): row[2:] for row in page_numbers(response)}
    assert rows[("Hygiene", "Beratung am Berg")] == ["< 5"] * 6
    assert rows[("Hygiene", "Total")] == ["< 5"] * 6


def test_a_single_small_row_cannot_be_worked_out_from_the_total(client, org, hanna):
    # Pflege am See has 9 people, Haus am See itself 3: the total (12) minus
    # Pflege's numbers would give away the three, so Pflege is hidden too.
    generate(org, population=[("pflege_a", 9), ("haus_a", 3)])
    client.force_login(hanna)
    rows = {
        (row[0], row[1]): row[2:]
        for row in page_numbers(client.get("/reports/compliance/"))
    }
    assert rows[("Hygiene", "Directly in Haus am See")] == ["< 5"] * 6
    assert rows[("Hygiene", "Pflege am See")] == ["< 5"] * 6
    assert rows[("Hygiene", "Total")][0] == "12"
    exported = client.get("/reports/compliance/", {"format": "csv"})
    text = b"".join(exported.streaming_content).decode("utf-8-sig")
    assert "Pflege am See,< 5,< 5,< 5,< 5,< 5,< 5" in text


def test_exports_show_the_numbers_of_the_page(client, org):
    from openpyxl import load_workbook

    generate(org)
    client.force_login(admin())
    page = page_numbers(client.get("/reports/compliance/"))
    response = client.get("/reports/compliance/", {"format": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    exported = list(csv.reader(io.StringIO(text)))
    assert exported[0][:3] == ["Course", "Organisation unit", "People"]
    assert exported[1:] == page

    response = client.get("/reports/compliance/", {"format": "xlsx"})
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    values = [
        [str(value) for value in row] for row in sheet.iter_rows(values_only=True)
    ]
    assert values[1:] == page
    assert any(row[2] == "< 5" for row in values[1:])


def test_the_query_count_does_not_grow_with_the_organisation(client, org):
    generate(org)
    client.force_login(admin())
    client.get("/reports/compliance/")  # warm caches (content types, site)
    with CaptureQueriesContext(connection) as small:
        client.get("/reports/compliance/")
    for index in range(3):
        factories.unit(f"Neue Einrichtung {index}", org["verband"])
    bigger = dict(org)
    bigger.update(
        {
            f"new{index}": factories.unit(f"Neuer Dienst {index}", org["haus_b"])
            for index in range(2)
        }
    )
    generate(
        bigger,
        seed=3,
        prefix="q",
        population=[("new0", 6), ("new1", 4), ("pflege_a", 8)],
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get("/reports/compliance/")
    assert response.status_code == 200
    assert len(large) == len(small)
    with CaptureQueriesContext(connection) as listed:
        client.get("/reports/compliance/due/")
    assert len(listed) <= len(large) + 2


# --- who sees what --------------------------------------------------------------


def test_learners_and_strangers_are_kept_out(client, org):
    generate(org)
    assert client.get("/reports/compliance/")["Location"].startswith("/accounts/login/")
    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    assert client.get("/reports/compliance/").status_code == 403
    assert client.get("/reports/compliance/due/").status_code == 403
    assert client.get("/reports/compliance/", {"format": "csv"}).status_code == 403
    assert not AuditEntry.objects.exists()


def test_hr_sees_only_their_units(client, org, hanna):
    people = generate(org)
    berta = hr_user("berta", org["haus_b"])
    client.force_login(berta)
    response = client.get("/reports/compliance/")
    labels = {row[1] for row in page_numbers(response)}
    assert labels == {"Beratung am Berg", "Directly in Haus am Berg", "Total"}
    assert "Pflege am See" not in response.content.decode()
    # Asking for another unit's numbers gets the form's error, no numbers.
    response = client.get("/reports/compliance/", {"unit": org["haus_a"].pk})
    assert response.status_code == 200
    assert not soup(response).select("table.compliance")
    assert soup(response).select(".report-filters__error")
    # Her list of people due has nobody from Haus am See.
    response = client.get("/reports/compliance/due/")
    page = response.content.decode()
    in_haus_a = [
        u for u in people if u.profile.unit.path.startswith(org["haus_a"].path)
    ]
    assert not any(f">{u.get_full_name()}<" in page for u in in_haus_a)
    # Hanna: Haus am See only.
    client.force_login(hanna)
    labels = {row[1] for row in page_numbers(client.get("/reports/compliance/"))}
    assert labels == {"Pflege am See", "Directly in Haus am See", "Total"}


def test_an_admin_sees_everything(client, org):
    generate(org)
    client.force_login(admin())
    labels = {row[1] for row in page_numbers(client.get("/reports/compliance/"))}
    assert labels == {
        "Haus am See",
        "Haus am Berg",
        "Directly in Verband Nord",
        "Total",
    }


# --- the people due -------------------------------------------------------------


def test_the_people_due_are_listed_with_state_and_date(client, org, hanna):
    user = factories.staff("otto", org["pflege_a"]).user
    datenschutz, hygiene, _ethik = make_courses()
    enrol(user, datenschutz, completed_days_ago=400)
    enrol(user, hygiene, due=-3)
    valid = factories.staff("vera", org["pflege_a"]).user
    enrol(valid, datenschutz, completed_days_ago=10)
    enrol(valid, hygiene, due=90)
    client.force_login(hanna)
    response = client.get("/reports/compliance/due/")
    rows = soup(response).select("table.compliance-due tbody tr")
    assert len(rows) == 2
    texts = [row.get_text(" ", strip=True) for row in rows]
    assert all("Otto Muster" in text for text in texts)
    expired_on = add_months(timezone.now() - timedelta(days=400), 12)
    assert any(
        "completion expired" in text
        and str(timezone.localdate(expired_on).year) in text
        for text in texts
    )
    assert any("due date passed" in text for text in texts)
    assert "Vera" not in response.content.decode()
    response = client.get("/reports/compliance/due/", {"state": "soon"})
    assert not soup(response).select("table.compliance-due tbody tr")
    entry = AuditEntry.objects.filter(report=ReportKind.COMPLIANCE).first()
    assert entry.people_count == 0 and entry.filters == {"state": "soon"}


def test_the_list_is_paginated_and_the_download_is_the_full_list(client, org):
    from openpyxl import load_workbook

    from lms.reports.views import compliance as views

    generate(org)
    client.force_login(admin())
    total = sum(1 for _ in _due_ids())
    people = len(set(_due_ids().values_list("user_id", flat=True)))
    assert total > 10 and people < total
    views.PAGE_SIZE, old = 10, views.PAGE_SIZE
    try:
        response = client.get("/reports/compliance/due/")
        assert len(soup(response).select("table.compliance-due tbody tr")) == 10
        assert soup(response).select_one("a[rel=next]")
    finally:
        views.PAGE_SIZE = old
    response = client.get("/reports/compliance/due/", {"format": "csv"})
    assert isinstance(response, StreamingHttpResponse)
    lines = list(
        csv.reader(
            io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))
        )
    )
    assert lines[0][0] == "Name" and len(lines) == total + 1
    response = client.get("/reports/compliance/due/", {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.max_row == total + 1
    entries = AuditEntry.objects.filter(report=ReportKind.COMPLIANCE)
    assert {(e.output, e.people_count) for e in entries} >= {
        ("html", len(set(_due_ids().values_list("user_id", flat=True)[:10]))),
        ("csv", people),
        ("xlsx", people),
    }


def _due_ids():
    from lms.reports.compliance import due_enrolments

    return due_enrolments(admin(), {}).values_list("pk", flat=True)


def test_views_and_downloads_are_audited(client, org, hanna):
    generate(org)
    client.force_login(hanna)
    client.get("/reports/compliance/", {"staff_type": "paid"})
    client.get("/reports/compliance/", {"format": "xlsx"})
    html, xlsx = AuditEntry.objects.order_by("pk")
    assert (html.actor, html.report, html.output) == (hanna, "compliance", "html")
    assert html.filters == {"staff_type": "paid"}
    assert html.people_count == (
        Enrolment.objects.filter(
            course__mandatory=True,
            user__profile__unit__path__startswith=org["haus_a"].path,
            user__profile__staff_type="paid",
        )
        .values("user")
        .distinct()
        .count()
    )
    assert xlsx.output == "xlsx" and xlsx.people_count == 14
