"""Wagtail hooks for two-factor login; they register when core's wagtail_hooks imports this module."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import include, path, reverse
from django.urls.resolvers import URLResolver
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from . import urls


@hooks.register("register_admin_urls")
def admin_urls() -> list[URLResolver]:
    return [path("2fa/", include(urls, namespace="twofactor"))]


@hooks.register("register_account_menu_item")
def account_menu_item(request: HttpRequest) -> dict[str, Any]:
    return {
        "url": reverse("twofactor:manage"),
        "label": _("Two-factor login"),
        "help_text": _("Set up, check or remove the second step of signing in, and make new backup codes."),
    }


@hooks.register("register_user_listing_buttons")
def user_listing_buttons(user: Any, request_user: Any) -> list[Button]:
    if not request_user.has_perm("auth.change_user") or user.pk == request_user.pk:
        return []
    return [
        Button(
            _("Reset two-factor login"),
            url=reverse("twofactor:reset", args=[user.pk]),
            icon_name="key",
            priority=90,
        )
    ]
