"""Derived numbers, always shown with their operands: difference, change in %, sum, share, highest/lowest.

Only numbers that stand in the facts are used, only like with like (one row and one measure; periods of
the same kind, unless realised is asked against budgeted). Each result carries its computation in words
("1.310 − 1.250 = 60") and the derived values the grounding guard may accept next to their operands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.answer.compose import amount, num, spent_negative, value_text
from assistant.answer.store import FactRow


@dataclass
class Derived:
    lines: list[str] = field(default_factory=list)  # Dutch sentences with the computation
    values: list[float] = field(default_factory=list)  # derived numbers (allowed next to their operands)
    headline_value: str = ""
    headline_label: str = ""


def _pct(a: float, b: float) -> float | None:
    return None if a == 0 else round(100.0 * (b - a) / abs(a), 1)


def _show(f: FactRow) -> str:
    return num(amount(f)) if f.value is not None else (f.raw or "")


def _unit_tail(f: FactRow) -> str:
    u = (f.unit or "").strip()
    if u == "%":
        return " procentpunt"
    if u.startswith("€") and "1000000" in u.replace(".", ""):
        return " (× € 1 miljoen)"
    if u.startswith("€") and "1000" in u.replace(".", ""):
        return " (× € 1.000)"
    return ""


def _money_side(f: FactRow) -> str | None:
    """Lasten (more is a nadeel) or baten (more is a voordeel), for an amount row."""
    if not (f.unit or "").startswith("€"):
        return None
    label = f"{f.row_path} {f.column_label or ''}".lower()
    if re.search(r"baten|inkomsten|opbrengst", label):
        return "baten"
    if re.search(r"lasten|uitgaven|kosten", label) or spent_negative(f):
        return "lasten"
    title = (f.figure_title or "").lower()  # "Lasten sociaal domein": every row of it is spent money
    if re.search(r"lasten|uitgaven|kosten", title) and not re.search(r"baten|inkomsten|saldo", title):
        return "lasten"
    if re.search(r"baten|inkomsten", title) and not re.search(r"lasten|uitgaven|saldo", title):
        return "baten"
    return None


def _euros(f: FactRow, diff: float) -> str:
    """A difference of amounts in thousands also in euros: "977 (× € 1.000)" is € 977.000."""
    u = (f.unit or "").replace(".", "")
    if u.startswith("€") and "1000000" in u:
        return f", € {num(abs(diff) * 1_000_000)}"
    if u.startswith("€") and "1000" in u:
        return f", € {num(abs(diff) * 1000)}"
    return ""


def difference(a: FactRow, b: FactRow, a_name: str, b_name: str) -> Derived:
    """b compared with a ("in 2018 … tegen … in 2017"): the change and the change in percent."""
    d = Derived()
    if amount(a) is None or amount(b) is None:
        return d
    diff = amount(b) - amount(a)
    word = "een stijging" if diff > 0 else ("een daling" if diff < 0 else "geen verandering")
    pct = _pct(amount(a), amount(b))
    comp = f"{_show(b)} − {_show(a)} = {num(diff)}"
    line = f"Van {a_name} naar {b_name} is dat {word}"
    if diff:
        line += f" van {num(abs(diff))}{_unit_tail(a)}{_euros(a, diff)}"
        if pct is not None and (a.unit or "") != "%":
            line += f" ({num(abs(pct), 1)}%)"
    d.lines.append(f"{line} ({comp}).")
    d.values += [diff, abs(diff), abs(diff) * 1000, abs(diff) * 1_000_000] + ([pct, abs(pct)] if pct is not None else [])
    d.headline_value = (("+" if diff > 0 else "") + num(diff)) if diff else "0"
    return d


def versus_plan(plan: FactRow, real: FactRow, forecast: bool = False) -> Derived:
    d = Derived()
    if amount(plan) is None or amount(real) is None:
        return d
    diff = amount(real) - amount(plan)
    more = "meer" if diff > 0 else "minder"
    pct = _pct(amount(plan), amount(real))
    comp = f"{_show(real)} − {_show(plan)} = {num(diff)}"
    what = "De prognose" if forecast else "De realisatie"
    line = (f"{what} is {num(abs(diff))}{_unit_tail(real)}{_euros(real, diff)} {more} dan begroot ({comp})" if diff
            else f"{what} is gelijk aan de begroting ({_show(real)})")
    if pct is not None and diff:
        line += f", {num(abs(pct), 1)}% {'boven' if diff > 0 else 'onder'} de begroting"
    side = _money_side(real)
    if diff and side:
        line += ": een " + ("nadeel" if (diff > 0) == (side == "lasten") else "voordeel")
    d.lines.append(line + ".")
    d.values += [diff, abs(diff), abs(diff) * 1000, abs(diff) * 1_000_000] + ([pct, abs(pct)] if pct is not None else [])
    d.headline_value = ("+" if diff > 0 else "") + num(diff)
    return d


def versus_target(target: FactRow, real: FactRow) -> Derived:
    """A realised figure against the target for the same period ("Doel 2024"): above, below or on it."""
    d = Derived()
    if amount(target) is None or amount(real) is None:
        return d
    diff = amount(real) - amount(target)
    if diff == 0:
        d.lines.append(f"Dat is precies de streefwaarde ({_show(target)}).")
        return d
    d.lines.append(f"Dat ligt {num(abs(diff))}{_unit_tail(real)} {'boven' if diff > 0 else 'onder'} de streefwaarde "
                   f"({_show(real)} − {_show(target)} = {num(diff)}).")
    d.values += [diff, abs(diff)]
    return d


def versus_other(a: FactRow, b: FactRow, a_name: str, b_name: str) -> Derived:
    """Two places (or a place and Nederland) for one row and period."""
    d = Derived()
    if amount(a) is None or amount(b) is None:
        return d
    diff = amount(a) - amount(b)
    if diff == 0:
        d.lines.append(f"{a_name} en {b_name} zijn gelijk ({_show(a)}).")
        return d
    word = "hoger" if diff > 0 else "lager"
    d.lines.append(f"{a_name} ligt {num(abs(diff))}{_unit_tail(a)} {word} dan {b_name} "
                   f"({_show(a)} − {_show(b)} = {num(diff)}).")
    d.values += [diff, abs(diff)]
    return d


def total(facts: list[FactRow], names: list[str]) -> Derived:
    d = Derived()
    vals = [amount(f) for f in facts if f.value is not None]
    if len(vals) < 2 or len(vals) != len(facts):
        return d
    s = sum(vals)
    d.lines.append(f"Samen: {' + '.join(_show(f) for f in facts)} = {num(s)}{_unit_tail(facts[0])}.")
    d.values.append(s)
    d.headline_value = f"€ {num(s)}" if (facts[0].unit or "").strip() == "€" else num(s)
    d.headline_label = " + ".join(names)
    return d


def share(part: FactRow, whole: FactRow) -> Derived:
    d = Derived()
    if amount(part) is None or not amount(whole):
        return d
    p = round(100.0 * amount(part) / amount(whole), 1)
    d.lines.append(f"Dat is {num(p, 1)}% ({_show(part)} / {_show(whole)} × 100).")
    d.values.append(p)
    d.headline_value = f"{num(p, 1)}%"
    return d


def extreme(facts: list[FactRow], highest: bool, name_of, both: bool = False) -> Derived:
    """The highest (or lowest) of the facts; `both` names the other end too ("de meeste, en welke de minste?"),
    every fact sharing an end value by name."""
    d = Derived()
    vals = [f for f in facts if f.value is not None]
    if len(vals) < 2:
        return d
    for high in ((highest, not highest) if both else (highest,)):
        end = max(amount(f) for f in vals) if high else min(amount(f) for f in vals)  # type: ignore
        ends = [f for f in vals if amount(f) == end]
        people, _ = value_text(ends[0])
        names = " en ".join(dict.fromkeys(name_of(f) for f in ends))
        d.lines.append(f"{'Het hoogst' if high else 'Het laagst'}: {names} ({people}).")
        if not d.headline_value:
            d.headline_value = people
            d.headline_label = names
    return d


def trend(series: list[FactRow], name_of_period) -> Derived:
    d = Derived()
    vals = [f for f in series if f.value is not None]
    if len(vals) < 2:
        return d
    a, b = vals[0], vals[-1]
    diff = amount(b) - amount(a)  # type: ignore[operator]
    word = "gestegen" if diff > 0 else ("gedaald" if diff < 0 else "gelijk gebleven")
    pct = _pct(amount(a), amount(b))  # type: ignore[arg-type]
    line = (f"Van {name_of_period(a)} ({_show(a)}) tot en met {name_of_period(b)} ({_show(b)}) is het {word}")
    if diff:
        line += f": {num(abs(diff))}{_unit_tail(a)} ({_show(b)} − {_show(a)} = {num(diff)}"
        line += f"; {num(abs(pct), 1)}%)" if pct is not None and (a.unit or "") != "%" else ")"
    d.lines.append(line + ".")
    d.values += [diff, abs(diff)] + ([pct, abs(pct)] if pct is not None else [])
    return d
