"""Tunable limits of the corruption channel, overridable with settings.PRONGSAI_COMPLAINTS (a dict).

Per-organization choices (deadlines, retention, idle time) live in `ChannelSettings`; what is
here is install-wide: cryptographic cost, upload limits and throttles.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    # Argon2id costs. memory_cost is in KiB. See docs/security/threat-model-complaints.md.
    "ARGON2_HASH": {"time_cost": 3, "memory_cost": 65536, "parallelism": 4},
    "ARGON2_KDF": {"time_cost": 4, "memory_cost": 65536, "parallelism": 4},
    # Bits of the keyed receipt index kept in the database (see the threat model).
    "RECEIPT_INDEX_HEX": 6,
    # Uploads.
    "MAX_FILE_BYTES": 10 * 1024 * 1024,
    "MAX_FILES": 5,
    "MAX_IMAGE_PIXELS": 40_000_000,
    "MAX_UNCOMPRESSED_BYTES": 50 * 1024 * 1024,
    "MAX_COMPRESSION_RATIO": 100,
    # Receipt guessing: per client, then for everyone of an organization.
    "RECEIPT_CLIENT_FAILURES": 5,
    "RECEIPT_CLIENT_LOCK_SECONDS": 5 * 60,
    "RECEIPT_GLOBAL_FAILURES": 100,
    "RECEIPT_GLOBAL_WINDOW_SECONDS": 10 * 60,
    "RECEIPT_GLOBAL_LOCK_SECONDS": 60,
    "LOCK_MAX_SECONDS": 24 * 60 * 60,
    # Submissions.
    "SUBMIT_CLIENT_LIMIT": 5,
    "SUBMIT_CLIENT_WINDOW_SECONDS": 60 * 60,
    "SUBMIT_GLOBAL_LIMIT": 60,
    "SUBMIT_GLOBAL_WINDOW_SECONDS": 60 * 60,
    # Officers unlocking their key.
    "UNLOCK_FAILURES": 5,
    "UNLOCK_LOCK_SECONDS": 15 * 60,
    # A blank form stays valid this long.
    "FORM_TOKEN_MAX_AGE_SECONDS": 24 * 60 * 60,
    # Request header holding the client address when behind a proxy (e.g. "HTTP_X_REAL_IP").
    "CLIENT_IP_META": "REMOTE_ADDR",
}


def conf(name: str) -> Any:
    overrides = getattr(settings, "PRONGSAI_COMPLAINTS", {}) or {}
    return overrides.get(name, DEFAULTS[name])
