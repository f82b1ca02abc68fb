"""Two-factor login screens: set-up, verification, the user's own page, and an administrator's reset.

Views are thin: they parse the form, call a service in `services.py` and render.
"""

from __future__ import annotations

import re
from base64 import b32encode
from typing import Any
from urllib.parse import quote, urlencode

import qrcode
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import View
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from qrcode.image.svg import SvgPathImage
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from ..models import Membership
from ..roles import user_requires_2fa
from . import services
from .forms import AuthenticatorCodeForm, CodeForm

User = get_user_model()


def _organization(request: HttpRequest) -> Any:
    return getattr(request, "organization", None)


def _safe_next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("wagtailadmin_home")


def _with_next(url_name: str, next_url: str) -> str:
    return f"{reverse(url_name)}?{urlencode({'next': next_url})}"


def _mark_verified(request: HttpRequest, device: Device) -> None:
    # A new session key once the second factor passes, so a key seen before cannot ride on it.
    request.session.cycle_key()
    otp_login(request, device)


def _refusal_message(check: services.CodeCheck) -> str:
    if check.throttled:
        return ngettext(
            "Too many wrong codes. Please wait %(seconds)d second and try again.",
            "Too many wrong codes. Please wait %(seconds)d seconds and try again.",
            check.wait_seconds,
        ) % {"seconds": check.wait_seconds}
    return _("That code is not correct. Make sure the time on your phone is right and enter the newest code.")


def _issuer(request: HttpRequest) -> str:
    organization = _organization(request)
    name = getattr(organization, "name", "") or str(settings.WAGTAIL_SITE_NAME)
    return name.replace(":", " ")


def _otpauth_url(device: TOTPDevice, issuer: str) -> str:
    """The key-URI format authenticator apps read (label "issuer:username", issuer also as a parameter)."""
    label = quote(f"{issuer}:{device.user.get_username()}")
    params = {
        "secret": b32encode(device.bin_key).decode().rstrip("="),
        "issuer": issuer,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{label}?{urlencode(params, quote_via=quote)}"


def _qr_svg(data: str, *, label: str) -> SafeString:
    """An inline SVG QR code, drawn on our server: the secret never goes to a third-party host."""
    image = qrcode.make(data, image_factory=SvgPathImage, border=2)
    svg = image.to_string(encoding="unicode")
    svg = re.sub(
        r'width="[^"]*" height="[^"]*"',
        f'width="220" height="220" role="img" aria-label="{escape(label)}"',
        svg,
        count=1,
    )
    # The SVG holds only path data computed from our own otpauth URL, plus an escaped label.
    return mark_safe(svg)  # noqa: S308


def _grouped(secret: str, size: int = 4) -> str:
    return " ".join(secret[i : i + size] for i in range(0, len(secret), size))


def _render_backup_codes(request: HttpRequest, codes: list[str], *, next_url: str, enrolled: bool) -> HttpResponse:
    return render(
        request,
        "core/twofactor/backup_codes.html",
        {"codes": codes, "next": next_url, "enrolled": enrolled, "title": _("Save your backup codes")},
    )


def setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: QR code and secret, then one code to confirm it."""
    user = request.user
    next_url = _safe_next(request)
    if services.has_confirmed_authenticator(user=user):
        if user.is_verified():  # type: ignore[union-attr]
            return redirect("twofactor:manage")
        return redirect(_with_next("twofactor:verify", next_url))
    device = services.totp_device_get_or_create_pending(user=user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.totp_device_confirm(
            user=user, code=form.cleaned_data["code"], organization=_organization(request)
        )
        if check.ok and check.device is not None:
            _mark_verified(request, check.device)
            return _render_backup_codes(request, check.backup_codes, next_url=next_url, enrolled=True)
        form.add_error("code", _refusal_message(check))
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "core/twofactor/setup.html",
        {
            "title": _("Set up two-factor login"),
            "form": form,
            "next": next_url,
            "qr_svg": _qr_svg(_otpauth_url(device, _issuer(request)), label=_("QR code for your authenticator app")),
            "secret": _grouped(secret),
            "required": user_requires_2fa(user),
        },
    )


def verify(request: HttpRequest) -> HttpResponse:
    """Ask for the second factor once per session."""
    user = request.user
    next_url = _safe_next(request)
    if user.is_verified():  # type: ignore[union-attr]
        return redirect(next_url)
    if not services.has_confirmed_authenticator(user=user):
        return redirect(_with_next("twofactor:setup", next_url))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        check = services.twofactor_check(user=user, code=form.cleaned_data["code"], organization=_organization(request))
        if check.ok and check.device is not None:
            _mark_verified(request, check.device)
            if not isinstance(check.device, TOTPDevice):
                left = StaticToken.objects.filter(device_id=check.device.pk).count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a backup code. %(count)d backup code is left.",
                        "You signed in with a backup code. %(count)d backup codes are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(next_url)
        form.add_error("code", _refusal_message(check))
    return render(
        request, "core/twofactor/verify.html", {"title": _("Two-factor login"), "form": form, "next": next_url}
    )


def _without_autofocus(form: CodeForm) -> CodeForm:
    # On the account page the removal field is not the page's main task.
    form.fields["code"].widget.attrs.pop("autofocus", None)
    return form


class ManageView(WagtailAdminTemplateMixin, View):
    """The user's own two-factor page, linked from the account page."""

    template_name = "core/twofactor/manage.html"
    page_title = gettext_lazy("Two-factor login")
    header_icon = "key"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailadmin_account"), "label": gettext_lazy("Account")},
            {"url": "", "label": self.page_title},
        ]

    def _render(self, remove_form: CodeForm | None = None) -> HttpResponse:
        user = self.request.user
        context = self.get_context_data(
            enrolled=services.has_confirmed_authenticator(user=user),
            required=user_requires_2fa(user),
            backup_codes_left=StaticToken.objects.filter(device__user=user).count(),
            remove_form=remove_form or _without_autofocus(CodeForm()),
        )
        return self.render_to_response(context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render()

    def post(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        organization = _organization(request)
        if not services.has_confirmed_authenticator(user=user):
            return redirect("twofactor:setup")
        action = request.POST.get("action")
        if action == "regenerate":
            codes = services.backup_codes_regenerate(user=user, organization=organization)
            return _render_backup_codes(request, codes, next_url=reverse("twofactor:manage"), enrolled=False)
        if action == "remove":
            form = _without_autofocus(CodeForm(request.POST))
            if form.is_valid():
                check = services.twofactor_check(
                    user=user, code=form.cleaned_data["code"], organization=organization, purpose="remove"
                )
                if check.ok:
                    services.twofactor_remove(actor=user, user=user, organization=organization)
                    messages.success(request, _("Two-factor login has been removed from your account."))
                    return redirect("twofactor:manage")
                form.add_error("code", _refusal_message(check))
            return self._render(remove_form=form)
        return redirect("twofactor:manage")


def _resettable_user(request: HttpRequest, user_id: int) -> Any:
    actor = request.user
    if not actor.has_perm("auth.change_user"):
        raise PermissionDenied
    target = get_object_or_404(User, pk=user_id)
    if actor.is_superuser:  # type: ignore[union-attr]
        return target
    # A system administrator manages the staff of their own organization only, and never an install operator.
    organization = _organization(request)
    if (
        target.is_superuser
        or organization is None
        or not Membership.objects.filter(user=target, organization=organization).exists()
    ):
        raise Http404
    return target


class ResetView(WagtailAdminTemplateMixin, View):
    """An administrator removes a staff member's devices (a lost phone); they set up again at next sign-in."""

    template_name = "core/twofactor/reset.html"
    page_title = gettext_lazy("Reset two-factor login")
    header_icon = "key"

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("wagtailusers_users:index"), "label": gettext_lazy("Users")},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request: HttpRequest, user_id: int) -> HttpResponse:
        target = _resettable_user(request, user_id)
        enrolled = services.has_confirmed_authenticator(user=target)
        return self.render_to_response(self.get_context_data(target=target, enrolled=enrolled))

    def post(self, request: HttpRequest, user_id: int) -> HttpResponse:
        target = _resettable_user(request, user_id)
        services.twofactor_remove(actor=request.user, user=target, organization=_organization(request))
        messages.success(
            request,
            _("Two-factor login for %(name)s has been reset. They will set it up again at their next sign-in.")
            % {"name": target.get_full_name() or target.get_username()},
        )
        return redirect("wagtailusers_users:index")
