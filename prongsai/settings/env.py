"""Reading configuration from the environment, failing with one clear line.

A misconfigured environment must stop the process at start-up with a sentence an
operator can act on, never a traceback (see docs/operations.md).
"""

from __future__ import annotations

import os
import sys

import dj_database_url


class ConfigurationError(SystemExit):
    """Raised for a setting the environment must provide; exits with one line."""

    def __init__(self, message: str) -> None:
        sys.stderr.write(f"prongsai: configuration error: {message}\n")
        super().__init__(2)


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name, "").strip()
    if value:
        return value
    if required:
        raise ConfigurationError(f"the environment variable {name} must be set.")
    return default or ""


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be true or false, not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name, "").strip()
    if not value:
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_database(default_url: str) -> dict:
    url = env_str("DATABASE_URL", default_url)
    try:
        config = dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    except Exception as exc:  # dj-database-url raises several types for a bad URL
        raise ConfigurationError(f"DATABASE_URL is not a valid database URL ({exc}).") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # WAL lets the site read while the background worker writes.
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault(
            "init_command",
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        )
        config["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
        config["CONN_MAX_AGE"] = 0
    return config
