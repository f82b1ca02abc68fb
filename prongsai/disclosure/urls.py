"""Public pages: /ita/<BE year>/ answers every OIT item of the year (mounted under "ita/" in prongsai.urls)."""

from django.urls import path

from . import views

app_name = "disclosure"

urlpatterns = [
    path("", views.public_index, name="public_index"),
    path("<int:year>/", views.public_year, name="public_year"),
]
