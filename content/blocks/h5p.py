"""An H5P package in a lesson, played by h5p-standalone from the platform itself."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.snippets.blocks import SnippetChooserBlock

from .activity import required_flag


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

    class Meta:
        icon = "media"
        label = _("H5P interactive content")
        template = "content/blocks/h5p.html"
        description = _("An interactive exercise made with H5P")
        preview_value = {"pass_mark": 100, "counting": "best"}
