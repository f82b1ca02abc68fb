"""Fail when the Thai catalogue is incomplete: see prongsai.core.i18n.catalogue_problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core import i18n

SHOWN = 80


class Command(BaseCommand):
    help = (
        "Check the Thai catalogue: no untranslated or fuzzy entry, every msgid our code uses is in it, and "
        "every msgid of the Wagtail apps staff use has Thai (from Wagtail or from our supplement)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locale-dir", type=Path, help="default: LOCALE_PATHS[0]")
        parser.add_argument("--supplement-dir", type=Path, help="default: prongsai/locale_src")
        parser.add_argument("--source-root", type=Path, help="code to extract msgids from; default: BASE_DIR")
        parser.add_argument("--no-extract", action="store_true", help="skip comparing with our code's msgids")
        parser.add_argument("--no-wagtail", action="store_true", help="skip the Wagtail coverage check")

    def handle(self, *args: Any, **options: Any) -> None:
        problems = i18n.catalogue_problems(
            locale_dir=options["locale_dir"] or i18n.default_locale_dir(),
            supplement_dir=options["supplement_dir"] or i18n.default_supplement_dir(),
            source_root=None if options["no_extract"] else (options["source_root"] or i18n.default_source_root()),
            check_wagtail=not options["no_wagtail"],
        )
        if problems:
            lines = [str(p) for p in problems[:SHOWN]]
            if len(problems) > SHOWN:
                lines.append(f"... and {len(problems) - SHOWN} more")
            raise CommandError(
                f"Thai catalogue incomplete ({len(problems)} problem(s)); "
                "run `manage.py update_catalogue` and translate:\n  " + "\n  ".join(lines)
            )
        if options["verbosity"] > 0:
            self.stdout.write("Thai catalogue complete.")
