"""Report wording, approval rounds (coordinator → ปลัด → นายก), rendering and publishing."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from prongsai.core.audit import audit_record
from prongsai.core.models import Department, Membership, Organization
from prongsai.core.selectors import membership_for

from .. import permissions, wording
from ..models import FilesStatus, ReportKind, ReportRound, ReportTemplate, RoundStatus
from ..report_document import organization_emblem, person, report_data, report_document

logger = logging.getLogger(__name__)

FORMATS = ("pdf", "docx")
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_TEMPLATE_FIELDS = (
    "department",
    "phone",
    "number_text",
    "subject",
    "salutation",
    "background",
    "facts",
    "proposal",
    "closing",
    "table_title",
)


_STAGES = {
    "can_opine": (RoundStatus.SUBMITTED,),
    "can_order": (RoundStatus.CHIEF_REVIEWED,),
    "can_return": (RoundStatus.SUBMITTED, RoundStatus.CHIEF_REVIEWED),
}
_STAGE_ERRORS = {
    "can_opine": _lazy("This round is not waiting for the chief administrator."),
    "can_order": _lazy("This round is not waiting for the mayor."),
    "can_return": _lazy("Only a round under review can be returned."),
}


def _require(actor: Any, allowed: bool) -> None:
    if actor is not None and not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


# --- Wording ---------------------------------------------------------------------------------


@transaction.atomic
def report_template_save(*, actor: Any = None, organization: Organization, kind: str, **fields: Any) -> ReportTemplate:
    """Save the organization's wording for a kind of report (fields as on ReportTemplate)."""
    _require(actor, actor is None or permissions.can_manage_reports(actor, organization))
    unknown = set(fields) - set(_TEMPLATE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown template fields: {sorted(unknown)}")
    department = fields.get("department")
    if isinstance(department, Department) and department.organization_id != organization.pk:
        raise ValidationError({"department": _("This department belongs to another organization.")})
    template = ReportTemplate.objects.filter(organization=organization, kind=kind).first()
    if template is None:
        template = ReportTemplate(organization=organization, kind=kind, **wording.DEFAULT_WORDING[kind])
    for name, value in fields.items():
        setattr(template, name, value.strip() if isinstance(value, str) else value)
    template.full_clean()
    template.save()
    audit_record(action="ita.template.save", actor=actor, organization=organization, obj=template)
    return template


# --- Rounds ----------------------------------------------------------------------------------


def _check_signer(organization: Organization, signer: Membership | None) -> None:
    if signer is not None and signer.organization_id != organization.pk:
        raise ValidationError({"signer": _("The signer belongs to another organization.")})


@transaction.atomic
def report_round_create(
    *,
    actor: Any = None,
    organization: Organization,
    fiscal_year: int,
    kind: str,
    memo_date: dt.date | None = None,
    document_number: str = "",
    signer: Membership | None = None,
) -> ReportRound:
    """Start a round for a plan or results report. Only one round of a kind and year may be open;
    once one is approved, a change needs a new round."""
    _require(actor, actor is None or permissions.can_manage_reports(actor, organization))
    if kind not in ReportKind.values:
        raise ValidationError({"kind": _("Choose the plan or the results report.")})
    open_round = ReportRound.objects.filter(organization=organization, fiscal_year=fiscal_year, kind=kind).exclude(
        status=RoundStatus.APPROVED
    )
    if open_round.exists():
        raise ValidationError(_("A round for this report is already in progress; finish it first."))
    _check_signer(organization, signer)
    if signer is None and actor is not None:
        signer = membership_for(user=actor, organization=organization)
    last = ReportRound.objects.filter(organization=organization, fiscal_year=fiscal_year, kind=kind).aggregate(
        Max("number")
    )["number__max"]
    report_round = ReportRound(
        organization=organization,
        fiscal_year=fiscal_year,
        kind=kind,
        number=(last or 0) + 1,
        memo_date=memo_date or timezone.localdate(),
        document_number=document_number.strip(),
        signer=signer,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    report_round.full_clean()
    report_round.save()
    audit_record(
        action="ita.round.create",
        actor=actor,
        organization=organization,
        obj=report_round,
        data={"year": fiscal_year, "kind": kind, "number": report_round.number},
    )
    return report_round


@transaction.atomic
def report_round_update(
    *,
    actor: Any = None,
    report_round: ReportRound,
    memo_date: dt.date | None,
    document_number: str = "",
    signer: Membership | None = None,
) -> ReportRound:
    """Change the memo's date, number or signer while the round is a draft or returned."""
    _require(actor, actor is None or permissions.can_manage_reports(actor, report_round.organization))
    if report_round.status not in (RoundStatus.DRAFT, RoundStatus.RETURNED):
        raise ValidationError(_("A submitted or approved round cannot be changed."))
    _check_signer(report_round.organization, signer)
    report_round.memo_date = memo_date
    report_round.document_number = document_number.strip()
    report_round.signer = signer
    report_round.full_clean()
    report_round.save()
    audit_record(action="ita.round.update", actor=actor, organization=report_round.organization, obj=report_round)
    return report_round


def report_round_data(report_round: ReportRound) -> dict[str, Any]:
    """The frozen data of a submitted or approved round; live data for a draft or returned one."""
    if report_round.is_frozen and report_round.snapshot:
        return dict(report_round.snapshot)
    return report_data(
        organization=report_round.organization,
        year=report_round.fiscal_year,
        kind=report_round.kind,
        memo_date=report_round.memo_date,
        document_number=report_round.document_number,
        signer=report_round.signer,
    )


def report_round_approvals(report_round: ReportRound) -> dict[str, Any]:
    def stamp(value: dt.datetime | None) -> str | None:
        return timezone.localtime(value).date().isoformat() if value else None

    approvals: dict[str, Any] = {}
    if report_round.chief_at:
        approvals["chief"] = {
            "selected": report_round.chief_opinion,
            "remark": report_round.chief_remark,
            "name": report_round.chief_name,
            "position": report_round.chief_position,
            "date": stamp(report_round.chief_at),
        }
    if report_round.executive_at:
        approvals["executive"] = {
            "selected": report_round.executive_order,
            "remark": report_round.executive_remark,
            "name": report_round.executive_name,
            "position": report_round.executive_position,
            "date": stamp(report_round.executive_at),
        }
    return approvals


def report_round_document(report_round: ReportRound) -> Any:
    return report_document(
        report_round_data(report_round),
        approvals=report_round_approvals(report_round),
        emblem=organization_emblem(report_round.organization),
    )


@transaction.atomic
def report_round_submit(*, actor: Any = None, report_round: ReportRound) -> ReportRound:
    """Freeze the report's content and send it to the chief administrator."""
    report_round = ReportRound.objects.select_for_update().get(pk=report_round.pk)
    if report_round.status not in (RoundStatus.DRAFT, RoundStatus.RETURNED):
        raise ValidationError(_("Only a draft or returned round can be submitted."))
    _require(actor, actor is None or permissions.can_submit(actor, report_round))
    data = report_data(
        organization=report_round.organization,
        year=report_round.fiscal_year,
        kind=report_round.kind,
        memo_date=report_round.memo_date,
        document_number=report_round.document_number,
        signer=report_round.signer,
    )
    if not data["table"]["rows"]:
        raise ValidationError(_("There are no measures for this year yet."))
    report_round.snapshot = data
    report_round.status = RoundStatus.SUBMITTED
    report_round.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    report_round.submitted_at = timezone.now()
    for prefix in ("chief", "executive"):
        for suffix in ("remark", "name", "position"):
            setattr(report_round, f"{prefix}_{suffix}", "")
        setattr(report_round, f"{prefix}_by", None)
        setattr(report_round, f"{prefix}_at", None)
    report_round.chief_opinion = ""
    report_round.executive_order = ""
    report_round.save()
    audit_record(
        action="ita.round.submit",
        actor=actor,
        organization=report_round.organization,
        obj=report_round,
        data={"rows": len(data["table"]["rows"])},
    )
    return report_round


def _decision(options: tuple[str, ...], choice: str, remark: str) -> tuple[str, str]:
    choice = (choice or "").strip()
    remark = (remark or "").strip()
    if choice and choice not in options:
        raise ValidationError({"choice": _("Choose one of the printed options or write your own words.")})
    if not choice and not remark:
        raise ValidationError({"choice": _("Choose an option or write your own words.")})
    if len(remark) > 1000:
        raise ValidationError({"remark": _("Write at most 1,000 characters.")})
    return choice, remark


def _signing_person(actor: Any, organization: Organization) -> dict[str, str]:
    signed = person(membership_for(user=actor, organization=organization))
    if not signed["name"] and actor is not None:
        signed["name"] = actor.get_full_name() or actor.get_username()
    return signed


@transaction.atomic
def report_round_opine(*, actor: Any, report_round: ReportRound, choice: str = "", remark: str = "") -> ReportRound:
    """The chief administrator's opinion: one of CHIEF_OPTIONS and/or own words. Sends it to the mayor."""
    report_round = ReportRound.objects.select_for_update().get(pk=report_round.pk)
    if report_round.status not in _STAGES["can_opine"]:
        raise ValidationError(_STAGE_ERRORS["can_opine"])
    _require(actor, permissions.can_opine(actor, report_round))
    choice, remark = _decision(wording.CHIEF_OPTIONS, choice, remark)
    signed = _signing_person(actor, report_round.organization)
    report_round.chief_opinion, report_round.chief_remark = choice, remark
    report_round.chief_by = actor
    report_round.chief_name, report_round.chief_position = signed["name"], signed["position"]
    report_round.chief_at = timezone.now()
    report_round.status = RoundStatus.CHIEF_REVIEWED
    report_round.save()
    audit_record(
        action="ita.round.opinion",
        actor=actor,
        organization=report_round.organization,
        obj=report_round,
        data={"choice": choice, "remark": remark},
    )
    return report_round


@transaction.atomic
def report_round_order(*, actor: Any, report_round: ReportRound, choice: str = "", remark: str = "") -> ReportRound:
    """The mayor's order: approves the round, which freezes it for good and publishes it."""
    from ..tasks import report_round_files_task

    report_round = ReportRound.objects.select_for_update().get(pk=report_round.pk)
    if report_round.status not in _STAGES["can_order"]:
        raise ValidationError(_STAGE_ERRORS["can_order"])
    _require(actor, permissions.can_order(actor, report_round))
    choice, remark = _decision(wording.EXECUTIVE_OPTIONS, choice, remark)
    signed = _signing_person(actor, report_round.organization)
    report_round.executive_order, report_round.executive_remark = choice, remark
    report_round.executive_by = actor
    report_round.executive_name, report_round.executive_position = signed["name"], signed["position"]
    report_round.executive_at = timezone.now()
    report_round.status = RoundStatus.APPROVED
    report_round.published_at = timezone.now()
    report_round.files_status = FilesStatus.PENDING
    report_round.save()
    audit_record(
        action="ita.round.order",
        actor=actor,
        organization=report_round.organization,
        obj=report_round,
        data={"choice": choice, "remark": remark},
    )
    audit_record(action="ita.round.publish", actor=actor, organization=report_round.organization, obj=report_round)
    pk = report_round.pk
    transaction.on_commit(lambda: report_round_files_task.enqueue(pk))
    return report_round


@transaction.atomic
def report_round_return(*, actor: Any, report_round: ReportRound, comment: str) -> ReportRound:
    """The chief administrator or the mayor sends the round back to the coordinator with comments."""
    report_round = ReportRound.objects.select_for_update().get(pk=report_round.pk)
    if report_round.status not in _STAGES["can_return"]:
        raise ValidationError(_STAGE_ERRORS["can_return"])
    _require(actor, permissions.can_return(actor, report_round))
    comment = (comment or "").strip()
    if not comment:
        raise ValidationError({"comment": _("Say what should change.")})
    if len(comment) > 2000:
        raise ValidationError({"comment": _("Write at most 2,000 characters.")})
    stage = report_round.status
    report_round.status = RoundStatus.RETURNED
    report_round.return_comment = comment
    report_round.returned_by = actor
    report_round.returned_at = timezone.now()
    report_round.save()
    audit_record(
        action="ita.round.return",
        actor=actor,
        organization=report_round.organization,
        obj=report_round,
        data={"comment": comment, "stage": stage},
    )
    return report_round


# --- Rendering ----------------------------------------------------------------------------------


def document_render(document: Any, fmt: str) -> bytes:
    from prongsai.documents.render import render_docx, render_pdf

    if fmt == "pdf":
        return bytes(render_pdf(document))
    if fmt == "docx":
        return bytes(render_docx(document))
    raise ValueError(f"Unknown format {fmt!r}")


def report_filename(report_round: ReportRound | None, *, kind: str, year: int, fmt: str) -> str:
    suffix = f"-{report_round.number}" if report_round is not None and report_round.number > 1 else ""
    return f"ita-{kind}-{year}{suffix}.{fmt}"


def report_round_render(*, report_round: ReportRound, fmt: str) -> bytes:
    """The round's PDF or DOCX: the stored file of an approved round, otherwise rendered now."""
    if fmt not in FORMATS:
        raise ValueError(f"Unknown format {fmt!r}")
    if report_round.status == RoundStatus.APPROVED:
        if report_round.files_status != FilesStatus.READY:
            # No worker has made the published files yet: make them now, once.
            report_round_generate_files(report_round=report_round)
        stored = report_round.pdf_file if fmt == "pdf" else report_round.docx_file
        if stored:
            try:
                with stored.open("rb") as handle:
                    content: bytes = handle.read()
                    return content
            except OSError:
                logger.warning("Stored %s of round %s is missing; rendering again", fmt, report_round.pk)
    return document_render(report_round_document(report_round), fmt)


def report_round_generate_files(*, report_round: ReportRound) -> ReportRound:
    """Render and store the PDF and DOCX of an approved round (the published files)."""
    if report_round.status != RoundStatus.APPROVED:
        raise ValidationError(_("Only an approved round has published files."))
    try:
        document = report_round_document(report_round)
        files = {fmt: document_render(document, fmt) for fmt in FORMATS}
    except Exception:
        logger.exception("Rendering round %s failed", report_round.pk)
        ReportRound.objects.filter(pk=report_round.pk).update(files_status=FilesStatus.FAILED)
        report_round.files_status = FilesStatus.FAILED
        return report_round
    for fmt, content in files.items():
        field = report_round.pdf_file if fmt == "pdf" else report_round.docx_file
        if field:
            field.delete(save=False)
        field.save(
            report_filename(report_round, kind=report_round.kind, year=report_round.fiscal_year, fmt=fmt),
            ContentFile(content),
            save=False,
        )
    report_round.files_status = FilesStatus.READY
    report_round.save(update_fields=["pdf_file", "docx_file", "files_status", "updated_at"])
    audit_record(action="ita.round.files", organization=report_round.organization, obj=report_round)
    return report_round


def report_live_render(*, organization: Organization, year: int, kind: str, fmt: str) -> bytes:
    """The report from today's data, outside any round (preview, command line)."""
    data = report_data(organization=organization, year=year, kind=kind)
    return document_render(report_document(data, emblem=organization_emblem(organization)), fmt)
