"""Public URLs of the corruption channel, mounted inside i18n_patterns (/corruption/ and /en/corruption/)."""

from django.urls import path

from . import views

app_name = "complaints"

urlpatterns = [
    path("corruption/", views.landing, name="landing"),
    path("corruption/report/", views.report_form, name="report"),
    path("corruption/follow-up/", views.followup_login, name="followup"),
    path("corruption/follow-up/case/", views.followup_case, name="followup_case"),
    path("corruption/follow-up/end/", views.followup_logout, name="followup_logout"),
    path("corruption/statistics/", views.statistics_current, name="statistics_current"),
    path("corruption/statistics/<int:be_year>/", views.statistics, name="statistics"),
    path("corruption/statistics/<int:be_year>.csv", views.statistics_csv, name="statistics_csv"),
    path("corruption/statistics/<int:be_year>.xlsx", views.statistics_xlsx, name="statistics_xlsx"),
]
