"""Compliance with mandatory courses: who completed them, who is on the way,
who is late, and who will be soon — per organisation unit, and as a list of
the people due.

Who counts: every enrolment in a live mandatory course (`CoursePage.mandatory`)
of a person whose staff profile lies in the viewer's units (HR: their managed
units and below; admins: all), narrowed by the report filters (unit subtree,
staff type, job role, course; the date range selects enrolments that *began*
in it, so that "the people assigned in spring" is a filter). Assignments
enrol everyone they reach, so the enrolments are the people who must take
the course.

Each enrolment is in exactly one of these states (they add up to the people):

- **completed**: completed, and the completion is still valid — the course
  has no recertification interval, or the completion is younger than it;
- **expired**: completed, but the recertification interval has run out
  (`completed_at` + `recertification_months` < now, computed as
  `completed_at` < now - interval, calendar months, one cutoff per course);
- **in progress**: not completed, with progress in at least one lesson of
  the course;
- **not started**: not completed, no lesson progress.

And across them:

- **overdue** = expired, OR not completed and the assignment's due date has
  passed (`due_date` < today);
- **due soon** = a valid completion that expires within
  settings.REPORT_DUE_WITHIN_DAYS, OR not completed and the due date falls
  within them (today ≤ `due_date` ≤ today + N days). Overdue and due soon
  never overlap.

Groups of fewer than settings.REPORT_MIN_CELL people are shown as "< 5";
where a single row of a table is that small, the next smallest row is
hidden too, so that the total minus the shown rows does not reveal it.

Everything is counted by the database: one grouped query over the
enrolments (conditional counts, an EXISTS over lesson progress), grouped by
the unit path prefix of the row a person belongs to; "not started" is what
is left of the people after the other three states. The date arithmetic of
the recertification is done in Python once per course (courses are few), so
the query compares `completed_at` to plain timestamps on SQLite and
PostgreSQL alike. People are never loaded into Python for the table; the
list of people due is a paginated query, and its export streams from a
database cursor."""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.db import connection, transaction
from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from courses.models import CoursePage, Enrolment, LessonPage, LessonProgress
from lms.competencies.services import add_months
from lms.people.models import OrganisationUnit, StaffProfile, StaffType

from .access import is_suppressed, min_cell, report_units
from .matrix import top_units
from .models import ReminderLog

UNIT_PATH = "user__profile__unit__path"


class DueState:
    """Why someone is on the list of people due."""

    EXPIRED = "expired"
    OVERDUE = "overdue"
    EXPIRING = "expiring"
    DUE_SOON = "due_soon"

    LABELS = {
        EXPIRED: gettext_lazy("Overdue: completion expired"),
        OVERDUE: gettext_lazy("Overdue: due date passed"),
        EXPIRING: gettext_lazy("Due soon: completion expires"),
        DUE_SOON: gettext_lazy("Due soon: due date ahead"),
    }
    OVERDUE_STATES = (EXPIRED, OVERDUE)


# The `state` query parameter of the list of people due.
LIST_STATES = ("overdue", "soon")


def mandatory_courses(course: CoursePage | None = None) -> list[CoursePage]:
    courses = CoursePage.objects.live().filter(mandatory=True).order_by("title")
    if course is not None:
        courses = courses.filter(pk=course.pk)
    return list(courses)


# --- the conditions -------------------------------------------------------------


def _any(conditions: list[Q]) -> Q:
    """OR of the conditions; a condition that is never true when there are none."""
    result = Q(pk__isnull=True)
    for condition in conditions:
        result |= condition
    return result


def _lesson_ids(courses: list[CoursePage]) -> dict[int, list[int]]:
    """{course id: ids of its lessons}, in one query."""
    if not courses:
        return {}
    condition = Q(pk__in=[])
    for course in courses:
        condition |= Q(path__startswith=course.path)
    found: dict[int, list[int]] = {}
    for lesson_id, path in LessonPage.objects.filter(condition).values_list(
        "pk", "path"
    ):
        for course in courses:
            if path.startswith(course.path):
                found.setdefault(course.pk, []).append(lesson_id)
    return found


class Conditions:
    """The states above as Q objects over Enrolment, for one moment."""

    def __init__(self, courses: list[CoursePage], now: datetime | None = None):
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        days = settings.REPORT_DUE_WITHIN_DAYS
        self.soon_day = self.today + timedelta(days=days)
        soon_moment = self.now + timedelta(days=days)
        expired, expiring = [], []
        for course in courses:
            months = course.recertification_months
            if not months:
                continue
            cutoff = add_months(self.now, -months)
            soon_cutoff = add_months(soon_moment, -months)
            expired.append(Q(course_id=course.pk, completed_at__lt=cutoff))
            expiring.append(
                Q(
                    course_id=course.pk,
                    completed_at__gte=cutoff,
                    completed_at__lt=soon_cutoff,
                )
            )
        done = Q(completed_at__isnull=False)
        still_open = Q(completed_at__isnull=True)
        self.expired = done & _any(expired)
        self.completed = done & ~_any(expired)
        self.expiring = done & _any(expiring)
        self.late = still_open & Q(assignment__due_date__lt=self.today)
        self.due_ahead = still_open & Q(
            assignment__due_date__gte=self.today,
            assignment__due_date__lte=self.soon_day,
        )
        self.courses = courses
        self.overdue = self.expired | self.late
        self.due_soon = self.expiring | self.due_ahead

    @cached_property
    def in_progress(self) -> Q:
        """Not completed, with progress in a lesson of the enrolment's own
        course. The lessons of each course are looked up once (one query,
        only when this is asked for), so the EXISTS is a probe of the
        (user, lesson) index with no join to the page tree."""
        started = []
        for course_id, lesson_ids in _lesson_ids(self.courses).items():
            progress = LessonProgress.objects.filter(
                user_id=OuterRef("user_id"), lesson_id__in=lesson_ids
            )
            started.append(Q(course_id=course_id) & Exists(progress))
        return Q(completed_at__isnull=True) & _any(started)

    def state(self) -> Case:
        return Case(
            When(self.expired, then=Value(DueState.EXPIRED)),
            When(self.late, then=Value(DueState.OVERDUE)),
            When(self.expiring, then=Value(DueState.EXPIRING)),
            When(self.due_ahead, then=Value(DueState.DUE_SOON)),
            default=Value(""),
            output_field=CharField(),
        )


def due_state(
    *,
    completed_at: datetime | None,
    months: int | None,
    due_date: date | None,
    now: datetime | None = None,
) -> str:
    """The same states for one enrolment in Python (for a reminder's text,
    the individual record); "" when neither overdue nor due soon."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    days = settings.REPORT_DUE_WITHIN_DAYS
    if completed_at:
        if not months:
            return ""
        if completed_at < add_months(now, -months):
            return DueState.EXPIRED
        if completed_at < add_months(now + timedelta(days=days), -months):
            return DueState.EXPIRING
        return ""
    if due_date is None:
        return ""
    if due_date < today:
        return DueState.OVERDUE
    if due_date <= today + timedelta(days=days):
        return DueState.DUE_SOON
    return ""


def enrolment_state(enrolment: Enrolment, now: datetime | None = None) -> str:
    return due_state(
        completed_at=enrolment.completed_at,
        months=enrolment.course.recertification_months,
        due_date=enrolment.assignment.due_date if enrolment.assignment_id else None,
        now=now,
    )


def expiry_date(completed_at: datetime | None, months: int | None) -> date | None:
    if completed_at is None or not months:
        return None
    return timezone.localdate(add_months(completed_at, months))


# --- who is counted -------------------------------------------------------------


def enrolments_in_scope(
    viewer: AbstractBaseUser,
    filters: dict,
    courses: list[CoursePage],
) -> QuerySet[Enrolment]:
    """The enrolments counted: these courses, people in the viewer's units
    (or the chosen unit's subtree, which the filter form keeps in scope)."""
    enrolments = Enrolment.objects.filter(course_id__in=[c.pk for c in courses])
    unit = filters.get("unit")
    if unit is not None:
        enrolments = enrolments.filter(**{f"{UNIT_PATH}__startswith": unit.path})
    elif not viewer.is_superuser:
        enrolments = enrolments.filter(user__profile__unit__in=report_units(viewer))
    else:
        enrolments = enrolments.filter(user__profile__isnull=False)
    if filters.get("staff_type"):
        enrolments = enrolments.filter(user__profile__staff_type=filters["staff_type"])
    if filters.get("job_role"):
        enrolments = enrolments.filter(user__profile__job_role=filters["job_role"])
    if filters.get("date_from"):
        enrolments = enrolments.filter(enrolled_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        enrolments = enrolments.filter(enrolled_at__date__lte=filters["date_to"])
    return enrolments


# --- the table -------------------------------------------------------------------


@dataclass
class Cell:
    """One unit and course: the counts, or nothing when the group is too small."""

    people: int = 0
    completed: int = 0
    in_progress: int = 0
    not_started: int = 0
    expired: int = 0
    overdue: int = 0
    due_soon: int = 0

    FIELDS = (
        "people",
        "completed",
        "in_progress",
        "not_started",
        "expired",
        "overdue",
        "due_soon",
    )

    def add(self, other: "Cell") -> None:
        for name in self.FIELDS:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    # Hidden although big enough: the one row that would otherwise give away
    # a small group's numbers as "total minus the others".
    hidden: bool = False

    @property
    def suppressed(self) -> bool:
        return self.hidden or is_suppressed(self.people)

    def share(self, name: str) -> int:
        return round(100 * getattr(self, name) / self.people) if self.people else 0

    @property
    def completed_share(self) -> int:
        return self.share("completed")

    @property
    def overdue_share(self) -> int:
        return self.share("overdue")


@dataclass
class UnitRow:
    """A row of the table: a child unit with everything below it, or (with
    `direct`) the people of the chosen unit itself."""

    unit: OrganisationUnit
    direct: bool = False
    cells: dict[int, Cell] = field(default_factory=dict)

    @property
    def drillable(self) -> bool:
        return not self.direct and self.unit.numchild > 0


@dataclass
class CourseTable:
    course: CoursePage
    rows: list[tuple[UnitRow, Cell]]
    total: Cell


@dataclass
class ComplianceTable:
    unit: OrganisationUnit | None  # the unit whose children are the rows
    trail: list[OrganisationUnit]  # its ancestors in the viewer's scope, and it
    courses: list[CoursePage]
    rows: list[UnitRow]
    totals: dict[int, Cell]
    people: int  # distinct people counted (for the audit log)

    @property
    def by_course(self) -> list[CourseTable]:
        return [
            CourseTable(
                course=course,
                rows=[(row, row.cells[course.pk]) for row in self.rows],
                total=self.totals[course.pk],
            )
            for course in self.courses
        ]


def _row_units(
    viewer: AbstractBaseUser, unit: OrganisationUnit | None
) -> tuple[OrganisationUnit | None, list[UnitRow], object]:
    """The unit the rows lie under, the rows, and the expression that gives
    each enrolment the path of its row."""
    if unit is None:
        tops = top_units(viewer)
        if len(tops) == 1:
            unit = tops[0]
        else:
            rows = [UnitRow(unit=top) for top in tops]
            group = Case(
                *(
                    When(**{f"{UNIT_PATH}__startswith": top.path}, then=Value(top.path))
                    for top in tops
                ),
                default=Value(""),
                output_field=CharField(),
            )
            return None, rows, group
    children = sorted(unit.get_children(), key=lambda u: u.name.casefold())
    rows = [*(UnitRow(unit=c) for c in children), UnitRow(unit=unit, direct=True)]
    # A child's path is its parent's plus one step: the prefix of that length
    # names the child; people of the unit itself have the unit's own path.
    group = Substr(UNIT_PATH, 1, unit.steplen * (unit.depth + 1))
    return unit, rows, group


def compliance_table(viewer: AbstractBaseUser, filters: dict) -> ComplianceTable:
    """The unit-by-course counts, in a fixed number of queries."""
    courses = mandatory_courses(filters.get("course"))
    unit, rows, group = _row_units(viewer, filters.get("unit"))
    conditions = Conditions(courses)
    enrolments = enrolments_in_scope(viewer, filters, courses)
    counted = (
        enrolments.annotate(row_path=group)
        .values("row_path", "course_id")
        .annotate(
            people=Count("pk"),
            completed=Count("pk", filter=conditions.completed),
            in_progress=Count("pk", filter=conditions.in_progress),
            expired=Count("pk", filter=conditions.expired),
            overdue=Count("pk", filter=conditions.overdue),
            due_soon=Count("pk", filter=conditions.due_soon),
        )
        .order_by()
    )
    by_path = {row.unit.path: row for row in rows}
    for row in rows:
        row.cells = {course.pk: Cell() for course in courses}
    with _without_jit():
        counted = list(counted)
    for values in counted:
        row = by_path.get(values["row_path"])
        if row is None:  # cannot happen: the scope filter matches the rows
            continue
        counts = {name: values[name] for name in Cell.FIELDS if name in values}
        # The four states split the people; the last one is what is left
        # (one EXISTS per row instead of two).
        counts["not_started"] = (
            counts["people"]
            - counts["completed"]
            - counts["expired"]
            - counts["in_progress"]
        )
        row.cells[values["course_id"]] = Cell(**counts)
    totals = {course.pk: Cell() for course in courses}
    for row in rows:
        for course_id, cell in row.cells.items():
            totals[course_id].add(cell)
    # The unit's own people get a row only when there are any.
    rows = [
        row
        for row in rows
        if not row.direct or any(cell.people for cell in row.cells.values())
    ]
    for course in courses:
        _hide_complement([row.cells[course.pk] for row in rows])
    people = _people_count(viewer, filters, courses)
    return ComplianceTable(
        unit=unit,
        trail=_trail(viewer, unit),
        courses=courses,
        rows=rows,
        totals=totals,
        people=people,
    )


@contextmanager
def _without_jit():
    """PostgreSQL compiles queries that look expensive to machine code (JIT)
    before running them. This aggregate looks expensive to the planner (an
    EXISTS per enrolment) but runs in a few hundred milliseconds; at 100,000
    staff compiling it took 0.4 s, longer than running it. SET LOCAL keeps
    the change to this one transaction."""
    if connection.vendor != "postgresql" or connection.pg_version < 110000:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def _people_count(
    viewer: AbstractBaseUser, filters: dict, courses: list[CoursePage]
) -> int:
    """How many different people the table counts (for the audit log): the
    profiles in scope with an enrolment counted — a semi-join, several
    times cheaper than a DISTINCT over the enrolments."""
    if not courses:
        return 0
    profiles = StaffProfile.objects.all()
    unit = filters.get("unit")
    if unit is not None:
        profiles = profiles.filter(unit__path__startswith=unit.path)
    elif not viewer.is_superuser:
        profiles = profiles.filter(unit__in=report_units(viewer))
    if filters.get("staff_type"):
        profiles = profiles.filter(staff_type=filters["staff_type"])
    if filters.get("job_role"):
        profiles = profiles.filter(job_role=filters["job_role"])
    enrolments = Enrolment.objects.filter(
        user_id=OuterRef("user_id"), course_id__in=[c.pk for c in courses]
    )
    if filters.get("date_from"):
        enrolments = enrolments.filter(enrolled_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        enrolments = enrolments.filter(enrolled_at__date__lte=filters["date_to"])
    return profiles.filter(Exists(enrolments)).count()


def _hide_complement(cells: list[Cell]) -> None:
    """Where exactly one row is too small to show, the total minus the other
    rows would show it anyway; hide the next smallest row as well, so that
    only the sum of the two can be worked out."""
    small = [cell for cell in cells if cell.suppressed]
    if len(small) != 1:
        return
    shown = [cell for cell in cells if cell.people and not cell.suppressed]
    if shown:
        min(shown, key=lambda cell: cell.people).hidden = True


def _trail(
    viewer: AbstractBaseUser, unit: OrganisationUnit | None
) -> list[OrganisationUnit]:
    """The way down to the unit shown, from the top of the viewer's scope."""
    if unit is None:
        return []
    paths = unit.ancestor_paths()
    ancestors = report_units(viewer).filter(path__in=paths) if paths else []
    return [*sorted(ancestors, key=lambda u: u.path), unit]


def table_header() -> list[str]:
    return [
        _("Course"),
        _("Organisation unit"),
        _("People"),
        _("Completed"),
        _("In progress"),
        _("Not started"),
        _("Overdue"),
        _("Due soon"),
    ]


def row_label(row: UnitRow) -> str:
    if row.direct:
        return _("Directly in %(unit)s") % {"unit": row.unit.name}
    return row.unit.name


def suppressed_text() -> str:
    return f"< {min_cell()}"


def table_rows(table: ComplianceTable) -> Iterator[list]:
    """The export: the same numbers as the page, small groups as "< 5"."""
    hidden = suppressed_text()
    for course_table in table.by_course:
        lines = [(row_label(row), cell) for row, cell in course_table.rows]
        lines.append((_("Total"), course_table.total))
        for label, cell in lines:
            numbers = [
                cell.people,
                cell.completed,
                cell.in_progress,
                cell.not_started,
                cell.overdue,
                cell.due_soon,
            ]
            if cell.suppressed:
                numbers = [hidden] * len(numbers)
            yield [course_table.course.title, label, *numbers]


def reminder_candidates(viewer: AbstractBaseUser, ids: set[int]) -> list[Enrolment]:
    """The enrolments among `ids` a reminder may be about: a live mandatory
    course of someone in the viewer's units. Anything else is left out."""
    courses = mandatory_courses()
    enrolments = Enrolment.objects.filter(
        pk__in=ids, course_id__in=[c.pk for c in courses]
    ).select_related("user", "course")
    if not viewer.is_superuser:
        enrolments = enrolments.filter(user__profile__unit__in=report_units(viewer))
    return list(enrolments.order_by("pk"))


# --- the people due --------------------------------------------------------------

DUE_FIELDS = (
    "pk",
    "user_id",
    "user__first_name",
    "user__last_name",
    "user__username",
    "user__profile__unit__name",
    "user__profile__staff_type",
    "course_id",
    "course__title",
    "course__recertification_months",
    "completed_at",
    "assignment__due_date",
    "state",
    "last_reminder",
)


def due_enrolments(
    viewer: AbstractBaseUser, filters: dict, state: str = ""
) -> QuerySet:
    """The enrolments of people overdue or due soon (`state`: "overdue",
    "soon" or both), as plain values, overdue first."""
    courses = mandatory_courses(filters.get("course"))
    conditions = Conditions(courses)
    if state == "overdue":
        wanted = conditions.overdue
    elif state == "soon":
        wanted = conditions.due_soon
    else:
        wanted = conditions.overdue | conditions.due_soon
    last_reminder = (
        ReminderLog.objects.filter(
            user_id=OuterRef("user_id"), course_id=OuterRef("course_id")
        )
        .order_by("-sent_at")
        .values("sent_at")[:1]
    )
    return (
        enrolments_in_scope(viewer, filters, courses)
        .filter(wanted)
        .annotate(state=conditions.state(), last_reminder=Subquery(last_reminder))
        .annotate(
            urgency=Case(
                When(state__in=DueState.OVERDUE_STATES, then=Value(0)),
                default=Value(1),
            )
        )
        .order_by(
            "urgency",
            "user__last_name",
            "user__first_name",
            "user__username",
            "course__title",
            "pk",
        )
        .values(*DUE_FIELDS)
    )


def due_people_count(queryset: QuerySet) -> int:
    """How many different people a list of people due names (for the audit
    log of a download)."""
    return queryset.order_by().values("user_id").distinct().count()


@dataclass
class DueLine:
    """One row of the list of people due, ready to show."""

    enrolment_id: int
    user_id: int
    name: str
    unit: str
    staff_type: str
    course_id: int
    course: str
    state: str
    state_label: str
    date: date | None
    last_reminder: datetime | None

    @property
    def overdue(self) -> bool:
        return self.state in DueState.OVERDUE_STATES


def due_line(values: dict, labels: dict | None = None) -> DueLine:
    labels = labels or _labels()
    state = values["state"]
    if state in (DueState.EXPIRED, DueState.EXPIRING):
        when = expiry_date(
            values["completed_at"], values["course__recertification_months"]
        )
    else:
        when = values["assignment__due_date"]
    name = " ".join(
        part for part in (values["user__first_name"], values["user__last_name"]) if part
    )
    return DueLine(
        enrolment_id=values["pk"],
        user_id=values["user_id"],
        name=name or values["user__username"],
        unit=values["user__profile__unit__name"],
        staff_type=labels["staff"].get(values["user__profile__staff_type"], ""),
        course_id=values["course_id"],
        course=values["course__title"],
        state=state,
        state_label=labels["state"].get(state, ""),
        date=when,
        last_reminder=values["last_reminder"],
    )


def _labels() -> dict:
    """Translated once, before a streamed export leaves the request's language."""
    return {
        "state": {key: str(label) for key, label in DueState.LABELS.items()},
        "staff": {key: str(label) for key, label in StaffType.choices},
    }


def due_header() -> list[str]:
    return [
        _("Name"),
        _("Username"),
        _("Organisation unit"),
        _("Staff type"),
        _("Course"),
        _("State"),
        _("Due or expiry date"),
        _("Last reminder"),
    ]


def due_rows(queryset: QuerySet) -> Iterator[list]:
    """The full list for a download, read through a database cursor so that
    memory stays flat however long the list is."""
    labels = _labels()
    for values in queryset.iterator(chunk_size=2000):
        line = due_line(values, labels)
        yield [
            line.name,
            values["user__username"],
            line.unit,
            line.staff_type,
            line.course,
            line.state_label,
            line.date.isoformat() if line.date else "",
            timezone.localtime(line.last_reminder).strftime("%Y-%m-%d %H:%M")
            if line.last_reminder
            else "",
        ]
