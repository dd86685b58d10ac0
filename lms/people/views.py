"""HR's organisation and staff pages, the CSV import, invitations and joining.

Thin views: parse the form, call a service or selector, render. Every object
is looked up through a scoped selector, so anything outside the HR user's
units is simply not found (404) rather than forbidden, and reveals nothing.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from .forms import (
    ImportForm,
    InvitationForm,
    JoinCodeForm,
    JoinForm,
    StaffCreateForm,
    StaffEditForm,
    UnitCreateForm,
)
from .imports import CSV_COLUMNS, OPTIONAL_COLUMNS, staff_import
from .models import Invitation

INVITATION_ERROR_CODES = {"unknown", "revoked", "expired", "used_up"}


def hr_required(view):
    """Anonymous visitors go to the login page; logged-in non-HR users get 403."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not selectors.is_hr(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _add_validation_error(form, error: ValidationError) -> None:
    """Attach a model's ValidationError to the form fields it names."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@hr_required
def hr_home(request):
    return TemplateResponse(
        request, "people/hr_home.html", {"tree": selectors.unit_tree(request.user)}
    )


@hr_required
def hr_unit(request, pk: int):
    unit = get_object_or_404(selectors.units_in_scope(request.user), pk=pk)
    form = UnitCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            child = services.unit_create(parent=unit, **form.cleaned_data)
        except ValidationError as error:
            _add_validation_error(form, error)
        else:
            messages.success(
                request, _("Sub-unit “%(name)s” added.") % {"name": child.name}
            )
            return redirect("hr-unit", pk=unit.pk)
    return TemplateResponse(
        request,
        "people/hr_unit.html",
        {
            "unit": unit,
            "ancestors": unit.get_ancestors().filter(
                pk__in=selectors.units_in_scope(request.user)
            ),
            "children": unit.get_children(),
            "staff": selectors.staff_below(request.user, unit),
            "form": form,
        },
    )


@hr_required
def hr_staff_create(request):
    units = selectors.units_in_scope(request.user)
    initial = {}
    if unit_pk := request.GET.get("unit", ""):
        initial["unit"] = (
            units.filter(pk=unit_pk).first() if unit_pk.isdigit() else None
        )
    form = StaffCreateForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile = services.staff_create(
                username=data["username"],
                unit=data["unit"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                password=data["password"] or None,
                staff_type=data["staff_type"],
                job_role=services.job_role_get_or_create(name=data["job_role"]),
                preferred_language=data["preferred_language"],
            )
        except ValidationError as error:
            _add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Account for %(name)s created.") % {"name": profile},
            )
            if not data["password"]:
                messages.warning(
                    request,
                    _(
                        "%(name)s cannot log in yet: send an invitation or set a "
                        "password for the account."
                    )
                    % {"name": profile},
                )
            return redirect("hr-unit", pk=profile.unit_id)
    return TemplateResponse(request, "people/hr_staff_form.html", {"form": form})


@hr_required
def hr_staff_edit(request, pk: int):
    profile = get_object_or_404(selectors.profiles_in_scope(request.user), pk=pk)
    initial = {
        "first_name": profile.user.first_name,
        "last_name": profile.user.last_name,
        "email": profile.user.email,
        "unit": profile.unit,
        "staff_type": profile.staff_type,
        "job_role": profile.job_role.name if profile.job_role else "",
        "preferred_language": profile.preferred_language,
    }
    form = StaffEditForm(
        request.POST or None,
        units=selectors.units_in_scope(request.user),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["job_role"] = services.job_role_get_or_create(name=data["job_role"])
        try:
            services.staff_update(profile=profile, **data)
        except ValidationError as error:
            _add_validation_error(form, error)
        else:
            messages.success(
                request, _("Changes to %(name)s saved.") % {"name": profile}
            )
            return redirect("hr-unit", pk=profile.unit_id)
    return TemplateResponse(
        request, "people/hr_staff_form.html", {"form": form, "profile": profile}
    )


@hr_required
def hr_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        report = staff_import(
            csv_bytes=form.cleaned_data["file"].read(),
            actor=request.user,
            dry_run=dry_run,
        )
        if report.errors:
            messages.error(
                request,
                _("The file has errors; nothing was changed. Please correct them."),
            )
        elif dry_run:
            messages.info(
                request,
                _("Dry run: nothing was changed. Untick “dry run” to import."),
            )
        else:
            messages.success(
                request,
                _(
                    "Import done: %(create)d created, %(update)d updated, "
                    "%(unchanged)d unchanged."
                )
                % report.counts,
            )
    return TemplateResponse(
        request,
        "people/hr_import.html",
        {
            "form": form,
            "report": report,
            "columns": CSV_COLUMNS,
            "optional_columns": OPTIONAL_COLUMNS,
        },
    )


@hr_required
def hr_invitations(request):
    form = InvitationForm(
        request.POST or None, units=selectors.units_in_scope(request.user)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            invitation = services.invitation_create(
                unit=data["unit"],
                created_by=request.user,
                staff_type=data["staff_type"],
                job_role=services.job_role_get_or_create(name=data["job_role"]),
                max_uses=data["max_uses"],
                valid_days=data["valid_days"],
            )
        except ValidationError as error:
            _add_validation_error(form, error)
        else:
            messages.success(
                request,
                _("Invitation %(code)s for %(unit)s created.")
                % {"code": invitation.code, "unit": invitation.unit},
            )
            return redirect("hr-invitations")
    invitations = list(selectors.invitations_in_scope(request.user))
    for invitation in invitations:
        invitation.join_url = request.build_absolute_uri(
            reverse("join-code", args=[invitation.code])
        )
    return TemplateResponse(
        request,
        "people/hr_invitations.html",
        {"form": form, "invitations": invitations},
    )


@require_POST
@hr_required
def hr_invitation_revoke(request, pk: int):
    invitation = get_object_or_404(selectors.invitations_in_scope(request.user), pk=pk)
    services.invitation_revoke(invitation=invitation)
    messages.success(
        request, _("Invitation %(code)s revoked.") % {"code": invitation.code}
    )
    return redirect("hr-invitations")


def join(request):
    """Volunteers type the code from their paper invitation."""
    if request.user.is_authenticated:
        return TemplateResponse(request, "people/join_logged_in.html", {})
    form = JoinCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return redirect("join-code", code=form.cleaned_data["code"])
    return TemplateResponse(request, "people/join.html", {"form": form})


def join_code(request, code: str):
    if request.user.is_authenticated:
        return TemplateResponse(request, "people/join_logged_in.html", {})
    invitation: Invitation | None = selectors.invitation_by_code(code)
    try:
        services.invitation_check(invitation)
    except ValidationError as error:
        return TemplateResponse(
            request,
            "people/join.html",
            {
                "form": JoinCodeForm(initial={"code": code}),
                "problem": error.messages[0],
            },
        )
    form = JoinForm(
        request.POST or None, initial={"preferred_language": request.LANGUAGE_CODE}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            profile = services.invitation_redeem(
                code=invitation.code,
                username=data["username"],
                password=data["password1"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                preferred_language=data["preferred_language"],
            )
        except ValidationError as error:
            if getattr(error, "code", None) in INVITATION_ERROR_CODES:
                return TemplateResponse(
                    request,
                    "people/join.html",
                    {"form": JoinCodeForm(), "problem": error.messages[0]},
                )
            _add_validation_error(form, error)
        else:
            login(
                request,
                profile.user,
                backend="django.contrib.auth.backends.ModelBackend",
            )
            messages.success(
                request,
                _("Welcome, %(name)s! Your account for %(unit)s is ready.")
                % {"name": profile.user.first_name, "unit": profile.unit},
            )
            return redirect("my-learning")
    return TemplateResponse(
        request, "people/join_form.html", {"form": form, "invitation": invitation}
    )
