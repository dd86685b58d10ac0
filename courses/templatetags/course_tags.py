from django import template
from django.utils import translation
from django.utils.safestring import mark_safe

from courses import page_cache

register = template.Library()


@register.filter
def get_item(mapping, key):
    """`mapping|get_item:key` for dict lookups with a variable key."""
    if not mapping:
        return None
    return mapping.get(key)


# Blocks whose HTML depends on nothing but the block's value (and the active
# language): rendered once per lesson, language and content version and kept
# in the worker (courses.page_cache). Every other block (activities: they show
# the learner's state, CSRF tokens and the CSP nonce) is rendered per request.
STATIC_BLOCK_TYPES = frozenset(
    {"text", "image", "embed", "media_file", "document", "callout"}
)


def _body_parts(page) -> list:
    """The lesson body as a list of HTML strings (static blocks, rendered
    now) and bound blocks (rendered per request)."""
    parts: list = []
    for block in page.body:
        if block.block_type in STATIC_BLOCK_TYPES:
            html = block.render(context={"block_id": block.id})
            if parts and isinstance(parts[-1], str):
                parts[-1] += "\n" + html
            else:
                parts.append(html)
        else:
            parts.append(block)
    return parts


@register.simple_tag(takes_context=True)
def lesson_body(context, page, activity_state):
    """The lesson's blocks. Static blocks come from the worker's cache except
    in previews (an unsaved draft must never be kept under the page's id)."""
    request = context.get("request")
    if request is None or getattr(request, "is_preview", False):
        parts = _body_parts(page)
    else:
        parts = page_cache.remembered(
            request,
            ("lesson-body", page.pk, translation.get_language()),
            lambda: _body_parts(page),
        )
    # Activity templates read many of the page's variables (the trainer's
    # preview, team sessions, enrolment, progress): they get all of them.
    base = context.flatten()
    html = []
    for part in parts:
        if isinstance(part, str):
            html.append(part)
        else:
            block_context = {
                **base,
                "block_id": part.id,
                "state": (activity_state or {}).get(part.id),
            }
            html.append(part.render(context=block_context))
    return mark_safe("\n".join(html))  # noqa: S308 (rendered templates)
