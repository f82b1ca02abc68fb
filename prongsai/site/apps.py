from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    name = "prongsai.site"
    label = "site"
    verbose_name = _("Public website")
    default_auto_field = "django.db.models.BigAutoField"
