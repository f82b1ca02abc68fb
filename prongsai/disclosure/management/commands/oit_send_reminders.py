"""Queue the OIT reminder e-mails (run daily from cron or a systemd timer)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from prongsai.disclosure.services import reminder_days
from prongsai.disclosure.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Queue e-mails to the heads of responsible departments about OIT items due within N days "
        "(settings.PRONGSAI_OIT_REMINDER_DAYS) or overdue and not approved; each item once per due date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="days before the due date (default: setting)")

    def handle(self, *args: Any, **options: Any) -> None:
        days = options["days"] if options["days"] is not None else reminder_days()
        result = send_reminders.enqueue(days)
        self.stdout.write(f"queued OIT reminders (items due within {days} days): task {result.id}")
