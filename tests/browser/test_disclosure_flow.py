"""The OIT tracker end to end, as people would use it, for a year the demo has not started (2567).

The ITA coordinator starts the year and assigns every item; staff of two departments attach evidence
(a page, a link after a mistyped one, an uploaded file); the coordinator returns one item with a
comment and approves the rest, and links what Prongsai publishes itself. The public page then shows
every item, answered ones with working links, on a phone and a desktop; the ITAS export holds the
same links.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page

from tests.browser.support import (
    admin_login,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    screenshot,
)

pytestmark = pytest.mark.browser

YEAR = 2567
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _ids() -> dict[str, int]:
    from wagtail.models import Page as WagtailPage

    from prongsai.core.models import Department

    return {
        "about": WagtailPage.objects.get(slug="about").pk,
        "admin": Department.objects.get(name="งานธุรการ").pk,
        "pr": Department.objects.get(name="ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์").pk,
    }


def _open_item(page: Page, code: str) -> None:
    page.goto(f"/admin/oit/{YEAR}/items/")
    with page.expect_navigation():
        page.locator(f"tr[data-code={code}] a").first.click()


def _add_evidence(browser_page: Page, **fields: str) -> None:
    page = browser_page
    form = page.locator("form[data-testid=evidence-form]")
    form.locator(f"input[name=kind][value={fields.pop('kind')}]").check()
    for name, value in fields.items():
        if name == "page":
            form.locator("select[name=page]").select_option(value)
        else:
            form.locator(f"[name={name}]").fill(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def _public_links(page: Page) -> dict[str, list[str]]:
    links: dict[str, list[str]] = {}
    for item in page.locator("li.oit-item").all():
        code = item.get_attribute("data-code") or ""
        links[code] = [a.get_attribute("href") or "" for a in item.locator(".oit-evidence a").all()]
    return links


def test_assign_collect_review_publish_and_export(
    demo_site: str, desktop_page: Page, phone_page: Page, browser
) -> None:
    ids = _ids()
    coordinator = desktop_page

    # The coordinator starts the year and assigns every item.
    admin_login(coordinator, demo_site, "nitikorn")
    coordinator.goto(f"/admin/oit/{YEAR}/")
    with coordinator.expect_navigation():
        coordinator.locator(f"form[action='/admin/oit/{YEAR}/open/'] button").first.click()
    assert f"/admin/oit/{YEAR}/assign/" in coordinator.url
    form = coordinator.locator("form[data-testid=assign-form]")
    form.locator("input[name=default_due_date]").fill("2024-03-29")
    rows = form.locator("tbody tr").all()
    assert len(rows) == 43
    for number, row in enumerate(rows, start=1):
        row.locator("select").select_option(str(ids["admin"] if number <= 20 else ids["pr"]))
    screenshot(coordinator, "disclosure-assign-desktop")
    with coordinator.expect_navigation():
        form.locator("button[type=submit]").click()
    assert coordinator.locator("[data-testid=total]").inner_text() == "43"
    order = coordinator.request.get(f"{demo_site}/admin/oit/{YEAR}/order.pdf")
    assert order.ok and order.body()[:5] == b"%PDF-"

    # งานธุรการ (the "staff" account) answers O1 with a page and O2 with a link, after a typo.
    staff_context = browser.new_context(base_url=demo_site, viewport={"width": 1280, "height": 900})
    staff = staff_context.new_page()
    admin_login(staff, demo_site, "staff")
    _open_item(staff, "O1")
    _add_evidence(staff, kind="page", page=str(ids["about"]), note="แผนผังโครงสร้างอยู่ในภาพแรกของหน้า")
    staff.locator("[data-testid=submit-item]").click()
    staff.wait_for_load_state()
    _open_item(staff, "O2")
    _add_evidence(staff, kind="url", url="htp:/contact", note="ข้อมูลผู้บริหารอยู่ท้ายหน้า")
    error = staff.locator(".w-field--error .error-message").first
    assert error.is_visible()
    assert staff.locator("input[name=url]").input_value() == "htp:/contact"
    assert staff.locator("textarea[name=note]").input_value() == "ข้อมูลผู้บริหารอยู่ท้ายหน้า"
    screenshot(staff, "disclosure-evidence-error-desktop")
    staff.locator("input[name=url]").fill("/contact/")
    with staff.expect_navigation():
        staff.locator("form[data-testid=evidence-form] button[type=submit]").click()
    assert "/contact/" in staff.locator("[data-testid=evidence-list]").inner_text()
    with staff.expect_navigation():
        staff.locator("[data-testid=submit-item]").click()
    # Another department's item: no way to add evidence.
    _open_item(staff, "O21")
    assert staff.locator("form[data-testid=evidence-form]").count() == 0
    staff_context.close()

    # ฝ่ายเผยแพร่วิชาการฯ's division head answers O21 with an uploaded file and O22 with the news page.
    head_context = browser.new_context(base_url=demo_site, viewport={"width": 1280, "height": 900})
    head = head_context.new_page()
    admin_login(head, demo_site, "head")
    _open_item(head, "O21")
    form = head.locator("form[data-testid=evidence-form]")
    form.locator("input[name=kind][value=upload]").check()
    form.locator("input[name=upload]").set_input_files(
        files=[{"name": "summary-2567.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    form.locator("input[name=title]").fill("สรุปผลการจัดซื้อจัดจ้างรายเดือน ต.ค. 2566")
    form.locator("textarea[name=note]").fill("แบบ สขร.๑ เดือนตุลาคม")
    with head.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "สรุปผลการจัดซื้อจัดจ้างรายเดือน" in head.locator("[data-testid=evidence-list]").inner_text()
    with head.expect_navigation():
        head.locator("[data-testid=submit-item]").click()
    _open_item(head, "O22")
    _add_evidence(head, kind="url", url=f"{demo_site}/news/", note="ข่าวประชาสัมพันธ์ล่าสุด")
    with head.expect_navigation():
        head.locator("[data-testid=submit-item]").click()
    head_context.close()

    # The coordinator returns O2 with a comment, approves the rest, links what Prongsai publishes.
    _open_item(coordinator, "O2")
    coordinator.locator("textarea[name=comment]").fill("ต้องเป็นหน้าที่มีรูปถ่ายและช่องทางติดต่อผู้บริหาร")
    with coordinator.expect_navigation():
        coordinator.locator("[data-testid=return]").click()
    assert "ต้องเป็นหน้าที่มีรูปถ่าย" in coordinator.locator("[data-testid=history]").inner_text()
    screenshot(coordinator, "disclosure-item-returned-desktop")
    for code in ("O1", "O21", "O22"):
        _open_item(coordinator, code)
        with coordinator.expect_navigation():
            coordinator.locator("[data-testid=approve]").click()
    coordinator.goto(f"/admin/oit/{YEAR}/")
    with coordinator.expect_navigation():
        coordinator.locator(f"form[action='/admin/oit/{YEAR}/sync/'] button").click()
    assert coordinator.locator("[data-testid=produced-list]").is_visible()
    screenshot(coordinator, "disclosure-dashboard-desktop")

    # The public page: every item, answered ones with working links, the returned one marked.
    for visitor, name in ((phone_page, "phone"), (desktop_page, "desktop")):
        visitor.context.clear_cookies()
        visitor.goto(f"/ita/{YEAR}/")
        links = _public_links(visitor)
        assert list(links) == [f"O{n}" for n in range(1, 44)]
        assert links["O1"] == ["/about/"]
        assert links["O2"] == []
        assert visitor.locator("li.oit-item[data-code=O2] .oit-missing").is_visible()
        assert links["O22"] == ["/news/"]
        assert len(links["O21"]) == 1 and links["O21"][0].startswith("/documents/")
        assert links["O28"] == ["/corruption/report/"]
        screenshot(visitor, f"disclosure-public-{name}")
        assert_no_horizontal_scroll(visitor)
        assert_no_axe_violations(visitor)
    for urls in links.values():
        for url in urls:
            response = desktop_page.request.get(f"{demo_site}{url}" if url.startswith("/") else url)
            assert response.ok, f"{url} answered {response.status}"
    desktop_page.goto(f"/en/ita/{YEAR}/")
    assert "Indicator 9" in desktop_page.locator("main").inner_text()

    # The export for ITAS holds the same links (made absolute with the site's address).
    admin_login(coordinator, demo_site, "nitikorn")
    export = coordinator.request.get(f"{demo_site}/admin/oit/{YEAR}/export.xlsx")
    assert export.ok
    sheet = load_workbook(io.BytesIO(export.body()))["URL"]
    exported: dict[str, list[str]] = {}
    for code, _title, _n, _name, url, _note in sheet.iter_rows(min_row=2, values_only=True):
        exported.setdefault(code, []).append(urlsplit(url).path if url.startswith(demo_site) else url)
    assert exported == {code: urls for code, urls in links.items() if urls}
    coordinator.goto(f"/admin/oit/{YEAR}/")
    assert int(coordinator.locator("[data-testid=approved]").inner_text()) == len(exported)
