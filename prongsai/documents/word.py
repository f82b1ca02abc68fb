"""Document model -> DOCX (python-docx). Internal: callers use ``render.render_docx``.

Word takes a Thai run's font from ``w:rFonts/@w:cs`` and its size from ``w:szCs``; python-docx sets neither,
so the Normal style and the document defaults are written here directly (reference §5.2). The font is the
one Thai offices type in, "TH SarabunIT๙" (16 pt); the font table names Sarabun as its alternate for
machines without it.
"""

from __future__ import annotations

import io
import logging
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER, WD_UNDERLINE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from lxml import etree

from . import text as T
from .images import emblem_kind
from .model import (
    ApprovalArea,
    ApprovalBox,
    Block,
    Document,
    Heading,
    MemoHeader,
    OrderHeader,
    Paragraph,
    Section,
    Signature,
    Table,
)
from .tables import column_fractions, grid

logger = logging.getLogger(__name__)

THAI_FONT = "TH SarabunIT๙"
FALLBACK_FONT = "Sarabun"
SYMBOL_FONT = "Segoe UI Symbol"
BODY_PT = 16
TITLE_PT = 29
LABEL_PT = 20
TABLE_PT = 14
TABLE_STYLE = "Table Text"

PAGE_SHORT, PAGE_LONG = Cm(21.0), Cm(29.7)
MARGIN_LEFT, MARGIN_RIGHT, MARGIN_TOP, MARGIN_BOTTOM = Cm(3), Cm(2), Cm(2.5), Cm(2)
FIRST_LINE_INDENT = Cm(2.5)


def _set_run_fonts(rPr: Any, font: str, size_pt: float | None) -> None:
    """rFonts (all four scripts, hint cs), sz + szCs, and Thai as the complex-script language."""
    rfonts = rPr.get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), font)
    rfonts.set(qn("w:hint"), "cs")
    if size_pt is not None:
        _set_size(rPr, size_pt)
    lang = rPr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rPr.append(lang)
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")


def _set_size(rPr: Any, size_pt: float) -> None:
    half_points = str(round(size_pt * 2))
    sz = rPr.get_or_add_sz()
    sz.set(qn("w:val"), half_points)
    sz_cs = rPr.find(qn("w:szCs"))
    if sz_cs is None:
        sz_cs = OxmlElement("w:szCs")
        sz.addnext(sz_cs)  # schema order: sz, szCs
    sz_cs.set(qn("w:val"), half_points)


def _doc_defaults_rpr(doc: Any) -> Any:
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    return rpr


def _add_font_table_entry(doc: Any) -> None:
    """Declare TH SarabunIT๙ (Thai charset) with Sarabun as its alternate name in word/fontTable.xml."""
    for part in doc.part.package.iter_parts():
        if str(part.partname) != "/word/fontTable.xml":
            continue
        root = etree.fromstring(part.blob)
        w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        font = etree.SubElement(root, f"{{{w}}}font", {f"{{{w}}}name": THAI_FONT})
        etree.SubElement(font, f"{{{w}}}altName", {f"{{{w}}}val": FALLBACK_FONT})
        etree.SubElement(font, f"{{{w}}}charset", {f"{{{w}}}val": "DE"})  # THAI_CHARSET
        etree.SubElement(font, f"{{{w}}}family", {f"{{{w}}}val": "swiss"})
        etree.SubElement(font, f"{{{w}}}pitch", {f"{{{w}}}val": "variable"})
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return


def _setup_styles(doc: Any) -> None:
    _set_run_fonts(_doc_defaults_rpr(doc), THAI_FONT, BODY_PT)
    normal = doc.styles["Normal"]
    _set_run_fonts(normal.element.get_or_add_rPr(), THAI_FONT, BODY_PT)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    table_text = doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    table_text.base_style = normal
    _set_size(table_text.element.get_or_add_rPr(), TABLE_PT)
    for style_name in ("Header", "Footer"):
        _set_run_fonts(doc.styles[style_name].element.get_or_add_rPr(), THAI_FONT, BODY_PT)


def _setup_section(section: Any, orientation: str, *, thai_digits: bool) -> None:
    if orientation == "landscape":
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = PAGE_LONG, PAGE_SHORT
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = PAGE_SHORT, PAGE_LONG
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.header_distance = Cm(1.2)
    section.footer_distance = Cm(1.0)
    sect_pr = section._sectPr
    for old in sect_pr.findall(qn("w:pgNumType")):
        sect_pr.remove(old)
    page_numbers = OxmlElement("w:pgNumType")
    page_numbers.set(qn("w:fmt"), "thaiNumbers" if thai_digits else "decimal")
    # Schema order: ... pgSz, pgMar, paperSrc, pgBorders, lnNumType, pgNumType, cols ...
    anchor = sect_pr.find(qn("w:cols"))
    if anchor is not None:
        anchor.addprevious(page_numbers)
    else:
        sect_pr.append(page_numbers)


def _text_width(section: Any) -> int:
    return int(section.page_width - section.left_margin - section.right_margin)


def _page_number_header(section: Any, *, thai_digits: bool) -> None:
    """ "- 2 -" at the top centre from page 2 on (the first page of the document has none)."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header on page 1
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")  # formatted by the section's w:pgNumType (Thai or Arabic digits)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = T.clean("2", thai_digits=thai_digits)
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" -")


class _DocxBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.digits = document.thai_digits
        self.doc = new_docx()
        self.emblem = document.emblem if emblem_kind(document.emblem) else None
        self.table_style_id = ""

    def c(self, value: object) -> str:
        return T.clean(value, thai_digits=self.digits)

    def run(
        self,
        paragraph: Any,
        value: object,
        *,
        bold: bool = False,
        size: float | None = None,
        underline: Any = None,
        font: str | None = None,
    ) -> Any:
        """Add ``value`` as runs ("\\n" -> line break) and return the last run."""
        run: Any = None
        for i, line in enumerate(T.lines(value, thai_digits=self.digits)):
            if i:
                run.add_break()
            run = paragraph.add_run(line)
            if bold:
                run.bold = True
                run.font.cs_bold = True
            if size is not None:
                _set_size(run._element.get_or_add_rPr(), size)
            if underline is not None:
                run.font.underline = underline
            if font is not None:
                _set_run_fonts(run._element.get_or_add_rPr(), font, size)
        return run

    def build(self) -> bytes:
        doc = self.doc
        _setup_styles(doc)
        self.table_style_id = doc.styles[TABLE_STYLE].style_id
        _add_font_table_entry(doc)
        props = doc.core_properties
        props.title = self.c(self.document.title)[:255]
        props.author = self.c(self.document.author)[:255]
        props.language = self.c(self.document.language or "th")[:64]
        # python-docx's template starts with one empty paragraph; keep the body clean.
        body = doc.element.body
        for paragraph in list(body.iterchildren(qn("w:p"))):
            body.remove(paragraph)
        sections = self.document.sections or (Section(blocks=()),)
        for index, section in enumerate(sections):
            word_section = doc.sections[0] if index == 0 else doc.add_section(WD_SECTION.NEW_PAGE)
            _setup_section(word_section, section.orientation, thai_digits=self.digits)
            if index == 0:
                _page_number_header(word_section, thai_digits=self.digits)
            else:
                word_section.different_first_page_header_footer = False
            for block in section.blocks:
                self.block(block, word_section)
        if not len(body.findall(qn("w:p"))) and not len(body.findall(qn("w:tbl"))):
            doc.add_paragraph()
        out = io.BytesIO()
        doc.save(out)
        return out.getvalue()

    def block(self, block: Block, section: Any) -> None:
        if isinstance(block, MemoHeader):
            self.memo_header(block, section)
        elif isinstance(block, OrderHeader):
            self.order_header(block)
        elif isinstance(block, Heading):
            self.heading(block)
        elif isinstance(block, Paragraph):
            for line in T.lines(block.text, thai_digits=self.digits):
                if not line.strip():
                    continue
                paragraph = self.doc.add_paragraph()
                if block.indent:
                    paragraph.paragraph_format.first_line_indent = FIRST_LINE_INDENT
                paragraph.paragraph_format.space_after = Pt(2)
                paragraph.add_run(line)
        elif isinstance(block, Signature):
            self.signature(block, section)
        elif isinstance(block, ApprovalArea):
            self.approval_area(block, section)
        elif isinstance(block, Table):
            self.table(block, section)
        else:
            logger.warning("Unknown document block %r skipped", type(block).__name__)

    def memo_header(self, head: MemoHeader, section: Any) -> None:
        width = _text_width(section)
        title = self.doc.add_paragraph()
        title.paragraph_format.tab_stops.add_tab_stop(width // 2, WD_TAB_ALIGNMENT.CENTER)
        title.paragraph_format.space_after = Pt(2)
        if self.emblem:
            title.add_run().add_picture(io.BytesIO(self.emblem), height=Cm(1.5))
        title.add_run("\t")
        self.run(title, T.MEMO_TITLE, bold=True, size=TITLE_PT)

        def field_paragraph() -> Any:
            paragraph = self.doc.add_paragraph()
            paragraph.paragraph_format.space_after = Pt(1)
            return paragraph

        def value(paragraph: Any, text: str) -> None:
            if text.strip():
                self.run(paragraph, " " + text, underline=WD_UNDERLINE.DOTTED)

        department = head.department + (f" {T.LABEL_PHONE} {head.phone}" if head.phone.strip() else "")
        row = field_paragraph()
        row.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        self.run(row, T.LABEL_DEPARTMENT, bold=True, size=LABEL_PT)
        value(row, department)
        row.add_run("\t")

        row = field_paragraph()
        row.paragraph_format.tab_stops.add_tab_stop(int(width * 0.5), WD_TAB_ALIGNMENT.LEFT, WD_TAB_LEADER.DOTS)
        row.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        self.run(row, T.LABEL_NUMBER, bold=True, size=LABEL_PT)
        value(row, head.number)
        row.add_run("\t")
        self.run(row, T.LABEL_DATE, bold=True, size=LABEL_PT)
        value(row, head.date_text)
        row.add_run("\t")

        row = field_paragraph()
        row.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
        self.run(row, T.LABEL_SUBJECT, bold=True, size=LABEL_PT)
        value(row, head.subject)
        row.add_run("\t")

        row = self.doc.add_paragraph()
        row.paragraph_format.space_before = Pt(4)
        row.paragraph_format.space_after = Pt(4)
        self.run(row, T.LABEL_SALUTATION, bold=True)
        self.run(row, " " + head.salutation)

    def order_header(self, head: OrderHeader) -> None:
        if self.emblem:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(io.BytesIO(self.emblem), height=Cm(3))
        for line in (head.issuer, head.number, head.subject):
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            self.run(paragraph, line, bold=True, size=LABEL_PT - 2)
        rule = self.doc.add_paragraph()
        rule.paragraph_format.left_indent = Cm(6)
        rule.paragraph_format.right_indent = Cm(6)
        rule.paragraph_format.space_after = Pt(12)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, val in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
            bottom.set(qn(key), val)
        borders.append(bottom)
        rule._p.get_or_add_pPr().append(borders)

    def heading(self, heading: Heading) -> None:
        level = min(max(int(heading.level), 1), 3)
        paragraph = self.doc.add_paragraph()
        paragraph.paragraph_format.left_indent = FIRST_LINE_INDENT if level == 1 else Cm(3.5)
        paragraph.paragraph_format.space_before = Pt(6)
        paragraph.paragraph_format.keep_with_next = True
        outline = OxmlElement("w:outlineLvl")
        outline.set(qn("w:val"), str(level - 1))
        paragraph._p.get_or_add_pPr().append(outline)
        run = self.run(paragraph, heading.text, bold=level < 3)
        if level == 3 and run is not None:
            run.font.underline = True

    def signature(self, sig: Signature, section: Any) -> None:
        indent = int(_text_width(section) * 0.45)

        def line(text: str, *, space_before: float = 0) -> Any:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.left_indent = indent
            paragraph.paragraph_format.keep_with_next = True  # the block stays on one page
            paragraph.paragraph_format.space_before = Pt(space_before)
            self.run(paragraph, text)
            return paragraph

        line(sig.signed_text, space_before=18)
        if not sig.signed_text.strip():
            line("")
        last = line(f"({sig.name})")
        last = line(sig.position)
        for extra in sig.extra_lines:
            last = line(extra)
        last.paragraph_format.keep_with_next = False

    def approval_area(self, area: ApprovalArea, section: Any) -> None:
        if not area.boxes:
            return
        rows = (len(area.boxes) + 1) // 2
        table = self.doc.add_table(rows=rows, cols=2)  # default "Normal Table" style: no borders
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for row in table.rows:  # a box is signed as a whole: never split it across pages
            cant_split = OxmlElement("w:cantSplit")
            cant_split.set(qn("w:val"), "true")
            row._tr.get_or_add_trPr().append(cant_split)
        half = _text_width(section) // 2
        for index, box in enumerate(area.boxes):
            cell = table.cell(index // 2, index % 2)
            cell.width = half
            self.approval_box(cell, box)
        self.doc.add_paragraph()

    def approval_box(self, cell: Any, box: ApprovalBox) -> None:
        title = cell.paragraphs[0]
        self.run(title, box.title, bold=True)
        selected_option = box.selected if box.selected in box.options else None
        for option in box.options:
            paragraph = cell.add_paragraph()
            self.run(paragraph, "☑" if option == selected_option else "☐", font=SYMBOL_FONT, size=BODY_PT - 2)
            self.run(paragraph, " " + option)
        remarks = []
        if box.selected is not None and selected_option is None and box.selected.strip():
            remarks.append(box.selected)
        if box.remark.strip():
            remarks.append(box.remark)
        for remark in remarks:
            self.run(cell.add_paragraph(), remark)
        blank = "." * 40

        def centred(text: str, *, space_before: float = 0) -> None:
            paragraph = cell.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.space_before = Pt(space_before)
            self.run(paragraph, text)

        centred(blank, space_before=14)
        centred(f"({box.name})" if box.name.strip() else f"({blank})")
        centred(box.position if box.position.strip() else blank)
        centred(box.date_text if box.date_text.strip() else "........./........./.........")

    def table(self, table: Table, section: Any) -> None:
        for line in table.title_lines:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.paragraph_format.keep_with_next = True
            self.run(paragraph, line, bold=True)
        if not table.columns:
            return
        if table.title_lines:
            self.doc.paragraphs[-1].paragraph_format.space_after = Pt(6)
        cells_grid = grid(table)
        word_table = self.doc.add_table(rows=1 + len(cells_grid), cols=len(table.columns))
        word_table.style = self.doc.styles["Table Grid"]
        word_table.autofit = False
        widths = [int(_text_width(section) * fraction) for fraction in column_fractions(table)]
        for column, width in zip(word_table.columns, widths, strict=True):
            column.width = width
        rows = word_table.rows
        header = rows[0]
        tr_pr = header._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, column, width in zip(header.cells, table.columns, widths, strict=True):
            cell.width = width
            self.cell_text(cell, column.label, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        merges: list[tuple[int, int, int]] = []
        for r, row in enumerate(cells_grid, start=1):
            word_cells = rows[r].cells
            for c, (grid_cell, width) in enumerate(zip(row, widths, strict=True)):
                word_cells[c].width = width
                if grid_cell is None:
                    continue
                self.cell_text(word_cells[c], grid_cell.text)
                if grid_cell.rowspan > 1:
                    merges.append((r, c, grid_cell.rowspan))
        for r, c, span in merges:
            word_table.cell(r, c).merge(word_table.cell(r + span - 1, c))

    def cell_text(self, cell: Any, value: str, *, bold: bool = False, align: Any = None) -> None:
        for i, line in enumerate(T.lines(value, thai_digits=self.digits)):
            paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
            paragraph._p.style = self.table_style_id  # (setting .style looks the style up by name: slow)
            if align is not None:
                paragraph.alignment = align
            run = paragraph.add_run(line)
            if bold:
                run.bold = True
                run.font.cs_bold = True


def render(document: Document) -> bytes:
    return _DocxBuilder(document).build()
