from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lms.people import services
from lms.people.models import Invitation, Role, StaffType
from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db


def test_role_groups_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert {r.value for r in Role} <= names
    hr = Group.objects.get(name=Role.HR.value)
    assert hr.permissions.filter(codename="view_staffprofile").exists()


def test_staff_create_without_password_cannot_log_in(org):
    profile = services.staff_create(
        username="paula", unit=org["pflege_a"], last_name="Pohl", password=None
    )
    assert not profile.user.has_usable_password()
    assert profile.user.groups.filter(name=Role.LEARNER.value).exists()
    assert profile.unit == org["pflege_a"]


def test_staff_create_rejects_taken_username(org):
    factories.staff("paula", org["haus_a"])
    with pytest.raises(ValidationError):
        services.staff_create(username="paula", unit=org["haus_a"])


def _invitation(org, **fields):
    hanna = hr_user("hanna", org["haus_a"])
    return services.invitation_create(
        unit=org["pflege_a"], created_by=hanna, job_role=None, **fields
    )


def _redeem(code, username="vera"):
    return services.invitation_redeem(
        code=code,
        username=username,
        password="a-long-secret-42",
        first_name="Vera",
        last_name="Voss",
    )


def test_invitation_redeem_creates_volunteer_in_unit_and_counts_use(org):
    invitation = _invitation(org)
    profile = _redeem(invitation.code.lower())
    assert profile.unit == org["pflege_a"]
    assert profile.staff_type == StaffType.VOLUNTEER
    assert profile.user.check_password("a-long-secret-42")
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_invitation_outside_scope_is_refused(org):
    hanna = hr_user("hanna", org["haus_a"])
    with pytest.raises(PermissionDenied):
        services.invitation_create(unit=org["beratung_b"], created_by=hanna)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"revoked": True}, "withdrawn"),
        ({"expires_at": timezone.now() - timedelta(minutes=1)}, "expired"),
        ({"uses": 2, "max_uses": 2}, "used as often as allowed"),
    ],
)
def test_unusable_invitation_is_refused_with_a_clear_message(org, change, expected):
    invitation = _invitation(org)
    Invitation.objects.filter(pk=invitation.pk).update(**change)
    with pytest.raises(ValidationError) as error:
        _redeem(invitation.code)
    assert expected in error.value.messages[0]
    assert not factories.UserFactory._meta.model.objects.filter(
        username="vera"
    ).exists()


def test_last_use_is_counted_and_then_refused(org):
    invitation = _invitation(org, max_uses=1)
    _redeem(invitation.code, "vera")
    with pytest.raises(ValidationError):
        _redeem(invitation.code, "veit")
    invitation.refresh_from_db()
    assert invitation.uses == 1


def test_failed_redeem_does_not_use_up_the_invitation(org):
    factories.staff("vera", org["haus_a"])
    invitation = _invitation(org)
    with pytest.raises(ValidationError):
        _redeem(invitation.code, "vera")
    invitation.refresh_from_db()
    assert invitation.uses == 0
