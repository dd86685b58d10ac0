"""The competence matrix (units by competencies) and its drill-down to the
people of one cell, each as a page, CSV and XLSX.

Every view writes the audit log: the matrix counts people's results, so it is
treated as a report with personal data even though it shows only sums (and
suppresses small ones). Expanding a row and drilling down are plain links
carrying the filters, so a view can be shared."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from ..access import may_see_names, min_cell, reports_required
from ..audit import audit_record
from ..exports import OUTPUTS, export_response
from ..filters import ReportFilterForm, filters_for_audit, filters_query, report_filters
from ..matrix import Cell, Matrix, MatrixRow, competence_matrix, matrix_people
from ..models import ReportKind

MATRIX_FIELDS = ["unit", "staff_type", "job_role", "framework", "competency"]
PEOPLE_PER_PAGE = 50


def requested_output(request) -> str:
    value = request.GET.get("format", "html")
    return value if value in OUTPUTS else "html"


def matrix_filters(form: ReportFilterForm) -> dict:
    data = form.cleaned_data
    return {
        "unit": data.get("unit"),
        "staff_type": data.get("staff_type") or "",
        "job_role": data.get("job_role"),
        "framework": data.get("framework"),
        "competency": data.get("competency"),
    }


def row_label(row: MatrixRow) -> str:
    if row.total:
        return _("Total")
    if row.direct:
        return _("Directly in %(unit)s") % {"unit": row.unit.name}
    return row.unit.name


def suppressed_text() -> str:
    return f"< {min_cell()}"


@dataclass
class TableCell:
    cell: Cell
    people_url: str = ""


@dataclass
class TableRow:
    row: MatrixRow
    label: str
    expand_url: str
    cells: list[TableCell]


def _table(matrix: Matrix, form: ReportFilterForm, names: bool) -> list[TableRow]:
    """The rows with their links: expand a unit, and (for viewers who may see
    names) the people of a cell."""
    people_base = reverse("reports-matrix-people") + "?"
    table = []
    for row in [*matrix.rows, matrix.total]:
        cells = []
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            url = ""
            if names and not cell.empty:
                url = people_base + filters_query(
                    form,
                    unit=row.unit,
                    competency=column.competency,
                    framework=None,
                    direct=1 if row.direct else None,
                )
            cells.append(TableCell(cell=cell, people_url=url))
        expand = "?" + filters_query(form, unit=row.unit) if row.expandable else ""
        table.append(
            TableRow(row=row, label=row_label(row), expand_url=expand, cells=cells)
        )
    return table


def _matrix_export_rows(matrix: Matrix):
    for row in [*matrix.rows, matrix.total]:
        label = row_label(row)
        code = row.unit.code if row.unit is not None and not row.total else ""
        for column, cell in zip(matrix.columns, row.cells, strict=True):
            if cell.suppressed:
                numbers = [suppressed_text(), "", ""]
            else:
                numbers = [cell.people, cell.meeting, cell.share]
            yield [label, code, column.code, column.name, *numbers]


@require_safe
@reports_required
def matrix_report(request):
    form = report_filters(request)
    output = requested_output(request)
    context = {
        "form": form,
        "fields": MATRIX_FIELDS,
        "matrix": None,
        "min_cell": min_cell(),
    }
    if not form.is_valid():
        return TemplateResponse(request, "reports/matrix.html", context, status=400)
    try:
        matrix = competence_matrix(user=request.user, **matrix_filters(form))
    except PermissionError as error:
        raise Http404 from error
    audit_record(
        user=request.user,
        report=ReportKind.MATRIX,
        output=output,
        filters=filters_for_audit(form),
        people_count=matrix.people,
    )
    if output != "html":
        header = [
            _("Organisation unit"),
            _("Unit code"),
            _("Competency code"),
            _("Competency"),
            _("People with a target"),
            _("Meeting the target"),
            _("Share (%)"),
        ]
        return export_response(
            output,
            "competence-matrix",
            _("Competence matrix"),
            header,
            _matrix_export_rows(matrix),
        )
    names = may_see_names(request.user)
    context.update(
        matrix=matrix,
        table=_table(matrix, form, names),
        names=names,
        all_units_url="?" + filters_query(form, unit=None),
        trail=[("?" + filters_query(form, unit=unit), unit) for unit in matrix.trail],
        csv_url="?" + filters_query(form, format="csv"),
        xlsx_url="?" + filters_query(form, format="xlsx"),
    )
    return TemplateResponse(request, "reports/matrix.html", context)


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def _person_row(status) -> list:
    user = status.user
    return [
        user.get_full_name() or user.get_username(),
        status.unit.name,
        status.get_staff_type_display(),
        status.job_role.name if status.job_role else "",
        status.required_level,
        "" if status.level is None else status.level,
        _yes_no(status.meets_now),
        date_format(status.valid_until, "SHORT_DATE_FORMAT")
        if status.valid_until
        else "",
    ]


@require_safe
@reports_required
def matrix_people_report(request):
    """The named list behind one cell: only for viewers who may see names."""
    if not may_see_names(request.user):
        raise PermissionDenied
    form = report_filters(request)
    if not form.is_valid() or form.cleaned_data.get("competency") is None:
        raise Http404
    direct = request.GET.get("direct") == "1" and form.cleaned_data.get("unit")
    filters = matrix_filters(form)
    filters.pop("framework")
    try:
        statuses = matrix_people(user=request.user, direct=bool(direct), **filters)
    except PermissionError as error:
        raise Http404 from error
    output = requested_output(request)
    audit_filters = filters_for_audit(form)
    if direct:
        audit_filters["direct"] = "1"
    if output != "html":
        audit_record(
            user=request.user,
            report=ReportKind.MATRIX,
            output=output,
            filters=audit_filters,
            people_count=statuses.count(),
        )
        header = [
            _("Name"),
            _("Organisation unit"),
            _("Staff type"),
            _("Job role"),
            _("Required level"),
            _("Level"),
            _("Meets the target"),
            _("Valid until"),
        ]
        rows = (_person_row(status) for status in statuses.iterator(chunk_size=2000))
        return export_response(
            output, "competence-matrix-people", _("People"), header, rows
        )
    page = Paginator(statuses, PEOPLE_PER_PAGE).get_page(request.GET.get("page"))
    audit_record(
        user=request.user,
        report=ReportKind.MATRIX,
        output=output,
        filters=audit_filters,
        people_count=len(page.object_list),
    )
    direct_value = 1 if direct else None
    query = filters_query(form, framework=None, direct=direct_value)
    unit = form.cleaned_data.get("unit")
    context = {
        "form": form,
        "competency": form.cleaned_data["competency"],
        "unit": unit,
        "direct": bool(direct),
        "page": page,
        "query": query,
        "back_url": reverse("reports-matrix")
        + "?"
        + filters_query(form, competency=None),
        "csv_url": "?"
        + filters_query(form, framework=None, direct=direct_value, format="csv"),
        "xlsx_url": "?"
        + filters_query(form, framework=None, direct=direct_value, format="xlsx"),
    }
    return TemplateResponse(request, "reports/matrix_people.html", context)


urlpatterns = [
    path("reports/matrix/", matrix_report, name="reports-matrix"),
    path("reports/matrix/people/", matrix_people_report, name="reports-matrix-people"),
]
