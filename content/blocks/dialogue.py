"""A dialogue-card deck in a lesson: used alone, in a team session, or printed."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .activity import required_flag
from .competency import competencies_block


class DeckBlock(blocks.StructBlock):
    is_activity = True

    deck = SnippetChooserBlock("content.Deck", label=_("Deck"))
    required = required_flag(
        _(
            "Completed by taking part in a team session or by writing a "
            "note on at least one card alone."
        )
    )
    competencies = competencies_block()

    class Meta:
        icon = "list-ul"
        label = _("Dialogue cards")
        template = "content/blocks/deck.html"
        description = _("A deck of question cards for reflection alone or in a team")
        preview_value = {"required": True}
