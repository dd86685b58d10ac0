"""Thin views: parse, call a service or selector, render."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks
from wagtail.views import serve as wagtail_serve

from lms.activities.selectors import lesson_activity_state
from lms.activities.selectors.dialogue import team_sessions_by_block
from lms.people.selectors import is_trainer
from lms.response_cache.middleware import keep

from . import offline, page_cache, selectors, services
from .models import Audience, CoursePage, LessonPage, Topic

# How long a learner's course page and My learning may be answered from the
# cache (lms/response_cache) while nothing of theirs or of the content changes:
# bounds what a change no signal reports (dates, others' aggregates) can lag.
KEPT_SECONDS = 300


def _staff_type(user) -> str | None:
    profile = getattr(user, "profile", None)
    return profile.staff_type if profile else None


def _can_author(user, page) -> bool:
    return page.permissions_for_user(user).can_edit()


def page_serve(request, path):
    """Wagtail's page serving with the route kept between requests
    (page_cache): no walk down the tree level by level, no site or locale
    lookup. Pages under a view restriction, and every request when the cache
    is off, go through Wagtail's own view."""
    found = page_cache.route(request, path) if page_cache.enabled() else None
    if found is None or found == page_cache.RESTRICTED:
        return wagtail_serve(request, path)
    page, args, kwargs = found
    request._wagtail_route_for_request = found
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result
    return page.serve(request, *args, **kwargs)


def catalogue(request, index_page):
    """The course catalogue with Wagtail search and filters by topic and audience."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    query = request.GET.get("q", "").strip()
    topic_slug = request.GET.get("topic", "")
    audience = request.GET.get("audience", "")
    courses = selectors.open_courses(_staff_type(request.user)).child_of(index_page)
    if topic_slug:
        courses = courses.filter(topics__slug=topic_slug)
    if audience in Audience.values:
        courses = courses.filter(audience=audience)
    courses = courses.order_by("title").prefetch_related("topics")
    if query:
        courses = courses.search(query, operator="and")
    return TemplateResponse(
        request,
        "courses/catalogue.html",
        {
            "page": index_page,
            "courses": courses,
            "query": query,
            "topics": Topic.objects.all(),
            "topic_slug": topic_slug,
            "audience": audience,
            "audiences": Audience.choices,
            "enrolled_ids": set(
                request.user.enrolments.values_list("course_id", flat=True)
            ),
        },
    )


def course_detail(request, course: CoursePage):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    learner = selectors.learner_in_course(request.user, course)
    enrolment = learner.enrolment
    # Only non-enrolled visitors need the (two-query) authoring check.
    can_author = enrolment is None and _can_author(request.user, course)
    if (
        not enrolment
        and not can_author
        and not course.is_open_to(_staff_type(request.user))
    ):
        raise PermissionDenied
    outline = selectors.course_outline(
        request.user, course, completed=learner.completed, request=request
    )
    response = TemplateResponse(
        request,
        "courses/course.html",
        {
            "page": course,
            "enrolment": enrolment,
            "outline": outline,
            "can_author": can_author,
            "can_self_enrol": course.self_enrolment
            and course.is_open_to(_staff_type(request.user)),
            "offline_version": offline.course_offline_version(
                request.user, course, outline
            )
            if enrolment
            else "",
        },
    )
    return keep(response, KEPT_SECONDS)


def lesson_detail(request, lesson: LessonPage):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    course = selectors.course_of(lesson)
    learner = selectors.learner_in_course(request.user, course, lesson)
    if learner.enrolment is None:
        if _can_author(request.user, lesson):
            return _render_lesson(request, lesson, course, learner)
        messages.info(request, _("Enrol in the course to read its lessons."))
        return redirect(course.get_url(request))
    if offline.is_offline_download(request):
        # Stored for offline use: the learner has not opened it yet, and the
        # page is not kept (a visit soon after must be recorded).
        return _render_lesson(request, lesson, course, learner, kept=False)
    if learner.progress is None:
        learner.progress = services.lesson_visit(user=request.user, lesson=lesson)
    else:
        services.lesson_visit_touch(progress=learner.progress)
    return _render_lesson(request, lesson, course, learner)


def _render_lesson(
    request, lesson, course, learner: selectors.LearnerInCourse, *, kept=True
):
    activity_ids = lesson.activity_ids()
    outline = selectors.course_outline(
        request.user, course, completed=learner.completed, request=request
    )
    previous, following = outline.neighbours(lesson)
    response = TemplateResponse(
        request,
        "courses/lesson.html",
        {
            "page": lesson,
            "course": course,
            "module": next(
                m for m in outline.modules if lesson.path.startswith(m.path)
            ),
            "outline": outline,
            "enrolment": learner.enrolment,
            "progress": learner.progress,
            "has_activities": bool(activity_ids),
            "completed_activities": learner.completed_activities,
            "activity_state": lesson_activity_state(request.user, lesson, lesson.body),
            "previous_lesson": previous,
            "next_lesson": following,
        },
    )
    # Kept no longer than a visit goes unrecorded (services.lesson_visit_touch).
    return keep(response, services.VISIT_RECORD_SECONDS) if kept else response


@login_required
def my_learning(request):
    page_cache.site_for(request)  # the lesson links' site, without a query
    overview = selectors.my_learning(
        request.user, _staff_type(request.user), request=request
    )
    response = TemplateResponse(
        request, "courses/my_learning.html", {"overview": overview}
    )
    return keep(response, KEPT_SECONDS)


@login_required
@require_POST
def enrol(request, course_id: int):
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    services.course_self_enrol(user=request.user, course=course)
    messages.success(request, _("You are enrolled. Have fun learning!"))
    return redirect(course.get_url(request))


def _enrolled_lesson(request, lesson_id: int) -> LessonPage:
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if selectors.enrolment_for(request.user, selectors.course_of(lesson)) is None:
        raise PermissionDenied
    return lesson


def _after_completion(request, lesson: LessonPage):
    messages.success(request, _("Lesson completed."))
    following = selectors.lesson_neighbours(selectors.course_of(lesson), lesson)[1]
    return redirect((following or lesson).get_url(request))


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    lesson = _enrolled_lesson(request, lesson_id)
    try:
        services.lesson_mark_complete(user=request.user, lesson=lesson)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(lesson.get_url(request))
    return _after_completion(request, lesson)


@login_required
@require_POST
def activity_complete(request, lesson_id: int, block_id: str):
    lesson = _enrolled_lesson(request, lesson_id)
    if request.POST.get("confirmed") != "1":
        messages.error(request, _("Please tick the box to confirm."))
        return redirect(lesson.get_url(request))
    try:
        progress = services.activity_complete(
            user=request.user, lesson=lesson, block_id=block_id
        )
    except ValidationError as error:
        raise Http404(" ".join(error.messages)) from error
    if progress.completed_at:
        return _after_completion(request, lesson)
    return redirect(lesson.get_url(request))


@login_required
def certificate(request, course_id: int):
    """The printable certificate of participation (Teilnahmebescheinigung)."""
    enrolment = get_object_or_404(
        request.user.enrolments.select_related("course"),
        course_id=course_id,
        completed_at__isnull=False,
    )
    profile = getattr(request.user, "profile", None)
    organisation = None
    if profile:
        unit = profile.unit
        organisation = unit.get_root() if unit.depth > 1 else unit
    return TemplateResponse(
        request,
        "courses/certificate.html",
        {
            "enrolment": enrolment,
            "course": enrolment.course,
            "profile": profile,
            "organisation": organisation,
            "issued_on": timezone.localdate(),
        },
    )


def _course_for_trainer(request, course_id: int) -> CoursePage:
    course = get_object_or_404(CoursePage, pk=course_id)
    if not (
        request.user.is_superuser
        or selectors.courses_run_by(request.user).filter(pk=course.pk).exists()
    ):
        raise PermissionDenied
    return course


@login_required
def trainer_courses(request):
    if not (request.user.is_superuser or is_trainer(request.user)):
        raise PermissionDenied
    return TemplateResponse(
        request,
        "courses/trainer_courses.html",
        {"courses": selectors.courses_run_by(request.user)},
    )


@login_required
def participants(request, course_id: int):
    course = _course_for_trainer(request, course_id)
    modules, rows = selectors.participants(course)
    if request.GET.get("format") == "csv":
        return _participants_csv(course, modules, rows)
    return TemplateResponse(
        request,
        "courses/participants.html",
        {"course": course, "modules": modules, "rows": rows},
    )


@login_required
def course_activities(request, course_id: int):
    """The activities of a course, lesson by lesson, with links to their results."""
    course = _course_for_trainer(request, course_id)
    lessons = selectors.lessons_with_activities(course)
    sessions = team_sessions_by_block(lessons)
    for lesson in lessons:
        for block in lesson.activities:
            block.sessions = sessions.get((lesson.pk, block.id), [])
    return TemplateResponse(
        request,
        "courses/course_activities.html",
        {"course": course, "lessons": lessons},
    )


def _participants_csv(course, modules, rows) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"{course.slug}-participants.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # Excel needs the BOM to read UTF-8
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Username"),
            _("Name"),
            _("Organisation unit"),
            *[m.title for m in modules],
            _("Course progress (%)"),
            _("Last activity"),
            _("Completed on"),
        ]
    )
    for row in rows:
        user = row.enrolment.user
        profile = getattr(user, "profile", None)
        writer.writerow(
            [
                user.get_username(),
                user.get_full_name(),
                profile.unit.name if profile else "",
                *row.module_percents,
                row.course_percent,
                timezone.localtime(row.last_activity).isoformat()
                if row.last_activity
                else "",
                timezone.localtime(row.enrolment.completed_at).date().isoformat()
                if row.enrolment.completed_at
                else "",
            ]
        )
    return response
