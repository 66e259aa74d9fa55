"""Rows under column headers that were broken over several lines.

"Nieuwe / vragen", "Brede / uitvraag", "Onder- / steunings- / plannen" (blank lines between the
headers), then rows "CJG 234 (206) 75 (84) 63 (67)" possibly followed by a text column of bullets; or
"Aantal / cliënten", "Gemiddelde / wachttijd / (weken)", "Percentage / binnen Treeknorm" over rows
"Retrospectieve wachttijd6 97 2,1 98%". Without a header per value column nothing is emitted.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import caption_at, is_prose, join_lines
from assistant.extract.cells import split_row
from assistant.extract.headers import title_period
from assistant.extract.model import CellOut, Column, Context, TableDraft, label_unit
from assistant.extract.rows import clean_label

MAX_GAP = 8  # text lines (bullets of a text column) allowed between two rows


def _row(ctx: Context, k: int):
    t = ctx.lines[k]
    if (k + 1) in ctx.claimed or not t.strip() or caption_at(t):
        return None
    sr = split_row(t, ctx.footnote_numbers)
    if len(sr.cells) < 2 or not re.search(r"[A-Za-zÀ-ÿ]", sr.label) or is_prose(sr.label):
        return None
    if len(sr.label.split()) > 8:
        return None
    return sr


def _stop_line(t: str) -> bool:
    s = t.strip()
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", s)
    return (is_prose(s) or bool(caption_at(s)) or s.endswith(("”", '"', "’", ".", "!", "?"))
            or (len(letters) >= 4 and letters.isupper()))


def _header_chunks(ctx: Context, first: int, max_up: int = 14) -> tuple[list[str], int] | None:
    """Column headers above the first row: blank-separated chunks, lower-case starts continue a chunk."""
    collected: list[tuple[int, str]] = []
    k = first - 1
    while k >= 0 and first - k <= max_up:
        t = ctx.lines[k]
        if t.strip():
            if (k + 1) in ctx.claimed or _stop_line(t) or split_row(t).cells:
                break
            collected.append((k, t.strip()))
        k -= 1
    if not collected:
        return None
    collected.reverse()
    chunks: list[list[str]] = []
    prev = None
    for k, t in collected:
        if prev is None or k > prev + 1:
            if chunks and (t[:1].islower() or t.startswith("(")):
                chunks[-1].append(t)  # "Aantal" / blank / "cliënten" is one header
            else:
                chunks.append([t])
        else:
            chunks[-1].append(t)
        prev = k
    out = [join_lines(c) for c in chunks]
    if any(len(c.split()) > 8 for c in out):
        return None
    return out, collected[0][0]


def _column(text: str) -> Column:
    unit = label_unit(text)
    if unit is None and text.lower().startswith("aantal"):
        unit = "aantal"
    return Column(label=text, period=title_period(text), unit=unit)


def find(ctx: Context) -> list[TableDraft]:
    out: list[TableDraft] = []
    k = 0
    n_lines = len(ctx.lines)
    while k < n_lines:
        first = _row(ctx, k)
        if first is None:
            k += 1
            continue
        n = len(first.cells)
        rows = [(k, first)]
        text_after = False
        j, gap = k + 1, 0
        while j < n_lines and gap <= MAX_GAP:
            t = ctx.lines[j]
            if caption_at(t) or (j + 1) in ctx.claimed or is_prose(t):
                break
            sr = _row(ctx, j)
            if sr is not None:
                if len(sr.cells) != n:
                    break
                rows.append((j, sr))
                gap = 0
            elif t.strip():
                text_after = True
                gap += 1
            j += 1
        if len(rows) < 2:
            k += 1
            continue
        found = _header_chunks(ctx, k)
        if not found:
            k = rows[-1][0] + 1
            continue
        chunks, start = found
        if len(chunks) == n:
            heads = chunks
        elif len(chunks) == n + 1:
            # one extra header: the text column after the values, or the row-label column before them
            heads = chunks[:n] if text_after else chunks[1:]
        else:
            k = rows[-1][0] + 1
            continue
        columns = [_column(h) for h in heads]
        cells: list[CellOut] = []
        for ln, sr in rows:
            label, _, _ = clean_label(sr.label, ctx.footnote_numbers)
            for col, cell in zip(columns, sr.cells, strict=True):
                cells.append(CellOut(row_label=label, row_path=[label], column=col, cell=cell, line=ln + 1,
                                     unit=label_unit(label)))
        last = rows[-1][0]
        d = TableDraft(layout="chunk_header", line_start=start + 1, line_end=last + 1, cells=cells)
        d.claimed = set(range(start + 1, last + 2))
        ctx.claimed |= d.claimed
        out.append(d)
        k = last + 1
    return out
