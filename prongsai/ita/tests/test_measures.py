from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from wagtail.models import Page

from prongsai.core.models import AuditEntry
from prongsai.ita.models import Measure, MeasureEvidence, MeasureResult, MeasureStatus
from prongsai.ita.permissions import can_add_result, can_edit_measure
from prongsai.ita.services import EvidenceLink, measure_create, measure_result_add, measure_update

from .factories import indicator, make_measure

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def docx_bytes() -> bytes:
    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    with translation.override("en"):
        return {k: [str(m) for m in v] for k, v in excinfo.value.message_dict.items()}


def test_coordinator_creates_a_measure_and_it_is_audited(town):
    coordinator = town.people["coordinator"]
    measure = measure_create(
        actor=coordinator,
        organization=town.organization,
        fiscal_year=2566,
        indicator=indicator(2566, 7),
        title="มาตรการเปิดเผยข้อมูลสาธารณะ",
        steps="จัดตั้งคณะทำงาน",
        owners=[town.departments["pr"], town.departments["legal"]],
    )
    assert measure.order == 1
    assert set(measure.owners.all()) == {town.departments["pr"], town.departments["legal"]}
    second = make_measure(organization=town.organization, number=7, actor=coordinator)
    assert second.order == 2
    entry = AuditEntry.objects.filter(action="ita.measure.create", object_id=str(measure.pk)).get()
    assert entry.actor == coordinator


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"title": "  "}, "title", "This field is required."),
        ({"steps": ""}, "steps", "This field is required."),
        ({"title": "ก" * 1001}, "title", "Ensure this value has at most 1000 characters (it has 1001)."),
        (
            {"start_date": dt.date(2023, 9, 30), "end_date": dt.date(2022, 10, 1)},
            "end_date",
            "The schedule cannot end before it starts.",
        ),
    ],
)
def test_bad_measure_input_is_refused_and_nothing_is_saved(town, changes, field, message):
    fields = {"title": "มาตรการ", "steps": "ขั้นตอน", **changes}
    with pytest.raises(ValidationError) as excinfo:
        measure_create(
            actor=town.people["coordinator"],
            organization=town.organization,
            fiscal_year=2566,
            indicator=indicator(2566, 6),
            **fields,
        )
    assert message in errors_of(excinfo)[field]
    assert not Measure.objects.exists()
    assert not AuditEntry.objects.filter(action="ita.measure.create").exists()


def test_owner_from_another_organization_is_refused(town, other_town):
    with pytest.raises(ValidationError) as excinfo:
        make_measure(organization=town.organization, owners=[other_town.departments["finance"]])
    assert errors_of(excinfo)["owners"] == ["A responsible department belongs to another organization."]
    assert not Measure.objects.exists()


def test_indicator_must_belong_to_the_measure_year(town):
    with pytest.raises(ValidationError) as excinfo:
        measure_create(
            organization=town.organization, fiscal_year=2567, indicator=indicator(2566, 6), title="ก", steps="ข"
        )
    assert errors_of(excinfo)["indicator"] == ["This indicator belongs to the framework of another fiscal year."]


def test_update_keeps_the_old_values_when_the_new_ones_are_bad(town):
    measure = make_measure(organization=town.organization)
    with pytest.raises(ValidationError):
        measure_update(measure=measure, end_date=dt.date(2020, 1, 1), title="ชื่อใหม่")
    measure.refresh_from_db()
    assert measure.title == "มาตรการทดสอบ"
    assert measure.end_date == dt.date(2023, 9, 30)


def test_permissions_per_role(town):
    measure = make_measure(organization=town.organization, owners=[town.departments["pr"]])
    people = town.people
    assert can_edit_measure(people["coordinator"], measure)
    for label in ("chief", "mayor", "head", "pr_staff", "admin_staff"):
        assert not can_edit_measure(people[label], measure), label
    assert can_add_result(people["coordinator"], measure)
    assert can_add_result(people["pr_staff"], measure)  # owner department
    assert can_add_result(people["head"], measure)  # the division above the owner
    for label in ("admin_staff", "chief", "mayor"):
        assert not can_add_result(people[label], measure), label
    with pytest.raises(PermissionDenied):
        measure_update(actor=people["pr_staff"], measure=measure, title="แก้ไข")
    with pytest.raises(PermissionDenied):
        measure_result_add(actor=people["admin_staff"], measure=measure, date=dt.date(2023, 1, 1), text="ทำแล้ว")
    with pytest.raises(PermissionDenied):
        make_measure(organization=town.organization, actor=people["head"])


def test_coordinator_of_another_organization_cannot_edit(town, other_town):
    measure = make_measure(organization=town.organization)
    assert not can_edit_measure(other_town.people["coordinator"], measure)
    with pytest.raises(PermissionDenied):
        measure_update(actor=other_town.people["coordinator"], measure=measure, title="x")


def test_owner_staff_add_a_result_with_files_and_links(town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure(organization=town.organization, owners=[town.departments["pr"]])
    result = measure_result_add(
        actor=town.people["pr_staff"],
        measure=measure,
        date=dt.date(2023, 2, 1),
        text="เผยแพร่คู่มือแล้ว",
        files=[
            SimpleUploadedFile("report.pdf", PDF),
            SimpleUploadedFile("photo.png", PNG),
            SimpleUploadedFile("minutes.docx", docx_bytes()),
        ],
        links=[
            EvidenceLink(title="หน้าเว็บ", url="https://maesai.go.th/manual"),
            EvidenceLink(title="หน้าแรก", page=Page.objects.get(depth=1)),
        ],
    )
    assert result.created_by == town.people["pr_staff"]
    assert result.evidence.count() == 5
    assert result.evidence.get(title="หน้าแรก").page.depth == 1
    assert sorted(e.href.rsplit(".", 1)[-1] for e in result.evidence.exclude(file="")) == ["docx", "pdf", "png"]
    measure.refresh_from_db()
    assert measure.status == MeasureStatus.IN_PROGRESS
    assert AuditEntry.objects.filter(action="ita.measure_result.add", actor=town.people["pr_staff"]).exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ...."), "virus.exe: only these file types are accepted"),
        (SimpleUploadedFile("fake.pdf", b"<html>not a pdf</html>"), "fake.pdf is not a real PDF file."),
        (SimpleUploadedFile("fake.docx", b"PK\x03\x04garbage"), "fake.docx is not a real DOCX file."),
        (SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024)), "big.pdf is larger than 10 MB."),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(town, upload, message):
    measure = make_measure(organization=town.organization, owners=[town.departments["pr"]])
    with pytest.raises(ValidationError) as excinfo:
        measure_result_add(
            actor=town.people["pr_staff"],
            measure=measure,
            date=dt.date(2023, 2, 1),
            text="ผล",
            files=[SimpleUploadedFile("ok.pdf", PDF), upload],
        )
    assert any(message in m for m in errors_of(excinfo)["files"])
    assert not MeasureResult.objects.exists()
    assert not MeasureEvidence.objects.exists()


def test_bad_link_and_missing_text_are_refused(town):
    measure = make_measure(organization=town.organization)
    with pytest.raises(ValidationError) as excinfo:
        measure_result_add(
            measure=measure, date=dt.date(2023, 2, 1), text="ผล", links=[EvidenceLink(url="javascript:x")]
        )
    assert errors_of(excinfo)["links"] == ["Enter a valid web address (http:// or https://)."]
    with pytest.raises(ValidationError) as excinfo:
        measure_result_add(measure=measure, date=dt.date(2023, 2, 1), text=" ")
    assert errors_of(excinfo)["text"] == ["This field is required."]
    assert not MeasureResult.objects.exists()
