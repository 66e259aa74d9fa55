"""Presentation details of a figure citation: the row(s) holding the number, the header above them.

The citation of a figure spans the whole table; a reader wants the row with the number marked and
the table's header shown above it (Citation.row_lines, header_lines, highlight).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from assistant.models import Citation

MAX_HEADER_LINES = 30  # stacked period headers can run over many short lines


def mark_figure_rows(cite: Citation, rows: list[dict[str, Any]], figure_lines: Iterable[int]) -> Citation:
    """Set row_lines (the fact lines), highlight (their raw cells) and header_lines (table start up to the
    first data line of the figure, `figure_lines` being the lines of all its facts). Returns `cite`."""
    cite.row_lines = sorted({int(r["line"]) for r in rows if r.get("line")})
    cite.highlight = list(dict.fromkeys(str(r["raw"]).strip() for r in rows if str(r.get("raw") or "").strip()))
    start = next((r.get("figure_line_start") for r in rows if r.get("figure_line_start")), None)
    first_data = min((int(x) for x in figure_lines), default=None)
    if start and first_data and first_data > int(start):
        cite.header_lines = list(range(int(start), first_data))[-MAX_HEADER_LINES:]
    return cite
