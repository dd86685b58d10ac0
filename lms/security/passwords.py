"""A longer minimum for the people who can see and change others' data."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def is_privileged(user) -> bool:
    """HR, admins, superusers and anyone with Django admin staff status."""
    if user is None or not getattr(user, "pk", None):
        return bool(user and (user.is_superuser or user.is_staff))
    if user.is_superuser or user.is_staff:
        return True
    return user.groups.filter(name__in=settings.TWO_FACTOR_ROLES).exists()


class PrivilegedMinimumLengthValidator:
    def __init__(self, min_length: int = 14):
        self.min_length = min_length

    def validate(self, password, user=None):
        if is_privileged(user) and len(password) < self.min_length:
            raise ValidationError(
                ngettext(
                    "Your role needs a password of at least %(min_length)d character.",
                    "Your role needs a password of at least %(min_length)d characters.",
                    self.min_length,
                )
                % {"min_length": self.min_length},
                code="password_too_short_privileged",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _(
            "HR staff and administrators need at least %(min_length)d characters."
        ) % {"min_length": self.min_length}
