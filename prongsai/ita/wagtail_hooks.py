"""Registration only: the "ITA" admin menu and its URLs."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

from . import admin_urls
from .viewsets import FrameworkViewSet, GradeBandViewSet, OitItemViewSet


class _PermissionMenuItem(MenuItem):
    def __init__(self, *args: Any, permission: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(self.permission))


class _ItaMenuItem(SubmenuMenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm("ita.view_measure"))


@hooks.register("register_admin_urls")
def register_ita_admin_urls() -> list[Any]:
    return [path("ita/", include(admin_urls, namespace="ita_admin"))]


@hooks.register("register_admin_viewset")
def register_ita_framework_viewsets() -> list[Any]:
    return [FrameworkViewSet(), OitItemViewSet(), GradeBandViewSet()]


@hooks.register("register_admin_menu_item")
def register_ita_menu() -> SubmenuMenuItem:
    items = [
        _PermissionMenuItem(
            _("Measures"),
            reverse("ita_admin:index"),
            name="ita-measures",
            icon_name="list-ul",
            order=100,
            permission="ita.view_measure",
        ),
        _PermissionMenuItem(
            _("Reports and approval"),
            reverse("ita_admin:reports"),
            name="ita-reports",
            icon_name="doc-full",
            order=200,
            permission="ita.view_reportround",
        ),
        _PermissionMenuItem(
            _("Past results and analysis"),
            reverse("ita_admin:results"),
            name="ita-results",
            icon_name="table",
            order=300,
            permission="ita.view_assessmentresult",
        ),
        _PermissionMenuItem(
            _("Frameworks"),
            reverse("ita_admin:frameworks"),
            name="ita-frameworks",
            icon_name="folder-open-inverse",
            order=400,
            permission="ita.view_framework",
        ),
        _PermissionMenuItem(
            _("Framework data (edit)"),
            reverse("ita_oit_items:index"),
            name="ita-framework-data",
            icon_name="cog",
            order=500,
            permission="ita.change_oititem",
        ),
    ]
    return _ItaMenuItem(_("ITA"), Menu(items=items), name="ita", icon_name="clipboard-list", order=250)
