"""Showing exported values in the ZIP's index.html: lists and objects as
nested lists, ISO datetimes as local dates, yes/no for booleans."""

import json

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

register = template.Library()

EMPTY = "\u2013"  # an en dash, for "nothing"


def _text(value) -> str:
    if value is None or value == "":
        return EMPTY
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    if isinstance(value, str) and len(value) >= 19 and value[4:5] == "-":
        moment = parse_datetime(value)
        if moment is not None and timezone.is_aware(moment):
            return formats.date_format(
                timezone.localtime(moment), "SHORT_DATETIME_FORMAT"
            )
    return str(value)


def _render(value, depth: int = 0) -> str:
    if isinstance(value, dict):
        if not value:
            return EMPTY
        if depth > 2:
            return escape(json.dumps(value, ensure_ascii=False))
        rows = format_html_join(
            "",
            "<div><dt>{}</dt><dd>{}</dd></div>",
            ((key, mark_safe(_render(item, depth + 1))) for key, item in value.items()),  # noqa: S308
        )
        return f"<dl>{rows}</dl>"
    if isinstance(value, list):
        if not value:
            return EMPTY
        items = "".join(f"<li>{_render(item, depth + 1)}</li>" for item in value)
        return f"<ul>{items}</ul>"
    return escape(_text(value))


@register.filter
def export_value(value):
    return mark_safe(_render(value))  # noqa: S308 - every leaf is escaped


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
