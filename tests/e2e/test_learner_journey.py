import re

import pytest

from courses.models import Enrolment

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

    page.get_by_role("link", name="Digitale Ethik in der Sozialen Arbeit").first.click()
    page.wait_for_url(re.compile(r"/courses/digitale-ethik/$"))
    assert_accessible(page)
    before = _progress(page)

    page.locator(".outline__lessons a").nth(1).click()
    page.wait_for_url(re.compile(r"/courses/digitale-ethik/.+/.+/$"))
    assert page.locator("h1").inner_text()
    assert_accessible(page)
    page.locator(".lesson__completion button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".message--success").is_visible()

    page.goto(f"{demo.url}/courses/digitale-ethik/")
    assert _progress(page) > before


def test_acknowledgement_completes_lesson_and_course_certificate(page, demo):
    log_in(page, demo.url, "volker")
    page.goto(f"{demo.url}/courses/datenschutz-im-sozialwesen/")
    lessons = page.locator(".outline__lessons a")
    count = lessons.count()
    for index in range(count):
        page.goto(f"{demo.url}/courses/datenschutz-im-sozialwesen/")
        page.locator(".outline__lessons a").nth(index).click()
        page.wait_for_load_state()
        acknowledgement = page.locator(".activity form")
        if acknowledgement.count():
            assert_accessible(page)
            acknowledgement.locator("input[type=checkbox]").check()
            acknowledgement.locator("button").click()
        else:
            page.locator(".lesson__completion button[type=submit]").click()
        page.wait_for_load_state()
    enrolment = Enrolment.objects.get(
        user__username="volker", course__slug="datenschutz-im-sozialwesen"
    )
    assert enrolment.completed_at is not None
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
