from django.urls import path

from . import admin_views as views

app_name = "ita_admin"

urlpatterns = [
    path("", views.measures_home, name="index"),
    path("frameworks/", views.frameworks_index, name="frameworks"),
    path("frameworks/<int:year>/", views.framework_detail, name="framework"),
    path("results/", views.results_index, name="results"),
    path("results/add/", views.result_edit, name="result_add"),
    path("results/import/", views.result_import, name="result_import"),
    path("results/<int:pk>/", views.result_detail, name="result_detail"),
    path("results/<int:pk>/edit/", views.result_edit, name="result_edit"),
    path("results/<int:pk>/draft-measures/", views.result_draft_measures, name="result_draft_measures"),
    path("measures/<int:year>/", views.measures_index, name="measures"),
    path("measures/<int:year>/add/", views.measure_add, name="measure_add"),
    path("measure/<int:pk>/", views.measure_detail, name="measure"),
    path("measure/<int:pk>/edit/", views.measure_edit, name="measure_edit"),
    path("measure/<int:pk>/delete/", views.measure_delete, name="measure_delete"),
    path("measure-result/<int:pk>/delete/", views.measure_result_delete, name="measure_result_delete"),
    path("reports/", views.reports_index, name="reports"),
    path("reports/<int:pk>/", views.report_detail, name="report"),
    path("reports/<int:pk>/<str:action>/", views.report_action, name="report_action"),
    path("reports/<int:pk>/download/<str:fmt>", views.report_download, name="report_download"),
    path("wording/<str:kind>/", views.template_edit, name="template"),
]
