"""The competence matrix: organisation units by competencies, with the share of
people who meet their target, counted in the database.

Rows are the units below the chosen one, each counting its whole subtree. The
materialised path makes "which row does this person fall in" a prefix of
their unit's path, so one GROUP BY over TargetStatus, grouped by that prefix
and the competency, yields every cell without loading a person; the total
row is the sum of the rows (they split the subtree without overlap).
`matrix_reference_sql` computes the same cells as one plain SQL statement, so
that the benchmark can show how close the report comes to it."""

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import connection
from django.db.models import (
    Case,
    CharField,
    Count,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils import timezone

from lms.competencies.models import Competency, Framework, TargetStatus
from lms.people.models import JobRole, OrganisationUnit, StaffProfile
from lms.people.selectors import is_hr, is_manager

from .access import is_suppressed

STEPLEN = OrganisationUnit.steplen

#: From this share on a cell counts as "on target", from PARTLY_FROM as
#: "partly"; below that "behind". Words and icons go with the colours.
MET_FROM = 90
PARTLY_FROM = 50


def meets_now(now: datetime) -> Q:
    """A target counts as met while the level holds: evidence that has
    expired no longer counts, even before the summary row is refreshed."""
    return Q(meets=True) & (Q(valid_until__isnull=True) | Q(valid_until__gt=now))


def share_of(meeting: int, people: int) -> int:
    """Whole per cent, rounded half up (2 of 3 is 67 %)."""
    return (meeting * 200 + people) // (2 * people)


@dataclass(frozen=True)
class Cell:
    people: int = 0
    meeting: int = 0
    # Hidden although big enough: the one row that would otherwise give away a
    # small group's numbers as "total minus the others" (hide_complements).
    hidden: bool = False

    @property
    def empty(self) -> bool:
        return self.people == 0

    @property
    def suppressed(self) -> bool:
        return self.hidden or is_suppressed(self.people)

    @property
    def share(self) -> int | None:
        """None where nothing may be shown: no people, or too few."""
        if self.empty or self.suppressed:
            return None
        return share_of(self.meeting, self.people)

    @property
    def status(self) -> str:
        share = self.share
        if share is None:
            return ""
        if share >= MET_FROM:
            return "met"
        if share >= PARTLY_FROM:
            return "partly"
        return "not"

    def __add__(self, other: "Cell") -> "Cell":
        return Cell(self.people + other.people, self.meeting + other.meeting)


@dataclass(frozen=True)
class Column:
    competency: Competency
    code: str
    name: str


@dataclass
class MatrixRow:
    """One unit's subtree; `direct` is the row of people who sit in the
    chosen unit itself rather than in one of its sub-units."""

    key: str
    unit: OrganisationUnit | None
    cells: list[Cell]
    direct: bool = False
    total: bool = False

    @property
    def expandable(self) -> bool:
        return (
            self.unit is not None
            and not (self.direct or self.total)
            and self.unit.numchild > 0
        )

    @property
    def people(self) -> int:
        return sum(cell.people for cell in self.cells)


@dataclass
class Matrix:
    base: OrganisationUnit | None
    trail: list[OrganisationUnit]
    columns: list[Column]
    rows: list[MatrixRow]
    total: MatrixRow
    people: int  # the staff covered (staff_covered), for the audit log
    now: datetime = field(default_factory=timezone.now)

    @property
    def has_numbers(self) -> bool:
        return any(not cell.empty for cell in self.total.cells)


def top_units(user: AbstractBaseUser) -> list[OrganisationUnit]:
    """The highest units the viewer may see: an admin's roots, or the units an
    HR user or manager manages minus those that lie below another of them."""
    if user.is_superuser:
        units = OrganisationUnit.get_root_nodes()
    elif is_hr(user) or is_manager(user):
        units = OrganisationUnit.objects.filter(managers__user=user).order_by("path")
    else:
        return []
    tops: list[OrganisationUnit] = []
    for unit in units:
        if not any(unit.path.startswith(top.path) for top in tops):
            tops.append(unit)
    return sorted(tops, key=lambda unit: unit.name.casefold())


def within(unit: OrganisationUnit, tops: list[OrganisationUnit]) -> bool:
    return any(unit.path.startswith(top.path) for top in tops)


def path_condition(paths: list[str], prefix: str = "unit__") -> Q:
    condition = Q()
    for path in paths:
        condition |= Q(**{f"{prefix}path__startswith": path})
    return condition


def scoped_statuses(
    *,
    paths: list[str],
    staff_type: str = "",
    job_role: JobRole | None = None,
    framework: Framework | None = None,
    competency: Competency | None = None,
) -> QuerySet[TargetStatus]:
    """TargetStatus rows in these subtrees, narrowed by the report filters;
    no subtrees, no rows."""
    if not paths:
        return TargetStatus.objects.none()
    statuses = TargetStatus.objects.filter(path_condition(paths))
    if staff_type:
        statuses = statuses.filter(staff_type=staff_type)
    if job_role is not None:
        statuses = statuses.filter(job_role=job_role)
    if competency is not None:
        statuses = statuses.filter(competency=competency)
    elif framework is not None:
        statuses = statuses.filter(competency__framework=framework)
    return statuses


def staff_covered(
    *, paths: list[str], staff_type: str = "", job_role: JobRole | None = None
) -> int:
    """How many people the report covers, for the audit log: the staff of the
    units shown, of the chosen staff type and job role. Counting profiles
    rather than distinct people with a target keeps this a cheap indexed
    count beside the matrix query (a COUNT DISTINCT over every target would
    cost more than half the matrix again), and errs on the side of too many."""
    if not paths:
        return 0
    profiles = StaffProfile.objects.filter(path_condition(paths))
    if staff_type:
        profiles = profiles.filter(staff_type=staff_type)
    if job_role is not None:
        profiles = profiles.filter(job_role=job_role)
    return profiles.count()


def cell_counts(
    statuses: QuerySet[TargetStatus], row_key, now: datetime
) -> dict[tuple[str, int], Cell]:
    """The one aggregate query: people and people meeting the target per row
    key (a unit path) and competency."""
    grouped = (
        statuses.annotate(row=row_key)
        .values("row", "competency_id")
        .annotate(people=Count("pk"), meeting=Count("pk", filter=meets_now(now)))
        .order_by()
        .values_list("row", "competency_id", "people", "meeting")
    )
    return {
        (row, competency_id): Cell(people, meeting)
        for row, competency_id, people, meeting in grouped
    }


def row_prefix(row_depth: int) -> Substr:
    """A unit's ancestor (or itself) at `row_depth`, as a path prefix; a unit
    above that depth keeps its whole path."""
    return Substr("unit__path", 1, row_depth * STEPLEN)


def _columns(
    counts: dict[tuple[str, int], Cell], competency: Competency | None
) -> list[Column]:
    if competency is not None:
        competencies = [competency]
    else:
        ids = {competency_id for _row, competency_id in counts}
        competencies = (
            list(
                Competency.objects.filter(pk__in=ids).order_by(
                    "framework__name", "framework__pk", "sort_order", "pk"
                )
            )
            if ids
            else []
        )
    return [
        Column(
            competency=item,
            code=item.code,
            name=item.text("short_name"),
        )
        for item in competencies
    ]


def _trail(
    base: OrganisationUnit, tops: list[OrganisationUnit], admin: bool
) -> list[OrganisationUnit]:
    """The chosen unit's ancestors the viewer may see, top first, and itself."""
    ancestor_paths = [
        path
        for path in base.ancestor_paths()
        if admin or any(path.startswith(top.path) for top in tops)
    ]
    ancestors = (
        list(OrganisationUnit.objects.filter(path__in=ancestor_paths).order_by("path"))
        if ancestor_paths
        else []
    )
    return [*ancestors, base]


def hide_complements(rows: list["MatrixRow"]) -> None:
    """Per column: where exactly one row is too small to show, the total minus
    the other rows would show it anyway, so the next smallest row is hidden
    too and only the sum of the two can be worked out."""
    for index in range(len(rows[0].cells) if rows else 0):
        cells = [row.cells[index] for row in rows]
        if sum(1 for cell in cells if cell.suppressed) != 1:
            continue
        shown = [
            (cell.people, position)
            for position, cell in enumerate(cells)
            if cell.people and not cell.suppressed
        ]
        if shown:
            _people, position = min(shown)
            rows[position].cells[index] = replace(cells[position], hidden=True)


def competence_matrix(
    *,
    user: AbstractBaseUser,
    unit: OrganisationUnit | None = None,
    staff_type: str = "",
    job_role: JobRole | None = None,
    framework: Framework | None = None,
    competency: Competency | None = None,
    now: datetime | None = None,
) -> Matrix:
    """The matrix for a viewer. Without a unit the rows are the viewer's top
    units, or, where there is just one, the units right below it. A unit
    outside the viewer's scope is refused (the filter form never offers one)."""
    now = now or timezone.now()
    tops = top_units(user)
    if unit is not None and not within(unit, tops):
        raise PermissionError("unit outside the viewer's scope")
    base = unit if unit is not None else (tops[0] if len(tops) == 1 else None)
    filters = {
        "staff_type": staff_type,
        "job_role": job_role,
        "framework": framework,
        "competency": competency,
    }
    if base is not None:
        children = sorted(base.get_children(), key=lambda u: u.name.casefold())
        units = [*children, base]
        statuses = scoped_statuses(paths=[base.path], **filters)
        counts = cell_counts(statuses, row_prefix(base.depth + 1), now)
        trail = _trail(base, tops, user.is_superuser)
    else:
        units = tops
        statuses = scoped_statuses(paths=[top.path for top in tops], **filters)
        row_key = Case(
            *(
                When(unit__path__startswith=top.path, then=Value(top.path))
                for top in tops
            ),
            output_field=CharField(),
        )
        counts = cell_counts(statuses, row_key, now) if tops else {}
        trail = []
    columns = _columns(counts, competency)
    rows: list[MatrixRow] = []
    totals: dict[int, Cell] = defaultdict(Cell)
    for row_unit in units:
        cells = [
            counts.get((row_unit.path, column.competency.pk), Cell())
            for column in columns
        ]
        direct = row_unit is base
        if direct and all(cell.empty for cell in cells):
            continue  # nobody sits in the chosen unit itself
        rows.append(
            MatrixRow(key=row_unit.path, unit=row_unit, cells=cells, direct=direct)
        )
        for column, cell in zip(columns, cells, strict=True):
            totals[column.competency.pk] += cell
    hide_complements(rows)
    total = MatrixRow(
        key="total",
        unit=base,
        cells=[totals[column.competency.pk] for column in columns],
        total=True,
    )
    people = staff_covered(
        paths=[base.path] if base is not None else [top.path for top in tops],
        staff_type=staff_type,
        job_role=job_role,
    )
    return Matrix(
        base=base,
        trail=trail,
        columns=columns,
        rows=rows,
        total=total,
        people=people,
        now=now,
    )


def matrix_people(
    *,
    user: AbstractBaseUser,
    competency: Competency,
    unit: OrganisationUnit | None = None,
    direct: bool = False,
    staff_type: str = "",
    job_role: JobRole | None = None,
    now: datetime | None = None,
) -> QuerySet[TargetStatus]:
    """The people of one matrix cell, by name: for viewers who may see names
    (the view checks). `direct` keeps only those in the unit itself."""
    now = now or timezone.now()
    tops = top_units(user)
    if unit is not None and not within(unit, tops):
        raise PermissionError("unit outside the viewer's scope")
    paths = [unit.path] if unit is not None else [top.path for top in tops]
    statuses = scoped_statuses(
        paths=paths, staff_type=staff_type, job_role=job_role, competency=competency
    )
    if direct and unit is not None:
        statuses = statuses.filter(unit=unit)
    return (
        statuses.select_related("user", "unit", "job_role")
        .annotate(
            meets_now=Case(
                When(meets_now(now), then=Value(True)),
                default=Value(False),
            )
        )
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def matrix_reference_sql(
    unit_path_prefix: str, row_depth: int, competency_ids: list[int] | None
) -> list[tuple]:
    """The matrix cells as one plain SQL statement, for the benchmark:
    (row path, competency id, people, meeting), sorted. The report's ORM
    query must give the same numbers (tests/reports/test_matrix.py)."""
    status_table = connection.ops.quote_name(TargetStatus._meta.db_table)
    unit_table = connection.ops.quote_name(OrganisationUnit._meta.db_table)
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    params: list = [row_depth * STEPLEN, now, unit_path_prefix + "%"]
    competency_filter = ""
    if competency_ids is not None:
        if not competency_ids:
            return []
        competency_filter = " AND ts.competency_id IN ({})".format(
            ", ".join(["%s"] * len(competency_ids))
        )
        params.extend(competency_ids)
    sql = (
        "SELECT SUBSTR(u.path, 1, %s) AS row_path, ts.competency_id,"  # noqa: S608
        " COUNT(*) AS people,"
        " SUM(CASE WHEN ts.meets AND (ts.valid_until IS NULL OR ts.valid_until > %s)"
        " THEN 1 ELSE 0 END) AS meeting"
        f" FROM {status_table} ts JOIN {unit_table} u ON u.id = ts.unit_id"
        f" WHERE u.path LIKE %s{competency_filter}"
        " GROUP BY 1, 2 ORDER BY 1, 2"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [
            (row, competency_id, int(people), int(meeting or 0))
            for row, competency_id, people, meeting in cursor.fetchall()
        ]
