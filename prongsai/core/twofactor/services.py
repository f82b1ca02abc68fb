"""Writes for two-factor login: enrolment, code checks, backup codes and removal.

Every outcome a security reviewer would ask about is audited: enrolment, each
successful check, each refused code (with whether throttling refused it) and the
removal of a user's devices. Codes themselves are never written to the audit log.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..audit import audit_record
from ..models import Organization
from ..thai import to_arabic_digits

BACKUP_CODE_COUNT = 10
AUTHENTICATOR_NAME = "authenticator"
BACKUP_NAME = "backup codes"


@dataclass(frozen=True)
class CodeCheck:
    """The outcome of checking one code.

    `device` is the device that accepted the code (None when refused). `throttled` means
    the code was not even checked because of earlier wrong codes; `wait_seconds` is then
    how long the user must wait before the next try.
    `backup_codes` is filled only by enrolment and holds the freshly made codes.
    """

    device: Device | None = None
    throttled: bool = False
    wait_seconds: int = 0
    backup_codes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.device is not None


def code_normalize(value: str) -> str:
    """Thai digits become ASCII digits; spaces and hyphens (as people copy codes) are dropped."""
    return to_arabic_digits(value).replace(" ", "").replace("-", "").strip().lower()


def is_totp_code(code: str) -> bool:
    return len(code) == 6 and code.isascii() and code.isdigit()


def _wait_seconds(device: Device) -> int:
    allowed, info = device.verify_is_allowed()
    if allowed or not info or "locked_until" not in info:
        return 0
    return max(1, math.ceil((info["locked_until"] - timezone.now()).total_seconds()))


def has_confirmed_authenticator(*, user: Any) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def totp_device_get_or_create_pending(*, user: Any) -> TOTPDevice:
    """The user's not-yet-confirmed authenticator. The same secret is offered until the user confirms it."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def _backup_codes_replace(*, user: Any) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name=BACKUP_NAME, confirmed=True)
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@transaction.atomic
def totp_device_confirm(*, user: Any, code: str, organization: Organization | None) -> CodeCheck:
    """Confirm the pending authenticator with a code from the app.

    On success the device is confirmed, any older authenticator is removed and ten new
    backup codes replace any old ones; the result carries the codes, which are not
    retrievable later. A wrong code counts towards the device's throttling.
    """
    device = TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        return CodeCheck()
    wait = _wait_seconds(device)
    if wait:
        _audit_failure(user=user, organization=organization, stage="setup", method="totp", throttled=True)
        return CodeCheck(throttled=True, wait_seconds=wait)
    if not device.verify_token(code_normalize(code)):
        _audit_failure(user=user, organization=organization, stage="setup", method="totp", throttled=False)
        return CodeCheck()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    codes = _backup_codes_replace(user=user)
    audit_record(
        action="auth.2fa.enrol",
        actor=user,
        organization=organization,
        obj=user,
        data={"device": "totp", "backup_codes": len(codes)},
    )
    return CodeCheck(device=device, backup_codes=codes)


@transaction.atomic
def twofactor_check(*, user: Any, code: str, organization: Organization | None, purpose: str = "login") -> CodeCheck:
    """Check a 6-digit authenticator code or a backup code for `user`.

    A backup code is used up by a successful check. Devices throttle wrong codes with
    growing delays (1, 2, 4, 8 … seconds); while throttled, even a right code is refused
    and the result says how long to wait.
    """
    normalized = code_normalize(code)
    if is_totp_code(normalized):
        method = "totp"
        devices: list[Device] = list(TOTPDevice.objects.select_for_update().filter(user=user, confirmed=True))
    else:
        method = "backup"
        devices = list(StaticDevice.objects.select_for_update().filter(user=user, confirmed=True))
    wait = 0
    for device in devices:
        device_wait = _wait_seconds(device)
        if device_wait:
            wait = max(wait, device_wait)
            continue
        if device.verify_token(normalized):
            data: dict[str, Any] = {"method": method, "purpose": purpose}
            if method == "backup":
                data["backup_codes_left"] = StaticToken.objects.filter(device=device).count()
            audit_record(action="auth.2fa.verify", actor=user, organization=organization, obj=user, data=data)
            return CodeCheck(device=device)
    _audit_failure(user=user, organization=organization, stage=purpose, method=method, throttled=bool(wait))
    return CodeCheck(throttled=bool(wait), wait_seconds=wait)


def _audit_failure(*, user: Any, organization: Organization | None, stage: str, method: str, throttled: bool) -> None:
    audit_record(
        action="auth.2fa.failed",
        actor=user,
        organization=organization,
        obj=user,
        data={"stage": stage, "method": method, "throttled": throttled},
    )


@transaction.atomic
def backup_codes_regenerate(*, user: Any, organization: Organization | None) -> list[str]:
    """Replace the user's backup codes with ten new ones and return them (shown once)."""
    codes = _backup_codes_replace(user=user)
    audit_record(
        action="auth.2fa.backup_codes_regenerate",
        actor=user,
        organization=organization,
        obj=user,
        data={"backup_codes": len(codes)},
    )
    return codes


@transaction.atomic
def twofactor_remove(*, actor: Any, user: Any, organization: Organization | None) -> int:
    """Remove all of `user`'s second-factor devices (authenticator and backup codes).

    Returns how many devices were removed. A user whose role requires two-factor login
    is asked to set it up again at the next admin page.
    """
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        count, _ = model.objects.filter(user=user).delete()
        removed += count
    audit_record(
        action="auth.2fa.remove",
        actor=actor,
        organization=organization,
        obj=user,
        data={"by_self": getattr(actor, "pk", None) == user.pk},
    )
    return removed
