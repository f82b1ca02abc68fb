"""Evidence files: kept in memory only, checked by content, and cleaned before they are encrypted.

Accepted: JPEG and PNG (re-encoded with Pillow, so EXIF, GPS and text chunks are dropped),
PDF (refused if it can run code or is password protected) and DOCX (refused if it is a zip
bomb or carries macros). The file's name never decides its type.
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from .conf import conf

KIND_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf", "application/docx": "docx"}
CONTENT_TYPES = {
    "image/jpeg": "image/jpeg",
    "image/png": "image/png",
    "application/pdf": "application/pdf",
    "application/docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
ACCEPT_ATTRIBUTE = ".jpg,.jpeg,.png,.pdf,.docx,image/jpeg,image/png,application/pdf"


class UploadRejected(Exception):
    def __init__(self, message: Any) -> None:
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class CleanFile:
    name: str
    content_type: str
    data: bytes


# --- Keeping uploads in memory ---------------------------------------------------------


class EvidenceUploadHandler(FileUploadHandler):
    """Keep each uploaded file in memory, never in a temporary file on disk (it is plaintext).

    A file over the size limit, or past the file-count limit, is not kept: it becomes an
    empty placeholder flagged `rejected`, so the form can say which file was refused.
    """

    def __init__(self, request: Any = None) -> None:
        super().__init__(request)
        self.max_bytes = int(conf("MAX_FILE_BYTES"))
        self.max_files = int(conf("MAX_FILES"))
        self.files_seen = 0

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.files_seen += 1
        self.buffer: io.BytesIO = io.BytesIO()
        self.rejected: str = "too_many" if self.files_seen > self.max_files else ""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.rejected:
            return None
        if self.buffer.tell() + len(raw_data) > self.max_bytes:
            self.rejected = "too_big"
            self.buffer = io.BytesIO()
            return None
        self.buffer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> InMemoryUploadedFile:
        self.buffer.seek(0)
        uploaded = InMemoryUploadedFile(
            file=self.buffer,
            field_name=self.field_name,
            name=self.file_name,
            content_type=self.content_type,
            size=self.buffer.getbuffer().nbytes,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )
        uploaded.rejected = self.rejected  # type: ignore[attr-defined]
        return uploaded


def use_memory_upload_handler(request: Any) -> None:
    """Call before the view touches request.POST or request.FILES."""
    request.upload_handlers = [EvidenceUploadHandler(request)]


# --- Checking and cleaning ----------------------------------------------------------------


def sniff(data: bytes) -> str | None:
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(b"PK\x03\x04"):
        return "application/docx"
    return None


def evidence_clean(name: str, data: bytes) -> CleanFile:
    """Check one file by its content and return a cleaned copy; raise UploadRejected with a message."""
    if not data:
        raise UploadRejected(_("The file is empty."))
    if len(data) > int(conf("MAX_FILE_BYTES")):
        raise UploadRejected(_("The file is larger than 10 MB."))
    kind = sniff(data)
    if kind in ("image/jpeg", "image/png"):
        data = _reencode_image(data, kind)
    elif kind == "application/pdf":
        _check_pdf(data)
    elif kind == "application/docx":
        _check_docx(data)
    else:
        raise UploadRejected(_("Only JPG and PNG photos, PDF and Word (.docx) files are accepted."))
    return CleanFile(name=safe_filename(name, KIND_EXTENSIONS[kind]), content_type=CONTENT_TYPES[kind], data=data)


def safe_filename(name: str, extension: str) -> str:
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] != "C")
    stem = base.rsplit(".", 1)[0].strip(" .") if "." in base else base.strip(" .")
    stem = stem[:120] or "file"
    return f"{stem}.{extension}"


def _reencode_image(data: bytes, kind: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image: Image.Image = Image.open(io.BytesIO(data))
            width, height = image.size
            if width * height > int(conf("MAX_IMAGE_PIXELS")):
                raise UploadRejected(_("The picture is too large (too many pixels)."))
            if image.format not in ("JPEG", "PNG"):
                raise UploadRejected(_("Only JPG and PNG photos, PDF and Word (.docx) files are accepted."))
            image.load()
            image = ImageOps.exif_transpose(image) or image
            out = io.BytesIO()
            if kind == "image/jpeg":
                if image.mode not in ("RGB", "L"):
                    image = image.convert("RGB")
                # No exif=, icc_profile= or comment: the new file carries pixels only.
                image.save(out, format="JPEG", quality=90, optimize=True)
            else:
                has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
                image = image.convert("RGBA" if has_alpha else "RGB")
                image.info = {}
                image.save(out, format="PNG", optimize=True)
            return out.getvalue()
    except UploadRejected:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError, Warning) as error:
        raise UploadRejected(_("The picture could not be read; it may be damaged.")) from error


_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_HEX = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_FORBIDDEN = {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia"}
_PDF_STREAM = re.compile(rb"stream\r?\n")


def _pdf_names(chunk: bytes) -> set[bytes]:
    return {_PDF_HEX.sub(lambda m: bytes([int(m.group(1), 16)]), match) for match in _PDF_NAME.findall(chunk)}


def _check_pdf(data: bytes) -> None:
    budget = int(conf("MAX_UNCOMPRESSED_BYTES"))
    names = _pdf_names(data)
    # Compressed streams (including object streams) can hide names: inflate each, within a budget.
    for match in _PDF_STREAM.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end < 0:
            break
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(data[start:end], budget + 1)
        except zlib.error:
            continue
        budget -= len(inflated)
        if budget < 0 or inflater.unconsumed_tail:
            raise UploadRejected(_("The PDF expands to too much data to check; please send a simpler PDF."))
        names |= _pdf_names(inflated)
    if b"Encrypt" in names:
        raise UploadRejected(_("Password-protected PDFs cannot be checked; please send one without a password."))
    if names & _PDF_FORBIDDEN:
        raise UploadRejected(_("The PDF contains scripts, launch actions or embedded files and is not accepted."))


def _check_docx(data: bytes) -> None:
    not_docx = _("The file is not a Word (.docx) document.")
    max_total = int(conf("MAX_UNCOMPRESSED_BYTES"))
    max_ratio = int(conf("MAX_COMPRESSION_RATIO"))
    bomb = _("The document expands to far more data than its size (a zip bomb) and is not accepted.")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            names = {member.filename for member in members}
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise UploadRejected(not_docx)
            if len(members) > 2000:
                raise UploadRejected(bomb)
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                raise UploadRejected(_("Documents with macros are not accepted."))
            declared = sum(member.file_size for member in members)
            if declared > max_total or declared > max_ratio * max(len(data), 1):
                raise UploadRejected(bomb)
            # Declared sizes can lie: inflate for real, counting, and stop at the limit.
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(64 * 1024):
                        total += len(chunk)
                        if total > max_total or total > max_ratio * max(len(data), 1):
                            raise UploadRejected(bomb)
    except UploadRejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError) as error:
        raise UploadRejected(not_docx) from error
