"""One person's competence record, for an appraisal talk: competences with
level, target, gap and evidence; courses with progress; certificates.

Who sees it: the person, their HR (the person's unit in the viewer's
scope, with the right to see names) and admins; everyone else is told the
record does not exist. What others see is what the organisation needs:

- evidence appears with its kind, level, date and who recorded it, but a
  note only when a rater wrote it (trainer or manager rating, recognised
  prior learning, a review); private notes and reflections (card notes,
  case reflections) are not read here at all;
- of a volunteer, others see the mandatory courses only, the learning
  behind an evidence item only when it belongs to a mandatory course — not
  which voluntary courses they took — and not their self-assessment.

The competences come from lms.competencies (learner_frameworks through the
learner's own presentation), so the record shows exactly the levels the
rules derived for "My competences"."""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from courses.models import CoursePage, Enrolment
from courses.selectors import percent, with_progress
from lms.competencies.learner_selectors import FrameworkCompetences, my_competences
from lms.competencies.models import RATING_SOURCES, EvidenceSource
from lms.people.models import StaffProfile, StaffType

from .access import may_see_names, may_use_reports, report_units
from .compliance import DueState, due_state, expiry_date


def may_view_record(viewer: AbstractBaseUser, person: AbstractBaseUser) -> bool:
    if not viewer.is_authenticated:
        return False
    if viewer.pk == person.pk or viewer.is_superuser:
        return True
    if not (may_use_reports(viewer) and may_see_names(viewer)):
        return False
    return StaffProfile.objects.filter(
        user=person, unit__in=report_units(viewer)
    ).exists()


@dataclass
class CourseLine:
    course: CoursePage
    mandatory: bool
    percent: int
    enrolled_at: datetime
    completed_at: datetime | None
    due_date: date | None
    valid_until: date | None
    state: str  # a DueState, or ""

    @property
    def state_label(self) -> str:
        return str(DueState.LABELS[self.state]) if self.state else ""


@dataclass
class Record:
    person: AbstractBaseUser
    profile: StaffProfile | None
    is_self: bool
    restricted: bool  # a volunteer seen by someone else
    frameworks: list[FrameworkCompetences]
    courses: list[CourseLine] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.person.get_full_name() or self.person.get_username()

    @property
    def certificates(self) -> list[CourseLine]:
        return [line for line in self.courses if line.completed_at]


def _courses(person: AbstractBaseUser, mandatory_only: bool) -> list[CourseLine]:
    enrolments = Enrolment.objects.filter(user=person, course=OuterRef("pk"))
    courses = with_progress(CoursePage.objects.all(), person).filter(Exists(enrolments))
    if mandatory_only:
        courses = courses.filter(mandatory=True)
    courses = courses.annotate(
        enrolled_at=Subquery(enrolments.values("enrolled_at")[:1]),
        completed_at=Subquery(enrolments.values("completed_at")[:1]),
        due_date=Subquery(enrolments.values("assignment__due_date")[:1]),
    ).order_by("-mandatory", "title")
    lines = []
    for course in courses:
        state = ""
        if course.mandatory:
            state = due_state(
                completed_at=course.completed_at,
                months=course.recertification_months,
                due_date=course.due_date,
            )
        lines.append(
            CourseLine(
                course=course,
                mandatory=course.mandatory,
                percent=percent(course.completed_count, course.lesson_count),
                enrolled_at=course.enrolled_at,
                completed_at=course.completed_at,
                due_date=course.due_date,
                valid_until=expiry_date(
                    course.completed_at, course.recertification_months
                ),
                state=state,
            )
        )
    return lines


def _mandatory_paths() -> list[str]:
    return list(
        CoursePage.objects.filter(mandatory=True).values_list("path", flat=True)
    )


def _prepare_evidence(frameworks: list[FrameworkCompetences], record: Record) -> None:
    """Decide per evidence item what this viewer sees of it: the rater's
    note, and the learning it came from."""
    mandatory_paths = _mandatory_paths() if record.restricted else []
    for framework in frameworks:
        for competence in framework.competences:
            if record.restricted:
                # A volunteer's own view of themselves is theirs.
                competence.self_level = None
                competence.evidence = [
                    line
                    for line in competence.evidence
                    if line.evidence.source != EvidenceSource.SELF
                ]
            for line in competence.evidence:
                item = line.evidence
                line.note = item.note if item.source in RATING_SOURCES else ""
                page = item.page
                if page is not None and record.restricted:
                    if not any(page.path.startswith(p) for p in mandatory_paths):
                        page = None
                line.page = page


def individual_record(viewer: AbstractBaseUser, person: AbstractBaseUser) -> Record:
    """The record as `viewer` may see it (call may_view_record first)."""
    profile = (
        StaffProfile.objects.filter(user=person)
        .select_related("unit", "job_role")
        .first()
    )
    is_self = viewer.pk == person.pk
    restricted = (
        not is_self
        and profile is not None
        and profile.staff_type == StaffType.VOLUNTEER
    )
    frameworks = my_competences(person)
    record = Record(
        person=person,
        profile=profile,
        is_self=is_self,
        restricted=restricted,
        frameworks=frameworks,
        courses=_courses(person, mandatory_only=restricted),
    )
    _prepare_evidence(frameworks, record)
    return record


def record_header() -> list[str]:
    return [
        _("Section"),
        _("Framework or course"),
        _("Competency or evidence"),
        _("Level"),
        _("Target"),
        _("Gap"),
        _("Progress (%)"),
        _("Date"),
        _("Details"),
    ]


def _day(moment) -> str:
    if moment is None:
        return ""
    if isinstance(moment, datetime):
        moment = timezone.localdate(moment)
    return moment.isoformat()


def _recorded_by(item) -> str:
    if item.recorded_by is None:
        return _("Recorded automatically")
    name = item.recorded_by.get_full_name() or item.recorded_by.get_username()
    return _("Recorded by %(name)s") % {"name": name}


def record_rows(record: Record) -> Iterator[list]:
    """The record as rows for CSV and XLSX, with the same privacy as the page."""
    for framework in record.frameworks:
        for competence in framework.competences:
            row = competence.row
            level = competence.level
            target = competence.target
            yield [
                _("Competence"),
                framework.title,
                str(competence.competency),
                f"{level.value} · {level.name}" if level else "",
                f"{target.value} · {target.name}" if target else "",
                row.gap if row.target is not None else "",
                "",
                _day(competence.valid_until),
                "",
            ]
            for line in competence.evidence:
                item = line.evidence
                details = [item.get_source_display(), _recorded_by(item)]
                if line.page is not None:
                    details.append(line.page.title)
                if line.note:
                    details.append(line.note)
                yield [
                    _("Evidence"),
                    framework.title,
                    str(competence.competency),
                    f"{line.level.value} · {line.level.name}"
                    if line.level
                    else str(item.level),
                    "",
                    "",
                    "",
                    _day(item.recorded_at),
                    " · ".join(details),
                ]
    for line in record.courses:
        details = [_("mandatory") if line.mandatory else _("voluntary")]
        if line.state_label:
            details.append(line.state_label)
        if line.valid_until:
            details.append(
                _("valid until %(date)s") % {"date": line.valid_until.isoformat()}
            )
        yield [
            _("Course"),
            line.course.title,
            "",
            "",
            "",
            "",
            line.percent,
            _day(line.completed_at),
            " · ".join(details),
        ]
