"""The staff admin (Wagtail) opens for a demo officer, on a desktop and on a phone.

Wagtail's own screens are screenshotted for review but not gated on axe-core: their markup is Wagtail's.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.support import admin_login, screenshot

pytestmark = pytest.mark.browser


def test_admin_login_page(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    response = page.goto("/admin/login/")
    assert response is not None and response.status == 200
    assert page.locator("input[name=username]").is_visible()
    assert page.locator("input[name=password]").is_visible()
    screenshot(page, f"admin-login-{device}")


def test_ita_coordinator_signs_in_to_the_dashboard(demo_site: str, device: str, device_page: Page) -> None:
    page = device_page
    admin_login(page, demo_site, "nitikorn")
    page.wait_for_load_state("networkidle")
    assert page.url.rstrip("/").endswith("/admin"), page.url
    assert page.locator("input[name=password]").count() == 0  # not sent back to the login form
    assert any(cookie["name"] == "sessionid" for cookie in page.context.cookies())
    screenshot(page, f"admin-dashboard-{device}")
