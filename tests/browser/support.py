"""Helpers for browser tests: screenshots, accessibility checks, signing in.

Import them in any browser test (`from tests.browser.support import screenshot, ...`); the fixtures
that start the server and the browser are in tests/browser/conftest.py.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import Page

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_JS = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = Path(settings.VAR_DIR) / "screenshots"
BLOCKING_IMPACTS = ("serious", "critical")

DEMO_PASSWORD = "maesai-demo-2566"  # prongsai.core.demo.DEMO_PASSWORD, for every demo account


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG as var/screenshots/<name>.png and return its path. Look at it."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")
    path = SCREENSHOT_DIR / f"{safe}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def axe_violations(page: Page, *, impacts: tuple[str, ...] = BLOCKING_IMPACTS) -> list[dict[str, Any]]:
    """Run axe-core (node_modules, installed by `npm ci`) on the page; its violations of these impacts."""
    if not AXE_JS.exists():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` (make test-browser does)")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    results = page.evaluate("async () => await window.axe.run(document, {resultTypes: ['violations']})")
    return [v for v in results["violations"] if v.get("impact") in impacts]


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} ({violation['helpUrl']})")
        for node in violation["nodes"][:5]:
            lines.append(f"    at {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("      " + node["failureSummary"].replace("\n", "\n      ")[:400])
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Fail when axe-core finds any serious or critical accessibility violation, listing each one."""
    violations = axe_violations(page)
    if violations:
        pytest.fail(
            f"axe-core found {len(violations)} serious/critical violation(s) on {page.url}:\n"
            + format_violations(violations)
        )


def assert_no_horizontal_scroll(page: Page) -> None:
    """Nothing sticks out sideways (a common failure on phones: long words, wide tables, fixed widths)."""
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def admin_login(page: Page, base_url: str, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through Wagtail's login form, as a person would; leaves the page on the admin."""
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("button[type=submit]")
