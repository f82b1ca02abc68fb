"""Background work: thin wrappers around services (tests call the services directly)."""

from __future__ import annotations

from django_tasks import task


@task()
def report_round_files_task(round_id: int) -> None:
    from .models import ReportRound, RoundStatus
    from .services.reports import report_round_generate_files

    report_round = ReportRound.objects.filter(pk=round_id, status=RoundStatus.APPROVED).first()
    if report_round is not None:
        report_round_generate_files(report_round=report_round)
