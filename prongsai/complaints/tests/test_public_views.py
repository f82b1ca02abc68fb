from __future__ import annotations

import io
import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from prongsai.complaints import services
from prongsai.complaints.models import Message, Report
from prongsai.complaints.tests.factories import (
    jpeg_with_gps,
    make_officer,
    pdf_with_javascript,
    submit,
    zip_bomb_docx,
)

pytestmark = pytest.mark.usefixtures("cheap_argon2")

STRICT = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "Referrer-Policy": "no-referrer",
    "X-Robots-Tag": "noindex, nofollow, noarchive",
}


def assert_strict(response: Any) -> None:
    for header, value in STRICT.items():
        assert response[header] == value, header
    assert "no-store" in response["Cache-Control"]


def form_token(client: Any, path: str = "/corruption/report/") -> str:
    html = client.get(path).content.decode()
    match = re.search(r'name="form_token" value="([^"]+)"', html)
    assert match, "the form has a token"
    return match.group(1)


def recipient_ids() -> list[int]:
    from prongsai.complaints.models import OfficerKey

    return list(OfficerKey.objects.values_list("pk", flat=True))


def report_data(token: str, **overrides: Any) -> dict[str, Any]:
    data = {
        "form_token": token,
        "recipients": recipient_ids(),
        "category": "bribery",
        "q_what": "MarkerWhatHappened มีการเรียกรับเงิน",
        "q_who": "หัวหน้างานพัสดุ",
    }
    data.update(overrides)
    return data


def receipt_of(response: Any) -> str:
    match = re.search(r'data-testid="receipt">([\d ]+)<', response.content.decode())
    assert match, response.content.decode()[:2000]
    return match.group(1).replace(" ", "")


@pytest.fixture
def officer(org):
    return make_officer(org)


def test_landing_shows_the_guideline_with_strict_headers_and_no_cookie(client, org, officer):
    response = client.get("/corruption/")
    assert response.status_code == 200
    assert_strict(response)
    html = response.content.decode()
    assert "แนวทางการจัดการเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in html
    assert '<meta name="robots" content="noindex' in html
    assert "/corruption/report/" in html
    assert not response.cookies
    assert "<script" not in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html


def test_pages_work_in_english_too(client, org, officer):
    assert client.get("/en/corruption/").status_code == 200
    assert client.get("/en/corruption/report/").status_code == 200
    assert client.get("/en/corruption/follow-up/").status_code == 200


def test_the_form_sets_no_cookie_and_shows_recipients_by_position(client, org, officer):
    membership, _ = officer
    response = client.get("/corruption/report/")
    assert response.status_code == 200
    assert_strict(response)
    assert not response.cookies
    html = response.content.decode()
    assert "บัตรสนเท่ห์" in html
    assert membership.user.last_name not in html  # positions, never names


def test_an_anonymous_report_with_a_photo_gets_a_receipt_once(client, org, officer):
    token = form_token(client)
    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post("/corruption/report/", {**report_data(token), "evidence": [photo]})
    assert response.status_code == 200
    assert_strict(response)
    receipt = receipt_of(response)
    assert len(receipt) == 16
    assert not response.cookies
    report = Report.objects.get(organization=org)
    assert report.attachment_count == 1
    assert receipt not in str(Report.objects.values().get(pk=report.pk))
    # The same form sent again does not make a second report.
    again = client.post("/corruption/report/", report_data(token))
    assert again.status_code == 409
    assert Report.objects.filter(organization=org).count() == 1
    with translation.override("en"):
        assert (
            "This form was already sent" in client.post("/en/corruption/report/", report_data(token)).content.decode()
        )


def test_bad_input_keeps_the_form_and_explains(client, org, officer):
    token = form_token(client)
    response = client.post("/corruption/report/", report_data(token, q_what="", q_who="ก" * 2001, category="nope"))
    assert response.status_code == 400
    html = response.content.decode()
    assert "ก" * 2001 in html  # the input is kept
    assert html.count('class="field__error"') >= 3
    assert not Report.objects.exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("photo.jpg", b"#!/bin/sh\necho evil\n", "JPG and PNG"),
        ("memo.docx", None, "zip bomb"),
        ("doc.pdf", None, "scripts"),
    ],
)
def test_disguised_or_dangerous_files_are_refused_with_a_message(client, org, officer, name, data, message):
    data = data or (zip_bomb_docx() if name.endswith("docx") else pdf_with_javascript())
    token = form_token(client)
    with translation.override("en"):
        response = client.post(
            "/en/corruption/report/", {**report_data(token), "evidence": [SimpleUploadedFile(name, data)]}
        )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Report.objects.exists()
    # Nothing was lost: the same form goes through once the file is left out.
    response = client.post("/corruption/report/", report_data(token))
    assert response.status_code == 200 and Report.objects.count() == 1


def test_an_oversized_file_is_refused(client, org, officer, settings):
    settings.PRONGSAI_COMPLAINTS = {**settings.PRONGSAI_COMPLAINTS, "MAX_FILE_BYTES": 2000}
    token = form_token(client)
    big = SimpleUploadedFile("big.pdf", b"%PDF-1.4\n" + b"0" * 5000)
    with translation.override("en"):
        response = client.post("/en/corruption/report/", {**report_data(token), "evidence": [big]})
    assert response.status_code == 400
    assert "larger than 10 MB" in response.content.decode()


def test_an_expired_form_is_refreshed_not_lost(client, org, officer):
    with translation.override("en"):
        response = client.post("/en/corruption/report/", report_data("forged:token:value"))
    assert response.status_code == 400
    assert "open too long" in response.content.decode()
    assert "MarkerWhatHappened" in response.content.decode()
    token = re.search(r'name="form_token" value="([^"]+)"', response.content.decode()).group(1)
    assert client.post("/corruption/report/", report_data(token)).status_code == 200


def test_a_flood_of_submissions_is_throttled_with_a_message(client, org, officer, settings):
    settings.PRONGSAI_COMPLAINTS = {**settings.PRONGSAI_COMPLAINTS, "SUBMIT_CLIENT_LIMIT": 2}
    for _ in range(2):
        assert client.post("/corruption/report/", report_data(form_token(client))).status_code == 200
    with translation.override("en"):
        response = client.post("/en/corruption/report/", report_data(form_token(client)))
    assert response.status_code == 429
    assert "Too many reports" in response.content.decode()
    assert "MarkerWhatHappened" in response.content.decode()
    assert Report.objects.count() == 2
    # Another client is not blocked by the first one's flood.
    other = client.post("/corruption/report/", report_data(form_token(client)), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


def test_no_officer_means_no_online_report(client, org):
    assert client.get("/corruption/report/").status_code == 503


def test_follow_up_reads_the_reply_and_sends_a_message(client, org, officer):
    membership, private = officer
    token = form_token(client)
    receipt = receipt_of(client.post("/corruption/report/", report_data(token)))
    report = Report.objects.get()
    services.officer_message_add(report=report, actor=membership.user, officer_private=private, body="MarkerReply")
    response = client.post("/corruption/follow-up/", {"receipt": " ".join(receipt[i : i + 4] for i in range(0, 16, 4))})
    assert response.status_code == 302
    assert response["Location"] == "/corruption/follow-up/case/"
    assert_strict(response)
    assert "prongsai_vault" in response.cookies and response.cookies["prongsai_vault"]["httponly"]
    page = client.get("/corruption/follow-up/case/")
    assert page.status_code == 200
    assert_strict(page)
    html = page.content.decode()
    assert "MarkerReply" in html
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    sent = client.post(
        "/corruption/follow-up/case/",
        {"token": token, "body": "ขอบคุณครับ", "evidence": [SimpleUploadedFile("p.jpg", jpeg_with_gps())]},
    )
    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.message_count == 2 and report.attachment_count == 1 and report.awaiting_officer
    assert Message.objects.filter(report=report, author_kind="reporter").count() == 1
    # A forged post without the session's token does nothing.
    client.post("/corruption/follow-up/case/", {"token": "x", "body": "forged"})
    assert Message.objects.filter(report=report).count() == 2
    # Ending the visit forgets the key.
    client.post("/corruption/follow-up/end/")
    assert client.get("/corruption/follow-up/case/")["Location"] == "/corruption/follow-up/"


def test_follow_up_ends_when_idle(client, org, officer, monkeypatch):
    receipt = receipt_of(client.post("/corruption/report/", report_data(form_token(client))))
    client.post("/corruption/follow-up/", {"receipt": receipt})
    import time as time_module

    real = time_module.time
    monkeypatch.setattr("prongsai.complaints.views.time.time", lambda: real() + 21 * 60)
    response = client.get("/corruption/follow-up/case/")
    assert response.status_code == 302 and "expired=1" in response["Location"]


def test_malformed_and_wrong_receipts(client, org, officer):
    with translation.override("en"):
        response = client.post("/en/corruption/follow-up/", {"receipt": "12ab"})
        assert response.status_code == 400
        assert "exactly 16 digits" in response.content.decode()
        response = client.post("/en/corruption/follow-up/", {"receipt": "1" * 5000})
        assert response.status_code == 400
        response = client.post("/en/corruption/follow-up/", {"receipt": "0000 0000 0000 0000"})
        assert response.status_code == 400
        assert "No report has this tracking code" in response.content.decode()


def test_receipt_guessing_is_throttled_per_client_and_globally(client, org, officer, settings):
    settings.PRONGSAI_COMPLAINTS = {**settings.PRONGSAI_COMPLAINTS, "RECEIPT_GLOBAL_FAILURES": 8}
    receipt = receipt_of(client.post("/corruption/report/", report_data(form_token(client))))
    for guess in range(5):
        assert client.post("/corruption/follow-up/", {"receipt": f"{guess:016d}"}).status_code == 400
    with translation.override("en"):
        locked = client.post("/en/corruption/follow-up/", {"receipt": receipt})
    assert locked.status_code == 429  # even the right receipt waits while the client is locked
    assert "Try again in 5 minutes" in locked.content.decode()
    # Other clients still get in until the organization-wide limit is reached.
    assert client.post("/corruption/follow-up/", {"receipt": "1" * 16}, REMOTE_ADDR="10.1.1.1").status_code == 400
    assert client.post("/corruption/follow-up/", {"receipt": "2" * 16}, REMOTE_ADDR="10.1.1.2").status_code == 400
    # The eighth failure for the organization locks everyone out for a while, even with a right receipt.
    assert client.post("/corruption/follow-up/", {"receipt": "3" * 16}, REMOTE_ADDR="10.1.1.3").status_code == 400
    assert client.post("/corruption/follow-up/", {"receipt": receipt}, REMOTE_ADDR="10.1.1.4").status_code == 429


def test_repeated_locks_grow(org):
    from prongsai.complaints.security import lock_remaining, register_failure

    first = [register_failure("t", "k", limit=2, window=60, lock_seconds=10) for _ in range(2)]
    second = [register_failure("t", "k", limit=2, window=60, lock_seconds=10) for _ in range(2)]
    assert first == [0, 10] and second == [0, 20]
    assert 0 < lock_remaining("t", "k") <= 21


def test_statistics_page_and_downloads(client, org, officer):
    import datetime as dt

    from openpyxl import load_workbook

    submit(org, today=dt.date(2023, 3, 1))
    response = client.get("/corruption/statistics/2566/")
    assert response.status_code == 200
    assert_strict(response)
    assert re.search(r'data-testid="received">1<', response.content.decode())
    csv_response = client.get("/corruption/statistics/2566.csv")
    assert csv_response["Content-Type"].startswith("text/csv")
    assert "2566" in csv_response.content.decode("utf-8-sig")
    xlsx = client.get("/corruption/statistics/2566.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[1] == 1]
    assert values, "the total row counts the report"
    assert client.get("/corruption/statistics/").status_code == 302
    assert client.get("/corruption/statistics/1999/").status_code == 404


def test_evidence_points_at_the_channel_guideline_and_statistics(org, officer):
    from prongsai.complaints.evidence import evidence_for
    from prongsai.core.thai import FiscalYear

    evidence = evidence_for(org, FiscalYear(2566))
    assert set(evidence) == {"complaint_channel", "complaint_guideline", "complaint_statistics"}
    assert evidence["complaint_channel"][0][1].endswith("/corruption/report/")
    assert evidence["complaint_guideline"][0][1].endswith("/corruption/")
    assert evidence["complaint_statistics"][0][1].endswith("/corruption/statistics/2566/")


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"form_token": ""},
        {"form_token": "x" * 5000, "category": "bribery"},
        {"recipients": ["abc", "-1"], "category": "\x00\x01"},
        {"q_what": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "q_when": "not a date"},
    ],
)
def test_garbage_never_causes_a_server_error(client, org, officer, data):
    for path in ("/corruption/report/", "/corruption/follow-up/", "/corruption/follow-up/case/"):
        response = client.post(path, data)
        assert response.status_code < 500, (path, response.status_code)
    assert client.post("/corruption/report/", b"\xff\xfe garbage", content_type="multipart/form-data").status_code < 500
    assert client.get("/corruption/statistics/99999/").status_code == 404


def test_maintenance_commands_report_what_they_did(org, officer):
    from django.core.management import call_command

    out = io.StringIO()
    call_command("complaints_retention", stdout=out)
    call_command("complaints_reminders", stdout=out)
    call_command("complaints_escrow_keygen", stdout=out)
    text = out.getvalue()
    assert "destroyed 0 report(s)" in text and "sent 0 reminder(s)" in text and "public key" in text
