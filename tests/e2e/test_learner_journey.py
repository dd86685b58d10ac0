import re

import pytest

from courses.models import Enrolment, LessonPage

from .conftest import assert_accessible, log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def _progress(page) -> int:
    return int(page.locator(".panel progress").get_attribute("value"))


def test_lena_completes_a_lesson_and_sees_progress_move(page, demo):
    page.goto(f"{demo.url}/my/")
    assert "/accounts/login/" in page.url
    assert_accessible(page)
    log_in(page, demo.url, "lena")
    assert_accessible(page)

    page.get_by_role("link", name="Datenschutz im Sozialwesen").first.click()
    page.wait_for_url(re.compile(r"/courses/datenschutz-im-sozialwesen/$"))
    assert_accessible(page)
    before = _progress(page)

    page.locator(".outline__lessons a").first.click()
    page.wait_for_url(re.compile(r"/courses/datenschutz-im-sozialwesen/.+/.+/$"))
    assert page.locator("h1").inner_text()
    assert_accessible(page)
    page.locator(".lesson__completion button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()

    page.goto(f"{demo.url}/courses/datenschutz-im-sozialwesen/")
    assert _progress(page) > before


def _do_the_activity(page):
    """Complete whatever the lesson asks for, as a learner would."""
    acknowledgement = page.locator(".activity--acknowledgement form")
    case = page.locator("form.case__choice")
    quiz = page.locator("form.quiz__form")
    if acknowledgement.count():
        acknowledgement.locator("input[type=checkbox]").check()
        acknowledgement.locator("button").click()
    elif case.count():
        case.locator("input[type=radio]").first.check()
        case.locator("button[type=submit]").click()
    elif quiz.count():
        lesson = LessonPage.objects.get(
            pk=int(quiz.get_attribute("action").split("/")[3])
        )
        block_id = quiz.get_attribute("action").split("/")[5]
        (block,) = [b for b in lesson.body if b.id == block_id]
        for question in block.value["questions"].bound_blocks:
            for option in question.value["options"].bound_blocks:
                if option.value["correct"]:
                    page.locator(f"#quiz-{block_id}-{option.id}").check()
        quiz.locator("button[type=submit]").click()
    else:
        page.locator(".lesson__completion button[type=submit]").click()
    page.wait_for_load_state()


def test_volker_finishes_the_mandatory_course_with_its_activities(page, demo):
    log_in(page, demo.url, "volker")
    course_url = f"{demo.url}/courses/datenschutz-im-sozialwesen/"
    page.goto(course_url)
    count = page.locator(".outline__lessons a").count()
    for index in range(count):
        page.goto(course_url)
        page.locator(".outline__lessons a").nth(index).click()
        page.wait_for_load_state()
        assert_accessible(page)
        _do_the_activity(page)
    enrolment = Enrolment.objects.get(
        user__username="volker", course__slug="datenschutz-im-sozialwesen"
    )
    assert enrolment.completed_at is not None
    page.goto(course_url)
    assert _progress(page) == 100
    page.goto(f"{demo.url}/my/courses/{enrolment.course_id}/certificate/")
    assert "Volker Vogt" in page.locator(".certificate").inner_text()
    assert_accessible(page)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")


def test_keyboard_skip_link_and_language_switch(page, demo):
    log_in(page, demo.url, "lena")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    page.select_option("#language-select", "da")
    page.locator(".language-form button").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "da"
    assert_accessible(page)
