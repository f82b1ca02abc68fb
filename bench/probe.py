"""In-process measurements for bench/run.py; prints one JSON object on stdout.

    probe.py measure PATH [--runs N]   render time and SQL queries of one page through Django's WSGI handler
    probe.py add-news N                add N published news pages under the news index

Run with the benchmark's environment (production settings on PostgreSQL); never asserts anything.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.production")

import django

django.setup()

from django.core.handlers.wsgi import WSGIHandler  # noqa: E402
from django.db import connection  # noqa: E402


def _call(app: WSGIHandler, path: str) -> tuple[str, bytes]:
    environ: dict[str, Any] = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.url_scheme": "http",
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    status: list[str] = []

    def start_response(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(code)

    result = app(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        close = getattr(result, "close", None)
        if close is not None:
            close()
    return status[0], body


def measure(path: str, runs: int) -> dict[str, Any]:
    app = WSGIHandler()
    for _ in range(5):  # templates compiled, URL resolver and Wagtail's site cache warm, as in a worker
        status, body = _call(app, path)
    # Django's request_started signal resets connection.queries, so count with an execute wrapper.
    captured: list[str] = []

    def record(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(record):
        status, body = _call(app, path)
    timings, cpu, database = [], [], []
    waited = [0.0]

    def time_database(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            waited[0] += time.perf_counter() - started

    with connection.execute_wrapper(time_database):
        for _ in range(runs):
            waited[0] = 0.0
            started, started_cpu = time.perf_counter(), time.process_time()
            _call(app, path)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
            database.append(waited[0] * 1000)
    timings.sort()
    return {
        "status": status,
        "bytes": len(body),
        "queries": len(captured),
        "sql": [sql[:160] for sql in captured],
        "render_ms_median": statistics.median(timings),
        "render_ms_p90": timings[int(len(timings) * 0.9) - 1],
        "render_ms_min": timings[0],
        # CPU time of this process: less disturbed than wall time when the machine is busy.
        "render_cpu_ms_median": statistics.median(cpu),
        # Wall time inside cursor.execute (PostgreSQL round trips, including the server's work).
        "database_ms_median": statistics.median(database),
    }


def add_news(count: int) -> dict[str, Any]:
    from prongsai.site.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.order_by("pk").first()
    if index is None:
        return {"added": 0, "error": "no news index page"}
    today = dt.date.today()
    started = time.perf_counter()
    for number in range(1, count + 1):
        summary = f"ข่าวประชาสัมพันธ์ทดสอบลำดับที่ {number} เพื่อวัดว่าหน้าแรกยังเร็วเมื่อข่าวมากขึ้น"
        index.add_child(
            instance=NewsPage(
                title=f"ข่าวทดสอบประสิทธิภาพ ลำดับที่ {number}",
                slug=f"bench-news-{number}",
                date=today - dt.timedelta(days=number),
                summary=summary,
                body=json.dumps([{"type": "paragraph", "value": f"<p>{summary}</p>"}]),
            )
        )
        index.refresh_from_db()
    return {"added": count, "seconds": time.perf_counter() - started}


def main() -> None:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    measure_parser = commands.add_parser("measure")
    measure_parser.add_argument("path")
    measure_parser.add_argument("--runs", type=int, default=50)
    news_parser = commands.add_parser("add-news")
    news_parser.add_argument("count", type=int)
    arguments = parser.parse_args()
    result = measure(arguments.path, arguments.runs) if arguments.command == "measure" else add_news(arguments.count)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
