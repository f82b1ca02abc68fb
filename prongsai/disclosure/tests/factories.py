"""Test data for the OIT tracker, built through the services as people would build it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from wagtail.models import Page

from prongsai.core.models import Department, Organization
from prongsai.disclosure import services
from prongsai.disclosure.models import OitAssignment
from prongsai.ita.models import Framework, Indicator, OitItem, SubIndicator, Tool


def make_page(*, parent: Page, title: str, slug: str, live: bool = True) -> Page:
    from prongsai.site.models import ContentPage

    page = ContentPage(
        title=title,
        slug=slug,
        summary=title,
        body=json.dumps([{"type": "paragraph", "value": f"<p>{title}</p>"}]),
        live=live,
    )
    parent.add_child(instance=page)
    if live:
        page.save_revision().publish()
    return page


def open_year(organization: Organization, year: int = 2566) -> dict[str, OitAssignment]:
    return {a.oit_item.code: a for a in services.oit_year_open(organization=organization, fiscal_year=year)}


def assign(
    assignment: OitAssignment, *departments: Department, actor: Any = None, due: dt.date | None = None
) -> OitAssignment:
    return services.oit_assignment_assign(
        actor=actor, assignment=assignment, departments=list(departments), due_date=due or dt.date(2023, 3, 31)
    )


def synthetic_framework(*, year: int, items: int) -> Framework:
    """A framework with `items` OIT items spread over two indicators and ten sub-indicators (for growth tests)."""
    framework = Framework.objects.create(fiscal_year=year, title=f"synthetic {year}")
    tool = Tool.objects.create(framework=framework, code="OIT", name="OIT")
    subs = []
    for number in (9, 10):
        indicator = Indicator.objects.create(framework=framework, tool=tool, number=number, title=f"ตัวชี้วัด {number}")
        for n in range(1, 6):
            subs.append(SubIndicator.objects.create(indicator=indicator, code=f"{number}.{n}", title=f"ย่อย {n}"))
    OitItem.objects.bulk_create(
        [
            OitItem(
                framework=framework,
                indicator=subs[k % len(subs)].indicator,
                sub_indicator=subs[k % len(subs)],
                code=f"O{k + 1}",
                order=k + 1,
                title=f"ข้อมูลทดสอบ {k + 1}",
                topics=[],
            )
            for k in range(items)
        ]
    )
    return framework
