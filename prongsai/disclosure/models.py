"""The OIT tracker: one assignment per organization and OIT item, its evidence and its history."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AssignmentStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")


class OitAssignment(models.Model):
    """One OIT item of one fiscal year for one organization: who answers it, by when, and how far it is."""

    organization = models.ForeignKey(
        "core.Organization",
        verbose_name=_("organization"),
        on_delete=models.CASCADE,
        related_name="oit_assignments",
    )
    oit_item = models.ForeignKey(
        "ita.OitItem",
        verbose_name=_("OIT item"),
        # A framework reload that drops an item with evidence must stop, not delete the evidence.
        on_delete=models.PROTECT,
        related_name="assignments",
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"), db_index=True)
    departments = models.ManyToManyField(
        "core.Department", verbose_name=_("responsible departments"), blank=True, related_name="oit_assignments"
    )
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.NOT_STARTED
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    reminded_for = models.DateField(
        _("reminder sent for due date"),
        null=True,
        blank=True,
        help_text=_("The due date the last reminder was sent for; a new due date gets a new reminder."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("OIT assignment")
        verbose_name_plural = _("OIT assignments")
        ordering = ["organization", "fiscal_year", "oit_item__order"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "oit_item"], name="disclosure_assignment_unique_item"),
        ]
        indexes = [models.Index(fields=["organization", "fiscal_year"], name="disclosure_assign_org_year")]

    def __str__(self) -> str:
        return f"{self.oit_item.code} ({self.fiscal_year})"


class EvidenceKind(models.TextChoices):
    PAGE = "page", _("Page of this website")
    DOCUMENT = "document", _("Document in the library")
    PRODUCED = "produced", _("Produced by Prongsai")
    URL = "url", _("Link")


class OitEvidence(models.Model):
    """A page, document or link that answers an OIT item, with a note telling the evaluator where to look.

    `url` is what the public page and the export show: a path ("/about/") for anything on this site,
    a full URL for other sites. An entry is public once `published_at` is set (when the item is approved).
    """

    assignment = models.ForeignKey(
        OitAssignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="evidence"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EvidenceKind.choices)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    topic = models.CharField(_("topic"), max_length=64, blank=True)
    url = models.CharField(_("URL"), max_length=1000)
    title = models.CharField(_("title"), max_length=300)
    note = models.TextField(_("note for the evaluator"), blank=True)
    evidence_date = models.DateField(_("date of the evidence"), null=True, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    last_checked_at = models.DateTimeField(_("last checked at"), null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(_("last HTTP status"), null=True, blank=True)
    last_error = models.CharField(_("last problem"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("OIT evidence")
        verbose_name_plural = _("OIT evidence")
        ordering = ["assignment", "created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["assignment", "url"], name="disclosure_evidence_unique_url")]

    def __str__(self) -> str:
        return self.title or self.url

    @property
    def is_internal(self) -> bool:
        return self.url.startswith("/")

    @property
    def is_broken(self) -> bool:
        return bool(self.last_error)


class ReviewAction(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    EVIDENCE_ADDED = "evidence_added", _("Evidence added")
    EVIDENCE_REMOVED = "evidence_removed", _("Evidence removed")
    SUBMITTED = "submitted", _("Submitted for review")
    RETURNED = "returned", _("Returned for changes")
    APPROVED = "approved", _("Approved")
    REOPENED = "reopened", _("Reopened")
    PRODUCED = "produced", _("Linked automatically")


class OitReview(models.Model):
    """One step in an assignment's history: who did what, with the reviewer's comment."""

    assignment = models.ForeignKey(
        OitAssignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="history"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=32, choices=ReviewAction.choices)
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("OIT review step")
        verbose_name_plural = _("OIT review history")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.assignment} {self.action}"
