"""Case studies: a short realistic story with a dilemma ("What do you do?"),
options with feedback, and reflection questions."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index


class OptionBlock(blocks.StructBlock):
    label = blocks.TextBlock(label=_("Option"))
    feedback = blocks.RichTextBlock(
        label=_("Feedback"), features=["bold", "italic", "ul", "ol", "link"]
    )

    class Meta:
        icon = "radio-full"
        label = _("Option")


class Case(TranslatableMixin, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=200)
    setting = models.TextField(
        _("setting"), help_text=_("Where and with whom, in one or two sentences.")
    )
    story = RichTextField(_("story"), features=["bold", "italic", "ul", "ol"])
    dilemma = models.TextField(_("dilemma question"), default="Was tun Sie?")
    options = StreamField(
        [("option", OptionBlock())], verbose_name=_("options"), min_num=2, max_num=4
    )
    allow_other = models.BooleanField(
        _("offer an “other” option with free text"), default=True
    )
    other_feedback = models.TextField(
        _("feedback for “other”"),
        blank=True,
        help_text=_("Shown after a learner describes their own way."),
    )
    reflection_questions = StreamField(
        [("question", blocks.TextBlock(label=_("Question")))],
        verbose_name=_("reflection questions"),
        blank=True,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("setting"),
        FieldPanel("story"),
        MultiFieldPanel(
            [
                FieldPanel("dilemma"),
                FieldPanel("options"),
                FieldPanel("allow_other"),
                FieldPanel("other_feedback"),
            ],
            heading=_("Dilemma"),
        ),
        FieldPanel("reflection_questions"),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not 2 <= len(self.options) <= 4:
            raise ValidationError({"options": _("A case needs two to four options.")})
