"""Integrity measures (มาตรการ/แนวทาง), their dated results and the evidence attached to them."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import Department, Organization

from .framework import Indicator

TITLE_MAX = 1000
STEPS_MAX = 4000
RESULT_MAX = 4000
RECOMMENDATIONS_MAX = 2000


class Recurrence(models.TextChoices):
    NONE = "none", _("Once")
    MONTHLY = "monthly", _("Every month")
    QUARTERLY = "quarterly", _("Every quarter")


class MeasureStatus(models.TextChoices):
    DRAFT = "draft", _("Drafted from the analysis")
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class Measure(models.Model):
    """One มาตรการ/แนวทาง of an organization for a fiscal year, under one indicator."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="ita_measures"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="measures"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.TextField(_("measure"), validators=[MaxLengthValidator(TITLE_MAX)])
    steps = models.TextField(_("steps or method"), validators=[MaxLengthValidator(STEPS_MAX)])
    schedule_text = models.CharField(
        _("schedule (as printed)"),
        max_length=300,
        blank=True,
        help_text=_("e.g. ประจำทุกเดือน ตลอดปีงบประมาณ; blank = the whole fiscal year."),
    )
    start_date = models.DateField(_("starts"), null=True, blank=True)
    end_date = models.DateField(_("ends"), null=True, blank=True)
    recurrence = models.CharField(_("repeats"), max_length=16, choices=Recurrence.choices, default=Recurrence.NONE)
    owners = models.ManyToManyField(
        Department, verbose_name=_("responsible departments"), related_name="ita_measures", blank=True
    )
    owners_text = models.CharField(
        _("responsible (as printed)"),
        max_length=300,
        blank=True,
        help_text=_("Blank = the names of the responsible departments."),
    )
    status = models.CharField(_("status"), max_length=16, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED)
    recommendations = models.TextField(
        _("recommendations"), blank=True, validators=[MaxLengthValidator(RECOMMENDATIONS_MAX)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("integrity measure")
        verbose_name_plural = _("integrity measures")
        ordering = ["organization", "fiscal_year", "indicator__number", "order", "pk"]
        indexes = [models.Index(fields=["organization", "fiscal_year"], name="ita_measure_org_year")]

    def __str__(self) -> str:
        return self.title[:80]

    def clean(self) -> None:
        errors: dict[str, list] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors.setdefault("end_date", []).append(_("The schedule cannot end before it starts."))
        if self.indicator_id and self.fiscal_year and self.indicator.framework.fiscal_year != self.fiscal_year:
            errors.setdefault("indicator", []).append(
                _("This indicator belongs to the framework of another fiscal year.")
            )
        if errors:
            raise ValidationError(errors)


class MeasureResult(models.Model):
    """ผลการดำเนินการ: what was done, on a date, with evidence."""

    measure = models.ForeignKey(Measure, verbose_name=_("measure"), on_delete=models.CASCADE, related_name="results")
    date = models.DateField(_("date"))
    text = models.TextField(_("what was done"), validators=[MaxLengthValidator(RESULT_MAX)])
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("measure result")
        verbose_name_plural = _("measure results")
        ordering = ["measure", "date", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


def _evidence_upload_to(instance: MeasureEvidence, filename: str) -> str:
    result = instance.result
    measure = result.measure
    return f"ita/evidence/{measure.organization_id}/{measure.fiscal_year}/{filename}"


class MeasureEvidence(models.Model):
    """One piece of evidence for a result: an uploaded file, a page or document of the site, or a URL."""

    result = models.ForeignKey(
        MeasureResult, verbose_name=_("result"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    file = models.FileField(_("file"), upload_to=_evidence_upload_to, blank=True, max_length=255)
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
    url = models.URLField(_("link"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["result", "pk"]

    def __str__(self) -> str:
        return self.title or self.url or (self.file.name if self.file else "") or str(self.page or self.document or "")

    @property
    def href(self) -> str:
        if self.file:
            return self.file.url
        if self.page is not None:
            return self.page.url or ""
        if self.document is not None:
            return self.document.url
        return self.url
