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


@dataclass
class Context:
    """Document-wide facts the layouts need."""

    lines: list[str]
    footnotes: dict[int, object]
    municipalities: Municipalities
    claimed: set[int] = field(default_factory=set)

    @property
    def footnote_numbers(self) -> set[int]:
        return set(self.footnotes)


# Top-level target groups / laws of the social domain: a heading with one of these names starts a new
# group at the top of the row path instead of nesting under the previous heading.
DOMAIN_GROUPS = {
    "jeugd", "jeugdwet", "jeugdhulp", "wmo", "wmo 2015", "participatie", "participatiewet", "werk en inkomen",
    "werk & inkomen", "inkomen", "volwassenen", "volwassen", "ouderen", "samenleving", "maatschappelijke ondersteuning",
    "schuldhulpverlening", "minimabeleid", "zorg", "welzijn", "onderwijs",
}


def is_domain_group(text: str) -> bool:
    return re.sub(r"^\d+[.)]\s*", "", text.strip().lower()).rstrip(":") in DOMAIN_GROUPS


_UNIT_WORDS = {"kind": "kinderen", "kinderen": "kinderen", "deeln": "deelnemers", "deelnemers": "deelnemers",
               "pers": "personen", "personen": "personen", "st": "stuks", "stuks": "stuks", "uur": "uur",
               "weken": "weken", "dagen": "dagen", "plekken": "plekken", "huish": "huishoudens"}


def unit_word(word: str | None) -> str | None:
    if not word:
        return None
    return _UNIT_WORDS.get(word.lower().rstrip("."), word.lower().rstrip("."))


def label_unit(label: str) -> str | None:
    """A unit the row label itself implies ("Gem. indicaties/cliënt", "Percentage ...", "(weken)")."""
    low = label.lower()
    # an explicit unit ("(weken)") wins over "gemiddelde": an average waiting time is in weeks
    if "(weken)" in low or re.search(r"\bin weken\b", low):
        return "weken"
    if re.search(r"\bpercentage\b|\baandeel\b|\(%\)|\bin %", low):
        return "%"
    if re.search(r"\bgem(?:\.|iddeld[e]?\b)", low):
        return "gemiddelde"
    if "rapportcijfer" in low:
        return "rapportcijfer"
    if re.search(r"per 1\.?000 inwoners", low):
        return "per 1.000 inwoners"
    return None
