from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from prongsai.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, DemoContext, demo_loaders
from prongsai.core.models import Organization


class Command(BaseCommand):
    help = "Load the demo municipality (เทศบาลตำบลแม่สาย) with its departments, staff, pages and data."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when any organization already exists.")
        parser.add_argument("--print-accounts", action="store_true", help="Print the demo accounts afterwards.")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organization.objects.filter(slug="maesai").exists() or (
            options["if_empty"] and Organization.objects.exists()
        ):
            self.stdout.write("The demo municipality is already loaded; nothing to do.")
        else:
            context = DemoContext()
            with transaction.atomic():
                for _order, name, loader in demo_loaders():
                    try:
                        loader(context)
                    except Exception as exc:  # name the loader that failed, keep the cause
                        raise CommandError(f"demo loader {name!r} failed: {exc}") from exc
            for line in context.log:
                self.stdout.write(f"  {line}")
            self.stdout.write(self.style.SUCCESS("Loaded the demo municipality เทศบาลตำบลแม่สาย."))
        if options["print_accounts"]:
            self.stdout.write("\nDemo accounts (development only), password for all: " + DEMO_PASSWORD)
            for role, (username, *_rest) in DEMO_ACCOUNTS.items():
                self.stdout.write(f"  {username:<10} {role}")
