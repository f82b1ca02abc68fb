"""The assignment order (คำสั่ง): which department prepares which OIT item, as a documents.model.Document.

Layout as municipalities issue it: the order head (emblem, "คำสั่งเทศบาล…", "ที่ …/ปี", "เรื่อง …"),
the preamble and the legal authority, a table of the items grouped by responsible department, the
duty of the departments, "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป", "สั่ง ณ วันที่ …" and the mayor's signature.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone

from prongsai.core.models import Membership, Organization, OrganizationKind
from prongsai.core.roles import EXECUTIVE, ITA_COORDINATOR, ROLES
from prongsai.core.thai import THAI_MONTHS, be_year
from prongsai.documents.model import Column, Document, OrderHeader, Paragraph, Section, Signature, Table
from prongsai.documents.render import render_docx, render_pdf

from .selectors import due_dates, order_rows

logger = logging.getLogger(__name__)

FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _member_with_role(organization: Organization, role: str) -> Membership | None:
    return (
        Membership.objects.filter(organization=organization, is_active=True, user__groups__name=ROLES[role].group_name)
        .select_related("user", "position", "department")
        .order_by("pk")
        .first()
    )


def _executive_position(organization: Organization) -> str:
    if organization.kind == OrganizationKind.SAO:
        return f"นายก{organization.name}"
    return f"นายกเทศมนตรี{organization.name.removeprefix('เทศบาล')}"


def _authority(organization: Organization) -> str:
    if organization.kind == OrganizationKind.SAO:
        return "มาตรา 60 แห่งพระราชบัญญัติสภาตำบลและองค์การบริหารส่วนตำบล พ.ศ. 2537 และที่แก้ไขเพิ่มเติม"
    return "มาตรา 48 เตรส แห่งพระราชบัญญัติเทศบาล พ.ศ. 2496 และที่แก้ไขเพิ่มเติม"


def _emblem(organization: Organization) -> bytes | None:
    image = organization.emblem
    if image is None:
        return None
    try:
        with image.file.open("rb") as handle:
            data: bytes = handle.read()
            return data
    except (OSError, ValueError):
        logger.warning("Emblem of %s could not be read", organization.slug)
        return None


def _date_text(day: dt.date) -> str:
    return f"{day.day} เดือน {THAI_MONTHS[day.month - 1]} พ.ศ. {be_year(day.year)}"


def order_document(
    *,
    organization: Organization,
    fiscal_year: int,
    number: str = "",
    order_date: dt.date | None = None,
) -> Document:
    """The order for the year's assignments (departments in tree order, items in framework order)."""
    rows_by_department = order_rows(organization=organization, fiscal_year=fiscal_year)
    item_count = len({item.pk for _department, items in rows_by_department for item in items})
    coordinator = _member_with_role(organization, ITA_COORDINATOR)
    executive = _member_with_role(organization, EXECUTIVE)
    deadlines = due_dates(organization=organization, fiscal_year=fiscal_year)
    with_due = bool(deadlines)
    from .models import OitAssignment

    due_by_item = dict(
        OitAssignment.objects.filter(organization=organization, fiscal_year=fiscal_year).values_list(
            "oit_item_id", "due_date"
        )
    )
    table_rows: list[tuple[str, ...]] = []
    for department, items in rows_by_department:
        for item in items:
            row = [department.full_name, item.code, item.title]
            if with_due:
                due = due_by_item.get(item.pk)
                row.append(f"{due.day} {THAI_MONTHS[due.month - 1]} {be_year(due.year)}" if due else "-")
            table_rows.append(tuple(row))
    columns = [
        Column(label="ส่วนราชการผู้รับผิดชอบ", weight=1.6),
        Column(label="ข้อ", weight=0.5),
        Column(label="ข้อมูลที่ต้องเปิดเผย", weight=2.6),
    ]
    if with_due:
        columns.append(Column(label="กำหนดส่ง", weight=1.0))
    if not table_rows:
        table_rows = [tuple("-" for _ in columns)]
    reviewer = coordinator.department.full_name if coordinator and coordinator.department else "ผู้ประสานงาน ITA"
    subject = (
        "เรื่อง แต่งตั้งผู้รับผิดชอบจัดทำข้อมูลตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ (OIT) "
        "ประกอบการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) "
        f"ประจำปีงบประมาณ พ.ศ. {fiscal_year}"
    )
    blocks = (
        OrderHeader(
            issuer=f"คำสั่ง{organization.name}",
            number=f"ที่ {number.strip()}" if number.strip() else f"ที่ ........../{fiscal_year}",
            subject=subject,
        ),
        Paragraph(
            text=(
                "ด้วยสำนักงานคณะกรรมการป้องกันและปราบปรามการทุจริตแห่งชาติ (สำนักงาน ป.ป.ช.) ได้ดำเนินการประเมินคุณธรรม"
                "และความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (Integrity and Transparency Assessment: ITA) "
                f"ประจำปีงบประมาณ พ.ศ. {fiscal_year} ซึ่งแบบตรวจการเปิดเผยข้อมูลสาธารณะ (Open Data Integrity and "
                "Transparency Assessment: OIT) กำหนดให้หน่วยงานเปิดเผยข้อมูลต่อสาธารณะบนเว็บไซต์หลักของหน่วยงาน"
                f" จำนวน {item_count} ข้อ"
            )
        ),
        Paragraph(
            text=(
                f"เพื่อให้การเปิดเผยข้อมูลสาธารณะของ{organization.name}เป็นไปตามหลักเกณฑ์และตัวชี้วัดที่กำหนด "
                "มีข้อมูลที่ถูกต้อง ครบถ้วน และเป็นปัจจุบัน อาศัยอำนาจตามความใน"
                f"{_authority(organization)} จึงมอบหมายให้ส่วนราชการในสังกัด{organization.name} "
                "เป็นผู้รับผิดชอบจัดทำและเผยแพร่ข้อมูล ดังนี้"
            )
        ),
        Table(
            title_lines=(),
            columns=tuple(columns),
            rows=tuple(table_rows),
            group_column=0,
        ),
        Paragraph(
            text=(
                "ให้ส่วนราชการที่ได้รับมอบหมายจัดทำข้อมูลให้ถูกต้อง ครบถ้วน และเป็นปัจจุบัน นำขึ้นเผยแพร่บนเว็บไซต์หลัก"
                f"ของ{organization.name} พร้อมบันทึกหลักฐานและคำอธิบายในระบบ แล้วส่งให้{reviewer}ตรวจสอบ"
                + (" ภายในกำหนดข้างต้น" if with_due else "")
                + " หากมีปัญหาหรืออุปสรรคในการดำเนินการ ให้รายงานผู้บังคับบัญชาทราบโดยเร็ว"
            )
        ),
        Paragraph(text="ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป"),
        Paragraph(text=f"สั่ง ณ วันที่ {_date_text(order_date or timezone.localdate())}"),
        Signature(
            name=executive.display_name if executive else "",
            position=(executive.position.name if executive and executive.position else "")
            or _executive_position(organization),
        ),
    )
    return Document(
        title=subject.removeprefix("เรื่อง "),
        author=organization.name,
        thai_digits=organization.use_thai_digits,
        emblem=_emblem(organization),
        sections=(Section(orientation="portrait", blocks=blocks),),
    )


def order_render(
    *, organization: Organization, fiscal_year: int, fmt: str, number: str = "", order_date: dt.date | None = None
) -> bytes:
    document = order_document(organization=organization, fiscal_year=fiscal_year, number=number, order_date=order_date)
    if fmt == "pdf":
        return render_pdf(document)
    if fmt == "docx":
        return render_docx(document)
    raise ValueError(f"Unknown format: {fmt}")


def order_filename(*, fiscal_year: int, fmt: str) -> str:
    return f"oit-order-{fiscal_year}.{fmt}"
