"""Two-factor login (TOTP) for HR and admins: set up by scanning and
confirming a code, asked for after the password on both the platform's and
Wagtail's login, and never skipped by going to /admin/ directly."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.audit.models import AuditAction, AuditEvent
from tests import factories
from tests.people.helpers import hr_user, messages_of, soup

pytestmark = pytest.mark.django_db

PASSWORD = "secret-pass-123"


@pytest.fixture(autouse=True)
def no_wait(settings):
    """django-otp makes you wait 1, 2, 4 … seconds after a wrong code; the
    tests do not wait (one test checks the wait itself)."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code(device, ahead=0) -> str:
    """The code the authenticator app shows now (ahead=1: in 30 seconds)."""
    value = totp(
        device.bin_key, device.step, device.t0, device.digits, device.drift + ahead
    )
    return f"{value:06d}"


@pytest.fixture
def hanna(org):
    return hr_user("hanna", org["haus_a"])


@pytest.fixture
def device(hanna):
    return TOTPDevice.objects.create(user=hanna, name="authenticator", confirmed=True)


def log_in(client, username="hanna", url=None):
    return client.post(
        url or reverse("login"), {"username": username, "password": PASSWORD}
    )


def enter(client, value, url=None):
    return client.post(url or reverse("two-factor-verify"), {"code": value})


def test_hr_and_admins_find_it_in_their_menu_learners_do_not(client, hanna, org):
    client.force_login(hanna)
    page = soup(client.get(reverse("my-learning")))
    assert page.select_one(".site-nav a[href='/my/two-factor/']")

    lena = factories.staff("lena", org["pflege_a"]).user
    client.force_login(lena)
    page = soup(client.get(reverse("my-learning")))
    assert not page.select_one("a[href='/my/two-factor/']")
    assert client.get(reverse("two-factor")).status_code == 404

    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get(reverse("two-factor")).status_code == 200


def test_setting_up_shows_a_qr_code_and_needs_a_correct_code(client, hanna):
    client.force_login(hanna)
    page = soup(client.get(reverse("two-factor")))
    qr = page.select_one(".two-factor__qr-box svg")
    assert qr is not None and qr.find("path")  # drawn here, no image fetched
    secret = page.select_one(".two-factor__secret").get_text().replace(" ", "")
    pending = TOTPDevice.objects.get(user=hanna)
    assert not pending.confirmed
    assert secret in pending.config_url

    wrong = client.post(reverse("two-factor"), {"code": "000000"})
    assert "This code is not right" in wrong.content.decode()
    pending.refresh_from_db()
    assert not pending.confirmed

    response = client.post(reverse("two-factor"), {"code": code(pending)}, follow=True)
    assert "Two-factor login is now switched on." in messages_of(response)
    pending.refresh_from_db()
    assert pending.confirmed
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_ENABLED)
    assert event.actor == hanna and event.subject == hanna
    # The session that set it up counts as verified.
    assert client.get(reverse("my-learning")).status_code == 200


def test_login_asks_for_the_code_after_the_password(client, device):
    response = log_in(client)
    assert response.status_code == 302
    # Logged in with the password only: everything leads to the code page.
    mine = client.get(reverse("my-learning"))
    assert mine.status_code == 302
    assert mine["Location"] == "/accounts/login/code/?next=%2Fmy%2F"
    assert client.get(reverse("hr-home")).status_code == 302
    # Nor can it switch two-factor login off.
    assert client.post(reverse("two-factor"), {"code": "123456"}).status_code == 403

    page = client.get(mine["Location"])
    assert page.status_code == 200
    assert soup(page).select_one("input[autocomplete=one-time-code]")

    wrong = enter(client, "000000")
    assert wrong.status_code == 200
    assert "This code is not right" in wrong.content.decode()
    assert client.get(reverse("my-learning")).status_code == 302

    right = client.post(
        reverse("two-factor-verify"), {"code": code(device), "next": "/hr/"}
    )
    assert right.status_code == 302
    assert right["Location"] == "/hr/"
    assert client.get(reverse("my-learning")).status_code == 200


def test_a_wrong_code_is_in_the_audit_log(client, device, hanna):
    log_in(client)
    enter(client, "000000")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.subject == hanna
    assert event.details == {"step": "two_factor_code"}


def test_a_used_code_cannot_be_used_again(client, device):
    log_in(client)
    used = code(device)
    assert enter(client, used).status_code == 302
    client.post(reverse("logout"))

    log_in(client)
    replay = enter(client, used)
    assert replay.status_code == 200
    assert "has been used" in replay.content.decode()
    assert client.get(reverse("my-learning")).status_code == 302
    # The next code works.
    assert enter(client, code(device, ahead=1)).status_code == 302


def test_wrong_codes_make_you_wait(client, device, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 60
    log_in(client)
    enter(client, "000000")
    response = enter(client, code(device))  # right, but too soon
    assert "Too many wrong codes" in response.content.decode()
    assert client.get(reverse("my-learning")).status_code == 302


def test_the_wagtail_admin_cannot_be_reached_without_the_code(client, device, hanna):
    hanna.groups.add(Group.objects.get(name="Admin"))
    response = log_in(client, url=reverse("wagtailadmin_login"))
    assert response.status_code == 302

    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/documents/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/code/?next=")
    # Writing is refused outright.
    assert client.post("/admin/pages/search/").status_code == 403

    enter(client, code(device))
    assert client.get("/admin/").status_code == 200


def test_a_superuser_with_a_device_needs_the_code_for_the_admin(client):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    device = TOTPDevice.objects.create(user=admin, name="a", confirmed=True)
    client.post(
        reverse("wagtailadmin_login"), {"username": "root", "password": PASSWORD}
    )
    assert client.get("/admin/").status_code == 302
    enter(client, code(device))
    assert client.get("/admin/").status_code == 200


def test_switching_off_needs_a_code_and_is_logged(client, device, hanna):
    log_in(client)
    enter(client, code(device))
    refused = client.post(reverse("two-factor"), {"code": "000000"})
    assert "This code is not right" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=hanna).exists()

    response = client.post(
        reverse("two-factor"), {"code": code(device, ahead=1)}, follow=True
    )
    assert "Two-factor login is now switched off." in messages_of(response)
    assert not TOTPDevice.objects.filter(user=hanna, confirmed=True).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_DISABLED)
    assert event.actor == hanna and event.subject == hanna

    client.post(reverse("logout"))
    log_in(client)
    assert client.get(reverse("my-learning")).status_code == 200


def test_learners_log_in_as_before(client, org):
    factories.staff("lena", org["pflege_a"])
    log_in(client, "lena")
    assert client.get(reverse("my-learning")).status_code == 200


def test_an_organisation_can_require_it_for_a_role(client, hanna, settings):
    settings.TWO_FACTOR_REQUIRED_ROLES = ["HR"]
    log_in(client)
    response = client.get(reverse("my-learning"))
    assert response["Location"] == "/my/two-factor/?next=%2Fmy%2F"
    page = client.get(reverse("two-factor"))
    assert "requires two-factor login" in page.content.decode()

    pending = TOTPDevice.objects.get(user=hanna)
    done = client.post(reverse("two-factor"), {"code": code(pending), "next": "/my/"})
    assert done["Location"] == "/my/"
    assert client.get(reverse("my-learning")).status_code == 200
    # And it cannot be switched off.
    client.post(reverse("two-factor"), {"code": code(pending, ahead=1)})
    assert TOTPDevice.objects.filter(user=hanna, confirmed=True).exists()


def test_reset_command_for_a_lost_phone(device, hanna):
    from django.core.management import call_command

    call_command("two_factor_reset", "hanna")
    assert not TOTPDevice.objects.filter(user=hanna).exists()
    event = AuditEvent.objects.get(action=AuditAction.TWO_FACTOR_DISABLED)
    assert event.actor is None and event.subject == hanna
