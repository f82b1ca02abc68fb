"""The ITA loop as staff walk it in the browser: the coordinator enters a measure, two departments add
results, the chief administrator and the mayor approve, and the PDF they download carries it all."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.browser.support import SCREENSHOT_DIR, admin_login, assert_no_axe_violations, screenshot

pytestmark = pytest.mark.browser

TITLE = "มาตรการเผยแพร่ข้อมูลข่าวสารผ่านช่องทางออนไลน์อย่างสม่ำเสมอ"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def sign_in(page: Page, base_url: str, username: str) -> None:
    page.context.clear_cookies()
    admin_login(page, base_url, username)


def add_result(page: Page, measure_url: str, text: str, evidence: Path | None = None) -> None:
    page.goto(measure_url)
    page.fill("input[name=date]", "2024-02-15")
    page.fill("textarea[name=text]", text)
    if evidence is not None:
        page.set_input_files("input[name=evidence_files]", str(evidence))
    with page.expect_navigation():
        page.click("button[data-action=add-result]")
    expect(page.locator(f"text={text}")).to_be_visible()


def test_coordinator_departments_chief_and_mayor(demo_site: str, desktop_page: Page, tmp_path: Path) -> None:
    page = desktop_page
    base = demo_site

    # 1. The coordinator (นิติกร) enters a 2567 measure owned by two departments.
    sign_in(page, base, "nitikorn")
    page.goto(f"{base}/admin/ita/measures/2567/add/")
    page.select_option("select[name=indicator]", label="7. ประสิทธิภาพการสื่อสาร")
    page.fill("textarea[name=title]", TITLE)
    page.fill("textarea[name=steps]", "จัดทำแผนการเผยแพร่ข้อมูลรายเดือนและติดตามผลทุกไตรมาส")
    page.fill("input[name=start_date]", "2023-10-01")
    page.fill("input[name=end_date]", "2023-09-30")  # ends before it starts: refused, input kept
    page.check("label:has-text('ฝ่ายเผยแพร่วิชาการและประชาสัมพันธ์') input")
    page.check("label:has-text('งานธุรการ') input")
    page.click("button[data-action=save-measure]")
    expect(page.locator(".error-message")).to_be_visible()
    expect(page.locator("textarea[name=title]")).to_have_value(TITLE)
    screenshot(page, "ita-measure-error")
    page.fill("input[name=end_date]", "2024-09-30")
    with page.expect_navigation():
        page.click("button[data-action=save-measure]")
    row = page.locator("tr", has_text=TITLE)
    expect(row).to_be_visible()
    screenshot(page, "ita-measures-2567")
    measure_url = base + str(row.locator("a").first.get_attribute("href"))

    # 2. Two departments add results: the head of กองยุทธศาสตร์ฯ (above ฝ่ายเผยแพร่ฯ) with a file, and งานธุรการ.
    evidence = tmp_path / "รายงานการเผยแพร่.pdf"
    evidence.write_bytes(PDF)
    sign_in(page, base, "head")
    add_result(page, measure_url, "เผยแพร่ข้อมูลข่าวสารบนเว็บไซต์และเพจของเทศบาลครบทุกเดือน", evidence)
    expect(page.locator("a", has_text="รายงานการเผยแพร่.pdf")).to_be_visible()
    sign_in(page, base, "staff")
    add_result(page, measure_url, "แจ้งเวียนสรุปข่าวประจำเดือนให้ทุกส่วนราชการ")
    screenshot(page, "ita-measure-results")

    # 3. The coordinator starts the 2567 results report and sends it up.
    sign_in(page, base, "nitikorn")
    page.goto(f"{base}/admin/ita/reports/")
    page.select_option("select[name=fiscal_year]", "2567")
    page.select_option("select[name=kind]", "results")
    page.fill("input[name=memo_date]", "2024-04-05")
    with page.expect_navigation():
        page.click("button[data-action=start-round]")
    report_url = page.url
    with page.expect_navigation():
        page.click("button[data-action=submit]")
    expect(page.locator("[data-status=submitted]")).to_be_visible()

    # 4. The chief administrator (ปลัด) gives an opinion, the mayor (นายก) orders.
    sign_in(page, base, "palad")
    page.goto(report_url)
    page.check("input[name=chief-choice][value='เห็นควรตามเสนอ']")
    with page.expect_navigation():
        page.click("button[data-action=opine]")
    expect(page.locator("[data-status=chief_reviewed]")).to_be_visible()
    sign_in(page, base, "mayor")
    page.goto(report_url)
    screenshot(page, "ita-report-for-mayor")
    page.check("input[name=executive-choice][value='อนุมัติ / ดำเนินการตามเสนอ']")
    with page.expect_navigation():
        page.click("button[data-action=order]")
    expect(page.locator("[data-status=approved]")).to_be_visible()
    screenshot(page, "ita-report-approved")

    # 5. The PDF downloads and carries the measure, both results and the approvals.
    with page.expect_download() as download_info:
        page.click("a[data-download=pdf]")
    pdf_path = SCREENSHOT_DIR / "ita-results-2567.pdf"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    download_info.value.save_as(str(pdf_path))
    content = pdf_path.read_bytes()
    assert content.startswith(b"%PDF")
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    for expected in (
        TITLE,
        "เผยแพร่ข้อมูลข่าวสารบนเว็บไซต์และเพจของเทศบาลครบทุกเดือน",
        "แจ้งเวียนสรุปข่าวประจำเดือนให้ทุกส่วนราชการ",
        "ประจำปีงบประมาณพ.ศ.๒๕๖๗",
        "(นายชัยยนต์ศรีสมุทร)",
        "(นายสุระกิจโยชมณเฑียร)",
    ):
        assert re.sub(r"\s+", "", expected) in text, expected

    # 6. It is published on the public site under its year.
    page.context.clear_cookies()
    page.goto(f"{base}/ita/measures/2567/")
    expect(page.locator("a[href$='.pdf']").first).to_be_visible()
    screenshot(page, "ita-public-2567")
    assert_no_axe_violations(page)
