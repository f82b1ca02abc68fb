"""Past ITA results (total, per tool, per indicator) and their written analysis."""

from __future__ import annotations

from decimal import Decimal

from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from prongsai.core.models import Organization

from .framework import Framework, Indicator

SCORE_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]
# Below these an indicator needs urgent work / should improve (the analysis page and the drafted measures).
URGENT_BELOW = Decimal("85")
IMPROVE_BELOW = Decimal("95")


class AssessmentResult(models.Model):
    """ผลการประเมิน ITA of one organization for one fiscal year."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="ita_results"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year (B.E.)"))
    framework = models.ForeignKey(
        Framework, verbose_name=_("framework"), on_delete=models.PROTECT, related_name="results"
    )
    total = models.DecimalField(_("total score"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)
    level = models.CharField(_("level"), max_length=50, blank=True)
    iit_score = models.DecimalField(
        _("IIT score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    eit_score = models.DecimalField(
        _("EIT score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    oit_score = models.DecimalField(
        _("OIT score"), max_digits=5, decimal_places=2, null=True, blank=True, validators=SCORE_VALIDATORS
    )
    analysis = models.TextField(_("written analysis"), blank=True, validators=[MaxLengthValidator(20000)])
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("ITA result")
        verbose_name_plural = _("ITA results")
        ordering = ["organization", "-fiscal_year"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "fiscal_year"], name="ita_result_unique_year"),
        ]

    def __str__(self) -> str:
        return f"ITA {self.fiscal_year}: {self.total}"


class AssessmentIndicatorScore(models.Model):
    result = models.ForeignKey(
        AssessmentResult, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicator_scores"
    )
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="scores"
    )
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=2, validators=SCORE_VALIDATORS)

    class Meta:
        verbose_name = _("indicator score")
        verbose_name_plural = _("indicator scores")
        ordering = ["result", "indicator__number"]
        constraints = [
            models.UniqueConstraint(fields=["result", "indicator"], name="ita_indicatorscore_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.score}"
