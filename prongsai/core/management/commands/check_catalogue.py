"""Fail when the Thai catalogue has an untranslated or fuzzy entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Check that the Thai catalogue is complete (no untranslated or fuzzy entries)."

    def handle(self, *args: Any, **options: Any) -> None:
        problems: list[str] = []
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in Path(locale_dir).glob("th/LC_MESSAGES/*.po"):
                catalogue = polib.pofile(str(po_path))
                problems += [f"{po_path.name}: untranslated: {e.msgid!r}" for e in catalogue.untranslated_entries()]
                problems += [f"{po_path.name}: fuzzy: {e.msgid!r}" for e in catalogue.fuzzy_entries()]
        if problems:
            raise CommandError("Thai catalogue incomplete:\n  " + "\n  ".join(problems[:50]))
        self.stdout.write("Thai catalogue complete.")
