from __future__ import annotations

import io

import pytest
from django.utils import translation
from PIL import Image

from prongsai.complaints.tests.factories import (
    docx_bytes,
    jpeg_with_gps,
    pdf_bytes,
    pdf_with_hidden_javascript,
    pdf_with_javascript,
    png_with_text,
    zip_bomb_docx,
)
from prongsai.complaints.uploads import UploadRejected, evidence_clean, safe_filename


def test_jpeg_loses_exif_and_gps_but_keeps_the_picture():
    original = jpeg_with_gps("MarkerCamera")
    assert b"MarkerCamera" in original
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    cleaned = evidence_clean("IMG_0001.JPG", original)
    assert cleaned.content_type == "image/jpeg"
    assert cleaned.name == "IMG_0001.jpg"
    assert b"MarkerCamera" not in cleaned.data
    image = Image.open(io.BytesIO(cleaned.data))
    assert image.size == (64, 48)
    assert not image.getexif()
    assert not image.getexif().get_ifd(0x8825)


def test_png_loses_text_chunks():
    cleaned = evidence_clean("map.png", png_with_text("MarkerPngText"))
    assert b"MarkerPngText" not in cleaned.data
    assert Image.open(io.BytesIO(cleaned.data)).format == "PNG"


def test_a_script_named_jpg_is_refused():
    with translation.override("en"), pytest.raises(UploadRejected) as caught:
        evidence_clean("photo.jpg", b"#!/bin/sh\nrm -rf /\n")
    assert "JPG and PNG" in str(caught.value)


def test_a_broken_jpeg_is_refused():
    with pytest.raises(UploadRejected):
        evidence_clean("photo.jpg", b"\xff\xd8\xff\xe0" + b"garbage" * 10)


def test_a_pdf_is_accepted_as_is():
    data = pdf_bytes("invoice")
    cleaned = evidence_clean("invoice.PDF", data)
    assert cleaned.data == data
    assert cleaned.name == "invoice.pdf"


@pytest.mark.parametrize("make", [pdf_with_javascript, pdf_with_hidden_javascript])
def test_a_pdf_with_javascript_is_refused(make):
    with translation.override("en"), pytest.raises(UploadRejected) as caught:
        evidence_clean("doc.pdf", make())
    assert "scripts" in str(caught.value)


def test_a_pdf_with_a_launch_action_or_password_is_refused():
    with pytest.raises(UploadRejected):
        evidence_clean("a.pdf", pdf_bytes(extra_catalog="/OpenAction << /S /Launch /F (cmd.exe) >> "))
    with pytest.raises(UploadRejected):
        evidence_clean("a.pdf", pdf_bytes(extra_catalog="/Encrypt 9 0 R "))


def test_a_docx_is_accepted_and_a_zip_bomb_is_refused():
    assert evidence_clean("memo.docx", docx_bytes("memo")).content_type.endswith("wordprocessingml.document")
    with translation.override("en"), pytest.raises(UploadRejected) as caught:
        evidence_clean("memo.docx", zip_bomb_docx())
    assert "zip bomb" in str(caught.value)


def test_a_docx_with_macros_or_a_plain_zip_is_refused():
    with pytest.raises(UploadRejected):
        evidence_clean("m.docx", docx_bytes(extra={"word/vbaProject.bin": b"x"}))
    out = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.exe", b"MZ")
    with pytest.raises(UploadRejected):
        evidence_clean("m.docx", out.getvalue())


def test_too_large_or_empty_files_are_refused(settings):
    settings.PRONGSAI_COMPLAINTS = {"MAX_FILE_BYTES": 1000}
    with pytest.raises(UploadRejected):
        evidence_clean("big.pdf", pdf_bytes("x" * 2000))
    with pytest.raises(UploadRejected):
        evidence_clean("empty.pdf", b"")


def test_safe_filename_drops_paths_and_control_characters():
    assert safe_filename("../../etc/passwd", "pdf") == "passwd.pdf"
    assert safe_filename("C:\\Users\\a\\รูปถ่าย\x00.jpg", "jpg") == "รูปถ่าย.jpg"
    assert safe_filename("", "png") == "file.png"
