"""The trend report: the matrix share month by month, as an SVG chart with
the same numbers in a table beside it, and as CSV and XLSX."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..access import min_cell, reports_required
from ..audit import audit_record
from ..charts import line_chart
from ..exports import export_response
from ..filters import filters_for_audit, filters_query, report_filters
from ..models import ReportKind
from ..trend import Trend, competence_trend
from .matrix import matrix_filters, requested_output, suppressed_text

TREND_FIELDS = [
    "unit",
    "staff_type",
    "job_role",
    "framework",
    "competency",
    "date_from",
    "date_to",
]


def _trend_export_rows(trend: Trend):
    for month in trend.months:
        label = month.month.strftime("%Y-%m")
        if not month.has_data:
            yield [label, "", "", ""]
        elif month.suppressed:
            yield [label, suppressed_text(), "", ""]
        else:
            yield [label, month.people, month.meeting, month.share]


@require_safe
@reports_required
def trend_report(request):
    form = report_filters(request)
    output = requested_output(request)
    context = {
        "form": form,
        "fields": TREND_FIELDS,
        "trend": None,
        "min_cell": min_cell(),
    }
    if not form.is_valid():
        return TemplateResponse(request, "reports/trend.html", context, status=400)
    try:
        trend = competence_trend(
            user=request.user,
            date_from=form.cleaned_data.get("date_from"),
            date_to=form.cleaned_data.get("date_to"),
            **matrix_filters(form),
        )
    except PermissionError as error:
        raise Http404 from error
    audit_record(
        user=request.user,
        report=ReportKind.TREND,
        output=output,
        filters=filters_for_audit(form),
        people_count=trend.people,
    )
    if output != "html":
        header = [
            _("Month"),
            _("People with a target"),
            _("Meeting the target"),
            _("Share (%)"),
        ]
        return export_response(
            output, "competence-trend", _("Trend"), header, _trend_export_rows(trend)
        )
    context.update(
        trend=trend,
        chart=line_chart([(month.month, month.share) for month in trend.months]),
        csv_url="?" + filters_query(form, format="csv"),
        xlsx_url="?" + filters_query(form, format="xlsx"),
    )
    return TemplateResponse(request, "reports/trend.html", context)


urlpatterns = [
    path("reports/trend/", trend_report, name="reports-trend"),
]
