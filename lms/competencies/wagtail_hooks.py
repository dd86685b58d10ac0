"""Admin registration: frameworks with their scale, and competencies (which
also gives the chooser that course and activity blocks link with)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Competency, Framework


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "table"
    menu_label = _("Frameworks")
    list_display = ["name", "version", "language", "slug"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldRowPanel(
            [FieldPanel("source"), FieldPanel("version"), FieldPanel("language")]
        ),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                InlinePanel("levels", heading=_("Levels"), min_num=1),
                FieldRowPanel(
                    [FieldPanel("default_level"), FieldPanel("proficient_level")]
                ),
            ],
            heading=_("Scale"),
        ),
    ]


class CompetencyViewSet(SnippetViewSet):
    model = Competency
    icon = "pick"
    menu_label = _("Competencies")
    list_display = ["__str__", "framework", "item_type"]
    list_filter = ["framework"]
    search_fields = ["code", "short_name"]
    panels = [
        FieldPanel("framework"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("item_type")]),
        FieldPanel("short_name"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
        InlinePanel("level_descriptors", heading=_("Level descriptors")),
    ]


class CompetencyGroup(SnippetViewSetGroup):
    items = (FrameworkViewSet, CompetencyViewSet)
    menu_icon = "pick"
    menu_label = _("Competencies")
    menu_name = "competencies"


register_snippet(CompetencyGroup)
