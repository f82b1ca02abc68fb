"""Writes and decryption for the corruption channel.

Officer actions (each read, reply, note, status change, exclusion, file download) are audited
through `core.audit.audit_record` with metadata only, never content. Reporter actions are not
written to the audit log: its exact timestamps could link a report to access logs; the report's
own counters and day-precision dates record them instead.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prongsai.core.audit import audit_record
from prongsai.core.models import Organization

from . import crypto, defaults
from .models import (
    ALLOWED_TRANSITIONS,
    Attachment,
    AuthorKind,
    ChannelSettings,
    DestroyedReport,
    Exclusion,
    InternalNote,
    Message,
    OfficerKey,
    Questionnaire,
    ReferralTarget,
    Report,
    ReportCategory,
    ReportKey,
    ReportOutcome,
    ReportStatus,
    UsedFormToken,
)
from .selectors import designated_officers
from .uploads import CleanFile

MAX_MESSAGE_LENGTH = 5000
MIN_PASSPHRASE_LENGTH = 12


class ComplaintError(Exception):
    """A refused action, with a message that can be shown to the user."""


class DuplicateSubmission(ComplaintError):
    pass


class NoRecipients(ComplaintError):
    pass


class NotDesignated(ComplaintError):
    pass


class ReceiptExpired(ComplaintError):
    pass


# --- Settings and questionnaire ---------------------------------------------------------------


def channel_settings_ensure(*, organization: Organization) -> ChannelSettings:
    """The organization's channel settings, created with the default Thai guideline on first use."""
    existing = ChannelSettings.objects.filter(organization=organization).first()
    if existing is not None:
        return existing
    channel, _created = ChannelSettings.objects.get_or_create(
        organization=organization,
        defaults={
            "guideline_title": defaults.DEFAULT_GUIDELINE_TITLE,
            "guideline": defaults.default_guideline_html(organization_name=organization.name, acknowledgement_days=15),
        },
    )
    return channel


@transaction.atomic
def channel_settings_update(*, actor: Any, channel: ChannelSettings, changed: list[str]) -> ChannelSettings:
    if channel.escrow_public_key and crypto.public_key_parse(channel.escrow_public_key) is None:
        raise ValidationError({"escrow_public_key": _("This is not a Curve25519 public key (64 hex digits).")})
    channel.full_clean()
    channel.save()
    audit_record(
        action="complaints.settings.update",
        actor=actor,
        organization=channel.organization,
        obj=channel,
        data={"fields": sorted(changed)},
    )
    return channel


QUESTION_TYPES = {"text", "textarea", "date", "select"}
RESERVED_NAMES = {"category", "form_token", "evidence", "recipients", "identity_name", "identity_contact"}


def questionnaire_validate(definition: Any) -> dict[str, Any]:
    """Check a questionnaire definition; return it normalised or raise ValidationError."""
    if not isinstance(definition, dict) or not isinstance(definition.get("fields"), list):
        raise ValidationError(_('The questions must be an object with a "fields" list.'))
    fields = definition["fields"]
    if not 1 <= len(fields) <= 40:
        raise ValidationError(_("A questionnaire needs between 1 and 40 questions."))
    names: set[str] = set()
    clean = []
    for index, item in enumerate(fields, start=1):
        if not isinstance(item, dict):
            raise ValidationError(_("Question %(n)d is not an object.") % {"n": index})
        name = str(item.get("name", ""))
        if not name.isidentifier() or not name.isascii() or len(name) > 40 or name in RESERVED_NAMES:
            raise ValidationError(_("Question %(n)d needs a name of English letters, digits and _.") % {"n": index})
        if name in names:
            raise ValidationError(_("Two questions are named %(name)s.") % {"name": name})
        names.add(name)
        kind = item.get("type", "text")
        if kind not in QUESTION_TYPES:
            raise ValidationError(_("Question %(n)d has an unknown type.") % {"n": index})
        label = str(item.get("label", "")).strip()
        if not label:
            raise ValidationError(_("Question %(n)d needs a label.") % {"n": index})
        max_length = item.get("max_length", 5000 if kind == "textarea" else 300)
        if not isinstance(max_length, int) or not 1 <= max_length <= 10000:
            raise ValidationError(_("Question %(n)d: the maximum length must be 1 to 10000.") % {"n": index})
        entry: dict[str, Any] = {
            "name": name,
            "type": kind,
            "label": label[:300],
            "label_en": str(item.get("label_en", ""))[:300],
            "help": str(item.get("help", ""))[:500],
            "help_en": str(item.get("help_en", ""))[:500],
            "required": bool(item.get("required", False)),
            "max_length": max_length,
        }
        if kind == "select":
            choices = item.get("choices")
            if not isinstance(choices, list) or not choices or not all(isinstance(c, str) and c for c in choices):
                raise ValidationError(_("Question %(n)d needs a list of choices.") % {"n": index})
            entry["choices"] = [c[:200] for c in choices]
        clean.append(entry)
    return {"fields": clean}


def _digest(definition: dict[str, Any]) -> str:
    return hashlib.sha256(
        json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()
    ).hexdigest()


@transaction.atomic
def questionnaire_publish(*, actor: Any, organization: Organization, definition: Any) -> Questionnaire:
    """Publish a new version of the report form; earlier reports keep the version they were filed with."""
    clean = questionnaire_validate(definition)
    last = Questionnaire.objects.select_for_update().filter(organization=organization).order_by("-version").first()
    Questionnaire.objects.filter(organization=organization, is_active=True).update(is_active=False)
    questionnaire = Questionnaire.objects.create(
        organization=organization,
        version=(last.version + 1) if last else 1,
        definition=clean,
        digest=_digest(clean),
        is_active=True,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_record(
        action="complaints.questionnaire.publish",
        actor=actor,
        organization=organization,
        obj=questionnaire,
        data={"version": questionnaire.version, "digest": questionnaire.digest},
    )
    return questionnaire


def questionnaire_ensure(*, organization: Organization) -> Questionnaire:
    active = Questionnaire.objects.filter(organization=organization, is_active=True).order_by("-version").first()
    if active is not None:
        return active
    return questionnaire_publish(actor=None, organization=organization, definition=defaults.DEFAULT_QUESTIONNAIRE)


# --- Officer keys ------------------------------------------------------------------------------


def _check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise ComplaintError(_("The passphrase must be at least %(n)d characters long.") % {"n": MIN_PASSPHRASE_LENGTH})


def _escrow_key(organization: Organization | None) -> bytes | None:
    if organization is None:
        return None
    channel = ChannelSettings.objects.filter(organization=organization).first()
    return crypto.public_key_parse(channel.escrow_public_key) if channel and channel.escrow_public_key else None


def _wrap_officer_key(
    officer_key: OfficerKey, *, private_key: bytes, passphrase: str, organization: Organization | None
) -> str:
    params = crypto.kdf_params()
    officer_key.salt = crypto.new_salt()
    officer_key.kdf = params.as_dict()
    officer_key.private_key_enc = crypto.secret_encrypt(
        crypto.derive_key(passphrase, officer_key.salt, params), private_key
    )
    recovery_raw, recovery_text = crypto.recovery_key_generate()
    officer_key.recovery_enc = crypto.secret_encrypt(recovery_raw, private_key)
    escrow = _escrow_key(organization)
    officer_key.escrow_enc = crypto.seal(escrow, private_key) if escrow else None
    return recovery_text


@transaction.atomic
def officer_key_create(*, user: Any, organization: Organization | None, passphrase: str) -> str:
    """Create the officer's key pair; return the recovery key, which is shown once and never stored."""
    _check_passphrase(passphrase)
    if OfficerKey.objects.filter(user=user).exists():
        raise ComplaintError(_("You already have a key. Use your recovery key if you forgot the passphrase."))
    private_key, public_key = crypto.keypair()
    officer_key = OfficerKey(user=user, public_key=public_key)
    recovery = _wrap_officer_key(officer_key, private_key=private_key, passphrase=passphrase, organization=organization)
    officer_key.save()
    audit_record(
        action="complaints.key.create",
        actor=user,
        organization=organization,
        obj=officer_key,
        data={"escrow": officer_key.escrow_enc is not None},
    )
    return recovery


def officer_key_unlock(*, user: Any, organization: Organization | None, passphrase: str) -> bytes:
    """The officer's private key, opened with their passphrase; raises WrongSecret."""
    officer_key = OfficerKey.objects.filter(user=user).first()
    if officer_key is None:
        raise crypto.WrongSecret("no key")
    key = crypto.derive_key(passphrase, bytes(officer_key.salt), crypto.Argon2Params.from_dict(officer_key.kdf or {}))
    try:
        private_key = crypto.secret_decrypt(key, bytes(officer_key.private_key_enc))
    except crypto.IntegrityFailure as error:
        audit_record(action="complaints.key.unlock_failed", actor=user, organization=organization, obj=officer_key)
        raise crypto.WrongSecret("wrong passphrase") from error
    audit_record(action="complaints.key.unlock", actor=user, organization=organization, obj=officer_key)
    return private_key


@transaction.atomic
def officer_key_recover(*, user: Any, organization: Organization | None, recovery_key: str, passphrase: str) -> str:
    """Open the key with the recovery key and protect it with a new passphrase; return a new recovery key."""
    _check_passphrase(passphrase)
    officer_key = OfficerKey.objects.select_for_update().filter(user=user).first()
    raw = crypto.recovery_key_parse(recovery_key)
    if officer_key is None or raw is None:
        raise crypto.WrongSecret("bad recovery key")
    try:
        private_key = crypto.secret_decrypt(raw, bytes(officer_key.recovery_enc))
    except crypto.IntegrityFailure as error:
        audit_record(action="complaints.key.recover_failed", actor=user, organization=organization, obj=officer_key)
        raise crypto.WrongSecret("bad recovery key") from error
    recovery = _wrap_officer_key(officer_key, private_key=private_key, passphrase=passphrase, organization=organization)
    officer_key.save()
    audit_record(action="complaints.key.recover", actor=user, organization=organization, obj=officer_key)
    return recovery


@transaction.atomic
def officer_key_restore_from_escrow(
    *, user: Any, organization: Organization | None, escrow_private_key: bytes, passphrase: str
) -> str:
    """Restore an officer's key with the organization's offline escrow key (two people present)."""
    _check_passphrase(passphrase)
    officer_key = OfficerKey.objects.select_for_update().get(user=user)
    if officer_key.escrow_enc is None:
        raise ComplaintError(_("This officer's key was created without escrow."))
    private_key = crypto.unseal(escrow_private_key, bytes(officer_key.escrow_enc))
    recovery = _wrap_officer_key(officer_key, private_key=private_key, passphrase=passphrase, organization=organization)
    officer_key.save()
    audit_record(action="complaints.key.escrow_restore", organization=organization, obj=officer_key)
    return recovery


# --- Submission --------------------------------------------------------------------------------


@dataclass
class Submission:
    report: Report
    receipt: str


def form_token_digest(nonce: str) -> str:
    return hashlib.sha256(f"prongsai.complaints.form:{nonce}".encode()).hexdigest()


def form_token_is_used(nonce: str) -> bool:
    return UsedFormToken.objects.filter(digest=form_token_digest(nonce)).exists()


def _ctx(kind: str, report: Report, item: Any = None) -> str:
    return f"{kind}:{report.uuid}" + (f":{item}" if item is not None else "")


def report_submit(
    *,
    organization: Organization,
    form_nonce: str,
    category: str,
    answers: dict[str, str],
    identity: dict[str, str] | None,
    files: list[CleanFile],
    recipient_key_ids: list[int] | None = None,
    today: dt.date | None = None,
) -> Submission:
    """File a report and return it with its receipt (shown once, never stored).

    The caller may rely on: the report, its files and its sealed keys are committed together or
    not at all; a form nonce is accepted once (DuplicateSubmission otherwise); only officers the
    reporter kept as recipients get a key, the others are recorded as excluded.
    """
    today = today or timezone.localdate()
    if category not in ReportCategory.values:
        raise ComplaintError(_("Choose the type of the report."))
    officers = designated_officers(organization)
    chosen = [o for o in officers if recipient_key_ids is None or o.pk in set(recipient_key_ids)]
    if not chosen:
        raise NoRecipients(_("Choose at least one officer to receive the report."))
    excluded = [o for o in officers if o not in chosen]
    questionnaire = questionnaire_ensure(organization=organization)
    channel = channel_settings_ensure(organization=organization)

    # The slow part (Argon2id) happens before the transaction.
    report_private, report_public = crypto.keypair()
    reporter_private, reporter_public = crypto.keypair()
    data_key = crypto.new_secret_key()
    receipt = crypto.receipt_generate()
    salt = crypto.new_salt()
    kdf = crypto.kdf_params()
    receipt_key = crypto.derive_key(receipt, salt, kdf)
    report = Report(
        organization=organization,
        questionnaire=questionnaire,
        questionnaire_version=questionnaire.version,
        questionnaire_definition=questionnaire.definition,
        category=category,
        status=ReportStatus.RECEIVED,
        created_on=today,
        status_changed_on=today,
        acknowledgement_due=today + dt.timedelta(days=channel.acknowledgement_days),
        last_reporter_access=today,
        message_count=0,
        attachment_count=len(files),
        public_key=report_public,
        data_key_sealed=crypto.seal(report_public, data_key),
        reporter_public_key=reporter_public,
        reporter_private_key_enc=crypto.secret_encrypt(receipt_key, reporter_private),
        report_key_for_reporter=crypto.seal(reporter_public, report_private),
        receipt_salt=salt,
        receipt_kdf=kdf.as_dict(),
        receipt_hash=crypto.receipt_hash(receipt),
        receipt_index=crypto.receipt_index(receipt),
    )
    report.content_enc = crypto.encrypt_json(data_key, _ctx("content", report), answers)
    report.identity_enc = crypto.encrypt_json(data_key, _ctx("identity", report), identity) if identity else None
    attachments = [_new_attachment(report, data_key, item, AuthorKind.REPORTER, today) for item in files]
    keys = [
        ReportKey(
            report=report,
            organization=organization,
            officer_id=o.user_id,
            sealed_key=crypto.seal(bytes(o.public_key), report_private),
        )
        for o in chosen
    ]
    try:
        with transaction.atomic():
            UsedFormToken.objects.create(digest=form_token_digest(form_nonce), used_on=today)
            report.save()
            Attachment.objects.bulk_create(attachments)
            ReportKey.objects.bulk_create(keys)
            Exclusion.objects.bulk_create(
                [Exclusion(report=report, officer_id=o.user_id, by_reporter=True, created_on=today) for o in excluded]
            )
            _notify_later(report, "new_report")
    except IntegrityError as error:
        if form_token_is_used(form_nonce):
            raise DuplicateSubmission(_("This form was already sent.")) from error
        raise
    return Submission(report=report, receipt=receipt)


def _new_attachment(report: Report, data_key: bytes, item: CleanFile, author: str, today: dt.date) -> Attachment:
    attachment = Attachment(report=report, author_kind=author, created_on=today)
    meta = {"name": item.name, "type": item.content_type, "size": len(item.data)}
    attachment.meta_enc = crypto.encrypt_json(data_key, _ctx("file-meta", report, attachment.uuid), meta)
    attachment.content_enc = crypto.encrypt_bytes(data_key, _ctx("file", report, attachment.uuid), item.data)
    return attachment


# --- Opening a report --------------------------------------------------------------------------


@dataclass
class OpenedMessage:
    author_kind: str
    body: str
    created_on: dt.date


@dataclass
class OpenedFile:
    pk: int
    name: str
    content_type: str
    size: int
    author_kind: str
    created_on: dt.date


@dataclass
class OpenedNote:
    author: str
    body: str
    created_at: dt.datetime


@dataclass
class OpenedReport:
    report: Report
    answers: dict[str, Any]
    identity: dict[str, Any] | None
    messages: list[OpenedMessage] = field(default_factory=list)
    files: list[OpenedFile] = field(default_factory=list)
    notes: list[OpenedNote] = field(default_factory=list)

    @property
    def questions(self) -> list[tuple[dict[str, Any], str]]:
        """Each question of the version the report was filed with, with its answer."""
        fields = (self.report.questionnaire_definition or {}).get("fields", [])
        return [(question, str(self.answers.get(question["name"], ""))) for question in fields]


def _data_key_from_report_private(report: Report, report_private: bytes) -> bytes:
    return crypto.unseal(report_private, bytes(report.data_key_sealed))


def _report_private_for_officer(report: Report, user: Any, officer_private: bytes) -> bytes:
    report_key = ReportKey.objects.filter(report=report, officer=user).first()
    if report_key is None:
        raise NotDesignated(_("You are not a designated officer for this report."))
    return crypto.unseal(officer_private, bytes(report_key.sealed_key))


def _open(report: Report, data_key: bytes, *, with_notes: bool, with_identity: bool) -> OpenedReport:
    opened = OpenedReport(
        report=report,
        answers=crypto.decrypt_json(data_key, _ctx("content", report), bytes(report.content_enc)) or {},
        identity=(
            crypto.decrypt_json(data_key, _ctx("identity", report), bytes(report.identity_enc))
            if with_identity and report.identity_enc
            else None
        ),
    )
    for message in report.messages.all():
        opened.messages.append(
            OpenedMessage(
                author_kind=message.author_kind,
                body=str(crypto.decrypt_json(data_key, _ctx("message", report), bytes(message.body_enc))),
                created_on=message.created_on,
            )
        )
    for attachment in report.attachments.defer("content_enc"):
        meta = crypto.decrypt_json(data_key, _ctx("file-meta", report, attachment.uuid), bytes(attachment.meta_enc))
        opened.files.append(
            OpenedFile(
                pk=attachment.pk,
                name=str(meta["name"]),
                content_type=str(meta["type"]),
                size=int(meta["size"]),
                author_kind=attachment.author_kind,
                created_on=attachment.created_on,
            )
        )
    if with_notes:
        for note in report.notes.select_related("author"):
            opened.notes.append(
                OpenedNote(
                    author=(note.author.get_full_name() or note.author.get_username()) if note.author else "",
                    body=str(crypto.decrypt_json(data_key, _ctx("note", report), bytes(note.body_enc))),
                    created_at=note.created_at,
                )
            )
    return opened


def _integrity_failure(report: Report, actor: Any, where: str) -> None:
    audit_record(
        action="complaints.report.integrity_failure",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"where": where},
    )


def _officer_data_key(report: Report, user: Any, officer_private: bytes, *, action: str) -> bytes:
    try:
        report_private = _report_private_for_officer(report, user, officer_private)
        return _data_key_from_report_private(report, report_private)
    except NotDesignated:
        audit_record(
            action="complaints.report.read_denied",
            actor=user,
            organization=report.organization,
            obj=report,
            data={"action": action},
        )
        raise
    except crypto.IntegrityFailure:
        _integrity_failure(report, user, "keys")
        raise


def report_open_for_officer(*, report: Report, user: Any, officer_private: bytes) -> OpenedReport:
    """Decrypt a report for a designated officer and audit the read (`complaints.report.read`).

    Raises NotDesignated (audited as read_denied) or crypto.IntegrityFailure (audited).
    """
    data_key = _officer_data_key(report, user, officer_private, action="read")
    try:
        opened = _open(report, data_key, with_notes=True, with_identity=True)
    except crypto.IntegrityFailure:
        _integrity_failure(report, user, "content")
        raise
    audit_record(action="complaints.report.read", actor=user, organization=report.organization, obj=report)
    if report.awaiting_officer:
        Report.objects.filter(pk=report.pk).update(awaiting_officer=False)
        report.awaiting_officer = False
    return opened


def attachment_open_for_officer(
    *, report: Report, user: Any, officer_private: bytes, attachment_pk: int
) -> tuple[str, str, bytes]:
    """(file name, content type, content) of one evidence file; audited as `complaints.attachment.read`."""
    attachment = Attachment.objects.get(report=report, pk=attachment_pk)
    data_key = _officer_data_key(report, user, officer_private, action="attachment")
    try:
        meta = crypto.decrypt_json(data_key, _ctx("file-meta", report, attachment.uuid), bytes(attachment.meta_enc))
        content = crypto.decrypt_bytes(data_key, _ctx("file", report, attachment.uuid), bytes(attachment.content_enc))
    except crypto.IntegrityFailure:
        _integrity_failure(report, user, "attachment")
        raise
    audit_record(
        action="complaints.attachment.read",
        actor=user,
        organization=report.organization,
        obj=report,
        data={"attachment": attachment.pk},
    )
    return str(meta["name"]), str(meta["type"]), content


# --- Reporter side -----------------------------------------------------------------------------

# A real Argon2id hash of nothing, verified when no report matches, so a miss costs the same time as a hit.
_DUMMY_HASH: str | None = None


def _dummy_hash() -> str:
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = crypto.receipt_hash("0" * crypto.RECEIPT_DIGITS)
    return _DUMMY_HASH


def report_login(*, organization: Organization, receipt: str, today: dt.date | None = None) -> tuple[Report, bytes]:
    """Find the report of a receipt and open the reporter's key: (report, reporter private key).

    Raises crypto.WrongSecret for an unknown receipt, ReceiptExpired when follow-up access has
    lapsed, crypto.IntegrityFailure when the stored key was tampered with.
    """
    today = today or timezone.localdate()
    indexes = crypto.receipt_index_candidates(receipt)
    candidates = list(
        Report.objects.filter(
            organization=organization, receipt_index__in=indexes, reporter_access_expired=False
        ).exclude(receipt_hash="")
    )
    report = next((c for c in candidates if crypto.receipt_verify(c.receipt_hash, receipt)), None)
    if report is None:
        if not candidates:
            crypto.receipt_verify(_dummy_hash(), receipt)
        raise crypto.WrongSecret("unknown receipt")
    channel = channel_settings_ensure(organization=organization)
    last = report.last_reporter_access or report.created_on
    if today > last + dt.timedelta(days=channel.receipt_access_days):
        _expire_reporter_access(report)
        raise ReceiptExpired(_("This tracking code has expired because it was not used for a long time."))
    key = crypto.derive_key(receipt, bytes(report.receipt_salt), crypto.Argon2Params.from_dict(report.receipt_kdf))
    try:
        reporter_private = crypto.secret_decrypt(key, bytes(report.reporter_private_key_enc or b""))
    except crypto.IntegrityFailure:
        _integrity_failure(report, None, "reporter key")
        raise
    if report.last_reporter_access != today or report.receipt_index != indexes[0]:
        # Also moves the index to the current SECRET_KEY after a rotation.
        Report.objects.filter(pk=report.pk).update(last_reporter_access=today, receipt_index=indexes[0])
        report.last_reporter_access, report.receipt_index = today, indexes[0]
    return report, reporter_private


def _reporter_data_key(report: Report, reporter_private: bytes) -> bytes:
    try:
        report_private = crypto.unseal(reporter_private, bytes(report.report_key_for_reporter))
        return _data_key_from_report_private(report, report_private)
    except crypto.IntegrityFailure:
        _integrity_failure(report, None, "reporter keys")
        raise


def report_open_for_reporter(*, report: Report, reporter_private: bytes) -> OpenedReport:
    data_key = _reporter_data_key(report, reporter_private)
    try:
        return _open(report, data_key, with_notes=False, with_identity=False)
    except crypto.IntegrityFailure:
        _integrity_failure(report, None, "content")
        raise


def _check_message(body: str) -> str:
    body = (body or "").strip()
    if not body:
        raise ComplaintError(_("Write a message first."))
    if len(body) > MAX_MESSAGE_LENGTH:
        raise ComplaintError(_("The message is too long (at most %(n)d characters).") % {"n": MAX_MESSAGE_LENGTH})
    return body


@transaction.atomic
def reporter_message_add(*, report: Report, reporter_private: bytes, body: str, today: dt.date | None = None) -> None:
    body = _check_message(body)
    data_key = _reporter_data_key(report, reporter_private)
    Message.objects.create(
        report=report,
        author_kind=AuthorKind.REPORTER,
        body_enc=crypto.encrypt_json(data_key, _ctx("message", report), body),
        created_on=today or timezone.localdate(),
    )
    Report.objects.filter(pk=report.pk).update(message_count=F("message_count") + 1, awaiting_officer=True)
    _notify_later(report, "new_message")


@transaction.atomic
def reporter_files_add(
    *, report: Report, reporter_private: bytes, files: list[CleanFile], today: dt.date | None = None
) -> None:
    if not files:
        return
    data_key = _reporter_data_key(report, reporter_private)
    today = today or timezone.localdate()
    Attachment.objects.bulk_create([_new_attachment(report, data_key, f, AuthorKind.REPORTER, today) for f in files])
    Report.objects.filter(pk=report.pk).update(
        attachment_count=F("attachment_count") + len(files), awaiting_officer=True
    )
    _notify_later(report, "new_message")


# --- Officer actions ---------------------------------------------------------------------------


def _require_designated(report: Report, user: Any, action: str) -> None:
    if not ReportKey.objects.filter(report=report, officer=user).exists():
        audit_record(
            action="complaints.report.read_denied",
            actor=user,
            organization=report.organization,
            obj=report,
            data={"action": action},
        )
        raise NotDesignated(_("You are not a designated officer for this report."))


@transaction.atomic
def report_status_change(
    *,
    report: Report,
    actor: Any,
    status: str,
    outcome: str = "",
    referred_to: str = "",
    today: dt.date | None = None,
) -> Report:
    """Move a report along ALLOWED_TRANSITIONS; concluding needs an outcome, referring needs a target."""
    _require_designated(report, actor, "status")
    report = Report.objects.select_for_update().get(pk=report.pk)
    today = today or timezone.localdate()
    if status not in ALLOWED_TRANSITIONS.get(report.status, ()):
        raise ComplaintError(_("A report cannot move from this status to that one."))
    if status == ReportStatus.CONCLUDED:
        if outcome not in ReportOutcome.values:
            raise ComplaintError(_("Choose the outcome of the review."))
        report.outcome = outcome
        report.concluded_on = today
    if status == ReportStatus.REFERRED:
        if referred_to not in ReferralTarget.values:
            raise ComplaintError(_("Choose the agency the report is referred to."))
        report.referred_to = referred_to
    if status == ReportStatus.ACKNOWLEDGED:
        report.acknowledged_on = today
    if status == ReportStatus.CLOSED:
        report.closed_on = today
    previous = report.status
    report.status = status
    report.status_changed_on = today
    report.save()
    audit_record(
        action="complaints.report.status",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"from": previous, "to": status, "outcome": report.outcome, "referred_to": report.referred_to},
    )
    return report


@transaction.atomic
def officer_message_add(*, report: Report, actor: Any, officer_private: bytes, body: str) -> None:
    """Reply to the reporter; they read it with their receipt."""
    body = _check_message(body)
    data_key = _officer_data_key(report, actor, officer_private, action="reply")
    message = Message.objects.create(
        report=report,
        author_kind=AuthorKind.OFFICER,
        author=actor,
        body_enc=crypto.encrypt_json(data_key, _ctx("message", report), body),
        created_on=timezone.localdate(),
    )
    Report.objects.filter(pk=report.pk).update(message_count=F("message_count") + 1)
    audit_record(
        action="complaints.message.create",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"message": message.pk},
    )


@transaction.atomic
def note_add(*, report: Report, actor: Any, officer_private: bytes, body: str) -> None:
    body = _check_message(body)
    data_key = _officer_data_key(report, actor, officer_private, action="note")
    note = InternalNote.objects.create(
        report=report, author=actor, body_enc=crypto.encrypt_json(data_key, _ctx("note", report), body)
    )
    audit_record(
        action="complaints.note.create",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"note": note.pk},
    )


@transaction.atomic
def report_legal_hold_set(*, report: Report, actor: Any, hold: bool) -> None:
    _require_designated(report, actor, "legal_hold")
    Report.objects.filter(pk=report.pk).update(legal_hold=hold)
    report.legal_hold = hold
    audit_record(
        action="complaints.report.legal_hold",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"hold": hold},
    )


@transaction.atomic
def officer_grant(*, report: Report, actor: Any, officer_private: bytes, officer_user: Any) -> None:
    """Give another officer (with a key, not excluded) access to the report."""
    if Exclusion.objects.filter(report=report, officer=officer_user).exists():
        raise ComplaintError(_("This officer is excluded from the report."))
    target = OfficerKey.objects.filter(user=officer_user).first()
    if target is None:
        raise ComplaintError(_("This officer has not set up a key yet."))
    report_private = _report_private_for_officer(report, actor, officer_private)
    ReportKey.objects.get_or_create(
        report=report,
        officer=officer_user,
        defaults={
            "organization_id": report.organization_id,
            "sealed_key": crypto.seal(bytes(target.public_key), report_private),
        },
    )
    audit_record(
        action="complaints.report.grant",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"officer": officer_user.pk},
    )


@transaction.atomic
def officer_exclude(*, report: Report, actor: Any, officer_private: bytes, excluded_user: Any) -> None:
    """Exclude an officer from a report and rotate its keys, so what they may have held opens nothing new.

    The report gets a new key pair and data key; all its ciphertext is re-encrypted; the new
    private key is sealed to the remaining officers and to the reporter's key (the receipt
    keeps working).
    """
    if excluded_user.pk == actor.pk:
        raise ComplaintError(_("You cannot exclude yourself; ask another officer."))
    report = Report.objects.select_for_update().get(pk=report.pk)
    old_private = _report_private_for_officer(report, actor, officer_private)
    try:
        old_key = _data_key_from_report_private(report, old_private)
        _rotate(report, old_key, exclude_user_id=excluded_user.pk)
    except crypto.IntegrityFailure:
        _integrity_failure(report, actor, "rotation")
        raise
    Exclusion.objects.get_or_create(
        report=report, officer=excluded_user, defaults={"created_on": timezone.localdate(), "by_reporter": False}
    )
    audit_record(
        action="complaints.report.exclude",
        actor=actor,
        organization=report.organization,
        obj=report,
        data={"officer": excluded_user.pk},
    )


def _rotate(report: Report, old_key: bytes, *, exclude_user_id: int) -> None:
    new_private, new_public = crypto.keypair()
    new_key = crypto.new_secret_key()

    def redo(kind: str, ciphertext: Any, item: Any = None) -> bytes:
        ctx = _ctx(kind, report, item)
        return crypto.encrypt_json(new_key, ctx, crypto.decrypt_json(old_key, ctx, bytes(ciphertext)))

    report.content_enc = redo("content", report.content_enc)
    if report.identity_enc:
        report.identity_enc = redo("identity", report.identity_enc)
    for message in report.messages.all():
        message.body_enc = redo("message", message.body_enc)
        message.save(update_fields=["body_enc"])
    for note in report.notes.all():
        note.body_enc = redo("note", note.body_enc)
        note.save(update_fields=["body_enc"])
    for attachment in report.attachments.all():
        attachment.meta_enc = redo("file-meta", attachment.meta_enc, attachment.uuid)
        ctx = _ctx("file", report, attachment.uuid)
        content = crypto.decrypt_bytes(old_key, ctx, bytes(attachment.content_enc))
        attachment.content_enc = crypto.encrypt_bytes(new_key, ctx, content)
        attachment.save(update_fields=["meta_enc", "content_enc"])
    report.public_key = new_public
    report.data_key_sealed = crypto.seal(new_public, new_key)
    report.report_key_for_reporter = crypto.seal(bytes(report.reporter_public_key), new_private)
    report.save()
    remaining = [k.officer_id for k in report.keys.all() if k.officer_id != exclude_user_id]
    report.keys.all().delete()
    ReportKey.objects.bulk_create(
        [
            ReportKey(
                report=report,
                organization_id=report.organization_id,
                officer_id=officer_key.user_id,
                sealed_key=crypto.seal(bytes(officer_key.public_key), new_private),
            )
            for officer_key in OfficerKey.objects.filter(user_id__in=remaining)
        ]
    )


# --- Notifications ---------------------------------------------------------------------------

# Subjects say only that something happened: no content, no category, no names.
NOTIFICATION_SUBJECTS = {
    "new_report": gettext_lazy("A new corruption report has arrived"),
    "new_message": gettext_lazy("There is a new message about a corruption report"),
    "reminder": gettext_lazy("A corruption report is waiting for acknowledgement"),
}
EVENTS = set(NOTIFICATION_SUBJECTS)


def _notify_later(report: Report, event: str) -> None:
    from .tasks import notify_officers

    report_id = report.pk
    transaction.on_commit(lambda: notify_officers.enqueue(report_id, event))


def officers_notify(*, report_id: int, event: str, now: dt.datetime | None = None) -> int:
    """E-mail the report's officers that something happened, without any content; return mails sent.

    One officer gets at most one e-mail per `notification_interval_minutes`.
    """
    if event not in EVENTS:
        raise ValueError(event)
    report = Report.objects.filter(pk=report_id).select_related("organization").first()
    if report is None:
        return 0
    now = now or timezone.now()
    channel = channel_settings_ensure(organization=report.organization)
    cutoff = now - dt.timedelta(minutes=channel.notification_interval_minutes)
    with translation.override(settings.LANGUAGE_CODE):
        subject = str(NOTIFICATION_SUBJECTS[event])
        link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("complaints_admin:detail", args=[report.pk])
        body = _("Open the corruption complaints workspace to read it:") + f"\n{link}\n"
    sent = 0
    officer_ids = ReportKey.objects.filter(report=report).values_list("officer_id", flat=True)
    for officer_key in OfficerKey.objects.filter(user_id__in=officer_ids).select_related("user"):
        email = officer_key.user.email
        if not email:
            continue
        claimed = (
            OfficerKey.objects.filter(pk=officer_key.pk)
            .filter(Q(last_notified_at__isnull=True) | Q(last_notified_at__lt=cutoff))
            .update(last_notified_at=now)
        )
        if claimed:
            send_mail(subject, body, None, [email])
            sent += 1
    return sent


def reminders_send(*, today: dt.date | None = None) -> int:
    """Remind officers of reports still not acknowledged two days before the deadline or later."""
    today = today or timezone.localdate()
    due = Report.objects.filter(
        status=ReportStatus.RECEIVED, acknowledgement_due__lte=today + dt.timedelta(days=2)
    ).values_list("pk", flat=True)
    return sum(officers_notify(report_id=pk, event="reminder") for pk in due)


# --- Retention ----------------------------------------------------------------------------------


@dataclass
class RetentionResult:
    destroyed: int = 0
    receipts_expired: int = 0


def _expire_reporter_access(report: Report) -> None:
    Report.objects.filter(pk=report.pk).update(
        reporter_access_expired=True, receipt_hash="", receipt_index="", reporter_private_key_enc=None
    )
    report.reporter_access_expired = True


def report_destroy(*, report: Report, reason: str, today: dt.date | None = None) -> None:
    """Destroy a report: its keys, ciphertext and rows. A metadata tombstone keeps the statistics."""
    today = today or timezone.localdate()
    with transaction.atomic():
        DestroyedReport.objects.create(
            organization=report.organization,
            created_on=report.created_on,
            category=report.category,
            status=report.status,
            outcome=report.outcome,
            destroyed_on=today,
        )
        audit_record(
            action="complaints.report.destroy",
            organization=report.organization,
            object_type="complaints.report",
            object_id=str(report.pk),
            object_label=str(report),
            data={"reason": reason, "status": report.status, "received_on": report.created_on.isoformat()},
        )
        report.delete()


def retention_run(*, today: dt.date | None = None) -> RetentionResult:
    """Destroy reports past their status's retention (unless on legal hold) and lapse idle receipts."""
    today = today or timezone.localdate()
    result = RetentionResult()
    channels = {c.organization_id: c for c in ChannelSettings.objects.all()}
    candidates = Report.objects.filter(legal_hold=False).select_related("organization")
    for report in candidates.filter(status__in=[ReportStatus.CONCLUDED, ReportStatus.REFERRED, ReportStatus.CLOSED]):
        channel = channels.get(report.organization_id)
        days = channel.retention_days_for(report.status) if channel else None
        if days is not None and today > report.status_changed_on + dt.timedelta(days=days):
            report_destroy(report=report, reason="retention", today=today)
            result.destroyed += 1
    for report in candidates.filter(reporter_access_expired=False).only(
        "pk", "organization_id", "created_on", "last_reporter_access"
    ):
        channel = channels.get(report.organization_id)
        access_days = channel.receipt_access_days if channel else 365
        last = report.last_reporter_access or report.created_on
        if today > last + dt.timedelta(days=access_days):
            _expire_reporter_access(report)
            result.receipts_expired += 1
    # Used form tokens only need to outlive the forms they came from.
    UsedFormToken.objects.filter(used_on__lt=today - dt.timedelta(days=7)).delete()
    return result
