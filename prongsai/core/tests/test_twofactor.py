"""Two-factor login: who is made to use it, enrolment, verification, backup codes, throttling, removal."""

from __future__ import annotations

import re
from base64 import b32decode
from datetime import timedelta
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone, translation
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from prongsai.core.models import AuditEntry
from prongsai.core.twofactor.testing import login_verified

from .factories import PASSWORD, make_organization, make_staff

pytestmark = pytest.mark.django_db

SETUP = "/admin/2fa/setup/"
VERIFY = "/admin/2fa/verify/"


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def organization():
    return make_organization()


@pytest.fixture
def officer(organization):
    return make_staff(organization=organization, roles=("complaint_officer",)).user


def sign_in(user, password: str = PASSWORD) -> Client:
    """A fresh browser session signing in through the admin's login form, with the admin in English.

    English so that assertions on interface text hold whatever the Thai catalogue says.
    """
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    response = client.post("/admin/login/", {"username": user.username, "password": password})
    assert response.status_code == 302, response.content[:500]
    return client


def code_for(key: bytes, *, steps_ahead: int = 0) -> str:
    """What the authenticator app shows now (or `steps_ahead` 30-second steps later)."""
    return f"{totp(key, step=30, t0=-30 * steps_ahead, digits=6):06d}"


def secret_from_page(html: str) -> bytes:
    match = re.search(r"data-twofactor-secret>([A-Z2-7 ]+)<", html)
    assert match, "the set-up page shows the key to type in"
    secret = match.group(1).replace(" ", "")
    return b32decode(secret + "=" * (-len(secret) % 8))


def enrol(client: Client) -> tuple[bytes, list[str]]:
    page = client.get(SETUP).content.decode()
    key = secret_from_page(page)
    response = client.post(SETUP, {"code": code_for(key), "next": "/admin/"})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    return key, codes


def actions() -> list[str]:
    return list(AuditEntry.objects.order_by("sequence").values_list("action", flat=True))


def test_complaint_officer_cannot_open_the_admin_without_two_factor(officer):
    client = sign_in(officer)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next=%2Fadmin%2F"
    # Other admin pages are closed too, not only the dashboard.
    assert client.get("/admin/pages/").status_code == 302
    assert client.get("/admin/account/").status_code == 302


def test_setup_page_draws_the_qr_code_itself_and_shows_the_key(officer):
    client = sign_in(officer)
    html = client.get(SETUP).content.decode()
    assert "<svg" in html and 'id="qr-path"' in html
    # No image or script of the QR code comes from elsewhere: the secret stays on our server.
    assert not re.search(r'<(img|script|iframe)[^>]+src="https?://', html)
    key = secret_from_page(html)
    assert TOTPDevice.objects.get(user=officer, confirmed=False).bin_key == key
    # Reloading the page does not change the key the user may already have scanned.
    assert secret_from_page(client.get(SETUP).content.decode()) == key


def test_officer_enrols_with_a_code_from_the_app_and_reaches_the_dashboard(officer):
    client = sign_in(officer)
    _key, codes = enrol(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert TOTPDevice.objects.get(user=officer).confirmed
    response = client.get("/admin/")
    assert response.status_code == 200
    assert b"wagtail" in response.content.lower()
    assert "auth.2fa.enrol" in actions()


def test_backup_codes_are_shown_only_once(officer):
    client = sign_in(officer)
    _key, codes = enrol(client)
    assert codes
    # The set-up page now sends an enrolled user away instead of showing codes again.
    response = client.get(SETUP)
    assert response.status_code == 302
    assert codes[0] not in client.get("/admin/2fa/").content.decode()


def test_a_wrong_code_at_setup_is_refused_and_nothing_is_enrolled(officer):
    client = sign_in(officer)
    response = client.post(SETUP, {"code": "000000"})
    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert client.get("/admin/").status_code == 302


def test_setup_form_explains_what_a_code_looks_like(officer):
    client = sign_in(officer)
    response = client.post(SETUP, {"code": "12ab"})
    assert "Enter the 6-digit code shown in your authenticator app." in response.content.decode()


def test_a_fresh_session_must_verify_and_a_wrong_code_is_refused(officer):
    key, _codes = enrol(sign_in(officer))

    client = sign_in(officer)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fpages%2F"

    response = client.post(VERIFY, {"code": "123456", "next": "/admin/pages/"})
    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    failed = AuditEntry.objects.filter(action="auth.2fa.failed").order_by("sequence").last()
    assert failed is not None and failed.actor == officer
    assert failed.data == {"stage": "login", "method": "totp", "throttled": False}

    # After the throttling pause, the newest code from the app opens the page asked for.
    later = timezone.now() + timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post(VERIFY, {"code": code_for(key, steps_ahead=1), "next": "/admin/pages/"})
    assert response.status_code == 302
    assert response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200
    assert "auth.2fa.verify" in actions()


def test_codes_typed_with_thai_digits_and_spaces_are_accepted(officer):
    key, _codes = enrol(sign_in(officer))
    client = sign_in(officer)
    code = code_for(key, steps_ahead=1)
    thai = code.translate(str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙"))
    response = client.post(VERIFY, {"code": f"{thai[:3]} {thai[3:]}"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_wrong_codes_are_throttled_with_a_clear_message(officer):
    key, _codes = enrol(sign_in(officer))
    client = sign_in(officer)
    client.post(VERIFY, {"code": "111111"})
    # Straight after a wrong code even the right one is refused, and the user is told to wait.
    response = client.post(VERIFY, {"code": code_for(key, steps_ahead=1)})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Too many wrong codes. Please wait" in body
    assert "and try again." in body
    assert client.get("/admin/").status_code == 302
    throttled = AuditEntry.objects.filter(action="auth.2fa.failed").order_by("sequence").last()
    assert throttled is not None and throttled.data["throttled"] is True


def test_a_backup_code_works_once(officer):
    _key, codes = enrol(sign_in(officer))

    client = sign_in(officer)
    response = client.post(VERIFY, {"code": codes[0].upper(), "next": "/admin/"}, follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "9 backup codes are left" in response.content.decode()
    assert StaticToken.objects.filter(device__user=officer).count() == 9

    again = sign_in(officer)
    response = again.post(VERIFY, {"code": codes[0]})
    assert response.status_code == 200
    assert "That code is not correct" in response.content.decode()
    assert again.get("/admin/").status_code == 302


def test_staff_role_is_not_forced_to_use_two_factor(organization):
    staff = make_staff(organization=organization, roles=("staff",)).user
    client = sign_in(staff)
    assert client.get("/admin/").status_code == 200


def test_superuser_must_use_two_factor():
    make_organization()
    from django.contrib.auth import get_user_model

    root = get_user_model().objects.create_superuser("root", "root@example.com", PASSWORD)
    client = sign_in(root)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith(SETUP)


def test_staff_can_enrol_optionally_from_the_account_page_and_is_then_asked(organization):
    staff = make_staff(organization=organization, roles=("staff",)).user
    client = sign_in(staff)
    account = client.get("/admin/account/").content.decode()
    assert 'href="/admin/2fa/"' in account
    assert "Two-factor login is off" in client.get("/admin/2fa/").content.decode()
    enrol(client)
    assert "Two-factor login is on." in client.get("/admin/2fa/").content.decode()
    # Having chosen it, the next sign-in asks for the code as well.
    fresh = sign_in(staff)
    assert fresh.get("/admin/")["Location"].startswith(VERIFY)


def test_sign_out_and_the_twofactor_screens_stay_reachable(officer):
    client = sign_in(officer)
    assert client.get(SETUP).status_code == 200
    assert client.get("/admin/jsi18n/").status_code == 200
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_next_cannot_send_the_user_to_another_site(officer):
    key, _codes = enrol(sign_in(officer))
    client = sign_in(officer)
    response = client.post(VERIFY, {"code": code_for(key, steps_ahead=1), "next": "https://evil.example/"})
    assert response["Location"] == "/admin/"


def test_user_removes_their_own_two_factor_with_a_current_code(officer):
    client = sign_in(officer)
    key, _codes = enrol(client)
    response = client.post("/admin/2fa/", {"action": "remove", "code": "000000"})
    assert "That code is not correct" in response.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()

    later = timezone.now() + timedelta(seconds=5)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = client.post("/admin/2fa/", {"action": "remove", "code": code_for(key, steps_ahead=1)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert not StaticDevice.objects.filter(user=officer).exists()
    assert "auth.2fa.remove" in actions()
    # The role still requires it: the next admin page asks to set it up again.
    assert client.get("/admin/")["Location"].startswith(SETUP)


def test_new_backup_codes_replace_the_old_ones(officer):
    client = sign_in(officer)
    _key, old = enrol(client)
    response = client.post("/admin/2fa/", {"action": "regenerate"})
    new = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(new) == 10 and not set(new) & set(old)
    assert "auth.2fa.backup_codes_regenerate" in actions()
    fresh = sign_in(officer)
    assert "That code is not correct" in fresh.post(VERIFY, {"code": old[1]}).content.decode()


def test_system_admin_resets_a_staff_members_two_factor_in_their_own_organization(organization, officer):
    enrol(sign_in(officer))
    admin = make_staff(organization=organization, roles=("system_admin",)).user
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    login_verified(client, admin)

    listing = client.get("/admin/users/").content.decode()
    assert f"/admin/2fa/users/{officer.pk}/reset/" in listing
    assert client.get(f"/admin/2fa/users/{officer.pk}/reset/").status_code == 200
    response = client.post(f"/admin/2fa/users/{officer.pk}/reset/")
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    entry = AuditEntry.objects.filter(action="auth.2fa.remove").order_by("sequence").last()
    assert entry is not None and entry.actor == admin and entry.object_id == str(officer.pk)

    # Someone of another organization is out of reach.
    other = make_staff(organization=make_organization(), roles=("staff",)).user
    assert client.post(f"/admin/2fa/users/{other.pk}/reset/").status_code == 404


def test_staff_cannot_reset_someone_elses_two_factor(organization, officer):
    staff = make_staff(organization=organization, roles=("staff",)).user
    client = sign_in(staff)
    enrol(sign_in(officer))
    response = client.post(f"/admin/2fa/users/{officer.pk}/reset/")
    # Wagtail answers a permission refusal by sending the user back to the dashboard.
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert TOTPDevice.objects.filter(user=officer, confirmed=True).exists()
    assert not AuditEntry.objects.filter(action="auth.2fa.remove").exists()
