"""Dutch answer text, written for people: figures with their unit and period in words, sources cited.

Every number in an answer comes from the facts or passages behind it (the grounding guard checks this);
amounts are written the way a council member says them ("€ 34,0 miljoen") with the table's own notation
next to it ("33.976 × € 1.000"), so the figure can be found back in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.answer.store import FactRow
from assistant.models import Citation, Headline
from assistant.numbers import format_dutch_number
from assistant.periods import from_label

NOT_FOUND = "Dat kan ik niet vinden in de rapportages."

_KIND_WORDS = {"begroting": "begroting", "raming": "raming", "streefwaarde": "streefwaarde", "afwijking": "verschil",
               "realisatie": "", "resultaat": "", "voorlopig": ""}


def num(v: float, decimals: int | None = None) -> str:
    if decimals is None:
        v = round(v, 6)  # 11,4 − 10,2 is 1,2, not 1,2000000000000002
    return format_dutch_number(v, decimals)


def period_words(label: str | None) -> str:
    """"2018-H1" -> "eerste helft 2018", "2017" -> "2017", "2023-03" -> "maart 2023"."""
    if not label:
        return ""
    try:
        p = from_label(label)
    except ValueError:
        return label
    k = p.kind
    y = p.start.year
    if k == "half":
        return f"{'eerste' if label.endswith('H1') else 'tweede'} helft {y}"
    if k == "quarter":
        return f"{['eerste', 'tweede', 'derde', 'vierde'][int(label[-1]) - 1]} kwartaal {y}"
    if k in ("month", "date", "schoolyear", "range"):
        return p.dutch()
    return str(y)


def _money(v: float, scale: float) -> tuple[str, str]:
    """(for people, the table's notation) of an amount printed in units of `scale` euros."""
    euros = v * scale
    sign = "-" if euros < 0 else ""
    a = abs(euros)
    if a >= 1_000_000:
        people = f"{sign}€ {num(round(a / 1_000_000, 1), 1)} miljoen"
    elif a >= 10_000:
        people = f"{sign}€ {num(round(a))}"
    else:
        people = f"{sign}€ {num(a)}"
    if scale == 1000:
        notation = f"{num(v)} × € 1.000"
    elif scale == 1_000_000:
        notation = f"{num(v)} × € 1 miljoen"
    elif a >= 1_000_000 and round(a) % 100_000:
        notation = f"{sign}€ {num(round(a))}"  # the rounded millions must not hide the exact amount
    else:
        notation = ""
    return people, notation


def scale_of(f: FactRow) -> float:
    u = (f.unit or "").replace(".", "")
    if "1000000" in u:
        return 1_000_000.0
    if "1000" in u:
        return 1000.0
    return 1.0


def spent_negative(f: FactRow) -> bool:
    """Lasten printed with a minus by the table's convention ("15.183-"): an amount spent, not a loss."""
    label = f"{f.column_label or ''} {f.row_path or f.row_label}"  # the row's group too ("Lasten > 6.71 …")
    return bool(f.value is not None and f.value < 0 and (f.unit or "").startswith("€")
                and re.search(r"lasten|uitgaven|kosten", label, re.I) and not re.search(r"saldo|resultaat", label, re.I))


def amount(f: FactRow) -> float | None:
    """The value to compute with: lasten as the positive amount spent."""
    return None if f.value is None else (-f.value if spent_negative(f) else f.value)


def value_text(f: FactRow) -> tuple[str, str]:
    """(the figure for people, the table's own notation when it differs)."""
    if f.value is None:
        return (f.status or f.raw or "onbekend"), ""
    v = f.value
    unit = (f.unit or "").strip()
    marker = f" ({'nadelig' if f.marker == 'N' else 'voordelig'})" if f.marker in ("N", "V") else ""
    if unit.startswith("€"):
        if spent_negative(f):
            people, notation = _money(-v, scale_of(f))
            # the amount spent as a positive figure, and how the table prints it
            return people + marker, ((notation + "; ") if notation else "") + f"in de tabel {f.raw}"
        people, notation = _money(v, scale_of(f))
        return people + marker, notation
    if unit == "bedrag":
        return f"{num(v)} (bedrag zoals in de tabel){marker}", ""
    if unit == "%":
        return f"{num(v)}%", ""
    if unit in ("aantal", "", "gemiddelde"):
        return num(v) + marker, ""
    if unit == "rapportcijfer":
        return f"{num(v)} (rapportcijfer)", ""
    return f"{num(v)} {unit}", ""


# Row labels that say nothing by themselves: the table's title names what they count.
_GENERIC_ROWS = frozenset(["totaal", "eindtotaal", "aantal", "generaal totaal"])


def row_words(f: FactRow) -> str:
    """The row (and the column when it says what is counted) in words; a bare "Totaal" row is named by
    its table's title ("Eindtotaal" of "aantal ondersteuningsplannen" -> "ondersteuningsplannen")."""
    name = f.row_path.split(" > ")[-1]
    title = re.sub(r"^(aantal|totaal)\s+", "", (f.figure_title or "").strip(), flags=re.I)
    if name.strip().lower() in _GENERIC_ROWS and title and not re.match(r"^(tabel|figuur|grafiek)\b", title, re.I):
        return title
    parent = " > ".join(f.row_path.split(" > ")[:-1])
    if parent and parent.lower() not in name.lower() and len(name.split()) <= 3:
        name = f"{name} ({parent})"
    col = f.column_label or ""
    if col and not any(ch.isdigit() for ch in col) and col.lower() not in name.lower() and \
            col.lower() not in (f.municipality or "").lower() and col.lower() not in ("totaal", "aantal", "%"):
        name = f"{name} – {col}"
    return name


def kind_words(f: FactRow) -> str:
    if f.period_kind == "raming" and re.search(r"prognose|verwacht", f.column_label or "", re.I):
        return "prognose"  # the table's own word for an expected outcome
    return _KIND_WORDS.get(f.period_kind or "", f.period_kind or "")


def when_words(f: FactRow) -> str:
    parts = [kind_words(f), period_words(f.period_label)]
    text = " ".join(p for p in parts if p)
    if f.period_note:
        text = f"{text} ({f.period_note})".strip()
    return text


def headline(f: FactRow) -> Headline:
    """The figure first and large: "€ 34,0 miljoen totaal lasten, Oisterwijk, realisatie 2017"."""
    people, notation = value_text(f)
    when = period_text(f.period_label, f.period_kind, f.column_label)
    if f.period_note:
        when = f"{when} ({f.period_note})".strip()
    return Headline(value=people, label=lower_first(row_words(f)), period=when, municipality=f.scope or "",
                    notation=notation)


def fact_line(f: FactRow, with_scope: bool = True) -> str:
    people, notation = value_text(f)
    where = f" ({f.scope})" if with_scope and f.scope else ""
    when = when_words(f)
    out = f"{row_words(f)}{where}{', ' + when if when else ''}: {people}"
    if notation:
        out += f" ({notation})"
    return out


def _tidy(text: str | None) -> str:
    import re as _re

    return _re.sub(r"\(\s*\)", "", text or "").strip(" ,:")


def source_phrase(f: FactRow, n: int = 1) -> str:
    where = _tidy(f.figure_label) or "de tabel"
    title = _tidy(f.figure_title) if f.figure_title and f.figure_title != f.figure_label else ""
    doc = f.document_title or f.file_name
    return f"Bron: {where}{' (' + title + ')' if title else ''} in ‘{doc}’ [{n}]."


def figure_citation(facts: list[FactRow], lines_of, header_lines: Iterable[int] = ()) -> Citation:
    """One citation for the facts of one table: its line range, the lines with the cited cells highlighted."""
    f0 = facts[0]
    first = f0.figure_line_start or min(f.line for f in facts)
    last = f0.figure_line_end or max(f.line for f in facts)
    rows = sorted({f.line for f in facts})
    texts = {r["line_no"]: r["text"] for r in lines_of(f0.file_name, rows[0], rows[-1])} if lines_of else {}
    quote = " / ".join(" ".join(texts.get(n, "").split()) for n in rows[:6] if texts.get(n)) or \
        "; ".join(f"{f.row_path}: {f.raw}" for f in facts[:6])
    locator = f0.figure_label or ""
    if f0.figure_title and f0.figure_title != locator:
        locator = f"{locator}: {f0.figure_title}" if locator else f0.figure_title
    return Citation(doc=f0.file_name, title=f0.document_title or "", lines=[int(first), int(last)], page=f0.page,
                    locator=locator, quote=quote[:500], row_lines=rows, header_lines=list(header_lines),
                    highlight=list(dict.fromkeys(f.raw for f in facts if f.raw)))


def period_text(label: str | None, kind: str | None = None, column: str | None = None) -> str:
    """A period with its kind for tables in the UI: "raming 2017 na wijziging", "eerste helft 2018"."""
    words = period_words(label)
    if not words:
        return ""
    if kind:
        k = "prognose" if kind == "raming" and re.search(r"prognose|verwacht", column or "", re.I) else \
            (_KIND_WORDS.get(kind) or kind)
        words = f"{k} {words}".strip()
        for amendment in ("voor wijziging", "na wijziging"):
            if amendment in (column or "").lower():
                words += f" {amendment}"
    return words


def amount_text(value: float, unit: str | None, scale: float | None = None) -> str:
    """A value with its unit for people (tables and charts in the UI)."""
    u = (unit or "").strip()
    if u.startswith("€"):
        factor = scale if scale and scale not in (0.0, 1.0) else (1000.0 if "1000" in u.replace(".", "") else 1.0)
        return _money(value, factor)[0]
    if u == "%":
        return f"{num(value)}%"
    if u in ("", "aantal", "gemiddelde"):
        return num(value)
    return f"{num(value)} {u}"


_NAMES = re.compile(r"wet$|^(Wmo|Veilig|Steunpunt)$")


def lower_first(s: str) -> str:
    """'Cliënten Jeugdwet' -> 'cliënten Jeugdwet' inside a sentence; acronyms and names ('WMO', 'Jeugdwet') stay."""
    if not s or not s[0].isupper():
        return s
    first = s.split()[0]
    if (first.isupper() and len(first) > 1) or any(ch.isdigit() for ch in first) or _NAMES.search(first):
        return s
    return s[0].lower() + s[1:]
