"""Intermediate shapes shared by the layout parsers; document.py turns them into records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.extract.cells import Cell
from assistant.extract.municipalities import Municipalities
from assistant.periods import Period


@dataclass
class Column:
    label: str
    period: Period | None = None
    period_kind: str | None = None
    municipality: str | None = None
    measure: str | None = None
    unit: str | None = None
    header: str | None = None  # the raw top header (a municipality name, initial or abbreviation)
    role: str = "value"  # rownum | label | unit | period | source | note | value
    provisional: bool = False  # "2022*" with "* voorlopig", "(voorlopig)": not a final figure


@dataclass
class CellOut:
    row_label: str
    row_path: list[str]  # group headings, ending with the row label
    column: Column
    cell: Cell
    line: int  # 1-based line that contains cell.raw
    unit: str | None = None  # row- or cell-level unit, wins over the column's
    period: Period | None = None  # wins over the column's (bracketed previous-period values)
    raw: str | None = None  # defaults to cell.raw
    municipality: str | None = None  # a row that names a municipality (CBS-style exports)
    provisional: bool = False  # a row marked "(voorlopig)" or "2022*"
    position: int | None = None  # grid tables: the cell's column index in its line (for "Blad1!C7")
    bracket_line: int | None = None  # the line of a bracketed share printed below its value ("48" / "(9%)")
    row_line: int | None = None  # the line the row (its label) starts on
    unit_text: str | None = None  # the unit as printed in the row's "Eenheid" cell


@dataclass
class TableDraft:
    layout: str
    line_start: int  # 1-based, first header line
    line_end: int  # 1-based, last line with values
    cells: list[CellOut] = field(default_factory=list)
    title: str | None = None  # title found by the layout itself (header prefix)
    unit: str | None = None
    scale: float = 1.0
    caption_line: int | None = None  # when the layout already used the caption
    claimed: set[int] = field(default_factory=set)  # 1-based lines the table owns
    status: str = "read"  # read | partly | not_read
    status_note: str | None = None  # why (Dutch), when not fully read
    header_lines: list[int] = field(default_factory=list)  # 1-based lines of the column headers
    period: Period | None = None  # the period the table's own title names
    period_kind: str | None = None  # the kind it names with it ("Rekening 2022" -> realisatie)


@dataclass
class Context:
    """Document-wide facts the layouts need."""

    lines: list[str]
    footnotes: dict[int, object]
    municipalities: Municipalities
    claimed: set[int] = field(default_factory=set)
    cell_refs: dict[int, list[str]] = field(default_factory=dict)  # spreadsheets: 1-based line -> refs
    default_year: int | None = None  # the year the document is about (a budget's own year)
    period_year: int | None = None  # the year of the document's period, also of a quarter or half ("3e kwartaal 2024")
    doc_period: Period | None = None  # the document's own period ("Dit jaar" in a report over Q3 2024: January–September)

    @property
    def footnote_numbers(self) -> set[int]:
        return set(self.footnotes)


_UNIT_WORDS = {"kind": "kinderen", "kinderen": "kinderen", "deeln": "deelnemers", "deelnemers": "deelnemers",
               "pers": "personen", "personen": "personen", "st": "stuks", "stuks": "stuks", "uur": "uur",
               "weken": "weken", "dagen": "dagen", "plekken": "plekken", "huish": "huishoudens"}


def unit_word(word: str | None) -> str | None:
    if not word:
        return None
    return _UNIT_WORDS.get(word.lower().rstrip("."), word.lower().rstrip("."))


def label_unit(label: str) -> str | None:
    """A unit the row label itself implies ("(% van 0 t/m 17 jaar)", "(aantal)", "Percentage ...", "(weken)",
    "per 1.000 jongeren", "Gem. indicaties/cliënt")."""
    low = label.lower()
    # an explicit unit in brackets at the end wins: "Thuiszitters langer dan vier weken (aantal)"
    m = re.search(r"\(([^()]*)\)\s*\*?$", low)
    if m:
        inner = m.group(1).strip()
        if re.match(r"^%|^in %|^procent|^percentage", inner):
            return "%"
        if re.match(r"^aantal(len)?\b", inner):
            return "aantal"
        if re.match(r"^(in )?weken\b", inner):
            return "weken"
        if re.match(r"^(in )?dagen\b", inner):
            return "dagen"
        if re.match(r"^(in )?(€|euro)", inner):
            return "€"
        r = re.match(r"^(?:aantal )?per (1[. ]?000|10[. ]?000|100[. ]?000)(?: (\w+))?", inner)
        if r:  # "(per 1.000 inwoners)", "(per 1 000 inwoners)", or "(per 1.000)" without saying of whom
            n = r.group(1).replace(".", "").replace(" ", "")
            return f"per {n[:-3]}.{n[-3:]}" + (f" {r.group(2)}" if r.group(2) else "")
    if re.search(r"\bin weken\b", low):
        return "weken"
    if re.search(r"\bin (?:euro|€)(?:'s)?\b|\(€\)", low):
        return "€"  # "Gemiddelde kosten per jeugdige in euro": an amount, even as an average
    if re.search(r"\bpercentage\b|\baandeel\b|\(%\)|\bin %", low):
        return "%"
    if re.search(r"\bgem(?:\.|iddeld[e]?\b)", low):
        return "gemiddelde"
    if "rapportcijfer" in low:
        return "rapportcijfer"
    r = re.search(r"per (1[. ]?000|10[. ]?000) (inwoners|jongeren|huishoudens|leerlingen|leerplichtigen)", low)
    if r:
        n = r.group(1).replace(".", "").replace(" ", "")
        return f"per {n[:-3]}.{n[-3:]} {r.group(2)}"
    return None
