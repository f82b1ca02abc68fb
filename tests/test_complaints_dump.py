"""Nothing a reporter or officer writes can be found in the database or on disk in plain form.

A full dump of the test database (SQLite: iterdump; PostgreSQL: every row of every table) and
every file under MEDIA_ROOT are searched for distinctive markers put into every kind of content:
answers, identity, file names, file contents, messages both ways and internal notes.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from prongsai.complaints import services
from prongsai.complaints.models import Report
from prongsai.complaints.tests.factories import cheap_argon2, jpeg_with_gps, make_officer, pdf_bytes  # noqa: F401
from prongsai.core.tests.factories import make_organization
from prongsai.core.twofactor.testing import login_verified

pytestmark = pytest.mark.usefixtures("cheap_argon2")

MARKERS = [
    "MarkerAnswerQ1x7",
    "พยานมาร์คเกอร์ลับ",
    "MarkerIdentityName",
    "0899990001",
    "MarkerFileName",
    "MarkerFileBody",
    "MarkerExifCamera",
    "MarkerReporterMessage",
    "MarkerOfficerReply",
    "MarkerInternalNote",
    "MarkerControlPlain",  # stored in clear on purpose: proves the scan finds what is there
]


def _as_bytes(value: Any) -> list[bytes]:
    if value is None:
        return []
    if isinstance(value, memoryview | bytes | bytearray):
        return [bytes(value)]
    if isinstance(value, dict | list):
        return [json.dumps(value, ensure_ascii=False).encode(), json.dumps(value).encode()]
    return [str(value).encode("utf-8")]


def _decodings(chunk: bytes) -> list[bytes]:
    """The chunk plus what it decodes to as hex or base64, so encoded plaintext is found too."""
    out = [chunk]
    for match in re.finditer(rb"X'([0-9A-Fa-f]+)'", chunk):
        out.append(binascii.unhexlify(match.group(1)))
    for match in re.finditer(rb"[A-Za-z0-9+/=_-]{24,}", chunk):
        token = match.group(0)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            with contextlib.suppress(binascii.Error, ValueError):
                out.append(decode(token + b"=" * (-len(token) % 4)))
    return out


def database_dump() -> list[bytes]:
    if connection.vendor == "sqlite":
        raw = connection.connection
        return [line.encode("utf-8") for line in raw.iterdump()]
    chunks: list[bytes] = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # noqa: S608 - table names come from the catalogue
            for row in cursor.fetchall():
                for value in row:
                    chunks += _as_bytes(value)
    return chunks


def media_files(root: Path) -> list[bytes]:
    return [path.read_bytes() for path in root.rglob("*") if path.is_file()]


def find_markers(chunks: list[bytes]) -> set[str]:
    found = set()
    for chunk in chunks:
        for candidate in _decodings(chunk):
            for marker in MARKERS:
                if marker.encode("utf-8") in candidate:
                    found.add(marker)
    return found


@pytest.mark.django_db
def test_no_plaintext_of_a_report_in_the_database_dump_or_media(client, settings, tmp_path):
    upload_tmp = tmp_path / "upload-tmp"
    upload_tmp.mkdir()
    # Were Django's own handlers used, every upload would now go to a temporary file on disk.
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    settings.FILE_UPLOAD_TEMP_DIR = str(upload_tmp)
    organization = make_organization(address="MarkerControlPlain")
    officer, officer_private = make_officer(organization, email="officer@example.org")

    html = client.get("/corruption/report/").content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)
    recipients = re.findall(r'name="recipients" value="(\d+)"', html)
    files = [
        SimpleUploadedFile("MarkerFileName.pdf", pdf_bytes("MarkerFileBody"), content_type="application/pdf"),
        SimpleUploadedFile("MarkerFileName2.jpg", jpeg_with_gps("MarkerExifCamera"), content_type="image/jpeg"),
    ]
    response = client.post(
        "/corruption/report/",
        {
            "form_token": token,
            "category": "procurement",
            "q_what": "MarkerAnswerQ1x7 เรียกรับเงิน",
            "q_who": "หัวหน้างานพัสดุ",
            "q_witnesses": "พยานมาร์คเกอร์ลับ",
            "identity_name": "MarkerIdentityName",
            "identity_contact": "0899990001",
            "recipients": recipients,
            "evidence": files,
        },
    )
    assert response.status_code == 200, response.content.decode()[:500]
    receipt = re.search(r'data-testid="receipt">([\d ]+)<', response.content.decode()).group(1).replace(" ", "")
    report = Report.objects.get(organization=organization)

    assert client.post("/corruption/follow-up/", {"receipt": receipt}).status_code == 302
    page = client.get("/corruption/follow-up/case/").content.decode()
    followup_token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    client.post("/corruption/follow-up/case/", {"token": followup_token, "body": "MarkerReporterMessage"})

    services.officer_message_add(
        report=report, actor=officer.user, officer_private=officer_private, body="MarkerOfficerReply"
    )
    services.note_add(report=report, actor=officer.user, officer_private=officer_private, body="MarkerInternalNote")
    # The officer reads everything through the workspace (the unlocked key goes into their session).
    login_verified(client, officer.user)
    client.post("/admin/complaints/key/unlock/", {"passphrase": "officer-passphrase-2566"})
    detail = client.get(f"/admin/complaints/{report.pk}/").content.decode()
    for marker in ("MarkerAnswerQ1x7", "MarkerIdentityName", "MarkerReporterMessage", "MarkerInternalNote"):
        assert marker in detail  # the content is really there, for the right person

    dump = database_dump()
    assert len(dump) > 100
    assert find_markers(dump) == {"MarkerControlPlain"}
    assert find_markers(media_files(Path(settings.MEDIA_ROOT))) == set()
    assert list(upload_tmp.iterdir()) == []
    assert find_markers([m.message().as_bytes() for m in mail.outbox]) == set()
    # The receipt itself is nowhere either.
    assert not any(receipt.encode() in chunk for chunk in dump)
