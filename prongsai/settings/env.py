"""Reading configuration from the environment, failing with one clear line.

A misconfigured environment must stop the process at start-up with a sentence an
operator can act on, never a traceback (see docs/operations.md).
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any

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


_SUPPORTED_ENGINES = {"django.db.backends.postgresql", "django.db.backends.sqlite3"}
_DATABASE_URL_HELP = "use postgres://user:password@host:5432/name or sqlite:///path/to/db.sqlite3"


def _redact(url: str) -> str:
    """The URL without its password, fit to print in an error message."""
    return re.sub(r"(//[^:/@]*):[^@/]*@", r"\1:***@", url)


def env_database(default_url: str) -> dict[str, Any]:
    url = env_str("DATABASE_URL", default_url)
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60)))
    except Exception:  # dj-database-url raises several types for a bad URL; its messages are long
        raise ConfigurationError(
            f"DATABASE_URL {_redact(url)!r} is not a valid database URL ({_DATABASE_URL_HELP})."
        ) from None
    if config.get("ENGINE") not in _SUPPORTED_ENGINES:
        raise ConfigurationError(
            f"DATABASE_URL {_redact(url)!r} names a database Prongsai does not support ({_DATABASE_URL_HELP})."
        )
    if config["ENGINE"] == "django.db.backends.postgresql":
        # Fail within seconds, not minutes, when the server does not answer (start-up check, health check).
        config.setdefault("OPTIONS", {})
        config["OPTIONS"].setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 10))
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


def _database_location(settings_dict: dict[str, Any]) -> str:
    if settings_dict["ENGINE"].endswith("sqlite3"):
        return str(settings_dict["NAME"])
    return f"{settings_dict.get('HOST') or 'localhost'}:{settings_dict.get('PORT') or 5432}"


def _one_line_reason(exc: BaseException) -> str:
    # psycopg's message spans lines and repeats the address; keep the part that says what went wrong.
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    reason = lines[0] if lines else exc.__class__.__name__
    reason = reason.rsplit(" failed: ", 1)[-1]
    reason = re.sub(r"^(FATAL|ERROR):\s*", "", reason)
    return " ".join(reason.split()).rstrip(".")


def database_check_reachable(alias: str = "default") -> None:
    """Connect once; if the database cannot be reached, stop with one line on stderr and exit status 2.

    Called at start-up by `manage.py runserver/migrate/db_worker` and by the WSGI entry
    point, so a wrong host, port, password or database name is reported plainly.
    """
    from django.db import DatabaseError, connections

    connection = connections[alias]
    try:
        connection.ensure_connection()
    except DatabaseError as exc:
        location = _database_location(connection.settings_dict)
        raise ConfigurationError(f"cannot reach the database at {location} ({_one_line_reason(exc)})") from None
    finally:
        # Never hand an open connection to forked workers.
        connection.close()
