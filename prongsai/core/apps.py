from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "prongsai.core"
    label = "core"
    verbose_name = _("Organization")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import (
            pagecache,  # noqa: F401  (clears cached pages when Wagtail publishes)
            receivers,  # noqa: F401  (auth and role-change audit receivers)
        )
