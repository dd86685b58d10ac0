"""CSV and XLSX downloads that stream: rows come from an iterator (a
database cursor), so memory does not grow with the number of rows.

CSV goes out as it is produced (with a byte-order mark, so that Excel reads
UTF-8); XLSX is written row by row by openpyxl's write-only mode into a
temporary file, which is then streamed from disk."""

import csv
import tempfile
from collections.abc import Iterable, Iterator

from django.http import FileResponse, StreamingHttpResponse

OUTPUTS = ("csv", "xlsx")


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_lines(header: list[str], rows: Iterable[Iterable]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def csv_response(
    filename: str, header: list[str], rows: Iterable
) -> StreamingHttpResponse:
    response = StreamingHttpResponse(
        _csv_lines(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(
    filename: str, title: str, header: list[str], rows: Iterable
) -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    handle = tempfile.TemporaryFile(suffix=".xlsx")
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_response(
    output: str, filename: str, title: str, header: list[str], rows: Iterable
):
    if output == "xlsx":
        return xlsx_response(filename, title, header, rows)
    return csv_response(filename, header, rows)
