"""The public website as a visitor sees it, on a desktop and on a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import assert_no_axe_violations, assert_no_horizontal_scroll, screenshot

pytestmark = pytest.mark.browser


def _sarabun_is_used(page: Page) -> bool:
    page.evaluate("async () => { await document.fonts.ready; }")
    return bool(
        page.evaluate(
            """() => [...document.fonts].some(f => f.family.replace(/"/g, '') === 'Sarabun' && f.status === 'loaded')
                  && getComputedStyle(document.body).fontFamily.includes('Sarabun')"""
        )
    )


def test_home_page(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    response = page.goto("/")
    assert response is not None and response.status == 200
    assert page.get_attribute("html", "lang") == "th"
    assert page.locator("h1").inner_text() == "เทศบาลตำบลแม่สาย"
    assert page.locator("header .brand__name").inner_text() == "เทศบาลตำบลแม่สาย"
    assert page.locator("footer").get_by_text("เลขที่ ๑ ถนนพหลโยธิน", exact=False).is_visible()
    assert _sarabun_is_used(page), "the self-hosted Sarabun font did not load"
    assert page.context.cookies() == []  # an anonymous visit stores nothing
    assert_no_horizontal_scroll(page)
    screenshot(page, f"home-{device}")
    assert_no_axe_violations(page)


def test_skip_link_appears_on_focus_and_moves_to_the_content(demo_site: str, phone_page: Page) -> None:
    page = phone_page
    page.goto("/")
    skip = page.locator(".skip-link")
    box = skip.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 0, "the skip link shows before it is focused"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    box = skip.bounding_box()
    assert box is not None and box["y"] >= 0, "the focused skip link is off screen"
    screenshot(page, "home-skip-link-focused-phone")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"


def test_keyboard_focus_is_clearly_visible(demo_site: str, desktop_page: Page) -> None:
    page = desktop_page
    page.goto("/")
    page.keyboard.press("Tab")  # skip link
    page.keyboard.press("Tab")  # the brand (home) link
    focused = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.backgroundColor, s.boxShadow]; }"
    )
    assert focused[0] == "rgb(255, 221, 0)", focused  # the yellow focus highlight
    screenshot(page, "home-focus-desktop")


def test_privacy_page(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    page.goto("/")
    page.locator("footer").get_by_role("link", name="ประกาศความเป็นส่วนตัว").click()
    page.wait_for_url("**/privacy/")
    assert page.locator("h1").inner_text() == "ประกาศความเป็นส่วนตัว"
    assert page.get_by_text("ผู้ควบคุมข้อมูลส่วนบุคคล", exact=False).is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"privacy-{device}")
    assert_no_axe_violations(page)


def test_cookie_page_is_linked_and_says_no_consent_is_needed(demo_site: str, phone_page: Page) -> None:
    page = phone_page
    page.goto("/")
    page.locator("footer").get_by_role("link", name="นโยบายคุกกี้").click()
    page.wait_for_url("**/cookies/")
    assert page.get_by_text("ไม่ใช้คุกกี้ที่ไม่จำเป็น", exact=False).is_visible()
    assert page.context.cookies() == []
    screenshot(page, "cookies-phone")
    assert_no_axe_violations(page)


def test_english_home_page_and_language_switch(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    page.goto("/about/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.get_attribute("html", "lang") == "en"
    page.goto("/en/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("header .brand__name").inner_text() == "Mae Sai Subdistrict Municipality"
    assert page.context.cookies() == []
    assert_no_horizontal_scroll(page)
    screenshot(page, f"home-en-{device}")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="ไทย").click()
    page.wait_for_url(f"{demo_site}/")
    assert page.get_attribute("html", "lang") == "th"


def test_news_index_and_news_page(demo_site: str, desktop_page: Page) -> None:
    page = desktop_page
    page.goto("/")
    page.locator(".more-link a").click()
    page.wait_for_url("**/news/")
    assert page.locator("time").first.inner_text() == "4 เม.ย. 2566"
    screenshot(page, "news-index-desktop")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="ประชุมส่วนราชการประจำเดือนมีนาคม ๒๕๖๖").click()
    assert page.locator("article time").inner_text() == "๒๘ มีนาคม ๒๕๖๖"
    assert_no_axe_violations(page)


def test_not_found_page(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert page.get_attribute("html", "lang") == "th"
    assert page.locator("main").get_by_role("link", name="เกี่ยวกับเทศบาล").is_visible()
    assert_no_horizontal_scroll(page)
    screenshot(page, f"not-found-{device}")
    assert_no_axe_violations(page)


def test_print_layout_hides_navigation(demo_site: str, desktop_page: Page) -> None:
    page = desktop_page
    page.goto("/privacy/")
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator(".language-switch").is_visible()
    assert page.locator("h1").is_visible()
    screenshot(page, "privacy-print")


def test_server_error_page(demo_site: str, phone_page: Page) -> None:
    from django.test import RequestFactory

    from prongsai.site.views import server_error

    html = server_error(RequestFactory().get("/")).content.decode()
    page = phone_page
    page.goto("/robots.txt")  # any page of ours, so the stylesheet's "/static/..." address resolves
    page.set_content(html, wait_until="load")
    assert page.locator("h1").inner_text() == "ระบบขัดข้องชั่วคราว"
    assert _sarabun_is_used(page)
    screenshot(page, "server-error-phone")
    assert_no_axe_violations(page)
