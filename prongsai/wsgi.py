"""WSGI entry point for gunicorn: `gunicorn prongsai.wsgi` (run it with `--preload`, see docs/security)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.production")

# gunicorn respawns a worker that exits with any status but its own "app failed to load" (4),
# which stops the server: use it, so a configuration error ends start-up instead of looping.
_GUNICORN_APP_LOAD_ERROR = 4

try:
    application = get_wsgi_application()

    from prongsai.settings.env import database_check_reachable

    database_check_reachable()
except SystemExit as exc:  # ConfigurationError has already printed its one line
    if exc.code == 2 and "gunicorn.arbiter" in sys.modules:
        raise SystemExit(_GUNICORN_APP_LOAD_ERROR) from None
    raise
