"""Reading rendered PDFs back the way users' tools do (pypdf, poppler's pdftotext) for the tests."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pypdf import PdfReader

PAGE_NUMBER_LINE = re.compile(r"^\s*- [0-9๐-๙]+ -\s*$", re.MULTILINE)
_PDFTOTEXT_PAGE_NUMBER = re.compile(r"\A\s*- ?[0-9๐-๙]+(?: -)?")
_WS = re.compile(r"\s+")


def strip_ws(text: str) -> str:
    """Remove all whitespace (line wrapping inserts newlines where the source has none)."""
    return _WS.sub("", text)


def collapse_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


def pypdf_pages(pdf: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def run_tool(name: str, *args: str) -> bytes:
    """Run a poppler/LibreOffice command-line tool (found on PATH) and return its output."""
    path = shutil.which(name)
    if path is None:
        raise FileNotFoundError(f"{name} is not installed")
    return subprocess.run([path, *args], capture_output=True, check=True, timeout=300).stdout  # noqa: S603


def pdftotext_pages(pdf: bytes) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = run_tool("pdftotext", "-enc", "UTF-8", str(path), "-")
    return out.decode("utf-8").split("\f")[: len(PdfReader(io.BytesIO(pdf)).pages)]


def without_page_numbers(text: str) -> str:
    """``text`` without the "- 2 -" page numbers (a line of its own for pypdf; at the start of the page for
    pdftotext, which reads the line-final "-" as a hyphen and joins the next line to "-2")."""
    return PAGE_NUMBER_LINE.sub("", _PDFTOTEXT_PAGE_NUMBER.sub("", text))


def joined(pages: list[str]) -> str:
    """All pages' text, page numbers removed."""
    return "\n".join(without_page_numbers(page) for page in pages)


def found_in_order(needle: str, haystack: str, *, max_pieces: int = 3) -> bool:
    """True if ``needle`` occurs in ``haystack`` as at most ``max_pieces`` consecutive runs, in order (a table
    cell broken across pages is read back in two pieces, with the next page's header between them)."""
    position = 0
    rest = needle
    for _ in range(max_pieces):
        if not rest:
            return True
        low, high = 0, len(rest)  # longest prefix of rest found after position
        found_at = -1
        while low < high:
            mid = (low + high + 1) // 2
            at = haystack.find(rest[:mid], position)
            if at >= 0:
                low, found_at = mid, at
            else:
                high = mid - 1
        if low == 0:
            return False
        if found_at < 0:
            found_at = haystack.find(rest[:low], position)
        position = found_at + low
        rest = rest[low:]
    return not rest


def text_positions(pdf: bytes) -> list[tuple[int, str, float, float, float, float]]:
    """(page index, text, x, y, page width, page height) of every text fragment pypdf reads."""
    out: list[tuple[int, str, float, float, float, float]] = []
    for index, page in enumerate(PdfReader(io.BytesIO(pdf)).pages):
        width, height = float(page.mediabox.width), float(page.mediabox.height)

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: object,
            size: float,
            index: int = index,
            width: float = width,
            height: float = height,
        ) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                out.append((index, text, x, y, width, height))

        page.extract_text(visitor_text=visit)
    return out
