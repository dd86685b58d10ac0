"""The learner's own data (/my/data/), its download, erasure (by the person
where the organisation allows it, by admins always) and the privacy page.

There is no user id in the /my/ URLs: each shows the logged-in person's own
data, so nobody reaches someone else's by changing a number."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lms.audit.models import AuditAction
from lms.audit.services import audit_event_record

from . import selectors, services
from .export import personal_data_zip
from .forms import AdminErasureForm, SelfErasureForm
from .inventory import categories
from .models import ErasedAccount


@login_required
@never_cache
def my_data(request):
    return TemplateResponse(
        request,
        "privacy/my_data.html",
        {
            "summary": selectors.data_summary(request.user),
            "views": selectors.record_views(request.user),
            "self_erasure": settings.PRIVACY_SELF_ERASURE,
        },
    )


@login_required
@require_GET
def my_data_export(request):
    content = personal_data_zip(request.user)
    audit_event_record(
        action=AuditAction.DATA_EXPORTED,
        actor=request.user,
        subject=request.user,
        details={"bytes": len(content)},
    )
    response = HttpResponse(content, content_type="application/zip")
    name = f"my-data-{timezone.localdate():%Y-%m-%d}.zip"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@never_cache
def my_data_erase(request):
    if not settings.PRIVACY_SELF_ERASURE:
        raise Http404
    form = SelfErasureForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.account_erase(user=request.user, by=request.user)
        logout(request)
        return TemplateResponse(request, "privacy/erased.html")
    return TemplateResponse(request, "privacy/my_data_erase.html", {"form": form})


@never_cache
def account_erase_confirm(request, user_id: int):
    """Admins only (permission privacy.erase_account): anyone else is told
    the page does not exist, so it does not confirm that an account does."""
    if not request.user.is_authenticated:
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm("privacy.erase_account"):
        raise Http404
    person = get_object_or_404(get_user_model(), pk=user_id)
    erased = ErasedAccount.objects.filter(user=person).first()
    if person.pk == request.user.pk:
        raise PermissionDenied(_("Erase your own account at “My data”."))
    form = None
    if erased is None:
        form = AdminErasureForm(request.POST or None, person=person)
        if request.method == "POST" and form.is_valid():
            services.account_erase(user=person, by=request.user)
            messages.success(request, _("The account was erased."))
            return redirect("privacy-account-erase", user_id=person.pk)
    return TemplateResponse(
        request,
        "privacy/account_erase.html",
        {"person": person, "erased": erased, "form": form},
    )


def privacy(request):
    return TemplateResponse(
        request,
        "privacy/privacy.html",
        {
            "categories": categories(),
            "periods": selectors.retention_periods(),
            "self_erasure": settings.PRIVACY_SELF_ERASURE,
            "min_cell": settings.REPORT_MIN_CELL,
        },
    )
