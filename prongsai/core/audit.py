"""The append-only, hash-chained audit log.

Each entry stores the SHA-256 of its canonical form, which includes the hash of the
entry before it. Changing, inserting or deleting any row breaks every later link;
`audit_verify` walks the chain and reports the first broken one. Entries are only ever
written through `audit_record`; the model refuses updates and deletes at the ORM level
and, on PostgreSQL, a trigger refuses them in the database (migration 0002).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from .models import AuditEntry, Organization

GENESIS_HASH = "0" * 64
# One constant key for PostgreSQL's advisory lock that serialises appends.
_CHAIN_LOCK_KEY = 0x50524F4E47534149  # "PRONGSAI"


@dataclass(frozen=True)
class AuditContext:
    """Who is acting, for entries written by signal receivers that cannot see the request."""

    actor: Any = None
    organization: Organization | None = None


_CONTEXT: ContextVar[AuditContext | None] = ContextVar("prongsai_audit_context", default=None)


@contextmanager
def audit_context(*, actor: Any = None, organization: Organization | None = None) -> Iterator[AuditContext]:
    """Attribute entries that receivers write inside this block to `actor` and `organization`.

    Django announces role changes (``user.groups``) only as an m2m signal, without the
    request; views and services that change roles wrap the change in this block so the
    entry names who did it and in which organization.
    """
    context = AuditContext(actor=actor, organization=organization)
    token = _CONTEXT.set(context)
    try:
        yield context
    finally:
        _CONTEXT.reset(token)


def current_audit_context() -> AuditContext | None:
    return _CONTEXT.get()


def _canonical(entry: AuditEntry) -> bytes:
    payload = {
        "sequence": entry.sequence,
        "created_at": entry.created_at.isoformat(),
        "organization": entry.organization_id,
        "actor": entry.actor_id,
        "actor_label": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "object_label": entry.object_label,
        "data": entry.data,
        "prev_hash": entry.prev_hash,
    }
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str).encode()


def compute_hash(entry: AuditEntry) -> str:
    return hashlib.sha256(_canonical(entry)).hexdigest()


def _json_safe(data: dict[str, Any]) -> dict[str, Any]:
    # Round-trip so the stored JSON equals what was hashed (dates become strings, etc.).
    return json.loads(json.dumps(data, default=str, ensure_ascii=False))


def audit_record(
    *,
    action: str,
    actor: Any = None,
    organization: Organization | None = None,
    obj: Model | None = None,
    object_type: str = "",
    object_id: str = "",
    object_label: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry to the chain and return it.

    `action` is a dotted code such as ``auth.login`` or ``core.department.update``.
    The caller may rely on the entry being committed together with its own
    transaction (or immediately, outside one), and on its hash linking to the
    entry before it.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_label = object_label or str(obj)[:255]
    user = actor if getattr(actor, "is_authenticated", False) else None
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
        last = AuditEntry.objects.order_by("-sequence").only("sequence", "entry_hash").first()
        entry = AuditEntry(
            sequence=(last.sequence + 1) if last else 1,
            created_at=timezone.now(),
            organization=organization,
            actor=user,
            actor_label=(user.get_username() if user else "")[:200],
            action=action,
            object_type=object_type,
            object_id=object_id,
            object_label=object_label[:255],
            data=_json_safe(data or {}),
            prev_hash=last.entry_hash if last else GENESIS_HASH,
        )
        entry.entry_hash = compute_hash(entry)
        AuditEntry.objects.bulk_create([entry])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def audit_verify_chain(*, batch_size: int = 2000) -> tuple[int, ChainBreak | None]:
    """Walk the whole chain; return (entries checked, first break or None)."""
    expected_prev = GENESIS_HASH
    expected_seq = 1
    checked = 0
    for entry in _iter_entries(batch_size):
        if entry.sequence != expected_seq:
            return checked, ChainBreak(expected_seq, f"entry #{expected_seq} is missing")
        if entry.prev_hash != expected_prev:
            return checked, ChainBreak(entry.sequence, "its previous-hash does not match the entry before it")
        if compute_hash(entry) != entry.entry_hash:
            return checked, ChainBreak(entry.sequence, "its content does not match its hash")
        expected_prev = entry.entry_hash
        expected_seq += 1
        checked += 1
    return checked, None


def _iter_entries(batch_size: int) -> Iterator[AuditEntry]:
    after = 0
    while True:
        batch = list(AuditEntry.objects.filter(sequence__gt=after).order_by("sequence")[:batch_size])
        if not batch:
            return
        yield from batch
        after = batch[-1].sequence
