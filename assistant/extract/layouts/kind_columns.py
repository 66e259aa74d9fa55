"""Tables whose header names period kinds: "Realisatie 2016 Raming 2017 voor wijziging ... Afwijking 2017".

Covers financial tables ("bedragen x €1000", negatives, "-" cells) and key-figure lists ("Begroting 2017
Resultaat 2017" with group lines, "- scouting 350 kind 370 kind", "300 kind nnb").
"""

from __future__ import annotations

from assistant.extract.blocks import find_unit, is_prose, title_above
from assistant.extract.headers import parse_kind_columns
from assistant.extract.model import Column, Context, TableDraft
from assistant.extract.rows import parse_rows


def find(ctx: Context) -> list[TableDraft]:
    lines = ctx.lines
    out: list[TableDraft] = []
    for i, line in enumerate(lines):
        if (i + 1) in ctx.claimed or "\t" in line:  # tab-separated tables have their own parser
            continue
        parsed = parse_kind_columns(line)
        if not parsed:
            continue
        prefix, kcols = parsed
        if len(prefix.split()) > 10 or is_prose(prefix):
            continue
        columns = [Column(label=c.label, period=c.period, period_kind=c.kind) for c in kcols]
        cells, last_row = parse_rows(ctx, i + 1, columns, allow_unit_words=True)
        if not cells:
            continue
        # title and unit: the header's own prefix, else the line(s) just above it
        unit, scale, title = find_unit(prefix)
        above, above_line = title_above(lines, i + 1, max_up=2)
        start = i + 1
        if above:
            u2, s2, rest = find_unit(above)
            if u2 and not unit:
                unit, scale = u2, s2
            if not title and rest:
                title = rest
            if u2 or not prefix:
                start = above_line or start
        d = TableDraft(layout="kind_columns", line_start=start, line_end=last_row + 1, cells=cells,
                       title=title or None, unit=unit, scale=scale)
        d.claimed = set(range(start, last_row + 2))
        ctx.claimed |= d.claimed
        out.append(d)
    return out
