"""The OIT tracker with the whole demo municipality: Mae Sai's 2566, the evidence other apps produce,
the public page and the export agreeing with each other, every link on our own site answering."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from prongsai.disclosure import selectors, services
from prongsai.disclosure.export import export_xlsx
from prongsai.disclosure.models import AssignmentStatus, EvidenceKind, OitAssignment, OitEvidence, ReviewAction


@pytest.fixture
def maesai(demo):
    return demo


def test_the_demo_year_has_every_item_assigned_in_every_state(maesai):
    assignments = list(OitAssignment.objects.filter(organization=maesai, fiscal_year=2566))
    assert len(assignments) == 43
    assert all(a.departments.exists() for a in assignments)
    statuses = {status: sum(1 for a in assignments if a.status == status) for status in AssignmentStatus.values}
    assert statuses["approved"] >= 30
    assert statuses["returned"] == 2 and statuses["submitted"] >= 1
    returned = OitAssignment.objects.filter(organization=maesai, status="returned")
    for assignment in returned:
        assert assignment.history.filter(action=ReviewAction.RETURNED).exclude(comment="").exists()
    today = timezone.localdate()
    overdue = [a for a in assignments if a.due_date and a.due_date < today and a.status != "approved"]
    assert len(overdue) == 1


def test_what_the_platform_publishes_answers_its_items(maesai):
    produced = {
        e.assignment.oit_item.code: e.url
        for e in OitEvidence.objects.filter(assignment__organization=maesai, kind=EvidenceKind.PRODUCED).select_related(
            "assignment__oit_item"
        )
    }
    # The corruption channel, its guideline and its statistics (complaints); the measures plan and
    # results report (ita).
    assert produced["O28"] == "/corruption/report/"
    assert {"O27", "O29", "O42", "O43"} <= set(produced)
    again = services.oit_sync_produced_evidence(organization=maesai, fiscal_year=2566)
    assert (again.added, again.removed) == (0, 0)


def test_public_page_links_work_and_the_export_holds_the_same(maesai, client):
    html = client.get("/ita/2566/").content.decode()
    codes = re.findall(r'<li class="oit-item[^"]*" id="(O\d+)"', html)
    assert codes == [f"O{n}" for n in range(1, 44)]
    public_links = [
        unescape(url)
        for url in re.findall(r'<ul class="oit-evidence">.*?</ul>', html, re.S)
        for url in re.findall(r'href="([^"]+)"', url)
    ]
    assert len(public_links) >= 35
    for url in public_links:
        if url.startswith("/"):
            response = client.get(url)
            assert response.status_code == 200, url
    workbook = load_workbook(io.BytesIO(export_xlsx(organization=maesai, fiscal_year=2566, base="")))
    exported = [row[4] for row in workbook["URL"].iter_rows(min_row=2, values_only=True)]
    assert sorted(exported) == sorted(public_links)
    data = selectors.public_year(organization=maesai, fiscal_year=2566)
    assert data is not None and data.answered == sum(
        1 for row in workbook.active.iter_rows(min_row=2, values_only=True) if row[2]
    )
