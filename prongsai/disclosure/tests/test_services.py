"""The tracker's writes: assigning, evidence (and its bad input), review, produced evidence."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from prongsai.core.evidence import ProducedEvidence
from prongsai.core.models import AuditEntry
from prongsai.disclosure import selectors, services
from prongsai.disclosure.models import AssignmentStatus, EvidenceKind, OitEvidence, ReviewAction
from prongsai.disclosure.tests.factories import assign, open_year

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_opening_a_year_creates_one_assignment_per_item_once(town):
    first = open_year(town.organization)
    again = open_year(town.organization)
    assert len(first) == 43
    assert list(first) == [f"O{n}" for n in range(1, 44)]
    assert {a.pk for a in first.values()} == {a.pk for a in again.values()}
    assert all(a.status == AssignmentStatus.NOT_STARTED for a in first.values())


def test_a_year_without_framework_is_refused(town):
    with pytest.raises(ValidationError):
        services.oit_year_open(organization=town.organization, fiscal_year=2400)


def test_only_the_coordinator_assigns_and_only_own_departments(town, other_town):
    items = open_year(town.organization)
    coordinator = town.people["coordinator"]
    with pytest.raises(PermissionDenied):
        assign(items["O1"], town.departments["pr"], actor=town.people["head"])
    with pytest.raises(ValidationError) as error:
        assign(items["O1"], other_town.departments["finance"], actor=coordinator)
    assert "departments" in error.value.message_dict
    assign(items["O1"], town.departments["pr"], town.departments["admin"], actor=coordinator, due=dt.date(2023, 1, 31))
    items["O1"].refresh_from_db()
    assert {d.name for d in items["O1"].departments.all()} == {"งานธุรการ", "ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์"}
    assert items["O1"].due_date == dt.date(2023, 1, 31)
    assert items["O1"].history.filter(action=ReviewAction.ASSIGNED).count() == 1
    assert AuditEntry.objects.filter(action="disclosure.assignment.assign", object_id=str(items["O1"].pk)).exists()


def test_a_page_of_the_site_is_stored_by_its_path_and_starts_the_item(town):
    item = open_year(town.organization)["O5"]
    assign(item, town.departments["pr"])
    evidence = services.oit_evidence_add(
        actor=town.people["pr_staff"],
        assignment=item,
        kind="page",
        page=town.pages["contact"],
        note="เบอร์โทรศัพท์อยู่ย่อหน้าที่สอง",
    )
    assert evidence.url == "/contact/"
    assert evidence.title == "ติดต่อเทศบาล"
    assert evidence.published_at is None
    item.refresh_from_db()
    assert item.status == AssignmentStatus.IN_PROGRESS


@pytest.mark.parametrize("raw", ["htp:/broken", "not a url", "javascript:alert(1)", "https://", "ftp://example.com/x"])
def test_malformed_addresses_are_refused_with_a_message_and_nothing_saved(town, raw):
    item = open_year(town.organization)["O9"]
    assign(item, town.departments["pr"])
    with pytest.raises(ValidationError) as error:
        services.oit_evidence_add(actor=town.people["pr_staff"], assignment=item, kind="url", url=raw)
    assert error.value.message_dict["url"][0]
    assert not OitEvidence.objects.exists()
    item.refresh_from_db()
    assert item.status == AssignmentStatus.NOT_STARTED


def test_an_unpublished_page_is_refused_whether_chosen_or_pasted(town):
    item = open_year(town.organization)["O1"]
    assign(item, town.departments["admin"])
    staff = town.people["admin_staff"]
    with pytest.raises(ValidationError) as chosen:
        services.oit_evidence_add(actor=staff, assignment=item, kind="page", page=town.pages["draft"])
    assert "not published" in chosen.value.message_dict["page"][0]
    with pytest.raises(ValidationError) as pasted:
        services.oit_evidence_add(actor=staff, assignment=item, kind="url", url="http://testserver/draft/")
    assert "not published" in pasted.value.message_dict["page"][0]
    with pytest.raises(ValidationError) as missing:
        services.oit_evidence_add(actor=staff, assignment=item, kind="url", url="/no-such-page/")
    assert "no page" in missing.value.message_dict["url"][0]
    assert not OitEvidence.objects.exists()


def test_an_address_of_this_site_becomes_a_page_and_a_duplicate_is_refused(town):
    item = open_year(town.organization)["O1"]
    assign(item, town.departments["admin"])
    staff = town.people["admin_staff"]
    first = services.oit_evidence_add(actor=staff, assignment=item, kind="url", url="http://testserver/about/")
    assert (first.kind, first.url, first.page_id) == (EvidenceKind.PAGE, "/about/", town.pages["about"].pk)
    with pytest.raises(ValidationError) as error:
        services.oit_evidence_add(actor=staff, assignment=item, kind="page", page=town.pages["about"])
    assert "already listed" in error.value.message_dict["url"][0]
    assert item.evidence.count() == 1
    other = services.oit_evidence_add(actor=staff, assignment=item, kind="url", url="https://www.krisdika.go.th/")
    assert (other.kind, other.url) == (EvidenceKind.URL, "https://www.krisdika.go.th/")


def test_uploads_are_checked_for_type_and_size_before_anything_is_stored(town, settings):
    from wagtail.documents import get_document_model

    item = open_year(town.organization)["O19"]
    assign(item, town.departments["finance"])
    staff = town.people["finance_staff"]
    documents = get_document_model().objects
    with pytest.raises(ValidationError) as wrong_type:
        services.oit_evidence_add(
            actor=staff, assignment=item, kind="upload", upload=SimpleUploadedFile("plan.exe", b"MZ\x90\x00")
        )
    assert "cannot be attached" in wrong_type.value.message_dict["upload"][0]
    with pytest.raises(ValidationError) as disguised:
        services.oit_evidence_add(
            actor=staff, assignment=item, kind="upload", upload=SimpleUploadedFile("plan.pdf", b"<html>not a pdf")
        )
    assert "does not match" in disguised.value.message_dict["upload"][0]
    settings.PRONGSAI_OIT_UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError) as too_big:
        services.oit_evidence_add(
            actor=staff, assignment=item, kind="upload", upload=SimpleUploadedFile("plan.pdf", PDF + b"0" * 2048)
        )
    assert "too large" in too_big.value.message_dict["upload"][0]
    assert documents.count() == 0 and not OitEvidence.objects.exists()
    evidence = services.oit_evidence_add(
        actor=staff,
        assignment=item,
        kind="upload",
        upload=SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf"),
        title="แผนการจัดซื้อจัดจ้าง 2566",
    )
    document = documents.get()
    assert evidence.kind == EvidenceKind.DOCUMENT and evidence.document == document
    assert evidence.url == document.url and document.title == "แผนการจัดซื้อจัดจ้าง 2566"
    assert document.collection.name == "หลักฐาน OIT"


def test_a_department_cannot_edit_another_departments_items(town):
    items = open_year(town.organization)
    assign(items["O5"], town.departments["pr"])
    assign(items["O15"], town.departments["admin"])
    with pytest.raises(PermissionDenied):
        services.oit_evidence_add(
            actor=town.people["pr_staff"], assignment=items["O15"], kind="page", page=town.pages["about"]
        )
    with pytest.raises(PermissionDenied):
        services.oit_evidence_add(
            actor=town.people["finance_staff"], assignment=items["O5"], kind="page", page=town.pages["about"]
        )
    # The division above the responsible section answers for it too.
    mine = services.oit_evidence_add(
        actor=town.people["head"], assignment=items["O5"], kind="page", page=town.pages["contact"]
    )
    with pytest.raises(PermissionDenied):
        services.oit_evidence_remove(actor=town.people["admin_staff"], evidence=mine)
    with pytest.raises(PermissionDenied):
        services.oit_assignment_submit(actor=town.people["admin_staff"], assignment=items["O5"])
    assert items["O5"].evidence.count() == 1


def test_review_return_needs_a_comment_and_mails_the_responsible_heads(town):
    items = open_year(town.organization)
    pr_item, admin_item = items["O5"], items["O15"]
    assign(pr_item, town.departments["pr"])
    assign(admin_item, town.departments["admin"])
    coordinator = town.people["coordinator"]
    with pytest.raises(ValidationError):
        services.oit_assignment_submit(actor=town.people["pr_staff"], assignment=pr_item)  # no evidence yet
    services.oit_evidence_add(
        actor=town.people["pr_staff"], assignment=pr_item, kind="page", page=town.pages["contact"]
    )
    services.oit_assignment_submit(actor=town.people["pr_staff"], assignment=pr_item)
    with pytest.raises(PermissionDenied):
        services.oit_assignment_approve(actor=town.people["pr_staff"], assignment=pr_item)
    with pytest.raises(ValidationError) as error:
        services.oit_assignment_return(actor=coordinator, assignment=pr_item, comment="  ")
    assert "comment" in error.value.message_dict
    mail.outbox.clear()
    services.oit_assignment_return(actor=coordinator, assignment=pr_item, comment="ขาดเวลาทำการ")
    pr_item.refresh_from_db()
    assert pr_item.status == AssignmentStatus.RETURNED
    assert [m.to for m in mail.outbox] == [["head@example.go.th"]]  # the division head above the section
    assert "ขาดเวลาทำการ" in mail.outbox[0].body and "O5" in mail.outbox[0].subject
    # A unit whose office has no head with e-mail: its own staff are told.
    services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=admin_item, kind="page", page=town.pages["about"]
    )
    mail.outbox.clear()
    services.oit_assignment_return(actor=coordinator, assignment=admin_item, comment="ใส่คู่มือให้ครบ")
    assert [m.to for m in mail.outbox] == [["admin_staff@example.go.th"]]


def test_approval_publishes_and_later_changes_reopen_without_hiding_what_was_approved(town):
    item = open_year(town.organization)["O5"]
    assign(item, town.departments["pr"])
    staff, coordinator = town.people["pr_staff"], town.people["coordinator"]
    first = services.oit_evidence_add(actor=staff, assignment=item, kind="page", page=town.pages["contact"])
    services.oit_assignment_approve(actor=coordinator, assignment=item, comment="ครบถ้วน")
    first.refresh_from_db()
    assert first.published_at is not None
    public = selectors.public_year(organization=town.organization, fiscal_year=2566)
    assert public is not None
    o5 = next(i for i in public.items if i.code == "O5")
    assert [e.url for e in o5.evidence] == ["/contact/"]
    second = services.oit_evidence_add(actor=staff, assignment=item, kind="page", page=town.pages["about"])
    item.refresh_from_db()
    assert item.status == AssignmentStatus.IN_PROGRESS
    assert second.published_at is None
    public = selectors.public_year(organization=town.organization, fiscal_year=2566)
    assert [e.url for e in next(i for i in public.items if i.code == "O5").evidence] == ["/contact/"]
    services.oit_evidence_remove(actor=staff, evidence=first)
    public = selectors.public_year(organization=town.organization, fiscal_year=2566)
    assert next(i for i in public.items if i.code == "O5").evidence == []
    actions = list(item.history.values_list("action", flat=True))
    assert ReviewAction.APPROVED in actions and ReviewAction.REOPENED in actions


def test_produced_evidence_is_linked_by_topic_idempotently(town, monkeypatch):
    produced = {
        "complaint_channel": [
            ProducedEvidence("complaint_channel", "ช่องทางร้องเรียน", "http://testserver/corruption/report/", "complaints")
        ],
        "complaint_statistics": [
            ProducedEvidence("complaint_statistics", "สถิติ", "/corruption/statistics/2566/", "complaints")
        ],
    }
    monkeypatch.setattr(services, "produced_evidence", lambda **kwargs: produced)
    items = open_year(town.organization)
    first = services.oit_sync_produced_evidence(organization=town.organization, fiscal_year=2566)
    assert (first.added, first.approved) == (2, 2)
    again = services.oit_sync_produced_evidence(organization=town.organization, fiscal_year=2566)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)
    o28 = items["O28"]
    o28.refresh_from_db()
    assert o28.status == AssignmentStatus.APPROVED
    entry = o28.evidence.get()
    assert (entry.kind, entry.url, entry.topic) == (EvidenceKind.PRODUCED, "/corruption/report/", "complaint_channel")
    assert entry.published_at is not None
    with pytest.raises(ValidationError):
        services.oit_evidence_remove(actor=town.people["coordinator"], evidence=entry)
    del produced["complaint_statistics"]
    gone = services.oit_sync_produced_evidence(organization=town.organization, fiscal_year=2566)
    assert gone.removed == 1
    assert not items["O29"].evidence.exists()


def test_evidence_dated_outside_the_required_year_is_flagged(town):
    items = open_year(town.organization)
    o11, o1 = items["O11"], items["O1"]  # O11 must be of the assessed year; O1 need not
    assign(o11, town.departments["finance"])
    assign(o1, town.departments["finance"])
    staff = town.people["finance_staff"]
    old = services.oit_evidence_add(
        actor=staff, assignment=o11, kind="page", page=town.pages["about"], evidence_date=dt.date(2022, 9, 15)
    )
    current = services.oit_evidence_add(
        actor=staff, assignment=o11, kind="page", page=town.pages["contact"], evidence_date=dt.date(2022, 10, 1)
    )
    undated_rule = services.oit_evidence_add(
        actor=staff, assignment=o1, kind="page", page=town.pages["about"], evidence_date=dt.date(2019, 1, 1)
    )
    assert "2566" in selectors.evidence_date_warning(evidence=old, item=o11.oit_item, fiscal_year=2566)
    assert selectors.evidence_date_warning(evidence=current, item=o11.oit_item, fiscal_year=2566) == ""
    assert selectors.evidence_date_warning(evidence=undated_rule, item=o1.oit_item, fiscal_year=2566) == ""
    dashboard = selectors.dashboard(organization=town.organization, fiscal_year=2566, today=dt.date(2023, 4, 1))
    assert [entry.pk for entry, _warning in dashboard.date_warnings] == [old.pk]
