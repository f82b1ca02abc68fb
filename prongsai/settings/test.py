"""Settings for the test suite: fast hashing, in-memory mail and cache, temp media."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403
from .env import env_str

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-media-"))
# WhiteNoise warns when STATIC_ROOT is missing; tests serve static files through the finders.
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="prongsai-static-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
atexit.register(shutil.rmtree, STATIC_ROOT, ignore_errors=True)
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
AXES_ENABLED = True

# Parallel runs on one PostgreSQL server (e.g. two developers' suites) must not
# share a test database name.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"]["TEST"] = {
        "NAME": env_str("PRONGSAI_TEST_DB", f"test_prongsai_{os.getpid()}"),
    }
