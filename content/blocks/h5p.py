"""An H5P package in a lesson, played by h5p-standalone from the platform itself."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from ..h5p.storage import h5p_player_paths
from .activity import required_flag
from .competency import competencies_block


class H5PBlock(blocks.StructBlock):
    is_activity = True

    package = SnippetChooserBlock("content.H5PPackage", label=_("H5P package"))
    pass_mark = blocks.IntegerBlock(
        label=_("Pass mark (%)"),
        min_value=0,
        max_value=100,
        default=100,
        help_text=_("For scored content; unscored content completes when finished."),
    )
    counting = blocks.ChoiceBlock(
        label=_("Which attempt counts"),
        choices=[("best", _("The best attempt")), ("last", _("The last attempt"))],
        default="best",
    )
    required = required_flag()
    competencies = competencies_block()

    def get_context(self, value, parent_context=None):
        """Adds the player's three paths, from the one place that knows the layout."""
        context = super().get_context(value, parent_context=parent_context)
        package = value.get("package")
        context["paths"] = h5p_player_paths(package) if package else {}
        return context

    class Meta:
        icon = "media"
        label = _("H5P interactive content")
        template = "content/blocks/h5p.html"
        description = _("An interactive exercise made with H5P")
        preview_value = {"pass_mark": 100, "counting": "best"}
