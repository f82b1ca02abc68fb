"""Benchmark the corruption channel (prints figures; never pass/fail).

    .venv/bin/python bench/complaints_bench.py                      # throwaway SQLite database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/x .venv/bin/python bench/complaints_bench.py

Creates a throwaway test database (migrations take about a minute), then measures, in-process
through Django's test client (no network), with the real Argon2id parameters:

1. Argon2id: the parameters chosen and the cost of the receipt hash, its check and the key derivation;
2. submitting a report with a 1 MB attachment (a photo, re-encoded; and a PDF, scanned): p50 and p95;
3. the receipt login on the follow-up page: p50 and p95;
4. the officers' inbox with 10,000 reports (first page and page 100): p50 and p95 (target p95 <= 200 ms).

The 10,000 reports are bulk-inserted copies of one real report's metadata and ciphertext (running
Argon2id 10,000 times would only measure Argon2 again); the inbox reads metadata only.
"""

from __future__ import annotations

import io
import os
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ["DJANGO_SETTINGS_MODULE"] = "prongsai.settings.test"
os.environ.setdefault("PRONGSAI_TEST_DB", f"test_prongsai_complaints_bench_{os.getpid()}")

import logging

import django

logging.disable(logging.WARNING)
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

QUICK = os.environ.get("BENCH_QUICK") == "1"
SUBMISSIONS = 3 if QUICK else 20
LOGINS = 3 if QUICK else 10
INBOX_RUNS = 50
INBOX_REPORTS = 10_000


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def timed(function: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return times


def line(label: str, times: list[float], target: float | None = None) -> None:
    p50, p95 = statistics.median(times), percentile(times, 95)
    verdict = "" if target is None else ("  ok" if p95 <= target else f"  OVER target {target:.0f} ms")
    print(f"{label:<52} p50 {p50:8.1f} ms   p95 {p95:8.1f} ms   (n={len(times)}){verdict}")


def one_mb_photo() -> bytes:
    rng = random.Random(2566)
    size = 600
    from PIL import Image

    while True:
        noise = bytes(rng.getrandbits(8) for _ in range(size * size * 3))
        out = io.BytesIO()
        Image.frombytes("RGB", (size, size), noise).save(out, format="JPEG", quality=92)
        if out.tell() >= 1_000_000:
            return out.getvalue()
        size += 50


def one_mb_pdf() -> bytes:
    from prongsai.complaints.tests.factories import pdf_bytes

    blob = os.urandom(1_000_000)
    return pdf_bytes("bench").replace(b"%%EOF", b"%" + blob.hex()[:1_000_000].encode() + b"\n%%EOF")


def main() -> None:
    setup_test_environment()
    keep = os.environ.get("BENCH_KEEPDB") == "1"  # for repeated runs while tuning
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=keep)
    try:
        run()
    finally:
        if not keep:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def run() -> None:
    from django.test import Client

    from prongsai.complaints import crypto
    from prongsai.complaints.models import OfficerKey, Report, ReportKey
    from prongsai.complaints.tests.factories import OFFICER_PASSPHRASE, make_officer, submit
    from prongsai.core.tests.factories import make_organization
    from prongsai.core.twofactor.testing import login_verified

    settings.PRONGSAI_COMPLAINTS = {
        "SUBMIT_CLIENT_LIMIT": 10_000,
        "SUBMIT_GLOBAL_LIMIT": 10_000,
        "RECEIPT_CLIENT_FAILURES": 10_000,
    }
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, database: {connection.vendor}")

    # 1. Argon2id
    hashing, kdf = crypto.hash_params(), crypto.kdf_params()
    receipt = crypto.receipt_generate()
    stored = crypto.receipt_hash(receipt)
    salt = crypto.new_salt()
    print(f"Argon2id receipt hash:  t={hashing.time_cost} m={hashing.memory_cost // 1024} MiB p={hashing.parallelism}")
    print(f"Argon2id key derivation: t={kdf.time_cost} m={kdf.memory_cost // 1024} MiB p={kdf.parallelism}")
    line("  hash a receipt (submission)", timed(lambda: crypto.receipt_hash(receipt), 5))
    line("  check a receipt (login)", timed(lambda: crypto.receipt_verify(stored, receipt), 5))
    line("  derive a key (submission, login, unlock)", timed(lambda: crypto.derive_key(receipt, salt, kdf), 5))

    organization = make_organization()
    officer, _ = make_officer(organization)
    client = Client()

    # 2. Submissions with a 1 MB attachment
    def submit_with(name: str, data: bytes) -> Callable[[], str]:
        def once() -> str:
            html = client.get("/corruption/report/").content.decode()
            token = re.search(r'name="form_token" value="([^"]+)"', html).group(1)  # type: ignore[union-attr]
            from django.core.files.uploadedfile import SimpleUploadedFile

            response = client.post(
                "/corruption/report/",
                {
                    "form_token": token,
                    "category": "procurement",
                    "q_what": "การจัดซื้อวัสดุราคาสูงกว่าท้องตลาด " * 20,
                    "q_who": "เจ้าหน้าที่พัสดุ",
                    "recipients": [OfficerKey.objects.get(user=officer.user).pk],
                    "evidence": [SimpleUploadedFile(name, data)],
                },
            )
            assert response.status_code == 200, response.status_code
            return re.search(r'data-testid="receipt">([\d ]+)<', response.content.decode()).group(1)  # type: ignore[union-attr]

        return once

    photo, pdf = one_mb_photo(), one_mb_pdf()
    print(f"attachments: photo {len(photo) / 1e6:.2f} MB JPEG, PDF {len(pdf) / 1e6:.2f} MB")
    line("submit a report + 1 MB photo (form GET + POST)", timed(submit_with("photo.jpg", photo), SUBMISSIONS))
    line("submit a report + 1 MB PDF (form GET + POST)", timed(submit_with("scan.pdf", pdf), SUBMISSIONS))

    # 3. Receipt login
    receipt_text = submit_with("scan.pdf", pdf)()

    def login() -> None:
        fresh = Client()
        response = fresh.post("/corruption/follow-up/", {"receipt": receipt_text})
        assert response.status_code == 302, response.status_code

    line("receipt login (follow-up page POST)", timed(login, LOGINS))

    # 4. Inbox with 10,000 reports
    template = submit(organization).report
    fields = {
        f.attname: getattr(template, f.attname) for f in Report._meta.concrete_fields if f.attname not in ("id", "uuid")
    }
    existing = Report.objects.filter(organization=organization).count()
    batch = [Report(**fields) for _ in range(INBOX_REPORTS - existing)]
    Report.objects.bulk_create(batch, batch_size=1000)
    ReportKey.objects.bulk_create(
        [
            ReportKey(report_id=pk, organization=organization, officer=officer.user, sealed_key=b"x")
            for pk in Report.objects.filter(organization=organization)
            .exclude(keys__officer=officer.user)
            .values_list("pk", flat=True)
        ],
        batch_size=1000,
    )
    with connection.cursor() as cursor:
        # What autovacuum would have done on a database that grew to this size.
        for table in ("complaints_report", "complaints_reportkey"):
            cursor.execute(f"VACUUM ANALYZE {table}" if connection.vendor == "postgresql" else f"ANALYZE {table}")
    total = Report.objects.filter(organization=organization, keys__officer=officer.user).count()
    print(f"inbox: {total} reports sealed to the officer")
    login_verified(client, officer.user)
    from django.core.paginator import Paginator

    from prongsai.complaints.selectors import inbox_for

    def query_only() -> None:
        page = Paginator(inbox_for(organization, officer.user), 50).get_page(1)
        list(page.object_list)

    line("  inbox queries alone (count + first 50)", timed(query_only, INBOX_RUNS))
    client.post("/admin/complaints/key/unlock/", {"passphrase": OFFICER_PASSPHRASE})

    def inbox(query: str = "") -> Callable[[], None]:
        def once() -> None:
            response = client.get(f"/admin/complaints/{query}")
            assert response.status_code == 200, response.status_code

        return once

    inbox()()
    line("officer inbox, first page of 50", timed(inbox(), INBOX_RUNS), target=200)
    line("officer inbox, page 100", timed(inbox("?p=100"), INBOX_RUNS), target=200)
    line("officer inbox, filtered by status", timed(inbox("?status=received"), INBOX_RUNS), target=200)


if __name__ == "__main__":
    main()
