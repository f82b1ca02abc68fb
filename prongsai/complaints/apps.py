from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "prongsai.complaints"
    label = "complaints"
    verbose_name = _("Corruption complaints")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from prongsai.core.roles import COMPLAINT_OFFICER, SYSTEM_ADMIN, register_role_permissions

        # Officers edit the channel's guideline and settings; administrators also edit the questionnaire.
        register_role_permissions(COMPLAINT_OFFICER, {"complaints.change_channelsettings"})
        register_role_permissions(SYSTEM_ADMIN, {"complaints.change_channelsettings", "complaints.add_questionnaire"})
