"""Evidence health: pages and documents checked through the database, other sites over HTTP (local only)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command

from prongsai.disclosure import links, services
from prongsai.disclosure.tests.factories import assign, open_year


class _Handler(BaseHTTPRequestHandler):
    def _answer(self, with_body: bool) -> None:
        if self.path == "/slow":
            time.sleep(2)
        if self.path == "/no-head" and self.command == "HEAD":
            self.send_response(405)
        elif self.path in ("/ok", "/no-head", "/slow"):
            self.send_response(200)
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/ok")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if with_body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self._answer(False)

    def do_GET(self) -> None:
        self._answer(True)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_external_checks_head_then_get_with_a_short_timeout(local_site):
    assert links.check_external(f"{local_site}/ok") == links.CheckResult(200, "")
    assert links.check_external(f"{local_site}/no-head") == links.CheckResult(200, "")
    assert links.check_external(f"{local_site}/moved") == links.CheckResult(200, "")
    missing = links.check_external(f"{local_site}/missing")
    assert missing.status_code == 404 and "404" in missing.error
    slow = links.check_external(f"{local_site}/slow", timeout=0.5)
    assert slow.status_code is None and "0.5" in slow.error
    refused = links.check_external("http://127.0.0.1:9/")
    assert refused.status_code is None and refused.error


def test_the_checker_records_health_and_finds_unpublished_pages(town, local_site):
    item = open_year(town.organization)["O1"]
    assign(item, town.departments["admin"])
    staff = town.people["admin_staff"]
    about = services.oit_evidence_add(actor=staff, assignment=item, kind="page", page=town.pages["about"])
    ok = services.oit_evidence_add(actor=staff, assignment=item, kind="url", url=f"{local_site}/ok")
    gone = services.oit_evidence_add(actor=staff, assignment=item, kind="url", url=f"{local_site}/missing")
    town.pages["about"].unpublish()
    summary = services.oit_evidence_check_links(organization=town.organization, fiscal_year=2566, timeout=2)
    assert (summary.checked, summary.broken) == (3, 2)
    for entry in (about, ok, gone):
        entry.refresh_from_db()
        assert entry.last_checked_at is not None
    assert "not published" in about.last_error
    assert (ok.last_status_code, ok.last_error) == (200, "")
    assert gone.last_status_code == 404 and gone.is_broken


def test_a_moved_page_gets_its_new_address(town):
    item = open_year(town.organization)["O1"]
    assign(item, town.departments["admin"])
    entry = services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=item, kind="page", page=town.pages["contact"]
    )
    page = town.pages["contact"]
    page.slug = "contact-us"
    page.save_revision().publish()
    services.oit_evidence_check_links(organization=town.organization, external=False)
    entry.refresh_from_db()
    assert (entry.url, entry.last_error) == ("/contact-us/", "")


def test_the_command_checks_in_process_or_queues_a_task(town, capsys):
    item = open_year(town.organization)["O1"]
    assign(item, town.departments["admin"])
    entry = services.oit_evidence_add(
        actor=town.people["admin_staff"], assignment=item, kind="page", page=town.pages["about"]
    )
    call_command("oit_check_links", "--org", town.organization.slug, "--now", "--internal-only")
    assert "1 checked, 0 with problems" in capsys.readouterr().out
    town.pages["about"].unpublish()
    call_command("oit_check_links", "--org", town.organization.slug, "--internal-only")  # immediate backend in tests
    assert "queued" in capsys.readouterr().out
    entry.refresh_from_db()
    assert "not published" in entry.last_error
