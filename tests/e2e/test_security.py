"""Security in Chromium: the Wagtail admin works under its Content-Security-
Policy (editing a lesson with its StreamField), and hanna sets up two-factor
login with an authenticator and logs in with a code."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from courses.models import LessonPage

from .conftest import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def csp_violations(page) -> list[str]:
    found = []

    def on_console(message):
        if "Content Security Policy" in message.text:
            found.append(f"{page.url}: {message.text[:300]}")

    page.on("console", on_console)
    return found


def test_the_admin_edits_a_lesson_without_csp_violations(page, demo):
    violations = csp_violations(page)
    page.goto(f"{demo.url}/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "demo")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{demo.url}/admin/")

    lesson = LessonPage.objects.live().first()
    page.goto(f"{demo.url}/admin/pages/{lesson.pk}/edit/")
    page.wait_for_selector("[data-streamfield-stream-container]")
    # Open the block chooser of the StreamField (a Stimulus/JS widget).
    page.locator("button[title='Insert a block'], .c-sf-add-button").first.click()
    page.wait_for_selector(".w-combobox, [role=listbox]")
    page.keyboard.press("Escape")
    page.goto(f"{demo.url}/admin/documents/")
    page.goto(f"{demo.url}/admin/images/")
    assert not violations, "\n".join(violations)


def test_hanna_sets_up_two_factor_login_and_logs_in_with_a_code(page, demo, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # no wait after the replayed code
    violations = csp_violations(page)
    base = demo.url
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", "hanna")
    page.fill("#id_password", "demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/my/")

    page.get_by_role("link", name="Zwei-Faktor-Anmeldung").or_(
        page.locator("a[href='/my/two-factor/']")
    ).first.click()
    page.wait_for_url(f"{base}/my/two-factor/")
    assert page.locator(".two-factor__qr-box svg").is_visible()
    secret = page.locator(".two-factor__secret").inner_text().replace(" ", "")
    assert re.fullmatch(r"[A-Z2-7]+", secret)
    assert_accessible(page)

    device = TOTPDevice.objects.get(user__username="hanna")
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"{base}/my/two-factor/")
    device.refresh_from_db()
    assert device.confirmed

    page.locator("form.logout-form button").click()
    page.wait_for_url(f"{base}/accounts/login/")
    page.fill("#id_username", "hanna")
    page.fill("#id_password", "demo")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r".*/accounts/login/code/.*"))
    assert_accessible(page)
    # The same code again (replayed) is refused; the next one works.
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.locator("main form button[type=submit]").first.click()
    assert page.locator("[role=alert]").is_visible()
    page.fill("input[name=code]", f"{totp(device.bin_key, drift=1):06d}")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"{base}/my/")
    assert not violations, "\n".join(violations)
