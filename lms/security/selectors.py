"""Who may, who must, and who has set up two-factor login (TOTP)."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice


def _roles(user) -> set[str]:
    names = set(user.groups.values_list("name", flat=True))
    if user.is_superuser:
        names.add("Admin")
    return names


def two_factor_offered(user) -> bool:
    return user.is_authenticated and bool(_roles(user) & set(settings.TWO_FACTOR_ROLES))


def two_factor_required(user) -> bool:
    required = set(settings.TWO_FACTOR_REQUIRED_ROLES)
    return bool(required) and user.is_authenticated and bool(_roles(user) & required)


def confirmed_device(user) -> TOTPDevice | None:
    if not user.is_authenticated:
        return None
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()
