"""Pages printed in two columns, as a layout-preserving PDF dump (`pdftotext -layout`) gives them.

Such a dump puts a line of the left column and a line of the right column side by side on one text line:
"Deze monitor laat zien hoeveel kinderen en jongeren in        Hoofdstuk 2 gaat over het aantal …". A table
in one column then shares its lines with running text of the other. Line numbers are the provenance of
everything, so the text is not reordered: the document is read in *views*. The left view holds every line with
the right column of two-column stretches cut off; the right view holds only the right column of those
stretches (other lines blank, positions kept). Each view is read on its own; a cell's text still stands in its
line of the file.

A stretch is two-column when one gutter position runs through it: every line is blank or has at least two
spaces right before the gutter, and running text flows on both sides (continuation lines starting in lower
case in both columns). A space-aligned table has gutters too, but not sentences flowing down both sides.
Two tables printed side by side are a two-column stretch too: their captions share a line, and the gutter is
where the right caption starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MIN_COLUMN = 25  # characters: narrower columns are table columns, not page columns
MIN_TWO_SIDED = 5  # lines with words on both sides of the gutter
MAX_ZONE = 400  # lines: a bound on the search, far beyond a page


@dataclass
class Zone:
    start: int  # 0-based first line
    end: int  # 0-based last line (inclusive)
    gutter: int  # character position where the right column starts


_WORD = re.compile(r"[A-Za-zÀ-ÿ]{2,}")


def _words(text: str) -> int:
    return len(_WORD.findall(text))


def _fits(line: str, p: int) -> bool:
    """`line` has nothing in the two characters before position `p` (or ends before it)."""
    return not line[max(0, p - 2):p].strip()


def _sides(line: str, p: int) -> tuple[str, str]:
    return line[:p].strip(), line[p:].strip()


def _flows(parts: list[str]) -> int:
    """How often a column's next line goes on in lower case (a sentence running down the column)."""
    return sum(1 for a, b in zip(parts, parts[1:], strict=False) if a and b and b[:1].islower())


_CAPTION = re.compile(r"(?:Tabel|Figuur|Grafiek)\s+\d+(?:\.\d+)*[a-z]?\b", re.IGNORECASE)


def _side_by_side_tables(lines: list[str], i: int) -> Zone | None:
    """Two tables printed side by side: captions of both on one line ("Tabel 1a Jeugd      Tabel 1b Wmo"), then
    their headers and rows on shared lines, up to the first line that runs across the gutter."""
    line = lines[i]
    if not _CAPTION.match(line.strip()):
        return None
    right = [m for m in _CAPTION.finditer(line) if m.start() >= MIN_COLUMN and not line[m.start() - 2:m.start()].strip()]
    if not right:
        return None
    p = right[0].start()
    j = i
    while j + 1 < len(lines) and j - i < MAX_ZONE and _fits(lines[j + 1], p):
        j += 1
    while j > i and not lines[j].strip():
        j -= 1
    both = sum(1 for k in range(i, j + 1) if all(_sides(lines[k], p)))
    return Zone(i, j, p) if both >= 3 else None


def find_zones(lines: list[str]) -> list[Zone]:
    """The two-column stretches of a document."""
    width = max((len(ln) for ln in lines), default=0)
    if width < 2 * MIN_COLUMN:
        return []
    zones: list[Zone] = []
    i = 0
    n = len(lines)
    while i < n:
        tables = _side_by_side_tables(lines, i)
        if tables is not None:
            zones.append(tables)
            i = tables.end + 1
            continue
        best: Zone | None = None
        best_score = 0
        for p in _gutters(lines[i]):
            j = i
            while j + 1 < n and j - i < MAX_ZONE and _fits(lines[j + 1], p):
                j += 1
            if j - i + 1 < MIN_TWO_SIDED:
                continue
            pairs = [_sides(lines[k], p) for k in range(i, j + 1)]
            two_sided = sum(1 for a, b in pairs if _words(a) >= 2 and _words(b) >= 2)
            lefts = [a for a, _ in pairs]
            rights = [b for _, b in pairs]
            if two_sided < MIN_TWO_SIDED or _flows(lefts) < 2 or _flows(rights) < 2:
                continue
            # a table's value columns are no column of running text ("per 1.000 inwoners  2022  801,6  512,3")
            numeric = sum(1 for b in rights if len(re.findall(r"(?<![\w.,])\d[\d.,]*(?![\w])", b)) >= 2)
            if numeric * 2 > len([b for b in rights if b]):
                continue
            score = two_sided * 1000 + p  # the most lines, then the rightmost gutter (no leading space)
            if score > best_score:
                best, best_score = Zone(i, j, p), score
        if best is not None:
            zones.append(best)
            i = best.end + 1
        else:
            i += 1
    return zones


_GAP = re.compile(r"(?<=\S)\s{2,}(?=\S)")


def _gutters(line: str) -> list[int]:
    """Positions where a right column could start in `line`: inside a run of 2+ spaces with words on both
    sides, both sides at least a column wide."""
    out: list[int] = []
    for m in _GAP.finditer(line):
        if m.start() < MIN_COLUMN - 2 or len(line) - m.end() < 3:
            continue
        if _words(line[:m.start()]) < 2 or _words(line[m.end():]) < 2:
            continue
        out.extend(range(max(m.start() + 2, MIN_COLUMN), m.end() + 1))
    return out


def views(lines: list[str]) -> list[list[str]]:
    """[the document] without two-column stretches; else [left view, right view] (same line numbers)."""
    zones = find_zones(lines)
    if not zones:
        return [lines]
    left = list(lines)
    right = [""] * len(lines)
    for z in zones:
        for k in range(z.start, z.end + 1):
            ln = lines[k]
            left[k] = ln[:z.gutter].rstrip()
            right[k] = (" " * z.gutter + ln[z.gutter:]).rstrip() if ln[z.gutter:].strip() else ""
    return [left, right]
