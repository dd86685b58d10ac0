"""A learner's lesson page, course page and My learning answered again from
the cache (lms/response_cache): without a query, only to the same session,
never with someone else's data or a message twice, and gone as soon as
anything they show changes, whoever changed it."""

import gzip
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses import services
from courses.models import LessonPage, LessonProgress
from lms.activities.models import TeamSession
from lms.people.models import Role
from lms.response_cache import middleware
from tests import factories
from tests.activities.test_dialogue import deck_lesson, make_deck
from tests.activities.test_quiz_services import TWO_RIGHT, learner, make_quiz

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


@pytest.fixture
def lena(org, client):
    user = factories.staff("lena", org["pflege_a"]).user
    client.force_login(user)
    return user


@pytest.fixture
def course(lena):
    course = factories.course_tree("Ethik", modules=1, lessons=3)
    services.course_self_enrol(user=lena, course=course)
    return course


def kept(client, url, django_assert_num_queries):
    """The page as it is answered once it is kept: rendered until then (a
    first visit records itself), then from the cache without a query, as it
    was last rendered."""
    for _render in range(2):
        rendered = client.get(url)
    with django_assert_num_queries(0):
        response = client.get(url)
    assert response.status_code == 200
    assert response.content == rendered.content
    return response


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize("page", ["lesson", "course", "my-learning"])
def test_a_warm_page_is_answered_without_a_query_and_unchanged(
    client, course, page, django_assert_num_queries
):
    url = {
        "lesson": lessons(course)[0].url,
        "course": course.url,
        "my-learning": "/my/",
    }[page]
    answered = kept(client, url, django_assert_num_queries)
    assert answered["Content-Type"] == "text/html; charset=utf-8"
    assert answered["Content-Language"] == "en"
    assert "Ethik" in soup(answered).get_text()


def test_a_kept_page_comes_compressed_or_plain_as_asked(
    client, course, django_assert_num_queries
):
    url = lessons(course)[0].url
    plain = kept(client, url, django_assert_num_queries)
    with django_assert_num_queries(0):
        compressed = client.get(url, headers={"accept-encoding": "gzip, br"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    assert "Cookie" in compressed["Vary"]
    assert gzip.decompress(compressed.content) == plain.content
    assert int(compressed["Content-Length"]) == len(compressed.content)
    assert "Content-Encoding" not in plain


def test_a_page_with_a_query_string_is_never_kept(client, course):
    url = course.url + "?from=mail"
    for _request in range(3):
        assert queries(client, url) > 0


def test_after_logging_out_the_kept_page_is_gone(
    client, course, django_assert_num_queries
):
    url = lessons(course)[0].url
    kept(client, url, django_assert_num_queries)
    client.post(reverse("logout"))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_password_changed_elsewhere_ends_the_session_at_once(
    client, lena, course, django_assert_num_queries
):
    """Sessions of before the change are no longer let in, kept page or not."""
    url = lessons(course)[0].url
    kept(client, url, django_assert_num_queries)
    lena.set_password("ein-ganz-neues-passwort")
    lena.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_another_session_of_the_same_person_gets_its_own_page(
    client, lena, course, django_assert_num_queries
):
    url = course.url
    kept(client, url, django_assert_num_queries)
    tablet = Client()
    tablet.cookies["django_language"] = "en"
    tablet.force_login(lena)
    response = tablet.get(url)
    assert response.status_code == 200
    assert "Lena" in soup(response).select_one(".site-header__user").get_text()


def test_a_message_is_shown_once_and_not_kept(client, course):
    first, second, _third = lessons(course)
    client.get(first.url)
    client.get(second.url)
    response = client.post(reverse("lesson-complete", args=[first.pk]), follow=True)
    assert "Lesson completed." in response.content.decode()
    for _again in range(3):
        assert "Lesson completed." not in client.get(second.url).content.decode()


def test_a_page_is_kept_no_longer_than_its_time(
    client, course, monkeypatch, django_assert_num_queries
):
    url = course.url
    kept(client, url, django_assert_num_queries)
    later = middleware.time.time() + 301
    monkeypatch.setattr(middleware.time, "time", lambda: later)
    assert queries(client, url) > 0


def test_each_learner_sees_only_their_own_kept_pages(client, org, course):
    volker = factories.staff("volker", org["pflege_a"]).user
    services.course_self_enrol(user=volker, course=course)
    first = lessons(course)[0]
    client.get(first.url)
    client.post(reverse("lesson-complete", args=[first.pk]))
    for _twice in range(2):
        assert soup(client.get(course.url)).select(".done")
    other = Client()
    other.cookies["django_language"] = "en"
    other.force_login(volker)
    for _twice in range(3):
        page = soup(other.get(course.url))
        assert not page.select(".done")
        assert "Volker" in page.select_one(".site-header__user").get_text()
        assert "Lena" not in page.get_text()


def test_a_quiz_answered_shows_on_the_next_page(client, org, django_assert_num_queries):
    setup = make_quiz()
    user = learner("lena", org, setup)
    client.force_login(user)
    kept(client, setup.lesson.url, django_assert_num_queries)
    submit = reverse("quiz-submit", args=[setup.lesson.pk, setup.block_id])
    client.post(submit, setup.post(*TWO_RIGHT))
    page = soup(client.get(setup.lesson.url))
    assert "You have completed this quiz." in page.select_one(".quiz").get_text()


def test_a_role_given_by_an_administrator_shows_at_once(
    client, lena, course, django_assert_num_queries
):
    def hr_link(response):
        return soup(response).find("a", href=reverse("hr-home"))

    assert not hr_link(kept(client, "/my/", django_assert_num_queries))
    hr = Group.objects.get(name=Role.HR.value)
    hr.user_set.add(lena)
    assert hr_link(client.get("/my/"))
    kept(client, "/my/", django_assert_num_queries)
    hr.user_set.clear()
    assert not hr_link(client.get("/my/"))


def test_a_preferred_language_set_by_hr_shows_at_once(
    client, lena, course, django_assert_num_queries
):
    del client.cookies["django_language"]
    kept(client, course.url, django_assert_num_queries)
    profile = lena.profile
    profile.preferred_language = "da"
    profile.save()
    assert client.get(course.url)["Content-Language"] == "da"


def test_a_team_session_a_trainer_records_shows_for_its_participants(
    client, org, lena, django_assert_num_queries
):
    """A trainer adds lena to a session: her kept lesson page goes."""
    deck = make_deck()
    lesson = deck_lesson(deck)
    block_id = lesson.body[0].id
    services.course_self_enrol(
        user=lena, course=lesson.get_parent().get_parent().specific
    )
    before = kept(client, lesson.url, django_assert_num_queries)
    tara = factories.staff("tara", org["verband"], roles=(Role.TRAINER,)).user
    session = TeamSession.objects.create(
        page=lesson,
        block_id=block_id,
        deck=deck,
        facilitator=tara,
        team_name="Team Ost",
    )
    assert client.get(lesson.url).content == before.content  # not hers yet
    session.participants.add(lena)
    assert "Team Ost" in client.get(lesson.url).content.decode()


def test_repeated_visits_to_a_lesson_are_recorded_once_a_minute(lena, course):
    lesson = lessons(course)[0]
    progress = services.lesson_visit(user=lena, lesson=lesson)
    first = progress.last_visited_at
    services.lesson_visit_touch(progress=progress)
    assert LessonProgress.objects.get(pk=progress.pk).last_visited_at == first
    earlier = timezone.now() - timedelta(seconds=services.VISIT_RECORD_SECONDS + 1)
    LessonProgress.objects.filter(pk=progress.pk).update(last_visited_at=earlier)
    progress.refresh_from_db()
    services.lesson_visit_touch(progress=progress)
    assert LessonProgress.objects.get(pk=progress.pk).last_visited_at > first


def test_continue_where_you_left_off_follows_the_last_lesson_opened(client, course):
    first, second, _third = lessons(course)
    for lesson in (first, second):
        client.get(lesson.url)
        client.get("/my/")
        page = soup(client.get("/my/"))
        link = page.find("a", string=lambda text: text and "left off" in text)
        assert lesson.title in link.get_text()


def test_a_sync_batch_applied_outside_a_request_shows_on_the_next_page(
    client, org, django_assert_num_queries
):
    """A learner's offline queue applied by the service itself (as the bench
    does): their kept pages go once the batch is in."""
    from lms.sync.services import sync_batch_ingest
    from tests.sync.helpers import ago, build_course, item
    from tests.sync.helpers import learner as sync_learner

    course = build_course()
    lena = sync_learner("lena", org, course)
    client.force_login(lena)
    before = kept(client, course.page.url, django_assert_num_queries)
    assert not soup(before).select(".done")
    done = item("lesson.completed", {"lesson": course.reading.pk}, ago(5))
    assert sync_batch_ingest(user=lena, items=[done])[0].status == "stored"
    assert soup(client.get(course.page.url)).select(".done")
