"""Benchmark the ITA results report built from the seed's data (prints figures; never pass/fail).

    .venv/bin/python bench/ita_bench.py

Builds the report's Document with prongsai.ita.report_document.report_document from data shaped as a
frozen round holds it (no database): the seed (Mae Sai's 6 measures of 2566 with their full texts) and
a 60-measure year (the seed's rows repeated over indicators 1-10). For each, PDF and DOCX: first render
in the process, median of the next runs, Python peak memory (tracemalloc); then LibreOffice's DOCX -> PDF
time if `soffice` is installed. Targets (issue 3): seed PDF <= 1 s, DOCX <= 0.2 s, 60-measure PDF <= 5 s.
"""

from __future__ import annotations

import logging
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.dev")

import django

django.setup()
logging.getLogger("weasyprint").setLevel(logging.ERROR)

from prongsai.documents.render import render_docx, render_pdf  # noqa: E402
from prongsai.ita import wording  # noqa: E402
from prongsai.ita.demo import MEASURES_2566  # noqa: E402
from prongsai.ita.report_document import report_document  # noqa: E402

RUNS = 3
INDICATORS = {
    6: "คุณภาพการดำเนินงาน",
    7: "ประสิทธิภาพการสื่อสาร",
    8: "การปรับปรุงการทำงาน",
    9: "การเปิดเผยข้อมูล",
}


def rows(count: int) -> list[list[str]]:
    out = []
    numbers: dict[int, int] = {}
    for i in range(count):
        entry = MEASURES_2566[i % len(MEASURES_2566)]
        indicator = entry["indicator"] if count <= len(MEASURES_2566) else 1 + (i * 10) // count
        n = numbers[indicator] = numbers.get(indicator, 0) + 1
        out.append(
            [
                f"{indicator}. {INDICATORS.get(indicator, 'ตัวชี้วัด')}",
                f"{n}. {entry['title']}",
                f"{n}. {entry['steps']}",
                entry["schedule_text"],
                entry["owners_text"] or "งานนิติการ สำนักปลัดเทศบาล",
                f"- {entry['result'][1]}",
                f"- {entry['recommendations']}",
            ]
        )
    return out


def data(count: int) -> dict[str, Any]:
    values = {
        "year": "2566",
        "previous_year": "2565",
        "organization": "เทศบาลตำบลแม่สาย",
        "department_full": "งานนิติการ สำนักปลัดเทศบาล",
        "executive_position": "นายกเทศมนตรีตำบลแม่สาย",
        "plan_indicator": "10 การป้องกันการทุจริต",
        "plan_sub_indicator": "10.2 มาตรการส่งเสริมคุณธรรมและความโปร่งใส",
        "plan_item_code": "O42",
        "plan_item_title": "มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
        "results_item_code": "O43",
        "results_item_title": "การดำเนินการตามมาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
    }
    words = wording.DEFAULT_WORDING["results"]
    return {
        "kind": "results",
        "fiscal_year": 2566,
        "organization": "เทศบาลตำบลแม่สาย",
        "thai_digits": True,
        "memo": {
            "department": "สำนักปลัดเทศบาล งานนิติการ",
            "phone": "0-5373-1288 ต่อ 207",
            "number": "ชร 52301.6/",
            "date": "2023-04-04",
            "subject": wording.fill(words["subject"], values),
            "salutation": "นายกเทศมนตรีตำบลแม่สาย",
            "background": wording.paragraphs(words["background"], values),
            "facts": wording.paragraphs(words["facts"], values),
            "proposal": wording.paragraphs(words["proposal"], values),
            "closing": words["closing"],
        },
        "signer": {"name": "นายสุระกิจ ยอดมงคล", "position": "นิติกรชำนาญการพิเศษ"},
        "chief": {"name": "นายสุระกิจ โยชมณเฑียร", "position": "ปลัดเทศบาล"},
        "executive": {"name": "นายชัยยนต์ ศรีสมุทร", "position": "นายกเทศมนตรีตำบลแม่สาย"},
        "table": {
            "title_lines": wording.paragraphs(words["table_title"], values),
            "columns": [[label, weight] for label, weight in wording.RESULTS_COLUMNS],
            "rows": rows(count),
        },
        "analysis": None,
    }


def measure(label: str, render: Callable[[], bytes], target: float | None) -> bytes:
    start = time.perf_counter()
    output = render()
    first = time.perf_counter() - start
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        render()
        times.append(time.perf_counter() - start)
    tracemalloc.start()
    render()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(times)
    verdict = ""
    if target is not None:
        verdict = f" (target ≤ {target:.1f} s: {'met' if median <= target else 'MISSED'})"
    print(f"{label:<34} first {first:6.3f} s  median {median:6.3f} s  peak {peak / 2**20:6.1f} MB{verdict}")
    return output


def main() -> None:
    seed = report_document(data(len(MEASURES_2566)))
    sixty = report_document(data(60))
    seed_docx = measure("seed report (6 measures) DOCX", lambda: render_docx(seed), 0.2)
    measure("seed report (6 measures) PDF", lambda: render_pdf(seed), 1.0)
    sixty_docx = measure("60 measures DOCX", lambda: render_docx(sixty), None)
    measure("60 measures PDF", lambda: render_pdf(sixty), 5.0)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice: not installed (apt-get install libreoffice-writer-nogui); skipped")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in (("seed", seed_docx), ("sixty", sixty_docx)):
            path = Path(tmp) / f"{name}.docx"
            path.write_bytes(content)
            start = time.perf_counter()
            subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation=file://{tmp}/profile",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    tmp,
                    str(path),
                ],
                check=True,
                capture_output=True,
                timeout=300,
            )
            print(f"LibreOffice DOCX -> PDF ({name}):    {time.perf_counter() - start:6.3f} s")


if __name__ == "__main__":
    main()
