from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from prongsai.core.evidence import produced_evidence
from prongsai.ita.evidence import evidence_for
from prongsai.ita.models import AssessmentResult, Measure, MeasureResult, ReportRound, RoundStatus
from prongsai.ita.services import (
    assessment_result_save,
    measure_result_add,
    report_round_create,
    report_round_opine,
    report_round_order,
    report_round_submit,
)

from .factories import indicator, make_measure
from .test_measures import PDF

pytestmark = pytest.mark.django_db
BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture
def client():
    """Pages in English, so assertions hold whatever the Thai catalogue says."""
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")


def login(client, user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # assert the English msgids whatever the Thai catalogue says
    profile.save()
    client.force_login(user, backend=BACKEND)
    return client


def test_menu_and_pages_open_for_staff(client, town):
    make_measure(organization=town.organization, title="มาตรการที่หนึ่ง")
    login(client, town.people["admin_staff"])
    admin_home = client.get("/admin/")
    assert admin_home.status_code == 200
    for url in (
        reverse("ita_admin:measures", args=[2566]),
        reverse("ita_admin:frameworks"),
        reverse("ita_admin:framework", args=[2566]),
        reverse("ita_admin:results"),
        reverse("ita_admin:reports"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("ita_admin:framework", args=[2566])).content.decode()
    assert "ช่องทางแจ้งเรื่องร้องเรียนการทุจริตและประพฤติมิชอบ" in page
    # staff read but do not edit (Wagtail turns PermissionDenied into a redirect to the dashboard)
    for url in (reverse("ita_admin:measure_add", args=[2566]), reverse("ita_admin:result_add")):
        response = client.get(url)
        assert (response.status_code, response.url) == (302, "/admin/"), url


def test_coordinator_adds_a_measure_and_bad_input_keeps_the_form(client, town):
    login(client, town.people["coordinator"])
    url = reverse("ita_admin:measure_add", args=[2566])
    data = {
        "indicator": indicator(2566, 7).pk,
        "title": "มาตรการช่องทางร้องเรียนออนไลน์",
        "steps": "พัฒนาช่องทาง",
        "schedule_text": "",
        "start_date": "2023-09-30",
        "end_date": "2022-10-01",
        "recurrence": "none",
        "owners": [town.departments["legal"].pk],
        "status": "planned",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "The schedule cannot end before it starts." in page
    assert "มาตรการช่องทางร้องเรียนออนไลน์" in page  # the input is kept
    assert not Measure.objects.exists()
    data["end_date"] = "2023-09-30"
    data["start_date"] = "2022-10-01"
    response = client.post(url, data)
    assert response.status_code == 302
    measure = Measure.objects.get()
    assert measure.title == "มาตรการช่องทางร้องเรียนออนไลน์"
    assert list(measure.owners.all()) == [town.departments["legal"]]


def test_owner_department_adds_a_result_with_a_file_others_cannot(client, town, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    measure = make_measure(organization=town.organization, owners=[town.departments["pr"]])
    url = reverse("ita_admin:measure", args=[measure.pk])
    login(client, town.people["admin_staff"])
    assert "add-result" not in client.get(url).content.decode()
    refused = client.post(url, {"date": "2023-02-01", "text": "x"})
    assert (refused.status_code, refused.url) == (302, "/admin/")
    assert not MeasureResult.objects.exists()

    login(client, town.people["pr_staff"])
    bad = client.post(
        url, {"date": "2023-02-01", "text": "เผยแพร่แล้ว", "evidence_files": [SimpleUploadedFile("x.exe", b"MZ")]}
    )
    assert bad.status_code == 200
    assert "x.exe: only these file types are accepted" in bad.content.decode()
    assert "เผยแพร่แล้ว" in bad.content.decode()
    assert not MeasureResult.objects.exists()
    good = client.post(
        url,
        {
            "date": "2023-02-01",
            "text": "เผยแพร่แล้ว",
            "evidence_files": [SimpleUploadedFile("r.pdf", PDF)],
            "link_url": "https://example.org/manual",
            "link_title": "คู่มือ",
        },
    )
    assert good.status_code == 302
    evidence = MeasureResult.objects.get().evidence.order_by("pk")
    assert [e.title for e in evidence] == ["r.pdf", "คู่มือ"]


def test_measures_list_queries_do_not_grow_with_data(client, town, django_assert_max_num_queries):
    for number in (6, 7, 8, 9):
        for _ in range(3):
            measure = make_measure(organization=town.organization, number=number, owners=[town.departments["pr"]])
            measure_result_add(measure=measure, date=dt.date(2023, 1, 1), text="ผล")
    login(client, town.people["coordinator"])
    url = reverse("ita_admin:measures", args=[2566])
    client.get(url)
    with django_assert_max_num_queries(30):
        response = client.get(url)
    assert response.content.decode().count('id="measure-') == 12


def test_import_view_lists_bad_rows_and_saves_nothing(client, town):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["ปีงบประมาณ", "คะแนนรวม"])
    sheet.append([2565, 87])
    sheet.append([2564, "สูง"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login(client, town.people["coordinator"])
    response = client.post(
        reverse("ita_admin:result_import"), {"file": SimpleUploadedFile("ita.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert "Row 3" in response.content.decode()
    assert not AssessmentResult.objects.exists()


def test_analysis_page_has_a_chart_and_saves_the_analysis(client, town):
    result = assessment_result_save(
        organization=town.organization, fiscal_year=2565, total=80, indicator_scores={6: 70, 7: 90, 1: 99}
    )
    login(client, town.people["coordinator"])
    url = reverse("ita_admin:result_detail", args=[result.pk])
    page = client.get(url).content.decode()
    assert "<svg" in page and "6. คุณภาพการดำเนินงาน" in page
    assert client.post(url, {"analysis": "ต้องเร่งพัฒนาตัวชี้วัดที่ 6"}).status_code == 302
    result.refresh_from_db()
    assert result.analysis == "ต้องเร่งพัฒนาตัวชี้วัดที่ 6"
    response = client.post(reverse("ita_admin:result_draft_measures", args=[result.pk]))
    assert response.status_code == 302
    assert sorted(Measure.objects.values_list("indicator__number", flat=True)) == [6, 7]


def test_approval_through_the_screens_and_publication(client, town, other_town):
    make_measure(organization=town.organization, number=7, title="มาตรการช่องทางร้องเรียน")
    login(client, town.people["coordinator"])
    response = client.post(
        reverse("ita_admin:reports"),
        {"fiscal_year": 2566, "kind": "results", "memo_date": "2023-04-04", "document_number": "", "signer": ""},
    )
    assert response.status_code == 302
    report = ReportRound.objects.get()
    detail = reverse("ita_admin:report", args=[report.pk])
    assert 'data-action="submit"' in client.get(detail).content.decode()
    client.post(reverse("ita_admin:report_action", args=[report.pk, "submit"]))
    assert ReportRound.objects.get().status == RoundStatus.SUBMITTED

    login(client, town.people["mayor"])
    assert 'data-action="order"' not in client.get(detail).content.decode()
    login(client, town.people["chief"])
    page = client.get(detail).content.decode()
    assert 'data-action="opine"' in page and "เห็นควรตามเสนอ" in page
    client.post(reverse("ita_admin:report_action", args=[report.pk, "opine"]), {"chief-choice": "เห็นควรตามเสนอ"})
    assert ReportRound.objects.get().status == RoundStatus.CHIEF_REVIEWED

    login(client, town.people["mayor"])
    client.post(reverse("ita_admin:report_action", args=[report.pk, "order"]), {"executive-choice": "ทราบ / ถือปฏิบัติ"})
    report.refresh_from_db()
    assert report.status == RoundStatus.APPROVED
    download = client.get(reverse("ita_admin:report_download", args=[report.pk, "pdf"]))
    assert download["Content-Type"] == "application/pdf"
    assert download.content.startswith(b"%PDF")

    client.logout()
    public = client.get("/ita/measures/2566/")
    assert public.status_code == 200
    assert "public" in public["Cache-Control"]
    link = reverse("ita:public_download", args=[2566, report.pk, "docx"])
    assert link in public.content.decode()
    assert client.get(link).content[:2] == b"PK"
    evidence = evidence_for(town.organization, 2566)
    assert evidence["integrity_measures_results"][0][1] == reverse("ita:public_download", args=[2566, report.pk, "pdf"])
    assert "integrity_measures_plan" not in evidence
    assert "integrity_measures_results" in produced_evidence(organization=town.organization, fiscal_year=2566)
    assert evidence_for(other_town.organization, 2566) == {}


def test_drafts_are_not_public(client, town):
    make_measure(organization=town.organization)
    report = report_round_create(organization=town.organization, fiscal_year=2566, kind="plan")
    report = report_round_submit(report_round=report)
    report = report_round_opine(actor=town.people["chief"], report_round=report, choice="เห็นควรตามเสนอ")
    assert client.get("/ita/measures/2566/").status_code == 404
    assert client.get(reverse("ita:public_download", args=[2566, report.pk, "pdf"])).status_code == 404
    report_round_order(actor=town.people["mayor"], report_round=report, choice="อนุมัติ / ดำเนินการตามเสนอ")
    assert client.get("/ita/measures/2566/").status_code == 200
    assert client.get(reverse("ita:public_download", args=[2566, report.pk, "xls"])).status_code == 404


def test_another_organizations_measures_are_not_reachable(client, town, other_town):
    foreign = make_measure(organization=other_town.organization, title="ของหน่วยงานอื่น")
    mine = make_measure(organization=town.organization, title="ของเรา")
    login(client, town.people["coordinator"])
    assert client.get(reverse("ita_admin:measure", args=[foreign.pk])).status_code == 404
    assert client.get(reverse("ita_admin:measure_edit", args=[foreign.pk])).status_code == 404
    page = client.get(reverse("ita_admin:measures", args=[2566])).content.decode()
    assert mine.title in page and foreign.title not in page
