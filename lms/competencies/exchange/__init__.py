"""Competency frameworks in and out: Moodle's CSV and 1EdTech CASE JSON.

Both formats are read into one shape (`parsed.ParsedFramework`) and written by
one function (`store.framework_import`), so that the checks and the database
writes are the same whichever file came in. An import either creates the
whole framework or nothing, and its errors name the line or item.
"""

import json
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .case_json import framework_export_case_json, read_case_json
from .files import read_limited
from .moodle_csv import framework_export_moodle_csv, read_moodle_csv
from .parsed import FrameworkImportError, ParsedFramework
from .store import framework_import

MOODLE_CSV = "moodle-csv"
CASE_JSON = "case-json"
FORMAT_CHOICES = [
    (MOODLE_CSV, _("Moodle competency framework (CSV)")),
    (CASE_JSON, _("1EdTech CASE package (JSON)")),
]
_READERS = {MOODLE_CSV: read_moodle_csv, CASE_JSON: read_case_json}

__all__ = [
    "CASE_JSON",
    "FORMAT_CHOICES",
    "MOODLE_CSV",
    "Export",
    "FrameworkImportError",
    "ImportResult",
    "ParsedFramework",
    "framework_export",
    "framework_export_case_json",
    "framework_export_moodle_csv",
    "framework_import",
    "framework_import_file",
]


@dataclass
class ImportResult:
    framework: object
    warnings: list[str]


@dataclass
class Export:
    content: str
    filename: str
    content_type: str


def framework_import_file(file, *, format: str, language: str = "") -> ImportResult:
    """Read a binary file object (size checked before reading) in the given
    format and create the framework; FrameworkImportError if anything is wrong.
    `language` names the texts' language where the file does not (Moodle)."""
    parsed = _READERS[format](read_limited(file))
    if language and not parsed.language:
        parsed.language = language
    return ImportResult(framework=framework_import(parsed), warnings=parsed.warnings)


def framework_export(framework, *, format: str) -> Export:
    if format == MOODLE_CSV:
        return Export(
            content=framework_export_moodle_csv(framework),
            filename=f"{framework.slug}.csv",
            content_type="text/csv; charset=utf-8",
        )
    package = framework_export_case_json(framework)
    return Export(
        content=json.dumps(package, ensure_ascii=False, indent=2) + "\n",
        filename=f"{framework.slug}.case.json",
        content_type="application/json; charset=utf-8",
    )
