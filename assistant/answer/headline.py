"""The headline of a figure answer: the number written for people, with unit, period and place.

"1.408 cliënten Jeugdwet, eerste helft 2018"; "€ 34,0 miljoen" for 33.976 in a table of
"bedragen x € 1.000" (the table's own notation, "€ 33.976 × 1.000", goes along for the source).
Only presentation: the value is the row's value, never recomputed from anything else.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.models import Headline
from assistant.numbers import format_dutch_number
from assistant.periods import from_label

# Row labels that say nothing by themselves: the figure title names what they count.
GENERIC_ROWS = frozenset(["totaal", "eindtotaal", "aantal", "overig", "saldo", "subtotaal", "generaal totaal"])
# Units written after the number ("12 weken", "34 per 1.000 inwoners"); others are left out.
UNIT_WORDS = ("weken", "kinderen", "deelnemers", "per 1.000 inwoners", "per 1.000 huishoudens")
HALVES = {"1": "eerste", "2": "tweede"}
QUARTERS = {"1": "eerste", "2": "tweede", "3": "derde", "4": "vierde"}
# Law and organisation names keep their capital: "Participatiewet", "Wmo", "Veilig Thuis".
NAMES = re.compile(r"wet$|^(Wmo|Veilig|Steunpunt)$")
MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
          "november", "december"]


def _scale(unit: str, scale: Any) -> float:
    """1000 for '€ x 1000' (or a scale column of 1000), else 1."""
    if scale and float(scale) not in (0.0, 1.0):
        return float(scale)
    compact = unit.replace(".", "").replace(" ", "").lower()
    m = re.search(r"[x×](\d+)", compact)
    return float(m.group(1)) if m else 1.0


def euro_text(amount: float) -> str:
    """Euros for people: '€ 275.000', '€ 34,0 miljoen', '€ 1,2 miljard', '€ −1,7 miljoen'."""
    sign = "−" if amount < 0 else ""
    a = abs(amount)
    if a >= 1e9:
        return f"€ {sign}{format_dutch_number(round(a / 1e9, 1), 1)} miljard"
    if a >= 1e6:
        return f"€ {sign}{format_dutch_number(round(a / 1e6, 1), 1)} miljoen"
    return f"€ {sign}{format_dutch_number(round(a, 2))}"


def value_text(value: float, unit: str | None, scale: Any = None) -> tuple[str, str]:
    """(value for people, the table's own notation when it differs, else '')."""
    unit = (unit or "").strip()
    if unit.startswith("€"):
        factor = _scale(unit, scale)
        people = euro_text(value * factor)
        if factor != 1:
            notation = f"€ {format_dutch_number(value)} × {format_dutch_number(factor)}"
        else:
            notation = f"€ {format_dutch_number(value)}"
        return people, (notation if notation != people else "")
    num = format_dutch_number(value)
    if unit == "%":
        return f"{num}%", ""
    if unit in UNIT_WORDS:
        return f"{num} {unit}", ""
    return num, ""


def period_text(label: str | None, kind: str | None = None, column: str | None = None) -> str:
    """'eerste helft 2018', 'derde kwartaal 2019', 'realisatie 2017', '31 december 2016'."""
    if not label:
        return ""
    try:
        p = from_label(label)
    except ValueError:
        return label
    y = p.start.year
    if p.kind == "half":
        words = f"{HALVES[label[-1]]} helft {y}"
    elif p.kind == "quarter":
        words = f"{QUARTERS[label[-1]]} kwartaal {y}"
    elif p.kind == "date":
        words = f"{p.start.day} {MONTHS[p.start.month - 1]} {y}"
    else:
        words = p.label
    if kind:
        words = f"{kind} {words}"
        col = (column or "").lower()
        for amendment in ("voor wijziging", "na wijziging"):
            if amendment in col:
                words += f" {amendment}"
    return words


def lower_first(s: str) -> str:
    """'Cliënten Jeugdwet' -> 'cliënten Jeugdwet'; acronyms and names ('WMO', 'Jeugdwet') stay."""
    if not s or not s[0].isupper():
        return s
    first = s.split()[0]
    if first.isupper() and len(first) > 1 or any(ch.isdigit() for ch in first) or NAMES.search(first):
        return s
    return s[0].lower() + s[1:]


def label_text(row: dict[str, Any]) -> str:
    """What the number counts: the row label, or the figure title when the row is a bare 'Totaal'."""
    path = str(row.get("row_path") or row.get("row_label") or "").strip()
    last = path.split(" > ")[-1].strip()
    title = str(row.get("figure_title") or "").strip()
    title = re.sub(r"^(aantal|totaal)\s+", "", title, flags=re.I)
    label = last
    if last.lower() in GENERIC_ROWS and title:
        label = title if last.lower() in ("totaal", "eindtotaal", "aantal") else f"{title}, {last.lower()}"
    col = str(row.get("column_label") or "").strip()
    muni = str(row.get("municipality") or "").strip()
    if col and not any(ch.isdigit() for ch in col) and col.lower() not in label.lower() \
            and col.lower() != muni.lower() and not row.get("period_kind"):
        label = f"{label} – {col}"
    return lower_first(re.sub(r"\s+", " ", label))


def headline_for(rows: list[dict[str, Any]]) -> Headline | None:
    """The headline of a figure answer, or None when the rows are not one figure (a list, no value).

    One row: that row. Several rows of one series (a comparison over periods): the last one, the
    engine orders them chronologically. Rows of different series have no single headline.
    """
    valued = [r for r in rows if r.get("value") is not None]
    if not valued:
        return None
    series = {(r.get("row_path"), r.get("municipality"), r.get("unit"), r.get("figure_label")) for r in valued}
    if len(series) > 1:
        return None
    r = valued[-1]
    value, notation = value_text(float(r["value"]), r.get("unit"), r.get("scale"))
    return Headline(value=value, label=label_text(r),
                    period=period_text(r.get("period_label"), r.get("period_kind"), r.get("column_label")),
                    municipality=str(r.get("municipality") or ""), notation=notation)
