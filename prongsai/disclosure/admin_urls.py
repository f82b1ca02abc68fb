"""The staff screens, mounted by wagtail_hooks under /admin/oit/."""

from django.urls import path

from . import admin_views

app_name = "disclosure_admin"

urlpatterns = [
    path("", admin_views.index, name="index"),
    path("<int:year>/", admin_views.dashboard, name="dashboard"),
    path("<int:year>/items/", admin_views.items, name="items"),
    path("<int:year>/open/", admin_views.open_year, name="open_year"),
    path("<int:year>/assign/", admin_views.assign, name="assign"),
    path("<int:year>/sync/", admin_views.sync_produced, name="sync"),
    path("<int:year>/check-links/", admin_views.check_links, name="check_links"),
    path("<int:year>/order.<str:fmt>", admin_views.order_download, name="order"),
    path("<int:year>/export.<str:fmt>", admin_views.export_download, name="export"),
    path("item/<int:pk>/", admin_views.item, name="item"),
    path("item/<int:pk>/assign/", admin_views.item_assign, name="item_assign"),
    path("item/<int:pk>/submit/", admin_views.submit, name="submit"),
    path("item/<int:pk>/review/", admin_views.review, name="review"),
    path("item/<int:pk>/evidence/<int:evidence_pk>/remove/", admin_views.evidence_remove, name="evidence_remove"),
]
