"""Re-extract our strings into prongsai/locale/th, recompile, and list what still needs Thai."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core import i18n


class Command(BaseCommand):
    help = (
        "Run makemessages for our code (both domains) into prongsai/locale/th, keep translations, drop "
        "msgids no longer used, compile, and print the entries still untranslated or fuzzy. "
        "--export writes them to a JSON file; --apply reads translations back from one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--export",
            type=Path,
            help='write [{"domain", "msgctxt", "msgid", "msgid_plural", "msgstr"}] for entries needing Thai',
        )
        parser.add_argument("--apply", type=Path, help="read the same JSON back, with msgstr filled in")
        parser.add_argument("--no-extract", action="store_true", help="only compile and report")

    def handle(self, *args: Any, **options: Any) -> None:
        locale_dir = i18n.default_locale_dir()
        if not options["no_extract"]:
            for domain in i18n.DOMAINS:
                path = i18n.run_makemessages(source_root=i18n.default_source_root(), target=locale_dir, domain=domain)
                i18n.fix_header(path)
        if options["apply"]:
            self._apply(json.loads(options["apply"].read_text(encoding="utf-8")), locale_dir)
        i18n.compile_catalogues(locale_dir=locale_dir, supplement_dir=i18n.default_supplement_dir())

        todo: list[dict[str, Any]] = []
        for domain in i18n.DOMAINS:
            catalogue = i18n.load_catalogue(i18n.our_po_path(locale_dir, domain))
            if catalogue is None:
                continue
            for entry in catalogue.untranslated_entries() + catalogue.fuzzy_entries():
                todo.append(
                    {
                        "domain": domain,
                        "msgctxt": entry.msgctxt,
                        "msgid": entry.msgid,
                        "msgid_plural": entry.msgid_plural or None,
                        "msgstr": entry.msgstr or entry.msgstr_plural.get(0, ""),
                        "fuzzy": entry.fuzzy,
                        "where": [f for f, _ in entry.occurrences][:3],
                    }
                )
        if options["export"]:
            options["export"].write_text(json.dumps(todo, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        for item in todo:
            mark = "fuzzy" if item["fuzzy"] else "untranslated"
            self.stdout.write(f"{item['domain']}: {mark}: {item['msgid']!r}  ({', '.join(item['where'])})")
        self.stdout.write(f"{len(todo)} entr{'y' if len(todo) == 1 else 'ies'} need Thai.")

    def _apply(self, items: list[dict[str, Any]], locale_dir: Path) -> None:
        by_domain: dict[str, dict[i18n.Key, str]] = {}
        for item in items:
            if item.get("msgstr"):
                key = (item.get("msgctxt") or "", item["msgid"])
                by_domain.setdefault(item.get("domain", "django"), {})[key] = item["msgstr"]
        applied = 0
        for domain, translations in by_domain.items():
            path = i18n.our_po_path(locale_dir, domain)
            catalogue = i18n.load_catalogue(path)
            if catalogue is None:
                raise CommandError(f"{path} does not exist")
            for entry in catalogue:
                text = translations.get(i18n.entry_key(entry))
                if text is None or entry.obsolete:
                    continue
                if entry.msgid_plural:
                    entry.msgstr_plural = {0: text}
                else:
                    entry.msgstr = text
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
                entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
                applied += 1
            catalogue.save()
        self.stdout.write(f"Applied {applied} translation(s).")
