"""Measures and their results. Every function validates everything before it writes anything."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from prongsai.core.audit import audit_record
from prongsai.core.models import Department, Organization

from .. import permissions
from ..models import Indicator, Measure, MeasureEvidence, MeasureResult, MeasureStatus, Recurrence

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
MAX_EVIDENCE_FILES = 10
# Extension -> (leading bytes, a name the zip must contain for Office files)
EVIDENCE_TYPES: dict[str, tuple[bytes, str]] = {
    "pdf": (b"%PDF", ""),
    "docx": (b"PK\x03\x04", "word/"),
    "xlsx": (b"PK\x03\x04", "xl/"),
    "jpg": (b"\xff\xd8\xff", ""),
    "jpeg": (b"\xff\xd8\xff", ""),
    "png": (b"\x89PNG\r\n\x1a\n", ""),
}

_MEASURE_FIELDS = (
    "indicator",
    "title",
    "steps",
    "schedule_text",
    "start_date",
    "end_date",
    "recurrence",
    "owners_text",
    "status",
    "recommendations",
    "order",
)


def _require(actor: Any, allowed: bool) -> None:
    """Services run without an actor only for the system itself (demo, commands)."""
    if actor is not None and not allowed:
        raise PermissionDenied(_("You do not have permission to do this."))


def _check_owners(organization: Organization, owners: Iterable[Department]) -> list[Department]:
    owners = list(owners)
    if any(owner.organization_id != organization.pk for owner in owners):
        raise ValidationError({"owners": _("A responsible department belongs to another organization.")})
    return owners


def _check_text(fields: dict[str, Any]) -> None:
    for name in ("title", "steps"):
        if name in fields and not str(fields[name] or "").strip():
            raise ValidationError({name: _("This field is required.")})


@transaction.atomic
def measure_create(
    *,
    actor: Any = None,
    organization: Organization,
    fiscal_year: int,
    indicator: Indicator,
    title: str,
    steps: str,
    schedule_text: str = "",
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
    recurrence: str = Recurrence.NONE,
    owners: Sequence[Department] = (),
    owners_text: str = "",
    status: str = MeasureStatus.PLANNED,
    recommendations: str = "",
    order: int | None = None,
) -> Measure:
    """Add a measure. Raises ValidationError (per field) for missing or over-long text, a schedule that
    ends before it starts, an indicator of another year or an owner of another organization."""
    _require(actor, permissions.is_coordinator(actor, organization) if actor is not None else True)
    _check_text({"title": title, "steps": steps})
    owner_list = _check_owners(organization, owners)
    if order is None:
        last = Measure.objects.filter(
            organization=organization, fiscal_year=fiscal_year, indicator__number=indicator.number
        ).aggregate(Max("order"))["order__max"]
        order = (last or 0) + 1
    measure = Measure(
        organization=organization,
        fiscal_year=fiscal_year,
        indicator=indicator,
        order=order,
        title=title.strip(),
        steps=steps.strip(),
        schedule_text=schedule_text.strip(),
        start_date=start_date,
        end_date=end_date,
        recurrence=recurrence,
        owners_text=owners_text.strip(),
        status=status,
        recommendations=recommendations.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    measure.full_clean()
    measure.save()
    measure.owners.set(owner_list)
    audit_record(
        action="ita.measure.create",
        actor=actor,
        organization=organization,
        obj=measure,
        data={"year": fiscal_year, "indicator": indicator.number, "owners": [o.pk for o in owner_list]},
    )
    return measure


@transaction.atomic
def measure_update(
    *, actor: Any = None, measure: Measure, owners: Sequence[Department] | None = None, **fields: Any
) -> Measure:
    """Change a measure's fields (any of title, steps, schedule_text, start_date, end_date, recurrence,
    owners_text, status, recommendations, order, indicator) and optionally its owners."""
    _require(actor, permissions.can_edit_measure(actor, measure) if actor is not None else True)
    unknown = set(fields) - set(_MEASURE_FIELDS)
    if unknown:
        raise TypeError(f"Unknown measure fields: {sorted(unknown)}")
    _check_text(fields)
    owner_list = _check_owners(measure.organization, owners) if owners is not None else None
    changed = {}
    for name, value in fields.items():
        if isinstance(value, str):
            value = value.strip()
        if getattr(measure, name) != value:
            changed[name] = str(value)
        setattr(measure, name, value)
    measure.full_clean()
    measure.save()
    if owner_list is not None:
        measure.owners.set(owner_list)
        changed["owners"] = str([o.pk for o in owner_list])
    audit_record(action="ita.measure.update", actor=actor, organization=measure.organization, obj=measure, data=changed)
    return measure


@transaction.atomic
def measure_delete(*, actor: Any = None, measure: Measure) -> None:
    _require(actor, permissions.can_edit_measure(actor, measure) if actor is not None else True)
    audit_record(action="ita.measure.delete", actor=actor, organization=measure.organization, obj=measure)
    measure.delete()


# --- Results and evidence ----------------------------------------------------------------


def evidence_file_check(upload: UploadedFile) -> None:
    """Refuse a file that is too big or is not really a PDF, DOCX, XLSX, JPEG or PNG."""
    name = upload.name or ""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    allowed = ", ".join(sorted({e.upper() for e in EVIDENCE_TYPES if e != "jpeg"}))
    if extension not in EVIDENCE_TYPES:
        raise ValidationError(
            {"files": _("%(name)s: only these file types are accepted: %(types)s.") % {"name": name, "types": allowed}}
        )
    if upload.size is None or upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError({"files": _("%(name)s is larger than 10 MB.") % {"name": name}})
    magic, zip_member = EVIDENCE_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    ok = head == magic
    if ok and zip_member:
        try:
            with zipfile.ZipFile(upload) as archive:
                ok = any(member.startswith(zip_member) for member in archive.namelist())
        except zipfile.BadZipFile:
            ok = False
        upload.seek(0)
    if not ok:
        raise ValidationError(
            {"files": _("%(name)s is not a real %(type)s file.") % {"name": name, "type": extension.upper()}}
        )


@dataclass(frozen=True)
class EvidenceLink:
    """A link given with a result: a site page, a site document or an outside URL."""

    title: str = ""
    url: str = ""
    page: Any = None
    document: Any = None


def _check_link(link: EvidenceLink) -> None:
    if sum(bool(x) for x in (link.url, link.page, link.document)) != 1:
        raise ValidationError({"links": _("Each link needs exactly one page, document or web address.")})
    if link.url:
        try:
            URLValidator(schemes=["http", "https"])(link.url)
        except ValidationError:
            raise ValidationError({"links": _("Enter a valid web address (http:// or https://).")}) from None
        if len(link.url) > 500:
            raise ValidationError({"links": _("The web address is too long.")})


@transaction.atomic
def measure_result_add(
    *,
    actor: Any = None,
    measure: Measure,
    date: dt.date,
    text: str,
    files: Sequence[UploadedFile] = (),
    links: Sequence[EvidenceLink] = (),
) -> MeasureResult:
    """Record what was done for a measure, with evidence. Staff of an owner department or the
    coordinator may do this. Every file and link is checked before anything is saved."""
    _require(actor, permissions.can_add_result(actor, measure) if actor is not None else True)
    if not (text or "").strip():
        raise ValidationError({"text": _("This field is required.")})
    if date is None:
        raise ValidationError({"date": _("This field is required.")})
    if len(files) > MAX_EVIDENCE_FILES:
        raise ValidationError({"files": _("Attach at most 10 files at a time.")})
    for upload in files:
        evidence_file_check(upload)
    for link in links:
        _check_link(link)
    result = MeasureResult(
        measure=measure,
        date=date,
        text=text.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    result.full_clean()
    result.save()
    for upload in files:
        evidence = MeasureEvidence(result=result, title=(upload.name or "")[:255])
        evidence.file.save(upload.name or "evidence", upload, save=False)
        evidence.full_clean()
        evidence.save()
    for link in links:
        evidence = MeasureEvidence(
            result=result, title=link.title[:255], url=link.url, page=link.page, document=link.document
        )
        evidence.full_clean()
        evidence.save()
    if measure.status in (MeasureStatus.DRAFT, MeasureStatus.PLANNED):
        measure.status = MeasureStatus.IN_PROGRESS
        measure.save(update_fields=["status", "updated_at"])
    audit_record(
        action="ita.measure_result.add",
        actor=actor,
        organization=measure.organization,
        obj=result,
        data={"measure": measure.pk, "files": len(files), "links": len(links)},
    )
    return result


@transaction.atomic
def measure_result_delete(*, actor: Any = None, result: MeasureResult) -> None:
    measure = result.measure
    allowed = permissions.can_edit_measure(actor, measure) or (
        result.created_by_id is not None and result.created_by_id == getattr(actor, "pk", None)
    )
    _require(actor, allowed if actor is not None else True)
    audit_record(action="ita.measure_result.delete", actor=actor, organization=measure.organization, obj=result)
    for evidence in result.evidence.all():
        if evidence.file:
            evidence.file.delete(save=False)
    result.delete()
