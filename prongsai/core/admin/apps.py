"""Wagtail's users app, with its Users admin limited to the request's organization.

Listed in INSTALLED_APPS instead of "wagtail.users" (same label, templates and models).
"""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "prongsai.core.admin.users.OrganizationUserViewSet"
