"""Moodle's competency framework CSV (admin tool tool_lpimportcsv).

Moodle writes the header in the exporting admin's language and the delimiter
they chose, so columns are read by position (Parent ID number, ID number,
Short name, Description, Description format, Scale values, Scale
configuration, Rule type, Rule outcome, Rule config, Cross-referenced
competency ID numbers, Exported ID, Is framework, Taxonomy); the delimiter is
found from the header row. The row with "Is framework" set is the framework.

How Moodle's fields map to ours:

- The framework's scale values (names, lowest first) become the levels; its
  scale configuration gives the default level and the proficient threshold
  (the lowest level marked proficient: our scale counts every level from
  there on). Without scale values the framework gets the default two-level
  scale (see parsed.DEFAULT_SCALE).
- ID numbers become codes. An ID number that is a UUID is taken as the
  identifier instead (that is how we export a competency without a code, and
  the framework itself), so exports re-import to the same identifiers. Other
  framework ID numbers map to a fixed UUID derived from them: importing the
  same Moodle framework twice is refused as a duplicate.
- The taxonomy (one term per depth) becomes the item type.
- Descriptions in HTML become plain text. Completion rules, cross-references
  and a competency's own scale have no place here: they are skipped with a
  warning. Translations and level descriptors do not exist in this format.
"""

import csv
import html
import io
import json
import re
import uuid

from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .files import decode_utf8
from .parsed import (
    DEFAULT_PROFICIENT,
    DEFAULT_SCALE,
    FrameworkImportError,
    Item,
    Level,
    ParsedFramework,
    Problems,
    default_levels,
    max_items,
    tree_order,
    validate,
)

#: Moodle's English header, written on export (Moodle itself reads by position).
HEADER = (
    "Parent ID number",
    "ID number",
    "Short name",
    "Description",
    "Description format",
    "Scale values",
    "Scale configuration",
    "Rule type (optional)",
    "Rule outcome (optional)",
    "Rule config (optional)",
    "Cross-referenced competency ID numbers",
    "Exported ID (optional)",
    "Is framework",
    "Taxonomy",
)
(
    PARENT,
    ID_NUMBER,
    SHORT_NAME,
    DESCRIPTION,
    DESCRIPTION_FORMAT,
    SCALE_VALUES,
    SCALE_CONFIGURATION,
    RULE_TYPE,
    RULE_OUTCOME,
    RULE_CONFIG,
    RELATED,
    EXPORTED_ID,
    IS_FRAMEWORK,
    TAXONOMY,
) = range(len(HEADER))

FORMAT_MOODLE, FORMAT_HTML, FORMAT_PLAIN = "0", "1", "2"
#: Moodle's taxonomy terms, one per depth of the tree.
TAXONOMY_TERMS = (
    "behaviour",
    "competency",
    "concept",
    "domain",
    "indicator",
    "level",
    "outcome",
    "practice",
    "proficiency",
    "skill",
    "value",
)
#: Our item types that have another name in Moodle.
TAXONOMY_SYNONYMS = {"area": "domain", "competence": "competency"}
ID_NUMBER_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "moodle:tool_lpimportcsv:idnumber")
_UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I
)
_TAG = re.compile(r"<[a-zA-Z/!]")
_BLOCK_END = re.compile(r"(<br\s*/?>|</(p|div|li|h[1-6]|tr)>)", re.I)


def _uuid_or_none(text: str) -> uuid.UUID | None:
    return uuid.UUID(text) if _UUID.match(text) else None


def _truthy(value) -> bool:
    """PHP's truth for the values Moodle writes ("1", 1, true; "", "0", 0)."""
    if isinstance(value, str):
        return value.strip() not in ("", "0")
    return bool(value)


def html_to_text(text: str) -> str:
    """Moodle descriptions are usually HTML; ours are plain text."""
    if not _TAG.search(text):
        return text.strip()
    text = re.sub(r"\s*\n\s*", " ", text.replace("\xa0", " "))
    text = re.sub(r"&nbsp;", " ", text, flags=re.I)
    text = _BLOCK_END.sub(lambda match: match.group(0) + "\n", text)
    text = re.sub(r"<li[^>]*>", "- ", text, flags=re.I)
    text = html.unescape(strip_tags(text))
    lines = [line.strip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _description(values: list[str]) -> str:
    if values[DESCRIPTION_FORMAT] in (FORMAT_MOODLE, FORMAT_HTML, ""):
        return html_to_text(values[DESCRIPTION])
    return values[DESCRIPTION]


def _delimiter(text: str) -> str:
    """The delimiter that splits the header row into the most columns."""
    best, most = ",", 0
    for candidate in (",", ";", "\t"):
        try:
            header = next(
                csv.reader(io.StringIO(text, newline=""), delimiter=candidate)
            )
        except (csv.Error, StopIteration):
            continue
        if len(header) > most:
            best, most = candidate, len(header)
    return best


def _records(text: str, delimiter: str, problems: Problems):
    """(line where the record starts, values) for each non-empty row after the
    header; the header is line 1."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    limit = max_items() + 1  # the competencies and the framework's own row
    records = []
    end = 0
    try:
        header = next(reader)
        end = reader.line_num
        if len(header) < len(HEADER):
            raise FrameworkImportError(
                [
                    _(
                        "Line 1: the header has %(found)s columns; a Moodle "
                        "competency framework file has %(expected)s: %(columns)s."
                    )
                    % {
                        "found": len(header),
                        "expected": len(HEADER),
                        "columns": ", ".join(HEADER),
                    }
                ]
            )
        for values in reader:
            line, end = end + 1, reader.line_num
            if not any(value.strip() for value in values):
                continue
            if len(records) >= limit:
                raise FrameworkImportError(
                    [
                        _(
                            "Line %(line)s: the file has more than %(limit)s "
                            "competencies; nothing was imported."
                        )
                        % {"line": line, "limit": f"{max_items():,}"}
                    ]
                )
            if len(values) < len(HEADER):
                problems.add(
                    _("Line %(line)s: %(found)s columns instead of %(expected)s.")
                    % {"line": line, "found": len(values), "expected": len(HEADER)}
                )
                continue
            records.append((line, [value.strip() for value in values]))
    except csv.Error as error:
        raise FrameworkImportError(
            [
                _("Line %(line)s: the line cannot be read (%(error)s).")
                % {"line": end + 1, "error": error}
            ]
        ) from error
    return records


def _scale(values: list[str], where: str, problems: Problems, warnings: list[str]):
    """Levels, default level and proficient level from the framework row."""
    names = [name.strip() for name in values[SCALE_VALUES].split(",") if name.strip()]
    if not names:
        warnings.append(
            _(
                "%(where)s: the framework has no scale values, so it gets the "
                "scale “%(scale)s” (proficient from level %(proficient)s)."
            )
            % {
                "where": where,
                "scale": ", ".join(DEFAULT_SCALE),
                "proficient": DEFAULT_PROFICIENT,
            }
        )
        return default_levels(), 1, DEFAULT_PROFICIENT
    levels = [Level(value=value, name=name) for value, name in enumerate(names, 1)]
    top = len(levels)
    try:
        configuration = json.loads(values[SCALE_CONFIGURATION] or "null")
    except ValueError as error:
        problems.add(
            _("%(where)s: the scale configuration is not valid JSON (%(error)s).")
            % {"where": where, "error": error}
        )
        return levels, 1, top
    if configuration is None:
        warnings.append(
            _(
                "%(where)s: the scale has no configuration; level 1 is the "
                "default and only the top level counts as proficient."
            )
            % {"where": where}
        )
        return levels, 1, top
    if not isinstance(configuration, list):
        problems.add(
            _("%(where)s: the scale configuration must be a JSON list.")
            % {"where": where}
        )
        return levels, 1, top
    default, proficient = None, []
    for entry in configuration:
        if isinstance(entry, dict) and "scaleid" in entry:
            continue
        try:
            value = int(entry["id"])
        except (TypeError, KeyError, ValueError):
            problems.add(
                _("%(where)s: the scale configuration has an entry without an id.")
                % {"where": where}
            )
            continue
        if not 1 <= value <= top:
            problems.add(
                _(
                    "%(where)s: the scale configuration refers to level "
                    "%(value)s, but the scale has %(count)s levels."
                )
                % {"where": where, "value": value, "count": top}
            )
            continue
        if _truthy(entry.get("scaledefault")):
            default = value
        if _truthy(entry.get("proficient")):
            proficient.append(value)
    if default is None:
        problems.add(
            _("%(where)s: the scale configuration marks no level as the default.")
            % {"where": where}
        )
    if not proficient:
        problems.add(
            _("%(where)s: the scale configuration marks no level as proficient.")
            % {"where": where}
        )
        return levels, default or 1, top
    threshold = min(proficient)
    if sorted(set(proficient)) != list(range(threshold, top + 1)):
        warnings.append(
            _(
                "%(where)s: every level from %(level)s on counts as proficient "
                "here (Moodle marked %(marked)s)."
            )
            % {
                "where": where,
                "level": threshold,
                "marked": ", ".join(map(str, sorted(set(proficient)))),
            }
        )
    return levels, default or 1, threshold


def read_moodle_csv(data: bytes) -> ParsedFramework:
    """Parse and check a file; FrameworkImportError lists every problem."""
    text = decode_utf8(data)
    if not text.strip():
        raise FrameworkImportError([_("The file is empty.")])
    problems = Problems()
    records = _records(text, _delimiter(text), problems)
    framework_rows = [(line, v) for line, v in records if _truthy(v[IS_FRAMEWORK])]
    if not framework_rows:
        problems.add(
            _(
                "No row has “Is framework” set to 1: the framework's own row "
                "(column %(column)s) is missing."
            )
            % {"column": IS_FRAMEWORK + 1}
        )
        problems.raise_if_any()
    for line, _values in framework_rows[1:]:
        problems.add(
            _("Line %(line)s: a second framework row (the first is line %(first)s).")
            % {"line": line, "first": framework_rows[0][0]}
        )
    line, values = framework_rows[0]
    where = _("Line %(line)s") % {"line": line}
    warnings: list[str] = []
    if not values[ID_NUMBER]:
        problems.add(_("%(where)s: the ID number is empty.") % {"where": where})
    identifier = _uuid_or_none(values[ID_NUMBER]) or uuid.uuid5(
        ID_NUMBER_NAMESPACE, values[ID_NUMBER]
    )
    levels, default, proficient = _scale(values, where, problems, warnings)
    parsed = ParsedFramework(
        name=values[SHORT_NAME],
        where=where,
        key_label=_("ID number"),
        identifier=identifier,
        description=_description(values),
        levels=levels,
        default_level=default,
        proficient_level=proficient,
        warnings=warnings,
    )
    taxonomy = [term.strip() for term in values[TAXONOMY].split(",")]
    scale_text = ",".join(level.name for level in levels)
    skipped = {"rules": [], "related": [], "scales": []}
    for line, values in records:
        if _truthy(values[IS_FRAMEWORK]):
            continue
        item = _item(line, values, identifier, problems)
        if item is None:
            continue
        parsed.items.append(item)
        if values[RULE_TYPE]:
            skipped["rules"].append(line)
        if values[RELATED]:
            skipped["related"].append(line)
        names = [name.strip() for name in values[SCALE_VALUES].split(",")]
        if values[SCALE_VALUES] and ",".join(names) != scale_text:
            skipped["scales"].append(line)
    problems.extend(validate(parsed))
    problems.raise_if_any()
    order, _cycles = tree_order(parsed)
    for item, depth in order:
        term = taxonomy[depth - 1] if depth <= len(taxonomy) else ""
        item.item_type = term.capitalize()
    warnings += _skipped_warnings(skipped)
    return parsed


def _item(line: int, values: list[str], framework_identifier, problems) -> Item | None:
    where = _("Line %(line)s") % {"line": line}
    id_number = values[ID_NUMBER]
    if not id_number:
        problems.add(_("%(where)s: the ID number is empty.") % {"where": where})
        return None
    identifier = _uuid_or_none(id_number)
    return Item(
        key=id_number,
        where=where,
        short_name=values[SHORT_NAME],
        parent_key=values[PARENT],
        code="" if identifier else id_number,
        description=_description(values),
        identifier=identifier or uuid.uuid5(framework_identifier, id_number),
    )


def _lines(lines: list[int]) -> str:
    shown = ", ".join(map(str, lines[:10])) + (" …" if len(lines) > 10 else "")
    return ngettext("line %(lines)s", "lines %(lines)s", len(lines)) % {"lines": shown}


def _skipped_warnings(skipped: dict[str, list[int]]) -> list[str]:
    messages = {
        "rules": _("Completion rules are not imported (%(lines)s)."),
        "related": _("Cross-referenced competencies are not imported (%(lines)s)."),
        "scales": _(
            "Competencies with a scale of their own use the framework's scale "
            "here (%(lines)s)."
        ),
    }
    return [
        messages[kind] % {"lines": _lines(lines)}
        for kind, lines in skipped.items()
        if lines
    ]


def _taxonomy_term(item_type: str) -> str:
    term = item_type.strip().lower()
    term = TAXONOMY_SYNONYMS.get(term, term)
    return term if term in TAXONOMY_TERMS else "competency"


def framework_export_moodle_csv(framework) -> str:
    """The framework as Moodle's import tool reads it (comma-separated, English
    header, plain-text descriptions). Level descriptors, translations and
    item types other than Moodle's taxonomy terms have no place in it."""
    from .store import framework_tree

    tree = framework_tree(framework)
    levels = list(framework.levels.order_by("value"))
    configuration = [{"scaleid": "0"}] + [
        {
            "id": level.value,
            "scaledefault": int(level.value == framework.default_level),
            "proficient": int(level.value >= framework.proficient_level),
        }
        for level in levels
    ]
    taxonomy = []
    for competency, depth in tree:
        if depth > len(taxonomy):
            taxonomy.append(_taxonomy_term(competency.item_type))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerow(
        [
            "",
            str(framework.identifier),
            framework.name,
            framework.description,
            FORMAT_PLAIN,
            # Moodle separates scale values by commas and has no way to escape one.
            ",".join(level.name.replace(",", ";") for level in levels),
            json.dumps(configuration, separators=(",", ":")),
            "",
            "",
            "",
            "",
            "",
            "1",
            ",".join(taxonomy),
        ]
    )
    id_numbers = {
        competency.pk: competency.code or str(competency.identifier)
        for competency, _depth in tree
    }
    for competency, _depth in tree:
        writer.writerow(
            [
                id_numbers.get(competency.parent_id, ""),
                id_numbers[competency.pk],
                competency.short_name,
                competency.description,
                FORMAT_PLAIN,
                "",
                "",
                "",
                "0",
                "null",
                "",
                str(competency.pk),
                "",
                "",
            ]
        )
    return out.getvalue()
