"""Queue a check of every piece of OIT evidence (or run it here with --now)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.models import Organization
from prongsai.disclosure.services import oit_evidence_check_links
from prongsai.disclosure.tasks import check_links


class Command(BaseCommand):
    help = (
        "Check OIT evidence: pages and documents of the site through the database, other sites over HTTP "
        "(HEAD then GET, 5 s). Queues one task per organization unless --now is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", help="organization slug (default: every organization)")
        parser.add_argument("--year", type=int, default=None, help="BE fiscal year (default: every year)")
        parser.add_argument("--internal-only", action="store_true", help="do not contact other sites")
        parser.add_argument("--now", action="store_true", help="check in this process and print the result")

    def handle(self, *args: Any, **options: Any) -> None:
        organizations = Organization.objects.order_by("pk")
        if options["org"]:
            organizations = organizations.filter(slug=options["org"])
            if not organizations.exists():
                raise CommandError(f"No organization with the slug {options['org']!r}")
        external = not options["internal_only"]
        for organization in organizations:
            if options["now"]:
                summary = oit_evidence_check_links(
                    organization=organization, fiscal_year=options["year"], external=external
                )
                self.stdout.write(f"{organization.slug}: {summary.checked} checked, {summary.broken} with problems")
            else:
                result = check_links.enqueue(organization.pk, options["year"], external)
                self.stdout.write(f"{organization.slug}: link check queued (task {result.id})")
