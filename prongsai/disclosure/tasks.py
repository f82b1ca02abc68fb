"""Background work of the OIT tracker: thin wrappers around services (django-tasks)."""

from __future__ import annotations

from django_tasks import task

from prongsai.core.models import Organization

from . import services


@task()
def notify_returned(assignment_id: int) -> int:
    """E-mail the responsible heads that an item came back with a comment."""
    return services.oit_notify_returned(assignment_id=assignment_id)


@task()
def send_reminders(days: int | None = None) -> int:
    """E-mail the responsible heads about items due within `days` days (settings default when None)."""
    return services.oit_reminders_send(days=days)


@task()
def check_links(organization_id: int, fiscal_year: int | None = None, external: bool = True) -> dict[str, int]:
    organization = Organization.objects.get(pk=organization_id)
    summary = services.oit_evidence_check_links(organization=organization, fiscal_year=fiscal_year, external=external)
    return {"checked": summary.checked, "broken": summary.broken}


@task()
def sync_produced_evidence(organization_id: int, fiscal_year: int) -> dict[str, int]:
    organization = Organization.objects.get(pk=organization_id)
    result = services.oit_sync_produced_evidence(organization=organization, fiscal_year=fiscal_year)
    return {"added": result.added, "updated": result.updated, "removed": result.removed}
