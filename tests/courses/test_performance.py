"""The lesson page's query budget and what caching must never do: show stale
progress, keep a page after it changed, or show one learner another's data.
README "Performance" explains what is kept where."""

import gzip
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from courses import services
from courses.models import LessonPage
from lms.people.models import Role
from tests import factories
from tests.activities.test_quiz_services import TWO_RIGHT, learner, make_quiz

pytestmark = pytest.mark.django_db

LESSON_QUERY_BUDGET = 6


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def queries(client, url, **headers) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200
    return len(captured), response


@pytest.fixture
def lena(org, client):
    user = factories.staff("lena", org["pflege_a"]).user
    client.force_login(user)
    return user


def test_warm_lesson_page_with_activities_stays_within_budget_whatever_the_course_size(
    client, org, django_assert_max_num_queries
):
    """A quiz and an acknowledgement in a lesson of a course of 2 or of 41
    lessons: the same few queries (user, the learner in the course, the visit,
    the quiz attempts)."""
    acknowledgement = ("acknowledgement", {"statement": "Gelesen.", "required": True})
    small = make_quiz("Klein", extra_blocks=[acknowledgement])
    big = make_quiz("Gross", extra_blocks=[acknowledgement])
    for m in range(4):
        module = factories.module(big.course, f"Gross Modul {m}")
        for n in range(10):
            factories.lesson(module, f"Gross Lektion {m}-{n}")
    user = learner("lena", org, small)
    services.course_self_enrol(user=user, course=big.course)
    client.force_login(user)
    counts = []
    for setup in (small, big):
        url = setup.lesson.url
        client.get(url)  # first visit: the progress row, routes and outline kept
        with django_assert_max_num_queries(LESSON_QUERY_BUDGET):
            count, response = queries(client, url)
        assert soup(response).select_one(".quiz")
        counts.append(count)
    assert counts[0] == counts[1]
    assert len(soup(response).select(".lesson-outline li a")) == 41


def test_completing_a_lesson_shows_at_once_on_lesson_course_and_my_learning(
    client, lena
):
    course = factories.course_tree("Ethik", modules=2, lessons=2)
    services.course_self_enrol(user=lena, course=course)
    first, second = lessons(course)[:2]
    for url in (first.url, second.url, course.url, "/my/"):
        client.get(url)  # everything kept that can be
    client.post(reverse("lesson-complete", args=[first.pk]))
    page = soup(client.get(second.url))
    ticked = page.select(".lesson-outline .done")
    assert len(ticked) == 1
    assert "25 %" in page.select_one(".lesson-outline .progress").get_text()
    assert soup(client.get(course.url)).select_one(".panel progress")["value"] == "25"
    assert soup(client.get("/my/")).select_one(".card progress")["value"] == "25"
    page = soup(client.get(first.url))
    assert "You completed this lesson" in page.select_one(".lesson__completion").text


def test_answering_a_quiz_shows_on_the_next_lesson_page(client, org):
    setup = make_quiz()
    user = learner("lena", org, setup)
    client.force_login(user)
    client.get(setup.lesson.url)
    client.get(setup.lesson.url)
    submit = reverse("quiz-submit", args=[setup.lesson.pk, setup.block_id])
    client.post(submit, setup.post(*TWO_RIGHT))
    page = soup(client.get(setup.lesson.url))
    assert "You have completed this quiz." in page.select_one(".quiz").get_text()
    assert "You completed this lesson" in page.select_one(".lesson__completion").text


def test_an_assignment_by_hr_shows_on_the_next_page(client, lena, org):
    course = factories.course_tree("Pflicht", self_enrolment=False)
    lesson = lessons(course)[0]
    assert client.get(lesson.url).status_code == 302  # not enrolled
    client.get("/my/")
    hanna = factories.staff("hanna", org["verband"], roles=(Role.HR,)).user
    services.assignment_create(course=course, created_by=hanna, unit=org["verband"])
    titles = [a.get_text() for a in soup(client.get("/my/")).select(".card__title a")]
    assert "Pflicht" in titles
    assert client.get(lesson.url).status_code == 200


def test_one_learners_progress_never_shows_for_another(client, org):
    course = factories.course_tree("Ethik", modules=1, lessons=3)
    lena = factories.staff("lena", org["pflege_a"]).user
    volker = factories.staff("volker", org["pflege_a"]).user
    first = lessons(course)[0]
    for user in (lena, volker):
        services.course_self_enrol(user=user, course=course)
    client.force_login(lena)
    client.get(first.url)
    client.post(reverse("lesson-complete", args=[first.pk]))
    lena_page = soup(client.get(first.url))
    assert lena_page.select(".lesson-outline .done")
    client.force_login(volker)
    for url in (first.url, course.url):
        page = soup(client.get(url))
        assert not page.select(".done"), url
        assert "Lena" not in page.get_text()
        assert "Volker" in page.select_one(".site-header__user").get_text()
    assert "You completed" not in soup(client.get(first.url)).get_text()


def test_published_changes_show_on_the_next_page(client, lena):
    course = factories.course_tree("Ethik", modules=1, lessons=3)
    services.course_self_enrol(user=lena, course=course)
    first, second, third = lessons(course)
    client.get(first.url)
    client.get(course.url)
    second.title = "Neu benannt"
    second.save_revision().publish()
    outline = soup(client.get(first.url)).select(".lesson-outline li a")
    assert [a.get_text() for a in outline][1] == "Neu benannt"
    third.unpublish()
    assert client.get(third.url).status_code == 404
    outline = soup(client.get(course.url)).select(".outline__lessons a")
    assert [a.get_text() for a in outline] == [first.title, "Neu benannt"]


def test_a_role_given_shows_in_the_navigation_at_once(client, lena):
    def has_hr_link():
        return bool(soup(client.get("/my/")).find("a", href=reverse("hr-home")))

    assert not has_hr_link()
    profile = lena.profile
    from django.contrib.auth.models import Group

    lena.groups.add(Group.objects.get(name=Role.HR.value))
    profile.refresh_from_db()
    assert has_hr_link()
    lena.groups.remove(Group.objects.get(name=Role.HR.value))
    assert not has_hr_link()


# Sizes ------------------------------------------------------------------------


def test_lesson_page_is_light_and_compressed(client, org):
    setup = make_quiz()
    user = learner("lena", org, setup)
    client.force_login(user)
    client.get(setup.lesson.url)
    response = client.get(setup.lesson.url)
    assert len(response.content) < 100_000
    compressed = client.get(setup.lesson.url, headers={"accept-encoding": "gzip"})
    assert compressed["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in compressed["Vary"]
    html = gzip.decompress(compressed.content)
    assert b"Datenschutz-Check" in html
    assert len(compressed.content) < len(html) / 3


def test_platform_javascript_is_under_30_kb_gzipped():
    js = Path(__file__).resolve().parents[2] / "theme" / "static" / "theme" / "js"
    sizes = {
        path.name: len(gzip.compress(path.read_bytes(), 9)) for path in js.glob("*.js")
    }
    assert sizes
    assert sum(sizes.values()) < 30_000, sizes


def test_hashed_static_files_are_cached_for_a_year(settings, tmp_path):
    """Production stores static files under hashed names (the manifest) and
    WhiteNoise serves those as immutable for a year."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.management import call_command
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        },
    }
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    settings.DEBUG = False
    # (changing STORAGES resets staticfiles_storage to the production one)
    call_command("collectstatic", "--noinput", verbosity=0)
    url = staticfiles_storage.url("theme/js/offline.js")
    assert url != "/static/theme/js/offline.js"  # a hashed name
    middleware = WhiteNoiseMiddleware(lambda request: None)
    static_file = middleware.files.get(url)
    assert static_file is not None
    headers = dict(static_file.get_response("GET", {}).headers)
    assert "immutable" in headers["Cache-Control"]
    assert "max-age=315360000" in headers["Cache-Control"]
    assert (tmp_path / url.removeprefix("/static/")).with_suffix(".js.gz").exists()
