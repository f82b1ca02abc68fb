"""DOCX rendering, read back with python-docx: pages, tables, text, Thai fonts, robustness."""

from __future__ import annotations

import io
import re
import shutil

import pytest
from docx import Document as open_docx
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Cm
from pypdf import PdfReader

from prongsai.core.thai import to_thai_digits
from prongsai.documents.model import (
    ApprovalArea,
    ApprovalBox,
    Column,
    Document,
    Heading,
    MemoHeader,
    OrderHeader,
    Paragraph,
    Section,
    Signature,
    Table,
)
from prongsai.documents.render import render_docx
from prongsai.documents.samples import SAMPLE_COLUMNS, sample_memo, sample_rows

from .helpers import run_tool, strip_ws


@pytest.fixture(scope="module")
def memo():
    document = sample_memo()
    return document, open_docx(io.BytesIO(render_docx(document)))


def _grid_tables(docx):
    return [t for t in docx.tables if t.style is not None and t.style.name == "Table Grid"]


def _close(length, cm: float) -> bool:
    return abs(length - Cm(cm)) < Cm(0.01)


def test_a4_sections_orientation_and_official_margins(memo):
    _, docx = memo
    portrait, landscape = docx.sections

    assert portrait.orientation == WD_ORIENT.PORTRAIT
    assert _close(portrait.page_width, 21.0) and _close(portrait.page_height, 29.7)
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert _close(landscape.page_width, 29.7) and _close(landscape.page_height, 21.0)
    for section in docx.sections:
        assert _close(section.left_margin, 3) and _close(section.right_margin, 2)
        assert _close(section.top_margin, 2.5) and _close(section.bottom_margin, 2)


def test_table_header_cells_and_repeat_flag(memo):
    document, docx = memo
    source = document.sections[1].blocks[0]
    (table,) = _grid_tables(docx)

    assert len(docx.tables) == 2  # the borderless approval area and the annex table
    assert [cell.text for cell in table.rows[0].cells] == [c.label for c in source.columns]
    header_pr = table.rows[0]._tr.trPr
    assert header_pr is not None and header_pr.find(qn("w:tblHeader")) is not None
    assert all(row._tr.trPr is None or row._tr.trPr.find(qn("w:tblHeader")) is None for row in table.rows[1:])
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert body == [[to_thai_digits(text) for text in row] for row in source.rows]


def test_table_sits_in_the_landscape_section(memo):
    _, docx = memo
    body = docx.element.body
    section_breaks = [p for p in body.iterchildren(qn("w:p")) if p.find(qn("w:pPr") + "/" + qn("w:sectPr")) is not None]
    (grid_table,) = _grid_tables(docx)

    assert len(section_breaks) == 1
    children = list(body.iterchildren())
    assert children.index(grid_table._tbl) > children.index(section_breaks[0])


def test_fonts_are_thai_complex_script_16pt(memo):
    _, docx = memo
    styles = docx.styles.element
    normal = docx.styles["Normal"].element.rPr
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))

    for rpr in (normal, defaults):
        fonts = rpr.find(qn("w:rFonts"))
        for attr in ("w:cs", "w:ascii", "w:hAnsi", "w:eastAsia"):
            assert fonts.get(qn(attr)) == "TH SarabunIT๙"
        assert rpr.find(qn("w:szCs")).get(qn("w:val")) == "32"
        assert rpr.find(qn("w:sz")).get(qn("w:val")) == "32"
        assert rpr.find(qn("w:lang")).get(qn("w:bidi")) == "th-TH"
    font_table = next(p for p in docx.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml")
    assert "TH SarabunIT๙".encode() in font_table.blob and b'w:val="Sarabun"' in font_table.blob


def test_memo_text_and_structure(memo):
    document, docx = memo
    texts = [p.text for p in docx.paragraphs]
    head = document.sections[0].blocks[0]

    assert texts[0].strip() == "บันทึกข้อความ"
    assert texts[1].startswith("ส่วนราชการ " + head.department)
    assert "๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗" in texts[1]
    assert texts[2].startswith("ที่ ชร ๕๒๓๐๑.๖/") and "วันที่ ๔ เมษายน ๒๕๖๖" in texts[2]
    assert texts[3].startswith("เรื่อง " + to_thai_digits(head.subject))
    assert texts[4] == "เรียน นายกเทศมนตรีตำบลแม่สาย"
    for block in document.sections[0].blocks:
        if isinstance(block, Paragraph):
            paragraph = next(p for p in docx.paragraphs if p.text == to_thai_digits(block.text))
            assert _close(paragraph.paragraph_format.first_line_indent, 2.5)
        if isinstance(block, Heading):
            paragraph = next(p for p in docx.paragraphs if p.text == block.text)
            assert all(run.bold for run in paragraph.runs)
    assert "(นายสุระกิจ ยอดมงคล)" in texts
    assert len(docx.inline_shapes) == 1  # the emblem, as an inline picture (no text boxes)
    assert not docx.element.body.findall(".//" + qn("w:txbxContent"))


def test_approval_area_is_a_borderless_editable_table(memo):
    _, docx = memo
    approval = next(t for t in docx.tables if t not in _grid_tables(docx))
    text = "\n".join(cell.text for row in approval.rows for cell in row.cells)

    assert approval.style is None or approval.style.name != "Table Grid"
    assert "ความเห็นของปลัดเทศบาล" in text and "คำสั่งของนายกเทศมนตรี" in text
    assert "☑ เห็นควรตามเสนอ" in text and "☐ เห็นควรถือปฏิบัติ" in text
    assert "(นายชัยยนต์ ศรีสมุทร)" in text


def test_thai_digits_off_keeps_arabic_digits():
    docx = open_docx(io.BytesIO(render_docx(sample_memo(thai_digits=False))))
    text = "\n".join(p.text for p in docx.paragraphs) + "".join(
        c.text for t in docx.tables for r in t.rows for c in r.cells
    )

    assert "4 เมษายน 2566" in text
    assert not re.search("[๐-๙]", text)
    assert docx.sections[0]._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "decimal"


def test_sixty_rows_and_group_column_merge():
    rows = tuple((("ด้านที่ 1" if n < 30 else "ด้านที่ 2"), *row[1:]) for n, row in enumerate(sample_rows(60)))
    table = Table(title_lines=("ตาราง",), columns=SAMPLE_COLUMNS, rows=rows, group_column=0)
    docx = open_docx(
        io.BytesIO(
            render_docx(
                Document(title="x", thai_digits=False, sections=(Section(orientation="landscape", blocks=(table,)),))
            )
        )
    )
    (word_table,) = _grid_tables(docx)

    assert len(word_table.rows) == 61
    assert [word_table.cell(r, 0).text for r in (1, 30, 31, 60)] == ["ด้านที่ 1", "ด้านที่ 1", "ด้านที่ 2", "ด้านที่ 2"]
    merged = word_table._tbl.findall(".//" + qn("w:vMerge"))
    assert len(merged) == 60  # 2 groups: one "restart" and 29 continuations each
    assert [word_table.cell(r, 2).text for r in range(1, 61)] == [row[2] for row in rows]


HOSTILE = "<w:p><script>alert('x')</script> & ]]> \x00\x08\x0b\x1f\ud800\ufffe ok"


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param((Table(title_lines=(), columns=SAMPLE_COLUMNS, rows=()),), id="empty-table"),
        pytest.param((Table(title_lines=("x",), columns=(), rows=(("a", "b"),)),), id="no-columns"),
        pytest.param((Paragraph(text="ก" * 10_000), Heading(text=HOSTILE, level=0)), id="long-and-hostile"),
        pytest.param(
            (
                Table(
                    title_lines=(HOSTILE,),
                    columns=(Column(label=HOSTILE, weight=0),),
                    rows=((HOSTILE, "extra", "cells"), (), ("ค" * 30_000,)),
                ),
            ),
            id="ragged-huge-cells",
        ),
        pytest.param(
            (
                MemoHeader(department=HOSTILE, subject="", salutation=""),
                OrderHeader(issuer="", number="", subject=""),
                Signature(name="", position="", extra_lines=(HOSTILE,)),
                ApprovalArea(boxes=(ApprovalBox(title=HOSTILE, options=(HOSTILE,), selected="อื่น ๆ", remark=HOSTILE),)),
            ),
            id="blank-and-hostile-memo",
        ),
        pytest.param((), id="empty-section"),
    ],
)
def test_never_fails_because_of_content(blocks):
    document = Document(title=HOSTILE, author=HOSTILE, emblem=b"\x89PNG broken", sections=(Section(blocks=blocks),))
    docx = open_docx(io.BytesIO(render_docx(document)))
    text = "\n".join(p.text for p in docx.paragraphs) + "".join(
        c.text for t in docx.tables for r in t.rows for c in r.cells
    )

    assert "\x00" not in text and "\ufffe" not in text
    if "ok" in str(blocks):
        assert "<script>alert('x')</script> & ]]>" in text


def test_ragged_rows_keep_every_cell():
    table = Table(title_lines=(), columns=(Column(label="ก"), Column(label="ข")), rows=(("1", "2", "3"), ("4",)))
    docx = open_docx(
        io.BytesIO(render_docx(Document(title="x", thai_digits=False, sections=(Section(blocks=(table,)),))))
    )
    (word_table,) = _grid_tables(docx)

    assert [[c.text for c in row.cells] for row in word_table.rows[1:]] == [["1", "2\n3"], ["4", ""]]


def test_document_without_sections_is_a_valid_a4_docx():
    docx = open_docx(io.BytesIO(render_docx(Document(title="ว่าง", sections=()))))

    assert _close(docx.sections[0].page_width, 21.0)
    assert docx.core_properties.title == "ว่าง"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed")
def test_libreoffice_lays_out_the_docx(tmp_path):
    source = tmp_path / "memo.docx"
    source.write_bytes(render_docx(sample_memo()))
    profile = (tmp_path / "profile").as_uri()
    run_tool(
        "soffice",
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(tmp_path),
        str(source),
    )
    reader = PdfReader(tmp_path / "memo.pdf")
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    text = strip_ws("".join(page.extract_text() for page in reader.pages))

    assert sizes[0][0] < sizes[0][1] and sizes[-1][0] > sizes[-1][1]  # portrait memo, landscape annex
    assert all(abs(min(size) - 595.3) < 1 and abs(max(size) - 841.9) < 1 for size in sizes)  # A4
    # (LibreOffice's own PDF text layer loses SARA AA with the Thai fonts it substitutes: check words without it.)
    for label in ("บันทึกข้อความ", "ตัวชี้วัด", "ยอดมงคล)"):
        assert label in text
