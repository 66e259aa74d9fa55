"""Tables and chart series for figure answers (Answer.rows / Answer.chart -> DataFrames)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from assistant.models import Answer
from assistant.numbers import format_dutch_number

# Proposed Answer.chart contract: {"x": "periode", "y": "waarde", "series": "reeks", "data": [{...}, ...]}
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
    """Long-format series (periode, waarde, reeks); None when there is nothing worth plotting."""
    if a.chart and a.chart.get("data"):
        x, y, s = a.chart.get("x", X), a.chart.get("y", Y), a.chart.get("series", SERIES)
        data = [{X: str(d.get(x)), Y: d.get(y), SERIES: str(d.get(s) or "waarde")} for d in a.chart["data"]]
    else:  # derived until the engine fills Answer.chart
        data = []
        for r in a.rows:
            period, value = _first(r, _PERIOD_KEYS), _first(r, _VALUE_KEYS)
            if period is None or not isinstance(value, (int, float)):
                continue
            data.append({X: str(period), Y: float(value), SERIES: str(_first(r, _SERIES_KEYS) or "waarde")})
    data = [d for d in data if isinstance(d[Y], (int, float))]
    if not data:
        return None
    df = pd.DataFrame(data, columns=[X, Y, SERIES])
    # One point per series means the series key is not a real series (e.g. it repeats the period):
    # draw one line instead of a cloud of single-point series.
    if df[SERIES].nunique() > 1 and df.groupby(SERIES)[X].nunique().max() == 1:
        rows = {str(_first(r, _SERIES_KEYS)) for r in a.rows if _first(r, _SERIES_KEYS)}
        df[SERIES] = rows.pop() if len(rows) == 1 else "waarde"
    # A line over one period says nothing the table doesn't; chart only real series over time.
    if df[X].nunique() < 2:
        return None
    return df


def period_order(df: pd.DataFrame) -> list[str]:
    """Periods in order of first appearance (the engine lists them chronologically)."""
    return list(dict.fromkeys(df[X].tolist()))
