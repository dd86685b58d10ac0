"""The compliance report: mandatory courses per unit, the people due, and
reminders to them. Each page is also a CSV or XLSX download (?format=)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from ..access import may_see_names, reports_required
from ..audit import audit_record
from ..compliance import (
    LIST_STATES,
    Cell,
    ComplianceTable,
    compliance_table,
    due_enrolments,
    due_header,
    due_line,
    due_people_count,
    due_rows,
    reminder_candidates,
    row_label,
    suppressed_text,
    table_header,
    table_rows,
)
from ..exports import OUTPUTS, export_response
from ..filters import filters_for_audit, filters_query, report_filters
from ..models import ReportKind
from ..services import reminders_send

PAGE_SIZE = 50
# The shared filters that mean something for courses.
FILTER_FIELDS = ("unit", "staff_type", "job_role", "course", "date_from", "date_to")


def _output(request) -> str:
    output = request.GET.get("format", "")
    return output if output in OUTPUTS else "html"


def _state(request) -> str:
    state = request.GET.get("state", "")
    return state if state in LIST_STATES else ""


@dataclass
class Line:
    """A row of one course's table as the page shows it."""

    label: str
    cell: Cell
    drill_url: str = ""
    overdue_url: str = ""
    soon_url: str = ""
    direct: bool = False


def _course_tables(form, table: ComplianceTable, names: bool) -> list[dict]:
    due = reverse("reports-compliance-due")
    result = []
    for course_table in table.by_course:
        lines = []
        for row, cell in course_table.rows:
            line = Line(label=row_label(row), cell=cell, direct=row.direct)
            if row.drillable:
                line.drill_url = "?" + filters_query(form, unit=row.unit)
            if names and not row.direct and not cell.suppressed:
                course = course_table.course
                if cell.overdue:
                    line.overdue_url = f"{due}?" + filters_query(
                        form, unit=row.unit, course=course, state="overdue"
                    )
                if cell.due_soon:
                    line.soon_url = f"{due}?" + filters_query(
                        form, unit=row.unit, course=course, state="soon"
                    )
            lines.append(line)
        result.append(
            {
                "course": course_table.course,
                "lines": lines,
                "total": Line(label=_("Total"), cell=course_table.total),
            }
        )
    return result


@reports_required
def compliance(request):
    form = report_filters(request)
    output = _output(request)
    context = {
        "form": form,
        "filter_fields": FILTER_FIELDS,
        "may_see_names": may_see_names(request.user),
        "suppressed_text": suppressed_text(),
        "due_within_days": settings.REPORT_DUE_WITHIN_DAYS,
    }
    if form.is_valid():
        table = compliance_table(request.user, form.cleaned_data)
        audit_record(
            user=request.user,
            report=ReportKind.COMPLIANCE,
            output=output,
            filters=filters_for_audit(form),
            people_count=table.people,
        )
        if output != "html":
            return export_response(
                output, "compliance", _("Compliance"), table_header(), table_rows(table)
            )
        context.update(
            table=table,
            course_tables=_course_tables(form, table, context["may_see_names"]),
            trail=[
                ("?" + filters_query(form, unit=unit), unit) for unit in table.trail
            ],
            all_units_url="?" + filters_query(form, unit=None),
            due_url=reverse("reports-compliance-due") + "?" + filters_query(form),
            csv_url="?" + filters_query(form, format="csv"),
            xlsx_url="?" + filters_query(form, format="xlsx"),
        )
    return TemplateResponse(request, "reports/compliance.html", context)


@reports_required
def compliance_due(request):
    """The people overdue or due soon, for viewers who may see names."""
    if not may_see_names(request.user):
        raise PermissionDenied
    form = report_filters(request)
    output = _output(request)
    state = _state(request)
    context = {
        "form": form,
        "filter_fields": FILTER_FIELDS,
        "state": state,
        "reminder_days": settings.REPORT_REMINDER_INTERVAL_DAYS,
    }
    if form.is_valid():
        enrolments = due_enrolments(request.user, form.cleaned_data, state)
        filters = filters_for_audit(form)
        if state:
            filters["state"] = state
        if output != "html":
            audit_record(
                user=request.user,
                report=ReportKind.COMPLIANCE,
                output=output,
                filters=filters,
                people_count=due_people_count(enrolments),
            )
            return export_response(
                output,
                "compliance-due",
                _("People due"),
                due_header(),
                due_rows(enrolments),
            )
        page = Paginator(enrolments, PAGE_SIZE).get_page(request.GET.get("page"))
        lines = [due_line(values) for values in page.object_list]
        audit_record(
            user=request.user,
            report=ReportKind.COMPLIANCE,
            output=output,
            filters=filters,
            people_count=len({line.user_id for line in lines}),
        )
        context.update(
            page=page,
            lines=lines,
            here=request.get_full_path(),
            csv_url="?" + filters_query(form, state=state, format="csv"),
            xlsx_url="?" + filters_query(form, state=state, format="xlsx"),
            state_urls=[
                ("", _("Overdue and due soon"), "?" + filters_query(form)),
                (
                    "overdue",
                    _("Overdue only"),
                    "?" + filters_query(form, state="overdue"),
                ),
                ("soon", _("Due soon only"), "?" + filters_query(form, state="soon")),
            ],
            page_query=filters_query(form, state=state),
            table_url=reverse("reports-compliance") + "?" + filters_query(form),
        )
    return TemplateResponse(request, "reports/compliance_due.html", context)


def _ids(values: list[str]) -> set[int]:
    return {int(value) for value in values if value.isdigit()}


def _back(request) -> str:
    target = request.POST.get("next", "")
    due_url = reverse("reports-compliance-due")
    if target.startswith(due_url) and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return target
    return due_url


@require_POST
@reports_required
def compliance_remind(request):
    """Send reminders to the people ticked (or everyone on the page) — only
    to people in the sender's units, about mandatory courses; ids of anyone
    else are ignored."""
    if not may_see_names(request.user):
        raise PermissionDenied
    field = "on_page" if request.POST.get("action") == "page" else "enrolment"
    ids = _ids(request.POST.getlist(field))
    if not ids:
        messages.error(request, _("Choose at least one person to remind."))
        return redirect(_back(request))
    sent, skipped, no_email = reminders_send(
        sender=request.user,
        enrolments=reminder_candidates(request.user, ids),
        course_url=lambda course: request.build_absolute_uri(course.url),
    )
    messages.success(
        request,
        ngettext(
            "%(sent)d reminder sent, %(skipped)d skipped "
            "(reminded within the last %(days)d days).",
            "%(sent)d reminders sent, %(skipped)d skipped "
            "(reminded within the last %(days)d days).",
            sent,
        )
        % {
            "sent": sent,
            "skipped": skipped,
            "days": settings.REPORT_REMINDER_INTERVAL_DAYS,
        },
    )
    if no_email:
        messages.warning(
            request,
            ngettext(
                "%(count)d person has no email address and was not reminded.",
                "%(count)d people have no email address and were not reminded.",
                no_email,
            )
            % {"count": no_email},
        )
    ignored = len(ids) - (sent + skipped + no_email)
    if ignored:
        messages.error(
            request,
            ngettext(
                "%(count)d selection was ignored: not a mandatory course of "
                "someone in your units.",
                "%(count)d selections were ignored: not a mandatory course of "
                "someone in your units.",
                ignored,
            )
            % {"count": ignored},
        )
    return redirect(_back(request))


urlpatterns = [
    path("reports/compliance/", compliance, name="reports-compliance"),
    path("reports/compliance/due/", compliance_due, name="reports-compliance-due"),
    path(
        "reports/compliance/remind/",
        compliance_remind,
        name="reports-compliance-remind",
    ),
]
