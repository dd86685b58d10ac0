"""The competence matrix: its numbers equal a person-by-person count on a small
generated organisation, small groups are suppressed, viewers see only their
units, names only where allowed, every view is logged, and the downloads
carry the page's numbers."""

import csv
import io
import random
from collections import defaultdict
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.roles import grant_role_permissions
from lms.competencies.models import CompetencyState, EvidenceSource, TargetStatus
from lms.competencies.selectors import target_levels
from lms.competencies.services import evidence_record, target_create
from lms.people.models import StaffProfile, StaffType
from lms.people.services import job_role_get_or_create, staff_create
from lms.reports.matrix import (
    cell_counts,
    competence_matrix,
    matrix_reference_sql,
    row_prefix,
    scoped_statuses,
)
from lms.reports.models import AuditEntry
from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db

ROLES = ("Pflegefachkraft", "Sozialarbeit", "Verwaltung")


def person(username, unit, *, staff_type=StaffType.PAID, job_role=None):
    return staff_create(
        username=username,
        unit=unit,
        first_name=username.capitalize(),
        last_name="Muster",
        staff_type=staff_type,
        job_role=job_role,
    )


@pytest.fixture
def world(org):
    """Five units plus a two-person team below Haus am Berg, 30 people with
    random staff types, roles and evidence (some expired, some about to
    expire), and four targets that reach different people."""
    grant_role_permissions()
    rng = random.Random(6)
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    roles = [job_role_get_or_create(name=name) for name in ROLES]
    framework = factories.framework("house")
    skills = [factories.competency(framework, str(n), f"Skill {n}") for n in (1, 2, 3)]
    org["small"] = factories.unit("Kleine Gruppe", org["haus_b"], kind="Team")
    target_create(created_by=root, competency=skills[0], level=2)
    target_create(
        created_by=root,
        competency=skills[1],
        level=1,
        unit=org["haus_a"],
        staff_type=StaffType.PAID,
    )
    target_create(
        created_by=root,
        competency=skills[1],
        level=2,
        unit=org["haus_b"],
        include_subunits=False,
    )
    target_create(
        created_by=root,
        competency=skills[2],
        level=3,
        unit=org["verband"],
        job_role=roles[0],
    )
    units = [org[key] for key in ("verband", "haus_a", "haus_b", "pflege_a")]
    units.append(org["beratung_b"])
    now = timezone.now()
    profiles = [person("klein1", org["small"]), person("klein2", org["small"])]
    for number in range(30):
        profiles.append(
            person(
                f"p{number:02}",
                rng.choice(units),
                staff_type=rng.choice([StaffType.PAID, StaffType.VOLUNTEER]),
                job_role=rng.choice([*roles, None]),
            )
        )
    for profile in profiles:
        for skill in skills:
            roll = rng.random()
            if roll < 0.25:
                continue
            expires = None
            if roll > 0.9:
                expires = now - timedelta(days=1)
            elif roll > 0.8:
                expires = now + timedelta(days=1)
            evidence_record(
                user=profile.user,
                competency=skill,
                level=rng.randint(1, 3),
                source=EvidenceSource.COURSE,
                expires_at=expires,
                recorded_at=now - timedelta(days=10),
            )
    return {"org": org, "root": root, "skills": skills, "roles": roles}


def brute_force(base, now, *, staff_type="", job_role=None):
    """Person by person: which row (child of base, or base itself), which
    targets (selectors.target_levels) and whether the state meets them now;
    and how many people the units have (the audit log's count)."""
    children = list(base.get_children())
    cells = defaultdict(lambda: [0, 0])
    people = set()
    profiles = StaffProfile.objects.select_related("unit", "user")
    for profile in profiles.filter(unit__path__startswith=base.path):
        if staff_type and profile.staff_type != staff_type:
            continue
        if job_role is not None and profile.job_role_id != job_role.pk:
            continue
        people.add(profile.user_id)
        row = base.path
        for child in children:
            if profile.unit.path.startswith(child.path):
                row = child.path
        states = {
            state.competency_id: state
            for state in CompetencyState.objects.filter(user=profile.user)
        }
        for competency_id, required in target_levels(profile.user).items():
            state = states.get(competency_id)
            meets = (
                state is not None
                and state.level is not None
                and state.level >= required
                and (state.valid_until is None or state.valid_until > now)
            )
            cells[(row, competency_id)][0] += 1
            cells[(row, competency_id)][1] += int(meets)
    return {key: tuple(value) for key, value in cells.items()}, len(people)


def matrix_cells(matrix):
    cells = {}
    for row in matrix.rows:
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            if not cell.empty:
                cells[(row.key, column.competency.pk)] = (cell.people, cell.meeting)
    return cells


@pytest.mark.parametrize(
    ("unit_key", "filters"),
    [
        ("verband", {}),
        ("haus_a", {}),
        ("haus_b", {}),
        ("verband", {"staff_type": StaffType.VOLUNTEER}),
        ("verband", {"job_role": 0}),
    ],
)
def test_every_cell_equals_a_person_by_person_count(world, unit_key, filters):
    base = world["org"][unit_key]
    if "job_role" in filters:
        filters = {"job_role": world["roles"][filters["job_role"]]}
    later = timezone.now() + timedelta(days=2)  # the "about to expire" have expired
    matrix = competence_matrix(user=world["root"], unit=base, now=later, **filters)
    expected, people = brute_force(base, later, **filters)
    assert matrix_cells(matrix) == expected
    assert matrix.people == people
    for column, total in zip(matrix.columns, matrix.total.cells, strict=True):
        column_cells = [
            value for (_, c), value in expected.items() if c == column.competency.pk
        ]
        assert total.people == sum(people for people, _meeting in column_cells)
        assert total.meeting == sum(meeting for _people, meeting in column_cells)
    assert sum(meeting for _people, meeting in expected.values()) > 0


def test_the_admin_starts_at_the_root_and_its_children(world):
    matrix = competence_matrix(user=world["root"])
    org = world["org"]
    assert matrix.base == org["verband"]
    assert [row.unit for row in matrix.rows if not row.direct] == [
        org["haus_b"],
        org["haus_a"],
    ]
    assert [column.code for column in matrix.columns] == ["1", "2", "3"]


def test_the_reference_sql_gives_the_same_numbers_as_the_report_query(world):
    org, skills = world["org"], world["skills"]
    now = timezone.now()
    for base, ids in [
        (org["verband"], None),
        (org["haus_a"], None),
        (org["verband"], [skills[0].pk, skills[2].pk]),
    ]:
        statuses = TargetStatus.objects.filter(unit__path__startswith=base.path)
        if ids is not None:
            statuses = statuses.filter(competency_id__in=ids)
        report = cell_counts(statuses, row_prefix(base.depth + 1), now)
        reference = matrix_reference_sql(base.path, base.depth + 1, ids)
        assert reference == sorted(
            (row, competency, cell.people, cell.meeting)
            for (row, competency), cell in report.items()
        )
        assert reference


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def page_cells(response) -> dict:
    """{(unit code or "total", competency code): shown value}: (people,
    meeting, share) where numbers are shown, else the cell's text."""
    html = soup(response)
    codes = [
        th.select_one(".matrix__code").get_text(strip=True)
        for th in html.select("table.matrix thead th.matrix__competency")
    ]
    cells = {}
    for tr in html.select("table.matrix tr[data-unit]"):
        for code, td in zip(codes, tr.select("td"), strict=True):
            key = (tr["data-unit"], code)
            if td.has_attr("data-people"):
                cells[key] = (
                    int(td["data-people"]),
                    int(td["data-meeting"]),
                    int(td["data-share"]),
                )
            else:
                cells[key] = td.get_text(" ", strip=True)
    return cells


def unit_param(unit):
    return f"unit={unit.pk}"


def test_small_groups_are_shown_as_fewer_than_five_without_numbers(client, world):
    org = world["org"]
    client.force_login(world["root"])
    response = client.get(f"/reports/matrix/?{unit_param(org['haus_b'])}")
    assert response.status_code == 200
    row = soup(response).select_one(f'tr[data-unit="{org["small"].code}"]')
    cell = row.select("td")[0]  # skill 1: the team's two people
    assert cell.get_text(" ", strip=True).startswith("< 5")
    assert "%" not in cell.get_text()
    assert not cell.has_attr("data-people")
    assert "matrix__cell--suppressed" in cell["class"]
    assert not any(
        c in cell["class"] for c in ("matrix__cell--met", "matrix__cell--not")
    )
    lines = list(csv.reader(io.StringIO(export_text(client, org["haus_b"], "csv"))))
    small = [line for line in lines if line[1] == org["small"].code and line[2] == "1"]
    assert small == [["Kleine Gruppe", "kleine-gruppe", "1", "Skill 1", "< 5", "", ""]]


def test_cells_say_in_words_what_the_colour_shows(client, world, settings):
    settings.REPORT_MIN_CELL = 1
    client.force_login(world["root"])
    html = soup(client.get("/reports/matrix/"))
    for td in html.select("td.matrix__cell[data-share]"):
        share = int(td["data-share"])
        words = td.select_one(".matrix__status").get_text(" ", strip=True)
        expected = "on track" if share >= 90 else "partly" if share >= 50 else "behind"
        assert expected in words
        assert (
            f"{share} % ({td['data-meeting']} of {td['data-people']})" in td.get_text()
        )


def test_hr_sees_only_their_units(client, world):
    org = world["org"]
    bert = hr_user("bert", org["haus_b"])
    client.force_login(bert)
    response = client.get("/reports/matrix/")
    html = soup(response)
    units = {tr["data-unit"] for tr in html.select("tr[data-unit]")}
    assert units == {
        org["small"].code,
        org["beratung_b"].code,
        org["haus_b"].code,
        "total",
    }
    assert "Haus am See" not in html.select_one("table.matrix").get_text()
    assert "Verband Nord" not in html.select_one(".report-trail").get_text()
    before = AuditEntry.objects.count()
    outside = client.get(f"/reports/matrix/?{unit_param(org['haus_a'])}")
    assert outside.status_code == 400
    assert soup(outside).select_one("table.matrix") is None
    assert soup(outside).select_one(".report-filters__error")
    assert client.get(f"/reports/matrix/?{unit_param(org['haus_a'])}&format=csv")[
        "Content-Type"
    ].startswith("text/html")
    skill = world["skills"][0]
    people = client.get(
        f"/reports/matrix/people/?{unit_param(org['haus_a'])}&competency={skill.pk}"
    )
    assert people.status_code == 404
    assert AuditEntry.objects.count() == before


def test_learners_get_no_reports(client, world):
    lena = factories.staff("lena", world["org"]["pflege_a"]).user
    client.force_login(lena)
    skill = world["skills"][0]
    for url in (
        "/reports/matrix/",
        "/reports/matrix/?format=xlsx",
        f"/reports/matrix/people/?competency={skill.pk}",
    ):
        assert client.get(url).status_code == 403
    assert not AuditEntry.objects.exists()


def test_names_only_for_viewers_who_may_see_them(client, world, settings):
    settings.REPORT_MIN_CELL = 1
    org, skill = world["org"], world["skills"][0]
    hanna = hr_user("hanna", org["haus_a"])
    client.force_login(hanna)
    html = soup(client.get("/reports/matrix/"))
    link = html.select_one(f'tr[data-unit="{org["pflege_a"].code}"] td a')
    assert link["href"].startswith("/reports/matrix/people/?")
    listed = client.get(link["href"])
    assert listed.status_code == 200
    names = [tr["data-user"] for tr in soup(listed).select("tr[data-user]")]
    expected = TargetStatus.objects.filter(
        unit__path__startswith=org["pflege_a"].path, competency=skill
    )
    assert sorted(names) == sorted(s.user.username for s in expected)
    entry = AuditEntry.objects.first()
    assert (entry.report, entry.output, entry.people_count) == (
        "matrix",
        "html",
        len(names),
    )
    assert entry.filters == {
        "unit": str(org["pflege_a"].pk),
        "competency": str(skill.pk),
    }

    Group.objects.get(name="HR").permissions.remove(
        Permission.objects.get(codename="view_named_reports")
    )
    hanna = type(hanna).objects.get(pk=hanna.pk)  # forget cached permissions
    client.force_login(hanna)
    html = soup(client.get("/reports/matrix/"))
    assert html.select("td.matrix__cell[data-people]")
    assert not html.select("td.matrix__cell a")
    assert client.get(link["href"]).status_code == 403


def test_every_view_and_download_is_logged_with_filters_and_people(client, world):
    org = world["org"]
    hanna = hr_user("hanna", org["haus_a"])
    client.force_login(hanna)
    client.get(f"/reports/matrix/?{unit_param(org['haus_a'])}&staff_type=paid")
    export_text(client, org["haus_a"], "csv")
    entries = list(AuditEntry.objects.order_by("pk"))
    _cells, people = brute_force(org["haus_a"], timezone.now(), staff_type="paid")
    _cells, everyone = brute_force(org["haus_a"], timezone.now())
    assert [(e.actor, e.report, e.output) for e in entries] == [
        (hanna, "matrix", "html"),
        (hanna, "matrix", "csv"),
    ]
    assert entries[0].filters == {"unit": str(org["haus_a"].pk), "staff_type": "paid"}
    assert entries[0].people_count == people
    assert entries[1].people_count == everyone


def export_text(client, unit, output):
    response = client.get(f"/reports/matrix/?{unit_param(unit)}&format={output}")
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    return content.decode("utf-8-sig") if output == "csv" else content


def export_cells(rows) -> dict:
    cells = {}
    for label, code, competency, _name, people, meeting, share in rows:
        key = ("total" if label == "Total" else code, competency)
        if people in ("", None, 0, "0"):
            continue
        if people == "< 3":
            cells[key] = people
        else:
            cells[key] = (int(people), int(meeting), int(share))
    return cells


def test_downloads_carry_the_numbers_of_the_page(client, world, settings):
    from openpyxl import load_workbook

    settings.REPORT_MIN_CELL = 3
    org = world["org"]
    client.force_login(world["root"])
    page = page_cells(client.get(f"/reports/matrix/?{unit_param(org['verband'])}"))
    shown = {key: value for key, value in page.items() if isinstance(value, tuple)}
    suppressed = {key for key, value in page.items() if str(value).startswith("< 3")}
    assert shown and suppressed

    workbook = load_workbook(io.BytesIO(export_text(client, org["verband"], "xlsx")))
    sheet = workbook.active
    header, *rows = sheet.iter_rows(values_only=True)
    assert header[4:] == ("People with a target", "Meeting the target", "Share (%)")
    from_xlsx = export_cells(rows)
    from_csv = export_cells(
        list(csv.reader(io.StringIO(export_text(client, org["verband"], "csv"))))[1:]
    )
    for exported in (from_xlsx, from_csv):
        assert {k: v for k, v in exported.items() if v != "< 3"} == shown
        assert {k for k, v in exported.items() if v == "< 3"} == suppressed


def page_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_page_needs_the_same_queries_for_more_units_and_people(
    client, world, django_assert_max_num_queries
):
    org = world["org"]
    hanna = hr_user("hanna", org["verband"])
    client.force_login(hanna)
    urls = ["/reports/matrix/", f"/reports/matrix/?{unit_param(org['haus_a'])}"]
    client.get(urls[0])  # warm: the first page of a session caches permissions
    before = [page_queries(client, url) for url in urls]
    for number in range(6):
        team = factories.unit(f"Team {number}", org["haus_a"])
        for member in range(4):
            person(f"t{number}{member}", team, job_role=world["roles"][0])
    after = [page_queries(client, url) for url in urls]
    assert after == before
    with django_assert_max_num_queries(25):
        client.get(urls[1])


def test_scoped_statuses_without_units_find_nobody(world):
    assert not scoped_statuses(paths=[]).exists()


def test_hr_of_two_separate_units_sees_both_as_rows(client, world):
    org = world["org"]
    both = hr_user("bea", org["haus_a"], org["haus_a"], org["beratung_b"])
    matrix = competence_matrix(user=both)
    assert matrix.base is None and matrix.trail == []
    assert [row.unit for row in matrix.rows] == [org["beratung_b"], org["haus_a"]]
    expected_a, _ = brute_force(org["haus_a"], matrix.now)
    expected_b, _ = brute_force(org["beratung_b"], matrix.now)
    for row, expected in zip(matrix.rows, (expected_b, expected_a), strict=True):
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            people = sum(
                value[0]
                for (_, c), value in expected.items()
                if c == column.competency.pk
            )
            assert cell.people == people
    client.force_login(both)
    html = soup(client.get("/reports/matrix/"))
    assert html.select_one(".report-trail [aria-current]").get_text() == "All my units"


def test_the_people_of_the_unit_itself_and_their_download(client, world, settings):
    settings.REPORT_MIN_CELL = 1
    org, skill = world["org"], world["skills"][0]
    client.force_login(world["root"])
    html = soup(client.get("/reports/matrix/"))
    row = html.select_one('tr[data-direct="1"]')
    assert row["data-unit"] == org["verband"].code
    assert row.th.get_text(strip=True) == "Directly in Verband Nord"
    link = row.select("td a")[0]["href"]
    assert "direct=1" in link
    listed = soup(client.get(link))
    names = sorted(tr["data-user"] for tr in listed.select("tr[data-user]"))
    expected = TargetStatus.objects.filter(unit=org["verband"], competency=skill)
    assert names == sorted(status.user.username for status in expected)
    assert names == sorted(
        p.user.username for p in StaffProfile.objects.filter(unit=org["verband"])
    )
    response = client.get(link + "&format=csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    header, *lines = list(csv.reader(io.StringIO(content)))
    assert header[0] == "Name" and len(lines) == len(names)
    entry = AuditEntry.objects.first()
    assert (entry.output, entry.people_count) == ("csv", len(names))
    assert entry.filters["direct"] == "1"


def test_one_small_row_cannot_be_worked_out_from_the_total(world):
    """Total minus the shown rows would give the small team's numbers: the
    next smallest row is hidden as well."""
    org = world["org"]
    matrix = competence_matrix(user=world["root"], unit=org["haus_b"])
    checked = 0
    for index, total in enumerate(matrix.total.cells):
        cells = [row.cells[index] for row in matrix.rows]
        hidden = [cell for cell in cells if cell.suppressed]
        if total.suppressed or not hidden:
            continue
        assert len(hidden) != 1, matrix.columns[index].code
        shown = sum(cell.people for cell in cells if not cell.suppressed)
        assert total.people - shown >= settings_min_cell()
        checked += 1
    assert checked


def settings_min_cell() -> int:
    from django.conf import settings

    return settings.REPORT_MIN_CELL
