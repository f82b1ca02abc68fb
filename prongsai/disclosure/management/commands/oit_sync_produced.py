"""Link what Prongsai publishes itself (complaint channel, statistics, ITA reports…) to the year's OIT items."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.models import Organization
from prongsai.core.thai import FiscalYear
from prongsai.disclosure.services import oit_sync_produced_evidence


class Command(BaseCommand):
    help = "Link the evidence the platform produces to the OIT items of a year (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="organization slug (default: every organization)")
        parser.add_argument("--year", type=int, default=None, help="BE fiscal year (default: the current one)")

    def handle(self, *args: Any, **options: Any) -> None:
        year = options["year"] or FiscalYear.current().be
        organizations = Organization.objects.order_by("pk")
        if options["org"]:
            organizations = organizations.filter(slug=options["org"])
            if not organizations.exists():
                raise CommandError(f"No organization with the slug {options['org']!r}")
        for organization in organizations:
            result = oit_sync_produced_evidence(organization=organization, fiscal_year=year)
            self.stdout.write(
                f"{organization.slug} {year}: {result.added} added, {result.updated} updated, {result.removed} removed"
            )
