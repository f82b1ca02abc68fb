"""The year's answers for ITAS: XLSX and CSV with item code, title, URL(s) and note per item.

Only published evidence goes out (what the public page shows). Addresses on this site are made
absolute with `base` (the site's address), since the evaluator opens them from another system.
"""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from prongsai.core.models import Organization

from .links import absolute_url
from .selectors import ExportRow, export_rows

HEADERS = ("ข้อ", "ข้อมูล", "URL", "คำอธิบายเพิ่มเติม", "สถานะ", "ผู้รับผิดชอบ")
DETAIL_HEADERS = ("ข้อ", "ข้อมูล", "ลำดับ", "ชื่อหลักฐาน", "URL", "คำอธิบายเพิ่มเติม")
FORMATS = ("xlsx", "csv")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _cells(row: ExportRow, base: str) -> tuple[str, ...]:
    urls = "\n".join(absolute_url(url, base=base) for _title, url, _note in row.evidence)
    if len(row.evidence) > 1:
        notes = "\n".join(
            f"{n}. {title}: {note}" if note else f"{n}. {title}"
            for n, (title, _url, note) in enumerate(row.evidence, start=1)
        )
    else:
        notes = "\n".join(note or title for title, _url, note in row.evidence)
    return (row.code, row.title, urls, notes, row.status, row.departments)


def export_xlsx(*, organization: Organization, fiscal_year: int, base: str) -> bytes:
    rows = export_rows(organization=organization, fiscal_year=fiscal_year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = f"OIT {fiscal_year}"
    sheet.append(list(HEADERS))
    wrap = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(list(_cells(row, base)))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (8, 50, 60, 60, 18, 36), strict=True):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = wrap
    sheet.freeze_panes = "A2"
    detail = workbook.create_sheet("URL")
    detail.append(list(DETAIL_HEADERS))
    for row in rows:
        for n, (title, url, note) in enumerate(row.evidence, start=1):
            detail.append([row.code, row.title, n, title, absolute_url(url, base=base), note])
    for cell in detail[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (8, 50, 8, 50, 60, 60), strict=True):
        detail.column_dimensions[column].width = width
    workbook.properties.title = f"OIT {fiscal_year} {organization.name}"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def export_csv(*, organization: Organization, fiscal_year: int, base: str) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Thai text correctly."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    for row in export_rows(organization=organization, fiscal_year=fiscal_year):
        writer.writerow(_cells(row, base))
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export(*, organization: Organization, fiscal_year: int, fmt: str, base: str) -> bytes:
    if fmt == "xlsx":
        return export_xlsx(organization=organization, fiscal_year=fiscal_year, base=base)
    if fmt == "csv":
        return export_csv(organization=organization, fiscal_year=fiscal_year, base=base)
    raise ValueError(f"Unknown export format: {fmt}")


def export_filename(*, organization: Organization, fiscal_year: int, fmt: str) -> str:
    return f"oit-{organization.slug}-{fiscal_year}.{fmt}"
