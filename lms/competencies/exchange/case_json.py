"""1EdTech CASE 1.1 packages (CFPackage JSON), also as CASE 1.0 and OpenSALT
write them.

- CFDocument is the framework (identifier kept, title = name, creator =
  source), CFItems the competencies (identifier kept, humanCodingScheme =
  code, abbreviatedStatement = short name, fullStatement = description,
  CFItemType = type), CFAssociations of type isChildOf the tree, with
  sequenceNumber the order among siblings.
- Level descriptors are CFRubrics: one CFRubricCriterion per item (CFItemURI),
  one CFRubricCriterionLevel per level (score = level, description = text).
- CASE has no place for a framework's scale or for translations; they travel
  in `extensions.lernplattform` of the document, items and criterion levels,
  which other tools ignore. Without a scale the framework gets the default
  two-level scale (parsed.DEFAULT_SCALE).

Reading is lenient where real packages differ: links given as plain strings
(an identifier or a URI) instead of {title, identifier, uri}; an item
without abbreviatedStatement gets a short name cut from fullStatement;
associations other than isChildOf, and those pointing outside the package
(exactMatchOf to another framework), are skipped with a warning. Required
fields we need (CFDocument identifier and title, item identifier and
fullStatement, association type and both ends) and identifiers that are not
UUIDs are errors.

URIs we write are `urn:uuid:<identifier>`: valid URIs that promise no
resolvable service, which this platform does not offer.
"""

import json
import re
import uuid

from django.utils.translation import gettext as _

from .files import decode_utf8
from .parsed import (
    DEFAULT_PROFICIENT,
    DEFAULT_SCALE,
    Descriptor,
    FrameworkImportError,
    Item,
    Level,
    ParsedFramework,
    Problems,
    default_levels,
    max_items,
    validate,
)

EXTENSION = "lernplattform"
#: A short name cut from a long fullStatement stays readable in lists.
SHORT_NAME_LENGTH = 120
MAX_WARNINGS = 20
_UUID = re.compile(
    r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I
)
_TRAILING_UUID = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I
)
_SENTENCE = re.compile(r"^(.+?[.!?])(\s|$)")


def _text(value) -> str:
    """A field as text; NUL (possible as an escape in JSON) cannot be stored."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    return text.replace("\0", "").strip()


def shorten(text: str, limit: int = SHORT_NAME_LENGTH) -> str:
    """The whole statement if short, else its first sentence, else its start
    cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    sentence = _SENTENCE.match(text)
    if sentence and len(sentence.group(1)) <= limit:
        return sentence.group(1)
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:\N{EN DASH}- ") + "…"


def _identifier(raw: dict, where: str, problems: Problems) -> uuid.UUID | None:
    value = _text(raw.get("identifier"))
    if not value:
        problems.add(_("%(where)s: the identifier is missing.") % {"where": where})
        return None
    if not _UUID.match(value):
        problems.add(
            _("%(where)s: the identifier “%(value)s” is not a UUID.")
            % {"where": where, "value": value}
        )
        return None
    return uuid.UUID(value)


def _resolve(value, uris: dict[str, str]) -> str:
    """The identifier a link points at: from {title, identifier, uri}, or from a
    plain string that is an identifier or a URI (CASE 1.0, early OpenSALT).
    A link we cannot place comes back as its text, for the warning."""
    if isinstance(value, dict):
        identifier = _text(value.get("identifier"))
        if _UUID.match(identifier):
            return identifier.lower()
        value = value.get("uri") or identifier
    value = _text(value)
    if _UUID.match(value):
        return value.lower()
    if value in uris:
        return uris[value]
    match = _TRAILING_UUID.search(value)
    return match.group(0).lower() if match else value


def _shown(value) -> str:
    """A link as the file gives it, for messages."""
    if isinstance(value, dict):
        return _text(value.get("uri") or value.get("identifier") or value.get("title"))
    return _text(value)


def _extension(raw: dict) -> dict:
    extensions = raw.get("extensions")
    if isinstance(extensions, dict) and isinstance(extensions.get(EXTENSION), dict):
        return extensions[EXTENSION]
    return {}


def _translations(value, where: str, warnings: list[str]) -> dict:
    """{"en": {"short_name": "…"}}; anything else is dropped with a warning."""
    if value is None:
        return {}
    valid = isinstance(value, dict) and all(
        isinstance(language, str)
        and isinstance(texts, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in texts.items())
        for language, texts in value.items()
    )
    if not valid:
        warnings.append(
            _("%(where)s: the translations are not in the expected form; skipped.")
            % {"where": where}
        )
        return {}
    return value


def _integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else None


def _scale(value, where: str, problems: Problems, warnings: list[str]):
    if value is None:
        warnings.append(
            _(
                "The package has no scale, so the framework gets the scale "
                "“%(scale)s” (proficient from level %(proficient)s)."
            )
            % {"scale": ", ".join(DEFAULT_SCALE), "proficient": DEFAULT_PROFICIENT}
        )
        return default_levels(), 1, DEFAULT_PROFICIENT
    where = _("%(where)s, scale") % {"where": where}
    if not isinstance(value, dict) or not isinstance(value.get("levels"), list):
        problems.add(_("%(where)s: “levels” must be a list.") % {"where": where})
        return [], 1, 1
    levels = []
    for index, raw in enumerate(value["levels"]):
        number = _integer(raw.get("value")) if isinstance(raw, dict) else None
        if number is None:
            problems.add(
                _("%(where)s: level %(index)s has no whole-number value.")
                % {"where": where, "index": index + 1}
            )
            continue
        levels.append(
            Level(
                value=number,
                name=_text(raw.get("name")),
                band=_text(raw.get("band")),
                description=_text(raw.get("description")),
                translations=_translations(raw.get("translations"), where, warnings),
            )
        )
    default = _integer(value.get("defaultLevel"))
    proficient = _integer(value.get("proficientLevel"))
    return levels, default or 1, proficient or (len(levels) or 1)


def _json(text: str):
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FrameworkImportError(
            [
                _(
                    "Line %(line)s, column %(column)s: the file is not valid "
                    "JSON (%(error)s)."
                )
                % {"line": error.lineno, "column": error.colno, "error": error.msg}
            ]
        ) from error
    except RecursionError as error:
        raise FrameworkImportError(
            [_("The file is not valid JSON: it is nested too deeply.")]
        ) from error


def _list(package: dict, name: str) -> list:
    value = package.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise FrameworkImportError([_("%(name)s must be a list.") % {"name": name}])
    return value


class _Warnings(list):
    """Warnings about skipped associations and rubric levels, capped: a package
    full of isRelatedTo links should not bury the rest."""

    def __init__(self):
        super().__init__()
        self.more = 0

    def add(self, message: str) -> None:
        if len(self) < MAX_WARNINGS:
            self.append(message)
        else:
            self.more += 1

    def summary(self) -> list[str]:
        if not self.more:
            return list(self)
        return [
            *self,
            _("… and %(count)s more were skipped.") % {"count": self.more},
        ]


def read_case_json(data: bytes) -> ParsedFramework:
    """Parse and check a package; FrameworkImportError lists every problem."""
    text = decode_utf8(data)
    if not text.strip():
        raise FrameworkImportError([_("The file is empty.")])
    package = _json(text)
    if isinstance(package, dict) and isinstance(package.get("CFPackage"), dict):
        package = package["CFPackage"]
    if not isinstance(package, dict) or not isinstance(package.get("CFDocument"), dict):
        raise FrameworkImportError(
            [_("The file is not a CASE package: it has no CFDocument.")]
        )
    raw_items = _list(package, "CFItems")
    if len(raw_items) > max_items():
        raise FrameworkImportError(
            [
                _("The package has more than %(limit)s items; nothing was imported.")
                % {"limit": f"{max_items():,}"}
            ]
        )
    problems = Problems()
    warnings: list[str] = []
    parsed = _document(package["CFDocument"], problems, warnings)
    uris, positions = _items(raw_items, parsed, problems, warnings)
    skipped = _Warnings()
    _associations(
        _list(package, "CFAssociations"), parsed, uris, positions, problems, skipped
    )
    _rubrics(_list(package, "CFRubrics"), parsed, uris, skipped, warnings)
    parsed.warnings = warnings + skipped.summary()
    problems.extend(validate(parsed))
    problems.raise_if_any()
    return parsed


def _document(raw: dict, problems: Problems, warnings: list[str]) -> ParsedFramework:
    where = "CFDocument"
    identifier = _identifier(raw, where, problems)
    title = _text(raw.get("title"))
    if not title:
        problems.add(_("%(where)s: the title is missing.") % {"where": where})
    extension = _extension(raw)
    levels, default, proficient = _scale(
        extension.get("scale"), where, problems, warnings
    )
    return ParsedFramework(
        name=title or "-",
        where=where,
        key_label=_("identifier"),
        identifier=identifier,
        source=_text(raw.get("creator")),
        version=_text(raw.get("version")),
        language=_text(raw.get("language")),
        description=_text(raw.get("description")),
        translations=_translations(extension.get("translations"), where, warnings),
        levels=levels,
        default_level=default,
        proficient_level=proficient,
    )


def _items(raw_items: list, parsed: ParsedFramework, problems, warnings):
    """Items into parsed.items; returns {uri: identifier} for links given as
    URIs, and each item's position in the file."""
    uris: dict[str, str] = {}
    positions: dict[str, int] = {}
    for index, raw in enumerate(raw_items):
        where = f"CFItems[{index}]"
        if not isinstance(raw, dict):
            problems.add(_("%(where)s: not an object.") % {"where": where})
            continue
        if _text(raw.get("identifier")):
            where = f"{where} ({_text(raw.get('identifier'))})"
        identifier = _identifier(raw, where, problems)
        statement = _text(raw.get("fullStatement"))
        if not statement:
            problems.add(
                _("%(where)s: the fullStatement is missing.") % {"where": where}
            )
        if identifier is None or not statement:
            continue
        if identifier == parsed.identifier:
            problems.add(
                _("%(where)s: the item has the identifier of the CFDocument.")
                % {"where": where}
            )
        short_name = _text(raw.get("abbreviatedStatement")) or shorten(statement)
        item_type = _text(raw.get("CFItemType"))
        if not item_type and isinstance(raw.get("CFItemTypeURI"), dict):
            item_type = _text(raw["CFItemTypeURI"].get("title"))
        key = str(identifier)
        parsed.items.append(
            Item(
                key=key,
                where=where,
                short_name=short_name,
                code=_text(raw.get("humanCodingScheme")),
                description="" if statement == short_name else statement,
                item_type=item_type,
                identifier=identifier,
                translations=_translations(
                    _extension(raw).get("translations"), where, warnings
                ),
            )
        )
        positions.setdefault(key, index)
        if isinstance(raw.get("uri"), str):
            uris[raw["uri"].strip()] = key
    return uris, positions


def _associations(raw_associations, parsed, uris, positions, problems, skipped):
    """Parents and sibling order from isChildOf; every other association is
    skipped with a warning."""
    document = str(parsed.identifier)
    items = {item.key: item for item in parsed.items}
    placed: dict[str, tuple] = {}
    for index, raw in enumerate(raw_associations):
        where = f"CFAssociations[{index}]"
        if not isinstance(raw, dict):
            problems.add(_("%(where)s: not an object.") % {"where": where})
            continue
        if _text(raw.get("identifier")):
            where = f"{where} ({_text(raw.get('identifier'))})"
        kind = _text(raw.get("associationType"))
        missing = [
            name
            for name in ("associationType", "originNodeURI", "destinationNodeURI")
            if not raw.get(name)
        ]
        if missing:
            problems.add(
                _("%(where)s: %(fields)s missing.")
                % {"where": where, "fields": ", ".join(missing)}
            )
            continue
        origin = _resolve(raw["originNodeURI"], uris)
        destination = _resolve(raw["destinationNodeURI"], uris)
        inside = {document, *items}
        if kind != "isChildOf":
            outside = [
                _shown(raw[name])
                for name, end in (
                    ("originNodeURI", origin),
                    ("destinationNodeURI", destination),
                )
                if end not in inside
            ]
            message = (
                _(
                    "%(where)s: %(kind)s to “%(target)s” outside this package "
                    "is skipped."
                )
                if outside
                else _(
                    "%(where)s: %(kind)s is skipped (only isChildOf builds the tree)."
                )
            )
            skipped.add(
                message
                % {
                    "where": where,
                    "kind": kind,
                    "target": outside[0] if outside else "",
                }
            )
            continue
        if origin not in items or destination not in inside:
            skipped.add(
                _(
                    "%(where)s: isChildOf from “%(origin)s” to “%(destination)s” "
                    "points outside this package and is skipped."
                )
                % {
                    "where": where,
                    "origin": _shown(raw["originNodeURI"]),
                    "destination": _shown(raw["destinationNodeURI"]),
                }
            )
            continue
        if origin in placed:
            skipped.add(
                _(
                    "%(where)s: “%(origin)s” already has a parent (%(first)s); "
                    "this second isChildOf is skipped."
                )
                % {"where": where, "origin": origin, "first": placed[origin][0]}
            )
            continue
        sequence = _integer(raw.get("sequenceNumber"))
        placed[origin] = (where, sequence, index)
        items[origin].parent_key = "" if destination == document else destination

    def order(item):
        if item.key not in placed:
            return (True, 0, len(raw_associations), positions[item.key])
        _where, sequence, index = placed[item.key]
        return (sequence is None, sequence or 0, index, positions[item.key])

    parsed.items.sort(key=order)


def _rubrics(raw_rubrics, parsed, uris, skipped, warnings):
    """Level descriptors from the rubric criteria that point at our items."""
    items = {item.key: item for item in parsed.items}
    values = {level.value for level in parsed.levels}
    for r_index, rubric in enumerate(raw_rubrics):
        criteria = rubric.get("CFRubricCriteria") if isinstance(rubric, dict) else None
        for c_index, criterion in enumerate(criteria or []):
            where = f"CFRubrics[{r_index}].CFRubricCriteria[{c_index}]"
            if not isinstance(criterion, dict):
                skipped.add(_("%(where)s: not an object; skipped.") % {"where": where})
                continue
            target = _resolve(criterion.get("CFItemURI"), uris)
            if target not in items:
                skipped.add(
                    _(
                        "%(where)s: describes “%(target)s”, not an item of this "
                        "package; skipped."
                    )
                    % {"where": where, "target": _shown(criterion.get("CFItemURI"))}
                )
                continue
            item = items[target]
            described = {descriptor.level for descriptor in item.descriptors}
            for l_index, raw in enumerate(
                criterion.get("CFRubricCriterionLevels") or []
            ):
                level_where = f"{where}.CFRubricCriterionLevels[{l_index}]"
                if not isinstance(raw, dict):
                    skipped.add(
                        _("%(where)s: not an object; skipped.") % {"where": level_where}
                    )
                    continue
                level = _integer(raw.get("score"))
                text = _text(raw.get("description")) or _text(raw.get("quality"))
                if level not in values or level in described or not text:
                    skipped.add(
                        _(
                            "%(where)s: no text, or a score that is not a free "
                            "level of the scale (%(score)s); skipped."
                        )
                        % {"where": level_where, "score": raw.get("score")}
                    )
                    continue
                described.add(level)
                item.descriptors.append(
                    Descriptor(
                        level=level,
                        text=text,
                        translations=_translations(
                            _extension(raw).get("translations"), level_where, warnings
                        ),
                    )
                )
            item.descriptors.sort(key=lambda descriptor: descriptor.level)


def _uri(identifier) -> str:
    return f"urn:uuid:{identifier}"


def _link(identifier, title: str) -> dict:
    return {"title": title, "identifier": str(identifier), "uri": _uri(identifier)}


def _derived(identifier, purpose: str) -> str:
    """Stable identifiers for what we do not store (associations, rubric
    parts), so that exporting twice gives the same file."""
    return str(uuid.uuid5(uuid.UUID(str(identifier)), purpose))


def framework_export_case_json(framework) -> dict:
    """The framework as a CASE 1.1 CFPackage (a dict, ready for json.dumps)."""
    from .store import framework_tree

    tree = framework_tree(framework)
    changed = framework.created_at.isoformat(timespec="seconds")
    document_link = _link(framework.identifier, framework.name)
    levels = list(framework.levels.order_by("value"))
    document = {
        "identifier": str(framework.identifier),
        "uri": _uri(framework.identifier),
        "CFPackageURI": document_link,
        "creator": framework.source or framework.name,
        "title": framework.name,
        "lastChangeDateTime": changed,
        "description": framework.description,
        "language": framework.language,
        "version": framework.version,
        "extensions": {
            EXTENSION: {
                "scale": {
                    "levels": [
                        {
                            "value": level.value,
                            "name": level.name,
                            "band": level.band,
                            "description": level.description,
                            "translations": level.translations,
                        }
                        for level in levels
                    ],
                    "defaultLevel": framework.default_level,
                    "proficientLevel": framework.proficient_level,
                },
                "translations": framework.translations,
            }
        },
    }
    items, associations, criteria = [], [], []
    links = {
        competency.pk: _link(competency.identifier, competency.short_name)
        for competency, _depth in tree
    }
    positions: dict[int | None, int] = {}
    level_names = {level.value: level.name for level in levels}
    rubric_id = _derived(framework.identifier, "rubric")
    for competency, _depth in tree:
        item = {
            "identifier": str(competency.identifier),
            "uri": _uri(competency.identifier),
            "CFDocumentURI": document_link,
            "fullStatement": competency.description or competency.short_name,
            "abbreviatedStatement": competency.short_name,
            "humanCodingScheme": competency.code,
            "CFItemType": competency.item_type,
            "language": framework.language,
            "lastChangeDateTime": changed,
        }
        if competency.translations:
            item["extensions"] = {EXTENSION: {"translations": competency.translations}}
        items.append({key: value for key, value in item.items() if value != ""})
        position = positions[competency.parent_id] = (
            positions.get(competency.parent_id, 0) + 1
        )
        associations.append(
            {
                "identifier": _derived(competency.identifier, "isChildOf"),
                "uri": _uri(_derived(competency.identifier, "isChildOf")),
                "CFDocumentURI": document_link,
                "associationType": "isChildOf",
                "originNodeURI": links[competency.pk],
                "destinationNodeURI": links.get(competency.parent_id, document_link),
                "sequenceNumber": position,
                "lastChangeDateTime": changed,
            }
        )
        descriptors = list(competency.level_descriptors.all())
        if descriptors:
            criteria.append(
                _criterion(
                    competency,
                    descriptors,
                    rubric_id,
                    links,
                    level_names,
                    changed,
                    len(criteria) + 1,
                )
            )
    package = {"CFDocument": document, "CFItems": items, "CFAssociations": associations}
    if criteria:
        package["CFRubrics"] = [
            {
                "identifier": rubric_id,
                "uri": _uri(rubric_id),
                "title": framework.name,
                "description": _("What each level looks like."),
                "lastChangeDateTime": changed,
                "CFRubricCriteria": criteria,
            }
        ]
    return package


def _criterion(
    competency, descriptors, rubric_id, links, level_names, changed, position
):
    criterion_id = _derived(competency.identifier, "criterion")
    levels = []
    for descriptor in descriptors:
        level_id = _derived(competency.identifier, f"level-{descriptor.level}")
        level = {
            "identifier": level_id,
            "uri": _uri(level_id),
            "description": descriptor.text_value,
            "quality": level_names.get(descriptor.level, ""),
            "score": descriptor.level,
            "position": descriptor.level,
            "rubricCriterionId": criterion_id,
            "lastChangeDateTime": changed,
        }
        if descriptor.translations:
            level["extensions"] = {EXTENSION: {"translations": descriptor.translations}}
        levels.append(level)
    return {
        "identifier": criterion_id,
        "uri": _uri(criterion_id),
        "category": competency.code,
        "description": competency.short_name,
        "CFItemURI": links[competency.pk],
        "position": position,
        "rubricId": rubric_id,
        "lastChangeDateTime": changed,
        "CFRubricCriterionLevels": levels,
    }
