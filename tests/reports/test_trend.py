"""The trend: monthly snapshots (taken again, they replace the month), the
monthly share of a subtree, the chart and the table telling the same story,
small groups suppressed, downloads and the audit log."""

import csv
import io
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.utils import timezone

from courses.roles import grant_role_permissions
from lms.competencies.models import EvidenceSource
from lms.competencies.services import evidence_record, target_create
from lms.reports.charts import PLOT_BOTTOM, PLOT_TOP
from lms.reports.models import AuditEntry, TargetSnapshot
from lms.reports.snapshots import snapshot_take
from lms.reports.trend import add_months, competence_trend
from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db


def this_month():
    return timezone.localdate().replace(day=1)


def months_ago(count):
    return add_months(this_month(), -count)


@pytest.fixture
def setting(org):
    """Six people in Pflege am See and three in Beratung am Berg with a
    target; the snapshots of three months ago, two months ago and this month
    (one month in between missing), with more people meeting it each time."""
    grant_role_permissions()
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    framework = factories.framework("house")
    skill = factories.competency(framework, "1", "Datenschutz")
    other = factories.competency(framework, "2", "Messenger")
    target_create(created_by=root, competency=skill, level=2, unit=org["verband"])
    target_create(created_by=root, competency=other, level=1, unit=org["haus_b"])
    nurses = [factories.staff(f"pflege{n}", org["pflege_a"]).user for n in range(6)]
    advisers = [factories.staff(f"rat{n}", org["beratung_b"]).user for n in range(3)]

    def meets(user):
        evidence_record(
            user=user, competency=skill, level=2, source=EvidenceSource.TRAINER
        )

    meets(nurses[0])
    snapshot_take(months_ago(3))
    meets(nurses[1])
    meets(nurses[2])
    meets(advisers[0])
    snapshot_take(months_ago(2))
    meets(nurses[3])
    snapshot_take(this_month())
    return {"org": org, "root": root, "skill": skill, "other": other}


def rows_of(month):
    return sorted(
        TargetSnapshot.objects.filter(month=month).values_list(
            "unit_id", "competency_id", "staff_type", "job_role_id", "people", "meeting"
        )
    )


def test_taking_a_month_again_replaces_it(setting):
    before = rows_of(this_month())
    assert snapshot_take(this_month() + timedelta(days=10)) == len(before)
    assert rows_of(this_month()) == before
    assert TargetSnapshot.objects.count() == 3 * len(before)
    call_command("reports_snapshot", stdout=io.StringIO())
    assert rows_of(this_month()) == before
    call_command("reports_snapshot", "--month", "2020-01", stdout=io.StringIO())
    assert rows_of(months_ago(0).replace(year=2020, month=1)) == before
    with pytest.raises(CommandError):
        call_command("reports_snapshot", "--month", "January")


def test_the_snapshot_counts_people_and_those_meeting_per_unit(setting):
    org, skill = setting["org"], setting["skill"]
    pflege = TargetSnapshot.objects.get(
        month=this_month(), unit=org["pflege_a"], competency=skill
    )
    assert (pflege.people, pflege.meeting) == (6, 4)
    old = TargetSnapshot.objects.get(
        month=months_ago(3), unit=org["pflege_a"], competency=skill
    )
    assert (old.people, old.meeting) == (6, 1)


def test_the_trend_sums_a_subtree_month_by_month(setting):
    org, root, skill = setting["org"], setting["root"], setting["skill"]
    trend = competence_trend(user=root, competency=skill)
    assert [(m.month, m.people, m.meeting) for m in trend.months] == [
        (months_ago(3), 9, 1),
        (months_ago(2), 9, 4),
        (months_ago(1), None, None),
        (months_ago(0), 9, 5),
    ]
    haus_a = competence_trend(user=root, unit=org["haus_a"], competency=skill)
    assert [(m.people, m.meeting, m.share) for m in haus_a.months if m.has_data] == [
        (6, 1, 17),
        (6, 3, 50),
        (6, 4, 67),
    ]
    both = competence_trend(user=root, unit=org["haus_b"])
    assert [m.people for m in both.months if m.has_data] == [6, 6, 6]
    recent = competence_trend(
        user=root, competency=skill, date_from=months_ago(1), date_to=this_month()
    )
    assert [m.month for m in recent.months] == [this_month()]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def test_chart_and_table_show_the_same_months(client, setting):
    org, skill = setting["org"], setting["skill"]
    client.force_login(setting["root"])
    response = client.get(
        f"/reports/trend/?unit={org['pflege_a'].pk}&competency={skill.pk}"
    )
    assert response.status_code == 200
    html = soup(response)
    svg = html.select_one("svg.trend-chart__svg")
    assert svg["role"] == "img" and svg.select_one("title") and svg.select_one("desc")
    assert svg["viewbox"] == "0 0 320 200"
    points = {c["data-month"]: c for c in svg.select("circle.trend-chart__point")}
    table = {
        tr["data-month"]: tr for tr in html.select("table.trend-table tr[data-month]")
    }
    assert list(table) == [f"{months_ago(n):%Y-%m}" for n in (3, 2, 1, 0)]
    shown = {
        month: tr["data-share"] for month, tr in table.items() if tr.get("data-share")
    }
    assert shown == {month: c["data-share"] for month, c in points.items()}
    assert [tr.select("td")[-1].get_text() for tr in table.values()] == [
        "17 %",
        "50 %",
        "no snapshot",
        "67 %",
    ]
    for circle in points.values():
        share = int(circle["data-share"])
        expected = PLOT_BOTTOM - share / 100 * (PLOT_BOTTOM - PLOT_TOP)
        assert float(circle["cy"]) == pytest.approx(expected, abs=0.01)
    # the missing month breaks the line: one segment of two points, one alone
    assert [len(line["points"].split()) for line in svg.select("polyline")] == [2]


def test_small_groups_are_suppressed_in_page_and_download(client, setting):
    org, skill = setting["org"], setting["skill"]
    client.force_login(setting["root"])
    query = f"unit={org['beratung_b'].pk}&competency={skill.pk}"
    html = soup(client.get(f"/reports/trend/?{query}"))
    assert not html.select("circle.trend-chart__point")
    cells = [tr.get_text(" ", strip=True) for tr in html.select("tr[data-month]")]
    assert cells and all("< 5" in text or "no snapshot" in text for text in cells)
    assert not html.select("tr[data-people]")
    content = b"".join(
        client.get(f"/reports/trend/?{query}&format=csv").streaming_content
    )
    lines = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))[1:]
    assert [line[1:] for line in lines if line[1]] == [["< 5", "", ""]] * 3


def test_downloads_carry_the_table_and_every_view_is_logged(client, setting):
    from openpyxl import load_workbook

    org, skill = setting["org"], setting["skill"]
    hanna = hr_user("hanna", org["haus_a"])
    client.force_login(hanna)
    query = f"competency={skill.pk}"
    html = soup(client.get(f"/reports/trend/?{query}"))
    table = [
        [
            tr["data-month"],
            int(tr["data-people"]),
            int(tr["data-meeting"]),
            int(tr["data-share"]),
        ]
        for tr in html.select("tr[data-people]")
    ]
    assert [row[1:] for row in table] == [[6, 1, 17], [6, 3, 50], [6, 4, 67]]
    response = client.get(f"/reports/trend/?{query}&format=xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    header, *rows = sheet.iter_rows(values_only=True)
    assert header == (
        "Month",
        "People with a target",
        "Meeting the target",
        "Share (%)",
    )
    assert [list(row) for row in rows if row[1]] == table
    assert [
        (e.report, e.output, e.people_count) for e in AuditEntry.objects.order_by("pk")
    ] == [
        ("trend", "html", 7),  # the staff of Haus am See: six nurses and hanna
        ("trend", "xlsx", 7),
    ]
    assert AuditEntry.objects.first().filters == {"competency": str(skill.pk)}


def test_hr_of_another_unit_gets_no_numbers_and_learners_no_page(client, setting):
    org = setting["org"]
    client.force_login(hr_user("bert", org["haus_b"]))
    response = client.get(f"/reports/trend/?unit={org['haus_a'].pk}")
    assert response.status_code == 400
    assert not soup(response).select("table.trend-table")
    client.force_login(factories.staff("lena", org["pflege_a"]).user)
    assert client.get("/reports/trend/").status_code == 403
    assert not AuditEntry.objects.exists()
