"""The trend: the matrix share month by month, from the monthly snapshots.

A snapshot row holds one unit's counts (not its subtree), so the trend of a
subtree is one GROUP BY month over the snapshot rows whose unit path starts
with the subtree's path; no person is loaded."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Sum
from django.utils import timezone

from lms.competencies.models import Competency, Framework
from lms.people.models import JobRole, OrganisationUnit

from .access import is_suppressed
from .matrix import path_condition, share_of, staff_covered, top_units, within
from .models import TargetSnapshot
from .snapshots import month_start

DEFAULT_MONTHS = 24


def add_months(month: date, months: int) -> date:
    index = month.year * 12 + month.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class TrendMonth:
    """One month; people is None where no snapshot was taken. With several
    competencies a person counts once for each target they have."""

    month: date
    people: int | None = None
    meeting: int | None = None

    @property
    def has_data(self) -> bool:
        return self.people is not None

    @property
    def suppressed(self) -> bool:
        return self.people is not None and is_suppressed(self.people)

    @property
    def share(self) -> int | None:
        if not self.people or self.suppressed:
            return None
        return share_of(self.meeting, self.people)


@dataclass
class Trend:
    unit: OrganisationUnit | None
    date_from: date
    date_to: date
    months: list[TrendMonth]
    people: int = 0  # the staff covered now (matrix.staff_covered), for the audit

    @property
    def has_numbers(self) -> bool:
        return any(month.people for month in self.months)


def month_range(
    date_from: date | None, date_to: date | None, today: date | None = None
) -> tuple[date, date]:
    """Whole months; by default the last DEFAULT_MONTHS up to this one."""
    last = month_start(date_to or today or timezone.localdate())
    first = (
        month_start(date_from) if date_from else add_months(last, -(DEFAULT_MONTHS - 1))
    )
    return first, last


def competence_trend(
    *,
    user: AbstractBaseUser,
    unit: OrganisationUnit | None = None,
    staff_type: str = "",
    job_role: JobRole | None = None,
    framework: Framework | None = None,
    competency: Competency | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    today: date | None = None,
) -> Trend:
    """Monthly sums for the viewer's subtree, in one aggregate query. The
    months run from the first to the last snapshot in the range; a month
    without a snapshot in between stays in the list, empty, so that the
    chart's time axis does not shrink."""
    first, last = month_range(date_from, date_to, today)
    tops = top_units(user)
    if unit is not None and not within(unit, tops):
        raise PermissionError("unit outside the viewer's scope")
    paths = [unit.path] if unit is not None else [top.path for top in tops]
    if not paths:
        return Trend(unit=unit, date_from=first, date_to=last, months=[])
    snapshots = TargetSnapshot.objects.filter(
        path_condition(paths), month__gte=first, month__lte=last
    )
    if staff_type:
        snapshots = snapshots.filter(staff_type=staff_type)
    if job_role is not None:
        snapshots = snapshots.filter(job_role=job_role)
    if competency is not None:
        snapshots = snapshots.filter(competency=competency)
    elif framework is not None:
        snapshots = snapshots.filter(competency__framework=framework)
    sums = {
        month: (people, meeting)
        for month, people, meeting in snapshots.values("month")
        .annotate(people=Sum("people"), meeting=Sum("meeting"))
        .order_by("month")
        .values_list("month", "people", "meeting")
    }
    months = []
    if sums:
        month, end = min(sums), max(sums)
        while month <= end:
            people, meeting = sums.get(month, (None, None))
            months.append(TrendMonth(month=month, people=people, meeting=meeting))
            month = add_months(month, 1)
    people = staff_covered(paths=paths, staff_type=staff_type, job_role=job_role)
    return Trend(unit=unit, date_from=first, date_to=last, months=months, people=people)
