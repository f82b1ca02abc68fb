"""Every write of the OIT tracker: open a year, assign, add and remove evidence, submit, return,
approve, link what the platform produces, check links and send reminders. Each write is audited.

Callers may rely on: a ValidationError (keyed by form field where there is one) for bad input,
with nothing saved; PermissionDenied when the actor may not do it; and on the public page's
cache being cleared whenever something public changes.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from prongsai.core.audit import audit_record
from prongsai.core.evidence import produced_evidence
from prongsai.core.models import Department, Membership, Organization
from prongsai.core.pagecache import pagecache_invalidate
from prongsai.core.roles import DEPARTMENT_HEAD, ROLES
from prongsai.core.thai import thai_date_short
from prongsai.ita.models import Framework, OitItem

from . import links, permissions, uploads
from .models import AssignmentStatus, EvidenceKind, OitAssignment, OitEvidence, OitReview, ReviewAction

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = 7


def reminder_days() -> int:
    """Days before the due date the reminder goes out (settings.PRONGSAI_OIT_REMINDER_DAYS, default 7)."""
    return int(getattr(settings, "PRONGSAI_OIT_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


def _audit(action: str, *, actor: Any, organization: Organization, obj: Any, **data: Any) -> None:
    audit_record(action=f"disclosure.{action}", actor=actor, organization=organization, obj=obj, data=data)


def _history(assignment: OitAssignment, action: str, *, actor: Any, comment: str = "") -> OitReview:
    user = actor if getattr(actor, "is_authenticated", False) else None
    return OitReview.objects.create(assignment=assignment, action=action, actor=user, comment=comment)


def _set_status(assignment: OitAssignment, status: str) -> None:
    assignment.status = status
    assignment.status_changed_at = timezone.now()
    assignment.save(update_fields=["status", "status_changed_at", "updated_at"])


def _public_changed(organization: Organization) -> None:
    pagecache_invalidate(site=organization.site if organization.site_id else None)


def _require_coordinator(actor: Any, organization: Organization) -> None:
    if actor is not None and not permissions.is_coordinator(actor, organization):
        raise PermissionDenied(_("Only the ITA coordinator can do this."))


# --- The year's items --------------------------------------------------------------------------------


def oit_year_open(*, actor: Any = None, organization: Organization, fiscal_year: int) -> list[OitAssignment]:
    """Make sure every OIT item of the year's framework has an assignment; return them in item order.

    Idempotent. Raises ValidationError when there is no framework (or no OIT item) for the year.
    """
    framework = Framework.objects.filter(fiscal_year=fiscal_year).first()
    if framework is None:
        raise ValidationError(_("There is no ITA framework for %(year)s.") % {"year": fiscal_year})
    items = list(OitItem.objects.filter(framework=framework).order_by("order", "pk"))
    if not items:
        raise ValidationError(_("The ITA framework of %(year)s has no OIT items.") % {"year": fiscal_year})
    existing = set(
        OitAssignment.objects.filter(organization=organization, oit_item__in=items).values_list(
            "oit_item_id", flat=True
        )
    )
    missing = [item for item in items if item.pk not in existing]
    if missing:
        with transaction.atomic():
            OitAssignment.objects.bulk_create(
                [OitAssignment(organization=organization, oit_item=item, fiscal_year=fiscal_year) for item in missing],
                ignore_conflicts=True,
            )
            _audit(
                "year.open",
                actor=actor,
                organization=organization,
                obj=framework,
                fiscal_year=fiscal_year,
                created=len(missing),
            )
    return list(
        OitAssignment.objects.filter(organization=organization, fiscal_year=fiscal_year)
        .select_related("oit_item")
        .order_by("oit_item__order", "oit_item__pk")
    )


def oit_assignment_assign(
    *,
    actor: Any = None,
    assignment: OitAssignment,
    departments: Iterable[Department],
    due_date: dt.date | None,
) -> OitAssignment:
    """Set the responsible departments (all of the assignment's organization) and the due date."""
    organization = assignment.organization
    _require_coordinator(actor, organization)
    chosen = list(departments)
    if any(department.organization_id != organization.pk for department in chosen):
        raise ValidationError({"departments": _("A department of another organization cannot be responsible.")})
    before_ids = sorted(assignment.departments.values_list("pk", flat=True))
    after_ids = sorted(department.pk for department in chosen)
    if before_ids == after_ids and assignment.due_date == due_date:
        return assignment
    with transaction.atomic():
        assignment.departments.set(chosen)
        assignment.due_date = due_date
        assignment.save(update_fields=["due_date", "updated_at"])
        names = ", ".join(department.name for department in chosen) or "-"
        due = thai_date_short(due_date) if due_date else "-"
        _history(assignment, ReviewAction.ASSIGNED, actor=actor, comment=f"{names} ({due})")
        _audit(
            "assignment.assign",
            actor=actor,
            organization=organization,
            obj=assignment,
            departments=after_ids,
            due_date=due_date,
        )
    return assignment


def oit_assignments_assign_many(
    *,
    actor: Any = None,
    organization: Organization,
    plan: dict[int, tuple[list[Department], dt.date | None]],
) -> int:
    """Assign several items at once: {assignment id: (departments, due date)}. Returns how many changed."""
    _require_coordinator(actor, organization)
    assignments = OitAssignment.objects.filter(organization=organization, pk__in=list(plan)).select_related(
        "organization"
    )
    changed = 0
    with transaction.atomic():
        for assignment in assignments:
            departments, due_date = plan[assignment.pk]
            before = (sorted(assignment.departments.values_list("pk", flat=True)), assignment.due_date)
            oit_assignment_assign(actor=actor, assignment=assignment, departments=departments, due_date=due_date)
            if before != (sorted(d.pk for d in departments), due_date):
                changed += 1
    return changed


# --- Evidence ----------------------------------------------------------------------------------------


def _reopen_after_change(assignment: OitAssignment, *, actor: Any) -> None:
    """Evidence changed: a fresh item is in progress, an approved or submitted one goes back to the department."""
    if assignment.status == AssignmentStatus.NOT_STARTED:
        _set_status(assignment, AssignmentStatus.IN_PROGRESS)
    elif assignment.status in (AssignmentStatus.APPROVED, AssignmentStatus.SUBMITTED):
        _set_status(assignment, AssignmentStatus.IN_PROGRESS)
        _history(assignment, ReviewAction.REOPENED, actor=actor)


def _evidence_target(
    *,
    organization: Organization,
    kind: str,
    url: str,
    page: Page | None,
    document: Any,
) -> tuple[str, str, Page | None, Any, str]:
    """(kind, url, page, document, default title) for what the person chose; ValidationError when it cannot be."""
    if kind == EvidenceKind.PAGE:
        if page is None:
            raise ValidationError({"page": _("Choose a page of this website.")})
        problem = links.page_problem(page, organization=organization)
        if problem:
            raise ValidationError({"page": problem})
        return EvidenceKind.PAGE, links.page_path(page), page, None, page.title
    if kind == EvidenceKind.DOCUMENT:
        problem = links.document_problem(document)
        if problem:
            raise ValidationError({"document": problem})
        return EvidenceKind.DOCUMENT, document.url, None, document, document.title
    if kind == EvidenceKind.URL:
        try:
            clean = links.normalize_url(url, organization=organization)
        except ValidationError as error:
            raise ValidationError({"url": error.messages}) from error
        if clean.startswith("/"):
            target = links.resolve_internal(clean, organization=organization)
            if target.page is not None:
                return _evidence_target(
                    organization=organization, kind=EvidenceKind.PAGE, url="", page=target.page, document=None
                )
            if target.document is not None:
                return _evidence_target(
                    organization=organization, kind=EvidenceKind.DOCUMENT, url="", page=None, document=target.document
                )
            if not target.found:
                raise ValidationError({"url": _("There is no page at this address on this website.")})
        return EvidenceKind.URL, clean, None, None, clean
    raise ValidationError({"kind": _("Choose what kind of evidence this is.")})


def oit_evidence_add(
    *,
    actor: Any,
    assignment: OitAssignment,
    kind: str,
    url: str = "",
    page: Page | None = None,
    document: Any = None,
    upload: UploadedFile | None = None,
    title: str = "",
    note: str = "",
    evidence_date: dt.date | None = None,
) -> OitEvidence:
    """Add one piece of evidence to an item; an uploaded file is checked, then stored as a document.

    A page must be live and public on this site; a path of this site is stored as a page or document
    when it is one; the same address twice on one item is refused. Nothing is stored when it fails.
    """
    organization = assignment.organization
    if not permissions.can_edit_evidence(actor, assignment):
        raise PermissionDenied(_("Only the responsible departments and the ITA coordinator can change this item."))
    if kind == "upload":
        if upload is None:
            raise ValidationError({"upload": _("Choose a file to upload.")})
        try:
            uploads.upload_check(upload)
        except ValidationError as error:
            raise ValidationError({"upload": error.messages}) from error
    elif kind == EvidenceKind.PRODUCED:
        raise ValidationError({"kind": _("Evidence produced by Prongsai is linked automatically.")})
    else:
        kind, url, page, document, default_title = _evidence_target(
            organization=organization, kind=kind, url=url, page=page, document=document
        )
        if assignment.evidence.filter(url=url).exists():
            raise ValidationError({"url": _("This address is already listed as evidence for this item.")})
        title = title.strip() or default_title
    with transaction.atomic():
        if kind == "upload":
            assert upload is not None  # noqa: S101  (checked above)
            document = uploads.upload_store(upload=upload, title=title.strip(), actor=actor)
            kind, url, page, title = EvidenceKind.DOCUMENT, document.url, None, title.strip() or document.title
        try:
            with transaction.atomic():
                evidence = OitEvidence.objects.create(
                    assignment=assignment,
                    kind=kind,
                    url=url,
                    page=page,
                    document=document,
                    title=title[:300],
                    note=note.strip(),
                    evidence_date=evidence_date,
                    added_by=actor if getattr(actor, "is_authenticated", False) else None,
                )
        except IntegrityError as error:
            raise ValidationError({"url": _("This address is already listed as evidence for this item.")}) from error
        _history(assignment, ReviewAction.EVIDENCE_ADDED, actor=actor, comment=f"{evidence.title} <{evidence.url}>")
        _reopen_after_change(assignment, actor=actor)
        _audit(
            "evidence.add",
            actor=actor,
            organization=organization,
            obj=evidence,
            item=assignment.oit_item.code,
            fiscal_year=assignment.fiscal_year,
            kind=kind,
            url=url,
        )
    return evidence


def oit_evidence_remove(*, actor: Any, evidence: OitEvidence) -> None:
    """Remove one piece of evidence (it leaves the public page at once if it was there)."""
    assignment = evidence.assignment
    organization = assignment.organization
    if not permissions.can_edit_evidence(actor, assignment):
        raise PermissionDenied(_("Only the responsible departments and the ITA coordinator can change this item."))
    if evidence.kind == EvidenceKind.PRODUCED:
        raise ValidationError(_("Evidence produced by Prongsai is linked automatically and cannot be removed here."))
    was_public = evidence.published_at is not None
    with transaction.atomic():
        label = f"{evidence.title} <{evidence.url}>"
        evidence_id = evidence.pk
        evidence.delete()
        _history(assignment, ReviewAction.EVIDENCE_REMOVED, actor=actor, comment=label)
        if not assignment.evidence.exists() and assignment.status != AssignmentStatus.NOT_STARTED:
            _set_status(assignment, AssignmentStatus.IN_PROGRESS)
        else:
            _reopen_after_change(assignment, actor=actor)
        _audit(
            "evidence.remove",
            actor=actor,
            organization=organization,
            obj=assignment,
            evidence=evidence_id,
            label=label,
        )
    if was_public:
        _public_changed(organization)


# --- Review ------------------------------------------------------------------------------------------


def oit_assignment_submit(*, actor: Any, assignment: OitAssignment) -> OitAssignment:
    """The department sends the item to the coordinator for review (it needs at least one piece of evidence)."""
    if not permissions.can_edit_evidence(actor, assignment):
        raise PermissionDenied(_("Only the responsible departments and the ITA coordinator can change this item."))
    if assignment.status not in (AssignmentStatus.IN_PROGRESS, AssignmentStatus.RETURNED):
        raise ValidationError(_("Only an item in progress or returned can be submitted."))
    if not assignment.evidence.exists():
        raise ValidationError(_("Add at least one piece of evidence before submitting."))
    with transaction.atomic():
        _set_status(assignment, AssignmentStatus.SUBMITTED)
        _history(assignment, ReviewAction.SUBMITTED, actor=actor)
        _audit("assignment.submit", actor=actor, organization=assignment.organization, obj=assignment)
    return assignment


def oit_assignment_return(*, actor: Any, assignment: OitAssignment, comment: str) -> OitAssignment:
    """The coordinator sends the item back with a comment; the responsible heads are e-mailed."""
    _require_coordinator(actor, assignment.organization)
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Write what needs to change, so the department knows what to do.")})
    if assignment.status == AssignmentStatus.RETURNED:
        raise ValidationError(_("This item has already been returned."))
    if assignment.status == AssignmentStatus.NOT_STARTED:
        raise ValidationError(_("There is nothing to return yet: no evidence has been added."))
    with transaction.atomic():
        _set_status(assignment, AssignmentStatus.RETURNED)
        _history(assignment, ReviewAction.RETURNED, actor=actor, comment=comment)
        _audit("assignment.return", actor=actor, organization=assignment.organization, obj=assignment, comment=comment)
    from .tasks import notify_returned

    try:
        notify_returned.enqueue(assignment.pk)
    except Exception:  # the return itself stands even when the mail queue is down
        logger.exception("Could not enqueue the returned-item notice for assignment %s", assignment.pk)
    return assignment


def oit_assignment_approve(*, actor: Any, assignment: OitAssignment, comment: str = "") -> OitAssignment:
    """The coordinator approves: the item's evidence appears on the public page."""
    _require_coordinator(actor, assignment.organization)
    if assignment.status == AssignmentStatus.APPROVED:
        raise ValidationError(_("This item is already approved."))
    if not assignment.evidence.exists():
        raise ValidationError(_("An item without evidence cannot be approved."))
    now = timezone.now()
    with transaction.atomic():
        assignment.evidence.filter(published_at__isnull=True).update(published_at=now)
        _set_status(assignment, AssignmentStatus.APPROVED)
        _history(assignment, ReviewAction.APPROVED, actor=actor, comment=(comment or "").strip())
        _audit("assignment.approve", actor=actor, organization=assignment.organization, obj=assignment)
    _public_changed(assignment.organization)
    return assignment


# --- Evidence the platform produces -----------------------------------------------------------------


@dataclass(frozen=True)
class SyncResult:
    added: int
    updated: int
    removed: int
    approved: int


def oit_sync_produced_evidence(*, organization: Organization, fiscal_year: int, actor: Any = None) -> SyncResult:
    """Link what Prongsai itself publishes for the year (core.evidence registry) to the items whose topics
    it answers. Idempotent: running it again changes nothing unless the produced links changed.

    Produced links are public at once (they are live features of this site). An item that had not been
    started and is answered this way is approved automatically; the history says so.
    """
    assignments = oit_year_open(actor=actor, organization=organization, fiscal_year=fiscal_year)
    produced = produced_evidence(organization=organization, fiscal_year=fiscal_year)
    existing: dict[int, dict[str, OitEvidence]] = {}
    for evidence in OitEvidence.objects.filter(
        assignment__organization=organization, assignment__fiscal_year=fiscal_year
    ).only("pk", "assignment_id", "url", "title", "kind", "topic", "published_at"):
        existing.setdefault(evidence.assignment_id, {})[evidence.url] = evidence
    added = updated = removed = approved = 0
    now = timezone.now()
    with transaction.atomic():
        for assignment in assignments:
            wanted: dict[str, tuple[str, str]] = {}
            for topic in assignment.oit_item.topics or []:
                for found in produced.get(topic, []):
                    try:
                        url = links.normalize_url(found.url, organization=organization)
                    except ValidationError:
                        logger.warning("Produced evidence with a bad URL skipped: %r", found.url)
                        continue
                    wanted.setdefault(url, (found.title, topic))
            current = existing.get(assignment.pk, {})
            for url, (title, topic) in wanted.items():
                entry = current.get(url)
                if entry is None:
                    OitEvidence.objects.create(
                        assignment=assignment,
                        kind=EvidenceKind.PRODUCED,
                        topic=topic,
                        url=url,
                        title=title[:300],
                        published_at=now,
                    )
                    added += 1
                    _history(assignment, ReviewAction.PRODUCED, actor=None, comment=f"{title} <{url}>")
                elif entry.kind == EvidenceKind.PRODUCED and (entry.title != title[:300] or entry.topic != topic):
                    OitEvidence.objects.filter(pk=entry.pk).update(title=title[:300], topic=topic)
                    updated += 1
            for url, entry in current.items():
                if entry.kind == EvidenceKind.PRODUCED and url not in wanted:
                    entry.delete()
                    removed += 1
            if (
                not wanted
                and current
                and assignment.status == AssignmentStatus.APPROVED
                and not assignment.evidence.exists()
            ):
                _set_status(assignment, AssignmentStatus.IN_PROGRESS)
            if wanted and assignment.status == AssignmentStatus.NOT_STARTED:
                _set_status(assignment, AssignmentStatus.APPROVED)
                _history(
                    assignment, ReviewAction.APPROVED, actor=None, comment=_("Answered automatically by Prongsai.")
                )
                approved += 1
        if added or updated or removed:
            _audit(
                "produced.sync",
                actor=actor,
                organization=organization,
                obj=None,
                fiscal_year=fiscal_year,
                added=added,
                updated=updated,
                removed=removed,
                approved=approved,
            )
    if added or updated or removed:
        _public_changed(organization)
    return SyncResult(added=added, updated=updated, removed=removed, approved=approved)


# --- Link health ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckSummary:
    checked: int
    broken: int


def _check_internal(evidence: OitEvidence, organization: Organization) -> tuple[str, str]:
    """(problem, current url) for evidence on this site, read from the database."""
    if evidence.kind == EvidenceKind.PAGE:
        page = evidence.page
        problem = links.page_problem(page, organization=organization)
        return problem, (links.page_path(page) or evidence.url) if page is not None and not problem else evidence.url
    if evidence.kind == EvidenceKind.DOCUMENT:
        return links.document_problem(evidence.document), evidence.document.url if evidence.document else evidence.url
    target = links.resolve_internal(evidence.url, organization=organization)
    if not target.found:
        return _("There is no page at this address on this website."), evidence.url
    if target.page is not None:
        return links.page_problem(target.page, organization=organization), evidence.url
    return "", evidence.url


def oit_evidence_check_links(
    *,
    organization: Organization,
    fiscal_year: int | None = None,
    external: bool = True,
    timeout: float = links.DEFAULT_TIMEOUT,
) -> CheckSummary:
    """Check every piece of evidence: pages and documents of this site through the database (live,
    published, public), other sites over HTTP (HEAD, then GET; `timeout` seconds each). Stores the
    result on each entry; a page that moved gets its new address."""
    queryset = OitEvidence.objects.filter(assignment__organization=organization).select_related("page", "document")
    if fiscal_year is not None:
        queryset = queryset.filter(assignment__fiscal_year=fiscal_year)
    entries = list(queryset)
    outside = [entry for entry in entries if not entry.is_internal]
    results: dict[int, links.CheckResult] = {}
    if external and outside:
        with ThreadPoolExecutor(max_workers=min(8, len(outside))) as pool:
            for entry, result in zip(
                outside, pool.map(lambda e: links.check_external(e.url, timeout=timeout), outside), strict=True
            ):
                results[entry.pk] = result
    now = timezone.now()
    broken = checked = 0
    moved = False
    for entry in entries:
        if entry.is_internal:
            problem, url = _check_internal(entry, organization)
            fields: dict[str, Any] = {
                "last_checked_at": now,
                "last_error": problem[:300],
                "last_status_code": 404 if problem else 200,
            }
            if url != entry.url and not OitEvidence.objects.filter(assignment_id=entry.assignment_id, url=url).exists():
                fields["url"] = url
                moved = moved or entry.published_at is not None
        elif entry.pk in results:
            result = results[entry.pk]
            problem = result.error
            fields = {"last_checked_at": now, "last_error": problem[:300], "last_status_code": result.status_code}
        else:
            continue
        OitEvidence.objects.filter(pk=entry.pk).update(**fields)
        checked += 1
        broken += 1 if problem else 0
    audit_record(
        action="disclosure.links.check",
        organization=organization,
        data={"fiscal_year": fiscal_year, "checked": checked, "broken": broken, "external": external},
    )
    if moved:
        _public_changed(organization)
    return CheckSummary(checked=checked, broken=broken)


# --- Reminders ------------------------------------------------------------------------------------------


def responsible_recipients(assignment: OitAssignment) -> list[Membership]:
    """Heads of the responsible departments (or of the division above them); where a department has no
    head with an e-mail address, its own staff."""
    organization = assignment.organization
    parents = permissions.department_parents(organization)
    members = list(
        Membership.objects.filter(organization=organization, is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .prefetch_related("user__groups")
    )
    head_group = ROLES[DEPARTMENT_HEAD].group_name
    heads = [m for m in members if any(group.name == head_group for group in m.user.groups.all())]
    chosen: dict[int, Membership] = {}
    for department in assignment.departments.all():
        chain = permissions.department_chain(department.pk, parents)
        found = [head for head in heads if head.department_id in chain]
        if not found:
            found = [member for member in members if member.department_id == department.pk]
        for membership in found:
            chosen[membership.pk] = membership
    return list(chosen.values())


def _admin_url(name: str, *args: Any) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(name, args=args)


def _send(recipients: list[Membership], subject: str, template: str, context: dict[str, Any]) -> int:
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for membership in recipients:
            body = render_to_string(template, {**context, "membership": membership})
            sent += send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [membership.user.email], fail_silently=False)
    return sent


def oit_notify_returned(*, assignment_id: int) -> int:
    """E-mail the responsible heads that an item was returned, with the coordinator's comment."""
    assignment = OitAssignment.objects.filter(pk=assignment_id).select_related("organization", "oit_item").first()
    if assignment is None or assignment.status != AssignmentStatus.RETURNED:
        return 0
    last = assignment.history.filter(action=ReviewAction.RETURNED).select_related("actor").first()
    recipients = responsible_recipients(assignment)
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("[OIT %(year)s] %(code)s was returned for changes") % {
            "year": assignment.fiscal_year,
            "code": assignment.oit_item.code,
        }
    return _send(
        recipients,
        subject,
        "disclosure/email/returned.txt",
        {
            "assignment": assignment,
            "item": assignment.oit_item,
            "comment": last.comment if last else "",
            "reviewer": last.actor if last else None,
            "url": _admin_url("disclosure_admin:item", assignment.pk),
        },
    )


def oit_reminders_send(*, today: dt.date | None = None, days: int | None = None) -> int:
    """E-mail the responsible heads about items due within `days` days (or overdue) that are not approved.

    One message per person listing their items; each item is reminded once per due date.
    Returns the number of messages sent.
    """
    today = today or timezone.localdate()
    days = reminder_days() if days is None else days
    horizon = today + dt.timedelta(days=days)
    due = list(
        OitAssignment.objects.filter(due_date__isnull=False, due_date__lte=horizon, departments__isnull=False)
        .exclude(status=AssignmentStatus.APPROVED)
        .select_related("organization", "oit_item")
        .prefetch_related("departments")
        .distinct()
        .order_by("organization_id", "due_date", "oit_item__order")
    )
    due = [assignment for assignment in due if assignment.reminded_for != assignment.due_date]
    per_person: dict[int, tuple[Membership, list[OitAssignment]]] = {}
    for assignment in due:
        for membership in responsible_recipients(assignment):
            per_person.setdefault(membership.pk, (membership, []))[1].append(assignment)
    sent = 0
    for membership, assignments in per_person.values():
        with translation.override(settings.LANGUAGE_CODE):
            subject = _("[OIT] %(count)s item(s) due soon") % {"count": len(assignments)}
        sent += _send(
            [membership],
            subject,
            "disclosure/email/reminder.txt",
            {
                "assignments": assignments,
                "today": today,
                "items_url": _admin_url("disclosure_admin:index"),
                "rows": [(a, _admin_url("disclosure_admin:item", a.pk)) for a in assignments],
            },
        )
    for assignment in due:
        OitAssignment.objects.filter(pk=assignment.pk).update(reminded_for=assignment.due_date)
    if due:
        audit_record(action="disclosure.reminders.send", data={"items": len(due), "messages": sent})
    return sent
