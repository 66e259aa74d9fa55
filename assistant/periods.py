"""Reporting periods: one normalised shape and one grammar, shared by table reading, the catalog and questions.

Labels: "2017" (year), "2018-H1" (half year), "2017-Q4" (quarter), "2023-03" (month), "2021/2022"
(school year, 1 August – 31 July), "2016-12-31" (a reference date), "2015..2018" (a range of years).

`scan(text)` finds every absolute period expression in a text: dates ("31-12-2016", "31 december 2016"),
ranges ("2015 t/m 2018", "2015-2018"), school years ("schooljaar 2021/2022", "2021/'22"), halves
("1e helft 2018", "H1 2018", "2018-H1", "eerste halfjaar"), quarters ("Q3 2017", "3e kwartaal",
"Q1+Q2 2023" = the first half), months ("maart 2023", "jan"), seasons and bare years. Expressions
without a year ("H1", "tweede kwartaal", "jan") come back with `year=None`; the caller resolves them
(a table header takes the year of a neighbouring header or of the document, a question its nearest
year). Question-only phrasing ("vorig jaar", "dezelfde periode") lives in answer/question_periods.py.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_NL = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
             "september", "oktober", "november", "december"]
MONTH_ABBR = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


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
        if ".." in self.label:
            return "range"
        if "/" in self.label:
            return "schoolyear"
        if len(self.label) == 7 and self.label[4] == "-":
            return "month"
        return "year" if len(self.label) == 4 else "range"

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Period) -> bool:
        return self.start <= other.end and other.start <= self.end

    def dutch(self) -> str:
        """How the period is said in an answer sentence."""
        y = self.start.year
        k = self.kind
        if k == "year":
            return str(y)
        if k == "half":
            return f"de {'eerste' if self.label.endswith('H1') else 'tweede'} helft van {y}"
        if k == "quarter":
            q = int(self.label[-1])
            return f"het {['eerste', 'tweede', 'derde', 'vierde'][q - 1]} kwartaal van {y}"
        if k == "month":
            return f"{MONTHS_NL[self.start.month - 1]} {y}"
        if k == "schoolyear":
            return f"schooljaar {self.label}"
        if k == "date":
            return f"{self.start.day} {MONTHS_NL[self.start.month - 1]} {y}"
        return _range_words(self, MONTHS_NL)


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


def month(y: int, m: int) -> Period:
    if not 1 <= m <= 12:
        raise ValueError(f"month must be 1..12, not {m}")
    return Period(date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1]), f"{y}-{m:02d}")


def school_year(first: int) -> Period:
    """Schooljaar first/first+1: 1 August to 31 July."""
    return Period(date(first, 8, 1), date(first + 1, 7, 31), f"{first}/{first + 1}")


def on_date(d: date) -> Period:
    return Period(d, d, d.isoformat())


def year_range(a: int, b: int) -> Period:
    return Period(date(a, 1, 1), date(b, 12, 31), f"{a}..{b}")


def from_label(label: str) -> Period:
    """Inverse of Period.label."""
    if len(label) == 4 and label.isdigit():
        return year(int(label))
    if ".." in label:
        a, b = label.split("..", 1)
        if len(a) == 4 and len(b) == 4:
            return year_range(int(a), int(b))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", a) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", b):
            return Period(date.fromisoformat(a), date.fromisoformat(b), label)
        raise ValueError(label)
    if re.fullmatch(r"\d{4}/\d{4}", label):
        return school_year(int(label[:4]))
    if len(label) == 7 and label[4:6] == "-H":
        return half(int(label[:4]), int(label[6]))
    if len(label) == 7 and label[4:6] == "-Q":
        return quarter(int(label[:4]), int(label[6]))
    if re.fullmatch(r"\d{4}-\d{2}", label):
        return month(int(label[:4]), int(label[5:]))
    return on_date(date.fromisoformat(label))


def label_words(label: str) -> str:
    """A period label in short Dutch words for tables and chart axes: "2018-H1" -> "1e helft 2018"."""
    try:
        p = from_label(label)
    except ValueError:
        return label
    y = p.start.year
    k = p.kind
    if k == "half":
        return f"{label[-1]}e helft {y}"
    if k == "quarter":
        return f"{label[-1]}e kwartaal {y}"
    if k == "month":
        return f"{MONTH_ABBR[p.start.month - 1]} {y}"
    if k == "date":
        return f"{p.start.day} {MONTHS_NL[p.start.month - 1]} {y}"
    if k == "range":
        return _range_words(p, MONTH_ABBR, "–")
    return p.label


def _range_words(p: Period, names: list[str], sep: str = " t/m ") -> str:
    """"2015 t/m 2018"; a stretch within a year by its months: "januari t/m september 2024"."""
    whole_years = (p.start.month, p.start.day) == (1, 1) and (p.end.month, p.end.day) == (12, 31)
    if whole_years or p.start.year != p.end.year:
        return f"{p.start.year}{sep}{p.end.year}"
    last_day = calendar.monthrange(p.end.year, p.end.month)[1]
    if p.start.day == 1 and p.end.day == last_day:
        return f"{names[p.start.month - 1]}{sep}{names[p.end.month - 1]} {p.end.year}"
    return f"{p.start.day} {names[p.start.month - 1]}{sep}{p.end.day} {names[p.end.month - 1]} {p.end.year}"


# --- the grammar ------------------------------------------------------------------------------------

YEAR_RE = r"(?:19[89]\d|20[0-4]\d)"
# A year on its own: not part of an identifier (T2018-063), an amount (2.018, € 2018) or a percentage.
_YEAR_ALONE = rf"(?<![\w.,€/-])(?<!€\s)({YEAR_RE})\*?(?![\w%]|[.,]\d|-\d|/\d{{1,2}}\b)"
_FIRST = r"(?:eerste|1e|1ste)"
_SECOND = r"(?:tweede|2e|2de)"
_HALF_WORD = r"(?:helft|half\s*jaar|halfjaar|hj\.?)"
ORDINALS = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3,
            "vierde": 4, "4e": 4, "4de": 4}
_ORD_RE = r"(eerste|1e|1ste|tweede|2e|2de|derde|3e|3de|vierde|4e|4de)"
_OF = r"(?:\s+(?:van|in|over)(?:\s+het(?:\s+jaar)?)?)?"
MONTHS: dict[str, int] = {m: i + 1 for i, m in enumerate(MONTHS_NL)}
MONTHS.update({a: i + 1 for i, a in enumerate(MONTH_ABBR)})
MONTHS.update({"mar": 3, "sept": 9, "mei": 5})
_MONTH_RE = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
SEASONS = {"voorjaar": 1, "lente": 1, "najaar": 2, "herfst": 2, "zomer": 0, "winter": 0}


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RE_DATE_NUM = _c(rf"(?<![\w.,/-])(\d{{1,2}})([-./])(\d{{1,2}})\2({YEAR_RE})(?![\w]|[.,-]\d)")
RE_DATE_ISO = _c(rf"(?<![\w.,/-])({YEAR_RE})-(\d{{2}})-(\d{{2}})(?![\w]|[.,-]\d)")
RE_DATE_NAMED = _c(rf"\b(\d{{1,2}})\s+{_MONTH_RE}\s+({YEAR_RE})(?![\w]|[.,]\d)")
RE_RANGE = _c(rf"(?:\b(?:van|tussen|in\s+de\s+jaren|de\s+jaren|jaren)\s+)?(?<![\w.,€/-])({YEAR_RE})\s*"
              rf"(?:tot\s+en\s+met|t/m|tot|[-–]|en)\s*({YEAR_RE})(?![\w%]|[.,]\d)")
RE_SCHOOL_YEAR = _c(rf"(?:\bschooljaar\s+|\bsj\s*)?(?<![\w.,/-])({YEAR_RE})\s*[/-]\s*('?\d{{2}}|{YEAR_RE})"
                    r"(?![\w%]|[.,]\d)")
RE_BOTH_HALVES = _c(rf"\b{_FIRST}\s+en\s+(?:de\s+|het\s+)?{_SECOND}\s+{_HALF_WORD}(?:{_OF}\s+({YEAR_RE}))?"
                    r"(?![\w%])")
RE_HALF_ORD = _c(rf"\b(?:({_FIRST})|{_SECOND})\s+{_HALF_WORD}(?:{_OF}\s+({YEAR_RE})(?![\w%]|[.,]\d))?")
# "2024 1e halfjaar", "2023, tweede kwartaal": the year first, as in the period column of an export
RE_YEAR_HALF_ORD = _c(rf"(?<![\w.,€/-])({YEAR_RE})\s*[,:-]?\s*(?:({_FIRST})|{_SECOND})\s+{_HALF_WORD}(?![\w%])")
RE_YEAR_QUARTER_ORD = _c(rf"(?<![\w.,€/-])({YEAR_RE})\s*[,:-]?\s*{_ORD_RE}\s+(?:kwartaal|kw\.?)(?![\w%])")
RE_HALF_CODE = _c(rf"(?<![\w.,/-])(?:H\s?([12])\s*[-/ ]?\s*({YEAR_RE})|({YEAR_RE})\s*[-/ ]?\s*H([12]))(?![\w%])")
RE_HALF_CODE_BARE = _c(r"(?<![\w.,/-])H([12])(?![\w%-])")
# "Q1+Q2 2023", "Q1 t/m Q2": cumulative quarters from the first; Q1+Q2 is the first half year.
RE_QUARTER_SUM = _c(rf"(?<![\w.,/-])Q1\s*(?:\+|t/m|-)\s*Q([2-4])(?:\s*({YEAR_RE}))?(?![\w%])")
# "de eerste drie kwartalen van 2024", "de eerste twee kwartalen": the year so far, quarter by quarter
# "de eerste negen maanden van 2024": the year so far, month by month
_MONTH_COUNTS = {"twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10,
                 "elf": 11}
RE_FIRST_MONTHS = _c(rf"\b(?:de\s+)?eerste\s+({'|'.join(_MONTH_COUNTS)}|[2-9]|1[01])\s+maanden"
                     rf"(?:{_OF}\s+({YEAR_RE})(?![\w%]|[.,]\d))?")
RE_FIRST_QUARTERS = _c(rf"\b(?:de\s+)?eerste\s+(twee|drie|2|3)\s+kwartalen(?:{_OF}\s+({YEAR_RE})(?![\w%]|[.,]\d))?")
RE_QUARTER_ORD = _c(rf"\b{_ORD_RE}\s+(?:kwartaal|kw\.?)(?:{_OF}\s+({YEAR_RE})(?![\w%]|[.,]\d))?")
# "Kwartaal 1", "kwartaal 3 2024": the number after the word, as in spreadsheet headers
RE_QUARTER_NUM = _c(rf"\bkwartaal\s+([1-4])(?:{_OF}\s+({YEAR_RE}))?(?![\w%]|[.,]\d)")
RE_QUARTER_CODE = _c(rf"(?<![\w.,/-])(?:(?:Q|K|KW)\s?([1-4])\s*[-/ ]?\s*({YEAR_RE})|({YEAR_RE})\s*[-/ ]?\s*"
                     r"(?:Q|K|KW)([1-4]))(?![\w%])")
RE_QUARTER_CODE_BARE = _c(r"(?<![\w.,/-])(?:Q|KW)([1-4])(?![\w%-])")
# CBS period codes of StatLine and open-data exports: "2023JJ00" a year, "2024HJ01" a half, "2023KW03" a quarter,
# "2024MM05" a month
RE_CBS_CODE = re.compile(rf"(?<![\w.,/-])({YEAR_RE})(JJ|HJ|KW|MM)(\d{{2}})(?![\w%])")
# "2023-III", "2024-I": a quarter in Roman numerals after its year (case-sensitive: "i" is no numeral)
RE_QUARTER_ROMAN = re.compile(rf"(?<![\w.,/-])({YEAR_RE})\s*[-/]\s*(IV|I{{1,3}})(?![\w%])")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
RE_SEASON = _c(rf"\b(voorjaar|lente|zomer|najaar|herfst|winter)(?:\s+(?:van|in))?(?:\s+het\s+jaar)?\s+({YEAR_RE})"
               r"(?![\w%]|[.,]\d)")
RE_MONTH = _c(rf"(?:\b(eind(?:e)?|ultimo|begin|start)\s+(?:van\s+)?)?\b{_MONTH_RE}(?:\s+'?({YEAR_RE}|\d{{2}}))?"
              r"(?![\w%]|[.,]\d)")
RE_YEAR = _c(_YEAR_ALONE)


@dataclass(frozen=True)
class PeriodMatch:
    """One absolute period expression in a text. `period` is None when the expression has no year."""

    start: int
    end: int
    text: str
    kind: str  # date | range | schoolyear | halves | half | quarter | month | season | year
    period: Period | None
    # For yearless expressions: how to build the period once a year is known.
    unit: str = ""  # "H", "Q", "M"
    number: int = 0
    approximate: bool = False  # seasons: widened to the half year or year around them
    month_prefix: str = ""  # "eind", "begin" before a month

    def with_year(self, y: int) -> Period:
        if self.period is not None:
            return self.period
        return _build(self.unit, y, self.number)


def _build(unit: str, y: int, n: int) -> Period:
    if unit == "H":
        return half(y, n)
    if unit == "Q":
        return quarter(y, n)
    if unit == "M":
        return month(y, n)
    return year(y)


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _candidates(text: str) -> list[PeriodMatch]:
    out: list[PeriodMatch] = []

    def add(m: re.Match[str], kind: str, period: Period | None, **kw) -> None:
        out.append(PeriodMatch(m.start(), m.end(), m.group(0), kind, period, **kw))

    for m in RE_DATE_NUM.finditer(text):
        d = _date(int(m.group(4)), int(m.group(3)), int(m.group(1)))
        if d:
            add(m, "date", on_date(d))
    for m in RE_DATE_ISO.finditer(text):
        d = _date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if d:
            add(m, "date", on_date(d))
    for m in RE_DATE_NAMED.finditer(text):
        d = _date(int(m.group(3)), MONTHS[m.group(2).lower().rstrip(".")], int(m.group(1)))
        if d:
            add(m, "date", on_date(d))
    for m in RE_SCHOOL_YEAR.finditer(text):
        a, b = int(m.group(1)), m.group(2).lstrip("'")
        second = int(b) if len(b) == 4 else (a // 100) * 100 + int(b)
        explicit = m.group(0).lower().startswith(("schooljaar", "sj"))
        if second == a + 1 and ("/" in m.group(0) or explicit):
            add(m, "schoolyear", school_year(a))
    for m in RE_RANGE.finditer(text):
        a, b = int(m.group(1)), int(m.group(2))
        sep = m.group(0)[m.end(1) - m.start():m.start(2) - m.start()].strip().lower()
        if b <= a or (sep == "en" and not m.group(0).lower().startswith("tussen")):
            continue  # "2015 en 2018": two separate years
        add(m, "range", year_range(a, b))
    for m in RE_BOTH_HALVES.finditer(text):
        y = m.group(1)
        add(m, "halves", year(int(y)) if y else None, unit="H", number=0)
    for m in RE_HALF_ORD.finditer(text):
        h = 1 if m.group(1) else 2
        y = m.group(2)
        if y is None and re.match(r"\s+van\s+(?!het\s+jaar|dit\s+jaar)", text[m.end():], re.I) \
                and m.group(0).lower().endswith("helft"):
            continue  # "de eerste helft van de cliënten": not a period
        add(m, "half", half(int(y), h) if y else None, unit="H", number=h)
    for m in RE_YEAR_HALF_ORD.finditer(text):
        h = 1 if m.group(2) else 2
        if m.group(0).lower().endswith("helft") and re.match(r"\s+van\s+(?!het\s+jaar)", text[m.end():], re.I):
            continue  # "2023 de eerste helft van de cliënten"
        add(m, "half", half(int(m.group(1)), h), unit="H", number=h)
    for m in RE_YEAR_QUARTER_ORD.finditer(text):
        qn = ORDINALS[m.group(2).lower()]
        add(m, "quarter", quarter(int(m.group(1)), qn), unit="Q", number=qn)
    for m in RE_HALF_CODE.finditer(text):
        h = int(m.group(1) or m.group(4))
        add(m, "half", half(int(m.group(2) or m.group(3)), h), unit="H", number=h)
    for m in RE_HALF_CODE_BARE.finditer(text):
        add(m, "half", None, unit="H", number=int(m.group(1)))
    for m in RE_QUARTER_SUM.finditer(text):
        last, y = int(m.group(1)), m.group(2)
        if last == 2:
            add(m, "half", half(int(y), 1) if y else None, unit="H", number=1)
        elif y:
            p = year_to_date(quarter(int(y), last).end)
            add(m, p.kind, p)
    for m in RE_FIRST_QUARTERS.finditer(text):
        last = {"twee": 2, "2": 2, "drie": 3, "3": 3}[m.group(1).lower()]
        y = m.group(2)
        if last == 2:
            add(m, "half", half(int(y), 1) if y else None, unit="H", number=1)
        elif y:
            p = year_to_date(quarter(int(y), last).end)
            add(m, p.kind, p)
    for m in RE_FIRST_MONTHS.finditer(text):
        k = _MONTH_COUNTS.get(m.group(1).lower()) or int(m.group(1))
        if m.group(2):
            y = int(m.group(2))
            p = half(y, 1) if k == 6 else (quarter(y, 1) if k == 3 else year_to_date(month(y, k).end))
            add(m, p.kind, p)
        elif k in (3, 6):
            add(m, "quarter" if k == 3 else "half", None, unit="Q" if k == 3 else "H", number=1)
    for m in RE_QUARTER_ORD.finditer(text):
        qn = ORDINALS[m.group(1).lower()]
        y = m.group(2)
        add(m, "quarter", quarter(int(y), qn) if y else None, unit="Q", number=qn)
    for m in RE_QUARTER_NUM.finditer(text):
        qn, y = int(m.group(1)), m.group(2)
        add(m, "quarter", quarter(int(y), qn) if y else None, unit="Q", number=qn)
    for m in RE_QUARTER_CODE.finditer(text):
        qn = int(m.group(1) or m.group(4))
        add(m, "quarter", quarter(int(m.group(2) or m.group(3)), qn), unit="Q", number=qn)
    for m in RE_CBS_CODE.finditer(text):
        y, code, k = int(m.group(1)), m.group(2), int(m.group(3))
        if code == "JJ" and k == 0:
            add(m, "year", year(y))
        elif code == "HJ" and k in (1, 2):
            add(m, "half", half(y, k), unit="H", number=k)
        elif code == "KW" and 1 <= k <= 4:
            add(m, "quarter", quarter(y, k), unit="Q", number=k)
        elif code == "MM" and 1 <= k <= 12:
            add(m, "month", month(y, k), unit="M", number=k)
    for m in RE_QUARTER_ROMAN.finditer(text):
        add(m, "quarter", quarter(int(m.group(1)), _ROMAN[m.group(2)]), unit="Q", number=_ROMAN[m.group(2)])
    for m in RE_QUARTER_CODE_BARE.finditer(text):
        add(m, "quarter", None, unit="Q", number=int(m.group(1)))
    for m in RE_SEASON.finditer(text):
        y, h = int(m.group(2)), SEASONS[m.group(1).lower()]
        add(m, "season", half(y, h) if h else year(y), approximate=True)
    for m in RE_MONTH.finditer(text):
        name = m.group(2).lower().rstrip(".")
        if name == "mei" or len(name) <= 4:
            # short names are also ordinary words ("mei", "jan", "dec"): only as a header cell or with a year
            if not m.group(3) and not re.fullmatch(r"\s*" + re.escape(m.group(0)) + r"\s*\*?", text) and not (
                    name in MONTHS_NL and re.search(r"\b(?:in|over|van|per|sinds|t/m|tot en met)\s+(?:de\s+maand\s+)?$",
                                                text[:m.start()], re.I)):
                continue  # ("in mei" is the month)
        mon = MONTHS[name]
        ytxt = m.group(3)
        y = None
        if ytxt:
            y = int(ytxt) if len(ytxt) == 4 else 2000 + int(ytxt)
        add(m, "month", month(y, mon) if y else None, unit="M", number=mon,
            month_prefix=(m.group(1) or "").lower())
    for m in RE_YEAR.finditer(text):
        add(m, "year", year(int(m.group(1))))
    return out


def year_to_date(d: date) -> Period:
    """Cumulative from 1 January to `d`: a half, quarter or year when `d` ends one, else the range to `d`."""
    if d + timedelta(days=1) == date(d.year + 1, 1, 1):
        return year(d.year)
    if (d.month, d.day) == (6, 30):
        return half(d.year, 1)
    if (d.month, d.day) == (3, 31):
        return quarter(d.year, 1)
    return Period(date(d.year, 1, 1), d, f"{d.year}-01-01..{d.isoformat()}")


# "t/m juni 2023", "tot en met 30 september": the year so far, unless a start is named ("van april t/m juni")
_TO_DATE = re.compile(r"(?:\bt/m|\btot\s+en\s+met|\btot)\s*$", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"\b(?:van|vanaf|sinds|tussen)\s+\S+(?:\s+\S+)?\s*$", re.IGNORECASE)


def scan(text: str) -> list[PeriodMatch]:
    """Absolute period expressions in `text`, leftmost-longest and non-overlapping, in order."""
    if not text:
        return []
    text = text.replace("\u00a0", " ")
    chosen: list[PeriodMatch] = []
    last_end = -1
    for c in sorted(_candidates(text), key=lambda c: (c.start, -(c.end - c.start))):
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    out = []
    for c in chosen:
        before = text[:c.start]
        t = _TO_DATE.search(before)
        if c.kind in ("month", "date") and c.period is not None and t and not _FROM_BEFORE.search(before[:t.start()]):
            p = year_to_date(c.period.end)
            # the year so far is the first half or quarter when it ends one
            c = PeriodMatch(t.start(), c.end, text[t.start():c.end], p.kind, p,
                            unit={"half": "H", "quarter": "Q"}.get(p.kind, ""),
                            number=1 if p.kind in ("half", "quarter") else 0)
        out.append(c)
    return out


def only_period(text: str) -> PeriodMatch | None:
    """The one period expression that makes up all of `text` (a header cell such as "1e helft 2023")."""
    t = text.strip().rstrip("*").strip()
    ms = scan(t)
    if len(ms) == 1 and ms[0].start == 0 and ms[0].end == len(t):
        return ms[0]
    return None
