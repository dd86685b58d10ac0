"""Two tabs completing the same lesson at the same moment: one progress row, one
completion, and neither tab sees an error. Real connections in two threads
(on SQLite a database file, as the platform runs it), released together by a
barrier."""

import threading

import pytest
from django.test import Client
from django.urls import reverse

from courses import services
from courses.models import Enrolment, LessonPage, LessonProgress
from lms.competencies.models import Evidence
from tests import factories
from tests.shared_database import shared_database  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TABS = 2
ROUNDS = 5


def _at_once(shared_database, work, count=TABS):  # noqa: F811
    """Run `work(i)` in `count` threads released at the same moment; return
    what each returned or raised."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i):
        with shared_database.connected():
            try:
                results[i] = work(i, barrier)
            except Exception as error:  # the assertion shows it
                results[i] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


@pytest.fixture
def course(shared_database, org):  # noqa: F811
    """One module with one lesson that develops a competency, so that its
    completion (and the course's) records evidence that can be counted."""
    framework = factories.framework("digital")
    privacy = factories.competency(framework, "4.2", "Protecting privacy")
    devices = factories.competency(framework, "4.1", "Protecting devices")
    course = factories.course(
        "Ethik", competencies=[("competency", {"competency": privacy, "level": 3})]
    )
    module = factories.module(course, "Grundlagen")
    lesson = factories.lesson(module, "Handy")
    lesson.competencies = [("competency", {"competency": devices, "level": 1})]
    lesson.save()
    return course


def test_two_tabs_posting_complete_at_once(shared_database, org, course):  # noqa: F811
    lesson = LessonPage.objects.live().descendant_of(course).get()
    url = reverse("lesson-complete", args=[lesson.pk])
    learners = []
    for n in range(ROUNDS):
        user = factories.staff(f"tab{n}", org["pflege_a"]).user
        services.course_self_enrol(user=user, course=course)
        learners.append(user)

    for user in learners:
        tabs = []
        for _ in range(TABS):
            tab = Client()
            tab.force_login(user)
            tabs.append(tab)

        def post(i, barrier, tabs=tabs):
            barrier.wait()
            return tab_status(tabs[i].post(url))

        assert _at_once(shared_database, post) == [302] * TABS

        assert LessonProgress.objects.filter(user=user, lesson=lesson).count() == 1
        progress = LessonProgress.objects.get(user=user, lesson=lesson)
        assert progress.completed_at is not None
        assert progress.progress == 1.0
        # One completion: the lesson's evidence once, the course's once.
        assert Evidence.objects.filter(user=user, page_id=lesson.pk).count() == 1
        assert Evidence.objects.filter(user=user, page_id=course.pk).count() == 1
        assert Enrolment.objects.get(user=user).completed_at is not None


def test_two_devices_syncing_the_same_completion_at_once(
    shared_database,  # noqa: F811
    org,
    course,
):
    """The service that offline sync replays, called from two connections with
    the same moment: the same end state."""
    lesson = LessonPage.objects.live().descendant_of(course).get()
    for n in range(ROUNDS):
        user = factories.staff(f"device{n}", org["pflege_a"]).user
        services.course_self_enrol(user=user, course=course)

        def complete(i, barrier, user=user):
            barrier.wait()
            return services.lesson_complete(user=user, lesson=lesson).completed_at

        first, second = _at_once(shared_database, complete)
        assert not isinstance(first, Exception), first
        assert not isinstance(second, Exception), second
        progress = LessonProgress.objects.get(user=user, lesson=lesson)
        assert progress.completed_at in (first, second)
        assert Evidence.objects.filter(user=user, page_id=lesson.pk).count() == 1
        assert Evidence.objects.filter(user=user, page_id=course.pk).count() == 1


def tab_status(response):
    return response.status_code
