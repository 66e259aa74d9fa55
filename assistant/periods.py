"""Reporting periods: one normalised shape shared by table extraction and question parsing.

Labels: "2017" (year), "2018-H1" (half year), "2017-Q4" (quarter), "2016-12-31" (a reference date).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    label: str

    @property
    def kind(self) -> str:
        if self.start == self.end:
            return "date"
        if "-H" in self.label:
            return "half"
        if "-Q" in self.label:
            return "quarter"
        return "year" if len(self.label) == 4 else "range"

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def dutch(self) -> str:
        """How the period is said in an answer."""
        y = self.start.year
        if self.kind == "year":
            return str(y)
        if self.kind == "half":
            return f"de {'eerste' if self.label.endswith('H1') else 'tweede'} helft van {y}"
        if self.kind == "quarter":
            q = int(self.label[-1])
            return f"het {['eerste', 'tweede', 'derde', 'vierde'][q - 1]} kwartaal van {y}"
        if self.kind == "date":
            return f"{self.start.day} {MONTHS_NL[self.start.month - 1]} {y}"
        return f"{self.start.isoformat()} t/m {self.end.isoformat()}"


MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]


def year(y: int) -> Period:
    return Period(date(y, 1, 1), date(y, 12, 31), str(y))


def half(y: int, h: int) -> Period:
    if h not in (1, 2):
        raise ValueError(f"half must be 1 or 2, not {h}")
    return Period(date(y, 1, 1), date(y, 6, 30), f"{y}-H1") if h == 1 else Period(
        date(y, 7, 1), date(y, 12, 31), f"{y}-H2")


def quarter(y: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise ValueError(f"quarter must be 1..4, not {q}")
    m0 = 3 * (q - 1) + 1
    last = calendar.monthrange(y, m0 + 2)[1]
    return Period(date(y, m0, 1), date(y, m0 + 2, last), f"{y}-Q{q}")


def on_date(d: date) -> Period:
    return Period(d, d, d.isoformat())


def from_label(label: str) -> Period:
    """Inverse of Period.label."""
    if len(label) == 4 and label.isdigit():
        return year(int(label))
    if len(label) == 7 and label[4:6] == "-H":
        return half(int(label[:4]), int(label[6]))
    if len(label) == 7 and label[4:6] == "-Q":
        return quarter(int(label[:4]), int(label[6]))
    return on_date(date.fromisoformat(label))


def label_words(label: str) -> str:
    """A period label in short Dutch words for tables and chart axes: "2018-H1" -> "1e helft 2018"."""
    try:
        p = from_label(label)
    except ValueError:
        return label
    y = p.start.year
    if p.kind == "half":
        return f"{label[-1]}e helft {y}"
    if p.kind == "quarter":
        return f"{label[-1]}e kwartaal {y}"
    if p.kind == "date":
        return f"{p.start.day} {MONTHS_NL[p.start.month - 1]} {y}"
    return p.label
