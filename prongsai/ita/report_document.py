"""Build the plan and the results report: first as plain JSON data (what a round freezes),
then as a documents.model.Document (what the renderer prints).

`report_data` reads the database; `report_document` is a pure function of that data and the
approvals, so a frozen round prints the same document for ever.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal
from typing import Any

from prongsai.core.models import Department, Membership, Organization, OrganizationKind
from prongsai.core.roles import CHIEF_ADMINISTRATOR, EXECUTIVE, ITA_COORDINATOR
from prongsai.core.thai import FiscalYear, format_phone, thai_date_long, thai_date_short
from prongsai.documents.model import (
    ApprovalArea,
    ApprovalBox,
    Block,
    Column,
    Document,
    Heading,
    MemoHeader,
    Paragraph,
    Section,
    Signature,
    Table,
)

from . import selectors, wording
from .models import IMPROVE_BELOW, URGENT_BELOW, Measure, ReportKind, ReportTemplate

logger = logging.getLogger(__name__)

DATA_VERSION = 1


# --- People and departments as printed ----------------------------------------------------


def person(membership: Membership | None) -> dict[str, str]:
    if membership is None:
        return {"name": "", "position": ""}
    return {"name": membership.display_name, "position": membership.position.name if membership.position else ""}


def _default_position(organization: Organization, role: str) -> str:
    sao = organization.kind == OrganizationKind.SAO
    if role == CHIEF_ADMINISTRATOR:
        return "ปลัดองค์การบริหารส่วนตำบล" if sao else "ปลัดเทศบาล"
    return f"นายก{organization.name}" if sao else f"นายกเทศมนตรี{organization.name.removeprefix('เทศบาล')}"


def owners_printed(measure: Measure) -> str:
    """ "งานธุรการ สำนักปลัดเทศบาล"; several owners are joined with "ร่วมกับ"."""
    if measure.owners_text:
        return measure.owners_text
    return " ร่วมกับ".join(
        " ".join([owner.name] + ([owner.parent.name] if owner.parent else [])) for owner in measure.owners.all()
    )


def _department_names(department: Department | None) -> tuple[str, str]:
    if department is None:
        return "", ""
    parent = department.parent.name if department.parent_id and department.parent else ""
    return department.name, parent


# --- Template values ---------------------------------------------------------------------------


def _framework_values(year: int) -> dict[str, str]:
    values: dict[str, str] = {}
    plan = selectors.oit_item_for_topic(year=year, topic="integrity_measures_plan")
    results = selectors.oit_item_for_topic(year=year, topic="integrity_measures_results")
    if plan is not None:
        values["plan_item_code"] = plan.code
        values["plan_item_title"] = plan.title
        values["plan_indicator"] = f"{plan.indicator.number} {plan.indicator.title}"
        if plan.sub_indicator is not None:
            values["plan_sub_indicator"] = f"{plan.sub_indicator.code} {plan.sub_indicator.title}"
    if results is not None:
        values["results_item_code"] = results.code
        values["results_item_title"] = results.title
    return values


def template_values(*, organization: Organization, year: int, department: Department | None) -> dict[str, str]:
    """Every placeholder's value for this organization, year and preparing department."""
    name, parent = _department_names(department)
    executive = selectors.role_holder(organization=organization, role=EXECUTIVE)
    chief = selectors.role_holder(organization=organization, role=CHIEF_ADMINISTRATOR)
    previous = selectors.result_for_year(organization=organization, year=year - 1)
    values = {
        "year": str(year),
        "previous_year": str(year - 1),
        "organization": organization.name,
        "department": name,
        "department_parent": parent,
        "department_full": " ".join(part for part in (name, parent) if part),
        "executive_position": person(executive)["position"] or _default_position(organization, EXECUTIVE),
        "chief_position": person(chief)["position"] or _default_position(organization, CHIEF_ADMINISTRATOR),
        "number_prefix": organization.document_number_prefix,
        "previous_total": f"{previous.total:.2f}" if previous else "",
        "previous_level": previous.level if previous else "",
    }
    values.update(_framework_values(year))
    return values


def template_for(*, organization: Organization, kind: str) -> ReportTemplate:
    """The organization's wording, or an unsaved copy of the default."""
    template = (
        ReportTemplate.objects.filter(organization=organization, kind=kind).select_related("department__parent").first()
    )
    if template is None:
        template = ReportTemplate(organization=organization, kind=kind, **wording.DEFAULT_WORDING[kind])
    return template


# --- The data ---------------------------------------------------------------------------------


def _bullets(texts: list[str]) -> str:
    lines = []
    for text in texts:
        for line in text.splitlines():
            line = line.strip()
            if line:
                lines.append(line if line.startswith("-") else f"- {line}")
    return "\n".join(lines)


def measure_rows(*, organization: Organization, year: int, kind: str) -> list[list[str]]:
    rows = []
    numbers: dict[int, int] = {}
    default_schedule = FiscalYear(year).label(thai_digits=False)
    for measure in selectors.measures_for(organization=organization, year=year):
        n = numbers[measure.indicator_id] = numbers.get(measure.indicator_id, 0) + 1
        row = [
            measure.indicator.label,
            f"{n}. {measure.title}",
            f"{n}. {measure.steps}",
            measure.schedule_text or default_schedule,
            owners_printed(measure),
        ]
        if kind == ReportKind.RESULTS:
            row.append(_bullets([result.text for result in measure.results.all()]))
            row.append(_bullets([measure.recommendations]))
        rows.append(row)
    return rows


def _analysis(*, organization: Organization, year: int) -> dict[str, Any] | None:
    from .services.results import result_analysis

    result = selectors.result_for_year(organization=organization, year=year)
    if result is None:
        return None

    def fmt(value: Decimal | None) -> str:
        return "" if value is None else f"{value:.2f}"

    return {
        "year": year,
        "total": fmt(result.total),
        "level": result.level,
        "tools": {"IIT": fmt(result.iit_score), "EIT": fmt(result.eit_score), "OIT": fmt(result.oit_score)},
        "indicators": [
            {
                "label": row.indicator.label,
                "number": row.indicator.number,
                "title": row.indicator.title,
                "score": fmt(row.score),
                "band": row.band,
            }
            for row in result_analysis(result)
        ],
        "text": result.analysis,
    }


def report_data(
    *,
    organization: Organization,
    year: int,
    kind: str,
    memo_date: dt.date | None = None,
    document_number: str = "",
    signer: Membership | None = None,
) -> dict[str, Any]:
    """Everything the document prints, as JSON-safe data (frozen in a round at submission)."""
    template = template_for(organization=organization, kind=kind)
    if signer is None:
        signer = selectors.role_holder(organization=organization, role=ITA_COORDINATOR)
    department = template.department or (signer.department if signer else None)
    values = template_values(organization=organization, year=year, department=department)
    name, parent = _department_names(department)
    phone = template.phone
    if not phone and organization.phone:
        try:
            phone = format_phone(organization.phone)
        except ValueError:
            phone = organization.phone
        if department is not None and department.phone_extension:
            phone = f"{phone} ต่อ {department.phone_extension}"
    columns = wording.RESULTS_COLUMNS if kind == ReportKind.RESULTS else wording.PLAN_COLUMNS
    return {
        "version": DATA_VERSION,
        "kind": kind,
        "fiscal_year": year,
        "organization": organization.name,
        "thai_digits": organization.use_thai_digits,
        "memo": {
            "department": " ".join(part for part in (parent, name) if part),
            "phone": phone,
            "number": document_number or wording.fill(template.number_text, values),
            "date": memo_date.isoformat() if memo_date else None,
            "subject": wording.fill(template.subject, values).strip(),
            "salutation": wording.fill(template.salutation, values).strip(),
            "background": wording.paragraphs(template.background, values),
            "facts": wording.paragraphs(template.facts, values),
            "proposal": wording.paragraphs(template.proposal, values),
            "closing": wording.fill(template.closing, values).strip(),
        },
        "signer": person(signer),
        "chief": {
            **person(selectors.role_holder(organization=organization, role=CHIEF_ADMINISTRATOR)),
            "default_position": values["chief_position"],
        },
        "executive": {
            **person(selectors.role_holder(organization=organization, role=EXECUTIVE)),
            "default_position": values["executive_position"],
        },
        "table": {
            "title_lines": list(wording.paragraphs(template.table_title, values)),
            "columns": [[label, weight] for label, weight in columns],
            "rows": measure_rows(organization=organization, year=year, kind=kind),
        },
        "analysis": _analysis(organization=organization, year=year - 1) if kind == ReportKind.PLAN else None,
    }


# --- The document -------------------------------------------------------------------------------

BAND_LABELS = {"urgent": "ต้องแก้ไขเร่งด่วน", "improve": "ควรพัฒนา", "good": "ผ่านเกณฑ์"}


def _date(value: str | None, *, long: bool) -> str:
    if not value:
        return ""
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return str(value)
    return thai_date_long(day, thai_digits=False) if long else thai_date_short(day, thai_digits=False)


def _approval_box(
    title: str, options: tuple[str, ...], person_data: dict[str, Any], decision: dict[str, Any] | None
) -> ApprovalBox:
    decision = decision or {}
    selected = decision.get("selected") or None
    return ApprovalBox(
        title=title,
        options=options,
        selected=selected if selected in options else None,
        remark=str(decision.get("remark") or ""),
        name=str(decision.get("name") or person_data.get("name") or ""),
        position=str(
            decision.get("position") or person_data.get("position") or person_data.get("default_position") or ""
        ),
        date_text=_date(decision.get("date"), long=False),
    )


def _analysis_blocks(analysis: dict[str, Any], organization: str) -> list[Block]:
    year = analysis["year"]
    tools = analysis.get("tools") or {}
    tool_text = " ".join(f"{code} {score}" for code, score in tools.items() if score)
    blocks: list[Block] = [
        Heading(
            text=(
                "ผลการวิเคราะห์ผลการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
                f"ประจำปีงบประมาณ พ.ศ. {year}"
            )
        ),
        Paragraph(
            text=(
                f"{organization} ได้คะแนนรวม {analysis['total']} คะแนน"
                + (f" อยู่ในระดับ {analysis['level']}" if analysis.get("level") else "")
                + (f" (คะแนนรายแบบวัด: {tool_text})" if tool_text else "")
            )
        ),
    ]
    indicators = analysis.get("indicators") or []
    if indicators:
        blocks.append(
            Table(
                title_lines=(f"คะแนนรายตัวชี้วัด ประจำปี พ.ศ. {year}",),
                columns=(
                    Column(label="ตัวชี้วัด", weight=3),
                    Column(label="คะแนน"),
                    Column(label="ผลการวิเคราะห์", weight=1.5),
                ),
                rows=tuple((row["label"], row["score"], BAND_LABELS.get(row["band"], "")) for row in indicators),
            )
        )
        for band, heading in (
            ("urgent", f"ประเด็นที่ต้องแก้ไขเร่งด่วน (คะแนนต่ำกว่า {URGENT_BELOW})"),
            ("improve", f"ประเด็นที่ควรพัฒนาให้ดีขึ้น (คะแนนต่ำกว่า {IMPROVE_BELOW})"),
        ):
            rows = [row for row in indicators if row["band"] == band]
            blocks.append(Heading(text=heading, level=2))
            if rows:
                blocks.extend(
                    Paragraph(
                        text=f"ตัวชี้วัดที่ {row.get('number', '')} {row.get('title', row['label'])} ({row['score']} คะแนน)"
                    )
                    for row in rows
                )
            else:
                blocks.append(Paragraph(text="- ไม่มี -"))
    text = str(analysis.get("text") or "")
    if text.strip():
        blocks.append(Heading(text="การวิเคราะห์และแนวทางการนำไปสู่การปฏิบัติ", level=2))
        blocks.extend(Paragraph(text=line.strip()) for line in text.splitlines() if line.strip())
    return blocks


def report_document(
    data: dict[str, Any], *, approvals: dict[str, Any] | None = None, emblem: bytes | None = None
) -> Document:
    """The Document for report data (live or frozen) and the approvals recorded so far."""
    memo = data["memo"]
    approvals = approvals or {}
    signer = data.get("signer") or {}
    signature = Signature(name=str(signer.get("name") or ""), position=str(signer.get("position") or ""))
    memo_blocks: list[Block] = [
        MemoHeader(
            department=memo["department"],
            phone=memo["phone"],
            number=memo["number"],
            date_text=_date(memo.get("date"), long=True),
            subject=memo["subject"],
            salutation=memo["salutation"],
        )
    ]
    for heading, key in (
        (wording.HEADING_BACKGROUND, "background"),
        (wording.HEADING_FACTS, "facts"),
        (wording.HEADING_PROPOSAL, "proposal"),
    ):
        if memo.get(key):
            memo_blocks.append(Heading(text=heading))
            memo_blocks.extend(Paragraph(text=text) for text in memo[key])
    if memo.get("closing"):
        memo_blocks.append(Paragraph(text=memo["closing"]))
    chief = data.get("chief") or {}
    executive = data.get("executive") or {}
    memo_blocks += [
        signature,
        ApprovalArea(
            boxes=(
                _approval_box(
                    f"ความเห็น{chief.get('position') or chief.get('default_position') or 'ปลัด'}",
                    wording.CHIEF_OPTIONS,
                    chief,
                    approvals.get("chief"),
                ),
                _approval_box(
                    f"คำสั่ง{executive.get('position') or executive.get('default_position') or 'ผู้บริหาร'}",
                    wording.EXECUTIVE_OPTIONS,
                    executive,
                    approvals.get("executive"),
                ),
            )
        ),
    ]
    sections = [Section(orientation="portrait", blocks=tuple(memo_blocks))]
    if data.get("analysis"):
        sections.append(
            Section(orientation="portrait", blocks=tuple(_analysis_blocks(data["analysis"], data["organization"])))
        )
    table = data["table"]
    columns = tuple(Column(label=label, weight=float(weight)) for label, weight in table["columns"])
    rows = tuple(tuple(str(cell) for cell in row) for row in table["rows"]) or (tuple("-" for _ in columns),)
    sections.append(
        Section(
            orientation="landscape",
            blocks=(
                Table(title_lines=tuple(table["title_lines"]), columns=columns, rows=rows, group_column=0),
                signature,
            ),
        )
    )
    return Document(
        title=memo["subject"],
        sections=tuple(sections),
        thai_digits=bool(data.get("thai_digits", True)),
        emblem=emblem,
        author=data.get("organization", ""),
    )


def organization_emblem(organization: Organization) -> bytes | None:
    """The organization's emblem image as bytes, or None (a missing file never stops a document)."""
    image = organization.emblem
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            content: bytes = handle.read()
            return content
    except (OSError, ValueError):
        logger.warning("Emblem of %s could not be read", organization.slug)
        return None
