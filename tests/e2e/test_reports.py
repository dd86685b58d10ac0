"""The competence reports in a browser: hanna (HR of the whole Verband in the
demo) filters the matrix to one facility, downloads it as XLSX and finds the
page's numbers in it; axe on the matrix and the trend."""

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from lms.competencies.models import Competency, EvidenceSource, TargetStatus
from lms.competencies.services import evidence_record
from lms.people.models import OrganisationUnit
from lms.people.services import job_role_get_or_create, staff_create
from lms.reports.models import AuditEntry
from lms.reports.snapshots import snapshot_take

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def nursing_team(demo):
    """Six more nurses beside lena in St. Anna's Stationäre Pflege, so that
    the facility's cells are large enough to show; four meet the 4.1 target."""
    team = OrganisationUnit.objects.get(code="st-anna-pflege")
    role = job_role_get_or_create(name="Pflegefachkraft")
    skill = Competency.objects.get(framework__slug="digcomp-2-2", code="4.1")
    for number in range(6):
        profile = staff_create(
            username=f"pflege{number}",
            first_name="Pflege",
            last_name=f"Kraft {number}",
            unit=team,
            job_role=role,
        )
        if number < 4:
            evidence_record(
                user=profile.user,
                competency=skill,
                level=2,
                source=EvidenceSource.MANAGER,
            )
    snapshot_take(timezone.localdate())
    return {"team": team, "skill": skill}


def test_hanna_filters_the_matrix_to_a_facility_and_downloads_it(
    page, demo, nursing_team
):
    team, skill = nursing_team["team"], nursing_team["skill"]
    facility = OrganisationUnit.objects.get(code="st-anna")
    log_in(page, demo.url, "hanna")
    page.goto(f"{demo.url}/reports/matrix/")
    assert page.locator("table.matrix tr[data-unit='st-anna']").count() == 1
    assert_accessible(page)

    page.select_option("#id_unit", str(facility.pk))
    with page.expect_navigation():
        page.locator("form.report-filters button[type=submit]").click()
    assert f"unit={facility.pk}" in page.url
    units = page.locator("table.matrix tbody tr").evaluate_all(
        "rows => rows.map(row => row.dataset.unit)"
    )
    assert set(units) == {"st-anna-pflege", "st-anna-ambulant"}
    assert page.locator(".report-trail [aria-current]").inner_text() == facility.name
    column = page.locator("table.matrix thead th.matrix__competency").evaluate_all(
        "cells => cells.map(cell => cell.querySelector('.matrix__code').textContent)"
    )
    cell = page.locator("tr[data-unit='st-anna-pflege'] td").nth(column.index("4.1"))
    statuses = TargetStatus.objects.filter(unit=team, competency=skill)
    people, meeting = statuses.count(), statuses.filter(meets=True).count()
    assert (people, meeting) == (7, 4)
    assert cell.get_attribute("data-people") == "7"
    assert cell.get_attribute("data-meeting") == "4"
    assert "57 %" in cell.inner_text()
    assert_accessible(page)

    with page.expect_download() as info:
        page.locator("#matrix-xlsx").click()
    download = info.value
    assert download.suggested_filename == "competence-matrix.xlsx"
    with open(download.path(), "rb") as handle:  # saved without an extension
        rows = list(load_workbook(handle).active.iter_rows(values_only=True))
    found = [row for row in rows if row[1] == "st-anna-pflege" and row[2] == "4.1"]
    assert [row[4:] for row in found] == [(7, 4, 57)]
    assert AuditEntry.objects.filter(actor__username="hanna", output="xlsx").exists()


def test_trend_and_matrix_are_accessible_and_fit_a_phone(page, demo, nursing_team):
    facility = OrganisationUnit.objects.get(code="st-anna")
    log_in(page, demo.url, "hanna")
    page.goto(f"{demo.url}/reports/trend/?unit={facility.pk}")
    assert page.locator("svg.trend-chart__svg circle").count() == 1
    assert page.locator("table.trend-table tr[data-share]").count() == 1
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    box = page.locator("svg.trend-chart__svg").bounding_box()
    assert 250 <= box["width"] <= 320
    page.goto(f"{demo.url}/reports/matrix/?unit={facility.pk}")
    width = "document.documentElement.scrollWidth"
    assert page.evaluate(width) <= 320  # the table scrolls, not the page
    assert_accessible(page)
