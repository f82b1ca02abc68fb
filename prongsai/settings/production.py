"""Production: PostgreSQL behind gunicorn and nginx. Everything secret comes from the environment."""

from typing import Any, cast

from .base import *  # noqa: F403
from .env import ConfigurationError, env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ConfigurationError("SECRET_KEY must be at least 50 random characters.")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
if not ALLOWED_HOSTS:
    raise ConfigurationError("ALLOWED_HOSTS must list the host names this site answers on.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
# Preloading commits the domain and every subdomain to HTTPS in browsers for months and is slow to
# undo, so it is the municipality's own decision (set SECURE_HSTS_PRELOAD=true, then submit the
# domain). Until then Django's reminder is silenced so `check --deploy` stays clean.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# Sign-in throttling keys on username and client address. Behind nginx (over a Unix socket REMOTE_ADDR
# is empty) the client is the address the nearest trusted proxy appended to X-Forwarded-For; without
# this, five wrong passwords from anyone would lock the account out for everybody.
PRONGSAI_TRUSTED_PROXIES = env_int("PRONGSAI_TRUSTED_PROXIES", 1)


def _client_ip(request: Any) -> str | None:
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if PRONGSAI_TRUSTED_PROXIES and len(forwarded) >= PRONGSAI_TRUSTED_PROXIES:
        return forwarded[-PRONGSAI_TRUSTED_PROXIES]
    return request.META.get("REMOTE_ADDR") or None


AXES_CLIENT_IP_CALLABLE = _client_ip

# Rendered anonymous pages are written here for nginx to serve (docs/adr/0004-page-cache.md).
PRONGSAI_PAGE_CACHE_DIR = env_str("PRONGSAI_PAGE_CACHE_DIR", "")

# Templates are read once per process in production.
cast(dict[str, Any], TEMPLATES[0]["OPTIONS"])["loaders"] = [
    (
        "django.template.loaders.cached.Loader",
        ["django.template.loaders.filesystem.Loader", "django.template.loaders.app_directories.Loader"],
    )
]
TEMPLATES[0]["APP_DIRS"] = False
