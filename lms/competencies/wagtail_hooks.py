"""Admin registration: frameworks with their scale, and competencies (which
also gives the chooser that course and activity blocks link with); importing
and exporting frameworks (admin_views)."""

from django.urls import include, path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from . import admin_views
from .exchange import CASE_JSON, MOODLE_CSV
from .models import Competency, Framework

EXPORT_LABELS = {
    MOODLE_CSV: _("Download as Moodle CSV"),
    CASE_JSON: _("Download as CASE JSON"),
}


class FrameworkIndexView(IndexView):
    """The list of frameworks, with "Import" beside "Add" and the downloads in
    each framework's menu."""

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if admin_views.can_import(self.request.user):
            buttons.append(
                HeaderButton(
                    _("Import"),
                    url=reverse("competencies_exchange:import"),
                    icon_name="upload",
                    priority=20,
                )
            )
        return buttons

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if admin_views.can_export(self.request.user):
            buttons += [
                MenuItem(
                    label,
                    admin_views.export_url(instance, format),
                    icon_name="download",
                    priority=40,
                )
                for format, label in EXPORT_LABELS.items()
            ]
        return buttons


class FrameworkEditView(EditView):
    @cached_property
    def header_more_buttons(self):
        buttons = super().header_more_buttons
        if admin_views.can_export(self.request.user):
            buttons += [
                Button(
                    label,
                    url=admin_views.export_url(self.object, format),
                    icon_name="download",
                    priority=40,
                )
                for format, label in EXPORT_LABELS.items()
            ]
        return buttons


class FrameworkViewSet(SnippetViewSet):
    model = Framework
    icon = "table"
    menu_label = _("Frameworks")
    index_view_class = FrameworkIndexView
    edit_view_class = FrameworkEditView
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


@hooks.register("register_admin_urls")
def register_framework_exchange_urls():
    return [
        path(
            "competencies/frameworks/",
            include(
                (admin_views.urlpatterns, "competencies_exchange"),
                namespace="competencies_exchange",
            ),
        )
    ]
