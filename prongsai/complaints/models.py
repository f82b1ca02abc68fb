"""The corruption channel: reports with sealed content, officers' keys, messages and the questionnaire.

Readable columns are metadata only (dates at day precision, status, category, counts) so that
deadlines and statistics work without any key. Everything a reporter or officer writes is in a
`*_enc` column, encrypted under the report's data key (see `crypto`). No IP address or user
agent is ever stored.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.fields import RichTextField

from prongsai.core.models import Organization


class ReportStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    UNDER_REVIEW = "under_review", _("Under review")
    INVESTIGATING = "investigating", _("Investigating")
    CONCLUDED = "concluded", _("Concluded")
    REFERRED = "referred", _("Referred")
    CLOSED = "closed", _("Closed")


# Statuses counted as "completed" in the public statistics.
COMPLETED_STATUSES = frozenset({ReportStatus.CONCLUDED, ReportStatus.REFERRED, ReportStatus.CLOSED})

ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    ReportStatus.RECEIVED: (ReportStatus.ACKNOWLEDGED,),
    ReportStatus.ACKNOWLEDGED: (ReportStatus.UNDER_REVIEW, ReportStatus.CONCLUDED),
    ReportStatus.UNDER_REVIEW: (ReportStatus.INVESTIGATING, ReportStatus.CONCLUDED),
    ReportStatus.INVESTIGATING: (ReportStatus.CONCLUDED,),
    ReportStatus.CONCLUDED: (ReportStatus.REFERRED, ReportStatus.CLOSED),
    ReportStatus.REFERRED: (ReportStatus.CLOSED,),
    ReportStatus.CLOSED: (),
}


class ReportOutcome(models.TextChoices):
    SUBSTANTIATED = "substantiated", _("Substantiated")
    UNSUBSTANTIATED = "unsubstantiated", _("Unsubstantiated")
    NOT_PROCESSABLE = "not_processable", _("Cannot be processed")


class ReferralTarget(models.TextChoices):
    NACC = "nacc", _("Office of the NACC (สำนักงาน ป.ป.ช.)")
    PACC = "pacc", _("Office of the PACC (สำนักงาน ป.ป.ท.)")
    PROVINCE = "province", _("The province (จังหวัด)")
    OTHER = "other", _("Another agency")


class ReportCategory(models.TextChoices):
    BRIBERY = "bribery", _("Bribery or extortion")
    PROCUREMENT = "procurement", _("Procurement")
    FUNDS = "funds", _("Misuse of public money or property")
    ABUSE = "abuse", _("Abuse of power")
    CONFLICT = "conflict", _("Conflict of interest")
    MISCONDUCT = "misconduct", _("Misconduct by an official")
    OTHER = "other", _("Other")


class AuthorKind(models.TextChoices):
    REPORTER = "reporter", _("Reporter")
    OFFICER = "officer", _("Officer")


class ChannelSettings(models.Model):
    """One organization's corruption channel: its published guideline, deadlines and retention."""

    organization = models.OneToOneField(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="complaint_settings"
    )
    guideline_title = models.CharField(_("guideline title"), max_length=255)
    guideline = RichTextField(
        _("handling guideline"),
        blank=True,
        help_text=_("How to report, the handling steps, who handles reports and the time frames."),
    )
    acknowledgement_days = models.PositiveSmallIntegerField(
        _("days to acknowledge a report"), default=15, help_text=_("The officers' deadline to acknowledge.")
    )
    receipt_access_days = models.PositiveSmallIntegerField(
        _("days a receipt stays valid without use"),
        default=365,
        help_text=_("After this many days without a follow-up visit the receipt stops working."),
    )
    followup_idle_minutes = models.PositiveSmallIntegerField(
        _("minutes before an idle follow-up visit ends"), default=20
    )
    retention_concluded_days = models.PositiveIntegerField(
        _("keep concluded reports (days)"), null=True, blank=True, default=1825
    )
    retention_referred_days = models.PositiveIntegerField(
        _("keep referred reports (days)"), null=True, blank=True, default=1825
    )
    retention_closed_days = models.PositiveIntegerField(
        _("keep closed reports (days)"), null=True, blank=True, default=1825
    )
    notification_interval_minutes = models.PositiveSmallIntegerField(
        _("minimum minutes between e-mails to one officer"), default=10
    )
    escrow_public_key = models.CharField(
        _("escrow public key"),
        max_length=100,
        blank=True,
        help_text=_("Optional. Officers' keys are also sealed to this key; its private part is kept offline."),
    )

    class Meta:
        verbose_name = _("corruption channel settings")
        verbose_name_plural = _("corruption channel settings")

    def __str__(self) -> str:
        return str(self.organization)

    def retention_days_for(self, status: str) -> int | None:
        """Days after the last status change before a report is destroyed; None keeps it."""
        return {
            ReportStatus.CONCLUDED: self.retention_concluded_days,
            ReportStatus.REFERRED: self.retention_referred_days,
            ReportStatus.CLOSED: self.retention_closed_days,
        }.get(ReportStatus(status))


class Questionnaire(models.Model):
    """One version of the report form. Versions are never edited: a change publishes a new one."""

    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="complaint_questionnaires",
    )
    version = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("questions"))
    digest = models.CharField(_("SHA-256 of the questions"), max_length=64)
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_questionnaires",
    )

    class Meta:
        verbose_name = _("report questionnaire")
        verbose_name_plural = _("report questionnaires")
        ordering = ["organization", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "version"], name="complaints_questionnaire_version"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} v{self.version}"


class Report(models.Model):
    """One corruption report. Content columns are ciphertext; the rest is metadata for deadlines and statistics."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="complaint_reports"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="reports"
    )
    questionnaire_version = models.PositiveIntegerField(_("questionnaire version"))
    questionnaire_definition = models.JSONField(_("questions as filed"))
    category = models.CharField(_("type"), max_length=20, choices=ReportCategory.choices)
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ReportOutcome.choices, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=20, choices=ReferralTarget.choices, blank=True)
    # Dates only, never times: enough for deadlines and statistics, less to correlate.
    created_on = models.DateField(_("received on"))
    status_changed_on = models.DateField(_("status changed on"))
    acknowledgement_due = models.DateField(_("acknowledge by"))
    acknowledged_on = models.DateField(_("acknowledged on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    last_reporter_access = models.DateField(_("reporter last followed up on"), null=True, blank=True)
    reporter_access_expired = models.BooleanField(_("receipt expired"), default=False)
    legal_hold = models.BooleanField(
        _("legal hold"), default=False, help_text=_("A report on hold is never destroyed by the retention schedule.")
    )
    message_count = models.PositiveIntegerField(_("messages"), default=0)
    attachment_count = models.PositiveIntegerField(_("files"), default=0)
    awaiting_officer = models.BooleanField(_("new message from the reporter"), default=False)

    # --- keys and ciphertext (see crypto.py) ---
    public_key = models.BinaryField(max_length=32)
    data_key_sealed = models.BinaryField()
    reporter_public_key = models.BinaryField(max_length=32)
    reporter_private_key_enc = models.BinaryField(null=True)
    report_key_for_reporter = models.BinaryField()
    receipt_salt = models.BinaryField(max_length=16)
    receipt_kdf = models.JSONField(default=dict)
    receipt_hash = models.CharField(max_length=200, blank=True)
    receipt_index = models.CharField(max_length=16, blank=True)
    content_enc = models.BinaryField()
    identity_enc = models.BinaryField(null=True)

    class Meta:
        verbose_name = _("corruption report")
        verbose_name_plural = _("corruption reports")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["organization", "-id"], name="complaints_report_org_id"),
            # With "id": filtered inbox pages and their counts come from the index alone.
            models.Index(fields=["organization", "status", "id"], name="complaints_report_org_status"),
            models.Index(fields=["organization", "created_on"], name="complaints_report_org_created"),
            models.Index(fields=["organization", "receipt_index"], name="complaints_report_receipt"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def number(self) -> str:
        return f"{self.pk}"

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ReportStatus.RECEIVED and today > self.acknowledgement_due

    @property
    def is_completed(self) -> bool:
        return self.status in COMPLETED_STATUSES


class OfficerKey(models.Model):
    """A case officer's key pair; the private key only ever stored encrypted."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("officer"), on_delete=models.CASCADE, related_name="complaint_key"
    )
    public_key = models.BinaryField(max_length=32)
    salt = models.BinaryField(max_length=16)
    kdf = models.JSONField(default=dict)
    private_key_enc = models.BinaryField()
    recovery_enc = models.BinaryField()
    escrow_enc = models.BinaryField(null=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    last_notified_at = models.DateTimeField(_("last e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("officer key")
        verbose_name_plural = _("officer keys")

    def __str__(self) -> str:
        return f"{self.user}"


class ReportKey(models.Model):
    """The report's private key sealed to one designated officer's public key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="keys")
    # The report's organization again, so an officer's inbox is counted from this table's index alone.
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="complaint_report_keys"
    )
    sealed_key = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report key")
        verbose_name_plural = _("report keys")
        constraints = [models.UniqueConstraint(fields=["report", "officer"], name="complaints_reportkey_unique")]
        indexes = [models.Index(fields=["officer", "organization", "report"], name="complaints_reportkey_inbox")]

    def __str__(self) -> str:
        return f"{self.report} → {self.officer}"


class Exclusion(models.Model):
    """An officer who must never receive this report's key (e.g. named in it)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="exclusions")
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="complaint_exclusions")
    by_reporter = models.BooleanField(default=False)
    created_on = models.DateField()

    class Meta:
        verbose_name = _("excluded officer")
        verbose_name_plural = _("excluded officers")
        constraints = [models.UniqueConstraint(fields=["report", "officer"], name="complaints_exclusion_unique")]

    def __str__(self) -> str:
        return f"{self.report} ✕ {self.officer}"


class Message(models.Model):
    """A message between the reporter and the officers, encrypted under the report's data key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=10, choices=AuthorKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="complaint_messages",
    )
    body_enc = models.BinaryField()
    created_on = models.DateField()

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report} message {self.pk}"


class Attachment(models.Model):
    """An evidence file: name, type and content all encrypted; stored in the database as ciphertext."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="attachments")
    author_kind = models.CharField(max_length=10, choices=AuthorKind.choices, default=AuthorKind.REPORTER)
    meta_enc = models.BinaryField()
    content_enc = models.BinaryField()
    created_on = models.DateField()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report} file {self.pk}"


class InternalNote(models.Model):
    """An officers-only note, encrypted under the report's data key."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="complaint_notes"
    )
    body_enc = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["id"]

    def __str__(self) -> str:
        return f"{self.report} note {self.pk}"


class UsedFormToken(models.Model):
    """A report form that was already sent, so a replayed form is refused. Not linked to any report."""

    digest = models.CharField(max_length=64, unique=True)
    used_on = models.DateField()

    class Meta:
        verbose_name = _("used form")
        verbose_name_plural = _("used forms")

    def __str__(self) -> str:
        return self.digest[:12]


class DestroyedReport(models.Model):
    """What remains of a report after retention destroyed it: the metadata statistics count."""

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="destroyed_complaint_reports")
    created_on = models.DateField()
    category = models.CharField(max_length=20, choices=ReportCategory.choices)
    status = models.CharField(max_length=20, choices=ReportStatus.choices)
    outcome = models.CharField(max_length=20, choices=ReportOutcome.choices, blank=True)
    destroyed_on = models.DateField()

    class Meta:
        verbose_name = _("destroyed report")
        verbose_name_plural = _("destroyed reports")
        indexes = [models.Index(fields=["organization", "created_on"], name="complaints_destroyed_org")]

    def __str__(self) -> str:
        return f"{self.organization} {self.created_on} ({self.status})"
