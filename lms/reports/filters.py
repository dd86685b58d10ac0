"""The filters every report shares, read from the query string so that a
filtered report or a drill-down is a link that can be shared."""

from urllib.parse import urlencode

from django import forms
from django.contrib.auth.models import AbstractBaseUser
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from courses.models import CoursePage
from lms.competencies.models import Competency, Framework
from lms.people.models import JobRole, OrganisationUnit, StaffType

from .access import report_units

#: Levels below the viewer's top units that the unit list offers.
UNIT_LIST_DEPTH = 2

FILTER_FIELDS = (
    "unit",
    "staff_type",
    "job_role",
    "framework",
    "competency",
    "course",
    "date_from",
    "date_to",
)


class PlainSelect(forms.Select):
    """A select written in one pass: Django's per-option templates cost a
    quarter of a second for a few thousand units on every report page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (
                    option["value"],
                    " selected" if option["selected"] else "",
                    option["label"],
                )
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}</select>', name, flatatt(widget["attrs"]), options
        )


class UnitChoiceField(forms.ModelChoiceField):
    widget = PlainSelect

    def label_from_instance(self, unit):
        return "\u2003" * (unit.depth - 1) + unit.name


class ReportFilterForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Organisation unit (with everything below)"),
        queryset=OrganisationUnit.objects.none(),
        required=False,
        empty_label=_("All my units"),
    )
    staff_type = forms.ChoiceField(
        label=_("Staff type"),
        choices=[("", _("Paid staff and volunteers")), *StaffType.choices],
        required=False,
    )
    job_role = forms.ModelChoiceField(
        label=_("Job role"),
        queryset=JobRole.objects.all(),
        required=False,
        empty_label=_("All job roles"),
    )
    framework = forms.ModelChoiceField(
        label=_("Framework"),
        queryset=Framework.objects.all(),
        required=False,
        empty_label=_("All frameworks"),
    )
    competency = forms.ModelChoiceField(
        label=_("Competency"),
        queryset=Competency.objects.select_related("framework"),
        required=False,
        empty_label=_("All competencies"),
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        queryset=CoursePage.objects.live().filter(mandatory=True),
        required=False,
        empty_label=_("All mandatory courses"),
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user: AbstractBaseUser, **kwargs):
        super().__init__(*args, **kwargs)
        units = report_units(user).order_by("path")
        field = self.fields["unit"]
        field.queryset = units  # what may be chosen: the whole scope
        field.widget.choices = self._unit_options(units)

    def _unit_options(self, units) -> list:
        """What the list offers: the top levels of the scope (deeper units are
        reached by drilling down the report's rows) and the chosen unit, so a
        tree of thousands of teams does not become a list of thousands."""
        top = units.order_by("depth").values_list("depth", flat=True).first()
        if top is None:
            return [("", self.fields["unit"].empty_label)]
        shown = units.filter(depth__lte=top + UNIT_LIST_DEPTH)
        chosen = self.data.get("unit", "")
        if str(chosen).isdigit():
            shown = shown | units.filter(pk=int(chosen))
        label = self.fields["unit"].label_from_instance
        return [("", self.fields["unit"].empty_label)] + [
            (unit.pk, label(unit)) for unit in shown.order_by("path")
        ]

    def clean(self):
        data = super().clean()
        if (
            data.get("date_from")
            and data.get("date_to")
            and data["date_from"] > data["date_to"]
        ):
            raise forms.ValidationError(_("The start date is after the end date."))
        return data


def report_filters(request) -> ReportFilterForm:
    """A bound form over the query string; a unit outside the viewer's scope
    is simply not a valid choice (the report then shows the form's error)."""
    data = {key: request.GET.get(key, "") for key in FILTER_FIELDS}
    return ReportFilterForm(data, user=request.user)


def filters_for_audit(form: ReportFilterForm) -> dict:
    values = form.cleaned_data if form.is_valid() else {}
    return {
        key: str(getattr(value, "pk", value))
        for key, value in values.items()
        if value not in (None, "")
    }


def filters_query(form: ReportFilterForm, **changes) -> str:
    """The query string of the current filters with some changed, for links
    (drill-down, export)."""
    params = {
        key: value
        for key, value in ((key, form.data.get(key, "")) for key in FILTER_FIELDS)
        if value
    }
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = getattr(value, "pk", value)
    return urlencode(params)
