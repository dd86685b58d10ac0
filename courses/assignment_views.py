"""HR assigns courses to units and staff types.

An assignment is a standing rule (see CourseAssignment): people who match it
now are enrolled at once, people who join or move later through the
``profile_changed`` signal. HR only sees and creates assignments for their
own organisation units; the whole organisation is for superusers.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from lms.people.views import hr_required

from . import services
from .forms import AssignmentForm
from .selectors import assignments_in_scope


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
