"""A server-rendered SVG bar chart of indicator scores (no JavaScript, nothing from elsewhere)."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import IMPROVE_BELOW, URGENT_BELOW
from .services.results import IndicatorAnalysis

COLOURS = {"urgent": "#b42318", "improve": "#b54708", "good": "#027a48"}


def indicator_chart(rows: list[IndicatorAnalysis], *, title: str) -> SafeString:
    """Horizontal bars, one per indicator, with lines at 85 and 95."""
    label_width, bar_width, row_height, top = 260, 420, 28, 24
    height = top + row_height * len(rows) + 24
    width = label_width + bar_width + 70

    def x(score: Decimal) -> str:
        return f"{label_width + float(score) / 100 * bar_width:.1f}"

    def w(score: Decimal) -> str:
        return f"{float(score) / 100 * bar_width:.1f}"

    def after(score: Decimal) -> str:
        return f"{label_width + float(score) / 100 * bar_width + 6:.1f}"

    bars = format_html_join(
        "",
        '<g><text x="{}" y="{}" text-anchor="end" font-size="13">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="18" fill="{}"><title>{}: {}</title></rect>'
        '<text x="{}" y="{}" font-size="13">{}</text></g>',
        (
            (
                label_width - 8,
                top + i * row_height + 14,
                row.indicator.label,
                label_width,
                top + i * row_height,
                w(row.score),
                COLOURS[row.band],
                row.indicator.label,
                row.score,
                after(row.score),
                top + i * row_height + 14,
                row.score,
            )
            for i, row in enumerate(rows)
        ),
    )
    lines = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-dasharray="4 3"/>'
        '<text x="{}" y="{}" font-size="12" text-anchor="middle">{}</text>',
        (
            (x(limit), x(limit), top - 6, height - 18, colour, x(limit), top - 10, limit)
            for limit, colour in ((URGENT_BELOW, COLOURS["urgent"]), (IMPROVE_BELOW, COLOURS["improve"]))
        ),
    )
    return format_html(
        '<svg class="ita-chart" role="img" aria-label="{}" viewBox="0 0 {} {}" width="100%" '
        'xmlns="http://www.w3.org/2000/svg" style="max-width:{}px">{}{}</svg>',
        title,
        width,
        height,
        width,
        bars,
        lines,
    )
