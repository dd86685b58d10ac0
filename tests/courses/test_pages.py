import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.test.utils import CaptureQueriesContext

from courses import services
from courses.models import LessonPage
from lms.people.models import Role, StaffType
from lms.response_cache.versions import people_changed
from tests import factories

pytestmark = pytest.mark.django_db


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def lena(org, client):
    profile = factories.staff("lena", org["pflege_a"])
    client.force_login(profile.user)
    return profile.user


def test_pages_require_login(client, org):
    course = factories.course_tree("Ethik")
    for url in ["/my/", "/courses/", course.url]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_my_learning_shows_progress_and_continue_link(client, lena):
    ethik = factories.course_tree("Ethik", modules=1, lessons=4)
    services.course_self_enrol(user=lena, course=ethik)
    lessons = list(LessonPage.objects.live().descendant_of(ethik).order_by("path"))
    client.get(lessons[0].url)
    client.post(f"/my/lessons/{lessons[0].pk}/complete/")
    page = soup(client.get("/my/"))
    bar = page.select_one(".card progress")
    assert bar["value"] == "25"
    assert "Ethik Lektion 1-1" in page.select_one(".continue").get_text()
    assert page.find("a", string="Continue") or "Ethik Lektion 1-2" in page.get_text()


def test_catalogue_search_and_filters(client, lena):
    factories.course_tree("Messenger im Alltag", summary="WhatsApp, Signal und Threema")
    factories.course_tree("Pflegedoku", audience="paid")
    factories.course_tree("Ehrenamt digital", audience="volunteer")
    titles = lambda r: [a.get_text() for a in soup(r).select(".card__title a")]  # noqa: E731
    assert titles(client.get("/courses/")) == ["Messenger im Alltag", "Pflegedoku"]
    assert titles(client.get("/courses/", {"q": "Threema"})) == ["Messenger im Alltag"]
    assert titles(client.get("/courses/", {"audience": "paid"})) == ["Pflegedoku"]


def test_catalogue_filters_by_topic(client, lena):
    from courses.models import Topic

    topic = Topic.objects.create(name="Datenschutz", slug="datenschutz")
    course = factories.course_tree("DSGVO")
    course.topics.add(topic)
    course.save()
    factories.course_tree("Chat")
    response = client.get("/courses/", {"topic": "datenschutz"})
    assert [a.get_text() for a in soup(response).select(".card__title a")] == ["DSGVO"]


def test_enrol_button_and_lesson_completion_flow(client, lena):
    ethik = factories.course_tree("Ethik", modules=1, lessons=2)
    page = soup(client.get(ethik.url))
    assert page.find("button", string="Enrol in this course")
    lesson = LessonPage.objects.live().descendant_of(ethik).order_by("path").first()
    assert client.get(lesson.url).status_code == 302  # not enrolled yet
    client.post(f"/my/courses/{ethik.pk}/enrol/")
    response = client.get(lesson.url)
    assert response.status_code == 200
    assert soup(response).find("button", string="Mark lesson as complete")
    client.post(f"/my/lessons/{lesson.pk}/complete/")
    page = soup(client.get(ethik.url))
    assert page.select_one(".panel progress")["value"] == "50"
    assert "completed" in page.select_one(".outline__lessons li").get_text()


def test_finished_course_shows_date_and_certificate(client, lena, org):
    ethik = factories.course_tree("Ethik", modules=1, lessons=1)
    services.course_self_enrol(user=lena, course=ethik)
    lesson = LessonPage.objects.live().descendant_of(ethik).get()
    assert client.get(f"/my/courses/{ethik.pk}/certificate/").status_code == 404
    client.post(f"/my/lessons/{lesson.pk}/complete/")
    assert (
        "Completed on" in soup(client.get("/my/")).select_one(".card__done").get_text()
    )
    certificate = soup(client.get(f"/my/courses/{ethik.pk}/certificate/"))
    text = certificate.get_text(" ")
    assert "Certificate of participation" in text
    assert "Lena Muster" in text and "Ethik" in text and "Verband Nord" in text


def test_assigned_only_course_cannot_be_self_enrolled(client, lena):
    course = factories.course_tree("Datenschutz", self_enrolment=False)
    response = client.post(f"/my/courses/{course.pk}/enrol/")
    assert response.status_code == 403


def test_volunteer_does_not_see_paid_only_course(client, org):
    volker = factories.staff("volker", org["beratung_b"], StaffType.VOLUNTEER).user
    client.force_login(volker)
    course = factories.course_tree("Pflegedoku", audience="paid")
    assert client.get(course.url).status_code == 403


def test_acknowledgement_completes_lesson_in_browserless_flow(client, lena):
    course = factories.course("Schweigepflicht")
    module = factories.module(course, "Grundlagen")
    lesson = factories.lesson(
        module,
        "Verpflichtung",
        body=[("acknowledgement", {"statement": "Ich wahre die Schweigepflicht."})],
    )
    services.course_self_enrol(user=lena, course=course)
    page = soup(client.get(lesson.url))
    assert not page.find("button", string="Mark lesson as complete")
    form = page.select_one(".activity form")
    client.post(form["action"], {"confirmed": "1"})
    page = soup(client.get(lesson.url))
    assert "Confirmed" in page.select_one(".activity").get_text()
    assert (
        "You completed this lesson" in page.select_one(".lesson__completion").get_text()
    )


def test_learner_cannot_see_participants(client, lena):
    course = factories.course_tree("Ethik")
    assert client.get(f"/trainer/courses/{course.pk}/participants/").status_code == 403


def test_trainer_sees_participants_and_downloads_csv(client, org):
    tara = factories.staff(
        "tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER)
    ).user
    lena = factories.staff("lena", org["pflege_a"]).user
    course = factories.course_tree("Ethik", modules=2, lessons=1)
    course.trainers.add(tara)
    course.save()
    services.course_self_enrol(user=lena, course=course)
    services.lesson_mark_complete(
        user=lena,
        lesson=LessonPage.objects.descendant_of(course).order_by("path").first(),
    )
    client.force_login(tara)
    page = soup(client.get(f"/trainer/courses/{course.pk}/participants/"))
    row = page.select_one("tbody tr")
    assert "Lena Muster" in row.get_text()
    assert [td.get_text() for td in row.select("td")][1:4] == ["100 %", "0 %", "50 %"]
    response = client.get(
        f"/trainer/courses/{course.pk}/participants/", {"format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith(
        "Username,Name,Organisation unit,Ethik Modul 1,Ethik Modul 2"
    )
    assert lines[1].startswith("lena,Lena Muster,Pflege am See,100,0,50,")


def test_trainer_cannot_see_other_trainers_course(client, org):
    tara = factories.staff(
        "tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER)
    ).user
    course = factories.course_tree("Ethik")
    client.force_login(tara)
    assert client.get(f"/trainer/courses/{course.pk}/participants/").status_code == 403


def _queries(client, url) -> int:
    """Queries to render the page, with what is shared kept: the learner's
    kept pages (lms/response_cache) are dropped first."""
    people_changed([client.session[SESSION_KEY]])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_course_page_query_count_is_constant(client, lena):
    small = factories.course_tree("Klein", modules=1, lessons=1)
    big = factories.course_tree("Gross", modules=4, lessons=6)
    for course in (small, big):
        services.course_self_enrol(user=lena, course=course)
        first = LessonPage.objects.descendant_of(course).order_by("path").first()
        services.lesson_mark_complete(user=lena, lesson=first)
    for course in (small, big):  # warm: routes and outlines kept (page_cache)
        _queries(client, course.url)
    assert _queries(client, small.url) == _queries(client, big.url) <= 6


def test_lesson_page_query_count_is_constant(client, lena):
    small = factories.course_tree("Klein", modules=1, lessons=2)
    big = factories.course_tree("Gross", modules=5, lessons=6)
    urls = []
    for course in (small, big):
        services.course_self_enrol(user=lena, course=course)
        urls.append(LessonPage.objects.descendant_of(course).order_by("path")[1].url)
    for url in urls:  # the first visit creates the progress row
        _queries(client, url)
    assert _queries(client, urls[0]) == _queries(client, urls[1])


def test_dashboard_query_count_is_constant(client, lena):
    factories.course_tree("Eins", modules=1, lessons=1)
    services.course_self_enrol(user=lena, course=factories.course_tree("Zwei"))
    _queries(client, "/my/")
    few = _queries(client, "/my/")
    for n in range(5):
        course = factories.course_tree(f"Kurs {n}", modules=3, lessons=3)
        services.course_self_enrol(user=lena, course=course)
        lesson = LessonPage.objects.descendant_of(course).order_by("path").first()
        services.lesson_mark_complete(user=lena, lesson=lesson)
    factories.course_tree("Offen", modules=2, lessons=2)
    _queries(client, "/my/")  # warm again: new pages, a new content version
    assert _queries(client, "/my/") == few <= 8


def test_refused_self_enrolment_explains_why(client, lena):
    course = factories.course_tree("Pflichtkurs", self_enrolment=False)
    response = client.post(f"/my/courses/{course.pk}/enrol/")
    assert response.status_code == 403
    assert "assigned by HR" in soup(response).select_one("main").get_text()


def test_trainer_previews_lessons_without_enrolling(client, org):
    tara = factories.staff("tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER))
    course = factories.course_tree("Ethik", modules=1, lessons=1)
    client.force_login(tara.user)
    outline_link = soup(client.get(course.url)).select_one(".outline__lessons a")
    response = client.get(outline_link["href"])
    assert response.status_code == 200
    assert "Preview" in soup(response).select_one(".lesson__completion").get_text()


def test_trainer_activity_overview_lists_each_activity(client, org):
    from content.models import Case

    tara = factories.staff("tara", org["verband"], roles=(Role.LEARNER, Role.TRAINER))
    course = factories.course("Fallarbeit")
    course.trainers.add(tara.user)
    course.save()
    case = Case.objects.create(
        title="Das Diensthandy",
        setting="Beratungsstelle",
        story="<p>Verloren.</p>",
        options=[
            ("option", {"label": "Melden", "feedback": "<p>Gut.</p>"}),
            ("option", {"label": "Warten", "feedback": "<p>Nein.</p>"}),
        ],
    )
    module = factories.module(course, "Praxis")
    factories.lesson(
        module,
        "Fall",
        body=[
            ("case", {"case": case, "required": True}),
            ("acknowledgement", {"statement": "Verstanden.", "required": False}),
        ],
    )
    factories.lesson(module, "Ohne Aktivitaet")
    client.force_login(tara.user)
    page = soup(client.get(f"/trainer/courses/{course.pk}/activities/"))
    items = [li.get_text(" ", strip=True) for li in page.select("main section li")]
    assert len(items) == 2
    assert "Das Diensthandy" in items[0]
    assert "optional" in items[1]
    assert page.find("a", string="Choices and shared reflections")
    lena = factories.staff("lena", org["pflege_a"])
    client.force_login(lena.user)
    assert client.get(f"/trainer/courses/{course.pk}/activities/").status_code == 403
