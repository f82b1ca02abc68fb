"""Destroy corruption reports past their retention and lapse receipts that were not used for too long."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.services import retention_run


class Command(BaseCommand):
    help = "Destroy expired corruption reports (keys, ciphertext and rows; audited) and lapse idle receipts."

    def handle(self, *args: Any, **options: Any) -> None:
        result = retention_run()
        self.stdout.write(f"destroyed {result.destroyed} report(s); {result.receipts_expired} receipt(s) lapsed")
