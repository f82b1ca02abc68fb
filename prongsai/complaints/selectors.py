"""Reads for the corruption channel: metadata only. Decryption happens in services, which audit it."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from prongsai.core.models import Membership, Organization
from prongsai.core.roles import COMPLAINT_OFFICER, ROLES
from prongsai.core.thai import THAI_MONTHS_SHORT, FiscalYear, be_year

from .models import (
    COMPLETED_STATUSES,
    ChannelSettings,
    DestroyedReport,
    OfficerKey,
    Questionnaire,
    Report,
    ReportCategory,
    ReportKey,
)


def channel_settings_for(organization: Organization) -> ChannelSettings | None:
    return ChannelSettings.objects.filter(organization=organization).first()


def questionnaire_active(organization: Organization) -> Questionnaire | None:
    return Questionnaire.objects.filter(organization=organization, is_active=True).order_by("-version").first()


def questionnaire_versions(organization: Organization) -> QuerySet[Questionnaire]:
    return Questionnaire.objects.filter(organization=organization).order_by("-version")


def designated_officers(organization: Organization) -> list[OfficerKey]:
    """Officers who receive new reports: active complaint officers of the organization with a key."""
    group_name = ROLES[COMPLAINT_OFFICER].group_name
    return list(
        OfficerKey.objects.filter(
            user__is_active=True,
            user__groups__name=group_name,
            user__memberships__organization=organization,
            user__memberships__is_active=True,
        )
        .select_related("user")
        .distinct()
        .order_by("user_id")
    )


@dataclass(frozen=True)
class Recipient:
    key_id: int
    position: str
    department: str


def recipients_by_position(organization: Organization, officers: list[OfficerKey]) -> list[Recipient]:
    """What a reporter sees before sending: each recipient's position and department, never a name."""
    memberships = {
        m.user_id: m
        for m in Membership.objects.filter(
            organization=organization, user_id__in=[o.user_id for o in officers]
        ).select_related("position", "department")
    }
    result = []
    for officer in officers:
        membership = memberships.get(officer.user_id)
        result.append(
            Recipient(
                key_id=officer.pk,
                position=str(membership.position) if membership and membership.position else "",
                department=membership.department.full_name if membership and membership.department else "",
            )
        )
    return result


def report_for(organization: Organization, pk: int) -> Report | None:
    return Report.objects.filter(organization=organization, pk=pk).first()


def officer_is_designated(report: Report, user: Any) -> bool:
    return ReportKey.objects.filter(report=report, officer=user).exists()


def inbox_for(organization: Organization, user: Any, *, status: str = "") -> QuerySet[Report]:
    """The reports an officer holds a key for, newest first; metadata columns only."""
    queryset = Report.objects.filter(organization=organization, keys__officer=user)
    if status:
        queryset = queryset.filter(status=status)
    return queryset.only(
        "id",
        "organization_id",
        "category",
        "status",
        "outcome",
        "created_on",
        "acknowledgement_due",
        "message_count",
        "attachment_count",
        "awaiting_officer",
        "legal_hold",
    ).order_by("-id")


def inbox_count(organization: Organization, user: Any, *, status: str = "") -> int:
    """How many reports `inbox_for` holds; without a status filter, from the key table's index alone."""
    if status:
        return inbox_for(organization, user, status=status).count()
    return ReportKey.objects.filter(officer=user, organization=organization).count()


def officers_with_key_for(report: Report) -> list[int]:
    return list(ReportKey.objects.filter(report=report).values_list("officer_id", flat=True))


# --- Public statistics ----------------------------------------------------------------------


@dataclass
class Row:
    label: str
    received: int = 0
    completed: int = 0
    in_progress: int = 0


@dataclass
class Statistics:
    fiscal_year: FiscalYear
    total: Row
    months: list[Row] = field(default_factory=list)
    quarters: list[Row] = field(default_factory=list)
    categories: list[Row] = field(default_factory=list)


def _add(row: Row, completed: bool) -> None:
    row.received += 1
    if completed:
        row.completed += 1
    else:
        row.in_progress += 1


def statistics_for(organization: Organization, fiscal_year: FiscalYear) -> Statistics:
    """Counts of reports received in a fiscal year, by month, quarter and type, from metadata only.

    Reports destroyed by the retention schedule still count (their tombstones keep the metadata).
    """
    start, end = fiscal_year.start, fiscal_year.end
    rows: list[tuple[dt.date, str, str]] = list(
        Report.objects.filter(organization=organization, created_on__range=(start, end)).values_list(
            "created_on", "category", "status"
        )
    )
    rows += list(
        DestroyedReport.objects.filter(organization=organization, created_on__range=(start, end)).values_list(
            "created_on", "category", "status"
        )
    )
    total = Row(fiscal_year.short_label(thai_digits=False))
    month_keys = [((start.month - 1 + i) % 12 + 1, start.year + (start.month - 1 + i) // 12) for i in range(12)]
    months = {key: Row(f"{THAI_MONTHS_SHORT[key[0] - 1]} {be_year(key[1])}") for key in month_keys}
    quarters = {q: Row(str(_("Quarter %(number)d") % {"number": q})) for q in range(1, 5)}
    categories = {value: Row(str(label)) for value, label in ReportCategory.choices}
    for created_on, category, status in rows:
        done = status in COMPLETED_STATUSES
        _add(total, done)
        _add(months[(created_on.month, created_on.year)], done)
        _add(quarters[fiscal_year.quarter(created_on)], done)
        _add(categories.setdefault(category, Row(category)), done)
    return Statistics(
        fiscal_year=fiscal_year,
        total=total,
        months=[months[key] for key in month_keys],
        quarters=list(quarters.values()),
        categories=list(categories.values()),
    )


def statistics_years(organization: Organization) -> list[int]:
    """BE fiscal years that have at least one report, newest first, plus the current year."""
    dates = Report.objects.filter(organization=organization).values_list("created_on", flat=True)
    years = Counter(FiscalYear.for_date(day).be for day in dates.distinct())
    years[FiscalYear.current().be] += 0
    return sorted(years, reverse=True)
