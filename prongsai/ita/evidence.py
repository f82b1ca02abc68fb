"""Evidence for the OIT tracker (discovered by prongsai.core.evidence): the published measures plan
and results report of a fiscal year answer the integrity-measures topics (2566: O42 and O43)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from .models import ReportKind
from .selectors import latest_published

TOPICS_BY_KIND: dict[str, tuple[str, ...]] = {
    ReportKind.PLAN: ("integrity_measures_plan", "ita_analysis"),
    ReportKind.RESULTS: ("integrity_measures_results",),
}
TITLES: dict[str, str] = {
    ReportKind.PLAN: "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
    ReportKind.RESULTS: "รายงานผลการดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน ประจำปีงบประมาณ พ.ศ. {year}",
}


def evidence_for(organization: Any, fiscal_year: int) -> dict[str, list[tuple[str, str]]]:
    """topic -> [(title, url)]: the latest approved and published plan and results report of the year."""
    found: dict[str, list[tuple[str, str]]] = {}
    for kind, topics in TOPICS_BY_KIND.items():
        report_round = latest_published(organization=organization, year=fiscal_year, kind=kind)
        if report_round is None:
            continue
        url = reverse("ita:public_download", args=[fiscal_year, report_round.pk, "pdf"])
        title = TITLES[kind].format(year=fiscal_year)
        for topic in topics:
            found.setdefault(topic, []).append((title, url))
    return found
