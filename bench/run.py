"""Benchmark of the home page: prints figures, never passes or fails (`make bench`).

What it does, all on the loopback interface, in a temporary directory, in about two minutes:

1. creates a fresh PostgreSQL database (`prongsai_bench` on 127.0.0.1:5432, user postgres), runs
   `migrate`, `load_demo` and `collectstatic` with the production settings;
2. measures "/" in-process through Django's WSGI handler: SQL queries per request and render time
   (median of 50), with the demo data and again after adding 100 news pages;
3. starts gunicorn with deploy/gunicorn.conf.py and measures it directly with wrk (Django renders
   every request);
4. starts nginx with deploy/nginx.conf.template (HTTPS parts removed) in front of that gunicorn,
   so anonymous pages come from the page cache, and a second nginx site serving the same HTML as
   a plain static file; measures both with the same wrk settings;
5. prints a table and the ratios against the issue's targets, stops everything and drops the
   database.

Needs PostgreSQL, wrk and nginx (`apt-get install wrk nginx-light`); skips what is missing.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
DATABASE = "prongsai_bench"
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
WRK_ARGS = ["-t2", "-c32", "-d10s", "--latency"]
GUNICORN_WORKERS = 3
NEWS_PAGES = 100
DEADLINE = time.monotonic() + 5 * 60  # the whole run stays under five minutes
TARGETS = {"queries": 10, "render_ms": 15.0, "stack_over_static": 0.5}


def step(message: str) -> None:
    print(f"· {message}", flush=True)


def remaining(limit: float) -> float:
    return max(5.0, min(limit, DEADLINE - time.monotonic()))


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(command: list[str], env: dict[str, str], limit: float = 180) -> str:
    result = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=remaining(limit), check=False
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} failed:\n{result.stdout[-2000:]}\n{result.stderr[-3000:]}")
    return result.stdout


def get(url: str, timeout: float = 10) -> tuple[int, dict[str, str], bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, limit: float = 30) -> bool:
    stop = time.monotonic() + limit
    while time.monotonic() < stop:
        with contextlib.suppress(OSError):
            if get(url, timeout=2)[0] == 200:
                return True
        time.sleep(0.2)
    return False


# --- PostgreSQL -----------------------------------------------------------------------------------


def database_recreate() -> str | None:
    """Drop and create the bench database; return its URL, or None when PostgreSQL is not reachable."""
    try:
        import psycopg
    except ImportError:
        print("psycopg is missing: run `make bench` (it installs the requirements).")
        return None
    try:
        with psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
            connection.execute(f"CREATE DATABASE \"{DATABASE}\" ENCODING 'UTF8' TEMPLATE template0")
            version = connection.execute("SHOW server_version").fetchone()
    except psycopg.Error as error:
        print(f"PostgreSQL is not reachable on {PG['host']}:{PG['port']} ({error}); nothing to measure.")
        return None
    step(f"PostgreSQL {version[0] if version else '?'}: database {DATABASE} created")
    return f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DATABASE}"


def database_drop() -> None:
    import psycopg

    with (
        contextlib.suppress(psycopg.Error),
        psycopg.connect(dbname="postgres", autocommit=True, connect_timeout=5, **PG) as connection,
    ):
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


# --- wrk ------------------------------------------------------------------------------------------


@dataclass
class WrkResult:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    errors: str

    @classmethod
    def parse(cls, output: str) -> WrkResult:
        def latency(percentile: str) -> float:
            match = re.search(rf"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", output, re.MULTILINE)
            if not match:
                return float("nan")
            value, unit = float(match.group(1)), match.group(2)
            return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

        rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
        total = re.search(r"(\d+) requests in", output)
        problems = [
            line.strip() for line in output.splitlines() if line.strip().startswith(("Non-2xx", "Socket errors"))
        ]
        return cls(
            requests_per_second=float(rps.group(1)) if rps else float("nan"),
            p50_ms=latency("50"),
            p99_ms=latency("99"),
            requests=int(total.group(1)) if total else 0,
            errors="; ".join(problems),
        )


def wrk(url: str) -> WrkResult:
    output = subprocess.run(
        ["wrk", *WRK_ARGS, url], capture_output=True, text=True, timeout=remaining(60), check=False
    ).stdout
    return WrkResult.parse(output)


# --- nginx ----------------------------------------------------------------------------------------


def nginx_site_config(*, port: int, upstream: str, static_root: Path, media_root: Path, cache_dir: Path) -> str:
    """deploy/nginx.conf.template with its HTTPS parts removed, listening on the loopback port."""
    lines = []
    skipping = False
    for line in (ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8").splitlines():
        marker = line.strip()
        if marker == "# >>> tls":
            skipping = True
        elif marker == "# <<< tls":
            skipping = False
        elif not skipping:
            lines.append(line)
    text = "\n".join(lines) + "\n"
    for name, value in {
        "SERVER_NAMES": "127.0.0.1 localhost",
        "LISTEN": f"127.0.0.1:{port}",
        "UPSTREAM": upstream,
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "PAGE_CACHE_DIR": str(cache_dir),
        "ACCESS_LOG": "off",
    }.items():
        text = text.replace(f"@@{name}@@", value)
    active = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    leftover = re.findall(r"@@\w+@@", active)
    if leftover:
        raise RuntimeError(f"nginx template placeholders not filled: {sorted(set(leftover))}")
    return text


def nginx_main_config(*, prefix: Path, site: Path, static_port: int, static_html: Path) -> str:
    # As root, nginx's workers would run as "nobody"; keep them as us so they read the temp dir.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp_paths = "\n".join(
        f"    {kind}_temp_path {prefix / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return f"""{user}worker_processes auto;
pid {prefix / "nginx.pid"};
error_log {prefix / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    keepalive_requests 100000;
    access_log off;
{temp_paths}
    include {site};

    # The same HTML as a plain static file: the yardstick.
    server {{
        listen 127.0.0.1:{static_port};
        server_name 127.0.0.1;
        root {static_html};
        charset utf-8;
        location / {{ index index.html; }}
    }}
}}
"""


# --- the run ----------------------------------------------------------------------------------------


def measure_in_process(env: dict[str, str]) -> dict[str, Any]:
    return json.loads(run([PYTHON, "bench/probe.py", "measure", "/", "--runs", "50"], env, limit=120))


def stop(process: subprocess.Popen[Any] | None) -> None:
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def fmt(value: float, digits: int = 1) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"  # NaN check


def main() -> int:
    print('Prongsai benchmark: the home page "/" (figures only; nothing here passes or fails)\n', flush=True)
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    missing = [name for name, found in (("wrk", shutil.which("wrk")), ("nginx", nginx)) if not found]
    if missing:
        print(f"Missing {' and '.join(missing)}: `apt-get install wrk nginx-light`; skipping what needs them.\n")
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        print(
            f"Note: load average {load:.1f} on {os.cpu_count()} CPUs; other work on this machine lowers every figure.\n"
        )

    database_url = database_recreate()
    if database_url is None:
        return 0

    work = Path(tempfile.mkdtemp(prefix="prongsai-bench-"))
    work.chmod(0o755)
    static_root, media_root, cache_dir, var_dir = (work / name for name in ("static", "media", "pagecache", "var"))
    for directory in (static_root, media_root, cache_dir, var_dir):
        directory.mkdir(mode=0o755)
    gunicorn_port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "prongsai.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(static_root),
        "MEDIA_ROOT": str(media_root),
        "PRONGSAI_VAR_DIR": str(var_dir),
        "LOG_LEVEL": "WARNING",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    env.pop("PRONGSAI_PAGE_CACHE_DIR", None)  # in-process figures are Django's own render, no cache
    processes: list[subprocess.Popen[Any]] = []
    figures: dict[str, Any] = {}
    try:
        started = time.monotonic()
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env, limit=240)
        run([PYTHON, "manage.py", "load_demo", "-v0"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        step(f"migrate + load_demo + collectstatic (production settings): {time.monotonic() - started:.0f} s")

        figures["demo"] = measure_in_process(env)
        demo = figures["demo"]
        step(f"in-process, demo data: {demo['queries']} queries, {demo['render_ms_median']:.1f} ms")
        added = json.loads(run([PYTHON, "bench/probe.py", "add-news", str(NEWS_PAGES)], env))
        step(f"added {added.get('added')} news pages in {added.get('seconds', 0):.0f} s")
        figures["grown"] = measure_in_process(env)
        step(
            f"in-process, +{NEWS_PAGES} news: {figures['grown']['queries']} queries, "
            f"{figures['grown']['render_ms_median']:.1f} ms"
        )

        gunicorn_env = {
            **env,
            "PRONGSAI_PAGE_CACHE_DIR": str(cache_dir),
            "GUNICORN_BIND": f"127.0.0.1:{gunicorn_port}",
            "WEB_CONCURRENCY": str(GUNICORN_WORKERS),
            "GUNICORN_LOG_LEVEL": "warning",
        }
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "prongsai.wsgi:application"],
            cwd=ROOT,
            env=gunicorn_env,
            stdout=subprocess.DEVNULL,
            stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115  (closed with the process)
        )
        processes.append(gunicorn)
        gunicorn_url = f"http://127.0.0.1:{gunicorn_port}/"
        if not wait_for(f"http://127.0.0.1:{gunicorn_port}/healthz"):
            print((work / "gunicorn.log").read_text()[-3000:])
            raise RuntimeError("gunicorn did not answer /healthz within 30 s")
        step(f"gunicorn: {GUNICORN_WORKERS} sync workers on 127.0.0.1:{gunicorn_port}")
        status, _headers, page = get(gunicorn_url)
        step(f"GET / from gunicorn: HTTP {status}, {len(page):,} bytes")
        if shutil.which("wrk"):
            figures["gunicorn"] = wrk(gunicorn_url)
            step(f"wrk gunicorn directly: {fmt(figures['gunicorn'].requests_per_second)} req/s")

        if nginx and shutil.which("wrk"):
            prefix = work / "nginx"
            prefix.mkdir(mode=0o755)
            static_html = work / "static-html"
            static_html.mkdir(mode=0o755)
            stack_port, static_port = free_port(), free_port()
            site = prefix / "prongsai.conf"
            site.write_text(
                nginx_site_config(
                    port=stack_port,
                    upstream=f"127.0.0.1:{gunicorn_port}",
                    static_root=static_root,
                    media_root=media_root,
                    cache_dir=cache_dir,
                )
            )
            config = prefix / "nginx.conf"
            config.write_text(
                nginx_main_config(prefix=prefix, site=site, static_port=static_port, static_html=static_html)
            )
            base = [nginx, "-p", f"{prefix}/", "-c", str(config), "-e", str(prefix / "error.log")]
            test = subprocess.run([*base, "-t"], capture_output=True, text=True, timeout=30, check=False)
            if test.returncode != 0:
                raise RuntimeError(f"nginx rejected the generated configuration:\n{test.stderr}")
            server = subprocess.Popen([*base, "-g", "daemon off;"], stdout=subprocess.DEVNULL)
            processes.append(server)
            stack_url = f"http://127.0.0.1:{stack_port}/"
            if not wait_for(stack_url):
                raise RuntimeError(f"nginx did not answer: {(prefix / 'error.log').read_text()[-2000:]}")
            get(stack_url)  # a miss: gunicorn renders the page and writes it to the cache
            _status, headers, cached = get(stack_url)
            figures["cache_hit"] = headers.get("X-Page-Cache") == "HIT"
            static_status, _h, _b = get(f"http://127.0.0.1:{stack_port}/static/prongsai/css/site.css")
            figures["static_via_stack"] = static_status
            (static_html / "index.html").write_bytes(cached)
            (static_html / "index.html").chmod(0o644)
            step(
                f"nginx: stack on :{stack_port} (second request {'HIT' if figures['cache_hit'] else 'MISS'}),"
                f" static copy ({len(cached)} bytes) on :{static_port}"
            )
            figures["stack"] = wrk(stack_url)
            step(f"wrk nginx stack: {fmt(figures['stack'].requests_per_second)} req/s")
            figures["static"] = wrk(f"http://127.0.0.1:{static_port}/")
            step(f"wrk nginx static file: {fmt(figures['static'].requests_per_second)} req/s")
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        print(f"\nThe benchmark stopped early: {error}\n")
    finally:
        for process in reversed(processes):
            stop(process)
        database_drop()
        shutil.rmtree(work, ignore_errors=True)

    report(figures)
    return 0


def report(figures: dict[str, Any]) -> None:
    cpus = os.cpu_count()
    print(f"\nResults ({cpus} CPUs; wrk {' '.join(WRK_ARGS)}; gunicorn {GUNICORN_WORKERS} sync workers; PostgreSQL)")
    if "demo" in figures:
        print("\nIn-process, production settings, Django's WSGI handler (no page cache):")
        print(
            f"  {'data':<26}{'queries':>8}{'render p50 ms':>15}{'p90 ms':>8}{'CPU p50 ms':>12}{'in SQL ms':>11}"
            f"{'bytes':>8}"
        )
        for key, label in (("demo", "demo municipality"), ("grown", f"+ {NEWS_PAGES} news pages")):
            if key in figures:
                row = figures[key]
                print(
                    f"  {label:<26}{row['queries']:>8}{row['render_ms_median']:>15.2f}{row['render_ms_p90']:>8.2f}"
                    f"{row['render_cpu_ms_median']:>12.2f}{row['database_ms_median']:>11.2f}{row['bytes']:>8}"
                )
    if "grown" in figures:
        print("  queries:")
        for sql in figures["grown"]["sql"]:
            print(f"    {sql[:110]}")
    rows = [
        (key, label)
        for key, label in (
            ("gunicorn", "gunicorn directly (uncached)"),
            ("stack", "nginx + page cache (stack)"),
            ("static", "nginx static file"),
        )
        if key in figures
    ]
    if rows:
        print("\nHTTP, the home page:")
        print(f"  {'target':<32}{'req/s':>12}{'p50 ms':>10}{'p99 ms':>10}  errors")
        for key, label in rows:
            result: WrkResult = figures[key]
            print(
                f"  {label:<32}{fmt(result.requests_per_second):>12}{fmt(result.p50_ms, 2):>10}"
                f"{fmt(result.p99_ms, 2):>10}  {result.errors or 'none'}"
            )
    print("\nAgainst the targets:")
    if "grown" in figures:
        queries = [figures[key]["queries"] for key in ("demo", "grown")]
        constant = "constant" if len(set(queries)) == 1 else "NOT constant"
        print(
            f"  queries on the home page: {queries[0]} -> {queries[1]} with +{NEWS_PAGES} news ({constant});"
            f" target <= {TARGETS['queries']}"
        )
        worst = max((figures[key] for key in ("demo", "grown")), key=lambda row: row["render_ms_median"])
        print(
            f"  uncached render, p50 of the slower data set: {worst['render_ms_median']:.2f} ms"
            f" (CPU {worst['render_cpu_ms_median']:.2f} ms, fastest run {worst['render_ms_min']:.2f} ms);"
            f" target <= {TARGETS['render_ms']:.0f} ms"
        )
    if "stack" in figures and "static" in figures:
        static = figures["static"].requests_per_second
        ratio = figures["stack"].requests_per_second / static if static else float("nan")
        print(
            f"  stack / static throughput: {fmt(ratio, 2)}; target >= {TARGETS['stack_over_static']:.2f}"
            f" (page served from the cache: {'yes' if figures.get('cache_hit') else 'NO'})"
        )
        print(
            f"  stack / static latency p50: {fmt(figures['stack'].p50_ms / figures['static'].p50_ms, 2)},"
            f" p99: {fmt(figures['stack'].p99_ms / figures['static'].p99_ms, 2)}"
        )
        if "gunicorn" in figures:
            uncached = figures["gunicorn"].requests_per_second / static
            print(f"  gunicorn (uncached) / static throughput: {fmt(uncached, 3)}")
    elif "gunicorn" not in figures:
        print("  HTTP figures skipped (wrk or nginx missing, or an earlier step failed)")


if __name__ == "__main__":
    sys.exit(main())
