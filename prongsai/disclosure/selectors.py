"""Reads of the OIT tracker, always for one organization (and usually one fiscal year)."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.template.defaultfilters import linebreaksbr
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from prongsai.core.models import Department, Organization
from prongsai.core.thai import FiscalYear
from prongsai.ita.models import Framework, OitItem

from .models import AssignmentStatus, EvidenceKind, OitAssignment, OitEvidence, OitReview

# --- The public page ----------------------------------------------------------------------------------


@dataclass
class PublicEvidence:
    url: str
    title: str
    note: str
    kind: str
    is_internal: bool = False

    def __post_init__(self) -> None:
        self.is_internal = self.url.startswith("/")


@dataclass
class PublicItem:
    code: str
    title: str
    evidence: list[PublicEvidence] = field(default_factory=list)
    answered: bool = False
    anchor: str = ""
    links_html: str = ""  # set by the view with evidence_html(), in the request's language

    def __post_init__(self) -> None:
        # Plain attributes, not properties: the template reads them for every item.
        self.answered = bool(self.evidence)
        self.anchor = re.sub(r"[^A-Za-z0-9_-]", "-", self.code)

    def evidence_html(self, *, lang_attribute: str, other_site: str) -> SafeString:
        """The item's links as list items. Built here rather than in the template: this page repeats it
        hundreds of times, and the template engine costs about ten times as much per link."""
        parts = []
        for evidence in self.evidence:
            if evidence.is_internal:
                link = format_html('<a href="{}"{}>{}</a>', evidence.url, lang_attribute, evidence.title)
            else:
                link = format_html(
                    '<a href="{}"{} rel="noopener noreferrer">{}</a> <span class="oit-external">({})</span>',
                    evidence.url,
                    lang_attribute,
                    evidence.title,
                    other_site,
                )
            note = (
                format_html(
                    '<p class="oit-note"{}>{}</p>', lang_attribute, linebreaksbr(evidence.note, autoescape=True)
                )
                if evidence.note
                else ""
            )
            parts.append(format_html("<li>{}{}</li>", link, note))
        return mark_safe("".join(parts))  # noqa: S308  (every part is built by format_html)


@dataclass
class PublicGroup:
    """A sub-indicator (or the indicator itself, for items outside any sub-indicator) and its items."""

    code: str
    title: str
    items: list[PublicItem] = field(default_factory=list)


@dataclass
class PublicIndicator:
    number: int
    title: str
    groups: list[PublicGroup] = field(default_factory=list)


@dataclass
class PublicYear:
    fiscal_year: int
    framework_title: str
    indicators: list[PublicIndicator]
    years: list[int]

    @property
    def items(self) -> list[PublicItem]:
        return [item for indicator in self.indicators for group in indicator.groups for item in group.items]

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if item.answered)


def _code_key(code: str) -> tuple[int, ...]:
    """ "9.10" sorts after "9.2"."""
    return tuple(int(part) for part in re.findall(r"\d+", code)) or (0,)


def tracked_years(*, organization: Organization) -> list[int]:
    """Fiscal years the organization tracks, newest first."""
    years = OitAssignment.objects.filter(organization=organization).order_by().values_list("fiscal_year", flat=True)
    return sorted(set(years.distinct()), reverse=True)


def public_year(*, organization: Organization, fiscal_year: int) -> PublicYear | None:
    """Indicators -> sub-indicators -> items in order, each with its published evidence. Four queries,
    however many items and evidence entries there are. None when the year has no framework.

    Rows are read as tuples, not model instances: this page is the one evaluators and citizens open.
    """
    framework_title = (
        Framework.objects.filter(fiscal_year=fiscal_year).order_by().values_list("title", flat=True).first()
    )
    if framework_title is None:
        return None
    rows = (
        OitItem.objects.filter(framework__fiscal_year=fiscal_year)
        .order_by("order", "pk")
        .values_list(
            "pk",
            "code",
            "title",
            "indicator__number",
            "indicator__title",
            "sub_indicator__code",
            "sub_indicator__title",
        )
    )
    evidence: dict[int, list[PublicEvidence]] = {}
    published = (
        OitEvidence.objects.filter(
            assignment__organization=organization,
            assignment__fiscal_year=fiscal_year,
            published_at__isnull=False,
        )
        .order_by("created_at", "pk")
        .values_list("assignment__oit_item_id", "url", "title", "note", "kind")
    )
    for item_id, url, title, note, kind in published:
        evidence.setdefault(item_id, []).append(PublicEvidence(url=url, title=title, note=note, kind=kind))
    indicators: dict[int, PublicIndicator] = {}
    groups: dict[tuple[int, str], PublicGroup] = {}
    for pk, code, title, number, indicator_title, sub_code, sub_title in rows:
        public_indicator = indicators.get(number)
        if public_indicator is None:
            public_indicator = indicators[number] = PublicIndicator(number, indicator_title)
        key = (number, sub_code or "")
        group = groups.get(key)
        if group is None:
            group = groups[key] = PublicGroup(code=sub_code or "", title=sub_title or "")
            public_indicator.groups.append(group)
        group.items.append(PublicItem(code=code, title=title, evidence=evidence.get(pk, [])))
    ordered = [indicators[number] for number in sorted(indicators)]
    for public_indicator in ordered:
        public_indicator.groups.sort(key=lambda group: _code_key(group.code) if group.code else (-1,))
    years = tracked_years(organization=organization)
    if fiscal_year not in years:
        years = sorted([*years, fiscal_year], reverse=True)
    return PublicYear(fiscal_year=fiscal_year, framework_title=framework_title, indicators=ordered, years=years)


def default_public_year(*, organization: Organization | None) -> int | None:
    """The year /ita/ opens: the newest tracked year, else the current fiscal year when it has a framework."""
    if organization is not None:
        years = tracked_years(organization=organization)
        if years:
            return years[0]
    current = FiscalYear.current().be
    latest = (
        Framework.objects.filter(oit_items__isnull=False, fiscal_year__lte=current)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )
    return int(latest) if latest is not None else None


# --- Staff views --------------------------------------------------------------------------------------


def framework_years() -> list[int]:
    return sorted(
        set(Framework.objects.filter(oit_items__isnull=False).values_list("fiscal_year", flat=True)), reverse=True
    )


def assignments_for(
    *,
    organization: Organization,
    fiscal_year: int,
    status: str = "",
    department: Department | None = None,
) -> QuerySet[OitAssignment]:
    """The year's items for the staff list, with their departments and evidence counts."""
    queryset = (
        OitAssignment.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("oit_item", "oit_item__indicator", "oit_item__sub_indicator")
        .prefetch_related(Prefetch("departments", queryset=Department.objects.order_by("sort_order", "name")))
        .annotate(
            evidence_count=Count("evidence", distinct=True),
            published_count=Count("evidence", filter=Q(evidence__published_at__isnull=False), distinct=True),
            produced_count=Count("evidence", filter=Q(evidence__kind=EvidenceKind.PRODUCED), distinct=True),
            broken_count=Count("evidence", filter=~Q(evidence__last_error=""), distinct=True),
        )
        .order_by("oit_item__order", "oit_item__pk")
    )
    if status:
        queryset = queryset.filter(status=status)
    if department is not None:
        queryset = queryset.filter(departments=department)
    return queryset


def assignment_for(*, organization: Organization, pk: int) -> OitAssignment | None:
    return (
        OitAssignment.objects.filter(organization=organization, pk=pk)
        .select_related("organization", "oit_item", "oit_item__indicator", "oit_item__sub_indicator")
        .prefetch_related("departments")
        .first()
    )


def evidence_for_assignment(*, assignment: OitAssignment) -> list[OitEvidence]:
    return list(assignment.evidence.select_related("added_by", "page", "document").order_by("created_at", "pk"))


def history_for_assignment(*, assignment: OitAssignment, limit: int = 50) -> list[OitReview]:
    return list(assignment.history.select_related("actor").order_by("-created_at", "-pk")[:limit])


def evidence_date_warning(*, evidence: OitEvidence, item: OitItem, fiscal_year: int) -> str:
    """A warning when an item that must show the assessed year's information has evidence dated outside it."""
    if evidence.evidence_date is None or not (item.requires_current_year or item.evidence_year_offset):
        return ""
    expected = FiscalYear(fiscal_year + item.evidence_year_offset)
    if evidence.evidence_date in expected:
        return ""
    from django.utils.translation import gettext as _

    return _("Dated outside %(year)s: this item needs information of that fiscal year.") % {
        "year": expected.short_label(thai_digits=False)
    }


STATUS_ORDER = [
    AssignmentStatus.APPROVED,
    AssignmentStatus.SUBMITTED,
    AssignmentStatus.IN_PROGRESS,
    AssignmentStatus.RETURNED,
    AssignmentStatus.NOT_STARTED,
]


@dataclass
class CompletenessRow:
    label: str
    counts: Counter[str]
    key: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def approved(self) -> int:
        return self.counts[AssignmentStatus.APPROVED]

    @property
    def percent(self) -> int:
        return round(100 * self.approved / self.total) if self.total else 0


@dataclass
class Dashboard:
    fiscal_year: int
    assignments: list[OitAssignment]
    by_indicator: list[CompletenessRow]
    by_department: list[CompletenessRow]
    overdue: list[OitAssignment]
    recent: list[OitReview]
    produced: list[OitAssignment]
    broken: list[OitEvidence]
    date_warnings: list[tuple[OitEvidence, str]]
    unassigned: int

    @property
    def total(self) -> CompletenessRow:
        counts: Counter[str] = Counter()
        for assignment in self.assignments:
            counts[assignment.status] += 1
        return CompletenessRow("", counts)


def dashboard(*, organization: Organization, fiscal_year: int, today: dt.date) -> Dashboard:
    """Everything the staff dashboard shows, in a fixed number of queries."""
    assignments = list(assignments_for(organization=organization, fiscal_year=fiscal_year))
    by_indicator: dict[str, CompletenessRow] = {}
    by_department: dict[int, CompletenessRow] = {}
    department_order: dict[int, tuple[int, str]] = {}
    unassigned = 0
    for assignment in assignments:
        item = assignment.oit_item
        sub = item.sub_indicator
        label = f"{sub.code} {sub.title}" if sub else f"{item.indicator.number}. {item.indicator.title}"
        by_indicator.setdefault(label, CompletenessRow(label, Counter())).counts[assignment.status] += 1
        departments = list(assignment.departments.all())
        if not departments:
            unassigned += 1
        for department in departments:
            row = by_department.setdefault(department.pk, CompletenessRow(department.name, Counter(), department.pk))
            row.counts[assignment.status] += 1
            department_order[department.pk] = (department.sort_order, department.name)
    overdue = [
        assignment
        for assignment in assignments
        if assignment.due_date and assignment.due_date < today and assignment.status != AssignmentStatus.APPROVED
    ]
    recent = list(
        OitReview.objects.filter(assignment__organization=organization, assignment__fiscal_year=fiscal_year)
        .select_related("actor", "assignment__oit_item")
        .order_by("-created_at", "-pk")[:15]
    )
    produced = [assignment for assignment in assignments if getattr(assignment, "produced_count", 0)]
    year_evidence = list(
        OitEvidence.objects.filter(assignment__organization=organization, assignment__fiscal_year=fiscal_year)
        .select_related("assignment__oit_item")
        .order_by("assignment__oit_item__order", "created_at")
    )
    broken = [entry for entry in year_evidence if entry.last_error]
    warnings = []
    for entry in year_evidence:
        warning = evidence_date_warning(evidence=entry, item=entry.assignment.oit_item, fiscal_year=fiscal_year)
        if warning:
            warnings.append((entry, warning))
    return Dashboard(
        fiscal_year=fiscal_year,
        assignments=assignments,
        by_indicator=sorted(by_indicator.values(), key=lambda row: _code_key(row.label.split(" ", 1)[0])),
        by_department=[by_department[pk] for pk in sorted(by_department, key=lambda pk: department_order[pk])],
        overdue=overdue,
        recent=recent,
        produced=produced,
        broken=broken,
        date_warnings=warnings,
        unassigned=unassigned,
    )


# --- Export -------------------------------------------------------------------------------------------


@dataclass
class ExportRow:
    code: str
    title: str
    status: str
    departments: str
    evidence: list[tuple[str, str, str]]  # (title, url, note)


def export_rows(*, organization: Organization, fiscal_year: int) -> list[ExportRow]:
    """One row per OIT item of the year with its published evidence (what the public page shows)."""
    assignments = list(
        OitAssignment.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("oit_item")
        .prefetch_related(
            "departments",
            Prefetch(
                "evidence",
                queryset=OitEvidence.objects.filter(published_at__isnull=False).order_by("created_at", "pk"),
                to_attr="published",
            ),
        )
        .order_by("oit_item__order", "oit_item__pk")
    )
    return [
        ExportRow(
            code=assignment.oit_item.code,
            title=assignment.oit_item.title,
            status=str(assignment.get_status_display()),
            departments=", ".join(department.name for department in assignment.departments.all()),
            evidence=[(entry.title, entry.url, entry.note) for entry in assignment.published],  # type: ignore[attr-defined]
        )
        for assignment in assignments
    ]


def order_rows(*, organization: Organization, fiscal_year: int) -> list[tuple[Department, list[OitItem]]]:
    """Responsible departments in tree order, each with the items assigned to it (for the order)."""
    from prongsai.core.selectors import department_tree

    assignments = list(
        OitAssignment.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("oit_item")
        .prefetch_related("departments")
        .order_by("oit_item__order", "oit_item__pk")
    )
    per_department: dict[int, list[OitItem]] = {}
    for assignment in assignments:
        for department in assignment.departments.all():
            per_department.setdefault(department.pk, []).append(assignment.oit_item)
    return [
        (department, per_department[department.pk])
        for department, _depth in department_tree(organization=organization)
        if department.pk in per_department
    ]


def due_dates(*, organization: Organization, fiscal_year: int) -> list[dt.date]:
    values = OitAssignment.objects.filter(
        organization=organization, fiscal_year=fiscal_year, due_date__isnull=False
    ).values_list("due_date", flat=True)
    return sorted({value for value in values if value is not None})


def latest_change(*, organization: Organization, fiscal_year: int) -> Any:
    return (
        OitReview.objects.filter(assignment__organization=organization, assignment__fiscal_year=fiscal_year)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )
