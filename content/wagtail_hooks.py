"""Admin registration of the lesson snippets: decks and case studies."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Case, Deck


class DeckViewSet(SnippetViewSet):
    model = Deck
    icon = "list-ul"
    menu_label = _("Dialogue cards")
    list_display = ["title", "locale"]
    search_fields = ["title"]


class CaseViewSet(SnippetViewSet):
    model = Case
    icon = "doc-full-inverse"
    menu_label = _("Case studies")
    list_display = ["title", "locale"]
    search_fields = ["title"]


class ActivityContentGroup(SnippetViewSetGroup):
    items = (DeckViewSet, CaseViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Activities")
    menu_order = 250


register_snippet(ActivityContentGroup)
