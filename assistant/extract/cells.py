"""Table cells: Dutch numbers, status words, glued footnote digits and bracketed sub-values.

A cell is parsed only when the whole text is recognisably a value; anything else returns None so a
layout never turns a word into a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import parse_dutch_number

# One number as printed: optional sign and euro sign, thousands dots, decimal comma, optional %.
NUMBER_RE = r"[-−–]?(?:€\s?)?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s?%?"
_NUMBER = re.compile(NUMBER_RE)

# Cell texts that mean "no value" (kept in Fact.status). Order matters: longest first.
STATUS_WORDS = ("n.n.b.", "n.v.t.", "n.b.", "nnb", "nvt", "nb", "geheim", "onbekend", "-", "–", "—", ".")
_STATUS = re.compile(
    r"(?P<s>n\.\s?n\.\s?b\.?|n\.\s?v\.\s?t\.?|n\.\s?b\.?|nnb|nvt|geheim|onbekend)(?P<fn>\d{1,2})?",
    re.IGNORECASE,
)
_DASH = re.compile(r"[-–—.]")
_BRACKET = re.compile(rf"\(\s*(?P<inner>{NUMBER_RE}|n\.\s?b\.?|-)\s*\)")
_RATIO = re.compile(r"\d{1,3}:\d{1,3}")


@dataclass(frozen=True)
class Cell:
    raw: str  # exact cell text as in the source line
    value: float | None
    status: str | None = None  # n.b., n.v.t., -, geheim, ratio text ...
    unit: str | None = None  # "%" or "€" when printed in the cell
    footnote: int | None = None  # footnote mark glued to the cell ("n.b.3")
    bracket: Cell | None = None  # "(206)" in "234 (206)"

    @property
    def is_value(self) -> bool:
        return self.value is not None


def _number_cell(text: str) -> Cell | None:
    t = text.strip()
    if not _NUMBER.fullmatch(t):
        return None
    value = parse_dutch_number(t.replace(" %", "%"))
    if value is None:
        return None
    unit = "%" if t.endswith("%") else ("€" if "€" in t else None)
    return Cell(raw=t, value=value, unit=unit)


def _status_cell(text: str, footnotes: set[int] | None) -> Cell | None:
    t = text.strip()
    if _DASH.fullmatch(t):
        return Cell(raw=t, value=None, status=t)
    m = _STATUS.fullmatch(t)
    if not m:
        return None
    fn = m.group("fn")
    if fn is not None:
        # "n.b.3": the trailing digit is a footnote only when the document has that footnote.
        if footnotes is None or int(fn) not in footnotes:
            return None
        return Cell(raw=t, value=None, status=m.group("s"), footnote=int(fn))
    return Cell(raw=t, value=None, status=m.group("s"))


def parse_cell(text: str, footnotes: set[int] | None = None, allow_ratio: bool = False) -> Cell | None:
    """Parse one cell text; None when it is not a value, a status word or a bracketed pair.

    "1.408" -> 1408; "97%" -> 97 (unit %); "n.b." -> status; "n.b.3" -> status with footnote 3
    (only if 3 is in `footnotes`); "234 (206)" -> 234 with bracket 206; "79:21" -> status when
    `allow_ratio` (a ratio is never turned into a number).
    """
    t = text.strip().replace("\u00a0", " ")
    if not t:
        return None
    m = re.fullmatch(rf"(?P<main>.+?)\s*(?P<br>{_BRACKET.pattern})", t)
    if m:
        main = _number_cell(m.group("main")) or _status_cell(m.group("main"), footnotes)
        inner_text = m.group("br")[1:-1].strip()
        inner = _number_cell(inner_text) or _status_cell(inner_text, None)
        if main is None or inner is None:
            return None
        inner = Cell(raw=m.group("br"), value=inner.value, status=inner.status, unit=inner.unit)
        return Cell(raw=t, value=main.value, status=main.status, unit=main.unit,
                    footnote=main.footnote, bracket=inner)
    cell = _number_cell(t) or _status_cell(t, footnotes)
    if cell is None and allow_ratio and _RATIO.fullmatch(t):
        return Cell(raw=t, value=None, status=t)
    return cell


def strip_glued_footnote(raw: str, mark: int) -> Cell | None:
    """Remove footnote `mark` glued to the end of a number ("6505" with mark 5 -> 650).

    The caller must have proven that the footnote belongs to this cell; this only does the text part.
    """
    s = str(mark)
    t = raw.strip()
    if not t.endswith(s) or len(t) <= len(s):
        return None
    base = _number_cell(t[: -len(s)])
    if base is None:
        return None
    return Cell(raw=t, value=base.value, unit=base.unit, footnote=mark)


def is_year_token(text: str) -> bool:
    return bool(re.fullmatch(r"(?:19|20)\d\d", text.strip()))


# --- splitting a space-separated row ("Label 12 1.408 n.b. 97%") --------------------------------

_TOKEN = re.compile(r"\S+")
_UNIT_WORD = re.compile(r"[a-z]{2,8}\.?")


@dataclass
class SplitRow:
    label: str
    cells: list[Cell]
    units: list[str | None]  # unit word printed after a value ("350 kind"), per cell


def split_row(line: str, footnotes: set[int] | None = None, allow_unit_words: bool = False) -> SplitRow:
    """Split a flattened table row into its label and the run of value cells at its end.

    Values are taken from the right while tokens are cells; the rest is the label. A bracketed
    token "(206)" joins the value before it. With `allow_unit_words`, a short lower-case word after a
    number ("350 kind", "150 deeln") is read as that value's unit.
    """
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]
    cells: list[Cell] = []
    units: list[str | None] = []
    i = len(toks) - 1
    cut = len(line)
    while i >= 0:
        j = i
        unit = None
        if (allow_unit_words and j > 0 and _UNIT_WORD.fullmatch(toks[j][0])
                and not _STATUS.fullmatch(toks[j][0]) and _number_cell(toks[j - 1][0])):
            unit = toks[j][0].rstrip(".")
            j -= 1
        end = toks[j][2]
        if _BRACKET.fullmatch(toks[j][0]) and j > 0:
            j -= 1
        start = toks[j][1]
        if j > 0 and toks[j - 1][0] == "€":  # "€ 275.000" is split by whitespace
            j -= 1
            start = toks[j][1]
        cell = parse_cell(line[start:end], footnotes)
        if cell is None:
            break
        cells.append(cell)
        units.append(unit)
        cut = start
        i = j - 1
    cells.reverse()
    units.reverse()
    return SplitRow(label=line[:cut].strip(), cells=cells, units=units)


def values_only(line: str, footnotes: set[int] | None = None) -> list[Cell] | None:
    """All cells of a line that holds nothing but values ("1219 1259 1104"), else None."""
    sr = split_row(line, footnotes)
    if sr.label or not sr.cells:
        return None
    return sr.cells
