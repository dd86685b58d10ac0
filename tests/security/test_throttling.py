"""Logins are throttled per name and address (django-axes): after five
failures the pair is locked out for 15 minutes with the platform's own page,
the lockout is in the audit log, and other people can still log in."""

import pytest
from axes.models import AccessAttempt
from django.test import override_settings
from django.urls import reverse

from lms.audit.models import AuditAction, AuditEvent
from tests import factories
from tests.people.helpers import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("axes_on")]


@pytest.fixture
def axes_on():
    with override_settings(AXES_ENABLED=True):
        yield


@pytest.fixture
def lena(db):
    return factories.UserFactory(username="lena")


def log_in(client, username, password, ip="203.0.113.5", url=None):
    return client.post(
        url or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=ip,
    )


def test_five_failures_lock_the_name_out_even_with_the_right_password(client, lena):
    for _ in range(4):
        assert log_in(client, "lena", "wrong").status_code == 200
    locked = log_in(client, "lena", "wrong")
    assert locked.status_code == 429
    page = soup(locked)
    assert page.h1.get_text(strip=True) == "Too many failed logins"
    assert "15 minutes" in page.select_one("[role=alert]").get_text()
    assert "Account locked" not in locked.content.decode()  # not axes' own text

    again = log_in(client, "lena", "secret-pass-123")
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_is_in_the_audit_log(client, lena):
    for _ in range(5):
        log_in(client, "lena", "wrong")
    event = AuditEvent.objects.filter(action=AuditAction.LOCKED_OUT).first()
    assert event is not None
    assert event.subject == lena
    assert event.details == {}  # no address kept


def test_the_lock_is_per_name_and_address(client, lena):
    factories.UserFactory(username="volker")
    for _ in range(5):
        log_in(client, "lena", "wrong")
    # Someone else at the same address, and lena from another address, log in.
    assert log_in(client, "volker", "secret-pass-123").status_code == 302
    client.logout()
    assert (
        log_in(client, "lena", "secret-pass-123", ip="198.51.100.7").status_code == 302
    )


def test_a_success_resets_the_count(client, lena):
    for _ in range(4):
        log_in(client, "lena", "wrong")
    assert log_in(client, "lena", "secret-pass-123").status_code == 302
    client.logout()
    assert not AccessAttempt.objects.filter(username="lena").exists()
    for _ in range(4):
        assert log_in(client, "lena", "wrong").status_code == 200


@override_settings(AXES_FAILURE_LIMIT=2)
def test_the_limit_is_a_setting(client, lena):
    log_in(client, "lena", "wrong")
    assert log_in(client, "lena", "wrong").status_code == 429


def test_the_wagtail_admin_login_is_throttled_too(client, lena):
    url = reverse("wagtailadmin_login")
    for _ in range(5):
        response = log_in(client, "lena", "wrong", url=url)
    assert response.status_code == 429
    assert "Too many failed logins" in response.content.decode()


def test_the_lockout_page_speaks_german(client, lena):
    client.cookies["django_language"] = "de"
    for _ in range(5):
        response = log_in(client, "lena", "wrong")
    assert response.status_code == 429
    assert soup(response).html["lang"] == "de"
