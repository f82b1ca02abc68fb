"""Background work of the corruption channel: thin wrappers around services."""

from __future__ import annotations

from django_tasks import task

from . import services


@task()
def notify_officers(report_id: int, event: str) -> int:
    """E-mail the report's officers that something happened (no content); rate-capped per officer."""
    return services.officers_notify(report_id=report_id, event=event)


@task()
def send_reminders() -> int:
    return services.reminders_send()


@task()
def run_retention() -> dict[str, int]:
    result = services.retention_run()
    return {"destroyed": result.destroyed, "receipts_expired": result.receipts_expired}
