"""The rows behind an answer as a readable Dutch table, and as CSV for download.

Fact rows get Dutch columns (reeks, periode in words, soort, waarde with its unit); toezeggingen
and beleidsaccenten get their own Dutch columns; anything else only goes in "Toon SQL" and the CSV.
"""

from __future__ import annotations

import csv
import io
from html import escape
from typing import Any

from assistant.answer.compose import amount_text, period_text
from assistant.models import Answer
from assistant.numbers import format_dutch_number

# Non-fact rows: which keys to show, under which Dutch header.
OTHER_COLUMNS = {
    "number": "Nummer", "text": "Toezegging", "fulfilment": "Afdoening", "status": "Status",
    "accent_no": "Accent", "name": "Naam", "plan_name": "Plan", "inzet": "Inzet", "budget": "Budget per jaar",
    "target_group": "Doelgroep", "document_title": "Document",
}
CSV_COLUMNS = [("row_path", "Reeks"), ("column_label", "Kolom"), ("period_words", "Periode"),
               ("period_label", "Periodecode"),
               ("period_kind", "Soort periode"), ("municipality", "Gemeente"), ("value", "Waarde"),
               ("unit", "Eenheid"), ("raw", "Zoals in de tabel"), ("figure_label", "Figuur"),
               ("figure_title", "Titel figuur"), ("document_title", "Document"), ("file_name", "Bestand"),
               ("line", "Regel"), ("page", "Pagina")]


def is_fact_rows(a: Answer) -> bool:
    return bool(a.rows) and "value" in a.rows[0] and "row_path" in a.rows[0]


def _series_name(r: dict[str, Any]) -> str:
    name = str(r.get("row_path") or "").replace(" > ", " › ")
    col = str(r.get("column_label") or "")
    if col and not any(ch.isdigit() for ch in col) and col.lower() not in name.lower() \
            and col.lower() != str(r.get("municipality") or "").lower():
        name = f"{name} – {col}"
    return name


def fact_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    """(headers, cells) for fact rows: empty columns left out; the value column always present."""
    # the period kind goes with the period ("raming 2017 na wijziging", "realisatie 2017"): never two "2017"s
    cols = [("Reeks", lambda r: _series_name(r)),
            ("Gemeente", lambda r: r.get("municipality") or ""),
            ("Periode", lambda r: period_text(r.get("period_label"), r.get("period_kind"), r.get("column_label"))),
            ("Waarde", lambda r: amount_text(float(r["value"]), r.get("unit"), r.get("scale"))
             if r.get("value") is not None else (r.get("status") or r.get("raw") or "")),
            ("Bron", lambda r: r.get("figure_label") or "")]
    cells = [[str(f(r)) for _, f in cols] for r in rows]
    keep = [i for i, (name, _) in enumerate(cols) if name == "Waarde" or any(row[i] for row in cells)]
    return [cols[i][0] for i in keep], [[row[i] for i in keep] for row in cells]


def other_table(rows: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    keys = [k for k in OTHER_COLUMNS if any(r.get(k) not in (None, "") for r in rows)]

    def cell(k: str, v: Any) -> str:
        if v is None:
            return ""
        if k == "budget" and isinstance(v, (int, float)):
            return amount_text(float(v), "€")
        return format_dutch_number(v) if isinstance(v, float) else str(v)

    return [OTHER_COLUMNS[k] for k in keys], [[cell(k, r.get(k)) for k in keys] for r in rows]


def table_html(a: Answer) -> str:
    """An accessible HTML table (caption, th scope) or '' when the answer has no rows to show."""
    if not a.rows:
        return ""
    headers, cells = fact_table(a.rows) if is_fact_rows(a) else other_table(a.rows)
    if not headers:
        return ""
    narrow = {"Bron", "Gemeente", "Document"}  # hidden first on a phone; the value never is
    th = "".join(f'<th scope="col" class="{_cls(h, narrow)}">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<td class="{_cls(h, narrow)}">{escape(v)}</td>'
                                    for h, v in zip(headers, row, strict=True)) + "</tr>" for row in cells)
    caption = "Cijfers achter het antwoord" if is_fact_rows(a) else "Gevonden rijen"
    return (f'<div class="cijfertabel-houder"><table class="cijfertabel"><caption>{caption}</caption>'
            f"<thead><tr>{th}</tr></thead><tbody>{body}</tbody></table></div>")


def _cls(header: str, narrow: set[str]) -> str:
    c = "kolom-" + header.lower().replace(" ", "-")
    return c + (" smal-verbergen" if header in narrow else "")


def rows_csv(a: Answer) -> str:
    """The rows as CSV for Dutch spreadsheets: semicolons, decimal commas, Dutch headers."""
    out = io.StringIO()
    w = csv.writer(out, delimiter=";", lineterminator="\r\n")
    if is_fact_rows(a):
        w.writerow([h for _, h in CSV_COLUMNS])
        for r in a.rows:
            r = {**r, "period_words": period_text(r.get("period_label"))}
            w.writerow([_csv_cell(r.get(k)) for k, _ in CSV_COLUMNS])
    else:
        keys = list(a.rows[0]) if a.rows else []
        w.writerow([OTHER_COLUMNS.get(k, k) for k in keys])
        for r in a.rows:
            w.writerow([_csv_cell(r.get(k)) for k in keys])
    return out.getvalue()


def _csv_cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        return (f"{v:.0f}" if v.is_integer() else repr(v)).replace(".", ",")
    return str(v)
