"""The document model: what a domain app builds and the renderer turns into PDF and DOCX.

Every class is a frozen dataclass constructed with keyword arguments only. Domain apps (ita, oit, ...)
build a :class:`Document` from these blocks and call :func:`prongsai.documents.render.render_pdf` or
:func:`prongsai.documents.render.render_docx`; they never touch WeasyPrint or python-docx themselves.

Text is plain text everywhere: the renderer escapes it (``<script>`` prints as ``<script>``). ``"\\n"``
inside a paragraph or a table cell starts a new line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Orientation = Literal["portrait", "landscape"]


@dataclass(frozen=True, kw_only=True)
class MemoHeader:
    """The head of a บันทึกข้อความ (internal memo)."""

    department: str  # ส่วนราชการ e.g. "สำนักปลัดเทศบาล งานนิติการ"
    phone: str = ""  # e.g. "๐-๕๓๗๓-๑๒๘๘ ต่อ ๒๐๗" (printed after "โทรศัพท์")
    number: str = ""  # ที่ e.g. "ชร ๕๒๓๐๑.๖/" (blank after "/" is left for the registry number)
    date_text: str = ""  # วันที่ e.g. "๔ เมษายน ๒๕๖๖"
    subject: str  # เรื่อง
    salutation: str  # เรียน e.g. "นายกเทศมนตรีตำบลแม่สาย"


@dataclass(frozen=True, kw_only=True)
class OrderHeader:
    """The head of a คำสั่ง (order); the emblem is printed centred above it."""

    issuer: str  # "คำสั่งเทศบาลตำบลแม่สาย"
    number: str  # "ที่ ๑๒๓/๒๕๖๖"
    subject: str  # "เรื่อง ..."


@dataclass(frozen=True, kw_only=True)
class Heading:
    """A bold heading line such as "เรื่องเดิม" (level 1) or a smaller sub-heading (level 2+)."""

    text: str
    level: int = 1


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    """Body text; ``indent`` gives the 2.5 cm first-line indent of Thai official writing."""

    text: str
    indent: bool = True


@dataclass(frozen=True, kw_only=True)
class Signature:
    """A signature block (right half of the page): space to sign, (name), position, extra lines."""

    name: str  # printed with parentheses by the renderer: "(นายสุระกิจ ยอดมงคล)"
    position: str
    extra_lines: tuple[str, ...] = ()
    signed_text: str = ""  # optional text in the signing space, e.g. "(ลงชื่อ)"


@dataclass(frozen=True, kw_only=True)
class ApprovalBox:
    """One opinion/command box at the foot of a memo (ความเห็น... / คำสั่ง...)."""

    title: str  # e.g. "ความเห็นของปลัดเทศบาล" / "คำสั่งของนายกเทศมนตรี"
    options: tuple[str, ...]  # e.g. ("เห็นควรตามเสนอ", "เห็นควรถือปฏิบัติ", "เพื่อโปรดทราบ / พิจารณา")
    selected: str | None = None  # one of options (ticked), or free text (then printed as the remark)
    remark: str = ""
    name: str = ""  # blank = dotted lines to sign by hand
    position: str = ""
    date_text: str = ""


@dataclass(frozen=True, kw_only=True)
class ApprovalArea:
    """Approval boxes side by side (two per row)."""

    boxes: tuple[ApprovalBox, ...]


@dataclass(frozen=True, kw_only=True)
class Column:
    label: str
    weight: float = 1.0  # relative width


@dataclass(frozen=True, kw_only=True)
class Table:
    """A table with a repeating header row; rows break across pages."""

    title_lines: tuple[str, ...]  # centred bold title above the table
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]  # cell text; "\n" separates paragraphs inside a cell
    group_column: int | None = None  # consecutive equal values in this column are merged (rowspan)


Block = MemoHeader | OrderHeader | Heading | Paragraph | Signature | ApprovalArea | Table


@dataclass(frozen=True, kw_only=True)
class Section:
    """A run of blocks on pages of one orientation; every section starts on a new page."""

    orientation: Orientation = "portrait"
    blocks: tuple[Block, ...]


@dataclass(frozen=True, kw_only=True)
class Document:
    title: str  # document metadata title
    sections: tuple[Section, ...]
    thai_digits: bool = True  # convert every 0-9 to ๐-๙ in all text (core.thai.to_thai_digits)
    emblem: bytes | None = None  # PNG/JPEG bytes; memo head (small, left) or order head (centred)
    author: str = ""
    language: str = "th"


__all__ = [
    "ApprovalArea",
    "ApprovalBox",
    "Block",
    "Column",
    "Document",
    "Heading",
    "MemoHeader",
    "OrderHeader",
    "Orientation",
    "Paragraph",
    "Section",
    "Signature",
    "Table",
]
