"""The one shape both file formats are read into and written from.

A reader (Moodle CSV, CASE JSON) turns a file into a `ParsedFramework`; one
writer (`store.framework_import`) puts it into the database. Checks that do
not depend on the format (parents, cycles, duplicates, lengths, the scale)
live here, so both formats report them in the same words, each naming where
the problem is in the file ("Line 4", "CFItems[2] (…)").
"""

import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _

#: Without a scale in the file a framework gets Moodle's default competency
#: scale: two levels, the second one proficient.
DEFAULT_SCALE = ("Not yet competent", "Competent")
DEFAULT_PROFICIENT = 2

#: At most this many problems are listed; a file with more gets a summary line,
#: because nobody reads the 5,000th error of a file in the wrong format.
MAX_PROBLEMS = 20

# Field lengths of the models, checked here so that the message names the line.
MAX_LENGTHS = {
    "name": 255,
    "source": 255,
    "version": 50,
    "language": 16,
    "code": 100,
    "short_name": 255,
    "item_type": 100,
    "level_name": 120,
    "band": 120,
}


def max_bytes() -> int:
    return getattr(settings, "COMPETENCY_IMPORT_MAX_BYTES", 10 * 1024 * 1024)


def max_items() -> int:
    return getattr(settings, "COMPETENCY_IMPORT_MAX_ITEMS", 10_000)


class FrameworkImportError(Exception):
    """Everything wrong with a file, one message per problem; nothing was saved."""

    def __init__(self, messages: list[str]):
        self.messages = list(messages)
        super().__init__("\n".join(self.messages))


class Problems:
    """Collects messages up to MAX_PROBLEMS and counts the rest."""

    def __init__(self):
        self.messages: list[str] = []
        self.more = 0

    def add(self, message: str) -> None:
        if len(self.messages) < MAX_PROBLEMS:
            self.messages.append(message)
        else:
            self.more += 1

    def extend(self, messages: list[str]) -> None:
        for message in messages:
            self.add(message)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def raise_if_any(self) -> None:
        if not self.messages:
            return
        messages = list(self.messages)
        if self.more:
            messages.append(_("… and %(count)s more problems.") % {"count": self.more})
        raise FrameworkImportError(messages)


@dataclass
class Level:
    value: int
    name: str
    band: str = ""
    description: str = ""
    translations: dict = field(default_factory=dict)


@dataclass
class Descriptor:
    level: int
    text: str
    translations: dict = field(default_factory=dict)


@dataclass
class Item:
    """One competency. `key` is how the file refers to it (a Moodle ID number, a
    CASE identifier); `parent_key` empty means top level."""

    key: str
    where: str
    short_name: str
    parent_key: str = ""
    code: str = ""
    description: str = ""
    item_type: str = ""
    identifier: uuid.UUID | None = None
    translations: dict = field(default_factory=dict)
    descriptors: list[Descriptor] = field(default_factory=list)


@dataclass
class ParsedFramework:
    """A framework as read from a file. Items are in file order; siblings keep
    that order. `key_label` names the key in messages ("ID number")."""

    name: str
    where: str
    key_label: str
    identifier: uuid.UUID | None = None
    source: str = ""
    version: str = ""
    language: str = ""
    description: str = ""
    translations: dict = field(default_factory=dict)
    levels: list[Level] = field(default_factory=list)
    default_level: int = 1
    proficient_level: int = DEFAULT_PROFICIENT
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def default_levels() -> list[Level]:
    return [
        Level(value=value, name=name)
        for value, name in enumerate(DEFAULT_SCALE, start=1)
    ]


def validate(parsed: ParsedFramework) -> list[str]:
    """Every problem that would make the tree or the rows invalid."""
    problems: list[str] = []
    problems += _framework_problems(parsed)
    problems += _scale_problems(parsed)
    problems += _item_problems(parsed)
    if _parents_sound(parsed):
        _order, tree_problems = tree_order(parsed)
        problems += tree_problems
    return problems


def _parents_sound(parsed: ParsedFramework) -> bool:
    """Unique keys and existing parents other than oneself: only then can a
    walk up the parents find cycles (the other cases have their own message)."""
    keys = {item.key for item in parsed.items}
    if len(keys) != len(parsed.items):
        return False
    return all(
        not item.parent_key or (item.parent_key in keys and item.parent_key != item.key)
        for item in parsed.items
    )


def _too_long(where: str, label: str, value: str, key: str) -> list[str]:
    limit = MAX_LENGTHS[key]
    if len(value) <= limit:
        return []
    return [
        _("%(where)s: the %(field)s is longer than %(limit)s characters.")
        % {"where": where, "field": label, "limit": limit}
    ]


def _framework_problems(parsed: ParsedFramework) -> list[str]:
    where = parsed.where
    problems = []
    if not parsed.name.strip():
        problems.append(_("%(where)s: the framework has no name.") % {"where": where})
    problems += _too_long(where, _("name"), parsed.name, "name")
    problems += _too_long(where, _("source"), parsed.source, "source")
    problems += _too_long(where, _("version"), parsed.version, "version")
    problems += _too_long(where, _("language"), parsed.language, "language")
    return problems


def _scale_problems(parsed: ParsedFramework) -> list[str]:
    where = parsed.where
    problems = []
    values = [level.value for level in parsed.levels]
    if not values:
        return [_("%(where)s: the scale has no levels.") % {"where": where}]
    if sorted(values) != list(range(1, len(values) + 1)):
        problems.append(
            _("%(where)s: the scale's levels must be numbered 1 to %(count)s.")
            % {"where": where, "count": len(values)}
        )
    for level in parsed.levels:
        if not level.name.strip():
            problems.append(
                _("%(where)s: level %(value)s has no name.")
                % {"where": where, "value": level.value}
            )
        problems += _too_long(where, _("level name"), level.name, "level_name")
        problems += _too_long(where, _("band"), level.band, "band")
    for label, value in (
        (_("default level"), parsed.default_level),
        (_("proficient level"), parsed.proficient_level),
    ):
        if value not in values:
            problems.append(
                _("%(where)s: the %(label)s %(value)s is not a level of the scale.")
                % {"where": where, "label": label, "value": value}
            )
    return problems


def _item_problems(parsed: ParsedFramework) -> list[str]:
    problems = []
    seen_keys: dict[str, Item] = {}
    seen_codes: dict[str, Item] = {}
    seen_identifiers: dict[uuid.UUID, Item] = {}
    level_values = {level.value for level in parsed.levels}
    for item in parsed.items:
        where = item.where
        if not item.short_name.strip():
            problems.append(_("%(where)s: the short name is empty.") % {"where": where})
        problems += _too_long(where, _("short name"), item.short_name, "short_name")
        problems += _too_long(where, _("code"), item.code, "code")
        problems += _too_long(where, _("type"), item.item_type, "item_type")
        duplicate_key = item.key in seen_keys
        if duplicate_key:
            problems.append(
                _("%(where)s: the %(label)s “%(key)s” is already used (see %(first)s).")
                % {
                    "where": where,
                    "label": parsed.key_label,
                    "key": item.key,
                    "first": seen_keys[item.key].where,
                }
            )
        else:
            seen_keys[item.key] = item
        if duplicate_key:
            continue
        if item.code and item.code in seen_codes:
            problems.append(
                _("%(where)s: the code “%(code)s” is already used (see %(first)s).")
                % {
                    "where": where,
                    "code": item.code,
                    "first": seen_codes[item.code].where,
                }
            )
        elif item.code:
            seen_codes[item.code] = item
        if item.identifier is not None:
            if item.identifier in seen_identifiers:
                problems.append(
                    _(
                        "%(where)s: the identifier %(identifier)s is already used "
                        "(%(first)s)."
                    )
                    % {
                        "where": where,
                        "identifier": item.identifier,
                        "first": seen_identifiers[item.identifier].where,
                    }
                )
            else:
                seen_identifiers[item.identifier] = item
        if item.parent_key and item.parent_key == item.key:
            problems.append(
                _("%(where)s: “%(key)s” is its own parent.")
                % {"where": where, "key": item.key}
            )
        for descriptor in item.descriptors:
            if descriptor.level not in level_values:
                problems.append(
                    _(
                        "%(where)s: a level description is for level %(level)s, "
                        "which the scale does not have."
                    )
                    % {"where": where, "level": descriptor.level}
                )
    for item in parsed.items:
        if item.parent_key and item.parent_key not in seen_keys:
            problems.append(
                _("%(where)s: the parent “%(parent)s” does not exist.")
                % {"where": item.where, "parent": item.parent_key}
            )
    return problems


def tree_order(parsed: ParsedFramework) -> tuple[list[tuple[Item, int]], list[str]]:
    """The items parents first, siblings in file order, each with its depth
    (1 = top level); and a message for each item caught in a cycle, which a
    walk from the top never reaches."""
    children: dict[str, list[Item]] = {}
    for item in parsed.items:
        children.setdefault(item.parent_key, []).append(item)
    order: list[tuple[Item, int]] = []
    stack = [(item, 1) for item in reversed(children.get("", []))]
    while stack:
        item, depth = stack.pop()
        order.append((item, depth))
        stack.extend(
            (child, depth + 1) for child in reversed(children.get(item.key, []))
        )
    if len(order) == len(parsed.items):
        return order, []
    reached = {id(item) for item, _depth in order}
    by_key = {item.key: item for item in parsed.items}
    problems = []
    reported: set[str] = set()
    for item in parsed.items:
        if id(item) in reached or item.key in reported:
            continue
        chain = [item.key]
        node = by_key[item.parent_key]
        while node.key not in chain:
            chain.append(node.key)
            node = by_key[node.parent_key]
        cycle = [*chain[chain.index(node.key) :], node.key]
        if item.key not in cycle:
            continue  # below a cycle: reported with the cycle itself
        reported.update(cycle)
        problems.append(
            _("%(where)s: the parents form a cycle: %(cycle)s.")
            % {"where": item.where, "cycle": " → ".join(cycle)}
        )
    return order, problems
