"""Fixtures for browser tests: a live server with the demo municipality, Chromium, desktop and phone pages.

Mark every browser test module with `pytestmark = pytest.mark.browser`: they run in their own pass
(`make test-browser`, i.e. `pytest -m browser`) and the other passes leave them out.
Chromium is Debian's /usr/bin/chromium driven by Playwright for Python; never `playwright install`.

Fixtures any app's browser test can use:

- `demo_site`: the live server (pytest-django's `live_server`, so the test is transactional and its
  data is flushed afterwards) with the demo municipality loaded (`load_demo`; on SQLite the first
  load is kept and copied back for later tests) and the Wagtail Site set to the server's host and
  port. Returns the base URL, e.g. "http://localhost:41234". Each test starts from the same demo.
- `browser`: one headless Chromium for the whole session.
- `desktop_page`: a 1280x800 page; `phone_page`: a 390x844 phone (is_mobile, touch, scale 2);
  `device_page` runs the test twice, once as each, with `device` ("desktop" or "phone") naming which.
  Both use Thai locale and Bangkok time, have `base_url` set to the live server (so
  `page.goto("/privacy/")` works) and fail the test if the page asks any other host for anything
  (fonts, scripts, images: everything is served by us), or if one of our assets answers an error.

Helpers (tests/browser/support.py): `screenshot(page, name)` saves var/screenshots/<name>.png;
`assert_no_axe_violations(page)` fails on serious/critical axe-core violations;
`assert_no_horizontal_scroll(page)`; `admin_login(page, base_url, username)`.

A new browser test therefore looks like:

    pytestmark = pytest.mark.browser

    def test_something(demo_site, phone_page):
        phone_page.goto("/")
        screenshot(phone_page, "something-phone")
        assert_no_axe_violations(phone_page)
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, BrowserContext, Page, Request, Response, sync_playwright

from tests.browser.support import CHROMIUM, CHROMIUM_ARGS

DESKTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (.ci/run does)")
    # Playwright's sync API keeps an event loop on this thread; Django's ORM would refuse to run beside
    # it. Test code here is synchronous, so tell Django it is safe (tests only).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    try:
        yield chromium
    finally:
        chromium.close()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def django_db_setup(browser: Browser, django_db_setup: None) -> None:
    """The test database, set up after Chromium has started.

    Playwright's sync API marks an asyncio loop as running on this thread, and from then on Django
    keeps its connections in context-local rather than thread-local storage: a connection made before
    the browser started is no longer the one tests get. Starting the browser first keeps a single set
    of connections, so the serialized rollback below (which restores the migrations' rows, such as
    Wagtail's root page, after each test's flush) finds its data. When other tests already set the
    database up in this session, the saved rows are carried over to the new connections.
    """
    from django.db import connections

    thread_storage = getattr(connections._connections, "_storage", None)  # the connections made before
    for alias in connections:
        before = getattr(thread_storage, alias, None)
        now = connections[alias]
        if before is not None and before is not now and hasattr(before, "_test_serialized_contents"):
            now._test_serialized_contents = before._test_serialized_contents  # type: ignore[attr-defined]


# A copy of the test database right after the first `load_demo` (SQLite in memory only).
_demo_snapshot: list[sqlite3.Connection] = []


def _load_demo() -> None:
    """Load the demo, or on SQLite copy back the database as the first load left it.

    Loading the whole demo municipality takes seconds and every browser test needs it; SQLite's
    backup API restores the same rows in milliseconds. Other databases load it each time.
    """
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("load_demo", verbosity=0)
        return
    connection.ensure_connection()
    if _demo_snapshot:
        _demo_snapshot[0].backup(connection.connection)
        return
    call_command("load_demo", verbosity=0)
    snapshot = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(snapshot)
    _demo_snapshot.append(snapshot)


@pytest.fixture
def demo_site(live_server: Any, transactional_db: None, django_db_serialized_rollback: None) -> str:
    """The live server's base URL, serving the demo municipality."""
    from wagtail.models import Site

    _load_demo()
    address = urlsplit(live_server.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname = address.hostname or "localhost"
    site.port = address.port or 80
    site.save()
    return str(live_server.url)


def _open_page(browser: Browser, base_url: str, options: dict[str, Any]) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(
        base_url=base_url,
        locale="th-TH",
        timezone_id="Asia/Bangkok",
        bypass_csp=True,  # lets axe-core be injected once a strict CSP is in place
        **options,
    )
    ours = urlsplit(base_url).netloc
    foreign: list[str] = []
    broken: list[str] = []

    def on_request(request: Request) -> None:
        address = urlsplit(request.url)
        if address.scheme in ("http", "https", "ws", "wss") and address.netloc != ours:
            foreign.append(request.url)

    def on_response(response: Response) -> None:
        path = urlsplit(response.url).path
        if response.status >= 400 and path.startswith(("/static/", "/media/", "/favicon")):
            broken.append(f"{response.status} {response.url}")

    context.on("request", on_request)
    context.on("response", on_response)
    # Nothing may leave the machine: requests to other hosts are refused (and reported below).
    context.route(lambda url: urlsplit(url).netloc != ours, lambda route: route.abort())
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()
    assert not foreign, f"the page asked other hosts for: {foreign}"
    assert not broken, f"our assets answered errors: {broken}"


@pytest.fixture
def desktop_page(browser: Browser, live_server: Any) -> Iterator[Page]:
    yield from _open_page(browser, str(live_server.url), DESKTOP)


@pytest.fixture
def phone_page(browser: Browser, live_server: Any) -> Iterator[Page]:
    yield from _open_page(browser, str(live_server.url), PHONE)


@pytest.fixture(params=["desktop", "phone"])
def device(request: pytest.FixtureRequest) -> str:
    """Runs the test once on a desktop and once on a phone; the name goes into screenshot names."""
    return str(request.param)


@pytest.fixture
def device_page(browser: Browser, live_server: Any, device: str) -> Iterator[Page]:
    yield from _open_page(browser, str(live_server.url), DESKTOP if device == "desktop" else PHONE)
