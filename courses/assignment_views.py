"""HR assigns courses to units and staff types.

An assignment is a standing rule (see CourseAssignment): people who match it
now are enrolled at once, people who join or move later through the
``profile_changed`` signal. HR only sees and creates assignments for their
own organisation units; the whole organisation is for superusers.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lms.people.forms import UnitChoiceField
from lms.people.models import StaffType
from lms.people.selectors import units_in_scope
from lms.people.views import hr_required

from . import services
from .models import CourseAssignment, CoursePage


class AssignmentForm(forms.Form):
    course = forms.ModelChoiceField(
        queryset=CoursePage.objects.none(),
        label=gettext_lazy("Course"),
        empty_label=gettext_lazy("Choose a course"),
    )
    include_subunits = forms.BooleanField(
        label=gettext_lazy("Include sub-units"), required=False, initial=True
    )
    staff_type = forms.ChoiceField(
        label=gettext_lazy("Staff type"),
        choices=[("", gettext_lazy("Paid staff and volunteers")), *StaffType.choices],
        required=False,
    )
    due_date = forms.DateField(
        label=gettext_lazy("Due date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("Optional."),
    )

    field_order = ["course", "unit", "include_subunits", "staff_type", "due_date"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().order_by("title")
        self.fields["unit"] = UnitChoiceField(
            queryset=units_in_scope(user).order_by("path"),
            label=gettext_lazy("Organisation unit"),
            required=not user.is_superuser,
            empty_label=(
                gettext_lazy("Whole organisation")
                if user.is_superuser
                else gettext_lazy("Choose a unit")
            ),
        )
        self.order_fields(self.field_order)


def assignments_in_scope(user) -> QuerySet[CourseAssignment]:
    """Assignments for the user's units; whole-organisation ones for superusers.

    Belongs in courses/selectors.py; kept here until that file is opened up.
    """
    assignments = CourseAssignment.objects.select_related(
        "course", "unit", "created_by"
    ).order_by("-created_at")
    if user.is_superuser:
        return assignments
    return assignments.filter(unit__in=units_in_scope(user))


@hr_required
def assignments(request):
    form = AssignmentForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment, enrolled = services.assignment_create(
                course=data["course"],
                created_by=request.user,
                unit=data["unit"],
                staff_type=data["staff_type"],
                include_subunits=data["include_subunits"],
                due_date=data["due_date"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "“%(course)s” assigned to %(target)s: %(count)d people newly "
                    "enrolled. People who join later are enrolled automatically."
                )
                % {
                    "course": assignment.course.title,
                    "target": assignment.unit or _("the whole organisation"),
                    "count": enrolled,
                },
            )
            return redirect("hr-assignments")
    return TemplateResponse(
        request,
        "courses/assignments/list.html",
        {"form": form, "assignments": assignments_in_scope(request.user)},
    )
