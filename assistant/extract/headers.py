"""Column headers: stacked period headers, period phrases in titles and "Realisatie 2016 Raming 2017" columns."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.periods import Period, half, quarter, scan, year

_YEAR = r"(?:19|20)\d\d"
_ORD = {"1e": 1, "eerste": 1, "2e": 2, "tweede": 2, "3e": 3, "derde": 3, "4e": 4, "vierde": 4}
_HEADER_TOKEN = re.compile(
    rf"(?:{_YEAR}|[HhQqKk][1-4]|1e|2e|3e|4e|eerste|tweede|derde|vierde|helft|halfjaar|kwartaal)\*?",  # "2024*"
    re.IGNORECASE,
)


def header_tokens(line: str) -> list[str] | None:
    """Tokens of a line made only of period-header words ("H1 H2 H1", "2015 2016", "1e helft"), else None."""
    toks = line.split()
    if not toks or not all(_HEADER_TOKEN.fullmatch(t) for t in toks):
        return None
    return toks


def _markers(tokens: list[str]) -> list[tuple[str, int]] | None:
    """Normalise tokens to ("Y", 2015) / ("H", 1) / ("Q", 3); None when the stream does not make sense."""
    out: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        t = tokens[i].lower()
        if re.fullmatch(_YEAR, t):
            out.append(("Y", int(t)))
        elif re.fullmatch(r"h[12]", t):
            out.append(("H", int(t[1])))
        elif re.fullmatch(r"[qk][1-4]", t):
            out.append(("Q", int(t[1])))
        elif t in _ORD and i + 1 < len(tokens):
            unit = tokens[i + 1].lower()
            if unit in ("helft", "halfjaar") and _ORD[t] <= 2:
                out.append(("H", _ORD[t]))
            elif unit == "kwartaal":
                out.append(("Q", _ORD[t]))
            else:
                return None
            i += 1
        else:
            return None
        i += 1
    return out


def _make(kind: str, y: int, n: int) -> Period:
    return half(y, n) if kind == "H" else quarter(y, n)


def periods_from_tokens(tokens: list[str]) -> list[Period] | None:
    """Turn a stacked period header into one Period per column.

    "2015 2016 2017 2018 / H1 H2 H1 H2 H1 H2 H1" -> 2015-H1 .. 2018-H1 (a new year starts at every H1);
    "H1 2015 H2 2015 ..." -> pairs; "2015 2016 2017" -> years. None if the header is inconsistent.
    """
    ms = _markers(tokens)
    if not ms:
        return None
    kinds = [k for k, _ in ms]
    if all(k == "Y" for k in kinds):
        years = [v for _, v in ms]
        return [year(y) for y in years] if len(set(years)) == len(years) else None
    n_years = kinds.count("Y")
    # all years first, then the sub-period markers
    if n_years and kinds[:n_years] == ["Y"] * n_years and "Y" not in kinds[n_years:]:
        years = [v for _, v in ms[:n_years]]
        if years != list(range(years[0], years[0] + n_years)):
            return None
        subs = ms[n_years:]
        if len({k for k, _ in subs}) != 1:
            return None
        out, yi, prev = [], 0, None
        for k, n in subs:
            if prev is not None and n <= prev:
                yi += 1
            elif prev is not None and n != prev + 1:
                return None
            if yi >= n_years:
                return None
            out.append(_make(k, years[yi], n))
            prev = n
        if yi != n_years - 1:
            return None
        return out
    # interleaved pairs: (marker, year)* or (year, marker)*
    if len(ms) % 2 == 0:
        out = []
        for a, b in zip(ms[0::2], ms[1::2], strict=True):
            if a[0] != "Y" and b[0] == "Y":
                out.append(_make(a[0], b[1], a[1]))
            elif a[0] == "Y" and b[0] != "Y":
                out.append(_make(b[0], a[1], b[1]))
            else:
                return None
        return out if len(set(out)) == len(out) else None
    return None


# --- period phrases in titles, captions and column headers (the grammar is assistant.periods.scan)


def half_or_quarter_periods(text: str) -> list[tuple[Period, int]]:
    """(period, position) for every half-year or quarter phrase with a year in `text`."""
    return [(m.period, m.start) for m in scan(text) if m.kind in ("half", "quarter") and m.period is not None]


def title_period(text: str) -> Period | None:
    """The one period a table title or caption states, or None when it states none or several.

    "1e halfjaar 2016" -> 2016-H1; "per 31.12.2016" / "stand op 31 december 2016" -> that date;
    "…, 2016" -> 2016; "2016, tot en met 31.12.2016" -> 2016 (a cumulative count over the year);
    "schooljaar 2021/2022" -> that school year; "maart 2023" -> that month.
    """
    ms = [m for m in scan(text) if m.period is not None]
    sub = {m.period for m in ms if m.kind in ("half", "quarter", "month", "schoolyear")}
    if len(sub) == 1:
        return sub.pop()
    if len(sub) > 1:
        return None
    dates = [m for m in ms if m.kind == "date"]
    for m in dates:
        before = text[max(0, m.start - 12):m.start].lower()
        if re.search(r"\b(per|op|peildatum|stand)\s*$", before):
            return m.period
    years = {m.period.start.year for m in ms if m.kind == "year"}
    if len(years) == 1:
        return year(years.pop())
    if not years and len(dates) == 1:
        d = dates[0].period
        before = text[:dates[0].start].lower()
        if d.start.month == 12 and d.start.day == 31 and re.search(r"t/m|tot en met", before):
            return year(d.start.year)
        return d
    return None


# --- "Realisatie 2016 Raming 2017 voor wijziging ..." column headers ---------------------------

PERIOD_KINDS = ("realisatie", "raming", "begroting", "begroot", "rekening", "resultaat", "afwijking",
                "verschil", "prognose", "doel", "streefwaarde", "norm", "actueel", "werkelijk")
_KIND_COL = re.compile(rf"\b(?P<k>{'|'.join(PERIOD_KINDS)})\b\s+(?P<y>{_YEAR})\b", re.IGNORECASE)


@dataclass
class KindColumn:
    label: str  # "Raming 2017 na wijziging"
    kind: str  # raming
    period: Period | None


def kind_of(text: str) -> str | None:
    """The period kind a column header names (realisatie, raming, begroting, ...): one vocabulary, in
    assistant.extract.columns."""
    from assistant.extract.columns import kind_of as _kind_of

    return _kind_of(text)


def parse_kind_columns(line: str) -> tuple[str, list[KindColumn]] | None:
    """Split a one-line header of "<kind> <year> [qualifier]" columns; returns (prefix text, columns).

    None unless there are at least two such columns and they cover the line after the prefix.
    """
    ms = list(_KIND_COL.finditer(line))
    if len(ms) < 2:
        return None
    cols = []
    for i, m in enumerate(ms):
        end = ms[i + 1].start() if i + 1 < len(ms) else len(line)
        qualifier = line[m.end():end].strip()
        # "… Realisatie 2023 Verschil": a trailing difference column without a year of its own
        tail = re.search(r"\b(verschil|afwijking|mutatie|streefwaarde|norm)\b.*$", qualifier, re.IGNORECASE)
        extra = None
        if tail and i + 1 == len(ms):
            extra = tail.group().strip()
            qualifier = qualifier[:tail.start()].strip()
        if len(qualifier.split()) > 4 or re.search(r"\d", qualifier):
            return None  # a long or numeric tail is not a column qualifier
        label = " ".join((line[m.start():m.end()] + " " + qualifier).split())
        cols.append(KindColumn(label=label, kind=kind_of(label) or m["k"].lower(), period=year(int(m["y"]))))
        if extra and len(extra.split()) <= 3:
            cols.append(KindColumn(label=extra, kind=kind_of(extra) or "afwijking", period=year(int(m["y"]))))
    prefix = line[:ms[0].start()].strip()
    return prefix, cols


# --- a header printed over several lines without alignment (PDF text one space apart) ------------------

_GLUE_NEXT = re.compile(r"^(?:t/m|tot|tot en met|na|voor|van|vanaf|per|over|in|op|met|zonder|excl\.?|incl\.?)$",
                        re.IGNORECASE)
_UNIT_WORD = re.compile(r"^(?:helft|halfjaar|half|kwartaal|kw\.?)$", re.IGNORECASE)


def _top_chunks(line: str) -> list[str]:
    """Column starts of the top header line: a capitalised word or a number starts a column, a lower-case
    word goes on with the column before it ("Jongeren met", "Vorm van jeugdhulp"); a period goes with a word
    before it that has none yet ("Realisatie 2023")."""
    out: list[list[str]] = []
    for tok in line.split():
        if not out:
            out.append([tok])
        elif tok[:1].isupper() or tok[:1] in "%(€":
            out.append([tok])
        elif tok[:1].isdigit():
            if any(scan(" ".join(out[-1]))):
                out.append([tok])
            else:
                out[-1].append(tok)
        else:
            out[-1].append(tok)
    return [" ".join(c) for c in out]


def _lower_chunks(line: str, fine: bool) -> list[str]:
    """The cells of a lower header line: one per word, except that a preposition goes with the word after
    it ("t/m juni"), an ordinal with its period word ("1e halfjaar") and, unless `fine`, a period phrase stays
    whole ("1e halfjaar 2023")."""
    toks = line.split()
    out: list[str] = []
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.lower() in _ORD and i + 1 < len(toks) and _UNIT_WORD.match(toks[i + 1]):
            t = f"{t} {toks[i + 1]}"
            i += 1
            if not fine and i + 1 < len(toks) and re.fullmatch(_YEAR, toks[i + 1]):
                t = f"{t} {toks[i + 1]}"
                i += 1
        elif _GLUE_NEXT.match(t) and i + 1 < len(toks):
            t = f"{t} {toks[i + 1]}"
            i += 1
        out.append(t)
        i += 1
    return out


_OPEN_END = re.compile(r"(?:^|\s)(?:na|voor|t/m|tot|van|per|en|in|-)$|-$", re.IGNORECASE)


def _typed_fill(cols: list[list[str]], chunks: list[str], incomplete) -> list[list[str]] | None:
    """A lower line whose periods go to the columns still without one and whose other words go, in order, to
    the columns between them ("Rekening Begroting Begroting 2023 Rekening Verschil" over "2022 2023 primitief
    na wijziging 2023": the years to the two Rekening columns and the first Begroting, "primitief" and "na
    wijziging" to the two Begroting columns). None when the line does not fit that way."""
    need = [i for i, c in enumerate(cols) if incomplete(c)]
    periods = [j for j, ch in enumerate(chunks) if any(m.period is not None for m in scan(ch))]
    if not need or len(periods) != len(need):
        return None
    at = dict(zip(periods, need, strict=True))
    out = [list(c) for c in cols]
    j = 0
    while j < len(chunks):
        if j in at:
            out[at[j]].append(chunks[j])
            j += 1
            continue
        k = j
        while k < len(chunks) and k not in at:
            k += 1
        run = chunks[j:k]
        left = at.get(j - 1, -1)
        right = at.get(k, len(cols))
        free = [i for i in range(left + 1, right) if len(out[i]) == len(cols[i])]
        if len(run) == len(free) + 1 and left >= 0:
            out[left].append(run[0])
            run = run[1:]
        if len(run) != len(free):
            return None
        for i, ch in zip(free, run, strict=True):
            out[i].append(ch)
        j = k
    if any(incomplete(c) for c in out):
        return None
    return out


_STATE = re.compile(r"(?i)^(?:primitie[fv]e?|oorspronkelijke?|actuee?le?|bijgestelde?|gewijzigde?|vastgestelde?)$")


def _state_fill(cols: list[list[str]], chunks: list[str]) -> list[list[str]] | None:
    """"Begroting 2024 Bijstelling Begroting na" over "primitief bijstelling": the words that end an open column
    ("na" + "bijstelling") go to it, a budget's state ("primitief") to the budget column without one."""
    open_cols = [i for i, c in enumerate(cols) if _OPEN_END.search(c[-1])]
    if not open_cols or len(chunks) <= len(open_cols):
        return None
    rest, tail = chunks[:len(chunks) - len(open_cols)], chunks[len(chunks) - len(open_cols):]
    budget = [i for i, c in enumerate(cols) if i not in open_cols and re.match(r"(?i)(begroting|raming)\b", c[0])
              and not any(_STATE.match(w) for part in c for w in part.split())]
    if len(rest) != len(budget) or not all(_STATE.match(w) for w in rest):
        return None
    out = [list(c) for c in cols]
    for i, ch in zip(open_cols + budget, tail + rest, strict=True):
        out[i].append(ch)
    return out


def stack_words(lines: list[str], n: int, incomplete) -> tuple[str | None, list[str]] | None:
    """Column texts of a header printed over several lines with single spaces (a PDF text layer).

    The top line gives `n` column starts (or `n` + 1, the first heading the label column); a lower line with
    `n` cells adds one to each column, a shorter one goes to the columns `incomplete(parts)` says are not
    finished yet (a word break, a kind without its period, a half year without its year), in order.
    Returns (label column head, column texts) or None when the lines do not stack.
    """
    if len(lines) < 2:
        return None
    # a "V/N" column holds the marker of the amount before it, no value of its own
    top = [c for c in _top_chunks(lines[0]) if not re.fullmatch(r"[VN]\s*/\s*[VN]", c.strip())]
    head = None
    if len(top) == n + 1:
        head, top = top[0], top[1:]
    if len(top) != n:
        return None
    cols = [[c] for c in top]
    for line in lines[1:]:
        if re.fullmatch(r"(?i)\s*(lasten|baten|saldo|uitgaven|inkomsten)\s*:?\s*", line):
            return None  # a group heading over the rows ("Lasten"), no part of the header
        options = [_lower_chunks(line, True), _lower_chunks(line, False)]
        full = next((o for o in options if len(o) == n), None)
        # a kind still without its period that would get a word that is no period ("Rekening" + "na wijziging"),
        # while the line has periods to spare: the periods go where they are missing (an open end such as
        # "Begroting na" + "wijziging" is completed by its word and is no such case)
        if full is not None and any(incomplete(c) and not scan(cell) and not _OPEN_END.search(c[-1])
                                    for c, cell in zip(cols, full, strict=True)):
            typed = _typed_fill(cols, full, incomplete)
            if typed is not None:
                cols = typed
                continue
        if full is not None:
            for c, cell in zip(cols, full, strict=True):
                c.append(cell)
            continue
        need = [i for i, c in enumerate(cols) if incomplete(c)]
        part = next((o for o in options if len(o) == len(need)), None)
        if part is None or not need:
            # "Begroting 2023 Begroting 2023 Realisatie Verschil" over "primitief na wijziging 2023": the period to
            # the kind without one, the other words to the columns before it
            typed = next((t for o in options for t in [_typed_fill(cols, o, incomplete)] if t is not None), None) \
                or next((t for o in options for t in [_state_fill(cols, o)] if t is not None), None)
            if typed is None:
                return None
            cols = typed
            continue
        for i, cell in zip(need, part, strict=True):
            cols[i].append(cell)
    return head, ["\n".join(c) for c in cols]
