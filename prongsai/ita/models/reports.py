"""The plan and results documents: editable memo wording, and approval rounds with their frozen snapshot."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import Department, Membership, Organization


class ReportKind(models.TextChoices):
    PLAN = "plan", _("Measures plan")
    RESULTS = "results", _("Results report")


class ReportTemplate(models.Model):
    """The memo's wording for one kind of report, with placeholders such as {year} and {organization}.

    Unknown placeholders print as they are, so a typo never stops a document from rendering.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="ita_report_templates"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    department = models.ForeignKey(
        Department,
        verbose_name=_("preparing department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Printed after ส่วนราชการ; blank = the department of the person who signs."),
    )
    phone = models.CharField(
        _("phone (as printed)"),
        max_length=100,
        blank=True,
        help_text=_("Blank = the organization's phone and the department's extension."),
    )
    number_text = models.CharField(_("document number (ที่)"), max_length=100, default="{number_prefix}/")
    subject = models.TextField(_("subject (เรื่อง)"), validators=[MaxLengthValidator(1000)])
    salutation = models.CharField(_("to (เรียน)"), max_length=300, default="{executive_position}")
    background = models.TextField(_("background (เรื่องเดิม)"), validators=[MaxLengthValidator(5000)])
    facts = models.TextField(_("facts (ข้อเท็จจริง)"), validators=[MaxLengthValidator(5000)])
    proposal = models.TextField(_("proposal (ข้อเรียนเสนอ)"), validators=[MaxLengthValidator(5000)])
    closing = models.CharField(_("closing line"), max_length=300)
    table_title = models.TextField(
        _("table title"), validators=[MaxLengthValidator(1000)], help_text=_("One line per line of the title.")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ITA report wording")
        verbose_name_plural = _("ITA report wording")
        constraints = [models.UniqueConstraint(fields=["organization", "kind"], name="ita_template_unique_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.organization})"


class RoundStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for the chief administrator")
    CHIEF_REVIEWED = "chief_reviewed", _("Waiting for the mayor")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Returned for changes")


class FilesStatus(models.TextChoices):
    NONE = "none", _("Not generated")
    PENDING = "pending", _("Generating")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Failed")


class ReportRound(models.Model):
    """One pass of a plan or results report through approval: coordinator → ปลัด → นายก.

    At submission the report's data is frozen in `snapshot`; the document of a submitted or approved
    round is always built from it, so later edits to measures never change what was signed.
    """

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="ita_report_rounds"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    kind = models.CharField(_("kind"), max_length=16, choices=ReportKind.choices)
    number = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(_("status"), max_length=16, choices=RoundStatus.choices, default=RoundStatus.DRAFT)
    memo_date = models.DateField(_("memo date"), null=True, blank=True)
    document_number = models.CharField(
        _("document number (ที่)"), max_length=100, blank=True, help_text=_("Blank = from the report wording.")
    )
    signer = models.ForeignKey(
        Membership,
        verbose_name=_("signed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    snapshot = models.JSONField(_("frozen content"), null=True, blank=True, editable=False)

    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    chief_opinion = models.CharField(_("opinion of the chief administrator"), max_length=100, blank=True)
    chief_remark = models.TextField(
        _("chief administrator's own words"), blank=True, validators=[MaxLengthValidator(1000)]
    )
    chief_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    chief_name = models.CharField(max_length=200, blank=True)
    chief_position = models.CharField(max_length=200, blank=True)
    chief_at = models.DateTimeField(null=True, blank=True)

    executive_order = models.CharField(_("order of the mayor"), max_length=100, blank=True)
    executive_remark = models.TextField(_("mayor's own words"), blank=True, validators=[MaxLengthValidator(1000)])
    executive_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    executive_name = models.CharField(max_length=200, blank=True)
    executive_position = models.CharField(max_length=200, blank=True)
    executive_at = models.DateTimeField(null=True, blank=True)

    return_comment = models.TextField(_("comments on return"), blank=True, validators=[MaxLengthValidator(2000)])
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    returned_at = models.DateTimeField(null=True, blank=True)

    pdf_file = models.FileField(upload_to="ita/reports/", blank=True, max_length=255)
    docx_file = models.FileField(upload_to="ita/reports/", blank=True, max_length=255)
    files_status = models.CharField(max_length=16, choices=FilesStatus.choices, default=FilesStatus.NONE)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ITA report round")
        verbose_name_plural = _("ITA report rounds")
        ordering = ["organization", "-fiscal_year", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year", "kind", "number"], name="ita_round_unique"),
        ]
        permissions = [
            ("submit_reportround", "Can submit an ITA report for approval"),
            ("opine_reportround", "Can give the chief administrator's opinion on an ITA report"),
            ("order_reportround", "Can give the mayor's order on an ITA report"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.fiscal_year} #{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.snapshot is not None and self.status != RoundStatus.RETURNED

    @property
    def is_open(self) -> bool:
        return self.status != RoundStatus.APPROVED
