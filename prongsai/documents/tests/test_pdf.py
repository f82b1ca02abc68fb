"""PDF rendering: pages, orientation, content read back, tables across pages, robustness, no network."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from prongsai.core.thai import to_thai_digits
from prongsai.documents import pdf as pdf_module
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
from prongsai.documents.render import render_pdf
from prongsai.documents.samples import SAMPLE_COLUMNS, sample_memo, sample_rows

from .helpers import (
    found_in_order,
    joined,
    pdftotext_pages,
    pypdf_pages,
    run_tool,
    strip_ws,
    text_positions,
    without_page_numbers,
)

A4 = (595.28, 841.89)


@pytest.fixture(scope="module")
def memo_pdf() -> bytes:
    return render_pdf(sample_memo())


def _is_portrait(page) -> bool:
    return float(page.mediabox.width) < float(page.mediabox.height)


def _memo_source_text(document: Document) -> str:
    """What the memo section prints, in reading order: labels, values, paragraphs, signature, approvals."""
    parts: list[str] = []
    for block in document.sections[0].blocks:
        if isinstance(block, MemoHeader):
            parts += ["บันทึกข้อความ", "ส่วนราชการ", block.department, "โทรศัพท์", block.phone, "ที่", block.number]
            parts += ["วันที่", block.date_text, "เรื่อง", block.subject, "เรียน", block.salutation]
        elif isinstance(block, (Heading, Paragraph)):
            parts.append(block.text)
        elif isinstance(block, Signature):
            parts += [f"({block.name})", block.position]
        elif isinstance(block, ApprovalArea):
            for box in block.boxes:
                parts += [box.title, *box.options, f"({box.name})", box.position, box.date_text or "//"]
    text = "".join(parts)
    return to_thai_digits(text) if document.thai_digits else text


def test_memo_and_landscape_table_pages(memo_pdf):
    reader = PdfReader(io.BytesIO(memo_pdf))
    pages = reader.pages
    texts = pypdf_pages(memo_pdf)

    assert len(pages) >= 2
    assert _is_portrait(pages[0])
    assert (round(float(pages[0].mediabox.width), 1), round(float(pages[0].mediabox.height), 1)) == (595.3, 841.9)
    table_pages = [i for i, text in enumerate(texts) if "ขั้นตอน/วิธีการ" in text]
    assert table_pages, "the annex table is printed"
    for i in table_pages:
        assert not _is_portrait(pages[i]), f"table page {i + 1} is landscape"
        assert round(float(pages[i].mediabox.width), 1) == 841.9
    for i in range(table_pages[0]):
        assert _is_portrait(pages[i])


def test_pdf_metadata_and_only_sarabun_fonts(memo_pdf):
    reader = PdfReader(io.BytesIO(memo_pdf))

    assert reader.metadata.title.startswith("รายงานผลการดำเนินการตามมาตรการ")
    assert reader.metadata.author == "เทศบาลตำบลแม่สาย"
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert fonts and all("Sarabun" in name for name in fonts), fonts


def _memo_pages(pdf: bytes, reader) -> str:
    pages = reader(pdf)
    portrait = [_is_portrait(page) for page in PdfReader(io.BytesIO(pdf)).pages]
    return "\n".join(without_page_numbers(text) for text, keep in zip(pages, portrait, strict=True) if keep)


def test_memo_text_reads_back_as_source_pypdf(memo_pdf):
    extracted = _memo_pages(memo_pdf, pypdf_pages)

    assert strip_ws(extracted) == strip_ws(_memo_source_text(sample_memo()))


def test_memo_text_reads_back_as_source_pdftotext(memo_pdf):
    # pdftotext reorders by layout: the two approval boxes side by side are read line by line across both,
    # and "- ๒ -" at a page top is joined to the next line. So: the memo up to the signature must come back
    # whole and in order (page breaks may interrupt it once), each approval line must come back whole.
    document = sample_memo()
    extracted = strip_ws(_memo_pages(memo_pdf, pdftotext_pages))
    before_approval = Document(
        title="",
        thai_digits=True,
        sections=(Section(blocks=tuple(b for b in document.sections[0].blocks if not isinstance(b, ApprovalArea))),),
    )

    assert found_in_order(strip_ws(_memo_source_text(before_approval)), extracted, max_pieces=2)
    approval = next(b for b in document.sections[0].blocks if isinstance(b, ApprovalArea))
    for box in approval.boxes:
        for line in (box.title, *box.options, box.name, box.position):
            assert strip_ws(line) in extracted, line


def test_thai_digits_switch():
    with_thai = "".join(pypdf_pages(render_pdf(sample_memo(thai_digits=True))))
    arabic = "".join(pypdf_pages(render_pdf(sample_memo(thai_digits=False))))

    assert "๔ เมษายน ๒๕๖๖" in with_thai
    assert "๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗" in with_thai
    assert not re.search(r"[0-9]", with_thai)
    assert "4 เมษายน 2566" in arabic
    assert not re.search(r"[๐-๙]", arabic)


def test_forty_long_rows_span_pages_with_the_header_on_each_and_nothing_cut():
    rows = tuple((*row[:-1], row[-1] + " " + row[2]) for row in sample_rows(40))
    table = Table(title_lines=("ตารางยาว",), columns=SAMPLE_COLUMNS, rows=rows)
    document = Document(title="long", sections=(Section(orientation="landscape", blocks=(table,)),), thai_digits=False)
    pdf = render_pdf(document)
    pages = pypdf_pages(pdf)

    assert len(pages) >= 5
    for number, text in enumerate(pages, start=1):
        for column in SAMPLE_COLUMNS:
            assert strip_ws(column.label) in strip_ws(text), f"header label {column.label} on page {number}"
    everything = strip_ws(joined(pages))
    for row in rows:
        for cell in row:
            assert found_in_order(strip_ws(cell), everything), cell[:40]
    _assert_all_text_on_the_page(pdf)


def _assert_all_text_on_the_page(pdf: bytes) -> None:
    for page, text, x, y, width, height in text_positions(pdf):
        assert -1 <= x <= width and 0 <= y <= height, f"text {text[:30]!r} off page {page + 1} at ({x:.0f}, {y:.0f})"


def test_rasterised_first_page_looks_like_a_memo(memo_pdf, tmp_path):
    if not shutil.which("pdftoppm"):
        pytest.skip("poppler-utils (pdftoppm) is not installed")
    source = tmp_path / "memo.pdf"
    source.write_bytes(memo_pdf)
    run_tool("pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(source), str(tmp_path / "page"))
    image = Image.open(next(tmp_path.glob("page*.png"))).convert("L")
    width, height = image.size

    assert abs(width - A4[0] / 72 * 60) <= 1 and abs(height - A4[1] / 72 * 60) <= 1
    # The emblem sits at the top left, inside the 3 cm left margin line and the 2.5 cm top margin.
    emblem = image.crop((int(width * 0.14), int(height * 0.08), int(width * 0.24), int(height * 0.16)))
    assert min(emblem.get_flattened_data()) < 80
    # Nothing is printed in the left margin (3 cm) below the head.
    margin = image.crop((0, int(height * 0.2), int(width * 3 / 21) - 3, height))
    assert min(margin.get_flattened_data()) > 200


def test_landscape_page_renders_wide(memo_pdf, tmp_path):
    source = tmp_path / "memo.pdf"
    source.write_bytes(memo_pdf)
    last = len(PdfReader(io.BytesIO(memo_pdf)).pages)
    run_tool("pdftoppm", "-r", "60", "-png", "-f", str(last), "-l", str(last), str(source), str(tmp_path / "p"))
    image = Image.open(next(tmp_path.glob("p*.png")))

    assert image.size[0] > image.size[1]


HOSTILE = "<script>alert('x')</script><img src=http://example.invalid/x.png> &amp; </p></table>"


@pytest.mark.parametrize(
    "blocks",
    [
        pytest.param((Table(title_lines=("ว่าง",), columns=SAMPLE_COLUMNS, rows=()),), id="empty-table"),
        pytest.param((Table(title_lines=(), columns=(), rows=(("x",),)),), id="no-columns"),
        pytest.param((Paragraph(text="ก" * 10_000),), id="10k-unbroken-paragraph"),
        pytest.param((Paragraph(text="การดำเนินงาน " * 1_000),), id="10k-paragraph"),
        pytest.param((Paragraph(text=HOSTILE), Heading(text=HOSTILE, level=7)), id="html-like"),
        pytest.param((Paragraph(text="ก\x00ข\x0bค\x1f\ud800ง\ufffe\r\nจ\tฉ"),), id="control-characters"),
        pytest.param(
            (
                Table(
                    title_lines=("ใหญ่",),
                    columns=(Column(label="ก", weight=0), Column(label="ข", weight=-2)),
                    rows=(("ค" * 30_000, "ง\n" * 400), ("สั้น",), ("1", "2", "3", "4")),
                ),
            ),
            id="huge-and-ragged-cells",
        ),
        pytest.param(
            (
                MemoHeader(department="", subject="", salutation=""),
                Signature(name="", position=""),
                ApprovalArea(boxes=()),
                ApprovalArea(boxes=(ApprovalBox(title="", options=(), selected="ข้อความอิสระ"),)),
            ),
            id="blank-memo",
        ),
        pytest.param(
            (OrderHeader(issuer="คำสั่ง" * 300, number="ที่ 1/2566", subject="เรื่อง " + "ยาว" * 500),), id="long-order"
        ),
        pytest.param((), id="empty-section"),
    ],
)
def test_never_fails_because_of_content(blocks):
    document = Document(title=HOSTILE, author=HOSTILE, sections=(Section(blocks=blocks),), emblem=b"not an image")
    pdf = render_pdf(document)

    assert pdf.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(pdf)).pages) >= 1
    _assert_all_text_on_the_page(pdf)


def test_html_like_text_is_printed_not_interpreted():
    pdf = render_pdf(Document(title="x", thai_digits=False, sections=(Section(blocks=(Paragraph(text=HOSTILE),)),)))

    assert strip_ws(HOSTILE) in strip_ws("".join(pypdf_pages(pdf)))


def test_document_without_sections_renders_a_blank_page():
    pdf = render_pdf(Document(title="ว่าง", sections=()))

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_huge_cell_is_split_across_pages_not_cut():
    text = "ผลการดำเนินการตามมาตรการส่งเสริมคุณธรรม " * 600
    table = Table(
        title_lines=(), columns=(Column(label="หัวข้อ"), Column(label="รายละเอียด", weight=3)), rows=(("ข้อ 1", text),)
    )
    pdf = render_pdf(
        Document(title="x", thai_digits=False, sections=(Section(orientation="landscape", blocks=(table,)),))
    )
    pages = pypdf_pages(pdf)

    assert len(pages) > 2
    assert all("รายละเอียด" in page for page in pages)
    assert found_in_order(strip_ws(text), strip_ws(joined(pages)), max_pieces=len(pages) + 1)
    _assert_all_text_on_the_page(pdf)


def test_group_column_merges_equal_neighbours():
    rows = (("ด้านที่ 1", "ก"), ("ด้านที่ 1", "ข"), ("ด้านที่ 2", "ค"))
    table = Table(title_lines=(), columns=(Column(label="ด้าน"), Column(label="มาตรการ")), rows=rows, group_column=0)
    html = pdf_module.build_html(Document(title="x", thai_digits=False, sections=(Section(blocks=(table,)),)))
    text = "".join(
        pypdf_pages(render_pdf(Document(title="x", thai_digits=False, sections=(Section(blocks=(table,)),))))
    )

    assert 'rowspan="2"' in html
    assert text.count("ด้านที่ 1") == 1
    assert text.count("ด้านที่ 2") == 1


def test_fetcher_refuses_network_and_other_files():
    fetcher = pdf_module.LocalOnlyFetcher()

    with pytest.raises(ValueError, match=r"network|disallowed"):
        fetcher.fetch("http://example.invalid/font.ttf")
    with pytest.raises(ValueError, match=r"disallowed|network"):
        fetcher.fetch("https://fonts.example.invalid/x.css")
    with pytest.raises(ValueError, match="bundled fonts"):
        fetcher.fetch(Path("/etc/passwd").as_uri())
    response = fetcher.fetch((pdf_module.FONT_DIR / "Sarabun-Regular.ttf").as_uri())
    assert response.read(4) == b"\x00\x01\x00\x00"


def test_stylesheet_and_html_load_nothing_from_outside():
    html = pdf_module.build_html(sample_memo())
    css = pdf_module._base_css()

    assert "http://" not in css and "https://" not in css and "@import" not in css
    assert re.findall(r"""(?:src|href)=["'](?!data:)""", html) == []
    assert css.count((pdf_module.FONT_DIR / "Sarabun-Regular.ttf").as_uri()) == 1
