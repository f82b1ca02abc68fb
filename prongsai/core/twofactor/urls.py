"""Two-factor URLs, mounted under /admin/2fa/ by core's wagtail_hooks (so Wagtail's admin-access check applies)."""

from django.urls import path

from . import views

app_name = "twofactor"

urlpatterns = [
    path("", views.ManageView.as_view(), name="manage"),
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("users/<int:user_id>/reset/", views.ResetView.as_view(), name="reset"),
]
