"""Write the year's OIT answers for ITAS to an XLSX or CSV file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from prongsai.core.models import Organization
from prongsai.disclosure.export import export
from prongsai.disclosure.links import site_base_url


class Command(BaseCommand):
    help = "Export item code, title, URL(s) and note per OIT item: --org <slug> --year <BE> --output <file.xlsx|.csv>"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--org", required=True, help="organization slug")
        parser.add_argument("--year", type=int, required=True, help="BE fiscal year, e.g. 2566")
        parser.add_argument("--output", required=True, help="file to write; .xlsx or .csv")
        parser.add_argument("--base-url", default=None, help="address put before this site's paths (default: site)")

    def handle(self, *args: Any, **options: Any) -> None:
        organization = Organization.objects.filter(slug=options["org"]).select_related("site").first()
        if organization is None:
            raise CommandError(f"No organization with the slug {options['org']!r}")
        output = Path(options["output"])
        fmt = output.suffix.lower().lstrip(".")
        if fmt not in ("xlsx", "csv"):
            raise CommandError("The output file must end in .xlsx or .csv")
        base = options["base_url"] if options["base_url"] is not None else site_base_url(organization)
        content = export(organization=organization, fiscal_year=options["year"], fmt=fmt, base=base)
        output.write_bytes(content)
        self.stdout.write(f"wrote {output} ({len(content)} bytes)")
