"""A case study in a lesson: choose an option, read feedback, reflect."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .activity import required_flag
from .competency import competencies_block


class CaseBlock(blocks.StructBlock):
    is_activity = True

    case = SnippetChooserBlock("content.Case", label=_("Case study"))
    required = required_flag(_("Completed when the learner has chosen an option."))
    competencies = competencies_block()

    class Meta:
        icon = "doc-full-inverse"
        label = _("Case study")
        template = "content/blocks/case.html"
        description = _("A short story with a dilemma, options and reflection")
        preview_value = {"required": True}
