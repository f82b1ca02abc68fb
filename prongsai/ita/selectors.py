"""Reads for ITA, always scoped to one organization."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet

from prongsai.core.models import Membership, Organization
from prongsai.core.roles import ROLES

from .models import (
    AssessmentResult,
    Framework,
    Indicator,
    Measure,
    MeasureEvidence,
    MeasureResult,
    OitItem,
    ReportRound,
    RoundStatus,
)


def frameworks_list() -> QuerySet[Framework]:
    return Framework.objects.annotate(item_count=Count("oit_items")).order_by("-fiscal_year")


def framework_for_year(year: int) -> Framework | None:
    return (
        Framework.objects.filter(fiscal_year=year)
        .prefetch_related("tools", "grade_bands", "indicators__tool", "indicators__sub_indicators")
        .first()
    )


def oit_items_for(framework: Framework) -> QuerySet[OitItem]:
    return framework.oit_items.select_related("indicator", "sub_indicator").order_by("order")


def oit_item_for_topic(*, year: int, topic: str) -> OitItem | None:
    """The item of `year`'s framework that asks for `topic` about `year`, or the next year's
    framework item that asks for it about the year before (2569's O26 asks for 2568's results)."""
    for framework_year, offset in ((year, 0), (year + 1, -1)):
        for item in OitItem.objects.filter(
            framework__fiscal_year=framework_year, evidence_year_offset=offset
        ).select_related("indicator", "sub_indicator"):
            if topic in (item.topics or []):
                return item
    return None


def results_for(*, organization: Organization) -> QuerySet[AssessmentResult]:
    return AssessmentResult.objects.filter(organization=organization).order_by("-fiscal_year")


def result_for_year(*, organization: Organization, year: int) -> AssessmentResult | None:
    return (
        AssessmentResult.objects.filter(organization=organization, fiscal_year=year)
        .select_related("framework")
        .prefetch_related("indicator_scores__indicator")
        .first()
    )


def measures_for(*, organization: Organization, year: int) -> QuerySet[Measure]:
    """Measures of a year in print order, with everything a list or a document shows, in O(1) queries."""
    return (
        Measure.objects.filter(organization=organization, fiscal_year=year)
        .select_related("organization", "indicator", "indicator__tool")
        .prefetch_related(
            "owners__parent",
            Prefetch(
                "results",
                queryset=MeasureResult.objects.order_by("date", "pk").prefetch_related(
                    Prefetch("evidence", queryset=MeasureEvidence.objects.select_related("page", "document"))
                ),
            ),
        )
        .order_by("indicator__number", "order", "pk")
    )


@dataclass
class IndicatorGroup:
    indicator: Indicator
    measures: list[Measure]


def measures_grouped(*, organization: Organization, year: int) -> list[IndicatorGroup]:
    groups: list[IndicatorGroup] = []
    for measure in measures_for(organization=organization, year=year):
        if not groups or groups[-1].indicator.pk != measure.indicator_id:
            groups.append(IndicatorGroup(indicator=measure.indicator, measures=[]))
        groups[-1].measures.append(measure)
    return groups


def measure_years(*, organization: Organization) -> list[int]:
    years = set(Measure.objects.filter(organization=organization).values_list("fiscal_year", flat=True))
    years |= set(Framework.objects.values_list("fiscal_year", flat=True))
    return sorted(years, reverse=True)


def rounds_for(*, organization: Organization) -> QuerySet[ReportRound]:
    return ReportRound.objects.filter(organization=organization).order_by("-fiscal_year", "kind", "-number")


def published_rounds(*, organization: Organization, year: int | None = None) -> QuerySet[ReportRound]:
    queryset = ReportRound.objects.filter(
        organization=organization, status=RoundStatus.APPROVED, published_at__isnull=False
    )
    if year is not None:
        queryset = queryset.filter(fiscal_year=year)
    return queryset.order_by("-fiscal_year", "kind", "-number")


def latest_published(*, organization: Organization, year: int, kind: str) -> ReportRound | None:
    return published_rounds(organization=organization, year=year).filter(kind=kind).first()


def published_years(*, organization: Organization) -> list[int]:
    return sorted(set(published_rounds(organization=organization).values_list("fiscal_year", flat=True)), reverse=True)


def role_holder(*, organization: Organization, role: str) -> Membership | None:
    """The active member of the organization who holds a role (the first one, if several do)."""
    return (
        Membership.objects.filter(organization=organization, is_active=True, user__groups__name=ROLES[role].group_name)
        .select_related("user", "position", "department", "department__parent")
        .order_by("pk")
        .first()
    )
