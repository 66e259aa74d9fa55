"""Tables and chart series for figure answers (Answer.rows / Answer.chart -> DataFrames)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from assistant.models import Answer
from assistant.numbers import format_dutch_number

X, Y, SERIES = "periode", "waarde", "reeks"
_PERIOD_KEYS = ("period_label", "periode", "period")
_VALUE_KEYS = ("value", "waarde")
_SERIES_KEYS = ("row_label", "reeks", "row_path", "label", "municipality")


def _first(row: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((row[k] for k in keys if k in row and row[k] is not None), None)


# Readable subset of the engine's fact columns (the full set is in "Toon SQL"); Dutch headers.
DISPLAY = {"document_title": "Document", "figure_label": "Figuur", "row_path": "Reeks", "period_label": "Periode",
           "municipality": "Gemeente", "value": "Waarde", "unit": "Eenheid"}


def _cell(v: Any) -> Any:
    return format_dutch_number(v) if isinstance(v, float) else v


def table_frame(a: Answer) -> pd.DataFrame | None:
    """The rows behind a figure answer: known fact columns with Dutch headers, otherwise all columns."""
    if not a.rows:
        return None
    cols = a.columns or list(a.rows[0])
    shown = [c for c in DISPLAY if c in cols]
    if "value" not in shown:
        return pd.DataFrame([[_cell(r.get(c)) for c in cols] for r in a.rows], columns=cols)
    # Drop columns that are empty in every row (e.g. municipality for a single-municipality report).
    shown = [c for c in shown if any(r.get(c) not in (None, "") for r in a.rows)]
    return pd.DataFrame([[_cell(r.get(c)) for c in shown] for r in a.rows], columns=[DISPLAY[c] for c in shown])


def chart_frame(a: Answer) -> pd.DataFrame | None:
    """Long-format series (periode, waarde, reeks) from Answer.chart; None when there is nothing to plot."""
    if a.chart is None or not a.chart.series:
        return None
    data = [{X: p.period_text, Y: p.value, SERIES: s.name, "_order": p.period}
            for s in a.chart.series for p in s.points]
    if not data:
        return None
    df = pd.DataFrame(data).sort_values("_order", kind="stable")
    if df[X].nunique() < 2:
        return None
    return df[[X, Y, SERIES]].reset_index(drop=True)


def period_order(df: pd.DataFrame) -> list[str]:
    """Periods in order of first appearance (the engine lists them chronologically)."""
    return list(dict.fromkeys(df[X].tolist()))
