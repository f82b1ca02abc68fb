from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from prongsai.complaints import crypto, services
from prongsai.complaints.models import (
    DestroyedReport,
    Exclusion,
    Message,
    OfficerKey,
    Report,
    ReportKey,
    ReportStatus,
)
from prongsai.complaints.selectors import statistics_for
from prongsai.complaints.tests.factories import OFFICER_PASSPHRASE, clean, make_officer, pdf_bytes, submit
from prongsai.core.models import AuditEntry
from prongsai.core.tests.factories import make_organization, make_staff
from prongsai.core.thai import FiscalYear

pytestmark = pytest.mark.usefixtures("cheap_argon2")


def test_a_report_round_trips_for_the_reporter_and_the_officer(org):
    officer, private = make_officer(org)
    submission = submit(
        org,
        what="เรียกรับเงิน ๕,๐๐๐ บาท",
        identity={"name": "นายผู้แจ้ง", "contact": "0811111111", "address": ""},
        files=[clean("ใบเสร็จ.pdf", pdf_bytes("receipt"))],
    )
    report = submission.report
    assert report.status == ReportStatus.RECEIVED
    assert report.acknowledgement_due == report.created_on + dt.timedelta(days=15)
    assert report.attachment_count == 1
    found, reporter_private = services.report_login(organization=org, receipt=submission.receipt)
    assert found.pk == report.pk
    seen_by_reporter = services.report_open_for_reporter(report=found, reporter_private=reporter_private)
    assert seen_by_reporter.answers["what"] == "เรียกรับเงิน ๕,๐๐๐ บาท"
    assert seen_by_reporter.identity is None  # the follow-up page never shows identity back
    opened = services.report_open_for_officer(report=report, user=officer.user, officer_private=private)
    assert opened.answers["what"] == "เรียกรับเงิน ๕,๐๐๐ บาท"
    assert opened.identity == {"name": "นายผู้แจ้ง", "contact": "0811111111", "address": ""}
    assert [f.name for f in opened.files] == ["ใบเสร็จ.pdf"]
    name, content_type, content = services.attachment_open_for_officer(
        report=report, user=officer.user, officer_private=private, attachment_pk=opened.files[0].pk
    )
    assert (name, content_type, content) == ("ใบเสร็จ.pdf", "application/pdf", pdf_bytes("receipt"))
    actions = list(AuditEntry.objects.filter(object_id=str(report.pk)).values_list("action", flat=True))
    assert "complaints.report.read" in actions and "complaints.attachment.read" in actions


def test_the_report_keeps_the_questionnaire_version_it_was_filed_with(org):
    make_officer(org)
    first = submit(org).report
    definition = {"fields": [{"name": "what", "type": "textarea", "label": "เรื่องใหม่", "required": True}]}
    services.questionnaire_publish(actor=None, organization=org, definition=definition)
    second = submit(org).report
    assert (first.questionnaire_version, second.questionnaire_version) == (1, 2)
    first.refresh_from_db()
    assert first.questionnaire_definition["fields"][0]["label"].startswith("เกิดอะไรขึ้น")
    assert second.questionnaire_definition["fields"][0]["label"] == "เรื่องใหม่"


def test_questionnaire_validation_refuses_bad_definitions(org):
    from django.core.exceptions import ValidationError

    for bad in ({}, {"fields": []}, {"fields": [{"name": "bad name", "label": "x"}]}, {"fields": [{"name": "a"}]}):
        with pytest.raises(ValidationError):
            services.questionnaire_publish(actor=None, organization=org, definition=bad)


def test_a_superuser_who_is_not_designated_cannot_open_a_report(org, django_user_model):
    make_officer(org)
    report = submit(org).report
    boss = make_staff(organization=org, roles=("complaint_officer",)).user
    boss.is_superuser = True
    boss.save()
    services.officer_key_create(user=boss, organization=org, passphrase=OFFICER_PASSPHRASE)
    boss_private = services.officer_key_unlock(user=boss, organization=org, passphrase=OFFICER_PASSPHRASE)
    with pytest.raises(services.NotDesignated):
        services.report_open_for_officer(report=report, user=boss, officer_private=boss_private)
    assert AuditEntry.objects.filter(action="complaints.report.read_denied", actor=boss).exists()
    assert not AuditEntry.objects.filter(action="complaints.report.read", actor=boss).exists()


def test_the_reporter_can_leave_out_an_officer(org):
    kept, _ = make_officer(org)
    named, _ = make_officer(org)
    kept_key = OfficerKey.objects.get(user=kept.user)
    report = submit(org, recipients=[kept_key.pk]).report
    assert list(ReportKey.objects.filter(report=report).values_list("officer_id", flat=True)) == [kept.user.pk]
    assert Exclusion.objects.filter(report=report, officer=named.user, by_reporter=True).exists()
    with pytest.raises(services.NoRecipients):
        submit(org, recipients=[999999])


def test_excluding_an_officer_rotates_the_report_keys(org):
    first, first_private = make_officer(org)
    second, second_private = make_officer(org)
    submission = submit(org, files=[clean("a.pdf", pdf_bytes("evidence"))])
    report = submission.report
    services.officer_message_add(report=report, actor=first.user, officer_private=first_private, body="ขอข้อมูลเพิ่ม")
    old_sealed = bytes(ReportKey.objects.get(report=report, officer=second.user).sealed_key)
    services.officer_exclude(report=report, actor=first.user, officer_private=first_private, excluded_user=second.user)
    report.refresh_from_db()
    assert not ReportKey.objects.filter(report=report, officer=second.user).exists()
    # What the excluded officer may have kept no longer opens the report's data.
    old_report_private = crypto.unseal(second_private, old_sealed)
    with pytest.raises(crypto.IntegrityFailure):
        crypto.unseal(old_report_private, bytes(report.data_key_sealed))
    with pytest.raises(services.NotDesignated):
        services.report_open_for_officer(report=report, user=second.user, officer_private=second_private)
    opened = services.report_open_for_officer(report=report, user=first.user, officer_private=first_private)
    assert opened.messages[0].body == "ขอข้อมูลเพิ่ม"
    # The reporter's receipt still works after the rotation.
    _, reporter_private = services.report_login(organization=org, receipt=submission.receipt)
    seen = services.report_open_for_reporter(report=report, reporter_private=reporter_private)
    assert seen.messages[0].body == "ขอข้อมูลเพิ่ม"
    with pytest.raises(services.ComplaintError):
        services.officer_grant(report=report, actor=first.user, officer_private=first_private, officer_user=second.user)


def test_status_follows_the_allowed_transitions(org):
    officer, _ = make_officer(org)
    report = submit(org).report
    with pytest.raises(services.ComplaintError):
        services.report_status_change(report=report, actor=officer.user, status="closed")
    for status in ("acknowledged", "under_review", "investigating"):
        report = services.report_status_change(report=report, actor=officer.user, status=status)
    with pytest.raises(services.ComplaintError):
        services.report_status_change(report=report, actor=officer.user, status="concluded")
    report = services.report_status_change(
        report=report, actor=officer.user, status="concluded", outcome="substantiated"
    )
    with pytest.raises(services.ComplaintError):
        services.report_status_change(report=report, actor=officer.user, status="referred", referred_to="nowhere")
    report = services.report_status_change(report=report, actor=officer.user, status="referred", referred_to="nacc")
    report = services.report_status_change(report=report, actor=officer.user, status="closed")
    assert (report.status, report.outcome, report.referred_to) == ("closed", "substantiated", "nacc")
    assert report.acknowledged_on and report.concluded_on and report.closed_on
    assert AuditEntry.objects.filter(action="complaints.report.status", object_id=str(report.pk)).count() == 6


def test_tampered_ciphertext_is_detected_and_audited(org):
    officer, private = make_officer(org)
    report = submit(org).report
    data = bytearray(bytes(report.content_enc))
    data[-5] ^= 0x01
    Report.objects.filter(pk=report.pk).update(content_enc=bytes(data))
    report.refresh_from_db()
    with pytest.raises(crypto.IntegrityFailure):
        services.report_open_for_officer(report=report, user=officer.user, officer_private=private)
    assert AuditEntry.objects.filter(action="complaints.report.integrity_failure", object_id=str(report.pk)).exists()
    assert not AuditEntry.objects.filter(action="complaints.report.read", object_id=str(report.pk)).exists()


def test_swapping_ciphertext_between_fields_is_detected(org):
    officer, private = make_officer(org)
    report = submit(org, identity={"name": "x", "contact": "", "address": ""}).report
    Report.objects.filter(pk=report.pk).update(content_enc=bytes(report.identity_enc))
    report.refresh_from_db()
    with pytest.raises(crypto.IntegrityFailure):
        services.report_open_for_officer(report=report, user=officer.user, officer_private=private)


def test_a_form_nonce_is_accepted_once(org):
    make_officer(org)
    common = {"organization": org, "category": "other", "answers": {"what": "x"}, "identity": None, "files": []}
    services.report_submit(form_nonce="same", **common)
    with pytest.raises(services.DuplicateSubmission):
        services.report_submit(form_nonce="same", **common)
    assert Report.objects.filter(organization=org).count() == 1


def test_wrong_receipt_and_expired_receipt(org):
    make_officer(org)
    submission = submit(org, today=dt.date(2024, 1, 10))
    with pytest.raises(crypto.WrongSecret):
        services.report_login(organization=org, receipt="0000000000000000")
    other = make_organization()
    with pytest.raises(crypto.WrongSecret):
        services.report_login(organization=other, receipt=submission.receipt)
    with pytest.raises(services.ReceiptExpired):
        services.report_login(organization=org, receipt=submission.receipt, today=dt.date(2025, 6, 1))
    report = Report.objects.get(pk=submission.report.pk)
    assert report.reporter_access_expired and report.receipt_hash == "" and report.reporter_private_key_enc is None
    with pytest.raises(crypto.WrongSecret):
        services.report_login(organization=org, receipt=submission.receipt, today=dt.date(2024, 1, 11))


def test_officer_key_passphrase_recovery_and_escrow(org):
    from prongsai.complaints.models import ChannelSettings

    escrow_private, escrow_public = crypto.keypair()
    channel = services.channel_settings_ensure(organization=org)
    channel.escrow_public_key = escrow_public.hex()
    services.channel_settings_update(actor=None, channel=channel, changed=["escrow_public_key"])
    assert ChannelSettings.objects.get(organization=org).escrow_public_key
    member = make_staff(organization=org, roles=("complaint_officer",))
    with pytest.raises(services.ComplaintError):
        services.officer_key_create(user=member.user, organization=org, passphrase="short")
    recovery = services.officer_key_create(user=member.user, organization=org, passphrase=OFFICER_PASSPHRASE)
    private = services.officer_key_unlock(user=member.user, organization=org, passphrase=OFFICER_PASSPHRASE)
    with pytest.raises(crypto.WrongSecret):
        services.officer_key_unlock(user=member.user, organization=org, passphrase="wrong passphrase!!")
    new_recovery = services.officer_key_recover(
        user=member.user, organization=org, recovery_key=recovery, passphrase="a brand new passphrase"
    )
    assert new_recovery != recovery
    assert (
        services.officer_key_unlock(user=member.user, organization=org, passphrase="a brand new passphrase") == private
    )
    with pytest.raises(crypto.WrongSecret):
        services.officer_key_recover(user=member.user, organization=org, recovery_key=recovery, passphrase="x" * 12)
    services.officer_key_restore_from_escrow(
        user=member.user, organization=org, escrow_private_key=escrow_private, passphrase="restored by two people"
    )
    assert (
        services.officer_key_unlock(user=member.user, organization=org, passphrase="restored by two people") == private
    )
    assert AuditEntry.objects.filter(action="complaints.key.unlock_failed", actor=member.user).exists()


def test_retention_destroys_expired_reports_except_on_legal_hold(org):
    officer, _ = make_officer(org)
    services.channel_settings_ensure(organization=org)
    day = dt.date(2023, 1, 5)
    reports = [submit(org, today=day).report for _ in range(3)]
    for report in reports[:2]:
        for status, extra in (("acknowledged", {}), ("concluded", {"outcome": "unsubstantiated"}), ("closed", {})):
            services.report_status_change(report=report, actor=officer.user, status=status, today=day, **extra)
    services.report_legal_hold_set(report=reports[1], actor=officer.user, hold=True)
    before = statistics_for(org, FiscalYear(2566)).total
    result = services.retention_run(today=day + dt.timedelta(days=1826))
    assert result.destroyed == 1
    assert not Report.objects.filter(pk=reports[0].pk).exists()
    assert not ReportKey.objects.filter(report_id=reports[0].pk).exists()
    assert not Message.objects.filter(report_id=reports[0].pk).exists()
    assert Report.objects.filter(pk=reports[1].pk).exists()  # legal hold
    assert Report.objects.filter(pk=reports[2].pk).exists()  # still open
    entry = AuditEntry.objects.get(action="complaints.report.destroy")
    assert entry.object_id == str(reports[0].pk)
    assert set(entry.data) == {"reason", "status", "received_on"}
    assert DestroyedReport.objects.filter(organization=org).count() == 1
    after = statistics_for(org, FiscalYear(2566)).total
    assert (after.received, after.completed) == (before.received, before.completed) == (3, 2)


def test_notifications_carry_no_content_and_are_rate_capped(org, django_capture_on_commit_callbacks):
    _officer, _private = make_officer(org, email="officer@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        submission = submit(org, what="MarkerNotifyContent")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["officer@example.org"]
    assert "MarkerNotifyContent" not in message.subject + message.body
    assert f"/admin/complaints/{submission.report.pk}/" in message.body
    _, reporter_private = services.report_login(organization=org, receipt=submission.receipt)
    with django_capture_on_commit_callbacks(execute=True):
        services.reporter_message_add(report=submission.report, reporter_private=reporter_private, body="ตามเรื่อง")
    assert len(mail.outbox) == 1  # capped: one mail per officer per 10 minutes
    later = services.officers_notify(
        report_id=submission.report.pk, event="new_message", now=dt.datetime.now(dt.UTC) + dt.timedelta(minutes=11)
    )
    assert later == 1 and len(mail.outbox) == 2
    assert "ตามเรื่อง" not in mail.outbox[1].body


def test_statistics_count_by_month_quarter_and_type(org):
    officer, _ = make_officer(org)
    submit(org, category="bribery", today=dt.date(2022, 10, 3))
    done = submit(org, category="procurement", today=dt.date(2023, 2, 1)).report
    submit(org, category="bribery", today=dt.date(2023, 10, 1))  # next fiscal year
    for status, extra in (("acknowledged", {}), ("concluded", {"outcome": "not_processable"})):
        services.report_status_change(report=done, actor=officer.user, status=status, **extra)
    stats = statistics_for(org, FiscalYear(2566))
    assert (stats.total.received, stats.total.completed, stats.total.in_progress) == (2, 1, 1)
    assert [row.received for row in stats.quarters] == [1, 0, 1, 0] or [row.received for row in stats.quarters] == [
        1,
        1,
        0,
        0,
    ]
    assert stats.months[0].received == 1 and stats.months[0].label == "ต.ค. 2565"
    by_type = {row.label: row.received for row in stats.categories}
    assert sum(by_type.values()) == 2


def test_receipts_survive_a_secret_key_rotation(org, settings):
    make_officer(org)
    submission = submit(org)
    old_index = Report.objects.get(pk=submission.report.pk).receipt_index
    settings.SECRET_KEY_FALLBACKS = [settings.SECRET_KEY]
    settings.SECRET_KEY = "a-new-secret-key-after-rotation"
    report, _ = services.report_login(organization=org, receipt=submission.receipt)
    assert report.pk == submission.report.pk
    assert Report.objects.get(pk=report.pk).receipt_index != old_index
    settings.SECRET_KEY_FALLBACKS = []
    assert services.report_login(organization=org, receipt=submission.receipt)[0].pk == report.pk


def test_one_organization_never_sees_another_organizations_reports(org):
    from prongsai.complaints.selectors import inbox_count, inbox_for, report_for

    officer, _ = make_officer(org)
    report = submit(org).report
    other = make_organization()
    other_officer, _ = make_officer(other)
    assert report_for(other, report.pk) is None
    assert report_for(org, report.pk) == report
    assert list(inbox_for(other, officer.user)) == [] and inbox_count(other, officer.user) == 0
    assert list(inbox_for(org, other_officer.user)) == []
    assert statistics_for(other, FiscalYear.for_date(report.created_on)).total.received == 0
