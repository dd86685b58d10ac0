"""HR and administrators need longer passwords than everyone else."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from tests import factories
from tests.people.helpers import hr_user

pytestmark = pytest.mark.django_db


def test_hr_needs_14_characters(org):
    hanna = hr_user("hanna", org["haus_a"])
    with pytest.raises(ValidationError, match="at least 14 characters"):
        validate_password("Kaffeetasse7!", user=hanna)
    validate_password("Kaffeetasse-am-See-7", user=hanna)


def test_superusers_need_14_characters(db):
    admin = factories.UserFactory(username="root", is_superuser=True)
    with pytest.raises(ValidationError, match="at least 14 characters"):
        validate_password("Kaffeetasse7!", user=admin)


def test_learners_keep_the_general_minimum_of_10(org):
    lena = factories.staff("lena", org["pflege_a"]).user
    validate_password("Kaffeetasse7!", user=lena)
    with pytest.raises(ValidationError):
        validate_password("Kaffee7!", user=lena)
