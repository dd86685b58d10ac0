"""Forms of the course app."""

from django import forms
from django.utils.translation import gettext_lazy

from lms.people.forms import UnitChoiceField
from lms.people.models import StaffType
from lms.people.selectors import units_in_scope

from .models import CoursePage


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
