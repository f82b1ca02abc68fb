from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from prongsai.core.models import AuditEntry
from prongsai.documents.model import ApprovalArea, MemoHeader, Signature, Table
from prongsai.ita.models import ReportRound, RoundStatus
from prongsai.ita.services import (
    measure_result_add,
    measure_update,
    report_round_create,
    report_round_document,
    report_round_opine,
    report_round_order,
    report_round_return,
    report_round_submit,
    report_round_update,
    report_template_save,
)
from prongsai.ita.wording import MISSING, fill

from .factories import make_measure

pytestmark = pytest.mark.django_db


@pytest.fixture
def prepared(town):
    measure = make_measure(
        organization=town.organization, number=7, title="มาตรการช่องทางร้องเรียน", owners=[town.departments["legal"]]
    )
    measure_result_add(measure=measure, date=dt.date(2023, 1, 16), text="เปิดช่องทางออนไลน์แล้ว")
    make_measure(organization=town.organization, number=6, title="มาตรการคุณภาพ", recommendations="ควรทำต่อเนื่อง")
    return town, measure


def _tables(document):
    return [block for section in document.sections for block in section.blocks if isinstance(block, Table)]


def test_results_document_from_data(prepared):
    town, _measure = prepared
    report_round = report_round_create(
        actor=town.people["coordinator"],
        organization=town.organization,
        fiscal_year=2566,
        kind="results",
        memo_date=dt.date(2023, 4, 4),
    )
    document = report_round_document(report_round)
    memo = document.sections[0].blocks[0]
    assert isinstance(memo, MemoHeader)
    assert memo.department == "สำนักปลัดเทศบาล งานนิติการ"
    assert memo.number == "ชร 52399/"
    assert memo.date_text == "4 เมษายน 2566"
    assert memo.phone == "0-5373-1288"
    assert memo.subject.endswith("ประจำปีงบประมาณ พ.ศ. 2566")
    assert memo.salutation.startswith("นายกเทศมนตรี")
    [table] = _tables(document)
    assert [c.label for c in table.columns] == [
        "ตัวชี้วัด",
        "มาตรการ/แนวทาง",
        "ขั้นตอน/วิธีการ",
        "ระยะเวลาการดำเนินการ",
        "ผู้รับผิดชอบ",
        "ผลการดำเนินการ",
        "ข้อเสนอแนะ",
    ]
    assert table.group_column == 0
    assert table.rows[0][:2] == ("6. คุณภาพการดำเนินงาน", "1. มาตรการคุณภาพ")
    assert table.rows[0][6] == "- ควรทำต่อเนื่อง"
    assert table.rows[1][0] == "7. ประสิทธิภาพการสื่อสาร"
    assert table.rows[1][3] == "ปีงบประมาณ พ.ศ. 2566 (ตุลาคม 65 - กันยายน 66)"
    assert table.rows[1][4] == "งานนิติการ สำนักปลัดเทศบาล"
    assert table.rows[1][5] == "- เปิดช่องทางออนไลน์แล้ว"
    assert table.title_lines[0].startswith("รายงานผลการดำเนินการตามมาตรการหรือแนวทาง")
    landscape = document.sections[-1]
    assert landscape.orientation == "landscape"
    assert isinstance(landscape.blocks[-1], Signature)  # the preparer signs under the table
    area = next(b for b in document.sections[0].blocks if isinstance(b, ApprovalArea))
    assert [box.options for box in area.boxes] == [
        ("เห็นควรตามเสนอ", "เห็นควรถือปฏิบัติ", "เพื่อโปรดทราบ / พิจารณา"),
        ("อนุมัติ / ดำเนินการตามเสนอ", "ทราบ / ถือปฏิบัติ"),
    ]
    assert all(box.selected is None for box in area.boxes)


def test_plan_document_has_the_analysis_and_five_columns(prepared):
    from prongsai.ita.services import assessment_result_save

    town, _ = prepared
    assessment_result_save(organization=town.organization, fiscal_year=2565, total=80, indicator_scores={6: 70})
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="plan")
    document = report_round_document(report_round)
    tables = _tables(document)
    assert [c.label for c in tables[-1].columns][-1] == "ผู้รับผิดชอบ"
    analysis = document.sections[1]
    assert "ผลการวิเคราะห์ผลการประเมิน" in analysis.blocks[0].text
    assert tables[0].rows == (("6. คุณภาพการดำเนินงาน", "70.00", "ต้องแก้ไขเร่งด่วน"),)


def test_full_approval_flow_is_audited_and_frozen(prepared):
    town, measure = prepared
    people = town.people
    report_round = report_round_create(
        actor=people["coordinator"], organization=town.organization, fiscal_year=2566, kind="results"
    )
    assert report_round.signer.user == people["coordinator"]
    report_round = report_round_submit(actor=people["coordinator"], report_round=report_round)
    assert report_round.status == RoundStatus.SUBMITTED
    # edits after submission do not change what is under review
    measure_update(measure=measure, title="ชื่อที่แก้ภายหลัง")
    rows = _tables(report_round_document(report_round))[0].rows
    assert rows[1][1] == "1. มาตรการช่องทางร้องเรียน"

    with pytest.raises(ValidationError):  # the mayor comes after the chief administrator
        report_round_order(actor=people["mayor"], report_round=report_round, choice="ทราบ / ถือปฏิบัติ")
    with pytest.raises(PermissionDenied):
        report_round_opine(actor=people["coordinator"], report_round=report_round, choice="เห็นควรตามเสนอ")
    report_round = report_round_opine(
        actor=people["chief"], report_round=report_round, choice="เห็นควรตามเสนอ", remark="ควรเผยแพร่"
    )
    assert report_round.status == RoundStatus.CHIEF_REVIEWED
    with pytest.raises(PermissionDenied):
        report_round_order(actor=people["chief"], report_round=report_round, choice="ทราบ / ถือปฏิบัติ")
    report_round = report_round_order(actor=people["mayor"], report_round=report_round, choice="ทราบ / ถือปฏิบัติ")
    assert report_round.status == RoundStatus.APPROVED
    assert report_round.published_at is not None

    area = next(b for b in report_round_document(report_round).sections[0].blocks if isinstance(b, ApprovalArea))
    chief_box, mayor_box = area.boxes
    assert chief_box.selected == "เห็นควรตามเสนอ" and chief_box.remark == "ควรเผยแพร่"
    assert chief_box.name.startswith("นายทดสอบ") and chief_box.date_text
    assert mayor_box.selected == "ทราบ / ถือปฏิบัติ"

    # approved: frozen for good, and no way back into review
    measure_update(measure=measure, title="แก้อีกครั้ง")
    assert _tables(report_round_document(report_round))[0].rows[1][1] == "1. มาตรการช่องทางร้องเรียน"
    with pytest.raises(ValidationError):
        report_round_submit(actor=people["coordinator"], report_round=report_round)
    with pytest.raises(ValidationError):
        report_round_update(actor=people["coordinator"], report_round=report_round, memo_date=None)
    # a change needs a new round, which sees the new data
    second = report_round_create(
        actor=people["coordinator"], organization=town.organization, fiscal_year=2566, kind="results"
    )
    assert second.number == 2
    assert _tables(report_round_document(second))[0].rows[1][1] == "1. แก้อีกครั้ง"

    actions = list(
        AuditEntry.objects.filter(object_type="ita.reportround", object_id=str(report_round.pk))
        .order_by("sequence")
        .values_list("action", "actor")
    )
    assert actions == [
        ("ita.round.create", people["coordinator"].pk),
        ("ita.round.submit", people["coordinator"].pk),
        ("ita.round.opinion", people["chief"].pk),
        ("ita.round.order", people["mayor"].pk),
        ("ita.round.publish", people["mayor"].pk),
    ]


def test_return_with_comments_and_resubmit(prepared):
    town, measure = prepared
    people = town.people
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    with pytest.raises(ValidationError):  # one open round at a time
        report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    report_round = report_round_submit(actor=people["coordinator"], report_round=report_round)
    with pytest.raises(ValidationError) as excinfo:
        report_round_return(actor=people["chief"], report_round=report_round, comment=" ")
    assert excinfo.value.message_dict["comment"] == ["Say what should change."]
    report_round = report_round_return(actor=people["chief"], report_round=report_round, comment="เพิ่มหลักฐาน")
    assert report_round.status == RoundStatus.RETURNED
    assert not report_round.is_frozen
    measure_update(measure=measure, title="แก้ตามความเห็น")
    assert _tables(report_round_document(report_round))[0].rows[1][1] == "1. แก้ตามความเห็น"
    report_round = report_round_submit(actor=people["coordinator"], report_round=report_round)
    report_round = report_round_opine(actor=people["chief"], report_round=report_round, remark="เห็นชอบ")
    report_round = report_round_return(actor=people["mayor"], report_round=report_round, comment="ขอข้อมูลเพิ่ม")
    assert report_round.status == RoundStatus.RETURNED
    assert AuditEntry.objects.filter(action="ita.round.return", actor=people["mayor"]).exists()


@pytest.mark.parametrize(
    ("choice", "remark", "field"),
    [("", "", "choice"), ("อนุมัติ", "", "choice"), ("", "ก" * 1001, "remark")],
)
def test_opinion_needs_a_printed_option_or_own_words(prepared, choice, remark, field):
    town, _ = prepared
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    report_round = report_round_submit(report_round=report_round)
    with pytest.raises(ValidationError) as excinfo:
        report_round_opine(actor=town.people["chief"], report_round=report_round, choice=choice, remark=remark)
    assert field in excinfo.value.message_dict
    assert ReportRound.objects.get().status == RoundStatus.SUBMITTED


def test_staff_cannot_start_or_submit_rounds(prepared):
    town, _ = prepared
    with pytest.raises(PermissionDenied):
        report_round_create(
            actor=town.people["pr_staff"], organization=town.organization, fiscal_year=2566, kind="results"
        )
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    with pytest.raises(PermissionDenied):
        report_round_submit(actor=town.people["head"], report_round=report_round)


def test_submitting_without_measures_is_refused(town):
    report_round = report_round_create(organization=town.organization, fiscal_year=2567, kind="results")
    with pytest.raises(ValidationError):
        report_round_submit(report_round=report_round)


def test_template_placeholders_never_crash():
    values = {"year": "2566", "organization": "เทศบาลตำบลแม่สาย"}
    assert fill("ปี {year} ของ{organization}", values) == "ปี 2566 ของเทศบาลตำบลแม่สาย"
    assert fill("{unknown} {year", values) == "{unknown} {year"
    assert fill("{0} {} {year.__class__} {{year}}", values) == "{0} {} {year.__class__} {2566}"
    assert fill("{previous_total}", values) == MISSING


def test_edited_wording_is_used(prepared):
    town, _ = prepared
    report_template_save(
        actor=town.people["coordinator"],
        organization=town.organization,
        kind="results",
        subject="รายงานของ{organization} ปี {year} {typo",
        number_text="{number_prefix}.6/",
    )
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    memo = report_round_document(report_round).sections[0].blocks[0]
    assert memo.subject == "รายงานของเทศบาลตำบลทดสอบ ปี 2566 {typo"
    assert memo.number == "ชร 52399.6/"
    with pytest.raises(PermissionDenied):
        report_template_save(actor=town.people["pr_staff"], organization=town.organization, kind="results")


def test_approval_generates_the_published_files_in_the_background(prepared, django_capture_on_commit_callbacks):
    from prongsai.ita.models import FilesStatus

    town, _ = prepared
    report_round = report_round_create(organization=town.organization, fiscal_year=2566, kind="results")
    report_round = report_round_submit(report_round=report_round)
    report_round = report_round_opine(actor=town.people["chief"], report_round=report_round, choice="เห็นควรตามเสนอ")
    with django_capture_on_commit_callbacks(execute=True):
        report_round = report_round_order(actor=town.people["mayor"], report_round=report_round, choice="ทราบ / ถือปฏิบัติ")
    assert report_round.files_status == FilesStatus.PENDING  # what the screen shows until the task is done
    report_round.refresh_from_db()
    assert report_round.files_status == FilesStatus.READY
    assert report_round.pdf_file.read(4) == b"%PDF"
    assert report_round.docx_file.name.endswith(".docx")
