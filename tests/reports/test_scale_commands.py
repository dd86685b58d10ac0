"""seed_scale builds a synthetic organisation whose summaries agree with the
services' own rules; bench_reports measures the reports on it."""

import json
from collections import defaultdict
from datetime import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Q
from django.utils import timezone

from courses.models import CourseAssignment, CoursePage, Enrolment, LessonProgress
from lms.competencies.models import (
    CompetencyState,
    CompetencyTarget,
    Evidence,
    TargetStatus,
)
from lms.competencies.rules import current_level
from lms.competencies.target_status import target_status_rebuild
from lms.people.models import OrganisationUnit, StaffProfile, StaffType
from lms.reports.models import TargetSnapshot
from tests import factories

pytestmark = pytest.mark.django_db

STAFF = 200


def seed(staff=STAFF, **options) -> str:
    out = StringIO()
    call_command("seed_scale", staff=staff, stdout=out, **options)
    return out.getvalue()


def scale_profiles():
    return StaffProfile.objects.filter(user__username__startswith="scale-")


def status_rows() -> list[tuple]:
    return sorted(
        TargetStatus.objects.values_list(
            "user_id",
            "competency_id",
            "unit_id",
            "staff_type",
            "job_role_id",
            "required_level",
            "level",
            "valid_until",
            "meets",
        )
    )


def evidence_by_pair() -> dict[tuple[int, int], list[Evidence]]:
    pairs = defaultdict(list)
    for item in Evidence.objects.order_by():
        pairs[(item.user_id, item.competency_id)].append(item)
    return pairs


def test_seed_scale_builds_a_realistic_organisation():
    output = seed()

    assert f"{STAFF} staff" in output
    profiles = scale_profiles()
    assert profiles.count() == STAFF
    volunteers = profiles.filter(staff_type=StaffType.VOLUNTEER).count()
    assert 0.15 * STAFF < volunteers < 0.45 * STAFF
    assert profiles.filter(job_role__isnull=False).count() == STAFF
    units = OrganisationUnit.objects.filter(code__startswith="scale-")
    assert set(units.values_list("depth", flat=True)) == {1, 2, 3, 4}
    assert OrganisationUnit.find_problems() == ([], [], [], [], [])
    assert set(units.values_list("kind", flat=True)) == {
        "Verband",
        "Region",
        "Einrichtung",
        "Dienst",
    }

    mandatory = CoursePage.objects.filter(slug__startswith="scale-", mandatory=True)
    assert set(mandatory.values_list("recertification_months", flat=True)) == {
        12,
        None,
    }
    assert CourseAssignment.objects.filter(course__in=mandatory).count() == 2
    yearly = mandatory.get(recertification_months=12)
    assigned = Enrolment.objects.filter(course=yearly, assignment__isnull=False)
    assert assigned.count() == STAFF
    assert assigned.filter(completed_at__isnull=False).exists()
    assert assigned.filter(completed_at__isnull=True).exists()
    assert Enrolment.objects.filter(source="self").exists()
    assert LessonProgress.objects.filter(completed_at__isnull=False).exists()

    evidence = Evidence.objects.filter(user__username__startswith="scale-")
    assert 15 * STAFF < evidence.count() < 25 * STAFF
    span = timezone.now() - evidence.order_by("recorded_at").first().recorded_at
    assert span.days > 600
    assert CompetencyTarget.objects.filter(unit__code__startswith="scale-").exists()


def test_summaries_agree_with_the_services_rules():
    seed()
    now = timezone.now()

    pairs = evidence_by_pair()
    states = CompetencyState.objects.all()
    assert states.count() == len(pairs)
    for state in states:
        derived = current_level(pairs[(state.user_id, state.competency_id)], now)
        assert (state.level, state.expired_level, state.valid_until) == (
            derived.level,
            derived.expired_level,
            derived.valid_until,
        )
        assert (state.self_level, state.self_assessed_at) == (
            derived.self_level,
            derived.self_assessed_at,
        )

    seeded = status_rows()
    assert seeded
    target_status_rebuild()
    assert status_rows() == seeded


def _meeting_at(at: datetime, pairs) -> dict[tuple, tuple[int, int]]:
    """Brute force: every person's level as of `at`, from their evidence."""
    cells: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for status in TargetStatus.objects.all():
        items = [
            item
            for item in pairs[(status.user_id, status.competency_id)]
            if item.recorded_at <= at
        ]
        level = current_level(items, at).level
        key = (status.unit_id, status.competency_id, status.staff_type)
        cells[key][0] += 1
        cells[key][1] += level is not None and level >= status.required_level
    return {key: tuple(value) for key, value in cells.items()}


def _snapshot(month) -> dict[tuple, tuple[int, int]]:
    result = {}
    for row in TargetSnapshot.objects.filter(month=month).values():
        key = (row["unit_id"], row["competency_id"], row["staff_type"])
        people, meeting = result.get(key, (0, 0))
        result[key] = (people + row["people"], meeting + row["meeting"])
    assert result  # the month has rows
    return result


def test_monthly_snapshots_follow_the_evidence_dates():
    seed()
    months = sorted(set(TargetSnapshot.objects.values_list("month", flat=True)))
    assert len(months) == 24
    assert months[-1] == timezone.localdate().replace(day=1)

    now = timezone.now()
    live = {
        (row["unit_id"], row["competency_id"], row["staff_type"]): (
            row["people"],
            row["meeting"],
        )
        for row in TargetStatus.objects.values("unit_id", "competency_id", "staff_type")
        .annotate(
            people=Count("pk"),
            meeting=Count(
                "pk",
                filter=Q(meets=True)
                & (Q(valid_until__isnull=True) | Q(valid_until__gt=now)),
            ),
        )
        .order_by()
    }
    assert _snapshot(months[-1]) == live

    pairs = evidence_by_pair()
    for month in (months[0], months[11]):
        year, number = month.year + month.month // 12, month.month % 12 + 1
        end = timezone.make_aware(datetime(year, number, 1))
        assert _snapshot(month) == _meeting_at(end, pairs)
    shares = [
        sum(m for _p, m in _snapshot(month).values())
        / sum(p for p, _m in _snapshot(month).values())
        for month in (months[0], months[-1])
    ]
    assert shares[0] < shares[1]  # two years of learning show


def test_a_second_run_refuses_and_reset_replaces_only_scale_data(org):
    outsider = factories.staff("lena", org["pflege_a"])
    seed(staff=60)

    with pytest.raises(CommandError, match="--reset"):
        seed(staff=60)

    seed(staff=40, reset=True, seed=2)
    assert scale_profiles().count() == 40
    assert StaffProfile.objects.filter(pk=outsider.pk).exists()
    assert OrganisationUnit.objects.filter(pk=org["verband"].pk).exists()
    assert CoursePage.objects.filter(slug__startswith="scale-").count() == 5

    out = StringIO()
    call_command("seed_scale", reset=True, stdout=out)
    assert not scale_profiles().exists()
    assert not OrganisationUnit.objects.filter(code__startswith="scale-").exists()
    assert not CoursePage.objects.filter(slug__startswith="scale-").exists()
    assert not Evidence.objects.filter(user__username__startswith="scale-").exists()
    assert OrganisationUnit.find_problems() == ([], [], [], [], [])
    assert StaffProfile.objects.get(pk=outsider.pk).unit == org["pflege_a"]


def test_bench_reports_prints_every_figure_as_json():
    seed(staff=60)
    out = StringIO()
    call_command("bench_reports", runs=1, stdout=out, stderr=StringIO())

    result = json.loads(out.getvalue())
    assert result["staff"] == 60
    assert result["evidence"] == Evidence.objects.count()
    for name in ("matrix", "compliance", "trend", "individual"):
        page = result["reports"][name]
        assert "error" not in page, (name, page)
        assert page["seconds"] > 0
        assert isinstance(page["queries"], int) and page["queries"] > 0
    for name in ("compliance_csv", "compliance_xlsx"):
        export = result["exports"][name]
        assert "error" not in export, (name, export)
        assert export["seconds"] > 0 and export["peak_mb"] > 0
    assert result["exports"]["compliance_csv"]["rows"] > 0
    assert result["reference"]["matrix_sql_seconds"] > 0
    assert result["matrix_vs_reference"] > 0
