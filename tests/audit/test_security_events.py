"""The security audit log: who logged in, who failed, who changed whose roles,
and that no one can rewrite what was logged."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from lms.audit.models import AuditAction, AuditEvent
from lms.people.models import Role
from tests import factories


@pytest.fixture
def lena(org):
    """Lena, with the log emptied of her account's creation (its role grant)."""
    user = factories.staff("lena", org["pflege_a"]).user
    assert AuditEvent.objects.get().action == AuditAction.ROLE_CHANGED
    AuditEvent.objects.all().delete()
    return user


def _actions():
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


def test_a_login_and_a_logout_are_logged(client, lena):
    client.post(reverse("login"), {"username": "lena", "password": "secret-pass-123"})
    client.post(reverse("logout"))
    assert _actions() == [AuditAction.LOGIN, AuditAction.LOGOUT]
    assert {e.subject for e in AuditEvent.objects.all()} == {lena}


def test_a_failed_login_names_the_account_but_never_the_password(client, lena):
    client.post(reverse("login"), {"username": "lena", "password": "wrong-guess-1"})
    client.post(reverse("login"), {"username": "nobody-here", "password": "x"})
    events = list(AuditEvent.objects.order_by("pk"))
    assert [e.action for e in events] == [AuditAction.LOGIN_FAILED] * 2
    assert events[0].subject == lena
    assert events[1].subject is None
    assert "wrong-guess-1" not in str(events[0].details)
    assert "nobody-here" not in str(events[1].details)


def test_an_admin_giving_hr_rights_in_the_admin_is_logged_with_both_names(
    client, org, lena
):
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    hr = Group.objects.get(name=Role.HR)
    edit = reverse("wagtailusers_users:edit", args=[lena.pk])
    form = BeautifulSoup(client.get(edit).content, "html.parser")
    assert form.find("input", attrs={"name": "username"}) is not None
    response = client.post(
        edit,
        {
            "username": "lena",
            "email": lena.email,
            "first_name": lena.first_name,
            "last_name": lena.last_name,
            "is_active": "on",
            "groups": [str(g.pk) for g in lena.groups.all()] + [str(hr.pk)],
        },
    )
    assert response.status_code == 302, response.content[:2000]
    event = AuditEvent.objects.get(action=AuditAction.ROLE_CHANGED)
    assert (event.actor, event.subject) == (admin, lena)
    assert event.details == {"added": ["HR"]}


def test_logged_events_cannot_be_changed(lena):
    client_event = AuditEvent.objects.create(action=AuditAction.LOGIN, subject=lena)
    client_event.action = AuditAction.LOGOUT
    with pytest.raises(ValidationError):
        client_event.save()
    with pytest.raises(ValidationError):
        AuditEvent.objects.update(action=AuditAction.LOGOUT)
    assert _actions() == [AuditAction.LOGIN]


def test_admins_read_security_events_and_others_may_not(client, lena):
    client.post(reverse("login"), {"username": "lena", "password": "secret-pass-123"})
    assert client.get(reverse("reports-audit") + "?log=security").status_code == 403
    admin = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client.force_login(admin)
    page = client.get(reverse("reports-audit") + "?log=security")
    rows = BeautifulSoup(page.content, "html.parser").select("tbody tr")
    cells = [[td.get_text() for td in r.find_all("td")] for r in rows]
    assert [(c[1], c[3]) for c in cells] == [
        ("Logged in", "root"),
        ("Logged in", "lena"),
    ]


def test_making_someone_an_administrator_or_blocking_them_is_logged(lena):
    lena.is_superuser = True
    lena.save()
    lena.is_active = False
    lena.save(update_fields=["is_active"])
    lena.save(update_fields=["last_login"])
    events = AuditEvent.objects.order_by("pk")
    assert [e.details for e in events] == [{"superuser": True}, {"active": False}]
    assert {e.action for e in events} == {AuditAction.ROLE_CHANGED}
