"""The results report of the demo municipality against the seed (Mae Sai's memo of 4 April 2566):
the PDF read back as text and the DOCX parsed back."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from prongsai.core.thai import to_thai_digits
from prongsai.ita.demo import MEASURES_2566
from prongsai.ita.models import ReportRound
from prongsai.ita.services import report_round_render

pytestmark = pytest.mark.django_db

_WS = re.compile(r"\s+")

SUBJECT = (
    "รายงานผลการดำเนินการตามมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน "
    "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ (ITA) ประจำปีงบประมาณ พ.ศ. ๒๕๖๖"
)
TABLE_TITLE = (
    "รายงานผลการดำเนินการตามมาตรการหรือแนวทางในการขับเคลื่อนการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    "เพื่อยกระดับการประเมินคุณธรรมและความโปร่งใสของหน่วยงาน (ITA) ประจำปี พ.ศ. ๒๕๖๖",
)
COLUMNS = [
    "ตัวชี้วัด",
    "มาตรการ/แนวทาง",
    "ขั้นตอน/วิธีการ",
    "ระยะเวลาการดำเนินการ",
    "ผู้รับผิดชอบ",
    "ผลการดำเนินการ",
    "ข้อเสนอแนะ",
]
MEMO_LINES = [
    "บันทึกข้อความ",
    "ส่วนราชการ สำนักปลัดเทศบาล งานนิติการ โทรศัพท์ ๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗",
    "ที่ ชร ๕๒๓๐๑.๖/",
    "วันที่ ๔ เมษายน ๒๕๖๖",
    "เรียน นายกเทศมนตรีตำบลแม่สาย",
    "เรื่องเดิม",
    "ข้อเท็จจริง",
    "ข้อเรียนเสนอ",
    "สำนักงาน ป.ป.ช. ได้ดำเนินการประเมินคุณธรรมและความโปร่งใสในการดำเนินงานของหน่วยงานภาครัฐ",
    "ประเด็นการต่อต้านการทุจริตและประพฤติมิชอบ (พ.ศ. ๒๕๖๑ - ๒๕๘๐)",
    "เทศบาลตำบลแม่สาย โดยงานนิติการ สำนักปลัดเทศบาล ได้ดำเนินการจัดทำรายงานวิเคราะห์ผลการประเมิน",
    "จึงเห็นควรประชาสัมพันธ์รายงานผลการดำเนินงานดังกล่าวให้บุคลากรในสังกัดและประชาชนทราบต่อไป รายละเอียดปรากฏตามเอกสารแนบท้ายบันทึกนี้",
    "จึงเรียนมาเพื่อโปรดทราบและโปรดพิจารณา",
    "(นายสุระกิจ ยอดมงคล)",
    "นิติกรชำนาญการพิเศษ",
    "เห็นควรตามเสนอ",
    "เห็นควรถือปฏิบัติ",
    "เพื่อโปรดทราบ / พิจารณา",
    "(นายสุระกิจ โยชมณเฑียร)",
    "ปลัดเทศบาล",
    "๔ เม.ย. ๒๕๖๖",
    "อนุมัติ / ดำเนินการตามเสนอ",
    "ทราบ / ถือปฏิบัติ",
    "(นายชัยยนต์ ศรีสมุทร)",
    "นายกเทศมนตรีตำบลแม่สาย",
]


def strip_ws(text: str) -> str:
    return _WS.sub("", text)


def found_in_pieces(needle: str, haystack: str, *, max_pieces: int = 3) -> bool:
    """`needle` occurs in order as at most `max_pieces` runs (a cell broken across pages is read back in
    pieces, with the next page's repeated header between them)."""
    position, rest = 0, needle
    for _ in range(max_pieces):
        if not rest:
            return True
        length = len(rest)
        while length and haystack.find(rest[:length], position) < 0:
            length -= 1
        if length < min(8, len(rest)):
            return False
        position = haystack.find(rest[:length], position) + length
        rest = rest[length:]
    return not rest


def seed_cell(text: str) -> str:
    return strip_ws(to_thai_digits(text))


@pytest.fixture
def results_round(demo) -> ReportRound:
    return ReportRound.objects.get(organization=demo, fiscal_year=2566, kind="results")


def test_results_report_pdf_reads_back_as_the_seed(results_round):
    pdf = report_round_render(report_round=results_round, fmt="pdf")
    reader = PdfReader(io.BytesIO(pdf))
    pages = [page.extract_text() for page in reader.pages]
    text = strip_ws("\n".join(pages))
    assert strip_ws(SUBJECT) in text
    for line in MEMO_LINES:
        assert strip_ws(line) in text, line
    assert text.count(strip_ws("(นายสุระกิจ ยอดมงคล)")) == 2  # memo and under the table
    for line in TABLE_TITLE:
        assert strip_ws(line) in text
    for column in COLUMNS:
        assert column in text, column
    for entry in MEASURES_2566:
        for field in ("title", "steps", "recommendations"):
            assert found_in_pieces(seed_cell(entry[field]), text), (field, entry[field][:40])
        assert found_in_pieces(seed_cell(entry["result"][1]), text), entry["result"][1][:40]
    for label in ("๖.คุณภาพการดำเนินงาน", "๗.ประสิทธิภาพการสื่อสาร", "๘.การปรับปรุงการทำงาน", "๙.การเปิดเผยข้อมูล"):
        assert label in text
    for owners in ("งานธุรการสำนักปลัดเทศบาล", "ฝ่ายเผยแพร่วิชาการฯกองยุทธศาสตร์ฯร่วมกับงานนิติการสำนักปลัดเทศบาล"):
        assert owners in text
    # memo pages are portrait, table pages landscape
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes[0][0] < sizes[0][1]
    assert sizes[-1][0] > sizes[-1][1]


def test_results_report_docx_parses_back(results_round):
    import docx
    from docx.oxml.ns import qn

    content = report_round_render(report_round=results_round, fmt="docx")
    document = docx.Document(io.BytesIO(content))
    body = "\n".join(p.text for p in document.paragraphs)
    assert strip_ws(SUBJECT) in strip_ws(body)
    assert "จึงเรียนมาเพื่อโปรดทราบและโปรดพิจารณา" in body
    measures_table = next(t for t in document.tables if len(t.columns) == 7)
    header = [cell.text.strip() for cell in measures_table.rows[0].cells]
    assert header == COLUMNS
    rows = measures_table.rows[1:]
    assert len(rows) == len(MEASURES_2566)
    titles = [strip_ws(row.cells[1].text) for row in rows]
    assert titles == [
        seed_cell(f"{n}. {entry['title']}") for n, entry in zip([1, 1, 2, 1, 2, 1], MEASURES_2566, strict=True)
    ]
    assert strip_ws(rows[0].cells[0].text) == "๖.คุณภาพการดำเนินงาน"
    assert strip_ws(rows[5].cells[0].text) == "๙.การเปิดเผยข้อมูล"
    # Thai text gets its complex-script font from the Normal style the table text is based on
    fonts = document.styles["Normal"].element.rPr.rFonts
    assert fonts.get(qn("w:cs")) == "TH SarabunIT๙"


def test_command_line_writes_the_approved_report(results_round, tmp_path: Path):
    output = tmp_path / "report.pdf"
    call_command(
        "ita_report",
        "--org",
        "maesai",
        "--year",
        "2566",
        "--kind",
        "results",
        "--format",
        "pdf",
        "--output",
        str(output),
    )
    assert output.read_bytes().startswith(b"%PDF")
    docx_out = tmp_path / "plan.docx"
    call_command(
        "ita_report",
        "--org",
        "maesai",
        "--year",
        "2567",
        "--kind",
        "plan",
        "--format",
        "docx",
        "--output",
        str(docx_out),
    )
    assert docx_out.read_bytes()[:2] == b"PK"
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command(
            "ita_report", "--org", "nowhere", "--year", "2566", "--kind", "plan", "--format", "pdf", "--output", "x"
        )
