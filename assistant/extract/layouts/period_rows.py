"""Rows of values under stacked period headers.

"2015 2016 2017 2018" over "H1 H2 H1 H2 H1 H2 H1", "1e helft / 2e helft" pairs on their own lines, or
"H1 / 2015" broken over two lines: the header lines hold nothing but period words, then rows follow.
"""

from __future__ import annotations

from assistant.extract.headers import header_tokens, periods_from_tokens
from assistant.extract.model import Column, Context, TableDraft
from assistant.extract.rows import parse_rows


def find(ctx: Context) -> list[TableDraft]:
    lines = ctx.lines
    out: list[TableDraft] = []
    i = 0
    while i < len(lines):
        if (i + 1) in ctx.claimed or header_tokens(lines[i]) is None:
            i += 1
            continue
        toks: list[str] = []
        j, last = i, i
        while j < len(lines):
            if not lines[j].strip():
                j += 1
                continue
            ht = header_tokens(lines[j])
            if ht is None:
                break
            toks += ht
            last = j
            j += 1
        periods = periods_from_tokens(toks)
        if not periods or len(periods) < 2:
            i = last + 1
            continue
        columns = [Column(label=p.label, period=p) for p in periods]
        cells, last_row = parse_rows(ctx, last + 1, columns)
        rows = {c.line for c in cells}
        if len(rows) >= 2:
            d = TableDraft(layout="period_rows", line_start=i + 1, line_end=last_row + 1, cells=cells)
            d.claimed = set(range(i + 1, last_row + 2))
            ctx.claimed |= d.claimed
            out.append(d)
            i = last_row + 1
        else:
            i = last + 1
    return out
