"""Sign-in throttling (django-axes) on Wagtail's login page, and the password policy in the admin."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.users.models import UserProfile

from prongsai.core.models import AuditEntry
from prongsai.core.twofactor.testing import login_verified

from .factories import PASSWORD, make_organization, make_staff

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
LOGIN = "/admin/login/"


def attempt(client: Client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_sixth_sign_in_after_five_failures_is_locked_out_even_with_the_right_password():
    staff = make_staff(organization=make_organization(), roles=("staff",)).user
    client = Client()
    for _ in range(4):
        response = attempt(client, staff.username, "wrong-password-123")
        assert response.status_code == 200  # the login form again, with its error

    fifth = attempt(client, staff.username, "wrong-password-123")
    assert fifth.status_code in {403, 429}

    sixth = attempt(client, staff.username, PASSWORD)
    assert sixth.status_code in {403, 429}
    assert sixth["Content-Type"].startswith("text/html")
    # Unprefixed URLs are served in the default language, Thai; compare with whatever the catalogue says.
    with translation.override("th"):
        assert gettext("Too many failed sign-in attempts") in sixth.content.decode()
    # Not signed in: the admin still sends this browser to the login page.
    assert client.get("/admin/")["Location"].startswith(LOGIN)

    failures = AuditEntry.objects.filter(action="auth.login_failed")
    assert failures.count() >= 5
    assert {entry.data["username"] for entry in failures} == {staff.username}
    assert not AuditEntry.objects.filter(action="auth.login", actor=staff).exists()


def test_lockout_is_for_that_account_from_that_address_only():
    staff = make_staff(organization=make_organization(), roles=("staff",)).user
    attacker = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(5):
        attempt(attacker, staff.username, "wrong-password-123")
    assert attempt(attacker, staff.username, PASSWORD).status_code in {403, 429}

    colleague = Client(REMOTE_ADDR="198.51.100.7")
    response = attempt(colleague, staff.username, PASSWORD)
    assert response.status_code == 302
    assert colleague.get("/admin/").status_code == 200


def test_admin_user_form_refuses_a_weak_password_with_a_message():
    make_organization()
    root = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    profile = UserProfile.get_for_user(root)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    login_verified(client, root)

    response = client.post(
        reverse("wagtailusers_users:add"),
        {
            "username": "newclerk",
            "email": "clerk@example.com",
            "first_name": "สมชาย",
            "last_name": "ใจดี",
            "password1": "12345678",
            "password2": "12345678",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "This password is too short. It must contain at least 12 characters." in body
    assert "This password is entirely numeric." in body
    assert not get_user_model().objects.filter(username="newclerk").exists()


def _settings_value(module: str, code: str, tmp_path: Path) -> str:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": module,
        "SECRET_KEY": "k3Jx9-" * 10,
        "ALLOWED_HOSTS": "prongsai.example",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.mark.parametrize("module", ["prongsai.settings.production", "prongsai.settings.dev"])
def test_passwords_are_hashed_with_argon2_outside_the_test_suite(module, tmp_path):
    code = (
        "from django.contrib.auth.hashers import make_password, check_password; "
        "h = make_password('correct-horse-battery-2566'); "
        "print(h.split('$')[0], check_password('correct-horse-battery-2566', h))"
    )
    assert _settings_value(module, code, tmp_path) == "argon2 True"
