"""Writes about enrolment and progress.

Progress can also arrive late: offline sync replays a learner's actions with
the time they happened (`occurred_at`), in whatever order the devices send
them. Those writes keep the earliest completion and the earliest and latest
visit, so the summary rows end the same whatever order the facts arrive in.
Without `occurred_at` everything happens now, as before."""

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q, Value
from django.db.models.functions import Greatest, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from content.blocks import activity_blocks
from lms.competencies.models import EvidenceSource
from lms.people.models import OrganisationUnit, StaffProfile
from lms.people.selectors import profiles_reached
from lms.response_cache.versions import people_changed

from . import competency_evidence
from .models import (
    ActivityAttempt,
    CourseAssignment,
    CoursePage,
    Enrolment,
    EnrolmentSource,
    LessonPage,
    LessonProgress,
)
from .selectors import (
    activity_completions,
    completed_activity_ids,
    course_of,
    live_lesson_count,
)

# A learner's repeated visits to one lesson are recorded at most this often.
VISIT_RECORD_SECONDS = 60


def enrolment_create(
    *,
    user: AbstractBaseUser,
    course: CoursePage,
    source: str,
    assignment: CourseAssignment | None = None,
) -> Enrolment:
    """Enrol once; a second call returns the existing enrolment unchanged."""
    existing = Enrolment.objects.filter(user=user, course=course).first()
    if existing:
        return existing
    enrolment = Enrolment(
        user=user, course=course, source=source, assignment=assignment
    )
    enrolment.full_clean()
    try:
        with transaction.atomic():
            enrolment.save()
    except IntegrityError:  # a concurrent request enrolled first
        return Enrolment.objects.get(user=user, course=course)
    return enrolment


def course_self_enrol(*, user: AbstractBaseUser, course: CoursePage) -> Enrolment:
    staff_type = getattr(getattr(user, "profile", None), "staff_type", None)
    if not course.live or not course.self_enrolment:
        raise PermissionDenied(
            _("This course is assigned by HR; you cannot enrol yourself.")
        )
    if not course.is_open_to(staff_type):
        raise PermissionDenied(_("This course is not open to your staff type."))
    return enrolment_create(user=user, course=course, source=EnrolmentSource.SELF)


@transaction.atomic
def assignment_apply(*, assignment: CourseAssignment) -> int:
    """Enrol everyone the assignment matches now; returns how many were new."""
    reached = profiles_reached(
        unit=assignment.unit,
        include_subunits=assignment.include_subunits,
        staff_type=assignment.staff_type,
    )
    user_ids = set(reached.values_list("user_id", flat=True))
    already = set(
        Enrolment.objects.filter(
            course=assignment.course, user_id__in=user_ids
        ).values_list("user_id", flat=True)
    )
    new = [
        Enrolment(
            user_id=user_id,
            course=assignment.course,
            source=EnrolmentSource.ASSIGNMENT,
            assignment=assignment,
        )
        for user_id in sorted(user_ids - already)
    ]
    Enrolment.objects.bulk_create(new, ignore_conflicts=True, batch_size=1000)
    people_changed(enrolment.user_id for enrolment in new)  # no signal from bulk
    return len(new)


@transaction.atomic
def assignment_create(
    *,
    course: CoursePage,
    created_by: AbstractBaseUser,
    unit: OrganisationUnit | None = None,
    staff_type: str = "",
    include_subunits: bool = True,
    due_date=None,
) -> tuple[CourseAssignment, int]:
    if unit is None and not staff_type and not created_by.is_superuser:
        raise ValidationError(_("Choose an organisation unit or a staff type."))
    assignment = CourseAssignment(
        course=course,
        unit=unit,
        staff_type=staff_type,
        include_subunits=include_subunits,
        due_date=due_date,
        created_by=created_by,
    )
    assignment.full_clean()
    assignment.save()
    return assignment, assignment_apply(assignment=assignment)


def assignments_matching(profile: StaffProfile):
    """Assignments that reach this person: their unit, an ancestor's with
    sub-units, or the whole organisation; and their staff type or any."""
    ancestor_paths = profile.unit.ancestor_paths(include_self=True)
    return CourseAssignment.objects.filter(
        Q(unit__isnull=True)
        | Q(unit=profile.unit)
        | Q(include_subunits=True, unit__path__in=ancestor_paths),
        Q(staff_type="") | Q(staff_type=profile.staff_type),
    ).select_related("course")


def enrol_by_assignments(*, profile: StaffProfile) -> int:
    count = 0
    for assignment in assignments_matching(profile):
        enrolment = enrolment_create(
            user=profile.user,
            course=assignment.course,
            source=EnrolmentSource.ASSIGNMENT,
            assignment=assignment,
        )
        count += enrolment.assignment_id == assignment.pk
    return count


def _visit_times_merge(
    progress: LessonProgress, occurred_at: datetime, *, created: bool
) -> None:
    """Widen the row's first and last visit to include `occurred_at`; a new
    row starts at it (the database works out the bounds, so two devices
    reporting at once cannot undo each other)."""
    first = occurred_at if created else min(progress.first_visited_at, occurred_at)
    last = max(progress.last_visited_at, occurred_at)
    if (first, last) == (progress.first_visited_at, progress.last_visited_at):
        return
    LessonProgress.objects.filter(pk=progress.pk).update(
        first_visited_at=(
            Value(occurred_at) if created else Least("first_visited_at", Value(first))
        ),
        last_visited_at=Greatest("last_visited_at", Value(last)),
    )
    progress.first_visited_at, progress.last_visited_at = first, last


def lesson_visit(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    occurred_at: datetime | None = None,
) -> LessonProgress:
    now = occurred_at or timezone.now()
    progress, created = LessonProgress.objects.get_or_create(
        user=user, lesson=lesson, defaults={"last_visited_at": now}
    )
    if occurred_at is not None:
        _visit_times_merge(progress, occurred_at, created=created)
    elif not created:
        LessonProgress.objects.filter(pk=progress.pk).update(last_visited_at=now)
        progress.last_visited_at = now
    return progress


def lesson_visit_record(
    *, user: AbstractBaseUser, lesson: LessonPage, first: datetime, last: datetime
) -> None:
    """The learner was in the lesson at times from `first` to `last`, reported
    late (offline sync): widen the row's visit times to include them. One
    statement when the row exists."""
    widened = LessonProgress.objects.filter(user=user, lesson=lesson).update(
        first_visited_at=Least("first_visited_at", Value(first)),
        last_visited_at=Greatest("last_visited_at", Value(last)),
    )
    if not widened:
        progress = lesson_visit(user=user, lesson=lesson, occurred_at=first)
        _visit_times_merge(progress, last, created=False)


@transaction.atomic
def lesson_complete(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    occurred_at: datetime | None = None,
) -> LessonProgress:
    """Mark a lesson done (idempotent) and complete the course when it was the last.

    A completion reported late but done before the one on record moves the
    completion back: the lesson was done when it was first done. Its evidence
    keeps the time it was recorded with. Completing is a visit; other visits
    reported late are the caller's to record (`lesson_visit_record`).

    Two tabs (or devices) completing at once: the row is inserted if missing,
    as the transaction's first statement, and then read locked. The second
    writer waits for the first to commit (PostgreSQL's unique index, SQLite's
    write lock, which a transaction that read first could not wait for) and
    then finds the lesson complete, so it completes once and neither fails."""
    now = occurred_at or timezone.now()
    LessonProgress.objects.bulk_create(
        [LessonProgress(user=user, lesson=lesson, last_visited_at=now)],
        ignore_conflicts=True,
    )
    progress = LessonProgress.objects.select_for_update().get(user=user, lesson=lesson)
    if progress.completed_at is None:
        progress.completed_at = now
        progress.progress = 1.0
        progress.first_visited_at = min(progress.first_visited_at, now)
        progress.last_visited_at = max(progress.last_visited_at, now)
        progress.save(
            update_fields=[
                "completed_at",
                "progress",
                "first_visited_at",
                "last_visited_at",
            ]
        )
        course = course_of(lesson)
        competency_evidence.lesson_completed(
            user=user, lesson=lesson, course=course, occurred_at=occurred_at
        )
        course_completion_update(user=user, course=course, occurred_at=occurred_at)
    elif occurred_at is not None and occurred_at < progress.completed_at:
        progress.completed_at = occurred_at
        progress.first_visited_at = min(progress.first_visited_at, occurred_at)
        progress.save(update_fields=["completed_at", "first_visited_at"])
        course_completion_update(
            user=user, course=course_of(lesson), occurred_at=occurred_at
        )
    return progress


def course_completion_update(
    *,
    user: AbstractBaseUser,
    course: CoursePage,
    occurred_at: datetime | None = None,
) -> bool:
    """Stamp the enrolment complete once every live lesson is complete.

    For progress reported late (`occurred_at`), the course was complete when
    its last lesson was, so the stamp is the latest lesson completion, and it
    moves back when a lesson turns out to have been done earlier."""
    total = live_lesson_count(course)
    done_rows = LessonProgress.objects.filter(
        user=user,
        completed_at__isnull=False,
        lesson__live=True,
        lesson__path__startswith=course.path,
    )
    if occurred_at is None:
        done, last = done_rows.count(), None
    else:
        counted = done_rows.aggregate(done=Count("pk"), last=Max("completed_at"))
        done, last = counted["done"], counted["last"]
    if total and done >= total:
        enrolment = Enrolment.objects.filter(user=user, course=course)
        stamped = enrolment.filter(completed_at__isnull=True).update(
            completed_at=last or timezone.now()
        )
        if stamped:
            competency_evidence.learning_completed(
                user=user, page=course, course=course, occurred_at=last
            )
        elif last is not None:
            enrolment.filter(completed_at__gt=last).update(completed_at=last)
        return bool(stamped)
    return False


@transaction.atomic
def activity_complete(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    block_id: str,
    evidence_source: str = EvidenceSource.ACTIVITY,
    occurred_at: datetime | None = None,
) -> LessonProgress:
    """Record a completed (for scored activities: passed) activity, with
    evidence for the competencies it develops; the lesson completes with its
    last activity. A team session passes `evidence_source=team_session`.

    With `occurred_at` (offline sync) the attempt carries that time, and the
    lesson counts as complete from the moment its last required activity was
    first completed, which need not be this one when reports arrive late."""
    if block_id not in {block.id for block in activity_blocks(lesson.body)}:
        raise ValidationError(_("This activity does not exist in this lesson."))
    activity_ids = lesson.activity_ids()  # the required ones
    attempt = ActivityAttempt.objects.create(
        user=user, lesson=lesson, block_id=block_id, completed=True
    )
    if occurred_at is not None:
        ActivityAttempt.objects.filter(pk=attempt.pk).update(created_at=occurred_at)
    competency_evidence.activity_passed(
        user=user,
        lesson=lesson,
        course=course_of(lesson),
        block_id=block_id,
        source=evidence_source,
        occurred_at=occurred_at,
    )
    if occurred_at is None:
        done = completed_activity_ids(user, lesson) & set(activity_ids)
    else:
        first_done = activity_completions(user, lesson)
        done = set(first_done) & set(activity_ids)
    if len(done) == len(activity_ids) and block_id in activity_ids:
        finished_at = None
        if occurred_at is not None:
            finished_at = max(first_done[activity_id] for activity_id in activity_ids)
        return lesson_complete(user=user, lesson=lesson, occurred_at=finished_at)
    progress = lesson_visit(user=user, lesson=lesson, occurred_at=occurred_at)
    if progress.completed_at is None and activity_ids:
        progress.progress = len(done) / len(activity_ids)
        progress.save(update_fields=["progress"])
    return progress


def lesson_mark_complete(
    *,
    user: AbstractBaseUser,
    lesson: LessonPage,
    occurred_at: datetime | None = None,
) -> LessonProgress:
    """The learner's own "done" button: only for lessons without open activities,
    which complete by themselves when their activities are done."""
    required = set(lesson.activity_ids())
    if required and required - completed_activity_ids(user, lesson):
        raise ValidationError(_("Complete the activities of this lesson first."))
    return lesson_complete(user=user, lesson=lesson, occurred_at=occurred_at)


def lesson_visit_touch(*, progress: LessonProgress) -> LessonProgress:
    """Another visit to a lesson whose progress row the caller has read (the
    lesson page reads it with the learner's whole course): one UPDATE, at most
    once every VISIT_RECORD_SECONDS per lesson, as Moodle records last access
    at most once a minute. A recorded visit can change the learner's My
    learning ("last visited"), so their kept pages go."""
    now = timezone.now()
    last = progress.last_visited_at
    if last is not None and now - last < timedelta(seconds=VISIT_RECORD_SECONDS):
        return progress
    LessonProgress.objects.filter(pk=progress.pk).update(last_visited_at=now)
    progress.last_visited_at = now
    people_changed([progress.user_id])
    return progress
