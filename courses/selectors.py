"""Reads about courses and progress. Every figure is counted by the database in
one statement per list, so a page's query count does not grow with the number
of courses, modules or lessons."""

import copy
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import (
    BigIntegerField,
    CharField,
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Substr
from wagtail.models import Page

from content.blocks import activity_blocks
from lms.people.selectors import units_in_scope

from . import page_cache
from .models import (
    ActivityAttempt,
    CourseAssignment,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
)


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated COUNT(*) subquery (no GROUP BY needed)."""
    counted = (
        queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _lessons_below_outer() -> QuerySet[LessonPage]:
    return LessonPage.objects.live().filter(path__startswith=OuterRef("path"))


def _completed_below_outer(user: AbstractBaseUser) -> QuerySet[LessonProgress]:
    return LessonProgress.objects.filter(
        user=user,
        completed_at__isnull=False,
        lesson__live=True,
        lesson__path__startswith=OuterRef("path"),
    )


def _lesson_completed(user: AbstractBaseUser) -> Exists:
    return Exists(
        LessonProgress.objects.filter(
            user=user, lesson=OuterRef("pk"), completed_at__isnull=False
        )
    )


def with_progress(queryset: QuerySet, user: AbstractBaseUser) -> QuerySet:
    """Annotate courses or modules with lesson_count and completed_count."""
    return queryset.annotate(
        lesson_count=_count(_lessons_below_outer()),
        completed_count=_count(_completed_below_outer(user)),
    )


def percent(done: int, total: int) -> int:
    return round(100 * done / total) if total else 0


def course_of(lesson: Page) -> CoursePage:
    """The course a lesson belongs to, found by its tree path in one query,
    and kept on the lesson object: a lesson does not change course while it
    is in memory, and a request (or a sync batch of many items in a few
    lessons) asks for it several times."""
    course = getattr(lesson, "_course_of", None)
    if course is None:
        steplen = lesson.steplen
        course = CoursePage.objects.get(
            path=lesson.path[: (lesson.depth - 2) * steplen]
        )
        lesson._course_of = course
    return course


def live_lesson_count(course: CoursePage) -> int:
    """How many live lessons the course has, kept on the course object like
    `course_of` keeps the course: within one request (or one sync batch that
    completes many lessons) the course's lessons do not change."""
    count = getattr(course, "_live_lesson_count", None)
    if count is None:
        count = LessonPage.objects.live().descendant_of(course).count()
        course._live_lesson_count = count
    return count


def module_of(lesson: LessonPage) -> ModulePage:
    """The module a lesson is in, kept on the lesson object as `course_of`
    keeps the course."""
    module = getattr(lesson, "_module_of", None)
    if module is None:
        module = ModulePage.objects.get(path=lesson.path[: -lesson.steplen])
        lesson._module_of = module
    return module


def lessons_for_learner(
    user: AbstractBaseUser, lesson_ids
) -> dict[int, tuple[LessonPage, Enrolment | None]]:
    """{lesson id: (live lesson, the user's enrolment in its course or None)}
    for those of `lesson_ids` that are live lessons, in four queries however
    many there are (offline sync checks a whole queue at once); their course
    and module come with them (see `course_of`, `module_of`)."""
    lessons = LessonPage.objects.live().in_bulk(list(lesson_ids))
    course_paths = {
        pk: lesson.path[: (lesson.depth - 2) * lesson.steplen]
        for pk, lesson in lessons.items()
    }
    courses = {
        course.path: course
        for course in CoursePage.objects.filter(path__in=set(course_paths.values()))
    }
    modules = ModulePage.objects.in_bulk(
        {lesson.path[: -lesson.steplen] for lesson in lessons.values()},
        field_name="path",
    )
    enrolments = {
        enrolment.course_id: enrolment
        for enrolment in Enrolment.objects.filter(
            user=user, course__in=list(courses.values())
        )
    }
    found = {}
    for pk, lesson in lessons.items():
        course = courses.get(course_paths[pk])
        if course is not None:
            lesson._course_of = course  # see course_of
            lesson._module_of = modules.get(lesson.path[: -lesson.steplen])
            found[pk] = (lesson, enrolments.get(course.pk))
    return found


def enrolment_for(user: AbstractBaseUser, course: CoursePage) -> Enrolment | None:
    if not user.is_authenticated:
        return None
    return Enrolment.objects.filter(user=user, course=course).first()


@dataclass
class LearningOverview:
    enrolled: list[CoursePage]
    catalogue: list[CoursePage]
    last_visited: LessonProgress | None


def _live_courses_with_lessons() -> list[tuple[CoursePage, list[LessonPage]]]:
    """Every live course with the live lessons below it in reading order
    (bodies deferred): the same for every learner, so kept between requests
    (page_cache); My learning lays a learner's enrolments and completed
    lessons over it."""
    courses = list(CoursePage.objects.live().order_by("path"))
    by_course: dict[str, list[LessonPage]] = {c.path: [] for c in courses}
    lessons = LessonPage.objects.live().defer("body").order_by("path")
    for lesson in lessons:
        for depth in range(1, lesson.depth):
            below = by_course.get(lesson.path[: depth * lesson.steplen])
            if below is not None:
                below.append(lesson)
    return [(course, by_course[course.path]) for course in courses]


def my_learning(
    user: AbstractBaseUser, staff_type: str | None, request=None
) -> LearningOverview:
    """The learner's courses with progress and the lesson to resume, the
    courses open to them, and the lesson visited last: three small queries on
    the learner's own rows; the courses and their lessons come from the kept
    structure (copies, so nothing of the learner's is laid over kept objects)."""
    structure = page_cache.remembered(
        request, ("live-courses-with-lessons",), _live_courses_with_lessons
    )
    enrolments = {
        course_id: (completed_at, source)
        for course_id, completed_at, source in Enrolment.objects.filter(
            user=user
        ).values_list("course_id", "completed_at", "source")
    }
    completed = set(
        LessonProgress.objects.filter(
            user=user, completed_at__isnull=False
        ).values_list("lesson_id", flat=True)
    )
    enrolled, catalogue = [], []
    for kept_course, lessons in structure:
        if kept_course.pk in enrolments:
            course = copy.copy(kept_course)
            course.completed_at, course.enrolment_source = enrolments[course.pk]
            course.lesson_count = len(lessons)
            course.completed_count = sum(lesson.pk in completed for lesson in lessons)
            course.resume_lesson = next(
                (lesson for lesson in lessons if lesson.pk not in completed), None
            )
            course.resume_lesson_id = (
                course.resume_lesson.pk if course.resume_lesson else None
            )
            course.percent = percent(course.completed_count, course.lesson_count)
            enrolled.append(course)
        elif not staff_type or kept_course.audience in ("both", staff_type):
            catalogue.append(kept_course)
    enrolled.sort(key=lambda course: course.title)
    enrolled.sort(key=lambda course: not course.mandatory)
    catalogue.sort(key=lambda course: course.title)
    last_visited = (
        LessonProgress.objects.filter(user=user, lesson__live=True)
        .select_related("lesson")
        .order_by("-last_visited_at")
        .first()
    )
    return LearningOverview(
        enrolled=enrolled, catalogue=catalogue, last_visited=last_visited
    )


def open_courses(staff_type: str | None) -> QuerySet[CoursePage]:
    """Live courses whose audience includes this staff type."""
    courses = CoursePage.objects.live()
    if staff_type:
        courses = courses.filter(audience__in=["both", staff_type])
    return courses


@dataclass
class CourseOutline:
    modules: list[ModulePage]
    lesson_count: int
    completed_count: int

    @property
    def percent(self) -> int:
        return percent(self.completed_count, self.lesson_count)

    def neighbours(self, lesson: Page) -> tuple[Page | None, Page | None]:
        """Previous and next lesson in reading order, from the lessons the
        outline already holds (no further query)."""
        lessons = [item for module in self.modules for item in module.lessons]
        paths = [item.path for item in lessons]
        if lesson.path not in paths:
            return None, None
        index = paths.index(lesson.path)
        previous = lessons[index - 1] if index > 0 else None
        following = lessons[index + 1] if index + 1 < len(lessons) else None
        return previous, following


def _outline_pages(course: CoursePage) -> list[tuple[ModulePage, list[LessonPage]]]:
    """The course's live modules with their live lessons, in reading order:
    the same for every learner, so kept between requests (page_cache)."""
    modules = list(ModulePage.objects.live().child_of(course).order_by("path"))
    by_module: dict[str, list[LessonPage]] = {m.path: [] for m in modules}
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        by_module.get(lesson.path[: -lesson.steplen], []).append(lesson)
    return [(module, by_module[module.path]) for module in modules]


def course_outline(
    user: AbstractBaseUser,
    course: CoursePage,
    completed: set[int] | None = None,
    request=None,
) -> CourseOutline:
    """Modules with their lessons and this learner's progress. The pages come
    from the kept outline; the learner's completed lessons (`completed`, or
    one query) are laid over copies of them, never over the kept objects."""
    structure = page_cache.remembered(
        request, ("outline", course.pk), lambda: _outline_pages(course)
    )
    if completed is None:
        completed = completed_lesson_ids(user, course)
    modules = []
    for kept_module, kept_lessons in structure:
        module = copy.copy(kept_module)
        module.lessons = []
        for kept_lesson in kept_lessons:
            lesson = copy.copy(kept_lesson)
            lesson.completed = lesson.pk in completed
            module.lessons.append(lesson)
        module.lesson_count = len(module.lessons)
        module.completed_count = sum(lesson.completed for lesson in module.lessons)
        module.percent = percent(module.completed_count, module.lesson_count)
        modules.append(module)
    return CourseOutline(
        modules=modules,
        lesson_count=sum(m.lesson_count for m in modules),
        completed_count=sum(m.completed_count for m in modules),
    )


def completed_lesson_ids(user: AbstractBaseUser, course: CoursePage) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(
        LessonProgress.objects.filter(
            user=user,
            completed_at__isnull=False,
            lesson__path__startswith=course.path,
        ).values_list("lesson_id", flat=True)
    )


@dataclass
class LearnerInCourse:
    """One learner's standing in one course as a lesson page needs it."""

    enrolment: Enrolment | None
    completed: set[int]  # lessons of the course
    progress: LessonProgress | None  # in the lesson
    completed_activities: set[str]  # block ids in the lesson


_ENROLMENT, _PROGRESS, _ACTIVITY = 1, 2, 3


def learner_in_course(
    user: AbstractBaseUser, course: CoursePage, lesson: LessonPage | None = None
) -> LearnerInCourse:
    """The enrolment, the completed lessons of the course, the progress row
    of the lesson and its completed activities, in one statement (a UNION of
    three small reads, each on its own index), so that a lesson page costs
    the same few queries however large its course is."""
    # Typed NULLs: PostgreSQL matches a UNION's columns by type.
    null_time = Cast(Value(None), output_field=DateTimeField())
    null_id = Cast(Value(None), output_field=BigIntegerField())
    enrolment = Enrolment.objects.filter(user=user, course=course).values_list(
        Value(_ENROLMENT),
        "pk",
        null_id,
        "completed_at",
        "enrolled_at",
        null_time,
        "source",
    )
    progress = LessonProgress.objects.filter(
        user=user, lesson__path__startswith=course.path
    ).values_list(
        Value(_PROGRESS),
        "pk",
        "lesson_id",
        "completed_at",
        "first_visited_at",
        "last_visited_at",
        Cast("progress", CharField()),
    )
    activities = (
        ActivityAttempt.objects.filter(
            user=user, lesson_id=getattr(lesson, "pk", None), completed=True
        )
        .order_by()
        .values_list(
            Value(_ACTIVITY),
            null_id,
            null_id,
            null_time,
            null_time,
            null_time,
            "block_id",
        )
        .distinct()
    )
    state = LearnerInCourse(
        enrolment=None, completed=set(), progress=None, completed_activities=set()
    )
    if not user.is_authenticated:
        return state
    reads = [progress, activities] if lesson is not None else [progress]
    for row in enrolment.union(*reads, all=True):
        kind, row_id, lesson_id, at, first_at, last_at, value = row
        if kind == _ENROLMENT:
            state.enrolment = Enrolment(
                pk=row_id,
                user=user,
                course=course,
                completed_at=at,
                enrolled_at=first_at,
                source=value,
            )
        elif kind == _PROGRESS:
            if at is not None:
                state.completed.add(lesson_id)
            if lesson is not None and lesson_id == lesson.pk:
                state.progress = LessonProgress(
                    pk=row_id,
                    user=user,
                    lesson=lesson,
                    completed_at=at,
                    first_visited_at=first_at,
                    last_visited_at=last_at,
                    progress=float(value),
                )
        else:
            state.completed_activities.add(value)
    return state


def activity_completions(user: AbstractBaseUser, lesson: LessonPage) -> dict:
    """{block id: when it was first completed} for the lesson's completed
    activities (one query): offline sync reports completions late and out of
    order, and the first one is when the activity was done."""
    return dict(
        ActivityAttempt.objects.filter(user=user, lesson=lesson, completed=True)
        .order_by()
        .values("block_id")
        .annotate(first=Min("created_at"))
        .values_list("block_id", "first")
    )


def completed_activity_ids(user: AbstractBaseUser, lesson: LessonPage) -> set[str]:
    if not user.is_authenticated:
        return set()
    return set(
        ActivityAttempt.objects.filter(user=user, lesson=lesson, completed=True)
        .values_list("block_id", flat=True)
        .distinct()
    )


def lesson_neighbours(
    course: CoursePage, lesson: LessonPage
) -> tuple[Page | None, Page | None]:
    """Previous and next live lesson of the course, in reading order."""
    lessons = LessonPage.objects.live().descendant_of(course)
    previous = lessons.filter(path__lt=lesson.path).order_by("-path").first()
    following = lessons.filter(path__gt=lesson.path).order_by("path").first()
    return previous, following


@dataclass
class ParticipantRow:
    enrolment: Enrolment
    module_percents: list[int]
    course_percent: int
    last_activity: object


def participants(course: CoursePage) -> tuple[list[ModulePage], list[ParticipantRow]]:
    """Everyone enrolled, with progress per module: four queries in all."""
    modules = list(
        ModulePage.objects.live()
        .child_of(course)
        .annotate(lesson_count=_count(_lessons_below_outer()))
        .order_by("path")
    )
    module_path_length = (course.depth + 1) * course.steplen
    done = (
        LessonProgress.objects.filter(
            lesson__live=True,
            lesson__path__startswith=course.path,
            completed_at__isnull=False,
        )
        .annotate(module_path=Substr("lesson__path", 1, module_path_length))
        .values("user_id", "module_path")
        .annotate(n=Count("pk"))
    )
    done_by = {(row["user_id"], row["module_path"]): row["n"] for row in done}
    last = dict(
        LessonProgress.objects.filter(lesson__path__startswith=course.path)
        .values("user_id")
        .annotate(last=Max("last_visited_at"))
        .values_list("user_id", "last")
    )
    enrolments = (
        Enrolment.objects.filter(course=course)
        .select_related("user", "user__profile", "user__profile__unit")
        .order_by("user__last_name", "user__first_name", "user__username")
    )
    total_lessons = sum(m.lesson_count for m in modules)
    rows = []
    for enrolment in enrolments:
        counts = [done_by.get((enrolment.user_id, m.path), 0) for m in modules]
        rows.append(
            ParticipantRow(
                enrolment=enrolment,
                module_percents=[
                    percent(n, m.lesson_count)
                    for n, m in zip(counts, modules, strict=True)
                ],
                course_percent=percent(sum(counts), total_lessons),
                last_activity=last.get(enrolment.user_id),
            )
        )
    return modules, rows


def courses_run_by(user: AbstractBaseUser) -> QuerySet[CoursePage]:
    courses = CoursePage.objects.all().order_by("title")
    if user.is_superuser:
        return courses
    return courses.filter(Q(trainers=user) | Q(owner=user)).distinct()


def assignments_in_scope(user) -> QuerySet[CourseAssignment]:
    """Assignments for the user's units; whole-organisation ones for superusers."""
    assignments = CourseAssignment.objects.select_related(
        "course", "unit", "created_by"
    ).order_by("-created_at")
    if user.is_superuser:
        return assignments
    return assignments.filter(unit__in=units_in_scope(user))


def lessons_with_activities(course: CoursePage) -> list[LessonPage]:
    """The course's live lessons that contain activities, each with `.activities`
    (its bound activity blocks, in order)."""
    lessons = []
    for lesson in LessonPage.objects.live().descendant_of(course).order_by("path"):
        lesson.activities = activity_blocks(lesson.body)
        if lesson.activities:
            lessons.append(lesson)
    return lessons
