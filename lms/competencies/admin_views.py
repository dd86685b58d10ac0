"""Importing and exporting competency frameworks in the Wagtail admin.

Trainers bring in frameworks their organisation already uses (from Moodle or a
CASE publisher) and hand them on; the work is done by `exchange`, these views
only check permissions, show the problems and offer the downloads.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, re_path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies import ModelPermissionPolicy

from .exchange import (
    CASE_JSON,
    MOODLE_CSV,
    FrameworkImportError,
    framework_export,
    framework_import_file,
)
from .forms import FrameworkImportForm
from .models import Framework

framework_permissions = ModelPermissionPolicy(Framework)
FRAMEWORK_LIST = "wagtailsnippets_competencies_framework:list"
FRAMEWORK_EDIT = "wagtailsnippets_competencies_framework:edit"


def can_import(user) -> bool:
    return framework_permissions.user_has_permission(user, "add")


def can_export(user) -> bool:
    return framework_permissions.user_has_any_permission(user, ["view", "change"])


def export_url(framework: Framework, format: str) -> str:
    return reverse(
        "competencies_exchange:export", kwargs={"pk": framework.pk, "format": format}
    )


class FrameworkImportView(WagtailAdminTemplateMixin, FormView):
    form_class = FrameworkImportForm
    template_name = "competencies/admin/import.html"
    page_title = gettext_lazy("Import a competency framework")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse(FRAMEWORK_LIST),
                "label": Framework._meta.verbose_name_plural,
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            action_url=self.request.path,
            submit_button_label=_("Import"),
            submit_button_active_label=_("Importing…"),
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = framework_import_file(upload, format=form.cleaned_data["format"])
        except FrameworkImportError as error:
            form.add_error("file", _("Nothing was imported; see the problems above."))
            return self.render_to_response(
                self.get_context_data(form=form, problems=error.messages)
            )
        framework = result.framework
        messages.success(
            self.request,
            _("Framework “%(name)s” imported with %(count)s competencies.")
            % {"name": framework, "count": framework.competencies.count()},
        )
        for warning in result.warnings:
            messages.warning(self.request, warning)
        if framework_permissions.user_has_permission(self.request.user, "change"):
            return redirect(FRAMEWORK_EDIT, framework.pk)
        return redirect(FRAMEWORK_LIST)


def framework_export_view(request, pk: int, format: str):
    """The framework as a file download."""
    if not can_export(request.user):
        raise PermissionDenied
    framework = get_object_or_404(Framework, pk=pk)
    export = framework_export(framework, format=format)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


urlpatterns = [
    path("import/", FrameworkImportView.as_view(), name="import"),
    re_path(
        rf"^(?P<pk>\d+)/export/(?P<format>{MOODLE_CSV}|{CASE_JSON})/$",
        framework_export_view,
        name="export",
    ),
]
