"""Web-side protections of the channel: strict headers, throttles, and keys held per browser session.

Throttles live in the cache and key clients by a salted hash of their address that changes
every day; the address itself is never stored anywhere.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.crypto import salted_hmac

from . import crypto
from .conf import conf

PUBLIC_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


def apply_strict_headers(response: HttpResponse, *, public: bool = True) -> HttpResponse:
    """Public pages get the strict CSP and no referrer at all. Staff pages keep Wagtail's scripts and
    send the referrer to our own origin only: with `no-referrer` browsers post forms with
    `Origin: null`, which Django's CSRF check (rightly) refuses."""
    if public:
        response["Content-Security-Policy"] = PUBLIC_CSP
    response["Referrer-Policy"] = "no-referrer" if public else "same-origin"
    # no-store also tells the page cache (another middleware) to leave the response alone.
    response["Cache-Control"] = "no-store, max-age=0"
    response["Pragma"] = "no-cache"
    response["X-Robots-Tag"] = "noindex, nofollow, noarchive"
    response["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), interest-cohort=()"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["X-Content-Type-Options"] = "nosniff"
    response["X-Frame-Options"] = "DENY"
    return response


def strict_headers(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return apply_strict_headers(view(request, *args, **kwargs))

    return wrapped


# --- Client keys and throttles ----------------------------------------------------------------


def client_key(request: HttpRequest) -> str:
    """A per-day pseudonym of the client's address, for throttling only."""
    address = str(request.META.get(conf("CLIENT_IP_META"), "") or request.META.get("REMOTE_ADDR", ""))
    address = address.split(",")[0].strip()
    day_salt = salted_hmac("prongsai.complaints.client-day", timezone.localdate().isoformat()).hexdigest()
    return hashlib.sha256(f"{day_salt}:{address}".encode()).hexdigest()[:32]


def _now() -> float:
    return time.time()


def lock_remaining(scope: str, key: str) -> int:
    """Seconds until `key` may try again in `scope`; 0 when it is not locked."""
    until = cache.get(f"cc:{scope}:{key}:lock")
    if until is None:
        return 0
    return max(0, int(float(until) - _now()) + 1)


def register_failure(scope: str, key: str, *, limit: int, window: int, lock_seconds: int) -> int:
    """Count one failure; after `limit` failures within `window`, lock with a delay that doubles
    each time the client is locked again (up to LOCK_MAX_SECONDS). Returns the lock in seconds, or 0."""
    count_key = f"cc:{scope}:{key}:fails"
    cache.add(count_key, 0, timeout=window)
    try:
        failures = cache.incr(count_key)
    except ValueError:
        cache.set(count_key, 1, timeout=window)
        failures = 1
    if failures < limit:
        return 0
    strikes_key = f"cc:{scope}:{key}:strikes"
    strikes = int(cache.get(strikes_key, 0))
    seconds = min(lock_seconds * (2**strikes), int(conf("LOCK_MAX_SECONDS")))
    cache.set(strikes_key, strikes + 1, timeout=int(conf("LOCK_MAX_SECONDS")))
    cache.set(f"cc:{scope}:{key}:lock", _now() + seconds, timeout=seconds)
    cache.delete(count_key)
    return seconds


def clear_failures(scope: str, key: str) -> None:
    cache.delete_many([f"cc:{scope}:{key}:fails", f"cc:{scope}:{key}:strikes", f"cc:{scope}:{key}:lock"])


def rate_exceeded(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one event in a fixed window; True once more than `limit` happened."""
    count_key = f"cc:{scope}:{key}:rate"
    cache.add(count_key, 0, timeout=window)
    try:
        count = cache.incr(count_key)
    except ValueError:
        cache.set(count_key, 1, timeout=window)
        count = 1
    return count > limit


def rate_would_exceed(scope: str, key: str, *, limit: int) -> bool:
    return int(cache.get(f"cc:{scope}:{key}:rate", 0)) >= limit


# --- Keys held for one browser session ---------------------------------------------------------
#
# An unlocked private key (officer) or the reporter's key is needed on every request of a
# session. It is kept in the server-side session only as ciphertext; the key that opens it
# lives in a separate HttpOnly cookie. Someone who reads the session table (a database
# administrator, a backup) gets ciphertext; someone who steals the cookie alone gets nothing.

VAULT_COOKIE = "prongsai_vault"


def _cookie_key(request: HttpRequest) -> bytes | None:
    value = request.COOKIES.get(VAULT_COOKIE, "")
    try:
        raw = base64.urlsafe_b64decode(value.encode("ascii") + b"==")
    except (binascii.Error, ValueError, UnicodeEncodeError):
        return None
    return raw if len(raw) == crypto.KEY_BYTES else None


def vault_put(request: HttpRequest, response: HttpResponse, name: str, secret: bytes) -> None:
    key = getattr(request, "_vault_key", None) or _cookie_key(request) or crypto.new_secret_key()
    request._vault_key = key  # type: ignore[attr-defined]
    request.session[f"vault:{name}"] = base64.b64encode(crypto.secret_encrypt(key, secret)).decode("ascii")
    response.set_cookie(
        VAULT_COOKIE,
        base64.urlsafe_b64encode(key).decode("ascii").rstrip("="),
        max_age=None,
        path="/",
        secure=request.is_secure() or bool(getattr(settings, "SESSION_COOKIE_SECURE", False)),
        httponly=True,
        samesite="Lax",
    )


def vault_get(request: HttpRequest, name: str) -> bytes | None:
    stored = request.session.get(f"vault:{name}")
    key = getattr(request, "_vault_key", None) or _cookie_key(request)
    if not stored or key is None:
        return None
    try:
        return crypto.secret_decrypt(key, base64.b64decode(stored))
    except (crypto.IntegrityFailure, binascii.Error, ValueError):
        return None


def vault_drop(request: HttpRequest, name: str) -> None:
    request.session.pop(f"vault:{name}", None)
