"""The public page /ita/<year>/: every item in order, approved evidence only, cacheable, constant queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from prongsai.disclosure import services
from prongsai.disclosure.models import EvidenceKind, OitAssignment, OitEvidence
from prongsai.disclosure.tests.factories import assign, open_year, synthetic_framework


@pytest.fixture
def answered(town):
    """O5 approved with a page and a note; O1 with evidence still waiting for review."""
    items = open_year(town.organization)
    assign(items["O5"], town.departments["pr"])
    assign(items["O1"], town.departments["admin"])
    services.oit_evidence_add(
        actor=town.people["pr_staff"],
        assignment=items["O5"],
        kind="page",
        page=town.pages["contact"],
        note="ที่อยู่และเบอร์โทรศัพท์ อยู่ย่อหน้าแรก",
    )
    services.oit_evidence_add(
        actor=town.people["pr_staff"],
        assignment=items["O5"],
        kind="url",
        url="https://www.facebook.com/example",
        note="เพจทางการ",
    )
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=items["O5"])
    services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=items["O1"], kind="page", page=town.pages["about"]
    )
    return items


def _item_html(html: str, code: str) -> str:
    match = re.search(rf'<li class="oit-item[^"]*" id="{code}".*?</li>\s*(?=<li class="oit-item|</ol>)', html, re.S)
    assert match, f"{code} not on the page"
    return match.group(0)


def test_every_item_in_order_with_approved_evidence_and_a_mark_on_the_rest(client, answered):
    response = client.get("/ita/2566/")
    assert response.status_code == 200
    html = response.content.decode()
    codes = re.findall(r'<li class="oit-item[^"]*" id="(O\d+)"', html)
    assert codes == [f"O{n}" for n in range(1, 44)]
    o5 = _item_html(html, "O5")
    assert 'href="/contact/"' in o5 and "ที่อยู่และเบอร์โทรศัพท์ อยู่ย่อหน้าแรก" in o5
    assert 'href="https://www.facebook.com/example"' in o5 and 'rel="noopener noreferrer"' in o5
    assert "oit-item--missing" not in o5
    o1 = _item_html(html, "O1")  # evidence added but not approved: not public
    assert "oit-item--missing" in o1 and "/about/" not in o1
    assert "การเปิดเผยข้อมูล" in html and "9.1" in html and "ข้อมูลพื้นฐาน" in html
    assert re.search(r"<strong>1</strong> / 43", html)


def test_the_page_is_anonymous_cacheable_and_has_no_inline_script(client, answered):
    response = client.get("/ita/2566/")
    assert not response.cookies
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    html = response.content.decode()
    assert "<script" not in html
    assert "csrfmiddlewaretoken" not in html


def test_english_labels_on_the_english_site(client, answered):
    with translation.override("en"):
        html = client.get("/en/ita/2566/").content.decode()
    assert '<html lang="en"' in html
    assert "Public disclosure (OIT)" in html and "Indicator 9" in html and "Not published yet" in html
    assert "Sub-indicator 9.1" in html
    assert 'lang="th"' in html  # the Thai titles are marked as Thai


def test_year_selector_links_years_the_organization_tracks(client, answered, town):
    open_year(town.organization, 2567)
    html = client.get("/ita/2566/").content.decode()
    assert 'href="/ita/2567/"' in html
    assert '<span aria-current="page">2566</span>' in html
    assert client.get("/ita/").url == "/ita/2567/"


def test_a_year_without_framework_is_not_found(client, town):
    assert client.get("/ita/2400/").status_code == 404


def test_another_organizations_evidence_never_shows(client, answered, other_town):
    items = open_year(other_town.organization)
    assign(items["O5"], other_town.departments["finance"], actor=other_town.people["coordinator"])
    services.oit_evidence_add(
        actor=other_town.people["coordinator"], assignment=items["O5"], kind="url", url="https://other.example.go.th/x"
    )
    services.oit_assignment_approve(actor=other_town.people["coordinator"], assignment=items["O5"])
    html = client.get("/ita/2566/").content.decode()
    assert "other.example.go.th" not in html
    other = client.get("/ita/2566/", HTTP_HOST="other.example").content.decode()
    assert "other.example.go.th" in other and "facebook.com/example" not in other


def _answer_everything(organization, year: int, per_item: int) -> None:
    """Every item approved with `per_item` published links. Written in bulk: 1,290 entries through the
    services would take minutes, and this test is about reading them."""
    assignments = list(services.oit_year_open(organization=organization, fiscal_year=year))
    OitAssignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status="approved")
    now = timezone.now()
    OitEvidence.objects.bulk_create(
        [
            OitEvidence(
                assignment=assignment,
                kind=EvidenceKind.URL,
                url=f"https://www.example.go.th/{assignment.oit_item.code}/{n}",
                title=f"หลักฐาน {assignment.oit_item.code} ชิ้นที่ {n}",
                note="ดูย่อหน้าแรก",
                published_at=now,
            )
            for assignment in assignments
            for n in range(per_item)
        ]
    )


def _queries(client, path: str) -> int:
    client.get(path)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_items_or_evidence(client, town, django_assert_num_queries):
    _answer_everything(town.organization, 2566, per_item=1)
    synthetic_framework(year=2600, items=430)
    _answer_everything(town.organization, 2600, per_item=3)
    small = _queries(client, "/ita/2566/")
    client.get("/ita/2600/")
    with django_assert_num_queries(small):
        response = client.get("/ita/2600/")
    html = response.content.decode()
    assert html.count('class="oit-item"') == 430
    assert html.count("https://www.example.go.th/") == 1290


def test_titles_and_notes_are_shown_as_text(client, town):
    item = open_year(town.organization)["O6"]
    assign(item, town.departments["legal"])
    services.oit_evidence_add(
        actor=town.people["coordinator"],
        assignment=item,
        kind="url",
        url="https://www.krisdika.go.th/",
        title="<script>alert(1)</script> กฎหมาย",
        note="บรรทัดแรก\nบรรทัดที่สอง <b>",
    )
    services.oit_assignment_approve(actor=town.people["coordinator"], assignment=item)
    o6 = _item_html(client.get("/ita/2566/").content.decode(), "O6")
    assert "&lt;script&gt;alert(1)&lt;/script&gt; กฎหมาย" in o6
    assert "บรรทัดแรก<br>บรรทัดที่สอง &lt;b&gt;" in o6
