"""Helpers for tests that open core's admin screens."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

from django.test import Client
from wagtail.users.models import UserProfile

from prongsai.core.twofactor.testing import login_verified


def admin_client(user: Any, *, host: str = "testserver") -> Client:
    """A browser signed in as `user` (second factor passed), with the admin in English.

    English so that assertions on interface text hold whatever the Thai catalogue says.
    """
    client = Client(HTTP_HOST=host, HTTP_ACCEPT_LANGUAGE="en")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    login_verified(client, user)
    return client


def field_block(html: str, field: str) -> str:
    """The part of a Wagtail admin form that renders `field` (label, errors, input)."""
    start = html.find(f'data-contentpath="{field}"')
    if start < 0:
        return ""
    end = html.find('data-contentpath="', start + 1)
    return html[start : end if end > 0 else None]


def field_error(html: str, field: str) -> str:
    """The error message shown beside `field`, or '' if there is none."""
    match = re.search(r'<p class="error-message">\s*(.*?)\s*</p>', field_block(html, field), re.S)
    return unescape(match.group(1)) if match else ""


def input_value(html: str, field: str) -> str | None:
    """The value a text input for `field` shows (None if there is no such input)."""
    match = re.search(rf'<input[^>]*name="{re.escape(field)}"[^>]*>', html)
    if not match:
        return None
    value = re.search(r'value="([^"]*)"', match.group(0))
    return unescape(value.group(1)) if value else ""


def is_denied(response: Any) -> bool:
    """Wagtail answers a forbidden admin screen with 403, or by sending the user back to the dashboard."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and response["Location"].rstrip("/") == "/admin"
