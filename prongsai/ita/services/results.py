"""Past ITA results: enter, import (XLSX/CSV), analyse, and draft next year's measures from them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.models import Organization
from prongsai.core.thai import FiscalYear, to_arabic_digits

from ..models import (
    IMPROVE_BELOW,
    URGENT_BELOW,
    AssessmentIndicatorScore,
    AssessmentResult,
    Framework,
    Indicator,
    Measure,
    MeasureStatus,
)
from .frameworks import grade_level_for

MAX_IMPORT_BYTES = 2 * 1024 * 1024


def _framework_for(year: int) -> Framework:
    framework = Framework.objects.filter(fiscal_year=year).first()
    if framework is None:
        raise ValidationError(
            {"fiscal_year": _("There is no ITA framework for fiscal year %(year)s.") % {"year": year}}
        )
    return framework


def _score(value: Any, field: str) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(to_arabic_digits(str(value)).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a score from 0 to 100.")}) from None
    if not number.is_finite() or number < 0 or number > 100:
        raise ValidationError({field: _("Enter a score from 0 to 100.")})
    return number.quantize(Decimal("0.01"))


@transaction.atomic
def assessment_result_save(
    *,
    actor: Any = None,
    organization: Organization,
    fiscal_year: int,
    total: Any,
    level: str = "",
    iit_score: Any = None,
    eit_score: Any = None,
    oit_score: Any = None,
    indicator_scores: dict[int, Any] | None = None,
    analysis: str | None = None,
) -> AssessmentResult:
    """Create or replace the organization's result for a year. Indicator scores are keyed by number (1–10).

    The level is computed from the year's grade bands when left blank. All or nothing.
    """
    framework = _framework_for(int(fiscal_year))
    total_value = _score(total, "total")
    if total_value is None:
        raise ValidationError({"total": _("Enter the total score.")})
    tools = {
        "IIT": _score(iit_score, "iit_score"),
        "EIT": _score(eit_score, "eit_score"),
        "OIT": _score(oit_score, "oit_score"),
    }
    indicators = {i.number: i for i in framework.indicators.all()}
    scores: dict[int, Decimal] = {}
    for number, value in (indicator_scores or {}).items():
        if int(number) not in indicators:
            raise ValidationError(
                {"indicator_scores": _("Indicator %(number)s is not in this year's framework.") % {"number": number}}
            )
        parsed = _score(value, f"indicator_{number}")
        if parsed is not None:
            scores[int(number)] = parsed
    result = AssessmentResult.objects.filter(organization=organization, fiscal_year=fiscal_year).first()
    created = result is None
    if result is None:
        result = AssessmentResult(organization=organization, fiscal_year=fiscal_year)
    result.framework = framework
    result.total = total_value
    result.iit_score, result.eit_score, result.oit_score = tools["IIT"], tools["EIT"], tools["OIT"]
    result.level = (level or "").strip() or grade_level_for(framework=framework, total=total_value, tool_scores=tools)
    if analysis is not None:
        result.analysis = analysis
    result.full_clean()
    result.save()
    result.indicator_scores.exclude(indicator__number__in=list(scores)).delete()
    for number, value in scores.items():
        AssessmentIndicatorScore.objects.update_or_create(
            result=result, indicator=indicators[number], defaults={"score": value}
        )
    audit_record(
        action="ita.result.create" if created else "ita.result.update",
        actor=actor,
        organization=organization,
        obj=result,
        data={"total": str(total_value), "level": result.level, "indicators": {k: str(v) for k, v in scores.items()}},
    )
    return result


@transaction.atomic
def assessment_result_update_analysis(*, actor: Any = None, result: AssessmentResult, analysis: str) -> None:
    result.analysis = analysis
    result.full_clean()
    result.save(update_fields=["analysis", "updated_at"])
    audit_record(action="ita.result.analysis", actor=actor, organization=result.organization, obj=result)


@transaction.atomic
def assessment_result_delete(*, actor: Any = None, result: AssessmentResult) -> None:
    audit_record(action="ita.result.delete", actor=actor, organization=result.organization, obj=result)
    result.delete()


# --- Import -----------------------------------------------------------------------

# Column headers accepted (lower-cased, spaces removed) -> field.
_HEADERS = {
    "ปีงบประมาณ": "fiscal_year",
    "ปี": "fiscal_year",
    "year": "fiscal_year",
    "fiscal_year": "fiscal_year",
    "คะแนนรวม": "total",
    "total": "total",
    "ระดับ": "level",
    "level": "level",
    "iit": "iit_score",
    "eit": "eit_score",
    "oit": "oit_score",
}


def _header_field(header: Any) -> str | None:
    key = to_arabic_digits(str(header or "")).strip().lower().replace(" ", "")
    if key in _HEADERS:
        return _HEADERS[key]
    for prefix in ("ตัวชี้วัดที่", "ตัวชี้วัด", "indicator", "i"):
        if key.startswith(prefix) and key[len(prefix) :].isdigit():
            return f"indicator:{int(key[len(prefix) :])}"
    if key.isdigit():
        return f"indicator:{int(key)}"
    return None


def _read_rows(content: bytes, filename: str) -> list[list[Any]]:
    name = filename.lower()
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError({"file": _("The CSV file must be saved as UTF-8.")}) from None
        return list(csv.reader(io.StringIO(text)))
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a damaged file
            raise ValidationError({"file": _("This file could not be read as an Excel workbook.")}) from None
        sheet = workbook.worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    raise ValidationError({"file": _("Upload an .xlsx or .csv file.")})


@dataclass(frozen=True)
class ImportOutcome:
    results: list[AssessmentResult]


def assessment_result_import(
    *, actor: Any = None, organization: Organization, content: bytes, filename: str
) -> ImportOutcome:
    """Import results from a sheet: one row per fiscal year with columns ปีงบประมาณ, คะแนนรวม, ระดับ,
    IIT, EIT, OIT and ตัวชี้วัดที่ 1 … 10.

    Every bad row is reported (ValidationError with one message per row) and then nothing is saved.
    """
    if len(content) > MAX_IMPORT_BYTES:
        raise ValidationError({"file": _("The file is larger than 2 MB.")})
    rows = [row for row in _read_rows(content, filename) if any(str(c or "").strip() for c in row)]
    if not rows:
        raise ValidationError({"file": _("The file is empty.")})
    fields = [_header_field(header) for header in rows[0]]
    if "fiscal_year" not in fields or "total" not in fields:
        raise ValidationError(
            {"file": _("The first row must name the columns; at least ปีงบประมาณ and คะแนนรวม are needed.")}
        )
    errors: list[str] = []
    results: list[AssessmentResult] = []
    seen: set[int] = set()
    # Raising inside the block rolls every row back: nothing is saved half-way.
    with transaction.atomic():
        for line, row in enumerate(rows[1:], start=2):
            values: dict[str, Any] = {"indicator_scores": {}}
            for field, cell in zip(fields, row, strict=False):
                if field is None:
                    continue
                if field.startswith("indicator:"):
                    values["indicator_scores"][int(field.split(":")[1])] = cell
                else:
                    values[field] = cell
            try:
                year_text = to_arabic_digits(str(values.get("fiscal_year") or "")).strip()
                try:
                    year = int(float(year_text)) if year_text else 0
                except ValueError:
                    year = 0
                if year < 2500 or year > 2700:
                    raise ValidationError({"fiscal_year": _("Enter the fiscal year in B.E., e.g. 2565.")})
                if year in seen:
                    raise ValidationError({"fiscal_year": _("This fiscal year appears twice in the file.")})
                seen.add(year)
                with transaction.atomic():
                    results.append(
                        assessment_result_save(
                            actor=actor,
                            organization=organization,
                            fiscal_year=year,
                            total=values.get("total"),
                            level=str(values.get("level") or ""),
                            iit_score=values.get("iit_score"),
                            eit_score=values.get("eit_score"),
                            oit_score=values.get("oit_score"),
                            indicator_scores=values["indicator_scores"],
                        )
                    )
            except ValidationError as error:
                messages = [str(m) for m in error.messages]
                errors.append(_("Row %(row)s: %(errors)s") % {"row": line, "errors": " ".join(messages)})
        if errors:
            raise ValidationError(errors)
    return ImportOutcome(results=results)


# --- Analysis and drafting ----------------------------------------------------------


@dataclass(frozen=True)
class IndicatorAnalysis:
    indicator: Indicator
    score: Decimal
    band: str  # "urgent" (< 85), "improve" (< 95) or "good"


def result_analysis(result: AssessmentResult) -> list[IndicatorAnalysis]:
    """Each scored indicator with its band, in indicator order."""
    rows = []
    for score in result.indicator_scores.select_related("indicator").order_by("indicator__number"):
        if score.score < URGENT_BELOW:
            band = "urgent"
        elif score.score < IMPROVE_BELOW:
            band = "improve"
        else:
            band = "good"
        rows.append(IndicatorAnalysis(indicator=score.indicator, score=score.score, band=band))
    return rows


@transaction.atomic
def measures_draft_from_analysis(*, actor: Any = None, organization: Organization, year: int) -> list[Measure]:
    """Draft a measure for year `year` for every indicator that scored below 95 in `year - 1`.

    Indicators that already have a measure in `year` are left alone, so running it twice adds nothing.
    """
    from .measures import measure_create

    result = AssessmentResult.objects.filter(organization=organization, fiscal_year=year - 1).first()
    if result is None:
        raise ValidationError(_("There is no ITA result for %(year)s to draft from.") % {"year": year - 1})
    framework = _framework_for(year)
    indicators = {i.number: i for i in framework.indicators.all()}
    existing = set(
        Measure.objects.filter(organization=organization, fiscal_year=year).values_list("indicator__number", flat=True)
    )
    created = []
    for row in result_analysis(result):
        if row.band == "good" or row.indicator.number in existing or row.indicator.number not in indicators:
            continue
        target = indicators[row.indicator.number]
        urgency = "ต้องแก้ไขเร่งด่วน" if row.band == "urgent" else "ควรพัฒนา"
        created.append(
            measure_create(
                actor=actor,
                organization=organization,
                fiscal_year=year,
                indicator=target,
                title=f"มาตรการยกระดับ{target.title}",
                steps=(
                    f"ผลการประเมินปี พ.ศ. {year - 1} ตัวชี้วัดที่ {target.number} {target.title} "
                    f"ได้ {row.score} คะแนน ({urgency}): กำหนดขั้นตอนการดำเนินการ"
                ),
                status=MeasureStatus.DRAFT,
                schedule_text=FiscalYear(year).label(thai_digits=False),
            )
        )
    audit_record(
        action="ita.measure.draft_from_analysis",
        actor=actor,
        organization=organization,
        obj=result,
        data={"year": year, "created": [m.pk for m in created]},
    )
    return created
