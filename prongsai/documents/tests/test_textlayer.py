"""The PDF text layer reads back exactly as the source Thai (search, copy-paste, screen readers).

Upstream WeasyPrint 70 reads ดำเนินการ back as ดำเนินกำร (one glyph, one Unicode mapping); see
prongsai/documents/textlayer.py and docs/adr/0005-official-documents.md.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from prongsai.documents.model import Column, Document, Heading, Paragraph, Section, Table
from prongsai.documents.render import render_pdf

from .helpers import collapse_ws, joined, pdftotext_pages, pypdf_pages, run_tool, strip_ws

# Every tricky Thai cluster: SARA AM after plain and tall consonants and under tone marks, tone marks over
# upper vowels (drawn raised), mai taikhu, thanthakhat, lower vowels under ฎ ฏ ฐ ญ, ฤ ฤๅ ฦ ฦๅ, ๆ ฯ ฯลฯ, ๏ ๚ ๛,
# Thai and Arabic digits, Latin, punctuation and HTML-like text.
TRICKY = (
    "การดำเนินการ ดำเนินการ กำหนด ตำบล ทำ คำ จำนวน น้ำ ค่ำ ซ้ำ ล้ำ ต่ำ ป้ำ ช้ำ ย้ำ กร่ำ ขยำ ลำไย "
    "ที่ กี่ ปี่ ญี่ปุ่น ปั้น ดื่ม เรื่อง ชื่อ ตั้ง พี่ ลื้อ ขี้ กิ๊ก ติ๋ม จี๊ด ปี๋ ฟื้นฟู ป่า ฝ้าย ฟ้า ปั๊ม "
    "เป็น เก็บ ก็ ฤทธิ์ กษัตริย์ จันทร์ ศักดิ์สิทธิ์ ลักษณ์ พระพุทธเจ้า "
    "ฎีกา ปฏิบัติ ฐาน ญาติ กฎ ฏุ ฐู ญู ครู ปู่ ตู้ ฤดู ฤๅษี ฦๅ อังกฤษ ทฤษฎี พฤษภาคม "
    "ต่าง ๆ กรุงเทพฯ ฯลฯ ๏ ๚ ๛ ๐๑๒๓๔๕๖๗๘๙ 0123456789 ข้อ 10.2 (OIT) "
    "Integrity and Transparency Assessment: ITA — “อัญประกาศ” 'quote' "
    "<script>alert('x')</script> & &amp; <b>ไม่ตัวหนา</b>"
)

LONG_PARAGRAPHS = (
    TRICKY,
    "ข้อความยาวไม่มีช่องว่าง" + "ค" * 3000 + "ดำเนินการน้ำค่ำปี่ฤๅษี",  # broken with <wbr>, read back without it
    "สำนักงาน ป.ป.ช. ได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ ประจำปีงบประมาณ "
    "พ.ศ. ๒๕๖๖ โดยมีกลุ่มเป้าหมายเป็นหน่วยงานภาครัฐทั่วประเทศ เพื่อให้หน่วยงานที่เข้าร่วมการประเมินฯ ได้รับทราบ"
    "คุณลักษณะและสถานการณ์ดำเนินงานในด้านคุณธรรมและความโปร่งใส ผู้ใหญ่บ้านกำนันน้ำใจงามซ้ำแล้วซ้ำเล่า ฯลฯ " * 4,
)
# Not valid Thai (marks before their consonants: the shaper adds dotted circles). pypdf reads the content
# stream in order and gets it exactly; pdftotext's layout analysis may move overlapping marks around.
REVERSED = TRICKY[::-1].strip()


def _document(*paragraphs: str, thai_digits: bool = False, bold: bool = False) -> Document:
    blocks: list = []
    for text in paragraphs:
        blocks.append(Heading(text=text) if bold else Paragraph(text=text, indent=False))
    return Document(title="text layer", thai_digits=thai_digits, sections=(Section(blocks=tuple(blocks)),))


def _source_lines(paragraphs: tuple[str, ...]) -> str:
    return collapse_ws(" ".join(paragraphs))


@pytest.mark.parametrize("reader", [pypdf_pages, pdftotext_pages], ids=["pypdf", "pdftotext"])
@pytest.mark.parametrize("bold", [False, True], ids=["regular", "bold"])
def test_tricky_thai_reads_back_character_for_character(reader, bold):
    pdf = render_pdf(_document(*LONG_PARAGRAPHS, bold=bold))
    extracted = joined(reader(pdf))

    assert strip_ws(extracted) == strip_ws("".join(LONG_PARAGRAPHS))
    # With spaces: every extracted line is a verbatim piece of the source (no space inserted or lost inside
    # a line; only line breaks differ).
    source = _source_lines(LONG_PARAGRAPHS)
    for line in extracted.splitlines():
        if line.strip():
            assert collapse_ws(line) in source, line


def test_invalid_sequences_read_back_with_pypdf():
    pdf = render_pdf(_document(REVERSED))

    assert strip_ws("".join(pypdf_pages(pdf))) == strip_ws(REVERSED)


@pytest.mark.parametrize("reader", [pypdf_pages, pdftotext_pages], ids=["pypdf", "pdftotext"])
def test_sara_am_is_not_read_as_sara_aa(reader):
    # "า" first, then "ำ": upstream maps the shared glyph once and reads the second word as ดำเนินกำร.
    pdf = render_pdf(_document("การ ดำเนินการ น้ำ ทำนา"))
    extracted = "".join(reader(pdf))

    assert "ดำเนินการ น้ำ ทำนา" in extracted
    assert "กำร" not in extracted


def test_thai_digits_in_the_text_layer():
    pdf = render_pdf(_document("ปี 2566 ข้อ 10.2", thai_digits=True))

    assert "ปี ๒๕๖๖ ข้อ ๑๐.๒" in "".join(pypdf_pages(pdf))
    assert "ปี ๒๕๖๖ ข้อ ๑๐.๒" in "".join(pdftotext_pages(pdf))


def test_table_cells_read_back_exactly():
    cells = ("ดำเนินการตามมาตรการ", "ผู้ใหญ่บ้าน น้ำใจ", "ปี่พาทย์ ญี่ปุ่น ฤๅษี")
    table = Table(title_lines=("ตาราง",), columns=tuple(Column(label=f"คอลัมน์ที่ {n}") for n in (1, 2, 3)), rows=(cells,))
    document = Document(title="t", thai_digits=False, sections=(Section(orientation="landscape", blocks=(table,)),))

    for reader in (pypdf_pages, pdftotext_pages):
        extracted = "".join(reader(render_pdf(document)))
        for cell in cells:
            assert cell in extracted


def test_drawing_is_pixel_identical_to_upstream_weasyprint(tmp_path):
    """The patch changes which PDF codes draw the glyphs, never the glyphs or their positions."""
    from PIL import Image, ImageChops

    from prongsai.documents import pdf as pdf_module
    from prongsai.documents import textlayer

    html = pdf_module.build_html(_document(TRICKY, REVERSED))
    css = pdf_module._base_css()
    (tmp_path / "doc.html").write_text(html, encoding="utf-8")
    (tmp_path / "doc.css").write_text(css, encoding="utf-8")
    upstream = (
        "import sys, weasyprint\n"
        "from weasyprint.text.fonts import FontConfiguration\n"
        "fc = FontConfiguration()\n"
        "css = weasyprint.CSS(filename=sys.argv[2], font_config=fc)\n"
        "weasyprint.HTML(filename=sys.argv[1]).write_pdf(sys.argv[3], stylesheets=[css], font_config=fc)\n"
    )
    subprocess.run(  # noqa: S603  (a fresh interpreter: WeasyPrint without our patch)
        [
            sys.executable,
            "-c",
            upstream,
            str(tmp_path / "doc.html"),
            str(tmp_path / "doc.css"),
            str(tmp_path / "a.pdf"),
        ],
        check=True,
        timeout=300,
    )
    textlayer.install()
    (tmp_path / "b.pdf").write_bytes(render_pdf(_document(TRICKY, REVERSED)))
    images = []
    for name in ("a", "b"):
        run_tool(
            "pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)
        )
        images.append(Image.open(next(tmp_path.glob(f"{name}-*.png"))).convert("L"))

    assert images[0].size == images[1].size
    assert ImageChops.difference(images[0], images[1]).getbbox() is None
