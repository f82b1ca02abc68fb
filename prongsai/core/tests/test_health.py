import json
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.db import OperationalError


@pytest.mark.django_db
def test_healthz_reports_database_ok(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_database_is_down(client):
    with mock.patch("prongsai.core.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
def test_healthz_answers_head_for_load_balancers_and_refuses_writes(client):
    assert client.head("/healthz").status_code == 200
    assert client.post("/healthz").status_code == 405


def test_healthz_answers_over_plain_http_in_production_while_pages_redirect(tmp_path):
    """nginx and load balancers probe over HTTP; everything else is sent to HTTPS."""
    root = Path(__file__).resolve().parents[3]
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO_", "DATABASE_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "prongsai.settings.production",
            "SECRET_KEY": "p7#Kq2!xZ9" * 6,
            "ALLOWED_HOSTS": "testserver",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "PRONGSAI_VAR_DIR": str(tmp_path),
        }
    )
    code = (
        "import django, json; django.setup(); from django.test import Client; c = Client(); "
        "r = c.get('/healthz'); "
        "print(json.dumps([r.status_code, r.json(), r['Cache-Control'], c.get('/').status_code]))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-W", "ignore", "-c", code],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    status, body, cache_control, page_status = json.loads(result.stdout.strip().splitlines()[-1])
    assert status == 200
    assert body == {"status": "ok", "database": "ok"}
    assert "no-cache" in cache_control and "no-store" in cache_control
    assert page_status == 301
