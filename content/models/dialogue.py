"""Dialogue-card decks (Danish style): themes of question cards plus a
facilitation guide ("drejebog") for team meetings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index

GUIDE_FEATURES = ["bold", "italic", "ul", "ol", "link"]


class CardBlock(blocks.StructBlock):
    question = blocks.TextBlock(label=_("Question"))
    follow_up = blocks.TextBlock(label=_("Follow-up question"), required=False)
    hint = blocks.TextBlock(label=_("Hint"), required=False)

    class Meta:
        icon = "help"
        label = _("Card")


class ThemeBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Theme"))
    description = blocks.TextBlock(label=_("Description"), required=False)
    cards = blocks.ListBlock(CardBlock(), label=_("Cards"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Theme")


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"))
    minutes = blocks.IntegerBlock(label=_("Minutes"), min_value=1, required=False)
    description = blocks.RichTextBlock(label=_("What happens"), features=GUIDE_FEATURES)
    facilitator_notes = blocks.TextBlock(label=_("Facilitator notes"), required=False)

    class Meta:
        icon = "list-ol"
        label = _("Step")


class Deck(TranslatableMixin, index.Indexed, models.Model):
    title = models.CharField(_("title"), max_length=200)
    introduction = RichTextField(_("introduction"), features=GUIDE_FEATURES, blank=True)
    themes = StreamField(
        [("theme", ThemeBlock())], verbose_name=_("themes and cards"), min_num=1
    )
    purpose = RichTextField(_("purpose and output"), features=GUIDE_FEATURES)
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=60)
    group_size = models.CharField(
        _("group size"), max_length=60, blank=True, help_text=_("e.g. 3 to 6 people")
    )
    preparation = RichTextField(_("preparation"), features=GUIDE_FEATURES, blank=True)
    steps = StreamField(
        [("step", StepBlock())], verbose_name=_("programme"), blank=True
    )
    follow_up = RichTextField(_("follow-up ideas"), features=GUIDE_FEATURES, blank=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("introduction"),
        FieldPanel("themes"),
        MultiFieldPanel(
            [
                FieldPanel("purpose"),
                FieldPanel("duration_minutes"),
                FieldPanel("group_size"),
                FieldPanel("preparation"),
                FieldPanel("steps"),
                FieldPanel("follow_up"),
            ],
            heading=_("Facilitation guide"),
        ),
    ]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("dialogue-card deck")
        verbose_name_plural = _("dialogue-card decks")

    def __str__(self):
        return self.title

    def cards(self) -> list[dict]:
        """Every card in deck order, flattened with its theme:
        [{"id", "theme", "question", "follow_up", "hint"}]."""
        result = []
        for theme in self.themes:
            for card in theme.value["cards"].bound_blocks:
                result.append(
                    {
                        "id": card.id,
                        "theme": theme.value["name"],
                        "question": card.value["question"],
                        "follow_up": card.value["follow_up"],
                        "hint": card.value["hint"],
                    }
                )
        return result
