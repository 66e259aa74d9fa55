"""Tab-separated tables (monitor reports exported with real cell boundaries).

Header rows: municipalities each followed by an empty cell with "aantal % aantal % ..." under them,
PGB/ZIN/totaal triples, lasten/baten/saldo groups, "A D H P S Z" initials, "realisatie 2015" periods.
Rows whose value cells are all empty are section rows ("verwijzers") and become row-path groups.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import join_lines
from assistant.extract.cells import is_year_token, parse_cell
from assistant.extract.headers import kind_of, title_period
from assistant.extract.model import CellOut, Column, Context, TableDraft
from assistant.extract.municipalities import Municipalities

_MEASURES = {"aantal": ("aantal", "aantal"), "%": ("%", "%"), "procent": ("%", "%"),
             "per 1.000 inwoners": ("per 1.000 inwoners", "per 1.000 inwoners"),
             "per 1.000 huishoudens": ("per 1.000 huishoudens", "per 1.000 huishoudens"),
             "lasten": ("lasten", None), "baten": ("baten", None), "saldo": ("saldo", None)}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _is_header(cells: list[str]) -> bool:
    vals = [c for c in cells[1:] if c]
    if not vals:
        return False
    if all(is_year_token(c) for c in vals):
        return True
    return all(parse_cell(c, allow_ratio=True) is None for c in vals)


def _norm_header(text: str) -> str:
    # "per 1.000 inwo- ners" -> "per 1.000 inwoners"; "begroting 2017 ^a" -> "begroting 2017"
    t = join_lines(text.replace("- ", "-\n").split("\n"))
    t = re.sub(r"\s*\^\w+$", "", t)
    return " ".join(t.split())


def _columns(headers: list[list[str]], width: int) -> list[Column | None]:
    top = headers[0]
    sub = headers[1] if len(headers) > 1 else []
    cols: list[Column | None] = [None]
    current = None
    for j in range(1, width):
        t = _norm_header(top[j]) if j < len(top) else ""
        s = _norm_header(sub[j]) if j < len(sub) else ""
        if t:
            current = t
        elif not sub:
            current = None  # without a sub-header an empty top cell is no column
        if not current and not s:
            cols.append(None)
            continue
        label = " - ".join(x for x in (current, s) if x)
        measure, unit = _MEASURES.get(s.lower(), (None, None))
        period = title_period(current) if current else None
        cols.append(Column(label=label, period=period, period_kind=kind_of(current or ""), measure=measure,
                           unit=unit, header=current))
    return cols


def find(ctx: Context) -> list[TableDraft]:
    lines = ctx.lines
    out: list[TableDraft] = []
    i = 0
    while i < len(lines):
        if "\t" not in lines[i] or (i + 1) in ctx.claimed:
            i += 1
            continue
        j = i
        while j < len(lines) and "\t" in lines[j]:
            j += 1
        d = _parse_block(ctx, i, j)
        if d:
            out.append(d)
            ctx.claimed |= d.claimed
        i = j
    return out


def _parse_block(ctx: Context, i: int, j: int) -> TableDraft | None:
    rows = [_cells(ctx.lines[k]) for k in range(i, j)]
    headers: list[list[str]] = []
    while len(headers) < 2 and len(headers) < len(rows) and _is_header(rows[len(headers)]):
        headers.append(rows[len(headers)])
    if not headers:
        return None
    width = max(len(r) for r in rows)
    cols = _columns(headers, width)
    fns = ctx.footnote_numbers
    out: list[CellOut] = []
    group: str | None = None
    last = None
    for k in range(i + len(headers), j):
        cells = rows[k - i]
        label = cells[0].rstrip("*").strip()
        vals = cells[1:]
        if not label:
            continue
        if not any(vals):
            group = label  # section row: "verwijzers", "nieuwe Wmo-voorzieningen"
            continue
        parsed = [(n, parse_cell(v, fns, allow_ratio=True)) for n, v in enumerate(vals, start=1) if v]
        good = [(n, c) for n, c in parsed if c is not None]
        if not good or len(good) * 2 < len(parsed):
            continue  # a text row (who / when / where), not figures
        path = ([group] if group else []) + [label]
        for n, c in good:
            col = cols[n] if n < len(cols) else None
            if col is None:
                continue
            out.append(CellOut(row_label=label, row_path=path, column=col, cell=c, line=k + 1))
        last = k
    if not out or last is None:
        return None
    d = TableDraft(layout="tabbed", line_start=i + 1, line_end=last + 1, cells=out)
    d.claimed = set(range(i + 1, j + 1))
    return d


def resolve_municipalities(drafts: list[TableDraft], munis: Municipalities) -> None:
    """Fill Column.municipality from the raw headers, once all tables of the document are known."""
    cols = [co.column for d in drafts if d.layout == "tabbed" for co in d.cells]
    found = {c.header: munis.resolve(c.header) for c in cols if c.header}
    names = [v for v in found.values() if v and v != "Nederland"]
    canon = munis.canonical(names)
    initials = munis.initials(sorted(set(canon.values())))
    for c in cols:
        if not c.header:
            continue
        name = found.get(c.header)
        if name:
            c.municipality = canon.get(name, name)
        elif re.fullmatch(r"[A-Z]", c.header) and c.header in initials:
            c.municipality = initials[c.header]
