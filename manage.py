#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# Commands that need the database from their first moment: check it can be reached before they
# start, so a wrong DATABASE_URL gives one line instead of a traceback.
_NEEDS_DATABASE = {"runserver", "migrate", "db_worker"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.settings.dev")
    from django.core.management import execute_from_command_line

    if len(sys.argv) > 1 and sys.argv[1] in _NEEDS_DATABASE and "--help" not in sys.argv:
        from prongsai.settings.env import database_check_reachable

        database_check_reachable()
    execute_from_command_line(sys.argv)
