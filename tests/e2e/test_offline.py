"""Offline in Chromium with the network switched off: lena stores a course,
learns in it without a network (pages, navigation, a lesson completed, a card
note, a case choice, a quiz, an H5P exercise, a confirmed statement), and
everything reaches the server exactly once when the network is back; also
after her session expired while she was offline, when the server is
unreachable though the browser is online, and by Background Sync with no page
open. A change the server refuses stays visible until she discards it."""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from courses.models import ActivityAttempt, CoursePage, LessonPage, LessonProgress
from courses.services import course_self_enrol
from lms.activities.models import (
    CardNote,
    CaseReflection,
    CaseResponse,
    H5PAttempt,
    QuizAttempt,
)
from lms.sync.models import SyncItem

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

COURSE = "digital-zusammenarbeiten"
DATA_PROTECTION = "datenschutz-im-sozialwesen"
STATUS = "[data-offline-status]"


@pytest.fixture
def context(browser):
    """A browser profile of its own: its own service worker, caches and queue."""
    context = browser.new_context(locale="de-DE", service_workers="allow")
    yield context
    context.close()


@pytest.fixture
def app(context):
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def lessons(course) -> list[LessonPage]:
    return list(LessonPage.objects.live().descendant_of(course).order_by("path"))


def store(page, base_url: str, course) -> None:
    """Make the course available offline from its page, watching the bar."""
    page.goto(base_url + course.url)
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    if not page.evaluate("Boolean(navigator.serviceWorker.controller)"):
        page.reload()  # loaded while the worker was still installing
    page.evaluate(
        """() => {
          window.offlineProgress = [];
          const bar = document.querySelector("[data-offline-progress] progress");
          new MutationObserver(() => window.offlineProgress.push(bar.value))
            .observe(bar, { attributes: true });
        }"""
    )
    page.click("[data-offline-store]")
    expect(page.locator("[data-offline-update]")).to_be_visible(timeout=60_000)
    expect(page.locator("[data-offline-remove]")).to_be_visible()
    expect(page.locator("[data-offline-store]")).to_be_hidden()
    seen = page.evaluate("window.offlineProgress")
    assert seen and seen[-1] == 100, seen
    assert seen == sorted(seen)
    assert re.search(r"\bMB\b", page.locator("[data-offline-message]").inner_text())


def waiting(page, count: int) -> None:
    # Sending waits for the network and the server: give a loaded CI machine time.
    expect(page.locator(STATUS)).to_have_attribute(
        "data-waiting", str(count), timeout=20_000
    )


def lena_with_a_stored_lesson(app, demo):
    """Lena enrolled in "Digital zusammenarbeiten", logged in, the course stored
    on her device; its lesson without activities besides "done"."""
    lena = get_user_model().objects.get(username="lena")
    course = CoursePage.objects.get(slug=COURSE)
    course_self_enrol(user=lena, course=course)
    log_in(app, demo.url, "lena")
    store(app, demo.url, course)
    return lena, LessonPage.objects.get(slug="dokumente-gemeinsam-nutzen")


def test_lena_learns_offline_and_everything_arrives_once(app, context, demo):
    """The issue's walk: the data-protection course stored, then offline three
    lessons and more, a lesson completed, a quiz answered, true-false.h5p
    played, a reflection written; back online everything arrives once."""
    lena = get_user_model().objects.get(username="lena")
    course = CoursePage.objects.get(slug=DATA_PROTECTION)
    pages = lessons(course)
    by_slug = {lesson.slug: lesson for lesson in pages}
    log_in(app, demo.url, "lena")
    # Online first: she chooses in the case, so the stored page asks for
    # her reflection (lena is enrolled by HR's assignment).
    app.goto(demo.url + by_slug["geraete-und-fotos"].url)
    choice = app.locator("form.case__choice")
    choice.locator("input[name=option]").first.check()
    choice.locator("button[type=submit]").click()
    expect(app.locator("form.case__reflections")).to_be_visible()
    app.goto(demo.url + course.url)
    store(app, demo.url, course)
    assert_accessible(app)
    names = app.evaluate("caches.keys()")
    assert any(n.startswith(f"lms-course-u{lena.pk}-c{course.pk}-") for n in names)

    context.set_offline(True)
    app.reload()
    expect(app.locator("h1")).to_have_text(course.title)
    expect(app.locator(STATUS)).to_have_class(re.compile("offline-status--offline"))

    # Every lesson opens, and the pager leads from one to the next.
    app.click(f".outline a[href='{pages[0].url}']")
    for lesson, following in zip(pages, [*pages[1:], None], strict=True):
        expect(app.locator("main h1")).to_have_text(lesson.title)
        assert app.url == demo.url + lesson.url
        if following:
            app.click("a[rel=next]")

    # A page that is not stored: the offline page, listing what is.
    app.goto(demo.url + "/courses/digitale-ethik/")
    shell = app.locator("[data-offline-page=shell]")
    expect(shell.locator(f"a[href='{course.url}']")).to_be_visible()
    expect(shell.locator(f"a[href='{pages[0].url}']")).to_be_visible()
    assert_accessible(app)

    # The lesson's own "done" button.
    first = by_slug["dsgvo-kdg-dsg-ekd"]
    app.goto(demo.url + first.url)
    app.click("form[action$='/complete/'] button")
    expect(app.locator("form[action$='/complete/'] .offline-note")).to_be_visible()
    waiting(app, 1)
    # H5P: the player runs from the stored files; its result waits.
    app.goto(demo.url + by_slug["datenpannen-melden"].url)
    app.wait_for_selector("[data-h5p-player][data-h5p-ready=true]")
    frame = app.frame_locator("iframe.h5p-iframe")
    frame.get_by_role("radio", name="False").click()
    frame.get_by_role("button", name="Check").click()
    waiting(app, 2)

    # A reflection on the case.
    app.goto(demo.url + by_slug["geraete-und-fotos"].url)
    reflect = app.locator("form.case__reflections")
    for area in reflect.locator("textarea").all():
        area.fill("Offline: Handy sofort sperren lassen.")
    reflect.locator("button[type=submit]").click()
    expect(reflect.locator(".offline-note")).to_be_visible()
    waiting(app, 3)

    # The quiz: answered offline, scored later, and the page says so.
    app.goto(demo.url + by_slug["datenpannen-melden"].url)
    quiz = app.locator("form.quiz__form")
    for question in quiz.locator("fieldset").all():
        question.locator("input").first.check()
    quiz.locator("button[type=submit]").click()
    expect(quiz.locator(".offline-note")).to_be_visible()
    waiting(app, 4)

    # The confidentiality statement, confirmed.
    app.goto(demo.url + by_slug["sozialgeheimnis-und-schweigepflicht"].url)
    confirm = app.locator("section.activity--acknowledgement form")
    confirm.locator("input[name=confirmed]").check()
    confirm.locator("button[type=submit]").click()
    expect(confirm.locator(".offline-note")).to_be_visible()
    waiting(app, 5)
    assert SyncItem.objects.count() == 0

    context.set_offline(False)
    waiting(app, 0)
    expect(app.locator(STATUS)).not_to_have_class(re.compile("offline-status--offline"))
    items = SyncItem.objects.filter(user=lena)
    assert items.count() == 5
    assert set(items.values_list("status", flat=True)) == {"stored"}
    assert LessonProgress.objects.get(user=lena, lesson=first).completed_at
    reflections = CaseReflection.objects.filter(response__user=lena)
    assert any("Handy sofort sperren" in r.text for r in reflections)
    assert QuizAttempt.objects.filter(user=lena).count() == 1
    assert H5PAttempt.objects.filter(user=lena).count() == 1
    assert ActivityAttempt.objects.filter(
        user=lena, lesson=by_slug["sozialgeheimnis-und-schweigepflicht"]
    ).exists()

    # Sent once: a reload sends nothing again.
    app.goto(demo.url + "/my/offline/")
    waiting(app, 0)
    expect(
        app.locator("[data-offline-courses] a", has_text=course.title)
    ).to_be_visible()
    assert SyncItem.objects.count() == 5
    assert_accessible(app)


def test_a_card_note_and_a_case_choice_wait_offline_too(app, context, demo):
    lena = get_user_model().objects.get(username="lena")
    course = CoursePage.objects.get(slug=COURSE)
    by_slug = {lesson.slug: lesson for lesson in lessons(course)}
    log_in(app, demo.url, "lena")
    app.goto(demo.url + course.url)
    app.click(f"form[action='/my/courses/{course.pk}/enrol/'] button")
    store(app, demo.url, course)

    context.set_offline(True)
    app.goto(demo.url + by_slug["regeln-fuer-team-chats"].url)
    note = app.locator("form.deck-card__note").first
    note.locator("textarea").fill("Offline geschrieben: Chat nur bis 18 Uhr.")
    note.locator("button[type=submit]").click()
    expect(note.locator(".offline-note")).to_be_visible()
    app.goto(demo.url + by_slug["online-besprechungen-und-ehrenamt"].url)
    choice = app.locator("form.case__choice")
    choice.locator("input[name=option]").first.check()
    choice.locator("button[type=submit]").click()
    expect(choice.locator(".offline-note")).to_be_visible()
    waiting(app, 2)
    # Back in a stored page, the note waits in its card.
    app.goto(demo.url + by_slug["regeln-fuer-team-chats"].url)
    expect(app.locator("form.deck-card__note textarea").first).to_have_value(
        "Offline geschrieben: Chat nur bis 18 Uhr."
    )

    context.set_offline(False)
    waiting(app, 0)
    assert CardNote.objects.get(user=lena).text.startswith("Offline geschrieben")
    assert CaseResponse.objects.filter(user=lena).count() == 1


def test_an_expired_session_keeps_the_queue_until_lena_logs_in(app, context, demo):
    lena, lesson = lena_with_a_stored_lesson(app, demo)

    context.set_offline(True)
    app.goto(demo.url + lesson.url)
    app.click("form[action$='/complete/'] button")
    waiting(app, 1)
    context.clear_cookies()  # the session ends while lena is offline

    context.set_offline(False)
    login = app.locator(f"{STATUS} a[href^='/accounts/login/']")
    expect(login).to_be_visible()
    waiting(app, 1)
    assert SyncItem.objects.count() == 0

    login.click()
    expect(app.locator(f"{STATUS} a[href^='/accounts/login/']")).to_be_visible()
    app.fill("#id_username", "lena")
    app.fill("#id_password", "demo")
    app.locator("main form button[type=submit]").click()
    # The lesson's H5P player may keep "load" waiting; the queue is sent by
    # the page's module script, which runs once the document is parsed.
    app.wait_for_url(demo.url + lesson.url, wait_until="domcontentloaded")
    waiting(app, 0)
    assert SyncItem.objects.get().status == "stored"
    assert LessonProgress.objects.get(user=lena, lesson=lesson).completed_at


def test_a_refused_change_stays_visible_until_discarded(app, demo):
    lena = get_user_model().objects.get(username="lena")
    log_in(app, demo.url, "lena")
    app.goto(demo.url + "/my/offline/")
    app.evaluate(
        """(user) => globalThis.lmsQueue.add(
             String(user), "lesson.completed", { lesson: 999999 },
             { path: "/my/lessons/999999/complete/", label: "Verschwunden" })""",
        lena.pk,
    )
    app.reload()  # every page load sends what waits
    rejected = app.locator(".offline-page__queue--rejected li")
    expect(rejected).to_have_count(1)
    expect(rejected.locator(".offline-page__reason")).not_to_be_empty()
    expect(app.locator(f"{STATUS} a[href='/my/offline/']")).to_be_visible()
    assert SyncItem.objects.get().status == "rejected"
    assert_accessible(app)

    app.reload()  # still there: nothing is dropped silently
    expect(rejected).to_have_count(1)
    rejected.locator("button").click()
    expect(rejected).to_have_count(0)
    expect(app.locator(STATUS)).to_have_attribute("data-rejected", "0")


def test_a_course_changed_on_the_server_is_stored_again_on_the_next_visit(app, demo):
    lena = get_user_model().objects.get(username="lena")
    course = CoursePage.objects.get(slug=COURSE)
    course_self_enrol(user=lena, course=course)
    log_in(app, demo.url, "lena")
    store(app, demo.url, course)
    before = app.evaluate("caches.keys()")

    lesson = LessonPage.objects.get(slug="gesunde-grenzen")
    lesson.title = "Gesunde Grenzen, überarbeitet"
    lesson.save_revision().publish()
    fetched = []
    app.on("request", lambda request: fetched.append(request.url))
    app.goto(demo.url + "/my/")
    app.goto(demo.url + course.url)
    expect(app.locator("[data-offline-update]")).to_be_enabled(timeout=60_000)
    expect(app.locator("[data-offline-message]")).to_contain_text("MB")
    after = app.evaluate("caches.keys()")
    prefix = f"lms-course-u{lena.pk}-c{course.pk}-"
    old = [name for name in before if name.startswith(prefix)]
    new = [name for name in after if name.startswith(prefix)]
    assert len(old) == len(new) == 1 and old != new  # the old version is gone
    # Unchanged files came from the old cache: only pages were fetched again.
    assert not [url for url in fetched if "/h5p/" in url or "h5p-standalone" in url]
    assert demo.url + lesson.url in fetched

    app.context.set_offline(True)
    app.goto(demo.url + lesson.url)
    expect(app.locator("main h1")).to_have_text("Gesunde Grenzen, überarbeitet")


def test_the_self_assessment_is_kept_offline(app, context, demo):
    from lms.competencies.models import Evidence, EvidenceSource

    lena = get_user_model().objects.get(username="lena")
    log_in(app, demo.url, "lena")
    url = demo.url + "/my/competences/self-assessment/digcomp-2-2/"
    app.goto(url)
    app.evaluate("navigator.serviceWorker.ready.then(() => true)")
    app.reload()  # seen online by the worker: kept for offline use
    before = Evidence.objects.filter(user=lena, source=EvidenceSource.SELF).count()

    context.set_offline(True)
    app.reload()
    form = app.locator("form.self-assessment")
    form.locator("fieldset").nth(0).locator("input[type=radio]").nth(2).check()
    form.locator("fieldset").nth(1).locator("input[type=radio]").nth(1).check()
    form.locator("button[type=submit]").first.click()
    expect(form.locator(".offline-note")).to_be_visible()
    waiting(app, 1)

    context.set_offline(False)
    waiting(app, 0)
    assert SyncItem.objects.get().type == "selfassessment.saved"
    after = Evidence.objects.filter(user=lena, source=EvidenceSource.SELF).count()
    assert after == before + 2


def test_logging_out_closes_the_stored_pages(app, context, demo):
    lena = get_user_model().objects.get(username="lena")
    course = CoursePage.objects.get(slug=COURSE)
    course_self_enrol(user=lena, course=course)
    log_in(app, demo.url, "lena")
    store(app, demo.url, course)
    app.locator(".logout-form button").click()
    app.wait_for_url(re.compile(r"/accounts/login/"))

    context.set_offline(True)
    app.goto(demo.url + course.url)
    shell = app.locator("[data-offline-page=shell]")
    expect(shell).to_be_visible()
    expect(shell.locator(f"a[href='{course.url}']")).to_have_count(0)


def test_a_form_sent_while_the_server_is_unreachable_is_kept(app, context, demo):
    """The browser says it is online, but requests fail (a captive Wi-Fi, a
    server restarting): the service worker keeps the change in the queue,
    and it is sent at a page load once the server answers again."""
    lena, lesson = lena_with_a_stored_lesson(app, demo)
    app.goto(demo.url + lesson.url)
    assert app.evaluate("navigator.onLine")

    def unreachable(route):
        route.abort("connectionrefused")

    context.route(f"**/my/lessons/{lesson.pk}/complete/", unreachable)
    context.route("**/api/sync/", unreachable)
    app.click("form[action$='/complete/'] button")
    waiting(app, 1)
    expect(app.locator("main h1")).to_have_text(lesson.title)
    assert not LessonProgress.objects.filter(
        user=lena, lesson=lesson, completed_at__isnull=False
    )

    context.unroute_all()
    app.reload()
    waiting(app, 0)
    assert LessonProgress.objects.get(user=lena, lesson=lesson).completed_at
    assert SyncItem.objects.get(user=lena).type == "lesson.completed"


def test_background_sync_sends_the_queue_with_no_page_open(app, context, demo):
    """Chromium wakes the service worker with a "sync" event when the network
    is back; it sends the queue by itself, with the platform's pages closed."""
    lena, lesson = lena_with_a_stored_lesson(app, demo)

    context.set_offline(True)
    app.goto(demo.url + lesson.url)
    app.click("form[action$='/complete/'] button")
    waiting(app, 1)
    blank = context.new_page()
    cdp = context.new_cdp_session(blank)
    registrations = []
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    app.close()  # no page of the platform is open any more
    context.set_offline(False)
    blank.wait_for_timeout(500)
    (registration,) = [r for r in registrations if not r["isDeleted"]][:1]
    cdp.send(
        "ServiceWorker.dispatchSyncEvent",
        {
            "origin": demo.url,
            "registrationId": registration["registrationId"],
            "tag": "lms-sync",
            "lastChance": False,
        },
    )
    for _ in range(100):
        if SyncItem.objects.filter(user=lena).exists():
            break
        blank.wait_for_timeout(200)
    assert LessonProgress.objects.get(user=lena, lesson=lesson).completed_at
    assert SyncItem.objects.get(user=lena).type == "lesson.completed"
