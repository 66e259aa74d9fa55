"""Spreadsheets (.xlsx, .ods, .csv) as text lines with cell provenance.

Staff keep figures in workbooks: exports of CBS StatLine and waarstaatjegemeente.nl, or their own
monitors. Each sheet becomes a block of lines: a "Blad: <name>" line, then one tab-separated line per
non-empty row, so the table reader sees cells with known boundaries (its grid family) and the chunker
and the passage view see readable text. Numbers are written in Dutch notation (48.7 -> "48,7", a
percentage-formatted 0.123 -> "12,3%"), the way a report would print them. Every rendered line keeps
the cell reference of each of its cells ("Blad1!C7"), which becomes the provenance of a fact.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from openpyxl.utils import get_column_letter

from assistant.numbers import format_dutch_number

MAX_ROWS = 20_000  # per sheet; a municipal monitor is far smaller, a data dump is not a report
MAX_COLS = 200


@dataclass
class Sheet:
    name: str
    rows: list[list[str]]  # rendered cell texts
    refs: list[list[str]]  # "Blad1!C7" per cell
    truncated: bool = False


@dataclass
class Rendered:
    lines: list[str]
    cell_refs: dict[int, list[str]] = field(default_factory=dict)  # 1-based line -> ref per tab cell
    sheets: list[tuple[str, int, int]] = field(default_factory=list)  # (name, first line, last line)


def _number(v: float, percent: bool = False) -> str:
    if percent:
        v = v * 100
    if float(v).is_integer():
        # a whole number that looks like a year is printed as a year ("2019", not "2.019")
        s = str(int(v)) if 1900 <= v <= 2100 else format_dutch_number(float(v), 0)
    else:
        s = format_dutch_number(round(float(v), 6), None)
        s = s.rstrip("0").rstrip(",") if "," in s else s
    return s + ("%" if percent else "")


def _text(v: object, number_format: str = "") -> str:
    if v is None:
        return ""
    if isinstance(v, bool):
        return "ja" if v else "nee"
    if isinstance(v, (int, float)):
        return _number(float(v), "%" in number_format)
    if isinstance(v, datetime):
        return v.date().isoformat() if (v.hour, v.minute, v.second) == (0, 0, 0) else v.isoformat(" ")
    if isinstance(v, date):
        return v.isoformat()
    return " ".join(str(v).replace("\t", " ").split())


def read_xlsx(data: bytes) -> list[Sheet]:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    out = []
    for ws in wb.worksheets:
        rows, refs = [], []
        truncated = False
        for r_i, row in enumerate(ws.iter_rows(max_col=MAX_COLS), start=1):
            if r_i > MAX_ROWS:
                truncated = True
                break
            texts = [_text(c.value, getattr(c, "number_format", "") or "") for c in row]
            rows.append(texts)
            refs.append([f"{ws.title}!{get_column_letter(c_i)}{r_i}" for c_i in range(1, len(texts) + 1)])
        out.append(Sheet(ws.title, rows, refs, truncated))
    wb.close()
    return out


def read_ods(data: bytes) -> list[Sheet]:
    import pandas as pd

    book = pd.read_excel(io.BytesIO(data), engine="odf", sheet_name=None, header=None)
    out = []
    for name, df in book.items():
        rows, refs = [], []
        for r_i, row in enumerate(df.itertuples(index=False), start=1):
            if r_i > MAX_ROWS:
                break
            texts = []
            for v in list(row)[:MAX_COLS]:
                if isinstance(v, float) and v != v:  # NaN: an empty cell
                    texts.append("")
                else:
                    texts.append(_text(v.item() if hasattr(v, "item") else v))
            rows.append(texts)
            refs.append([f"{name}!{get_column_letter(c_i)}{r_i}" for c_i in range(1, len(texts) + 1)])
        out.append(Sheet(str(name), rows, refs, len(df) > MAX_ROWS))
    return out


_POINT_DECIMAL = re.compile(r"^-?\d+\.\d+$")


def read_csv(text: str, name: str) -> list[Sheet]:
    sample = text[:20_000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ";" if sample.count(";") >= sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows, refs = [], []
    sheet = Path(name).stem
    for r_i, row in enumerate(reader, start=1):
        if r_i > MAX_ROWS:
            break
        cells = [" ".join(c.split()) for c in row[:MAX_COLS]]
        if delimiter == ",":
            # a comma-separated export writes decimals with a point: "48.7" is 48,7 in a Dutch report
            cells = [c.replace(".", ",") if _POINT_DECIMAL.match(c) else c for c in cells]
        rows.append(cells)
        refs.append([f"{sheet}!{get_column_letter(c_i)}{r_i}" for c_i in range(1, len(cells) + 1)])
    return [Sheet(sheet, rows, refs)]


def render(sheets: list[Sheet]) -> Rendered:
    """Sheets as lines: "Blad: <name>", then one tab-separated line per non-empty row, a blank between sheets."""
    out = Rendered(lines=[])
    for s in sheets:
        if out.lines:
            out.lines.append("")
        first = len(out.lines) + 1
        out.lines.append(f"Blad: {s.name}")
        # columns left empty in every row (a table that starts in column B) are not rendered
        filled = [next(i for i, c in enumerate(r) if c) for r in s.rows if any(r)]
        lead = min(filled) if filled else 0
        for cells, refs in zip(s.rows, s.refs, strict=True):
            cells, refs = cells[lead:], refs[lead:]
            while cells and not cells[-1]:
                cells, refs = cells[:-1], refs[:-1]
            if not any(cells):
                continue
            if sum(1 for c in cells if c) == 1:
                # a title or note row: its text alone, so it reads as a line of text
                k = next(i for i, c in enumerate(cells) if c)
                out.lines.append(cells[k])
                out.cell_refs[len(out.lines)] = [refs[k]]
                continue
            out.lines.append("\t".join(cells))
            out.cell_refs[len(out.lines)] = list(refs)
        out.sheets.append((s.name, first, len(out.lines)))
    return out
