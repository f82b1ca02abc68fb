"""Load, reload and clone ITA frameworks.

The framework of each year lives in prongsai/ita/frameworks/<BE year>.json. Loading is
idempotent and updates rows in place, so measures and results that point at indicators
keep pointing at them. The data migration calls the same code with historical models.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record

FRAMEWORKS_DIR = Path(__file__).resolve().parent.parent / "frameworks"


def framework_years_available() -> list[int]:
    """The BE years that have a data file in the package."""
    return sorted(int(path.stem) for path in FRAMEWORKS_DIR.glob("*.json") if path.stem.isdigit())


def framework_data(year: int) -> dict[str, Any]:
    path = FRAMEWORKS_DIR / f"{int(year)}.json"
    if not path.exists():
        raise ValidationError(_("There is no framework data file for %(year)s.") % {"year": year})
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


class _Models:
    """The model classes to write with: the real ones, or a migration's historical ones."""

    def __init__(self, apps: Any = None) -> None:
        if apps is None:
            from prongsai.ita import models

            self.Framework = models.Framework
            self.Tool = models.Tool
            self.Indicator = models.Indicator
            self.SubIndicator = models.SubIndicator
            self.OitItem = models.OitItem
            self.GradeBand = models.GradeBand
        else:
            for name in ("Framework", "Tool", "Indicator", "SubIndicator", "OitItem", "GradeBand"):
                setattr(self, name, apps.get_model("ita", name))


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _write(m: _Models, data: dict[str, Any]) -> Any:
    framework, _created = m.Framework.objects.update_or_create(
        fiscal_year=int(data["fiscal_year"]),
        defaults={
            "title": data["title"],
            "status": data.get("status", "provisional"),
            "source_note": data.get("source_note", ""),
        },
    )
    tools = {}
    for tool in data["tools"]:
        tools[tool["code"]], _ = m.Tool.objects.update_or_create(
            framework=framework,
            code=tool["code"],
            defaults={"name": tool["name"], "weight": _decimal(tool.get("weight"))},
        )
    m.Tool.objects.filter(framework=framework).exclude(code__in=list(tools)).delete()
    subs = {}
    indicators = {}
    for entry in data["indicators"]:
        indicator, _ = m.Indicator.objects.update_or_create(
            framework=framework,
            number=int(entry["number"]),
            defaults={"title": entry["title"], "tool": tools[entry["tool"]]},
        )
        indicators[indicator.number] = indicator
        codes = []
        for sub in entry.get("sub_indicators", []):
            subs[sub["code"]], _ = m.SubIndicator.objects.update_or_create(
                indicator=indicator, code=sub["code"], defaults={"title": sub["title"]}
            )
            codes.append(sub["code"])
        m.SubIndicator.objects.filter(indicator=indicator).exclude(code__in=codes).delete()
    codes = []
    for order, entry in enumerate(data.get("oit_items", []), start=1):
        sub = subs.get(entry.get("sub_indicator") or "")
        indicator = sub.indicator if sub is not None else indicators[int(entry.get("indicator", 9))]
        m.OitItem.objects.update_or_create(
            framework=framework,
            code=entry["code"],
            defaults={
                "indicator": indicator,
                "sub_indicator": sub,
                "order": int(entry.get("order", order)),
                "title": entry["title"],
                "description": entry.get("description", ""),
                "topics": list(entry.get("topics", [])),
                "requires_current_year": bool(entry.get("requires_current_year", False)),
                "evidence_year_offset": int(entry.get("evidence_year_offset", 0)),
                "provenance": entry.get("provenance", "secondary"),
                "source_note": entry.get("source_note", "")[:500],
            },
        )
        codes.append(entry["code"])
    m.OitItem.objects.filter(framework=framework).exclude(code__in=codes).delete()
    labels = []
    for order, band in enumerate(data.get("grade_bands", []), start=1):
        m.GradeBand.objects.update_or_create(
            framework=framework,
            label=band["label"],
            defaults={
                "min_score": Decimal(str(band["min_score"])),
                "min_tool_score": _decimal(band.get("min_tool_score")),
                "order": order,
            },
        )
        labels.append(band["label"])
    m.GradeBand.objects.filter(framework=framework).exclude(label__in=labels).delete()
    return framework


def framework_load(*, year: int | None = None, actor: Any = None, apps: Any = None) -> list[Any]:
    """Load one year's framework (or every year's) from the package's data files.

    Idempotent: running it again updates the same rows. Returns the frameworks loaded.
    `apps` is a migration's app registry; with it nothing is audited.
    """
    years = [int(year)] if year is not None else framework_years_available()
    m = _Models(apps)
    loaded = []
    with transaction.atomic():
        for each in years:
            framework = _write(m, framework_data(each))
            loaded.append(framework)
            if apps is None:
                audit_record(action="ita.framework.load", actor=actor, obj=framework, data={"year": each})
    return loaded


def _shift_years(text: str, from_year: int, to_year: int) -> str:
    mapping = {str(from_year): str(to_year), str(from_year - 1): str(to_year - 1)}
    return re.sub(r"\d{4}", lambda match: mapping.get(match.group(0), match.group(0)), text)


@transaction.atomic
def framework_clone(*, from_year: int, to_year: int, actor: Any = None) -> Any:
    """Copy a framework to a new year as provisional, moving "2566"/"2565" in texts to the new years."""
    from prongsai.ita.models import Framework, FrameworkStatus

    source = Framework.objects.filter(fiscal_year=from_year).first()
    if source is None:
        raise ValidationError({"from_year": _("There is no framework for %(year)s.") % {"year": from_year}})
    if Framework.objects.filter(fiscal_year=to_year).exists():
        raise ValidationError({"to_year": _("A framework for %(year)s already exists.") % {"year": to_year}})
    data: dict[str, Any] = {
        "fiscal_year": to_year,
        "title": _shift_years(source.title, from_year, to_year),
        "status": FrameworkStatus.PROVISIONAL,
        "source_note": f"Cloned from {from_year}. {source.source_note}".strip(),
        "tools": [{"code": t.code, "name": t.name, "weight": t.weight} for t in source.tools.all()],
        "indicators": [
            {
                "number": i.number,
                "title": i.title,
                "tool": i.tool.code,
                "sub_indicators": [{"code": s.code, "title": s.title} for s in i.sub_indicators.all()],
            }
            for i in source.indicators.select_related("tool").prefetch_related("sub_indicators")
        ],
        "oit_items": [
            {
                "code": o.code,
                "order": o.order,
                "title": _shift_years(o.title, from_year, to_year),
                "description": _shift_years(o.description, from_year, to_year),
                "sub_indicator": o.sub_indicator.code if o.sub_indicator else "",
                "indicator": o.indicator.number,
                "topics": o.topics,
                "requires_current_year": o.requires_current_year,
                "evidence_year_offset": o.evidence_year_offset,
                "provenance": o.provenance,
                "source_note": o.source_note,
            }
            for o in source.oit_items.select_related("sub_indicator", "indicator")
        ],
        "grade_bands": [
            {"label": b.label, "min_score": b.min_score, "min_tool_score": b.min_tool_score}
            for b in source.grade_bands.all()
        ],
    }
    framework = _write(_Models(), data)
    audit_record(action="ita.framework.clone", actor=actor, obj=framework, data={"from": from_year, "to": to_year})
    return framework


def grade_level_for(*, framework: Any, total: Decimal, tool_scores: dict[str, Decimal | None] | None = None) -> str:
    """The level a total earns under the year's bands; a band that needs every tool's score is
    skipped when a tool's score is missing or too low."""
    scores = tool_scores or {}
    for band in framework.grade_bands.order_by("-min_score", "order"):
        if total < band.min_score:
            continue
        if band.min_tool_score is not None:
            values = [scores.get(code) for code in ("IIT", "EIT", "OIT")]
            if any(v is None or v < band.min_tool_score for v in values):
                continue
        return str(band.label)
    return ""
