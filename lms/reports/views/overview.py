"""The reports' start page and the audit log (admins only): report views and
downloads (this app's table) and security events (lms/audit), side by side."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import path

from lms.audit.models import AuditEvent

from ..access import reports_required
from ..models import AuditEntry


@reports_required
def reports_home(request):
    return TemplateResponse(request, "reports/home.html", {})


@login_required
def audit_log(request):
    if not request.user.is_superuser:
        raise PermissionDenied
    log = request.GET.get("log", "")
    if log == "security":
        entries = AuditEvent.objects.select_related("actor", "subject")
        template = "reports/audit_security.html"
    else:
        entries = AuditEntry.objects.select_related("actor", "subject")
        template = "reports/audit_log.html"
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, template, {"page": page, "log": log})


urlpatterns = [
    path("reports/", reports_home, name="reports-home"),
    path("reports/audit/", audit_log, name="reports-audit"),
]
