"""Two-factor login: setting it up, switching it off, and the code step."""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login

from lms.audit.models import AuditAction
from lms.audit.services import audit_event_record

from . import selectors, services
from .forms import CodeForm
from .middleware import ON, SESSION_KEY, two_factor_state, two_factor_state_forget


def _qr_svg(text: str) -> str:
    """The otpauth URI as an inline SVG: made here, nothing fetched."""
    image = qrcode.make(
        text,
        image_factory=qrcode.image.svg.SvgPathImage,
        box_size=8,
        border=2,
    )
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ", '<svg role="img" class="two-factor__qr" aria-labelledby="qr-label" ', 1
    )


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def _next_url(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _verified(request, device) -> None:
    otp_login(request, device)
    # A new session key once the second factor is in, like after a password.
    request.session.cycle_key()
    request.session[SESSION_KEY] = {
        "user": request.user.pk,
        "status": ON,
        "offered": two_factor_state(request)["offered"],
    }


def _code_refused(device, form) -> None:
    allowed, _data = device.verify_is_allowed()
    if allowed:
        form.add_error("code", _("This code is not right, or it has been used."))
    else:
        form.add_error(
            "code",
            _("Too many wrong codes. Please wait a moment and try again."),
        )


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor(request):
    """Set up (scan, confirm with a code) or switch off two-factor login."""
    user = request.user
    state = two_factor_state(request)
    if not state["offered"]:
        raise Http404
    device = selectors.confirmed_device(user)
    required = selectors.two_factor_required(user)
    form = CodeForm(request.POST or None)
    if device is not None:
        if request.method == "POST" and form.is_valid():
            if required:
                messages.error(
                    request,
                    _("Your organisation requires two-factor login for your role."),
                )
                return redirect("two-factor")
            if device.verify_token(form.cleaned_data["code"]):
                services.two_factor_disable(user=user, actor=user)
                two_factor_state_forget(request)
                messages.success(request, _("Two-factor login is now switched off."))
                return redirect("two-factor")
            _code_refused(device, form)
        return TemplateResponse(
            request,
            "security/two_factor.html",
            {"enabled": True, "form": form, "required": required},
        )

    pending = services.totp_device_pending(user=user)
    if request.method == "POST" and form.is_valid():
        if pending.verify_token(form.cleaned_data["code"]):
            services.two_factor_enable(user=user, device=pending)
            _verified(request, pending)
            messages.success(request, _("Two-factor login is now switched on."))
            return redirect(_next_url(request, reverse("two-factor")))
        _code_refused(pending, form)
    secret = _grouped(pending.config_url.split("secret=")[1].split("&")[0])
    return TemplateResponse(
        request,
        "security/two_factor.html",
        {
            "enabled": False,
            "form": form,
            "required": required,
            "qr": mark_safe(_qr_svg(pending.config_url)),  # noqa: S308 - our own SVG
            "secret": secret,
            "issuer": settings.OTP_TOTP_ISSUER,
            "next": _next_url(request, ""),
        },
    )


@never_cache
@sensitive_post_parameters("code")
@login_required
def two_factor_verify(request):
    """The code step after the password."""
    user = request.user
    device = selectors.confirmed_device(user)
    if device is None or user.is_verified():
        return redirect(_next_url(request, reverse(settings.LOGIN_REDIRECT_URL)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            _verified(request, device)
            return redirect(_next_url(request, reverse(settings.LOGIN_REDIRECT_URL)))
        audit_event_record(
            action=AuditAction.LOGIN_FAILED,
            actor=user,
            subject=user,
            details={"step": "two_factor_code"},
        )
        _code_refused(device, form)
    return TemplateResponse(
        request,
        "security/two_factor_verify.html",
        {"form": form, "next": _next_url(request, "")},
    )


def locked_out(request, original_response=None, credentials=None):
    """django-axes' lockout answer, in the platform's words and language."""
    minutes = max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))
    return TemplateResponse(
        request,
        "security/locked_out.html",
        {"minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    ).render()
