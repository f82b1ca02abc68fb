from django.urls import path

from . import views

app_name = "ita"

urlpatterns = [
    path("measures/", views.public_index, name="public_index"),
    path("measures/<int:year>/", views.public_year, name="public_year"),
    path("measures/<int:year>/<int:pk>.<str:fmt>", views.public_download, name="public_download"),
]
