"""The public renderer: a :class:`~prongsai.documents.model.Document` to PDF or DOCX bytes.

Both functions accept any document the model can express and never fail because of its content (long or
empty text, huge cells, an empty table, HTML-like text, control characters, a broken emblem image): text is
escaped and cleaned, never interpreted.
"""

from __future__ import annotations

from . import pdf, word
from .model import Document


def render_pdf(document: Document) -> bytes:
    """A4 PDF (WeasyPrint + Sarabun), one page run per Section in its orientation; the text layer reads back
    exactly as the source text (see :mod:`prongsai.documents.textlayer`)."""
    return pdf.render(document)


def render_docx(document: Document) -> bytes:
    """A4 DOCX (python-docx) with the same content, editable in Word: TH SarabunIT๙ 16 pt (falls back to
    Sarabun), real tables with a repeating header row, one Word section per Section."""
    return word.render(document)
