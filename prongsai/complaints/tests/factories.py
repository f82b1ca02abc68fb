"""Test data for the corruption channel, made through the services as a user's action would."""

from __future__ import annotations

import io
import itertools
import zipfile
import zlib
from typing import Any

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from prongsai.complaints import services
from prongsai.complaints.uploads import CleanFile, evidence_clean
from prongsai.core.models import Membership, Organization
from prongsai.core.tests.factories import make_staff

OFFICER_PASSPHRASE = "officer-passphrase-2566"
_nonce = itertools.count(1)

# Cheap Argon2 for tests that do not measure cost (the real parameters are tested on their own).
CHEAP_ARGON2 = {
    "ARGON2_HASH": {"time_cost": 1, "memory_cost": 8192, "parallelism": 1},
    "ARGON2_KDF": {"time_cost": 1, "memory_cost": 8192, "parallelism": 1},
}


@pytest.fixture
def cheap_argon2(settings: Any) -> None:
    settings.PRONGSAI_COMPLAINTS = dict(CHEAP_ARGON2)


def make_officer(organization: Organization, **kwargs: Any) -> tuple[Membership, bytes]:
    """A complaint officer with a key; returns the membership and the unlocked private key."""
    membership = make_staff(organization=organization, roles=("complaint_officer",), **kwargs)
    services.officer_key_create(user=membership.user, organization=organization, passphrase=OFFICER_PASSPHRASE)
    private = services.officer_key_unlock(
        user=membership.user, organization=organization, passphrase=OFFICER_PASSPHRASE
    )
    return membership, private


def submit(
    organization: Organization,
    *,
    what: str = "มีการเรียกรับเงินใต้โต๊ะ",
    who: str = "เจ้าหน้าที่กองช่าง",
    category: str = "bribery",
    identity: dict[str, str] | None = None,
    files: list[CleanFile] | None = None,
    recipients: list[int] | None = None,
    **kwargs: Any,
) -> services.Submission:
    return services.report_submit(
        organization=organization,
        form_nonce=f"test-nonce-{next(_nonce)}",
        category=category,
        answers={"what": what, "who": who},
        identity=identity,
        files=files or [],
        recipient_key_ids=recipients,
        **kwargs,
    )


# --- Sample files ------------------------------------------------------------------------------


def jpeg_with_gps(marker: str = "MarkerCamera") -> bytes:
    image = Image.new("RGB", (64, 48), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = marker  # Make
    exif[0x0131] = marker  # Software
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (20.0, 26.0, 5.0)
    gps[3] = "E"
    gps[4] = (99.0, 53.0, 7.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def png_with_text(marker: str = "MarkerPngText") -> bytes:
    image = Image.new("RGB", (32, 32), (10, 120, 40))
    info = PngInfo()
    info.add_text("Comment", marker)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def pdf_bytes(text: str = "Hello", *, extra_catalog: str = "", compressed_extra: bytes | None = None) -> bytes:
    """A small valid PDF with `text` in an uncompressed content stream (so a plaintext scan would find it)."""
    content = f"BT /F1 12 Tf 40 750 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {extra_catalog}>>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if compressed_extra is not None:
        packed = zlib.compress(compressed_extra)
        objects.append(
            b"<< /Length " + str(len(packed)).encode() + b" /Filter /FlateDecode >>\nstream\n" + packed + b"\nendstream"
        )
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def pdf_with_javascript() -> bytes:
    return pdf_bytes(extra_catalog="/OpenAction << /S /JavaScript /JS (app.alert(1)) >> ")


def pdf_with_hidden_javascript() -> bytes:
    """/JavaScript spelled with a #xx escape and /JS hidden in a compressed stream."""
    return pdf_bytes(
        extra_catalog="/Names << /J#61vaScript 6 0 R >> ",
        compressed_extra=b"<< /S /JavaScript /JS (this.exportDataObject()) >>",
    )


def docx_bytes(text: str = "Hello", *, extra: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return out.getvalue()


def zip_bomb_docx() -> bytes:
    """A .docx whose media file inflates 1000×: 20 MB of zeros in about 20 KB."""
    return docx_bytes(extra={"word/media/image1.png": b"\0" * (20 * 1024 * 1024)})


def clean(name: str, data: bytes) -> CleanFile:
    return evidence_clean(name, data)
