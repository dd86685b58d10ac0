"""The lesson body's kept HTML (static blocks, courses/templatetags/course_tags.py)
and My learning's kept course structure (courses.selectors.my_learning): a
published change shows on the next page, a preview is never kept, each
language has its own, and learners never share their progress."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context
from django.utils import translation

from courses import page_cache, services
from courses.models import LessonPage
from courses.templatetags import course_tags
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def text_lesson(course_title="Fragmente"):
    course = factories.course_tree(course_title, modules=1, lessons=0)
    module = course.get_children().first().specific
    body = [
        ("text", "<p>Erster Stand</p>"),
        ("callout", {"kind": "tip", "title": "Hinweis", "text": "<p>Tipp</p>"}),
    ]
    return course, factories.lesson(module, "Lektion Text", body=body)


@pytest.fixture
def lena(org, client):
    user = factories.staff("lena", org["pflege_a"]).user
    client.force_login(user)
    return user


def test_a_published_body_change_shows_on_the_next_page(client, lena):
    course, lesson = text_lesson()
    services.course_self_enrol(user=lena, course=course)
    assert "Erster Stand" in client.get(lesson.url).content.decode()
    assert "Erster Stand" in client.get(lesson.url).content.decode()  # kept
    page = LessonPage.objects.get(pk=lesson.pk)
    page.body = [("text", "<p>Zweiter Stand</p>")]
    page.save_revision().publish()
    html = client.get(lesson.url).content.decode()
    assert "Zweiter Stand" in html and "Erster Stand" not in html


def test_a_preview_is_never_kept_for_learners(client, lena, rf):
    """An unsaved draft rendered with `request.is_preview` (as Wagtail's
    previews set it) neither reads nor fills the kept body."""
    course, lesson = text_lesson()
    services.course_self_enrol(user=lena, course=course)
    client.get(lesson.url)
    draft = LessonPage.objects.get(pk=lesson.pk)
    draft.body = [("text", "<p>Entwurf</p>")]
    request = rf.get(lesson.url)
    request.is_preview = True
    html = course_tags.lesson_body(Context({"request": request}), draft, {})
    assert "Entwurf" in html
    assert "Entwurf" not in client.get(lesson.url).content.decode()


def test_each_language_keeps_its_own_body(client, lena, settings):
    course, lesson = text_lesson()
    services.course_self_enrol(user=lena, course=course)
    for code, label in (("de", "Tipp:"), ("en", "Tip:")):
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = code
        with translation.override(code):
            callout = soup(client.get(lesson.url)).select_one(".callout__kind")
        assert callout.get_text(strip=True) == label


def test_my_learning_shows_new_enrolments_progress_and_content_at_once(
    client, lena, org
):
    course = factories.course_tree("Struktur", modules=1, lessons=2)
    first, second = LessonPage.objects.live().descendant_of(course).order_by("path")
    assert "Struktur" in soup(client.get("/my/")).select_one("#catalogue").parent.text
    services.course_self_enrol(user=lena, course=course)
    cards = soup(client.get("/my/")).select("#my-courses ~ ul .card")
    assert [c.select_one(".card__title").get_text(strip=True) for c in cards] == [
        "Struktur"
    ]
    services.lesson_mark_complete(user=lena, lesson=first)
    page = soup(client.get("/my/"))
    assert page.select_one(".progress__bar")["value"] == "50"
    assert second.title in page.select_one("#my-courses").parent.text
    factories.lesson(first.get_parent().specific, "Dritte Lektion")
    assert soup(client.get("/my/")).select_one(".progress__bar")["value"] == "33"
    other = factories.staff("otto", org["pflege_a"]).user
    client.force_login(other)
    page = soup(client.get("/my/"))
    assert not page.select("#my-courses ~ ul .card")


def test_kept_entries_are_dropped_with_the_content_version(client, lena):
    course, lesson = text_lesson()
    services.course_self_enrol(user=lena, course=course)
    client.get(lesson.url)
    page_cache.content_changed()
    assert "Erster Stand" in client.get(lesson.url).content.decode()
