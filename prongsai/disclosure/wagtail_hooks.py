"""Registration only: the OIT tracker in the Wagtail admin."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .permissions import can_view

MENU_LABEL = "OIT / การเปิดเผยข้อมูล"


class DisclosureMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return can_view(request.user, getattr(request, "organization", None))


@hooks.register("register_admin_urls")
def register_disclosure_urls() -> list[Any]:
    return [path("oit/", include((admin_urls.urlpatterns, "disclosure_admin"), namespace="disclosure_admin"))]


@hooks.register("register_admin_menu_item")
def register_disclosure_menu_item() -> MenuItem:
    return DisclosureMenuItem(MENU_LABEL, reverse("disclosure_admin:index"), icon_name="list-ul", order=240)
