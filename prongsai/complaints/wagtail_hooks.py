"""Registration only: the corruption complaints workspace in the Wagtail admin."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .admin_views import is_complaint_officer, questionnaire_allowed


class ComplaintsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        user = request.user
        return is_complaint_officer(user) or questionnaire_allowed(user)


@hooks.register("register_admin_urls")
def register_complaints_urls() -> list[Any]:
    return [path("complaints/", include((admin_urls.urlpatterns, "complaints_admin"), namespace="complaints_admin"))]


@hooks.register("register_admin_menu_item")
def register_complaints_menu_item() -> MenuItem:
    return ComplaintsMenuItem(
        _("Corruption complaints"), reverse("complaints_admin:inbox"), icon_name="warning", order=250
    )
