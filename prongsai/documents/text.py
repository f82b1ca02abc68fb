"""Text preparation shared by the PDF and DOCX renderers, and the fixed Thai labels they print."""

from __future__ import annotations

import re

from prongsai.core.thai import to_thai_digits

# Characters neither XML (DOCX) nor the HTML parser accept: C0/C1 controls except \t \n, lone surrogates,
# non-characters. Removing them is the only change made to the author's text (besides digits).
_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff]")

# Labels of the memo head (แบบบันทึกข้อความ, ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ).
MEMO_TITLE = "บันทึกข้อความ"
LABEL_DEPARTMENT = "ส่วนราชการ"
LABEL_PHONE = "โทรศัพท์"
LABEL_NUMBER = "ที่"
LABEL_DATE = "วันที่"
LABEL_SUBJECT = "เรื่อง"
LABEL_SALUTATION = "เรียน"


def clean(value: object, *, thai_digits: bool) -> str:
    """The text to print: line ends normalised to "\\n", tabs to spaces, invalid characters removed, and
    0-9 converted to ๐-๙ when ``thai_digits``."""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ").replace("\x85", "\n")
    text = _INVALID.sub("", text)
    return to_thai_digits(text) if thai_digits else text


def lines(value: object, *, thai_digits: bool) -> list[str]:
    """``clean`` text split on "\\n" (a cell or paragraph prints one line or paragraph per item)."""
    return clean(value, thai_digits=thai_digits).split("\n")
