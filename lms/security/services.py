"""Switching two-factor login on and off; both are in the audit log."""

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from lms.audit.models import AuditAction
from lms.audit.services import audit_event_record

DEVICE_NAME = "authenticator"


def totp_device_pending(*, user) -> TOTPDevice:
    """The unconfirmed device being set up (its secret is shown until a code
    confirms it)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
        device.full_clean()
        device.save()
    return device


@transaction.atomic
def two_factor_enable(*, user, device: TOTPDevice) -> TOTPDevice:
    """Confirm the device once the caller has checked a code from it."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_event_record(action=AuditAction.TWO_FACTOR_ENABLED, actor=user, subject=user)
    return device


@transaction.atomic
def two_factor_disable(*, user, actor=None) -> int:
    """Remove every device of the user (actor: who did it; None for a command)."""
    devices = TOTPDevice.objects.filter(user=user)
    was_on = devices.filter(confirmed=True).exists()
    deleted, _ = devices.delete()
    if was_on:
        audit_event_record(
            action=AuditAction.TWO_FACTOR_DISABLED, actor=actor, subject=user
        )
    return deleted
