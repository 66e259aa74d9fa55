"""Table cells: Dutch numbers, status words, glued footnote digits and bracketed sub-values.

A cell is parsed only when the whole text is recognisably a value; anything else returns None so a
layout never turns a word into a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import parse_dutch_number

# One number as printed: optional sign and euro sign, thousands dots, decimal comma, optional %.
NUMBER_RE = r"[-−–+]?(?:€\s?)?[-−–]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?\s?%?"
_NUMBER = re.compile(NUMBER_RE)

# Cell texts that mean "no value" (kept in Fact.status). Order matters: longest first.
STATUS_WORDS = ("n.n.b.", "n.v.t.", "n.b.", "nnb", "nvt", "nb", "geheim", "onbekend", "-", "–", "—", ".")
_STATUS = re.compile(
    r"(?P<s>n\.\s?n\.\s?b\.?|n\.\s?v\.\s?t\.?|n\.\s?b\.?|nnb|nvt|geheim|onbekend|x)(?P<fn>\d{1,2})?",
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
    marker: str | None = None  # "N" (nadelig) or "V" (voordelig) after an amount: "24.728 N"
    starred: bool = False  # "31*": a footnote star, or a provisional figure

    @property
    def is_value(self) -> bool:
        return self.value is not None


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_SUPERSCRIPT_MARK = re.compile(r"(.*?\S)\s?([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})")
_SPACE_THOUSANDS = re.compile(r"[-−–]?\d{1,3}(?: \d{3})+(?:,\d+)?")
_MARKED = re.compile(r"(?P<num>.+?)\s?(?P<mark>[NV])")


def _number_cell(text: str, space_thousands: bool = False) -> Cell | None:
    """One printed number: "1.408", "-1.655", "4.977-" (trailing minus), "97%", "€ 275.000", "31*", "€ 41,7 mln"."""
    t = text.strip()
    mln = re.fullmatch(r"(€\s*)?(-?\s*\d[\d.]*(?:,\d+)?)\s*(?:mln|miljoen)\.?", t, re.I)
    if mln:  # an amount in millions in every cell
        v = parse_dutch_number(mln.group(2).replace(" ", ""))
        return None if v is None else Cell(raw=t, value=v, unit="€ x 1000000")
    body, starred = (t[:-1].rstrip(), True) if t.endswith("*") and len(t) > 1 else (t, False)
    sign = 1.0
    if re.fullmatch(r"\d[\d.,]*-", body):  # "4.977-": financial exports print the minus after the number
        body, sign = body[:-1], -1.0
    elif re.fullmatch(r"-/-\s*\d[\d.,]*%?", body):  # "-/- 2,8": the accountants' minus
        body, sign = body[3:].strip(), -1.0
    if space_thousands and _SPACE_THOUSANDS.fullmatch(body):
        body = body.replace(" ", ".") if "," in body or body.count(" ") else body
        body = body.replace(" ", "")
    if not _NUMBER.fullmatch(body):
        return None
    value = parse_dutch_number(body.replace(" %", "%"))
    if value is None:
        return None
    unit = "%" if body.endswith("%") else ("€" if "€" in body else None)
    return Cell(raw=t, value=sign * value, unit=unit, starred=starred)


def _marked_cell(text: str) -> Cell | None:
    """"24.728 N" / "2.159 V": an amount with its nadelig/voordelig marker in the same cell."""
    m = _MARKED.fullmatch(text.strip())
    if not m:
        return None
    base = _number_cell(m["num"])
    if base is None:
        return None
    return Cell(raw=text.strip(), value=base.value, unit=base.unit, marker=m["mark"])


def is_marker(text: str) -> bool:
    """A nadelig/voordelig marker standing in a cell of its own."""
    return text.strip() in ("N", "V")


def _status_cell(text: str, footnotes: set[int] | None) -> Cell | None:
    t = text.strip()
    if _DASH.fullmatch(t):
        return Cell(raw=t, value=None, status=t)
    if re.fullmatch(r"<\s?\d{1,2}", t):
        return Cell(raw=t, value=None, status=t)  # "<10": a small count suppressed for privacy, no value
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


def parse_cell(text: str, footnotes: set[int] | None = None, allow_ratio: bool = False,
               space_thousands: bool = False) -> Cell | None:
    """Parse one cell text; None when it is not a value, a status word or a bracketed pair.

    "1.408" -> 1408; "97%" -> 97 (unit %); "n.b." -> status; "n.b.3" -> status with footnote 3
    (only if 3 is in `footnotes`); "234 (206)" -> 234 with bracket 206; "79:21" -> status when
    `allow_ratio` (a ratio is never turned into a number); "24.728 N" -> 24728 with marker N; "4.977-" ->
    -4977; "31*" -> 31 (starred); with `space_thousands` (cells with known boundaries) "31 960" -> 31960.
    """
    t = text.strip().replace("\u00a0", " ")
    if not t:
        return None
    sup = _SUPERSCRIPT_MARK.fullmatch(t)
    if sup:
        # "634¹": a superscript footnote mark is never part of the number
        base = parse_cell(sup.group(1), footnotes, allow_ratio, space_thousands)
        if base is None or base.bracket is not None:
            return None
        mark = int(sup.group(2).translate(_SUPERSCRIPTS))
        return Cell(raw=t, value=base.value, status=base.status, unit=base.unit, footnote=mark, marker=base.marker,
                    starred=base.starred)
    marked = _marked_cell(t)
    if marked is not None:
        return marked
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
    cell = _number_cell(t, space_thousands) or _status_cell(t, footnotes)
    approx = re.fullmatch(r"(?:ca\.?|circa|ongeveer|±|~)\s*(\d[\d.,]*)|(\d[\d.,]*)\s*±\s*\d[\d.,]*", t, re.I) \
        if cell is None else None
    if approx:  # "ca. 1.150" (an estimate), "77 ± 2" (a survey figure with its margin): the figure itself
        base = _number_cell(approx.group(1) or approx.group(2), space_thousands)
        if base is not None and base.value is not None:
            return Cell(raw=t, value=base.value, status=None, unit=base.unit)
    letter = re.fullmatch(r"(.+?)\s+\(?[a-h]\)", t) if cell is None else None
    if letter:  # "7.412 a)": a footnote letter after the number
        base = _number_cell(letter.group(1), space_thousands)
        if base is not None and base.value is not None:
            return Cell(raw=t, value=base.value, status=None, unit=base.unit, marker=base.marker)
    pct = re.fullmatch(r"(.+?)\s*(?:procent|pct\.?)", t, re.I) if cell is None else None
    if pct:  # "13,4 procent": a percentage written as a word
        base = _number_cell(pct.group(1))
        if base is not None and base.value is not None and base.unit is None:
            return Cell(raw=t, value=base.value, status=None, unit="%")
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
    """"2017" or "2022*": a year printed as a column or row header, not a value."""
    return bool(re.fullmatch(r"(?:19|20)\d\d\*?", text.strip()))


def parse_bracket(text: str) -> Cell | None:
    """A bracketed value on its own ("(9%)", "(206)"): a share or earlier value of the cell before it."""
    m = _BRACKET.fullmatch(text.strip())
    if not m:
        return None
    inner = _number_cell(m["inner"]) or _status_cell(m["inner"], None)
    if inner is None:
        return None
    return Cell(raw=text.strip(), value=inner.value, status=inner.status, unit=inner.unit)


# --- splitting a space-separated row ("Label 12 1.408 n.b. 97%") --------------------------------

_TOKEN = re.compile(r"\S+")
# Unit words printed after a value in key-figure lists ("350 kind", "150 deeln", "12 pers.").
_UNIT_WORD = re.compile(r"(?:kind|kinderen|deeln|deelnemers|pers|personen|st|stuks|uur|uren|weken|dagen|plekken|"
                        r"huish|huishoudens|jongeren|cliënten|clienten|trajecten|woningen|plaatsen)\.?")


@dataclass
class SplitRow:
    label: str
    cells: list[Cell]
    units: list[str | None]  # unit word printed after a value ("350 kind"), per cell


_GAP = re.compile(r"\S(?: \S)*\S|\S")


def _split_aligned(line: str, footnotes: set[int] | None) -> SplitRow | None:
    """A row of a layout-preserving export: cells separated by runs of two or more spaces, so a number
    inside the label stays in the label ("… tot 120%   1.106   9,2") and "(60)" in its own column is -60."""
    segs = [(m.group(), m.start()) for m in re.finditer(r"\S+(?: \S+)*", line)]
    if len(segs) < 2:
        return None
    # text columns after the values ("…  1.263   stijgend", "…  2023   Verwey-Jonker Instituut"): short words that
    # stand apart by three or more spaces; the row's values are the run before them
    trail = 0
    while trail < 2 and len(segs) - trail > 3:
        text, start = segs[-1 - trail]
        prev_text, prev_start = segs[-2 - trail]
        if parse_cell(text, footnotes) is not None or _negative_in_brackets(text) is not None \
                or len(text.split()) > 4 or text.endswith((".", ",", ";", ":")) or start - prev_start - len(prev_text) < 3:
            break
        trail += 1
    cells: list[Cell] = []
    cut = len(line)
    for text, start in reversed(segs[:len(segs) - trail]):
        parts = text.split(" ")
        seg_cells: list[Cell] = []
        whole = parse_cell(text, footnotes) or _negative_in_brackets(text)
        if whole is not None:
            seg_cells = [whole]
        elif all(parse_cell(p, footnotes) or _negative_in_brackets(p) for p in parts):
            seg_cells = [parse_cell(p, footnotes) or _negative_in_brackets(p) for p in parts]  # type: ignore
        else:
            break
        cells = seg_cells + cells
        cut = start
    if not cells or (trail and (len(cells) < 2 or not line[:cut].strip())):
        return None
    return SplitRow(label=line[:cut].strip(), cells=cells, units=[None] * len(cells))


def _negative_in_brackets(text: str) -> Cell | None:
    """"(1.204)" in a column of its own: an amount printed negative in accounting style."""
    m = re.fullmatch(r"\(\s*(€\s?)?(\d{1,3}(?:\.\d{3})+|\d+)(,\d+)?\s*\)", text.strip())
    if not m:
        return None
    v = parse_dutch_number(m.group(0).strip("() ").replace("€", "").strip())
    return None if v is None else Cell(raw=text.strip(), value=-v, unit="€" if m.group(1) else None)


# words followed by the number of what they name ("programma 4", "hoofdstuk 3", "trede 2")
_NUMBERED = re.compile(r"(?i)programma|hoofdstuk|paragraaf|taakveld|fase|niveau|trede|treden|artikel|tabel|bijlage")


def _brackets_paired(tokens: list[str]) -> bool:
    """Whether the bracketed values at a row's end each follow a value ("234 (206) 75 (84)": a value and its
    earlier value or share) rather than standing on their own ("23.533 (1.118)", "(54.943) (55.020)": negative
    amounts in accounting style)."""
    tail: list[bool] = []  # True for a bracket token
    for t in reversed(tokens):
        if _BRACKET.fullmatch(t):
            tail.append(True)
        elif _number_cell(t) is not None or is_marker(t):
            tail.append(False)
        else:
            break
    tail.reverse()
    # "Banen (21) 712,4": a small bracketed number right after the label is the label's number (a BBV number)
    lead = len(tokens) - len(tail)
    while tail and tail[0] and len(tail) > 1 and not tail[1] and re.fullmatch(r"\(\d{1,3}\)", tokens[lead]):
        tail, lead = tail[1:], lead + 1
    if not any(tail) or len(tail) < 2:
        return True
    return len(tail) % 2 == 0 and all(not a and b for a, b in zip(tail[::2], tail[1::2], strict=True))


def split_row(line: str, footnotes: set[int] | None = None, allow_unit_words: bool = False) -> SplitRow:
    """Split a flattened table row into its label and the run of value cells at its end.

    Values are taken from the right while tokens are cells; the rest is the label. A bracketed
    token "(206)" joins the value before it. With `allow_unit_words`, a short lower-case word after a
    number ("350 kind", "150 deeln") is read as that value's unit. A row whose cells are separated by
    runs of spaces (a layout-preserving export) is split at those runs instead.
    """
    if re.search(r"\S {2,}\S", line.strip()) and not allow_unit_words or re.search(r"\S {3,}\S", line.strip()):
        aligned = _split_aligned(line, footnotes)
        if aligned is not None and len(aligned.cells) >= 2:
            return aligned
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(line)]
    paired = _brackets_paired([t for t, _, _ in toks])
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
        if is_marker(toks[j][0]) and j > 0 and _number_cell(toks[j - 1][0]):
            j -= 1  # "24.728 N": the nadelig/voordelig marker belongs to the amount before it
        elif _BRACKET.fullmatch(toks[j][0]) and j > 0 and (paired or "%" in toks[j][0]
                                                           or _negative_in_brackets(toks[j][0]) is None):
            j -= 1
        elif _BRACKET.fullmatch(toks[j][0]) and j > 0:
            cell = _negative_in_brackets(toks[j][0])
            if cell is not None:
                cells.append(cell)
                units.append(None)
                cut = toks[j][1]
                i = j - 1
                continue
        start = toks[j][1]
        if j > 0 and toks[j - 1][0] == "€":  # "€ 275.000" is split by whitespace
            j -= 1
            start = toks[j][1]
        cell = parse_cell(line[start:end], footnotes)
        if cell is None:
            break
        if j > 0 and _NUMBERED.fullmatch(toks[j - 1][0]) and re.fullmatch(r"\d{1,2}[a-z]?", toks[j][0]):
            break  # "Saldo programma 4": the number of a programme or chapter belongs to the label
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
