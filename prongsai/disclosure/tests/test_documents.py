"""The assignment order (PDF and DOCX) and the export for ITAS (XLSX, CSV, command)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command
from docx import Document as read_docx
from openpyxl import load_workbook
from pypdf import PdfReader

from prongsai.core.thai import to_arabic_digits
from prongsai.disclosure import services
from prongsai.disclosure.order_document import order_document, order_render
from prongsai.disclosure.tests.factories import assign, open_year
from prongsai.documents.model import OrderHeader, Paragraph, Signature, Table


@pytest.fixture
def assigned(town):
    items = open_year(town.organization)
    assign(items["O1"], town.departments["admin"], due=dt.date(2023, 1, 31))
    assign(items["O2"], town.departments["admin"])
    assign(items["O5"], town.departments["pr"])
    assign(items["O6"], town.departments["legal"], town.departments["pr"])
    return items


def test_the_order_lists_items_by_department_in_the_official_layout(town, assigned):
    document = order_document(
        organization=town.organization, fiscal_year=2566, number="15/2566", order_date=dt.date(2022, 11, 1)
    )
    blocks = document.sections[0].blocks
    header = blocks[0]
    assert isinstance(header, OrderHeader)
    assert header.issuer == "คำสั่งเทศบาลตำบลทดสอบ" and header.number == "ที่ 15/2566"
    assert "(OIT)" in header.subject and "2566" in header.subject
    assert isinstance(blocks[1], Paragraph) and "สำนักงาน ป.ป.ช." in blocks[1].text
    table = next(block for block in blocks if isinstance(block, Table))
    assert table.group_column == 0
    rows = [(row[0], row[1]) for row in table.rows]
    # Departments in tree order (sort order, then name), items in framework order inside each.
    assert rows == [
        ("ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์ กองยุทธศาสตร์และงบประมาณ", "O5"),
        ("ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์ กองยุทธศาสตร์และงบประมาณ", "O6"),
        ("งานธุรการ สำนักปลัดเทศบาล", "O1"),
        ("งานธุรการ สำนักปลัดเทศบาล", "O2"),
        ("งานนิติการ สำนักปลัดเทศบาล", "O6"),
    ]
    assert table.rows[2][3] == "31 มกราคม 2566"
    texts = [block.text for block in blocks if isinstance(block, Paragraph)]
    assert "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป" in texts
    assert "สั่ง ณ วันที่ 1 เดือน พฤศจิกายน พ.ศ. 2565" in texts
    signature = blocks[-1]
    assert isinstance(signature, Signature) and signature.position == "นายกเทศมนตรีตำบลทดสอบ"
    assert signature.name.startswith("นาย")


def test_the_order_renders_as_pdf_and_docx(town, assigned):
    pdf = order_render(organization=town.organization, fiscal_year=2566, fmt="pdf", order_date=dt.date(2022, 11, 1))
    text = to_arabic_digits("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert "คำสั่งเทศบาลตำบลทดสอบ" in text and "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป" in text and "O6" in text
    docx = order_render(organization=town.organization, fiscal_year=2566, fmt="docx")
    word = read_docx(io.BytesIO(docx))
    body = "\n".join(p.text for p in word.paragraphs)
    cells = {to_arabic_digits(cell.text) for table in word.tables for row in table.rows for cell in row.cells}
    assert "คำสั่งเทศบาลตำบลทดสอบ" in body and "O5" in cells


def _approve(town, item, *urls_and_notes):
    for url, note in urls_and_notes:
        services.oit_evidence_add(actor=town.people["coordinator"], assignment=item, kind="url", url=url, note=note)
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=item)


def test_the_export_command_writes_what_the_public_page_shows(town, assigned, tmp_path, client):
    _approve(town, assigned["O1"], ("/about/", "แผนผังภาพแรก"))
    _approve(town, assigned["O6"], ("https://www.krisdika.go.th/", "ฐานข้อมูลกฎหมาย"), ("/contact/", ""))
    services.oit_evidence_add(actor=town.people["pr_staff"], assignment=assigned["O5"], kind="url", url="/contact/")
    xlsx, csv_path = tmp_path / "oit.xlsx", tmp_path / "oit.csv"
    call_command("oit_export", "--org", town.organization.slug, "--year", "2566", "--output", str(xlsx))
    call_command(
        "oit_export",
        "--org",
        town.organization.slug,
        "--year",
        "2566",
        "--output",
        str(csv_path),
        "--base-url",
        "https://www.test.go.th",
    )
    sheet = load_workbook(xlsx).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert len(rows) == 43
    assert rows["O1"][2] == "http://testserver/about/" and rows["O1"][3] == "แผนผังภาพแรก"
    assert rows["O6"][2] == "https://www.krisdika.go.th/\nhttp://testserver/contact/"
    assert rows["O5"][2] in (None, "")  # added but not approved: not exported
    detail = load_workbook(xlsx)["URL"]
    assert len(list(detail.iter_rows(min_row=2))) == 3
    with csv_path.open(encoding="utf-8-sig") as handle:
        table = {row[0]: row for row in csv.reader(handle)}
    assert table["O1"][2] == "https://www.test.go.th/about/"
    html = client.get("/ita/2566/").content.decode()
    for url in ("/about/", "https://www.krisdika.go.th/", "/contact/"):
        assert f'href="{url}"' in html


def test_the_export_command_refuses_bad_arguments(town, tmp_path):
    with pytest.raises(CommandError):
        call_command("oit_export", "--org", "nope", "--year", "2566", "--output", str(tmp_path / "x.xlsx"))
    with pytest.raises(CommandError):
        call_command(
            "oit_export", "--org", town.organization.slug, "--year", "2566", "--output", str(tmp_path / "x.pdf")
        )
