from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from prongsai.core.models import AuditEntry
from prongsai.ita.models import AssessmentResult, Measure, MeasureStatus
from prongsai.ita.services import (
    assessment_result_import,
    assessment_result_save,
    measures_draft_from_analysis,
    result_analysis,
)

from .factories import make_measure

pytestmark = pytest.mark.django_db

HEADER = ["ปีงบประมาณ", "คะแนนรวม", "ระดับ", "IIT", "EIT", "OIT"] + [f"ตัวชี้วัดที่ {n}" for n in range(1, 11)]
ROW_2565 = [2565, 87.25, "", 94.21, 84.10, 84.40, 96.12, 93.40, 95.58, 94.75, 91.20, 83.25, 84.10, 84.95, 81.30, 87.50]


def xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_entering_a_result_computes_the_level_and_is_audited(town):
    result = assessment_result_save(
        actor=town.people["coordinator"],
        organization=town.organization,
        fiscal_year=2565,
        total="87.25",
        indicator_scores={6: "83.25", 9: "๘๑.๓๐"},
    )
    assert result.level == "A"
    assert {s.indicator.number: s.score for s in result.indicator_scores.all()} == {
        6: Decimal("83.25"),
        9: Decimal("81.30"),
    }
    assert AuditEntry.objects.filter(action="ita.result.create", object_id=str(result.pk)).exists()
    # saving again replaces (one result per year)
    assessment_result_save(organization=town.organization, fiscal_year=2565, total=90, level="ผ่าน")
    assert AssessmentResult.objects.get().level == "ผ่าน"


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"total": ""}, "total", "Enter the total score."),
        ({"total": "101"}, "total", "Enter a score from 0 to 100."),
        ({"total": "abc"}, "total", "Enter a score from 0 to 100."),
        ({"total": 80, "fiscal_year": 2400}, "fiscal_year", "There is no ITA framework for fiscal year 2400."),
        ({"total": 80, "indicator_scores": {6: "-1"}}, "indicator_6", "Enter a score from 0 to 100."),
    ],
)
def test_bad_result_input(town, fields, field, message):
    fields = {"fiscal_year": 2565, **fields}
    with pytest.raises(ValidationError) as excinfo:
        assessment_result_save(organization=town.organization, **fields)
    assert message in excinfo.value.message_dict[field]
    assert not AssessmentResult.objects.exists()


def test_import_a_good_workbook(town):
    content = xlsx([HEADER, ROW_2565, [2564, 80, "B", None, None, None]])
    outcome = assessment_result_import(
        actor=town.people["coordinator"], organization=town.organization, content=content, filename="ita.xlsx"
    )
    assert [r.fiscal_year for r in outcome.results] == [2565, 2564]
    result = AssessmentResult.objects.get(fiscal_year=2565)
    assert result.level == "A"
    assert result.indicator_scores.count() == 10
    assert AssessmentResult.objects.get(fiscal_year=2564).level == "B"


def test_import_a_csv_with_english_headers(town):
    content = b"year,total,level,iit,eit,oit,6,7\n2565,87.25,,94.21,84.10,84.40,83.25,84.10\n"
    outcome = assessment_result_import(organization=town.organization, content=content, filename="ita.csv")
    assert outcome.results[0].indicator_scores.count() == 2


def test_import_reports_every_bad_row_and_saves_nothing(town):
    rows = [
        HEADER,
        ROW_2565,
        [2564, "สูงมาก", "", None, None, None],
        ["ปีที่แล้ว", 80],
        [2565, 90],
        [2563, 70, "", 120],
    ]
    with pytest.raises(ValidationError) as excinfo:
        assessment_result_import(organization=town.organization, content=xlsx(rows), filename="ita.xlsx")
    messages = excinfo.value.messages
    assert messages == [
        "Row 3: Enter a score from 0 to 100.",
        "Row 4: Enter the fiscal year in B.E., e.g. 2565.",
        "Row 5: This fiscal year appears twice in the file.",
        "Row 6: Enter a score from 0 to 100.",
    ]
    assert not AssessmentResult.objects.exists()


@pytest.mark.parametrize(
    ("content", "filename", "message"),
    [
        (b"", "a.csv", "The file is empty."),
        (b"not a workbook", "a.xlsx", "This file could not be read as an Excel workbook."),
        (b"x", "a.pdf", "Upload an .xlsx or .csv file."),
        (b"foo,bar\n1,2\n", "a.csv", "at least ปีงบประมาณ and คะแนนรวม are needed"),
    ],
)
def test_import_refuses_unreadable_files(town, content, filename, message):
    with pytest.raises(ValidationError) as excinfo:
        assessment_result_import(organization=town.organization, content=content, filename=filename)
    assert any(message in m for m in excinfo.value.messages)


def test_analysis_bands_and_drafting_next_years_measures(town):
    assessment_result_import(organization=town.organization, content=xlsx([HEADER, ROW_2565]), filename="x.xlsx")
    result = AssessmentResult.objects.get()
    bands = {row.indicator.number: row.band for row in result_analysis(result)}
    assert [n for n, b in bands.items() if b == "urgent"] == [6, 7, 8, 9]
    assert [n for n, b in bands.items() if b == "improve"] == [2, 4, 5, 10]
    assert [n for n, b in bands.items() if b == "good"] == [1, 3]

    make_measure(organization=town.organization, year=2566, number=7)  # already has a measure
    drafted = measures_draft_from_analysis(actor=town.people["coordinator"], organization=town.organization, year=2566)
    assert sorted(m.indicator.number for m in drafted) == [2, 4, 5, 6, 8, 9, 10]
    assert all(m.status == MeasureStatus.DRAFT and m.fiscal_year == 2566 for m in drafted)
    assert all(m.indicator.framework.fiscal_year == 2566 for m in drafted)
    assert "83.25" in Measure.objects.get(fiscal_year=2566, indicator__number=6).steps
    # running it again adds nothing
    assert measures_draft_from_analysis(organization=town.organization, year=2566) == []
    with pytest.raises(ValidationError):
        measures_draft_from_analysis(organization=town.organization, year=2570)
