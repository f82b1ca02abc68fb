"""One fiscal year's ITA framework, loaded from prongsai/ita/frameworks/<year>.json."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class FrameworkStatus(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional (check against the NACC manual)")
    VERIFIED = "verified", _("Verified")


class Framework(models.Model):
    """กรอบการประเมิน: the tools, indicators, sub-indicators, OIT items and grade bands of one fiscal year."""

    fiscal_year = models.PositiveSmallIntegerField(
        _("fiscal year (B.E.)"), unique=True, validators=[MinValueValidator(2500), MaxValueValidator(2700)]
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(
        _("status"), max_length=16, choices=FrameworkStatus.choices, default=FrameworkStatus.PROVISIONAL
    )
    source_note = models.TextField(_("source note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ITA framework")
        verbose_name_plural = _("ITA frameworks")
        ordering = ["-fiscal_year"]

    def __str__(self) -> str:
        return self.title or str(self.fiscal_year)


class ToolCode(models.TextChoices):
    IIT = "IIT", "IIT"
    EIT = "EIT", "EIT"
    OIT = "OIT", "OIT"


class Tool(models.Model):
    """แบบวัด: IIT (staff survey), EIT (public survey) or OIT (website disclosure), with its weight."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="tools"
    )
    code = models.CharField(_("code"), max_length=3, choices=ToolCode.choices)
    name = models.CharField(_("name"), max_length=300)
    weight = models.DecimalField(
        _("weight (%)"), max_digits=5, decimal_places=2, null=True, blank=True, help_text=_("Blank when not known.")
    )

    class Meta:
        verbose_name = _("assessment tool")
        verbose_name_plural = _("assessment tools")
        ordering = ["framework", "code"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="ita_tool_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} ({self.framework.fiscal_year})"


class Indicator(models.Model):
    """ตัวชี้วัด 1–10."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="indicators"
    )
    tool = models.ForeignKey(Tool, verbose_name=_("tool"), on_delete=models.CASCADE, related_name="indicators")
    number = models.PositiveSmallIntegerField(_("number"), validators=[MinValueValidator(1), MaxValueValidator(20)])
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["framework", "number"]
        constraints = [models.UniqueConstraint(fields=["framework", "number"], name="ita_indicator_unique_number")]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """As printed in the measures table: "6. คุณภาพการดำเนินงาน"."""
        return f"{self.number}. {self.title}"


class SubIndicator(models.Model):
    """ตัวชี้วัดย่อย, e.g. 10.2."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="sub_indicators"
    )
    code = models.CharField(_("code"), max_length=10)
    title = models.CharField(_("title"), max_length=300)

    class Meta:
        verbose_name = _("sub-indicator")
        verbose_name_plural = _("sub-indicators")
        ordering = ["indicator", "code"]
        constraints = [models.UniqueConstraint(fields=["indicator", "code"], name="ita_subindicator_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Provenance(models.TextChoices):
    VERIFIED = "verified", _("Verified in a source")
    SECONDARY = "secondary", _("Restated by an agency or a developer")
    RECALLED = "recalled", _("Recalled or inferred; check it")


class OitItem(models.Model):
    """One disclosure requirement (ข้อ O…) that the evaluator checks on the organization's website.

    `topics` are stable slugs (see prongsai/ita/topics.py) so evidence carries over when codes change.
    """

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="oit_items"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="oit_items"
    )
    sub_indicator = models.ForeignKey(
        SubIndicator,
        verbose_name=_("sub-indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="oit_items",
    )
    code = models.CharField(_("code"), max_length=10)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("what the evaluator checks"), blank=True)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    requires_current_year = models.BooleanField(_("must be from the assessed year"), default=False)
    evidence_year_offset = models.SmallIntegerField(
        _("evidence year offset"),
        default=0,
        help_text=_("0 = the assessed fiscal year; -1 = the year before (previous-year reports)."),
    )
    provenance = models.CharField(
        _("provenance"), max_length=16, choices=Provenance.choices, default=Provenance.SECONDARY
    )
    source_note = models.CharField(_("source"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("OIT item")
        verbose_name_plural = _("OIT items")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="ita_oititem_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class GradeBand(models.Model):
    """A result level: the letters AA–F, or the later named levels (ผ่านดีเยี่ยม …)."""

    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.CASCADE, related_name="grade_bands"
    )
    label = models.CharField(_("level"), max_length=50)
    min_score = models.DecimalField(_("minimum total score"), max_digits=5, decimal_places=2)
    min_tool_score = models.DecimalField(
        _("minimum score of every tool"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Blank when the level depends on the total only."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("grade band")
        verbose_name_plural = _("grade bands")
        ordering = ["framework", "order"]
        constraints = [models.UniqueConstraint(fields=["framework", "label"], name="ita_gradeband_unique_label")]

    def __str__(self) -> str:
        return f"{self.label} ≥ {self.min_score}"
