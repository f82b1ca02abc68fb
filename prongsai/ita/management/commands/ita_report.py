from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from prongsai.core.models import Organization
from prongsai.ita.models import ReportRound, RoundStatus
from prongsai.ita.services.reports import FORMATS, report_live_render, report_round_render


class Command(BaseCommand):
    help = (
        "Write the ITA measures plan or results report of an organization and year as PDF or DOCX. "
        "Uses the approved (frozen) version when there is one, otherwise today's data."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org", required=True, help="Organization slug, e.g. maesai")
        parser.add_argument("--year", required=True, type=int, help="Fiscal year in B.E., e.g. 2566")
        parser.add_argument("--kind", required=True, choices=["plan", "results"])
        parser.add_argument("--format", required=True, choices=list(FORMATS), dest="fmt")
        parser.add_argument("--output", required=True, help="File to write")
        parser.add_argument("--live", action="store_true", help="Ignore rounds; build from today's data.")

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress lines are not for users
        organization = Organization.objects.filter(slug=options["org"]).first()
        if organization is None:
            raise CommandError(f"No organization with slug {options['org']!r}.")
        year, kind, fmt = options["year"], options["kind"], options["fmt"]
        rounds = ReportRound.objects.filter(organization=organization, fiscal_year=year, kind=kind)
        report_round = None
        if not options["live"]:
            report_round = (
                rounds.filter(status=RoundStatus.APPROVED).order_by("-number").first()
                or rounds.order_by("-number").first()
            )
        if report_round is not None:
            content = report_round_render(report_round=report_round, fmt=fmt)
            source = f"round {report_round.number} ({report_round.get_status_display()})"
        else:
            content = report_live_render(organization=organization, year=year, kind=kind, fmt=fmt)
            source = "today's data"
        path = Path(options["output"])
        try:
            path.write_bytes(content)
        except OSError as exc:
            raise CommandError(f"Cannot write {path}: {exc}") from exc
        self.stderr.write(f"Wrote {path} ({len(content):,} bytes) from {source}.")
