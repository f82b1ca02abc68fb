"""`manage.py audit_verify`: walk the audit log's hash chain and report the first broken link.

Exit status 0 when the chain is intact, 1 when it is broken, so cron or monitoring can alert.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand

from prongsai.core.audit import audit_verify_chain


class Command(BaseCommand):
    help = "Verify the audit log's hash chain; exit 1 and name the first broken entry if it was altered."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--batch-size", type=int, default=2000, help="Entries read per query (default 2000).")

    def handle(self, *args: Any, **options: Any) -> None:
        checked, broken = audit_verify_chain(batch_size=options["batch_size"])
        if broken is None:
            self.stdout.write(self.style.SUCCESS(f"Audit log intact: {checked} entries verified."))
            return
        self.stdout.write(self.style.ERROR(f"Audit log broken at entry #{broken.sequence}: {broken.reason}"))
        sys.exit(1)
