"""The staff screens: who sees what, forms that keep input and say what is wrong, downloads."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from prongsai.disclosure import services
from prongsai.disclosure.models import AssignmentStatus, OitEvidence
from prongsai.disclosure.tests.factories import assign, open_year


@pytest.fixture
def items(town):
    items = open_year(town.organization)
    assign(items["O5"], town.departments["pr"], due=dt.date(2000, 1, 31))  # long overdue
    assign(items["O15"], town.departments["admin"])
    return items


def _login(client, user):
    """Signed in with the admin in English, so the assertions read the msgids whatever the catalogue says."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def test_dashboard_shows_completeness_overdue_and_a_chart(client, town, items):
    services.oit_evidence_add(
        actor=town.people["pr_staff"], assignment=items["O5"], kind="page", page=town.pages["contact"]
    )
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=items["O5"])
    services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=items["O15"], kind="page", page=town.pages["about"]
    )
    response = _login(client, town.people["coordinator"]).get("/admin/oit/2566/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<svg class="oit-chart"' in html
    assert 'data-testid="total">43<' in html and 'data-testid="approved">1<' in html
    assert "9.1 ข้อมูลพื้นฐาน" in html and "ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์" in html
    # Both due dates have passed; O5 is approved, so only O15 is overdue.
    assert 'data-testid="overdue">1<' in html
    overdue = html.split('data-testid="overdue-list"', 1)[1].split("</table>", 1)[0]
    assert "O15" in overdue and "O5 " not in overdue
    assert "Evidence added" in html  # recent changes


def test_staff_read_but_only_the_coordinator_assigns(client, town, items):
    staff = _login(client, town.people["pr_staff"])
    assert staff.get("/admin/oit/2566/").status_code == 200
    assert staff.get("/admin/oit/2566/items/").status_code == 200
    refused = staff.get("/admin/oit/2566/assign/")  # Wagtail sends refused staff back to the admin home
    assert (refused.status_code, refused.url) == (302, "/admin/")
    client.logout()
    assert client.get("/admin/oit/2566/").status_code == 302  # to the login page


def test_assigning_every_item_on_one_screen(client, town, items):
    coordinator = _login(client, town.people["coordinator"])
    assignments = {a.oit_item.code: a for a in items.values()}
    data = {"default_due_date": "2023-03-31"}
    for code, assignment in assignments.items():
        if code in ("O1", "O2"):
            data[f"departments_{assignment.pk}"] = [town.departments["admin"].pk, town.departments["pr"].pk]
        elif code == "O5":
            data[f"departments_{assignment.pk}"] = [town.departments["pr"].pk]
            data[f"due_{assignment.pk}"] = "2023-02-28"
    response = coordinator.post("/admin/oit/2566/assign/", data)
    assert response.status_code == 302
    o1 = assignments["O1"]
    o1.refresh_from_db()
    assert {d.pk for d in o1.departments.all()} == {town.departments["admin"].pk, town.departments["pr"].pk}
    assert o1.due_date == dt.date(2023, 3, 31)
    assignments["O5"].refresh_from_db()
    assert assignments["O5"].due_date == dt.date(2023, 2, 28)
    assignments["O15"].refresh_from_db()
    assert not assignments["O15"].departments.exists()  # left empty on the form: unassigned now


def test_a_malformed_link_keeps_the_form_and_says_why_beside_the_field(client, town, items):
    staff = _login(client, town.people["pr_staff"])
    url = f"/admin/oit/item/{items['O5'].pk}/"
    response = staff.post(url, {"kind": "url", "url": "htp:/www.maesai", "note": "หน้าติดต่อ", "title": "ติดต่อเรา"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This is not a valid web address" in html
    assert 'value="htp:/www.maesai"' in html and "หน้าติดต่อ" in html and 'value="ติดต่อเรา"' in html
    assert not OitEvidence.objects.exists()
    ok = staff.post(url, {"kind": "page", "page": town.pages["contact"].pk, "note": "หน้าติดต่อ"})
    assert ok.status_code == 302
    assert items["O5"].evidence.get().url == "/contact/"


def test_a_wrong_upload_is_refused_with_a_message(client, town, items):
    staff = _login(client, town.people["pr_staff"])
    response = staff.post(
        f"/admin/oit/item/{items['O5'].pk}/",
        {"kind": "upload", "upload": SimpleUploadedFile("virus.exe", b"MZ\x90"), "note": "ไฟล์"},
    )
    assert response.status_code == 200
    assert "cannot be attached" in response.content.decode()
    assert not OitEvidence.objects.exists()


def test_another_department_cannot_change_an_item(client, town, items):
    staff = _login(client, town.people["pr_staff"])
    response = staff.post(f"/admin/oit/item/{items['O15'].pk}/", {"kind": "page", "page": town.pages["about"].pk})
    assert (response.status_code, response.url) == (302, "/admin/")  # refused: Wagtail's "no permission"
    assert not items["O15"].evidence.exists()
    page = staff.get(f"/admin/oit/item/{items['O15'].pk}/").content.decode()
    assert 'data-testid="evidence-form"' not in page
    entry = services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=items["O15"], kind="page", page=town.pages["about"]
    )
    assert staff.post(f"/admin/oit/item/{items['O15'].pk}/evidence/{entry.pk}/remove/").url == "/admin/"
    assert staff.post(f"/admin/oit/item/{items['O15'].pk}/submit/").url == "/admin/"
    items["O15"].refresh_from_db()
    assert items["O15"].status == AssignmentStatus.IN_PROGRESS
    assert OitEvidence.objects.filter(pk=entry.pk).exists()


def test_submit_return_with_comment_and_approve(client, town, items):
    services.oit_evidence_add(
        actor=town.people["pr_staff"], assignment=items["O5"], kind="page", page=town.pages["contact"]
    )
    staff = _login(client, town.people["pr_staff"])
    assert staff.post(f"/admin/oit/item/{items['O5'].pk}/submit/").status_code == 302
    coordinator = _login(client, town.people["coordinator"])
    review = f"/admin/oit/item/{items['O5'].pk}/review/"
    empty = coordinator.post(review, {"action": "return", "comment": ""})
    assert empty.status_code == 400 and "Write what needs to change" in empty.content.decode()
    assert coordinator.post(review, {"action": "return", "comment": "เพิ่มอีเมล"}).status_code == 302
    items["O5"].refresh_from_db()
    assert items["O5"].status == AssignmentStatus.RETURNED
    page = coordinator.get(f"/admin/oit/item/{items['O5'].pk}/").content.decode()
    assert "เพิ่มอีเมล" in page
    assert coordinator.post(review, {"action": "approve", "comment": ""}).status_code == 302
    items["O5"].refresh_from_db()
    assert items["O5"].status == AssignmentStatus.APPROVED


def test_items_of_another_organization_are_not_found(client, town, other_town, items):
    theirs = open_year(other_town.organization)["O1"]
    coordinator = _login(client, town.people["coordinator"])
    assert coordinator.get(f"/admin/oit/item/{theirs.pk}/").status_code == 404


def test_order_and_export_downloads(client, town, items):
    services.oit_evidence_add(
        actor=town.people["pr_staff"], assignment=items["O5"], kind="page", page=town.pages["contact"], note="โน้ต"
    )
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=items["O5"])
    coordinator = _login(client, town.people["coordinator"])
    docx = coordinator.get("/admin/oit/2566/order.docx?number=12/2566&order_date=2022-11-01")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "attachment" in docx["Content-Disposition"]
    xlsx = coordinator.get("/admin/oit/2566/export.xlsx")
    assert xlsx.status_code == 200
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["O5"][2] == "http://testserver/contact/" and rows["O5"][3] == "โน้ต"
    csv = coordinator.get("/admin/oit/2566/export.csv")
    assert "http://testserver/contact/" in csv.content.decode("utf-8-sig")
    assert coordinator.get("/admin/oit/2566/export.pdf").status_code == 404


def test_a_document_of_the_library_can_be_chosen(client, town, items):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    document = get_document_model()(title="คู่มือสำหรับประชาชน", collection=Collection.get_first_root_node())
    document.file = ContentFile(b"%PDF-1.4\n%%EOF\n", name="manual.pdf")
    document.save()
    staff = _login(client, town.people["admin_staff"])
    page = staff.get(f"/admin/oit/item/{items['O15'].pk}/").content.decode()
    assert "คู่มือสำหรับประชาชน (manual.pdf)" in page
    response = staff.post(f"/admin/oit/item/{items['O15'].pk}/", {"kind": "document", "document": document.pk})
    assert response.status_code == 302
    entry = items["O15"].evidence.get()
    assert (entry.kind, entry.url, entry.title) == ("document", document.url, "คู่มือสำหรับประชาชน")
