"""Compile the Thai catalogue (our strings + the Wagtail supplement) to .mo with polib: no gettext needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.core import i18n


class Command(BaseCommand):
    help = (
        "Merge prongsai/locale_src/<lang>/<domain>/*.po and prongsai/locale/<lang>/LC_MESSAGES/*.po "
        "(ours win) into the .mo files Django loads."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locale-dir", type=Path, help="default: LOCALE_PATHS[0]")
        parser.add_argument("--supplement-dir", type=Path, help="default: prongsai/locale_src")

    def handle(self, *args: Any, **options: Any) -> None:
        changed = i18n.compile_catalogues(
            locale_dir=options["locale_dir"] or i18n.default_locale_dir(),
            supplement_dir=options["supplement_dir"] or i18n.default_supplement_dir(),
        )
        if changed and options["verbosity"] > 0:
            self.stdout.write(f"Compiled {len(changed)} catalogue(s): " + ", ".join(p.name for p in changed))
