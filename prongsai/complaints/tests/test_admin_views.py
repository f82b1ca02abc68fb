from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from prongsai.complaints import services
from prongsai.complaints.models import Questionnaire, Report
from prongsai.complaints.tests.factories import OFFICER_PASSPHRASE, clean, make_officer, pdf_bytes, submit
from prongsai.core.models import AuditEntry
from prongsai.core.tests.factories import make_staff
from prongsai.core.twofactor.testing import login_verified

pytestmark = pytest.mark.usefixtures("cheap_argon2")


def unlock(client: Any, passphrase: str = OFFICER_PASSPHRASE) -> Any:
    return client.post("/admin/complaints/key/unlock/", {"passphrase": passphrase})


@pytest.fixture
def officer(org):
    return make_officer(org)


@pytest.fixture
def officer_client(client, officer):
    login_verified(client, officer[0].user)
    return client


def test_only_verified_complaint_officers_get_in(client, org, officer):
    staff = make_staff(organization=org, roles=("staff",)).user
    client.force_login(staff)
    assert client.get("/admin/complaints/").status_code == 403
    client.force_login(officer[0].user)  # no second factor in this session
    assert client.get("/admin/complaints/").status_code in (302, 403)
    login_verified(client, officer[0].user)
    assert client.get("/admin/complaints/").status_code == 200


def test_the_officer_view_itself_checks_the_second_factor(rf, org, officer):
    from django.contrib.sessions.backends.db import SessionStore

    from prongsai.complaints.admin_views import inbox

    request = rf.get("/admin/complaints/")
    request.user = officer[0].user
    request.user.is_verified = lambda: False
    request.session = SessionStore()
    request.organization = org
    assert inbox(request).status_code == 403


def test_key_setup_shows_the_recovery_key_once_then_unlock(client, org):
    member = make_staff(organization=org, roles=("complaint_officer",))
    login_verified(client, member.user)
    assert "/admin/complaints/key/setup/" in client.get("/admin/complaints/").content.decode()
    response = client.post(
        "/admin/complaints/key/setup/", {"passphrase": "a long passphrase", "passphrase_again": "a long passphrase"}
    )
    assert response.status_code == 200
    recovery = re.search(r'data-testid="recovery-key">([A-Z2-7-]+)<', response.content.decode()).group(1)
    assert len(recovery.replace("-", "")) == 52
    assert recovery not in str(list(AuditEntry.objects.values()))
    assert client.get("/admin/complaints/key/setup/").status_code == 302  # only once
    wrong = unlock(client, "not the passphrase")
    assert wrong.status_code == 200 and "prongsai_vault" not in wrong.cookies
    right = unlock(client, "a long passphrase")
    assert right.status_code == 302 and right.cookies["prongsai_vault"]["httponly"]


def test_an_officer_reads_and_every_read_is_audited(officer_client, org, officer):
    report = submit(
        org,
        what="MarkerAdminRead",
        identity={"name": "นางผู้แจ้ง", "contact": "", "address": ""},
        files=[clean("หลักฐาน.pdf", pdf_bytes("evidence"))],
    ).report
    locked = officer_client.get(f"/admin/complaints/{report.pk}/")
    assert locked.status_code == 302 and "/key/unlock/" in locked["Location"]
    assert unlock(officer_client).status_code == 302
    for _ in range(3):
        page = officer_client.get(f"/admin/complaints/{report.pk}/")
        assert page.status_code == 200
        assert "no-store" in page["Cache-Control"] and page["Referrer-Policy"] == "same-origin"
        html = page.content.decode()
        assert "MarkerAdminRead" in html and "นางผู้แจ้ง" in html and "หลักฐาน.pdf" in html
    reads = AuditEntry.objects.filter(action="complaints.report.read", object_id=str(report.pk), actor=officer[0].user)
    assert reads.count() == 3
    attachment_pk = report.attachments.get().pk
    download = officer_client.get(f"/admin/complaints/{report.pk}/files/{attachment_pk}/")
    assert download.content == pdf_bytes("evidence")
    assert "attachment;" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action="complaints.attachment.read", object_id=str(report.pk)).count() == 1


def test_a_superuser_who_is_not_designated_is_refused(client, org, officer):
    report = submit(org, what="MarkerSecret").report
    boss = make_staff(organization=org, roles=("system_admin",)).user
    boss.is_superuser = True
    boss.save()
    login_verified(client, boss)
    response = client.get(f"/admin/complaints/{report.pk}/")
    assert response.status_code == 403
    assert "MarkerSecret" not in response.content.decode()
    assert AuditEntry.objects.filter(action="complaints.report.read_denied", actor=boss).exists()
    inbox = client.get("/admin/complaints/")
    assert inbox.status_code == 200 and f"#{report.pk}<" not in inbox.content.decode()


def test_reply_status_note_and_hold_through_the_workspace(officer_client, org, officer):
    submission = submit(org)
    report = submission.report
    unlock(officer_client)
    officer_client.post(f"/admin/complaints/{report.pk}/reply/", {"reply-body": "MarkerOfficerReply"})
    officer_client.post(f"/admin/complaints/{report.pk}/note/", {"note-body": "MarkerInternalNote"})
    officer_client.post(f"/admin/complaints/{report.pk}/status/", {"status": "acknowledged"})
    officer_client.post(f"/admin/complaints/{report.pk}/status/", {"status": "closed"})  # not allowed from here
    officer_client.post(f"/admin/complaints/{report.pk}/hold/", {"hold": "1"})
    report.refresh_from_db()
    assert (report.status, report.legal_hold, report.message_count) == ("acknowledged", True, 1)
    _, reporter_private = services.report_login(organization=org, receipt=submission.receipt)
    seen = services.report_open_for_reporter(report=report, reporter_private=reporter_private)
    assert [m.body for m in seen.messages] == ["MarkerOfficerReply"]
    assert "MarkerInternalNote" not in str(seen)  # notes stay with the officers
    html = officer_client.get(f"/admin/complaints/{report.pk}/").content.decode()
    assert "MarkerInternalNote" in html
    actions = set(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert {"complaints.message.create", "complaints.note.create", "complaints.report.status"} <= actions


def test_tampered_report_shows_an_integrity_message(officer_client, org, officer):
    report = submit(org).report
    data = bytearray(bytes(report.content_enc))
    data[40] ^= 0xFF
    Report.objects.filter(pk=report.pk).update(content_enc=bytes(data))
    unlock(officer_client)
    response = officer_client.get(f"/admin/complaints/{report.pk}/")
    assert response.status_code == 409
    assert 'data-testid="integrity-failure"' in response.content.decode()
    assert AuditEntry.objects.filter(action="complaints.report.integrity_failure").exists()


def test_excluding_a_colleague_through_the_workspace(officer_client, org, officer):
    colleague, colleague_private = make_officer(org)
    report = submit(org).report
    unlock(officer_client)
    officer_client.post(f"/admin/complaints/{report.pk}/exclude/", {"officer": colleague.user.pk})
    with pytest.raises(services.NotDesignated):
        services.report_open_for_officer(report=report, user=colleague.user, officer_private=colleague_private)
    assert AuditEntry.objects.filter(action="complaints.report.exclude").exists()


def test_inbox_queries_do_not_grow_with_reports(officer_client, org, officer):
    submit(org)
    with CaptureQueriesContext(connection) as few:
        assert officer_client.get("/admin/complaints/").status_code == 200
    for _ in range(8):
        submit(org)
    with CaptureQueriesContext(connection) as many:
        response = officer_client.get("/admin/complaints/")
    assert response.content.decode().count('href="/admin/complaints/') >= 9
    assert len(many) == len(few)


def test_settings_and_questionnaire_permissions(client, org, officer):
    login_verified(client, officer[0].user)
    response = client.get("/admin/complaints/settings/")
    assert response.status_code == 200
    assert client.get("/admin/complaints/questionnaire/").status_code == 403
    admin = make_staff(organization=org, roles=("system_admin",)).user
    login_verified(client, admin)
    page = client.get("/admin/complaints/questionnaire/")
    assert page.status_code == 200
    response = client.post("/admin/complaints/questionnaire/", {"definition": "{not json"})
    assert response.status_code == 200 and "{not json" in response.content.decode()  # kept, with an error
    assert Questionnaire.objects.filter(organization=org).count() == 1
    definition = '{"fields": [{"name": "what", "type": "textarea", "label": "เล่าเหตุการณ์", "required": true}]}'
    assert client.post("/admin/complaints/questionnaire/", {"definition": definition}).status_code == 302
    assert "เล่าเหตุการณ์" in client.get("/corruption/report/").content.decode()
