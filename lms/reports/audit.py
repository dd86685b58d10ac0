"""Writes to the audit log: every view or export of a report with personal data."""

from django.contrib.auth.models import AbstractBaseUser

from .models import AuditEntry


def audit_record(
    *,
    user: AbstractBaseUser,
    report: str,
    output: str,
    filters: dict,
    people_count: int,
    subject: AbstractBaseUser | None = None,
) -> AuditEntry:
    entry = AuditEntry(
        actor=user,
        actor_name=user.get_username(),
        report=report,
        output=output,
        filters=filters,
        people_count=people_count,
        subject=subject,
    )
    entry.full_clean()
    entry.save()
    return entry
