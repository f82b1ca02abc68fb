from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.ita.services.frameworks import framework_load


class Command(BaseCommand):
    help = "Load (or reload, updating in place) the ITA frameworks shipped in prongsai/ita/frameworks/."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, help="Only this BE fiscal year (default: every file).")

    def handle(self, *args: Any, **options: Any) -> None:
        for framework in framework_load(year=options.get("year")):
            self.stdout.write(f"{framework.fiscal_year}: {framework.oit_items.count()} OIT items ({framework.status})")
