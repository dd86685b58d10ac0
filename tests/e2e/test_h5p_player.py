"""H5P in a lesson, in Chromium: lena plays true-false and a question set; the
server records the root statements as attempts and the lesson moves on."""

import gzip
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from content.models import H5PPackage
from courses.models import ActivityAttempt, LessonPage, LessonProgress
from lms.activities.models import H5PAttempt, H5PUserData, XAPIStatement
from tests.fixtures import H5P_FIXTURES

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

FIXTURES = str(H5P_FIXTURES)
LESSON_SLUG = "dsgvo-kdg-dsg-ekd"
STATEMENTS = "/api/xapi/statements"
PLAYER_FILES = [
    "h5p-standalone/main.bundle.js",
    "h5p-standalone/frame.bundle.js",
    "h5p-standalone/styles/h5p.css",
]


def place(name: str) -> LessonPage:
    """Import a fixture package and add it as a required block to a seeded lesson
    that has no activities yet."""
    out = io.StringIO()
    call_command("import_h5p", f"{FIXTURES}/{name}", stdout=out)
    package = H5PPackage.objects.get(pk=int(out.getvalue().strip().splitlines()[-1]))
    lesson = LessonPage.objects.get(slug=LESSON_SLUG)
    assert not lesson.activity_ids()
    lesson.body.append(
        (
            "h5p",
            {
                "package": package,
                "pass_mark": 100,
                "counting": "best",
                "required": True,
            },
        )
    )
    lesson.save()
    return lesson


def open_lesson(page, demo, lesson):
    log_in(page, demo.url, "lena")
    page.goto(demo.url + lesson.url)
    page.wait_for_selector("[data-h5p-player][data-h5p-ready=true]")
    return page.frame_locator("iframe.h5p-iframe")


def leave(page, demo):
    """Leave the lesson (which saves the player's state) and let the save land
    while this test's database still exists."""
    page.goto(demo.url + "/my/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)


def xapi_posted(response) -> bool:
    return STATEMENTS in response.url and response.request.method == "POST"


def test_true_false_records_a_passed_attempt_and_moves_progress(page, demo):
    lesson = place("true-false.h5p")
    fetched: dict[str, bytes] = {}
    external: list[str] = []

    def note(response):
        url = response.url
        if not url.startswith(demo.url):
            external.append(url)
        elif "/h5p/" in url or "h5p-standalone" in url:
            fetched[url] = response.body()

    page.on("response", note)
    frame = open_lesson(page, demo, lesson)
    frame.get_by_role("radio", name="False").click()
    with page.expect_response(xapi_posted) as posted:
        frame.get_by_role("button", name="Check").click()
    response = posted.value
    assert response.status == 200
    assert response.json()["completed"] is True

    attempt = H5PAttempt.objects.get()
    assert (attempt.raw_score, attempt.max_score, attempt.scaled_score) == (1, 1, 1)
    assert attempt.success is True
    assert attempt.user.username == "lena"
    statement = attempt.statement.raw
    assert statement["actor"]["mbox"] == f"mailto:{attempt.user.pk}@users.lms.invalid"
    assert ActivityAttempt.objects.filter(
        user=attempt.user, lesson=lesson, completed=True
    ).exists()
    progress = LessonProgress.objects.get(user=attempt.user, lesson=lesson)
    assert progress.completed_at is not None

    status = page.locator(".h5p-block__status")
    assert "1 / 1" in status.inner_text()
    assert not external, external
    assert_accessible(page)

    page.reload()
    page.wait_for_selector("[data-h5p-player][data-h5p-ready=true]")
    assert "1 / 1" in page.locator(".h5p-block__status").inner_text()
    assert page.locator(".h5p-block__status .done").count() == 1
    leave(page, demo)
    report_sizes(fetched)


def test_question_set_records_one_attempt_from_the_root_statement(page, demo):
    lesson = place("question-set.h5p")
    posts = []
    page.on("response", lambda r: posts.append(r) if xapi_posted(r) else None)
    frame = open_lesson(page, demo, lesson)
    frame.get_by_role("button", name="Start Quiz").click()
    for number in range(1, 6):
        question = frame.locator(".question-container:visible")
        question.locator("[role=radio], [role=checkbox]").first.click()
        question.get_by_role("button", name="Check").click()
        if number < 5:
            # QuestionSet's navigation is links with a class, not buttons.
            question.locator(".h5p-question-next").click()
    with page.expect_response(xapi_posted) as posted:
        frame.locator(".question-container:visible .h5p-question-finish").click()
    assert posted.value.status == 200
    assert posted.value.json()["results"][0]["status"] == "stored"

    attempt = H5PAttempt.objects.get()
    assert attempt.max_score == 5
    assert attempt.statement.verb.endswith("/completed")
    assert XAPIStatement.objects.count() == 1
    assert len(posts) == 1  # the children never left the browser
    assert_accessible(page)
    leave(page, demo)


def test_the_state_is_saved_for_resuming(page, demo):
    lesson = place("true-false.h5p")
    frame = open_lesson(page, demo, lesson)
    frame.get_by_role("radio", name="True").click()
    # Leaving the page saves the state (a beacon; H5P itself saves every 15 s).
    page.goto(demo.url + "/my/")
    for _ in range(50):
        if H5PUserData.objects.exists():
            break
        page.wait_for_timeout(100)
    row = H5PUserData.objects.get()
    assert row.data_type == "state"
    page.goto(demo.url + lesson.url)
    page.wait_for_selector("[data-h5p-player][data-h5p-ready=true]")
    radio = page.frame_locator("iframe.h5p-iframe").get_by_role("radio", name="True")
    expect(radio).to_have_attribute("aria-checked", "true")
    leave(page, demo)


def report_sizes(fetched: dict[str, bytes]):
    """Print the player's and the package's download (pytest -s shows it)."""
    static_root = Path(settings.BASE_DIR) / "node_modules" / "h5p-standalone" / "dist"
    lines = []
    total_raw = total_gz = 0
    for name in PLAYER_FILES:
        data = (static_root / name.removeprefix("h5p-standalone/")).read_bytes()
        gz = len(gzip.compress(data, 9))
        total_raw += len(data)
        total_gz += gz
        lines.append(f"  {name}: {len(data)} B raw, {gz} B gzip")
    lines.append(f"  player total: {total_raw} B raw, {total_gz} B gzip")
    for label, part in (
        ("package content", "/h5p/content/"),
        ("libraries", "/h5p/libraries/"),
    ):
        files = [body for url, body in fetched.items() if part in url]
        raw = sum(len(body) for body in files)
        gz = sum(len(gzip.compress(body, 9)) for body in files)
        lines.append(f"  {label}: {len(files)} files, {raw} B raw, {gz} B gzip")
    print("\nH5P download sizes:\n" + "\n".join(lines))  # noqa: T201
