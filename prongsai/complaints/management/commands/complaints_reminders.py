"""E-mail officers about reports still waiting for acknowledgement (no content in the mail)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from prongsai.complaints.services import reminders_send


class Command(BaseCommand):
    help = "Remind officers of reports that are near or past their acknowledgement deadline."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sent {reminders_send()} reminder(s)")
