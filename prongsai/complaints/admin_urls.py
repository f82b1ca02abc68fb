"""The officers' workspace, mounted by wagtail_hooks under /admin/complaints/."""

from django.urls import path

from . import admin_views

app_name = "complaints_admin"

urlpatterns = [
    path("", admin_views.inbox, name="inbox"),
    path("key/setup/", admin_views.key_setup, name="key_setup"),
    path("key/unlock/", admin_views.unlock, name="unlock"),
    path("key/lock/", admin_views.lock, name="lock"),
    path("key/recover/", admin_views.recover, name="recover"),
    path("settings/", admin_views.channel_settings, name="settings"),
    path("questionnaire/", admin_views.questionnaire, name="questionnaire"),
    path("<int:pk>/", admin_views.detail, name="detail"),
    path("<int:pk>/status/", admin_views.change_status, name="status"),
    path("<int:pk>/reply/", admin_views.reply, name="reply"),
    path("<int:pk>/note/", admin_views.add_note, name="note"),
    path("<int:pk>/exclude/", admin_views.exclude, name="exclude"),
    path("<int:pk>/grant/", admin_views.grant, name="grant"),
    path("<int:pk>/hold/", admin_views.legal_hold, name="hold"),
    path("<int:pk>/files/<int:attachment_pk>/", admin_views.attachment, name="attachment"),
]
