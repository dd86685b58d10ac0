import pytest

from courses import selectors, services
from courses.models import LessonPage
from tests import factories

pytestmark = pytest.mark.django_db


def test_my_learning_counts_progress_per_course(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    ethik = factories.course_tree("Ethik", modules=2, lessons=2)
    factories.course_tree("Chat", modules=1, lessons=3)
    services.course_self_enrol(user=lena, course=ethik)
    first = LessonPage.objects.live().descendant_of(ethik).order_by("path").first()
    services.lesson_mark_complete(user=lena, lesson=first)

    overview = selectors.my_learning(lena, "paid")
    (course,) = overview.enrolled
    assert (course.completed_count, course.lesson_count, course.percent) == (1, 4, 25)
    assert course.resume_lesson.title == "Ethik Lektion 1-2"
    assert [c.title for c in overview.catalogue] == ["Chat"]


def test_unpublished_lessons_do_not_count(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    ethik = factories.course_tree("Ethik", modules=1, lessons=2)
    services.course_self_enrol(user=lena, course=ethik)
    LessonPage.objects.descendant_of(ethik).order_by("path").last().unpublish()
    (course,) = selectors.my_learning(lena, "paid").enrolled
    assert course.lesson_count == 1


def test_course_outline_per_module(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    ethik = factories.course_tree("Ethik", modules=2, lessons=2)
    lessons = list(LessonPage.objects.live().descendant_of(ethik).order_by("path"))
    services.lesson_mark_complete(user=lena, lesson=lessons[2])
    outline = selectors.course_outline(lena, ethik)
    assert [m.percent for m in outline.modules] == [0, 50]
    assert [lesson.completed for lesson in outline.modules[1].lessons] == [True, False]
    assert outline.percent == 25


def test_participants_rows(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    tom = factories.staff("tom", org["beratung_b"]).user
    ethik = factories.course_tree("Ethik", modules=2, lessons=2)
    for user in (lena, tom):
        services.course_self_enrol(user=user, course=ethik)
    lessons = list(LessonPage.objects.live().descendant_of(ethik).order_by("path"))
    for lesson in lessons[:3]:
        services.lesson_mark_complete(user=lena, lesson=lesson)
    _modules, rows = selectors.participants(ethik)
    by_name = {row.enrolment.user.username: row for row in rows}
    assert by_name["lena"].module_percents == [100, 50]
    assert by_name["lena"].course_percent == 75
    assert by_name["lena"].last_activity is not None
    assert by_name["tom"].module_percents == [0, 0]
    assert by_name["tom"].last_activity is None
