"""Activities the learner does, as opposed to reads. Each sets `is_activity`
so that the lesson completes by itself when all of them are done."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


def required_flag(help_text: str = "") -> blocks.BooleanBlock:
    """The trainer's switch that makes an activity count towards completing the
    lesson (on by default); every activity block carries one."""
    extra = {"help_text": help_text} if help_text else {}
    return blocks.BooleanBlock(
        label=_("Required for completing the lesson"),
        required=False,
        default=True,
        **extra,
    )


class AcknowledgementBlock(blocks.StructBlock):
    """A statement the learner confirms, e.g. a confidentiality obligation;
    the usual proof that a compliance training was actually read."""

    is_activity = True

    required = required_flag()
    statement = blocks.TextBlock(
        label=_("Statement"),
        help_text=_("In the first person, e.g. “I have understood that …”."),
    )

    class Meta:
        icon = "tick-inverse"
        label = _("Acknowledgement")
        template = "content/blocks/acknowledgement.html"
        description = _("A statement the learner confirms; counts as an activity")
        preview_value = {"statement": _("I have understood the confidentiality rules.")}
