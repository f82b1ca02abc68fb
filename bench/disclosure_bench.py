"""Benchmark of the public OIT page /ita/<year>/: prints figures, never passes or fails.

    .venv/bin/python bench/disclosure_bench.py

All on the loopback interface, in a temporary directory, in a few minutes:

1. a fresh PostgreSQL database (`prongsai_bench_disclosure` on 127.0.0.1:5432, user postgres) with
   `migrate`, `load_demo` and `collectstatic` under the production settings;
2. a year with every item answered: 2567 (the real framework, 43 items), each item assigned, given
   3 links through the services and approved; and a synthetic framework 2600 with 430 items, each
   with 3 published links (written in bulk);
3. in-process through Django's WSGI handler (bench/probe.py): SQL queries per request and render time
   of /ita/2567/ and /ita/2600/ (median of 50);
4. gunicorn (deploy/gunicorn.conf.py) without the page cache, measured with wrk: every request renders;
5. nginx (deploy/nginx.conf.template, HTTPS parts removed) with the page cache in front of it: the
   production stack, where anonymous visitors get the cached file;
6. a table against the targets (uncached render <= 20 ms; the same number of queries at 43 and 430 items),
   then everything is stopped and the database dropped.

Reuses the helpers of bench/run.py (PostgreSQL, wrk, nginx configuration). Needs PostgreSQL, wrk and
nginx (`apt-get install wrk nginx-light`); skips what is missing.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import run as base

base.DATABASE = "prongsai_bench_disclosure"  # its own database, so it can run beside `make bench`
base.DEADLINE = time.monotonic() + 8 * 60

ROOT = base.ROOT
PYTHON = base.PYTHON
SMALL_YEAR, LARGE_YEAR, LARGE_ITEMS, PER_ITEM = 2567, 2600, 430, 3
TARGETS = {"render_ms": 20.0}


def prepare() -> dict[str, Any]:
    """Runs inside Django (production settings): the two fully answered years."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.production")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.utils import timezone

    from prongsai.core.models import Department, Organization
    from prongsai.core.roles import ITA_COORDINATOR, ROLES
    from prongsai.disclosure import services
    from prongsai.disclosure.models import EvidenceKind, OitAssignment, OitEvidence
    from prongsai.ita.models import Framework, Indicator, OitItem, SubIndicator, Tool

    started = time.perf_counter()
    organization = Organization.objects.get(slug="maesai")
    coordinator = (
        organization.memberships.filter(user__groups__name=ROLES[ITA_COORDINATOR].group_name).first().user  # type: ignore[union-attr]
    )
    department = Department.objects.get(organization=organization, name="งานนิติการ")
    for assignment in services.oit_year_open(actor=coordinator, organization=organization, fiscal_year=SMALL_YEAR):
        services.oit_assignment_assign(
            actor=coordinator, assignment=assignment, departments=[department], due_date=None
        )
        code = assignment.oit_item.code
        for n in range(1, PER_ITEM + 1):
            services.oit_evidence_add(
                actor=coordinator,
                assignment=assignment,
                kind="url",
                url=f"https://www.maesai.go.th/ita/{SMALL_YEAR}/{code}/{n}",
                title=f"หลักฐาน {code} ชิ้นที่ {n}: เอกสารประกอบการเปิดเผยข้อมูลของเทศบาลตำบลแม่สาย",
                note="ดูหัวข้อแรกของหน้า ข้อมูลเป็นของปีงบประมาณที่ประเมิน",
            )
        services.oit_assignment_approve(actor=coordinator, assignment=assignment)
    small_seconds = time.perf_counter() - started

    framework = Framework.objects.create(fiscal_year=LARGE_YEAR, title=f"synthetic {LARGE_YEAR}")
    tool = Tool.objects.create(framework=framework, code="OIT", name="OIT")
    subs = []
    for number in (9, 10):
        indicator = Indicator.objects.create(framework=framework, tool=tool, number=number, title=f"ตัวชี้วัด {number}")
        subs += [
            SubIndicator.objects.create(indicator=indicator, code=f"{number}.{n}", title=f"ตัวชี้วัดย่อย {n}")
            for n in range(1, 6)
        ]
    OitItem.objects.bulk_create(
        OitItem(
            framework=framework,
            indicator=subs[k % len(subs)].indicator,
            sub_indicator=subs[k % len(subs)],
            code=f"O{k + 1}",
            order=k + 1,
            title=f"ข้อมูลทดสอบลำดับที่ {k + 1} ตามแบบตรวจการเปิดเผยข้อมูลสาธารณะ",
        )
        for k in range(LARGE_ITEMS)
    )
    assignments = services.oit_year_open(organization=organization, fiscal_year=LARGE_YEAR)
    OitAssignment.objects.filter(pk__in=[a.pk for a in assignments]).update(status="approved")
    now = timezone.now()
    OitEvidence.objects.bulk_create(
        OitEvidence(
            assignment=assignment,
            kind=EvidenceKind.URL,
            url=f"https://www.maesai.go.th/ita/{LARGE_YEAR}/{assignment.oit_item.code}/{n}",
            title=f"หลักฐาน {assignment.oit_item.code} ชิ้นที่ {n}: เอกสารประกอบการเปิดเผยข้อมูล",
            note="ดูหัวข้อแรกของหน้า",
            published_at=now,
        )
        for assignment in assignments
        for n in range(1, PER_ITEM + 1)
    )
    return {
        "small_items": OitAssignment.objects.filter(organization=organization, fiscal_year=SMALL_YEAR).count(),
        "large_items": len(assignments),
        "evidence": OitEvidence.objects.filter(published_at__isnull=False).count(),
        "small_seconds": small_seconds,
    }


def measure(env: dict[str, str], path: str) -> dict[str, Any]:
    return json.loads(base.run([PYTHON, "bench/probe.py", "measure", path, "--runs", "50"], env, limit=180))


def main() -> int:
    print("Prongsai benchmark: the public OIT page /ita/<year>/ (figures only; nothing here passes or fails)\n")
    wrk_ok = bool(shutil.which("wrk"))
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        print(
            f"Note: load average {load:.1f} on {os.cpu_count()} CPUs; other work on this machine lowers every figure.\n"
        )
    database_url = base.database_recreate()
    if database_url is None:
        return 0
    work = Path(tempfile.mkdtemp(prefix="prongsai-oit-bench-"))
    work.chmod(0o755)
    static_root, media_root, cache_dir, var_dir = (work / name for name in ("static", "media", "pagecache", "var"))
    for directory in (static_root, media_root, cache_dir, var_dir):
        directory.mkdir(mode=0o755)
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
    env.pop("PRONGSAI_PAGE_CACHE_DIR", None)
    processes: list[subprocess.Popen[Any]] = []
    figures: dict[str, Any] = {}
    small, large = f"/ita/{SMALL_YEAR}/", f"/ita/{LARGE_YEAR}/"
    try:
        started = time.monotonic()
        base.run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env, limit=240)
        base.run([PYTHON, "manage.py", "load_demo", "-v0"], env)
        base.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        base.step(f"migrate + load_demo + collectstatic (production settings): {time.monotonic() - started:.0f} s")
        prepared = json.loads(base.run([PYTHON, "bench/disclosure_bench.py", "prepare"], env, limit=300))
        base.step(
            f"answered {prepared['small_items']} items of {SMALL_YEAR} through the services "
            f"({prepared['small_seconds']:.1f} s) and {prepared['large_items']} synthetic items of {LARGE_YEAR};"
            f" {prepared['evidence']} published entries"
        )
        for key, path in (("small", small), ("large", large)):
            figures[key] = measure(env, path)
            row = figures[key]
            base.step(
                f"in-process {path}: {row['queries']} queries, {row['render_ms_median']:.1f} ms, {row['bytes']:,} bytes"
            )

        port = base.free_port()
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "prongsai.wsgi:application"],
            cwd=ROOT,
            env={
                **env,
                "GUNICORN_BIND": f"127.0.0.1:{port}",
                "WEB_CONCURRENCY": str(base.GUNICORN_WORKERS),
                "GUNICORN_LOG_LEVEL": "warning",
            },
            stdout=subprocess.DEVNULL,
            stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115  (closed with the process)
        )
        processes.append(gunicorn)
        if not base.wait_for(f"http://127.0.0.1:{port}/healthz"):
            raise RuntimeError("gunicorn did not answer /healthz within 30 s")
        base.step(f"gunicorn: {base.GUNICORN_WORKERS} sync workers on 127.0.0.1:{port}, no page cache")
        if wrk_ok:
            for key, path in (("gunicorn_small", small), ("gunicorn_large", large)):
                figures[key] = base.wrk(f"http://127.0.0.1:{port}{path}")
                base.step(f"wrk gunicorn {path}: {base.fmt(figures[key].requests_per_second)} req/s")

        if nginx and wrk_ok:
            cached_port = base.free_port()
            cached = subprocess.Popen(
                [str(Path(PYTHON).with_name("gunicorn")), "-c", "deploy/gunicorn.conf.py", "prongsai.wsgi:application"],
                cwd=ROOT,
                env={
                    **env,
                    "PRONGSAI_PAGE_CACHE_DIR": str(cache_dir),
                    "GUNICORN_BIND": f"127.0.0.1:{cached_port}",
                    "WEB_CONCURRENCY": str(base.GUNICORN_WORKERS),
                    "GUNICORN_LOG_LEVEL": "warning",
                },
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            processes.append(cached)
            if not base.wait_for(f"http://127.0.0.1:{cached_port}/healthz"):
                raise RuntimeError("the second gunicorn did not answer")
            prefix = work / "nginx"
            prefix.mkdir(mode=0o755)
            static_html = work / "static-html"
            static_html.mkdir(mode=0o755)
            stack_port, static_port = base.free_port(), base.free_port()
            site = prefix / "prongsai.conf"
            site.write_text(
                base.nginx_site_config(
                    port=stack_port,
                    upstream=f"127.0.0.1:{cached_port}",
                    static_root=static_root,
                    media_root=media_root,
                    cache_dir=cache_dir,
                )
            )
            config = prefix / "nginx.conf"
            config.write_text(
                base.nginx_main_config(prefix=prefix, site=site, static_port=static_port, static_html=static_html)
            )
            command = [nginx, "-p", f"{prefix}/", "-c", str(config), "-e", str(prefix / "error.log")]
            server = subprocess.Popen([*command, "-g", "daemon off;"], stdout=subprocess.DEVNULL)
            processes.append(server)
            stack = f"http://127.0.0.1:{stack_port}{small}"
            if not base.wait_for(stack):
                raise RuntimeError(f"nginx did not answer: {(prefix / 'error.log').read_text()[-2000:]}")
            base.get(stack)
            _status, headers, _body = base.get(stack)
            figures["cache_hit"] = headers.get("X-Page-Cache") == "HIT"
            figures["stack"] = base.wrk(stack)
            base.step(
                f"wrk nginx + page cache {small} ({'HIT' if figures['cache_hit'] else 'MISS'}): "
                f"{base.fmt(figures['stack'].requests_per_second)} req/s"
            )
    except (RuntimeError, subprocess.TimeoutExpired, json.JSONDecodeError) as error:
        print(f"\nThe benchmark stopped early: {error}\n")
    finally:
        for process in reversed(processes):
            base.stop(process)
        base.database_drop()
        shutil.rmtree(work, ignore_errors=True)
    report(figures)
    return 0


def report(figures: dict[str, Any]) -> None:
    wrk_args = " ".join(base.WRK_ARGS)
    print(f"\nResults ({os.cpu_count()} CPUs; wrk {wrk_args}; gunicorn {base.GUNICORN_WORKERS} sync workers)")
    rows = [
        (key, label)
        for key, label in (
            ("small", f"{SMALL_YEAR}: 43 items x {PER_ITEM}"),
            ("large", f"{LARGE_YEAR}: {LARGE_ITEMS} items x {PER_ITEM}"),
        )
        if key in figures
    ]
    if rows:
        print("\nIn-process, production settings, Django's WSGI handler (no page cache):")
        header = f"{'queries':>9}{'render p50 ms':>15}{'p90 ms':>9}{'CPU p50 ms':>12}{'DB p50 ms':>11}{'bytes':>10}"
        print(f"  {'year':<26}{header}")
        for key, label in rows:
            row = figures[key]
            print(
                f"  {label:<26}{row['queries']:>9}{row['render_ms_median']:>15.2f}{row['render_ms_p90']:>9.2f}"
                f"{row['render_cpu_ms_median']:>12.2f}{row['database_ms_median']:>11.2f}{row['bytes']:>10,}"
            )
        print("  queries:")
        for sql in figures[rows[0][0]]["sql"]:
            print(f"    {sql[:110]}")
    http = [
        (key, label)
        for key, label in (
            ("gunicorn_small", f"gunicorn uncached {SMALL_YEAR}"),
            ("gunicorn_large", f"gunicorn uncached {LARGE_YEAR}"),
            ("stack", f"nginx + page cache {SMALL_YEAR}"),
        )
        if key in figures
    ]
    if http:
        print("\nHTTP (wrk):")
        print(f"  {'target':<30}{'req/s':>10}{'p50 ms':>10}{'p99 ms':>10}  errors")
        for key, label in http:
            result = figures[key]
            print(
                f"  {label:<30}{base.fmt(result.requests_per_second):>10}{base.fmt(result.p50_ms, 2):>10}"
                f"{base.fmt(result.p99_ms, 2):>10}  {result.errors or 'none'}"
            )
    print("\nAgainst the targets:")
    if "small" in figures and "large" in figures:
        queries = (figures["small"]["queries"], figures["large"]["queries"])
        same = "the same" if queries[0] == queries[1] else "NOT the same"
        print(f"  queries: {queries[0]} at 43 items, {queries[1]} at {LARGE_ITEMS} items ({same})")
        print(
            f"  uncached render, 43 items x {PER_ITEM} (median): {figures['small']['render_ms_median']:.2f} ms;"
            f" target <= {TARGETS['render_ms']:.0f} ms"
            f" (CPU {figures['small']['render_cpu_ms_median']:.2f} ms)"
        )
    else:
        print("  in-process figures missing (an earlier step failed)")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "prepare":
        print(json.dumps(prepare()))
    else:
        sys.exit(main())
