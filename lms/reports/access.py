"""Who may see which report, and how much of it.

HR sees their managed units and everything below; a manager (role Manager)
sees the reports of their own teams (their managed units) without HR's rights
over staff records; admins see everything. Names appear only for viewers with
`reports.view_named_reports` (granted to HR with the role); everyone else sees
aggregates. Aggregates over fewer than settings.REPORT_MIN_CELL people are
suppressed in HR views and exports, so no one's result can be read off a
small team."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from lms.people.models import OrganisationUnit
from lms.people.selectors import is_hr, is_manager, units_in_scope


def may_use_reports(user: AbstractBaseUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or is_hr(user) or is_manager(user)
    )


def report_units(user: AbstractBaseUser) -> QuerySet[OrganisationUnit]:
    return units_in_scope(user, managers_too=True)


def may_see_names(user: AbstractBaseUser) -> bool:
    return user.is_superuser or user.has_perm("reports.view_named_reports")


def min_cell() -> int:
    return settings.REPORT_MIN_CELL


def is_suppressed(people: int) -> bool:
    """A group of 1..min_cell-1 people is too small to show; 0 is just empty."""
    return 0 < people < min_cell()


def reports_required(view):
    """Anonymous visitors go to the login page; others without HR rights get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not may_use_reports(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
