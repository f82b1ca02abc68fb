from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "prongsai.disclosure"
    label = "disclosure"
    verbose_name = _("OIT disclosure")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.core.roles import register_role_permissions

        from .permissions import ROLE_PERMISSIONS

        for role, permissions in ROLE_PERMISSIONS.items():
            register_role_permissions(role, permissions)
