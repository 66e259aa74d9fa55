"""Space-aligned text tables (``pdftotext -layout`` dumps, fixed-width exports): columns by position.

In a layout-preserving dump every column keeps its place on the line. The cells of the body rows give the
column slots (character ranges); each header fragment belongs to the slot it stands above, so a header cell
printed over two or three lines ("Realisatie" / "2022", "Verschil" / "t.o.v." / "begroting") is one column
name, and text columns (Eenheid, Periode) are told from value columns by their header. A fragment over a
group of slots ("Heusden" above three year columns) is a spanning parent: when the leaf names repeat
("2021 2022 2023 2021 2022 2023") the line above is read as group labels, each slot under the nearest one.
Body lines are cut at the same slots, so an empty cell stays empty and a year in a Periode column is no value.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.extract.blocks import join_lines
from assistant.extract.cells import Cell, _negative_in_brackets, parse_cell

_SEG = re.compile(r"\S+(?: \S+)*")
TOLERANCE = 2  # characters a header fragment may stand beside its column without touching it


@dataclass(frozen=True)
class Seg:
    start: int
    end: int  # exclusive
    text: str

    @property
    def center(self) -> float:
        return (self.start + self.end) / 2


def segments(text: str) -> list[Seg]:
    """The runs of a line separated by two or more spaces."""
    return [Seg(m.start(), m.end(), m.group()) for m in _SEG.finditer(text.replace("\t", "    "))]


def value_cell(text: str, footnotes: set[int] | None = None) -> Cell | None:
    return parse_cell(text, footnotes) or _negative_in_brackets(text)


def split_values(segs: list[Seg], footnotes: set[int] | None = None) -> list[Seg]:
    """Cut a run of values printed one space apart ("1.046 1.020") into one segment per value."""
    out: list[Seg] = []
    for s in segs:
        toks = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", s.text)]
        if len(toks) > 1 and value_cell(s.text, footnotes) is None and all(
                value_cell(t, footnotes) is not None for _, _, t in toks):
            out.extend(Seg(s.start + a, s.start + b, t) for a, b, t in toks)
        else:
            out.append(s)
    return out


def aligned_row(text: str) -> bool:
    """A row of a layout-preserving export: label and cells stand apart by runs of spaces."""
    return len(segments(text)) >= 2 and bool(re.search(r"\S {2,}\S", text.strip()))


def find_slots(rows: list[list[Seg]]) -> list[tuple[int, int]]:
    """Column slots: the character ranges that the cells of the body rows occupy (overlapping cells of
    different rows are one column; right-aligned numbers overlap at their right end)."""
    spans = sorted((s.start, s.end) for row in rows for s in row)
    slots: list[list[int]] = []
    for a, b in spans:
        if slots and a < slots[-1][1]:
            slots[-1][1] = max(slots[-1][1], b)
        else:
            slots.append([a, b])
    return [(a, b) for a, b in slots]


def slot_of(seg: Seg, slots: list[tuple[int, int]], tolerance: int = TOLERANCE) -> int | None:
    """The one slot a cell stands in (overlapping it, or beside it within `tolerance`); None if none or
    several."""
    over = [i for i, (a, b) in enumerate(slots) if seg.start < b and a < seg.end]
    if len(over) == 1:
        return over[0]
    if over:
        return None
    near = [(min(abs(seg.start - b), abs(a - seg.end)), i) for i, (a, b) in enumerate(slots)]
    d, i = min(near)
    return i if d <= tolerance else None


@dataclass
class SlotHeader:
    text: str  # the stacked header text of the slot ("Verschil t.o.v. begroting"), "" when none
    parent: str | None = None  # a spanning header above it ("Heusden")


def _split_words(s: Seg, slots: list[tuple[int, int]], column_word) -> list[Seg] | None:
    """A fragment over several slots whose words each stand over a slot of their own and each name a column
    ("Deventer Olst-Wijhe" printed one space apart over two municipality columns), as one fragment per word."""
    words = [Seg(s.start + m.start(), s.start + m.end(), m.group()) for m in re.finditer(r"\S+", s.text)]
    over = [i for i, (a, b) in enumerate(slots) if s.start < b and a < s.end]
    if len(words) != len(over) or not all(column_word(w.text) for w in words):
        return None
    places = [slot_of(w, slots) for w in words]
    if None in places or len(set(places)) != len(words) or set(places) != set(over):
        return None
    return words


def stack_header(lines: list[list[Seg]], slots: list[tuple[int, int]], margin: int,
                 column_word=None) -> list[SlotHeader] | None:
    """Header text per slot from header lines (top first). A fragment at the left margin that stands over no
    slot heads the label column ("Indicator", "(x € 1.000)") and is skipped. None when a fragment stands
    over no slot, or when the column names cannot be told apart."""
    n = len(slots)

    def label_head(s: Seg) -> bool:
        return s.start <= margin + 1 and not any(s.start < b and a < s.end for a, b in slots)

    def build(groups: list[list[Seg]], stacked: list[list[Seg]]) -> list[SlotHeader] | None:
        texts: list[list[str]] = [[] for _ in range(n)]
        parents: list[list[str]] = [[] for _ in range(n)]
        for line in groups:
            for i, (a, b) in enumerate(slots):
                nearest = min(line, key=lambda s: abs(s.center - (a + b) / 2))
                parents[i].append(nearest.text)
        rows: list[list[int]] = [[] for _ in range(n)]  # the header line of each fragment of a slot
        for y, line in enumerate(stacked):
            for s in line:
                if label_head(s):
                    continue
                over = [i for i, (a, b) in enumerate(slots) if s.start < b and a < s.end]
                if len(over) > 1:  # one fragment over several slots: a spanning header
                    for i in over:
                        parents[i].append(s.text)
                    continue
                i = slot_of(s, slots)
                if i is None or y in rows[i]:
                    return None  # over no slot, or two fragments of one line over one slot: not aligned
                texts[i].append(s.text)
                rows[i].append(y)
        # a column name that starts lower-case below the top of another column lost its first word to a
        # neighbour ("Afwijking" printed over the wrong column): the positions cannot be trusted
        top = min((r[0] for r in rows if r), default=0)
        if any(t and t[0][:1].islower() and r[0] > top and len(t) > 1 for t, r in zip(texts, rows, strict=True)):
            return None
        return [SlotHeader(join_lines(t), " ".join(p) or None) for t, p in zip(texts, parents, strict=True)]

    if column_word is not None:
        lines = [[w for s in ln for w in (_split_words(s, slots, column_word) or [s])] for ln in lines]
    out = build([], lines)
    if out is None or _distinct(out):
        return out
    # repeated leaf names ("2022 2023 2022 2023"): the shorter lines above the lower ones are group labels,
    # each over two or more slots, every slot under the nearest one
    for cut in range(1, len(lines)):
        upper = [[s for s in ln if not label_head(s)] for ln in lines[:cut]]
        if not all(0 < len(ln) <= n // 2 for ln in upper):
            continue
        grouped = build(upper, lines[cut:])
        if grouped is not None and _distinct(grouped) and min(Counter(h.parent for h in grouped).values()) >= 2:
            return grouped
    return None


def _distinct(headers: list[SlotHeader]) -> bool:
    keys = [(h.parent, h.text) for h in headers if h.text]
    return len(keys) == len(set(keys))
