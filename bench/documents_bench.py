"""Benchmark the official-documents renderer (prints figures; never pass/fail).

    .venv/bin/python bench/documents_bench.py

For a seed-sized document (the ITA memo + its 4-row landscape annex) and a 60-row annex, PDF and DOCX:
time of the first render in the process (font loading included), median of the next runs, Python peak
memory (tracemalloc, a separate run) and the process's peak RSS. Then LibreOffice's DOCX -> PDF time, if
installed. Targets (issue 3): seed PDF <= 1 s, DOCX <= 0.2 s, 60-measure PDF <= 5 s.
"""

from __future__ import annotations

import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.dev")

import logging

logging.getLogger("weasyprint").setLevel(logging.ERROR)

from prongsai.documents.render import render_docx, render_pdf  # noqa: E402
from prongsai.documents.samples import sample_memo  # noqa: E402

RUNS = 3


def maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def measure(label: str, render: Callable[[], bytes], target: float | None) -> bytes:
    start = time.perf_counter()
    output = render()
    first = time.perf_counter() - start
    times, cpu_times = [], []
    for _ in range(RUNS):
        start, cpu_start = time.perf_counter(), time.process_time()
        render()
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)
    tracemalloc.start()
    render()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    median = statistics.median(times)
    verdict = "" if target is None else ("  ok" if median <= target else f"  OVER target {target:.1f} s")
    print(
        f"{label:<28} first {first:6.2f} s   median of {RUNS} {median:6.2f} s "
        f"(cpu {statistics.median(cpu_times):5.2f} s)   "
        f"python peak {peak / 2**20:7.1f} MiB   process maxrss {maxrss_mb():7.1f} MiB   "
        f"{len(output) / 1024:7.0f} KiB{verdict}"
    )
    return output


def main() -> None:
    seed = sample_memo()
    sixty = sample_memo(rows=60)
    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load average {load:.1f} (wall times grow with it)")
    seed_pdf = measure("seed memo + 4-row table PDF", lambda: render_pdf(seed), 1.0)
    seed_docx = measure("seed memo + 4-row table DOCX", lambda: render_docx(seed), 0.2)
    sixty_pdf = measure("memo + 60-row table PDF", lambda: render_pdf(sixty), 5.0)
    sixty_docx = measure("memo + 60-row table DOCX", lambda: render_docx(sixty), None)
    from io import BytesIO

    from pypdf import PdfReader

    seed_pages, sixty_pages = (len(PdfReader(BytesIO(data)).pages) for data in (seed_pdf, sixty_pdf))
    print(f"pages: seed PDF {seed_pages}, 60-row PDF {sixty_pages}")

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("LibreOffice is not installed (apt-get install libreoffice-writer-nogui): DOCX -> PDF not timed")
        return
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in (("seed", seed_docx), ("sixty", sixty_docx)):
            path = Path(tmp) / f"{name}.docx"
            path.write_bytes(data)
            start = time.perf_counter()
            subprocess.run(
                [soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                check=True,
                capture_output=True,
            )
            pages = len(PdfReader(Path(tmp) / f"{name}.pdf").pages)
            print(f"LibreOffice DOCX -> PDF {name:<6} {time.perf_counter() - start:6.2f} s ({pages} pages)")


if __name__ == "__main__":
    main()
