"""Document model -> HTML -> PDF (WeasyPrint + Sarabun). Internal: callers use ``render.render_pdf``."""

from __future__ import annotations

import base64
import logging
import re
import threading
import unicodedata
from functools import cache
from html import escape
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import fontpkg_sarabun
import weasyprint
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from . import text as T
from . import textlayer
from .images import MIME_TYPES, emblem_kind
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

FONT_DIR = Path(fontpkg_sarabun.ROOT) / "files"
FAMILY = "Prongsai Sarabun"  # our own name, so a system-installed Sarabun of another version is never picked

# Sizes (ADR 0005): Sarabun is TH SarabunPSK's design at 1.45x the size per point (measured: Thai consonant
# height 0.594 em vs 0.409 em, advance of ก 0.576 em vs 0.387 em), so PSK sizes are multiplied by 0.69.
BODY_PT = 11  # 16 pt TH SarabunPSK
TITLE_PT = 20  # "บันทึกข้อความ" 29 pt PSK bold
LABEL_PT = 14  # ส่วนราชการ/ที่/วันที่/เรื่อง 20 pt PSK bold
TABLE_PT = 10  # 14-15 pt PSK, usual in landscape annex tables

_FONT_FACES = (
    ("Sarabun-Regular.ttf", 400, "normal"),
    ("Sarabun-Italic.ttf", 400, "italic"),
    ("Sarabun-Bold.ttf", 700, "normal"),
    ("Sarabun-BoldItalic.ttf", 700, "italic"),
)

_CHECKBOX_EMPTY = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
    '<rect x="0.5" y="0.5" width="9" height="9" fill="none" stroke="black" stroke-width="0.8"/></svg>'
)
_CHECKBOX_TICKED = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10" viewBox="0 0 10 10">'
    '<rect x="0.5" y="0.5" width="9" height="9" fill="none" stroke="black" stroke-width="0.8"/>'
    '<path d="M2 5.2 L4.2 7.6 L8.4 2.2" fill="none" stroke="black" stroke-width="1.3"/></svg>'
)


# One dot every 3 pt, 19.4 pt below the top of each 22.7 pt line: the dotted lines of the memo form.
_DOT_ROW = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="22.7" viewBox="0 0 3 22.7">'
    '<circle cx="1" cy="19.4" r="0.45"/></svg>'
)


def _svg_uri(svg: str) -> str:
    return "data:image/svg+xml," + quote(svg)


class LocalOnlyFetcher(URLFetcher):
    """Fetch only the bundled Sarabun files and inline data: URLs; anything else (http, other files) fails,
    so a document can never reach the network or read the server's files."""

    def __init__(self) -> None:
        super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False)

    def fetch(self, url: str, headers: object = None) -> object:
        if url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if path.parent != FONT_DIR.resolve():
                raise ValueError(f"Refusing to read {url}: only the bundled fonts may be loaded")
        elif not url.startswith("data:"):
            raise ValueError(f"Refusing to fetch {url}: documents never use the network")
        return super().fetch(url, headers)


@cache
def _base_css() -> str:
    faces = "\n".join(
        f'@font-face {{ font-family: "{FAMILY}"; src: url("{(FONT_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in _FONT_FACES
    )
    return faces + _CSS


_CSS = f"""
@page {{
  size: A4 portrait;
  margin: 2.5cm 2cm 2cm 3cm;
  @top-center {{
    font-family: "{FAMILY}"; font-size: {BODY_PT}pt; vertical-align: bottom; padding-bottom: 0.4cm;
  }}
}}
@page landscape {{ size: A4 landscape; }}
html {{ font-family: "{FAMILY}"; font-size: {BODY_PT}pt; line-height: 1.6; color: #000; }}
body {{ margin: 0; }}
p {{ margin: 0; }}
section.landscape {{ page: landscape; }}
section + section {{ break-before: page; }}
.wrap, p, td, th, h1, h2, h3, .dots {{ overflow-wrap: anywhere; }}

/* Memo head (แบบบันทึกข้อความ) */
/* In-flow table, not positioned boxes: positioned boxes are painted (and so read back) last. */
table.memo-title-row {{ width: 100%; border-collapse: collapse; margin-bottom: 0.15cm; }}
table.memo-title-row td {{ padding: 0; vertical-align: bottom; }}
table.memo-title-row td.side {{ width: 2.5cm; height: 1.6cm; }}
table.memo-title-row img.emblem {{ display: block; height: 1.5cm; }}
h1.memo-title {{ margin: 0; text-align: center; font-size: {TITLE_PT}pt; font-weight: 700; line-height: 1.2; }}
table.memo-field {{ width: 100%; border-collapse: collapse; }}
table.memo-field th {{
  font-size: {LABEL_PT}pt; font-weight: 700; text-align: left; white-space: nowrap;
  vertical-align: top; padding: 0 0.2cm 0 0; line-height: 24pt; width: 1%;
}}
table.memo-field th.second {{ padding-left: 0.3cm; }}
table.memo-field td {{ vertical-align: top; padding: 1.3pt 0 0 0; }}
table.memo-field td.half {{ width: 45%; }}
.dots {{
  min-height: 22.7pt; line-height: 22.7pt;
  background-image: url("{_svg_uri(_DOT_ROW)}");
  background-size: 3pt 22.7pt; background-repeat: repeat;
}}
p.salutation {{ margin: 0.2cm 0 0.25cm 0; }}
p.salutation .label {{ font-weight: 700; margin-right: 0.25cm; }}

/* Order head (คำสั่ง) */
.order-head {{ text-align: center; margin-bottom: 0.4cm; }}
.order-head img.emblem {{ height: 3cm; display: block; margin: 0 auto 0.3cm auto; }}
.order-head p {{ font-weight: 700; font-size: {LABEL_PT - 1}pt; }}
.order-head .rule {{ width: 4cm; margin: 0.2cm auto 0 auto; border-bottom: 0.8pt solid #000; }}

/* Body */
h2, h3, h4 {{ margin: 0.25cm 0 0.05cm 2.5cm; font-size: {BODY_PT}pt; font-weight: 700; break-after: avoid; }}
h3 {{ margin-left: 3.5cm; }}
h4 {{ margin-left: 3.5cm; font-weight: 400; text-decoration: underline; }}
p.para {{ margin: 0 0 0.12cm 0; }}
p.para.indent {{ text-indent: 2.5cm; }}

/* Signature: centred on a point right of the page centre */
.signature {{
  margin: 0.6cm 0 0.3cm 45%; width: 55%; text-align: center; break-inside: avoid; break-before: avoid;
}}
.signature .sign-space {{ min-height: 1.3cm; }}

/* Approval area (ความเห็น / คำสั่ง): borderless, two boxes a row */
table.approval {{ width: 100%; border-collapse: collapse; margin-top: 0.5cm; break-inside: avoid; }}
table.approval td {{ width: 50%; vertical-align: top; padding: 0 0.3cm 0.4cm 0; }}
table.approval .title {{ font-weight: 700; }}
table.approval .option img {{ height: 8pt; width: 8pt; margin-right: 4pt; vertical-align: -0.5pt; }}
table.approval .sign {{ text-align: center; margin-top: 0.2cm; }}
.blank {{ display: inline-block; min-width: 4.5cm; border-bottom: 0.8pt dotted #000; height: 1em; }}
.blank.short {{ min-width: 1cm; }}
.sign-line {{ margin: 0.7cm auto 0 auto; width: 5cm; border-bottom: 0.8pt dotted #000; }}

/* Tables: grid, header row repeated on each page, rows may break across pages */
.table-title {{ text-align: center; font-weight: 700; margin-bottom: 0.25cm; }}
table.grid {{
  width: 100%; border-collapse: collapse; table-layout: fixed; font-size: {TABLE_PT}pt; line-height: 1.45;
}}
table.grid thead {{ display: table-header-group; }}
table.grid th {{ font-weight: 700; text-align: center; vertical-align: middle; background: #f2f2f2; }}
table.grid th, table.grid td {{ border: 0.6pt solid #000; padding: 2pt 4pt; }}
table.grid td {{ vertical-align: top; }}
table.grid tr {{ break-inside: auto; }}
table.grid .cell-line {{ margin: 0; }}
"""


def _e(value: str) -> str:
    return escape(value, quote=True)


# Pango finds no break in a long run without spaces or words (a 10 000-letter "word" takes seconds per
# line to lay out, quadratically). Runs this long get an invisible break opportunity (<wbr>) every
# _CHUNK characters; ordinary text, Thai included (libthai finds its word breaks), is never this long.
_LONG_RUN_LENGTH = 1200
_LONG_RUN = re.compile(rf"\S{{{_LONG_RUN_LENGTH},}}")
_CHUNK = 600


def _text(value: str) -> str:
    """Escape one line of text for HTML, adding break opportunities inside very long runs."""
    if len(value) < _LONG_RUN_LENGTH:
        return _e(value)
    out: list[str] = []
    position = 0
    for match in _LONG_RUN.finditer(value):
        out.append(_e(value[position : match.start()]))
        run = match.group()
        start = 0
        while start < len(run):
            end = min(start + _CHUNK, len(run))
            while end < len(run) and unicodedata.category(run[end]) in ("Mn", "Mc", "Me"):
                end += 1  # never split a letter from its marks
            out.append(_e(run[start:end]))
            start = end
            if start < len(run):
                out.append("<wbr>")
        position = match.end()
    out.append(_e(value[position:]))
    return "".join(out)


class _HtmlBuilder:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.digits = document.thai_digits
        self.emblem_uri = _image_uri(document.emblem)

    def t(self, value: object) -> str:
        """Escaped, cleaned, single-paragraph text ("\\n" -> <br>)."""
        return "<br>".join(_text(line) for line in T.lines(value, thai_digits=self.digits))

    def build(self) -> str:
        doc = self.document
        lang = _e(T.clean(doc.language or "th", thai_digits=False))
        counter = "thai" if self.digits else "decimal"
        parts = [
            f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
            f"<title>{_e(T.clean(doc.title, thai_digits=False))}</title>",
            f'<meta name="author" content="{_e(T.clean(doc.author, thai_digits=False))}">',
            # Page number at the top centre from page 2 on: "- ๒ -".
            f'<style>@page {{ @top-center {{ content: "- " counter(page, {counter}) " -"; }} }}',
            "@page :first { @top-center { content: none; } }</style>",
            "</head><body>",
        ]
        for section in doc.sections:
            parts.append(self.section(section))
        parts.append("</body></html>")
        return "".join(parts)

    def section(self, section: Section) -> str:
        css_class = "landscape" if section.orientation == "landscape" else "portrait"
        blocks = "".join(self.block(block) for block in section.blocks)
        return f'<section class="{css_class}">{blocks}</section>'

    def block(self, block: Block) -> str:
        if isinstance(block, MemoHeader):
            return self.memo_header(block)
        if isinstance(block, OrderHeader):
            return self.order_header(block)
        if isinstance(block, Heading):
            level = min(max(int(block.level), 1), 3) + 1
            return f'<h{level} class="wrap">{self.t(block.text)}</h{level}>'
        if isinstance(block, Paragraph):
            indent = " indent" if block.indent else ""
            return "".join(
                f'<p class="para{indent}">{_text(line)}</p>'
                for line in T.lines(block.text, thai_digits=self.digits)
                if line.strip()
            )
        if isinstance(block, Signature):
            return self.signature(block)
        if isinstance(block, ApprovalArea):
            return self.approval_area(block)
        if isinstance(block, Table):
            return self.table(block)
        logger.warning("Unknown document block %r skipped", type(block).__name__)
        return ""

    def memo_header(self, head: MemoHeader) -> str:
        emblem = f'<img class="emblem" src="{self.emblem_uri}" alt="">' if self.emblem_uri else ""
        department = self.t(head.department)
        if head.phone.strip():
            department += f" {_e(T.LABEL_PHONE)} {self.t(head.phone)}"
        return (
            '<div class="memo-head">'
            f'<table class="memo-title-row"><tr><td class="side">{emblem}</td>'
            f'<td><h1 class="memo-title">{_e(T.MEMO_TITLE)}</h1></td><td class="side"></td></tr></table>'
            f'<table class="memo-field"><tr><th>{_e(T.LABEL_DEPARTMENT)}</th>'
            f'<td><div class="dots">{department}</div></td></tr></table>'
            f'<table class="memo-field"><tr><th>{_e(T.LABEL_NUMBER)}</th>'
            f'<td class="half"><div class="dots">{self.t(head.number)}</div></td>'
            f'<th class="second">{_e(T.LABEL_DATE)}</th><td><div class="dots">{self.t(head.date_text)}</div></td></tr>'
            "</table>"
            f'<table class="memo-field"><tr><th>{_e(T.LABEL_SUBJECT)}</th>'
            f'<td><div class="dots">{self.t(head.subject)}</div></td></tr></table>'
            f'<p class="salutation wrap"><span class="label">{_e(T.LABEL_SALUTATION)}</span>'
            f"{self.t(head.salutation)}</p>"
            "</div>"
        )

    def order_header(self, head: OrderHeader) -> str:
        emblem = f'<img class="emblem" src="{self.emblem_uri}" alt="">' if self.emblem_uri else ""
        return (
            f'<div class="order-head">{emblem}'
            f'<p class="wrap">{self.t(head.issuer)}</p>'
            f'<p class="wrap">{self.t(head.number)}</p>'
            f'<p class="wrap">{self.t(head.subject)}</p>'
            '<div class="rule"></div></div>'
        )

    def signature(self, sig: Signature) -> str:
        space = f'<p class="wrap">{self.t(sig.signed_text)}</p>' if sig.signed_text.strip() else ""
        extra = "".join(f'<p class="wrap">{self.t(line)}</p>' for line in sig.extra_lines)
        return (
            f'<div class="signature"><div class="sign-space">{space}</div>'
            f'<p class="wrap">({self.t(sig.name)})</p>'
            f'<p class="wrap">{self.t(sig.position)}</p>{extra}</div>'
        )

    def approval_box(self, box: ApprovalBox) -> str:
        parts = [f'<p class="title wrap">{self.t(box.title)}</p>']
        selected_option = box.selected if box.selected in box.options else None
        for option in box.options:
            icon = _svg_uri(_CHECKBOX_TICKED if option == selected_option else _CHECKBOX_EMPTY)
            parts.append(f'<p class="option wrap"><img src="{icon}" alt="">{self.t(option)}</p>')
        remarks = []
        if box.selected is not None and selected_option is None and box.selected.strip():
            remarks.append(box.selected)
        if box.remark.strip():
            remarks.append(box.remark)
        parts.extend(f'<p class="remark wrap">{self.t(remark)}</p>' for remark in remarks)
        name = self.t(box.name) if box.name.strip() else '<span class="blank"></span>'
        position = self.t(box.position) if box.position.strip() else '<span class="blank"></span>'
        if box.date_text.strip():
            date = self.t(box.date_text)
        else:
            date = (
                '<span class="blank short"></span>/<span class="blank short"></span>/<span class="blank short"></span>'
            )
        parts.append(
            f'<div class="sign"><div class="sign-line"></div><p class="wrap">({name})</p>'
            f'<p class="wrap">{position}</p><p class="wrap">{date}</p></div>'
        )
        return "".join(parts)

    def approval_area(self, area: ApprovalArea) -> str:
        if not area.boxes:
            return ""
        rows = []
        for i in range(0, len(area.boxes), 2):
            pair = area.boxes[i : i + 2]
            cells = "".join(f"<td>{self.approval_box(box)}</td>" for box in pair)
            if len(pair) == 1:
                cells += "<td></td>"
            rows.append(f"<tr>{cells}</tr>")
        return f'<table class="approval">{"".join(rows)}</table>'

    def cell(self, value: str) -> str:
        return "".join(
            f'<p class="cell-line">{_text(line) or "&#8203;"}</p>' for line in T.lines(value, thai_digits=self.digits)
        )

    def table(self, table: Table) -> str:
        title = ""
        if table.title_lines:
            title = f'<div class="table-title wrap">{"<br>".join(self.t(line) for line in table.title_lines)}</div>'
        if not table.columns:
            return title
        cols = "".join(f'<col style="width: {fraction * 100:.3f}%">' for fraction in column_fractions(table))
        head = "".join(f"<th>{self.cell(column.label)}</th>" for column in table.columns)
        body = []
        for row in grid(table):
            cells = []
            for cell in row:
                if cell is None:
                    continue
                span = f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else ""
                cells.append(f"<td{span}>{self.cell(cell.text)}</td>")
            body.append(f"<tr>{''.join(cells)}</tr>")
        return (
            f'<div class="table-block">{title}<table class="grid"><colgroup>{cols}</colgroup>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
        )


def _image_uri(data: bytes | None) -> str:
    """A data: URI for PNG/JPEG emblem bytes; "" when there is no usable emblem."""
    kind = emblem_kind(data)
    if kind is None or data is None:
        return ""
    return f"data:{MIME_TYPES[kind]};base64,{base64.b64encode(data).decode('ascii')}"


def build_html(document: Document) -> str:
    """The HTML the PDF is made from (exposed for tests and debugging)."""
    return _HtmlBuilder(document).build()


_render_lock = threading.Lock()


@cache
def _resources() -> tuple[FontConfiguration, weasyprint.CSS]:
    """One font configuration (with the bundled Sarabun registered) and the compiled stylesheet, reused by
    every render: loading them costs more than rendering a short memo."""
    font_config = FontConfiguration()
    stylesheet = weasyprint.CSS(string=_base_css(), font_config=font_config, url_fetcher=LocalOnlyFetcher())
    return font_config, stylesheet


def render(document: Document) -> bytes:
    textlayer.install()
    html_source = build_html(document)
    # WeasyPrint/Pango rendering shares the font configuration; one document at a time per process.
    with _render_lock:
        font_config, stylesheet = _resources()
        html = weasyprint.HTML(string=html_source, base_url=FONT_DIR.as_uri() + "/", url_fetcher=LocalOnlyFetcher())
        pdf: bytes = html.write_pdf(stylesheets=[stylesheet], font_config=font_config)
    return pdf
