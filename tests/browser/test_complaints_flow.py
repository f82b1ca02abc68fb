"""The corruption channel end to end, as people would use it.

A citizen on a phone files an anonymous report with a photo and keeps the receipt; the case
officer signs in (password + authenticator), unlocks their key, reads the report and replies;
the citizen comes back with the receipt and reads the reply. The statistics page counts it.
"""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.browser.support import (
    DEMO_PASSWORD,
    admin_login,
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    screenshot,
)

pytestmark = pytest.mark.browser


def _photo() -> bytes:
    image = Image.new("RGB", (640, 480), (180, 60, 40))
    exif = Image.Exif()
    exif[0x010F] = "BrowserTestCamera"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def _pass_second_factor(page: Page) -> None:
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.get(user__username="officer", name="browser test")
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    page.fill("input[name=code]", f"{code:06d}")
    with page.expect_navigation():
        page.locator("form.twofactor-form button[type=submit]").click()


def test_anonymous_report_with_a_photo_reply_and_follow_up(
    demo_site: str, phone_page: Page, desktop_page: Page
) -> None:
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(
        user=get_user_model().objects.get(username="officer"), name="browser test", confirmed=True
    )
    citizen = phone_page

    # The landing page: the guideline, and a way in.
    citizen.goto("/corruption/")
    assert citizen.locator("h1").inner_text().startswith("แนวทางการจัดการเรื่องร้องเรียน")
    screenshot(citizen, "complaints-landing-phone")
    assert_no_horizontal_scroll(citizen)
    assert_no_axe_violations(citizen)
    citizen.locator("a[href='/corruption/report/']").first.click()
    citizen.wait_for_load_state()

    # The form, on a phone, with a photo.
    assert citizen.locator("#step-1").is_visible()
    citizen.select_option("select[name=category]", "procurement")
    citizen.fill("textarea[name=q_what]", "ผู้รับเหมาถนนซอย ๓ จ่ายเงินให้เจ้าหน้าที่เพื่อให้ตรวจรับงานที่ไม่ครบ")
    citizen.fill("textarea[name=q_who]", "เจ้าหน้าที่ตรวจรับพัสดุ กองช่าง")
    citizen.fill("input[name=q_where]", "ถนนซอย ๓ ตำบลแม่สาย")
    citizen.set_input_files(
        "input[name=evidence]", files=[{"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": _photo()}]
    )
    screenshot(citizen, "complaints-form-phone")
    assert_no_horizontal_scroll(citizen)
    assert_no_axe_violations(citizen)
    with citizen.expect_navigation():
        citizen.locator("button[type=submit]").click()

    # The receipt, shown once.
    receipt = citizen.locator("[data-testid=receipt]").inner_text().strip()
    assert re.fullmatch(r"\d{4} \d{4} \d{4} \d{4}", receipt), receipt
    screenshot(citizen, "complaints-receipt-phone")
    assert_no_axe_violations(citizen)
    assert not citizen.context.cookies(), "filing a report sets no cookie"

    # The officer: sign in, pass the second factor, unlock the key, read, reply.
    officer = desktop_page
    admin_login(officer, demo_site, "officer")
    if "/verify/" in officer.url:
        _pass_second_factor(officer)
    officer.goto("/admin/complaints/")
    screenshot(officer, "complaints-inbox-desktop")
    newest = officer.locator("table.listing tbody tr a").first
    newest.click()
    officer.wait_for_load_state()
    assert "/key/unlock/" in officer.url  # nothing opens before the key is unlocked
    officer.fill("input[name=passphrase]", DEMO_PASSWORD)
    with officer.expect_navigation():
        officer.locator("main form button[type=submit]").first.click()
    assert "ผู้รับเหมาถนนซอย ๓" in officer.content()
    assert "IMG_2041.jpg" in officer.content()
    officer.fill("textarea[name=reply-body]", "ได้รับเรื่องแล้ว ขอให้ส่งภาพใบตรวจรับงานเพิ่มเติมถ้ามี")
    with officer.expect_navigation():
        officer.locator("form[action$='/reply/'] button[type=submit]").click()
    screenshot(officer, "complaints-report-desktop")

    # The citizen comes back with the receipt and reads the reply.
    citizen.goto("/corruption/follow-up/")
    citizen.fill("input[name=receipt]", receipt)
    with citizen.expect_navigation():
        citizen.locator("main button[type=submit]").click()
    assert "/corruption/follow-up/case/" in citizen.url
    assert "ขอให้ส่งภาพใบตรวจรับงานเพิ่มเติม" in citizen.content()
    screenshot(citizen, "complaints-follow-up-phone")
    assert_no_horizontal_scroll(citizen)
    assert_no_axe_violations(citizen)

    # The statistics page counts it.
    citizen.goto("/corruption/statistics/")
    received = int(citizen.locator("[data-testid=received]").inner_text())
    assert received >= 1
    screenshot(citizen, "complaints-statistics-phone")
    assert_no_horizontal_scroll(citizen)
    assert_no_axe_violations(citizen)
