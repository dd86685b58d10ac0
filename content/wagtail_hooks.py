"""Admin registration of the lesson snippets: decks, case studies, H5P packages;
and who may download the documents used in lessons."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    InspectView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from .forms import H5PPackageUploadForm
from .h5p.selectors import h5p_package_files
from .h5p.services import H5PValidationError, h5p_package_import
from .h5p.storage import h5p_file_url
from .models import Case, Deck, H5PPackage


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


class H5PPackageCreateView(CreateView):
    """Creating a package means uploading a file: the service validates and
    unpacks it, and its rejection message appears on the file field."""

    inspect_url_name = None
    submit_button_label = _("Upload")
    submit_button_active_label = _("Uploading…")

    def is_valid(self, form):
        if not form.is_valid():
            return super().is_valid(form)
        upload = form.cleaned_data["file"]
        try:
            self.object = h5p_package_import(
                file=upload, user=self.request.user, filename=upload.name
            )
        except H5PValidationError as error:
            form.add_error("file", error.message)
            return super().is_valid(form)
        return True

    def save_instance(self):
        return self.object

    def save_action(self):
        messages.success(
            self.request, _("H5P package “%s” uploaded.") % self.object.title
        )
        return redirect(reverse(self.inspect_url_name, args=[self.object.pk]))


def _player_preview(package, request) -> str:
    """The package in the same player learners get, in preview mode (nothing
    recorded), so a trainer sees what they uploaded before placing it."""
    from .blocks.h5p import H5PBlock

    block = H5PBlock()
    value = block.to_python({"package": package.pk, "pass_mark": 100})
    return block.render(value, context={"request": request})


class H5PPackageInspectView(InspectView):
    """Title, main library, size and libraries, a playable preview, and every
    stored content file with a link through the serving view."""

    template_name = "content/h5p/inspect.html"

    def get_size_bytes_display_value(self):
        return filesizeformat(self.object.size_bytes)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        root = self.object.storage_path
        context["files"] = [
            {"name": name, "size": size, "url": h5p_file_url(f"{root}/{name}")}
            for name, size in h5p_package_files(package=self.object)
        ]
        context["libraries"] = self.object.libraries.order_by("machine_name")
        context["preview"] = _player_preview(self.object, self.request)
        return context


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "code"
    menu_label = _("H5P packages")
    add_view_class = H5PPackageCreateView
    inspect_view_class = H5PPackageInspectView
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "main_library",
        "size_bytes",
        "original_filename",
        "uploaded_by",
        "uploaded_at",
    ]
    list_display = [
        "title",
        "main_library",
        Column(
            "size_bytes",
            label=_("Size"),
            accessor=lambda package: filesizeformat(package.size_bytes),
        ),
        "uploaded_at",
    ]
    search_fields = ["title"]
    panels = [FieldPanel("title")]

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(
            form_class=H5PPackageUploadForm,
            panel=None,
            inspect_url_name=self.get_url_name("inspect"),
            **kwargs,
        )


class ActivityContentGroup(SnippetViewSetGroup):
    items = (DeckViewSet, CaseViewSet, H5PPackageViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = _("Activities")
    menu_order = 250


register_snippet(ActivityContentGroup)


@hooks.register("before_serve_document")
def documents_for_logged_in_users(document, request):
    """Documents are lesson material, like the lessons and H5P files that use
    them: for logged-in people only, not for anyone who has the link."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return None
