"""Two-column text tables whose values were flattened into vertical lists.

"Onderwerp Activiteit / 1e halfjaar 2018 / 2017 (gehele jaar)" headers, then per subject: a subject
line, an activity label (maybe "..., waarvan:") with bullet rows, and the values listed after the labels,
first column block then second ("1 1 0" / "134" / "10 3"). A value with a footnote mark glued to it
("6505" = 650 + footnote 5) is repaired only when the caption announces that footnote and the footnote
text or the sub-total proves which cell carries it; otherwise the whole figure is skipped.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import (
    caption_at,
    is_bullet,
    is_prose,
    join_lines,
    split_source,
    strip_bullet,
    strip_footnote_marks,
)
from assistant.extract.cells import Cell, strip_glued_footnote, values_only
from assistant.extract.headers import half_or_quarter_periods
from assistant.extract.model import CellOut, Column, Context, TableDraft
from assistant.periods import year

_VOCAB = re.compile(r"(?:19|20)\d\d|1e|2e|3e|4e|eerste|tweede|halfjaar|helft|kwartaal|\(?gehele|\(?geheel|jaar\)?|"
                    r"[HQ][1-4]|\(|\)", re.IGNORECASE)
_STOP = {"aantal", "zijn", "worden", "hebben", "deze", "daarom", "waarvan", "binnen", "andere"}


def _vocab_line(t: str) -> bool:
    toks = t.split()
    return bool(toks) and all(_VOCAB.fullmatch(x) for x in toks)


def _header_columns(text: str) -> list[Column] | None:
    """"1e halfjaar 2018 2017 (gehele jaar)" -> columns 2018-H1 and 2017."""
    spans = [(pos, p) for p, pos in half_or_quarter_periods(text)]
    masked = text
    for pos, _p in spans:
        m = re.compile(r"\S+\s+\S+\s+(?:van\s+)?\d{4}|[HQ][1-4]\s+\d{4}").match(text, pos)
        if m:
            masked = masked[:m.start()] + " " * (m.end() - m.start()) + masked[m.end():]
    for m in re.finditer(r"(?<!\d)(?:19|20)\d\d(?!\d)", masked):
        spans.append((m.start(), year(int(m.group()))))
    spans.sort(key=lambda s: s[0])
    if len(spans) < 2 or len({p for _, p in spans}) != len(spans):
        return None
    cols = []
    for i, (pos, p) in enumerate(spans):
        end = spans[i + 1][0] if i + 1 < len(spans) else len(text)
        cols.append(Column(label=" ".join(text[pos:end].split()), period=p))
    return cols


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-zà-ÿ’']{6,}", text.lower()) if w not in _STOP}


def find(ctx: Context) -> list[TableDraft]:
    out: list[TableDraft] = []
    for c, line in enumerate(ctx.lines):
        cap = caption_at(line)
        if not cap or (c + 1) in ctx.claimed:
            continue
        # the region: upwards from the caption until running text or another table
        r0 = c
        while r0 > 0 and c - r0 < 150:
            t = ctx.lines[r0 - 1]
            if (r0) in ctx.claimed or is_prose(t) or caption_at(t):
                break
            r0 -= 1
        d = _parse(ctx, r0, c, cap[1])
        if d:
            out.append(d)
            ctx.claimed |= d.claimed
    return out


def _parse(ctx: Context, r0: int, c: int, caption: str) -> TableDraft | None:
    lines = ctx.lines
    k = r0
    while k < c and not lines[k].strip():
        k += 1
    if k >= c or _vocab_line(lines[k]):
        return None
    head_start = k
    k += 1  # the text-column header ("Onderwerp Activiteit")
    vocab: list[str] = []
    while k < c and (not lines[k].strip() or _vocab_line(lines[k])):
        if lines[k].strip():
            vocab.append(lines[k].strip())
        k += 1
    columns = _header_columns(" ".join(vocab)) if vocab else None
    if not columns:
        return None
    n = len(columns)

    # groups: text lines, then value-only lines
    groups: list[tuple[list[tuple[int, str]], list[tuple[int, list[Cell]]]]] = []
    text: list[tuple[int, str]] = []
    vals: list[tuple[int, list[Cell]]] = []
    for j in range(k, c):
        t = lines[j]
        if not t.strip():
            if text and not vals:
                text.append((j, ""))
            continue
        cells = values_only(t, ctx.footnote_numbers)
        if cells is not None:
            vals.append((j, cells))
            continue
        if vals:
            groups.append((text, vals))
            text, vals = [], []
        text.append((j, t))
    if text and vals:
        groups.append((text, vals))
    elif text:
        return None  # labels without values: not a table we understand

    rows_out: list[tuple[list[str], str, list[tuple[int, Cell]], list[int]]] = []
    for text_lines, value_lines in groups:
        parsed = _rows(text_lines)
        if parsed is None:
            return None
        subject, label, bullets = parsed
        rows = ([label] if label else []) + bullets
        flat = [(ln, cell) for ln, cells in value_lines for cell in cells]
        r = len(rows)
        if r == 0 or len(flat) != r * n:
            return None  # cannot pair values with rows with certainty
        if r == 1:
            grid = [flat]
        elif all(len(cells) == 1 for _, cells in value_lines):
            grid = [[flat[col * r + row] for col in range(n)] for row in range(r)]  # column by column
        elif all(len(cells) == n for _, cells in value_lines):
            grid = [flat[row * n:(row + 1) * n] for row in range(r)]
        else:
            return None
        waarvan = bool(label and label.rstrip().endswith(":") and bullets)
        for i, row in enumerate(rows):
            path = [p for p in (subject,) if p]
            if waarvan and i > 0:
                path.append(label)
            clean = re.sub(r",?\s*waarvan\s*:?\s*$", "", row).rstrip(":").strip()
            children = list(range(1, r)) if waarvan and i == 0 else []
            rows_out.append((path + [clean], clean, grid[i], children))

    # footnote marks announced in the caption, glued to one value each
    caption_text, _ = split_source(caption)
    _, marks = strip_footnote_marks(caption_text.strip(), ctx.footnote_numbers)
    fixed: dict[tuple[int, int], Cell] = {}
    group_of = _group_index(rows_out)
    for mark in marks:
        note = ctx.footnotes.get(mark)
        if note is None:
            return None
        note_words = _words(note.text)
        found = []
        for ri, (path, _label, cells, children) in enumerate(rows_out):
            for ci, (_, cell) in enumerate(cells):
                if cell.value is None or not cell.raw.endswith(str(mark)) or len(cell.raw) <= len(str(mark)):
                    continue
                stripped = strip_glued_footnote(cell.raw, mark)
                if stripped is None:
                    continue
                sums = _children_sum(rows_out, group_of, ri, children, ci)
                if sums is not None and abs(sums - cell.value) < 1e-9:
                    continue  # the printed value adds up: no mark glued to it
                proof = sums is not None and abs(sums - stripped.value) < 1e-9
                context = bool(note_words & _words(" ".join(path)))
                if proof or context:
                    found.append((ri, ci, stripped))
        if len(found) != 1:
            return None  # the footnote's cell is not proven: emit nothing rather than a wrong number
        ri, ci, stripped = found[0]
        fixed[(ri, ci)] = stripped

    cells_out: list[CellOut] = []
    for ri, (path, label, cells, _) in enumerate(rows_out):
        for ci, (ln, cell) in enumerate(cells):
            cell = fixed.get((ri, ci), cell)
            cells_out.append(CellOut(row_label=label, row_path=path, column=columns[ci], cell=cell, line=ln + 1))
    if not cells_out:
        return None
    last = max(co.line for co in cells_out)
    d = TableDraft(layout="vertical", line_start=head_start + 1, line_end=last, cells=cells_out, caption_line=c + 1)
    d.claimed = set(range(head_start + 1, c + 2))
    return d


def _group_index(rows_out: list) -> list[int]:
    return list(range(len(rows_out)))


def _children_sum(rows_out: list, _group_of: list[int], ri: int, children: list[int], ci: int) -> float | None:
    if not children:
        return None
    vals = [rows_out[ri + k][2][ci][1].value for k in children if ri + k < len(rows_out)]
    if len(vals) != len(children) or any(v is None for v in vals):
        return None
    return float(sum(vals))


def _rows(text_lines: list[tuple[int, str]]) -> tuple[str | None, str | None, list[str]] | None:
    """(subject, activity label, bullet rows) from the text lines of one group."""
    pre: list[list[str]] = [[]]
    bullets: list[str] = []
    prev_blank = False
    for _, t in text_lines:
        if not t.strip():
            if not bullets and pre[-1]:
                pre.append([])
            prev_blank = True
            continue
        adjacent, prev_blank = not prev_blank, False
        if is_bullet(t):
            bullets.append(strip_bullet(t))
        elif bullets:
            # a bullet continues on the next line, or after a blank line with a lower-case start
            if adjacent or t.strip()[:1].islower() or not bullets[-1]:
                bullets[-1] = join_lines([bullets[-1], t.strip()])
            else:
                return None  # text after the bullets that does not continue them
        else:
            pre[-1].append(t.strip())
    chunks = [join_lines(c) for c in pre if c]
    raw_chunks = [c for c in pre if c]
    subject = label = None
    if len(chunks) >= 2:
        subject, label = chunks[0], join_lines(chunks[1:])
    elif len(chunks) == 1:
        first = raw_chunks[0]
        if bullets:
            subject = chunks[0]
        elif len(first) >= 2 and len(first[0].split()) <= 3 and first[1][:1].isupper():
            subject, label = first[0], join_lines(first[1:])
        else:
            label = chunks[0]
    return subject, label, [b for b in bullets if b]
