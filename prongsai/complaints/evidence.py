"""Evidence this app answers for the disclosure tracker (topics, not OIT item codes)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from prongsai.core.models import Organization
from prongsai.core.thai import FiscalYear

TOPICS = ("complaint_channel", "complaint_guideline", "complaint_statistics")


def _absolute(organization: Organization, path: str) -> str:
    site = getattr(organization, "site", None)
    root = site.root_url.rstrip("/") if site is not None else ""
    return f"{root}{path}"


def evidence_for(organization: Organization, fiscal_year: FiscalYear | int) -> dict[str, list[tuple[str, str]]]:
    """{topic: [(title, url)]} for the corruption channel, its guideline and the year's statistics."""
    be = fiscal_year.be if isinstance(fiscal_year, FiscalYear) else int(fiscal_year)
    from .selectors import channel_settings_for

    channel = channel_settings_for(organization)
    with translation.override("th"):
        guideline_title = channel.guideline_title if channel else _("Guideline for handling corruption reports")
        year = FiscalYear(be)
        return {
            "complaint_channel": [
                (
                    _("Online channel for reporting corruption and misconduct"),
                    _absolute(organization, reverse("complaints:report")),
                )
            ],
            "complaint_guideline": [(guideline_title, _absolute(organization, reverse("complaints:landing")))],
            "complaint_statistics": [
                (
                    _("Statistics of corruption reports, %(year)s") % {"year": year.short_label()},
                    _absolute(organization, reverse("complaints:statistics", args=[be])),
                ),
                (
                    _("Statistics of corruption reports, %(year)s (Excel)") % {"year": year.short_label()},
                    _absolute(organization, reverse("complaints:statistics_xlsx", args=[be])),
                ),
            ],
        }
