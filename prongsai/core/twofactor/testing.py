"""Test helper for any app whose tests open the admin as a user who needs two-factor login."""

from __future__ import annotations

from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice


def login_verified(client: Any, user: Any) -> TOTPDevice:
    """Sign `user` in on the test client with a second factor already passed for this session.

    Use instead of `client.force_login(user)` for superusers, system administrators and
    complaint officers, whom the admin otherwise sends to two-factor set-up.
    """
    client.force_login(user)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device
