"""Reads for the privacy pages: how much is stored about a person, in one
query whatever the amount, and who looked at their record."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import F, Func, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

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
    setting: str


def _period(value: int, unit: str) -> str:
    from django.utils.translation import ngettext

    if unit == "months":
        return ngettext("%(n)s month", "%(n)s months", value) % {"n": value}
    if unit == "years":
        return ngettext("%(n)s year", "%(n)s years", value) % {"n": value}
    return ngettext("%(n)s day", "%(n)s days", value) % {"n": value}


def retention_periods() -> list[RetentionPeriod]:
    """The periods as the privacy page states them, read from the same
    settings `apply_retention` applies."""
    from django.conf import settings
    from django.utils.translation import gettext as _

    def period(setting: str, unit: str, when_set: str, when_off: str) -> RetentionPeriod:
        value = getattr(settings, setting)
        if not value:
            return RetentionPeriod("", when_off, setting)
        return RetentionPeriod("", when_set % {"period": _period(value, unit)}, setting)

    rows = [
        (
            _("Volunteer accounts nobody logged in to"),
            period(
                "RETENTION_INACTIVE_VOLUNTEER_MONTHS",
                "months",
                _("erased after %(period)s without a login"),
                _("kept until someone erases them"),
            ),
        ),
        (
            _("Paid staff accounts"),
            RetentionPeriod(
                "",
                _("kept while you work here; erased by an administrator when you leave"),
                "",
            ),
        ),
        (
            _("Proof of training of an erased account (courses completed, evidence)"),
            period(
                "RETENTION_TRAINING_RECORDS_YEARS",
                "years",
                _("kept without your name for %(period)s after the erasure, then deleted"),
                _("kept without your name"),
            ),
        ),
        (
            _("Security log (logins, role changes) and the log of who opened reports"),
            period(
                "RETENTION_AUDIT_MONTHS",
                "months",
                _("deleted after %(period)s"),
                _("kept"),
            ),
        ),
        (
            _("Content sent from offline use (texts, answers as sent)"),
            period(
                "RETENTION_SYNC_ITEMS_MONTHS",
                "months",
                _("removed after %(period)s; what it changed stays in your learning"),
                _("kept"),
            ),
        ),
        (
            _("Records of login attempts (user name, IP address, browser)"),
            period(
                "RETENTION_LOGIN_ATTEMPTS_DAYS",
                "days",
                _("deleted after %(period)s"),
                _("kept"),
            ),
        ),
        (
            _("Log of reminder emails"),
            period(
                "RETENTION_REMINDERS_MONTHS",
                "months",
                _("deleted after %(period)s"),
                _("kept"),
            ),
        ),
    ]
    result = []
    for what, row in rows:
        row.what = what
        result.append(row)
    return result
