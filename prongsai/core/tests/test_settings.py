"""Production settings pass Django's deployment checks, and a misconfigured environment stops with one line.

Each test starts a real process (manage.py, the WSGI module, gunicorn) the way an operator would.
"""

from __future__ import annotations

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
UNREACHABLE = "postgres://postgres@127.0.0.1:1/prongsai"
UNREACHABLE_LINE = "prongsai: configuration error: cannot reach the database at 127.0.0.1:1 ("


def secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(60))


def production_env(tmp_path: Path, **overrides: str | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "prongsai.settings.production",
            "SECRET_KEY": secret_key(),
            "ALLOWED_HOSTS": "maesai.go.th,testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRONGSAI_VAR_DIR": str(tmp_path),
            "PYTHONPATH": str(ROOT),
        }
    )
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run(args: list[str], env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )


def config_errors(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("prongsai: configuration error:")]


def assert_one_line_failure(result: subprocess.CompletedProcess[str], expected_start: str) -> None:
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    errors = config_errors(result)
    assert len(errors) == 1, output
    assert errors[0].startswith(expected_start), errors[0]


def test_production_settings_pass_check_deploy_without_any_warning(tmp_path):
    result = run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], production_env(tmp_path))
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNINGS" not in output
    assert "System check identified no issues" in output


def test_opting_into_hsts_preload_keeps_check_deploy_clean(tmp_path):
    env = production_env(tmp_path, SECURE_HSTS_PRELOAD="true")
    result = run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_turning_off_https_redirect_is_reported_by_check_deploy(tmp_path):
    # The deployment check is live, not silenced wholesale: an insecure choice shows up.
    env = production_env(tmp_path, SECURE_SSL_REDIRECT="false")
    result = run([PYTHON, "manage.py", "check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode != 0
    assert "security.W008" in result.stdout + result.stderr


def test_missing_secret_key_stops_with_one_line(tmp_path):
    result = run([PYTHON, "manage.py", "check"], production_env(tmp_path, SECRET_KEY=None))
    assert_one_line_failure(result, "prongsai: configuration error: the environment variable SECRET_KEY must be set.")


def test_short_secret_key_stops_with_one_line(tmp_path):
    result = run([PYTHON, "manage.py", "check"], production_env(tmp_path, SECRET_KEY="too-short"))
    assert_one_line_failure(result, "prongsai: configuration error: SECRET_KEY must be at least 50 random characters.")


def test_missing_allowed_hosts_stops_with_one_line(tmp_path):
    result = run([PYTHON, "manage.py", "check"], production_env(tmp_path, ALLOWED_HOSTS=None))
    assert_one_line_failure(result, "prongsai: configuration error: ALLOWED_HOSTS must list the host names")


@pytest.mark.parametrize(
    "url",
    ["foo://db.example/prongsai", "postgres://prongsai:s3cret-pw@db.example:notaport/prongsai", "mysql://x@y/z"],
)
def test_bad_database_url_stops_with_one_line_and_hides_the_password(tmp_path, url):
    result = run([PYTHON, "manage.py", "check"], production_env(tmp_path, DATABASE_URL=url))
    assert_one_line_failure(result, "prongsai: configuration error: DATABASE_URL ")
    assert "s3cret-pw" not in result.stdout + result.stderr
    assert "postgres://user:password@host:5432/name" in config_errors(result)[0]


@pytest.mark.parametrize("command", [["migrate", "--noinput"], ["runserver", "--noreload", "127.0.0.1:8799"]])
def test_unreachable_database_stops_manage_py_with_one_line(tmp_path, command):
    result = run([PYTHON, "manage.py", *command], production_env(tmp_path, DATABASE_URL=UNREACHABLE), timeout=60)
    assert_one_line_failure(result, UNREACHABLE_LINE)
    assert result.returncode == 2
    assert config_errors(result)[0].endswith(")")


def test_unreachable_database_in_development_settings_too(tmp_path):
    env = production_env(tmp_path, DATABASE_URL=UNREACHABLE, DJANGO_SETTINGS_MODULE="prongsai.settings.dev")
    result = run([PYTHON, "manage.py", "migrate", "--noinput"], env, timeout=60)
    assert_one_line_failure(result, UNREACHABLE_LINE)


def test_unopenable_sqlite_file_is_reported_with_its_path(tmp_path):
    missing = tmp_path / "no" / "such" / "dir" / "db.sqlite3"
    result = run([PYTHON, "manage.py", "migrate"], production_env(tmp_path, DATABASE_URL=f"sqlite:///{missing}"))
    assert_one_line_failure(result, f"prongsai: configuration error: cannot reach the database at {missing} (")


def test_wsgi_module_stops_with_one_line_when_the_database_is_unreachable(tmp_path):
    result = run([PYTHON, "-c", "import prongsai.wsgi"], production_env(tmp_path, DATABASE_URL=UNREACHABLE))
    assert_one_line_failure(result, UNREACHABLE_LINE)
    assert result.returncode == 2


@pytest.mark.parametrize("preload", [True, False], ids=["preload", "no-preload"])
def test_gunicorn_stops_instead_of_respawning_workers(tmp_path, preload):
    args = [GUNICORN, "prongsai.wsgi", "--bind", "127.0.0.1:0", "--workers", "1", "--no-control-socket"]
    if preload:
        args.append("--preload")
    result = run(args, production_env(tmp_path, DATABASE_URL=UNREACHABLE), timeout=60)
    assert_one_line_failure(result, UNREACHABLE_LINE)


def test_gunicorn_stops_on_a_missing_secret_key(tmp_path):
    args = [GUNICORN, "prongsai.wsgi", "--bind", "127.0.0.1:0", "--workers", "1", "--no-control-socket", "--preload"]
    result = run(args, production_env(tmp_path, SECRET_KEY=None), timeout=60)
    assert_one_line_failure(result, "prongsai: configuration error: the environment variable SECRET_KEY must be set.")


def test_reachable_database_passes_the_start_up_check(tmp_path):
    code = (
        "import django; django.setup(); "
        "from prongsai.settings.env import database_check_reachable; database_check_reachable(); print('reachable')"
    )
    result = run([PYTHON, "-c", code], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "reachable"


def test_sign_in_throttling_sees_the_client_address_behind_nginx(tmp_path):
    code = (
        "import django; django.setup(); "
        "from django.conf import settings; from django.test import RequestFactory; "
        "ip = settings.AXES_CLIENT_IP_CALLABLE; rf = RequestFactory(); "
        "print(ip(rf.get('/', HTTP_X_FORWARDED_FOR='10.0.0.1, 203.0.113.5', REMOTE_ADDR=''))); "
        "print(ip(rf.get('/', REMOTE_ADDR='198.51.100.7')))"
    )
    result = run([PYTHON, "-c", code], production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    # The last address is the one nginx saw; the first was typed by the client and cannot be trusted.
    assert result.stdout.split() == ["203.0.113.5", "198.51.100.7"]
