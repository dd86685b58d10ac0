"""The individual competence record: one person's competences, evidence,
courses and certificates, as a printable page and as CSV or XLSX."""

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ..access import may_use_reports
from ..audit import audit_record
from ..exports import OUTPUTS, export_response
from ..individual import individual_record, may_view_record, record_header, record_rows
from ..models import ReportKind


@login_required
def individual(request, user_id: int):
    """Visible to the person, their HR and admins; for anyone else the
    record does not exist (404, not 403: nothing to learn from probing ids)."""
    person = get_object_or_404(get_user_model(), pk=user_id)
    if not may_view_record(request.user, person):
        raise Http404
    output = request.GET.get("format", "")
    output = output if output in OUTPUTS else "html"
    record = individual_record(request.user, person)
    if not record.is_self:
        audit_record(
            user=request.user,
            report=ReportKind.INDIVIDUAL,
            output=output,
            filters={},
            people_count=1,
            subject=person,
        )
    if output != "html":
        return export_response(
            output,
            slugify(f"competence record {person.get_username()}"),
            _("Competence record"),
            record_header(),
            record_rows(record),
        )
    return TemplateResponse(
        request,
        "reports/individual.html",
        {
            "record": record,
            "show_report_nav": may_use_reports(request.user),
        },
    )


urlpatterns = [
    path("reports/people/<int:user_id>/", individual, name="reports-individual"),
]
