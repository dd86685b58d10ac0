"""What reports keep of their own: who looked at whose data (the audit log),
which reminders went out, and monthly snapshots for the trend.

Reports read every other app; nothing imports this one."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.competencies.models import Competency
from lms.people.models import JobRole, OrganisationUnit, StaffType


class ReportKind(models.TextChoices):
    MATRIX = "matrix", _("Competence matrix")
    COMPLIANCE = "compliance", _("Compliance")
    INDIVIDUAL = "individual", _("Individual competence record")
    TREND = "trend", _("Trend")
    REMINDER = "reminder", _("Reminder sent")


class AuditEntry(models.Model):
    """One view or export of a report that contained personal data.
    Append-only: rows are never changed (admins read them at /reports/audit/)."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(_("who (name)"), max_length=150)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    report = models.CharField(_("report"), max_length=16, choices=ReportKind.choices)
    output = models.CharField(_("output"), max_length=8, default="html")
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    people_count = models.PositiveIntegerField(_("people"), default=0)
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("about"),
        help_text=_("The person, for an individual record or a reminder."),
    )

    class Meta:
        ordering = ["-at", "-pk"]
        permissions = [
            ("view_named_reports", _("Can see people's names in reports")),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ValidationError(_("The audit log is never changed."))
        super().save(*args, **kwargs)


class ReminderLog(models.Model):
    """A reminder email about a mandatory course; at most one per person and
    course within settings.REPORT_REMINDER_INTERVAL_DAYS."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["user", "course", "-sent_at"])]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")


class TargetSnapshot(models.Model):
    """The matrix numbers of one month, per unit (not subtree), competency,
    staff type and job role, taken from TargetStatus by `reports_snapshot`
    (monthly, from cron or the task runner); the trend sums them up a subtree."""

    month = models.DateField()
    unit = models.ForeignKey(
        OrganisationUnit, on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="+"
    )
    staff_type = models.CharField(max_length=16, choices=StaffType.choices)
    job_role = models.ForeignKey(
        JobRole, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    people = models.PositiveIntegerField()
    meeting = models.PositiveIntegerField()

    class Meta:
        # One row per month and cell: the snapshot command replaces a month's
        # rows in one transaction (a unique constraint would need NULLS NOT
        # DISTINCT for job_role, which SQLite lacks).
        indexes = [
            models.Index(fields=["competency", "month"]),
            models.Index(fields=["month"]),
        ]
