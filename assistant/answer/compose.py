"""Dutch answer text built from SQL rows and retrieved passages. Numbers only ever come from those."""

from __future__ import annotations

from typing import Any

from assistant.models import Citation
from assistant.numbers import format_dutch_number
from assistant.periods import from_label

NOT_FOUND = "Dat kan ik niet vinden in de rapportages."


def fmt_value(row: dict[str, Any]) -> str:
    v = row.get("value")
    if v is None:
        return row.get("status") or row.get("raw") or "onbekend"
    unit = (row.get("unit") or "").strip()
    num = format_dutch_number(v)
    if unit == "%":
        return f"{num}%"
    if unit.startswith("€") and "1000" in unit.replace(".", ""):
        return f"{num} (bedragen x € 1.000)"
    if unit.startswith("€"):
        return f"€ {num}"
    if unit and unit not in ("aantal",):
        return f"{num} {unit}"
    return num


def fmt_period(row: dict[str, Any]) -> str:
    label = row.get("period_label")
    kind = row.get("period_kind")
    text = ""
    if label:
        try:
            text = from_label(label).dutch()
        except ValueError:
            text = label
    if kind:
        text = f"{kind} {text}".strip()
    return text


def row_name(row: dict[str, Any]) -> str:
    name = row.get("row_path") or ""
    col = row.get("column_label") or ""
    if col and not any(ch.isdigit() for ch in col) and col.lower() not in name.lower():
        name = f"{name} – {col}"
    if row.get("municipality"):
        name = f"{name} ({row['municipality']})"
    return name


def figure_citation(rows: list[dict[str, Any]]) -> Citation:
    r = rows[0]
    first = r.get("figure_line_start") or min(x["line"] for x in rows)
    last = r.get("figure_line_end") or max(x["line"] for x in rows)
    quote = "; ".join(f"{x['row_path']}: {x['raw']}" for x in rows[:6])
    title = r.get("figure_title") or ""
    locator = r.get("figure_label") or ""
    if title and title != locator:
        locator = f"{locator}: {title}" if locator else title
    return Citation(doc=r["file_name"], title=r.get("document_title") or "", lines=[int(first), int(last)],
                    page=r.get("page"), locator=locator, quote=quote)


def compose_figure(rows: list[dict[str, Any]], compare: bool) -> str:
    src = rows[0]
    where = src.get("figure_label") or "de tabel"
    title = src.get("figure_title")
    intro = f"Volgens {where}" + (f" ({title})" if title and title != where else "") + \
        f" in ‘{src.get('document_title') or src['file_name']}’ [1]:"
    scale_note = ""
    if any((r.get("unit") or "").startswith("€") and "1000" in (r.get("unit") or "").replace(".", "") for r in rows):
        scale_note = " Bedragen zijn in duizenden euro's, zoals in de tabel."
    if len(rows) == 1:
        r = rows[0]
        per = fmt_period(r)
        return f"{intro} {row_name(r)}{', ' + per if per else ''}: {fmt_value(r)}.{scale_note}"
    lines = [intro]
    for r in rows:
        per = fmt_period(r)
        lines.append(f"- {row_name(r)}{', ' + per if per else ''}: {fmt_value(r)}")
    if compare:
        diffs = [r for r in rows if r.get("verschil") is not None]
        for r in diffs:
            d = r["verschil"]
            word = "een stijging" if d > 0 else "een daling" if d < 0 else "geen verandering"
            pct = f" ({format_dutch_number(abs(r['verschil_pct']))}%)" if r.get("verschil_pct") is not None and d else ""
            unit = " (x € 1.000)" if "1000" in (r.get("unit") or "") else ""
            amount = f" van {format_dutch_number(abs(d))}{unit}{pct}" if d else ""
            lines.append(f"Dat is {word}{amount} ten opzichte van de vorige waarde.")
    return "\n".join(lines) + scale_note


def number_list(values: list[float]) -> list[float]:
    return [float(v) for v in values if v is not None]
