"""Reads for the privacy pages: how much is stored about a person, in one
query whatever the amount, and who looked at their record."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.reports.models import AuditEntry

from .export import role_label, roles_of
from .inventory import Category, categories


class _CountDistinct(Func):
    # Not an aggregate to Django, so the subquery gets no GROUP BY: one
    # COUNT over the rows the category's filter selects.
    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = IntegerField()


def _count(rows: QuerySet) -> Coalesce:
    counted = rows.order_by().annotate(n=_CountDistinct(F("pk"))).values("n")
    return Coalesce(Subquery(counted), 0)


@dataclass
class CategoryCount:
    category: Category
    count: int


def data_summary(user: AbstractBaseUser) -> list[CategoryCount]:
    """Every category with the number of its entries (one query)."""
    found = categories()
    counts = (
        get_user_model()
        .objects.filter(pk=user.pk)
        .annotate(
            **{
                f"n_{category.key}": _count(category.rows(OuterRef("pk")))
                for category in found
            }
        )
        .values(*(f"n_{category.key}" for category in found))
        .get()
    )
    return [CategoryCount(c, counts[f"n_{c.key}"]) for c in found]


@dataclass
class RecordView:
    at: object
    report: str
    output: str
    viewer: str


def record_views(user: AbstractBaseUser, *, limit: int = 10) -> list[RecordView]:
    """The latest views of the person's record by anyone, with the viewer's
    role (two queries)."""
    entries = list(
        AuditEntry.objects.filter(subject=user).order_by("-at", "-pk")[:limit]
    )
    labels = roles_of((entry.actor_id for entry in entries), user)
    return [
        RecordView(
            at=entry.at,
            report=entry.get_report_display(),
            output=entry.output,
            viewer=role_label(labels, entry.actor_id),
        )
        for entry in entries
    ]


@dataclass
class RetentionPeriod:
    what: str
    period: str


def period_text(value: int, unit: str) -> str:
    if unit == "months":
        return ngettext("%(n)s month", "%(n)s months", value) % {"n": value}
    if unit == "years":
        return ngettext("%(n)s year", "%(n)s years", value) % {"n": value}
    return ngettext("%(n)s day", "%(n)s days", value) % {"n": value}


def _rule(what: str, setting: str, unit: str, when_set: str, when_off: str):
    value = getattr(settings, setting)
    if not value:
        return RetentionPeriod(what, when_off)
    return RetentionPeriod(what, when_set % {"period": period_text(value, unit)})


def retention_periods() -> list[RetentionPeriod]:
    """The periods as the privacy page states them, read from the same
    settings `apply_retention` applies."""
    kept = _("kept")
    deleted_after = _("deleted after %(period)s")
    return [
        _rule(
            _("Volunteer accounts nobody logged in to"),
            "RETENTION_INACTIVE_VOLUNTEER_MONTHS",
            "months",
            _("erased after %(period)s without a login"),
            _("kept until an administrator erases them"),
        ),
        RetentionPeriod(
            _("Paid staff accounts"),
            _("kept while you work here; an administrator erases them when you leave"),
        ),
        _rule(
            _("Proof of training of an erased account (courses, evidence)"),
            "RETENTION_TRAINING_RECORDS_YEARS",
            "years",
            _("kept without the name for %(period)s after the erasure, then deleted"),
            _("kept without the name"),
        ),
        _rule(
            _("Security log (logins, role changes) and the log of who opened reports"),
            "RETENTION_AUDIT_MONTHS",
            "months",
            deleted_after,
            kept,
        ),
        _rule(
            _("Content sent from offline use (texts, answers as sent)"),
            "RETENTION_SYNC_ITEMS_MONTHS",
            "months",
            _("removed after %(period)s; what it changed stays in your learning"),
            kept,
        ),
        _rule(
            _("Records of login attempts (user name, IP address, browser)"),
            "RETENTION_LOGIN_ATTEMPTS_DAYS",
            "days",
            deleted_after,
            kept,
        ),
        _rule(
            _("Log of reminder emails"),
            "RETENTION_REMINDERS_MONTHS",
            "months",
            deleted_after,
            kept,
        ),
    ]
