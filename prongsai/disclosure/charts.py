"""A stacked bar chart of item statuses, drawn on the server as inline SVG (no script, no external file)."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .models import AssignmentStatus
from .selectors import STATUS_ORDER, CompletenessRow

COLOURS = {
    AssignmentStatus.APPROVED: "#1a7f4b",
    AssignmentStatus.SUBMITTED: "#2f6fb3",
    AssignmentStatus.IN_PROGRESS: "#d9a21b",
    AssignmentStatus.RETURNED: "#c2410c",
    AssignmentStatus.NOT_STARTED: "#b8bec6",
}
LABEL_WIDTH = 300
BAR_WIDTH = 420
ROW_HEIGHT = 26
BAR_HEIGHT = 16


def _truncate(text: str, limit: int = 42) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def status_bars(rows: list[CompletenessRow], *, title: str, chart_id: str) -> SafeString:
    """One bar per row (indicator or department), its length split by status (the legend is HTML beside it)."""
    width = LABEL_WIDTH + BAR_WIDTH + 70
    height = max(len(rows), 1) * ROW_HEIGHT
    parts = [
        f'<svg class="oit-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
    ]
    largest = max((row.total for row in rows), default=0) or 1
    for index, row in enumerate(rows):
        y = index * ROW_HEIGHT
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 3}" text-anchor="end" font-size="13">'
            f"{escape(_truncate(row.label))}</text>"
        )
        x = float(LABEL_WIDTH)
        for status in STATUS_ORDER:
            count = row.counts[status]
            if not count:
                continue
            segment = BAR_WIDTH * count / largest
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{segment:.1f}" height="{BAR_HEIGHT}" fill="{COLOURS[status]}">'
                f"<title>{escape(row.label)}: {escape(str(AssignmentStatus(status).label))} {count}</title></rect>"
            )
            x += segment
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT - 3}" font-size="12">{row.approved}/{row.total}</text>')
    parts.append("</svg>")
    if not rows:
        return mark_safe(f'<p class="help">{escape(_("Nothing to show yet."))}</p>')  # noqa: S308
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def legend() -> list[tuple[str, str, str]]:
    """(status, label, colour) in the order the bars stack."""
    return [(str(status), str(AssignmentStatus(status).label), COLOURS[status]) for status in STATUS_ORDER]
