"""Table geometry shared by the PDF and DOCX renderers: column widths, ragged rows, merged group cells."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Table


@dataclass(frozen=True)
class GridCell:
    text: str  # raw cell text (cleaned later by the renderer)
    rowspan: int = 1


def column_fractions(table: Table) -> list[float]:
    """Each column's share of the table width (weights <= 0 or NaN count as 1)."""
    weights = [
        c.weight if c.weight > 0 and c.weight == c.weight and c.weight != float("inf") else 1.0 for c in table.columns
    ]
    total = sum(weights) or 1.0
    return [w / total for w in weights]


def normalised_rows(table: Table) -> list[list[str]]:
    """Rows with exactly one cell per column: short rows are padded with "", cells beyond the last column
    are appended to the last cell on new lines (nothing the author wrote is dropped)."""
    width = len(table.columns)
    rows: list[list[str]] = []
    for row in table.rows:
        cells = [str(c) for c in row]
        if width == 0:
            continue
        if len(cells) > width:
            cells = [*cells[: width - 1], "\n".join(c for c in cells[width - 1 :])]
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def grid(table: Table) -> list[list[GridCell | None]]:
    """Rows of cells; ``None`` marks a cell covered by a merged group cell above it."""
    rows = normalised_rows(table)
    out: list[list[GridCell | None]] = [[GridCell(text) for text in row] for row in rows]
    column = table.group_column
    if column is None or not 0 <= column < len(table.columns):
        return out
    start = 0
    while start < len(rows):
        end = start + 1
        while end < len(rows) and rows[end][column] == rows[start][column] and rows[start][column].strip():
            end += 1
        if end - start > 1:
            out[start][column] = GridCell(rows[start][column], rowspan=end - start)
            for covered in range(start + 1, end):
                out[covered][column] = None
        start = end
    return out
