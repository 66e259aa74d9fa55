"""Find the reporting periods a Dutch question talks about.

"in de eerste helft van 2018" -> 2018-H1, "Q4 2017" -> 2017-Q4, "eind 2017" -> 2017 (point "end"),
"per 31 december 2016" -> 2016-12-31, "vorig jaar in dezelfde periode" -> the same period a year back.

Choices worth knowing:
- A bare year ("in 2017", "over 2016", "begroting 2017") is the whole year: whole_year=True.
- "van 2015 tot en met 2018", "2015-2018", "tussen 2015 en 2018": one mention whose period spans the
  years, label "2015..2018" (kind "range"). "tot" counts as inclusive: a council member asking "van 2015
  tot 2018" wants both end points. "2015 en 2018": two mentions. "2021/2022" is a school year.
- Seasons are approximate (approximate=True): "voorjaar/najaar van 2017" -> the half year that contains
  it (2017-H1 / 2017-H2), "zomer/winter" -> the year. "juni 2018" is the month 2018-06.
  "eind juni 2018" / "begin juli 2018" -> that date, with point "end" / "start". "medio 2017" (or "halverwege 2017") -> 2017-H1
  with point "end".
- A half year or quarter without a year ("tweede halfjaar") takes the nearest year mentioned in the
  question, else the latest such half/quarter that has started by the end of `reference`.
- Relative phrases ("vorig jaar", "dezelfde periode vorig jaar", "het halfjaar daarvoor") count back
  from the last absolute period mentioned before them, else from `reference`; without either they are
  dropped. "vorig jaar" on its own is the last full year by the end of `reference` (the year an annual
  report is about, as seen by its writer the year after). "dit jaar" and "het afgelopen halfjaar" always use `reference`.
- "stand" in the question (not "stand van zaken") gives point "end" to mentions without a point.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from assistant.periods import (
    MONTHS_NL,
    Period,
    half,
    month,
    on_date,
    quarter,
    scan,
    year,
    year_range,
    year_to_date,
)


@dataclass(frozen=True)
class PeriodMention:
    period: Period
    text: str                    # the words in the question
    relative: bool = False       # resolved against the reference period or an earlier mention
    whole_year: bool = False     # the year as a whole: the year figure, or both halves
    point: str | None = None     # "end" (eind 2017, per 31 december 2016) or "start" (begin 2018)
    approximate: bool = False    # season or month, widened to the half year or year around it


def describe(period: Period) -> str:
    """How a period is said in a Dutch answer."""
    return period.dutch()


# --- vocabulary: the absolute expressions come from the one period grammar (assistant.periods.scan)

_FLAGS = re.IGNORECASE


def _c(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _FLAGS)


# Relative expressions.
_VORIG = r"(?:vorig(?:e)?|verleden)"
_SAME = r"(?:de\s*zelfde|diezelfde|die\s+zelfde)"
_RE_SAME_PREV = _c(
    rf"\b(?:(?:het\s+)?{_VORIG}\s+jaar\s+(?:in|over)?\s*{_SAME}\s+periode"
    rf"|(?:in\s+|over\s+)?{_SAME}\s+periode\s+(?:van\s+)?(?:het\s+)?(?:{_VORIG}\s+jaar|een\s+jaar\s+(?:eerder|daarvoor))"
    r"|een\s+jaar\s+(?:eerder|daarvoor|ervoor))\b")
_RE_PREV_YEAR = _c(rf"\b(?:het\s+)?{_VORIG}\s+jaar\b")
_RE_YEAR_BEFORE = _c(r"\b(?:het\s+)?jaar\s+(?:daarvoor|ervoor|daarv[oó]{2}r)\b")
_RE_THIS_YEAR = _c(r"\b(?:dit\s+jaar|het\s+(?:huidige|lopende)\s+jaar)\b")
_RE_PART_OF_YEAR = _c(r"\b(eerste|tweede|derde|vierde|1e|2e|3e|4e)\s+(helft|halfjaar|half\s+jaar|kwartaal)\s+(?:van|in)\s+"
                      r"(?:(vorig(?:e)?|verleden)|dit|het\s+huidige|het\s+lopende)\s+jaar\b")
_RE_NEXT_YEAR = _c(r"\b(?:volgend(?:e)?\s+jaar|(?:het\s+)?komend(?:e)?\s+jaar)\b")
# "dit jaar tot en met september", "t/m juni" without a year: the year so far
_RE_TO_MONTH = _c(r"\b(?:(?:dit|het\s+lopende)\s+jaar\s+)?(?:t/m|tot\s+en\s+met)\s+(?P<m>" + "|".join(MONTHS_NL)
                  + r")\b(?!\s+'?\d)")
_RE_LAST_YEAR = _c(r"\b(?:het\s+)?afgelopen\s+jaar\b")
_RE_LAST_HALF = _c(r"\b(?:(?:het\s+)?(?:afgelopen|laatste|huidige)\s+half\s*jaar|dit\s+half\s*jaar)\b")
_RE_PREV_HALF = _c(r"\b(?:het\s+)?(?:vorig(?:e)?|voorgaande?)\s+half\s*jaar\b")
_RE_HALF_BEFORE = _c(r"\b(?:het\s+|een\s+)?half\s*jaar\s+(?:daarvoor|ervoor|daarv[oó]{2}r|eerder)\b")

# Words right before a mention that make it a moment rather than a span.
_RE_POINT_PREFIX = _c(r"(?:\b(?:per|op|tot)\s+)?\b(?:(?:aan\s+het\s+|tegen\s+het\s+)?(eind(?:e)?|ultimo|begin|start|medio|halverwege|midden)"
                      r"|(per|op))\s+(?:van\s+)?(?:het\s+|de\s+)?$")
_RE_ONWARD = _c(r"\b(?:naar|tot(?:\s+en\s+met)?|t/m)\b")
_RE_STAND = _c(r"\bstand\b(?!\s+van\s+zaken)")


@dataclass
class _Cand:
    start: int
    end: int
    build: Callable[[_Ctx], list[PeriodMention]]
    relative: bool = False
    yearless: bool = False


@dataclass
class _Ctx:
    reference: Period | None
    anchor: Period | None          # last absolute period before this candidate
    nearest_year: int | None       # nearest explicit year in the question
    text: str
    onward: bool = False           # "van <anchor> naar/tot <this>": this comes after the anchor


def _shift_year(p: Period, delta: int) -> Period:
    if p.kind == "year":
        return year(p.start.year + delta)
    if p.kind == "half":
        return half(p.start.year + delta, 1 if p.start.month == 1 else 2)
    if p.kind == "quarter":
        return quarter(p.start.year + delta, (p.start.month - 1) // 3 + 1)

    def move(d: date) -> date:
        try:
            return d.replace(year=d.year + delta)
        except ValueError:  # 29 February
            return d.replace(year=d.year + delta, day=28)
    if p.kind == "date":
        return on_date(move(p.start))
    return year_range(p.start.year + delta, p.end.year + delta)


def _half_of(d: date) -> Period:
    return half(d.year, 1 if d.month <= 6 else 2)


def _latest_started(make: Callable[[int], Period], reference: Period) -> Period:
    """The most recent period of this shape that has started by the end of `reference`."""
    p = make(reference.end.year)
    return p if p.start <= reference.end else make(reference.end.year - 1)


def _resolve_yearless(make: Callable[[int], Period], ctx: _Ctx) -> Period | None:
    if ctx.onward and ctx.anchor is not None:
        p = make(ctx.anchor.end.year)
        return p if p.start > ctx.anchor.end else make(ctx.anchor.end.year + 1)
    if ctx.nearest_year is not None:
        return make(ctx.nearest_year)
    if ctx.reference is not None:
        return _latest_started(make, ctx.reference)
    return None


def _mention(text: str, period: Period | None, **kw: object) -> list[PeriodMention]:
    return [] if period is None else [PeriodMention(period=period, text=text, **kw)]  # type: ignore[arg-type]


def _fixed(text: str, period: Period, **kw: object) -> Callable[[_Ctx], list[PeriodMention]]:
    mentions = _mention(text, period, **kw)
    return lambda c: mentions


def _date_or_none(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _date_point(d: date) -> str:
    return "start" if d.day == 1 else "end"


def _candidates(q: str, now_year: int | None = None) -> list[_Cand]:
    out: list[_Cand] = []

    def add(m: re.Match[str], build: Callable[[_Ctx], list[PeriodMention]], **kw: bool) -> None:
        out.append(_Cand(m.start(), m.end(), build, **kw))

    for pm in scan(q):
        t, p = pm.text, pm.period
        if pm.kind == "date" and p is not None:
            out.append(_Cand(pm.start, pm.end, _fixed(t, p, point=_date_point(p.start))))
        elif pm.kind in ("range", "year") and p is not None:
            out.append(_Cand(pm.start, pm.end, _fixed(t, p, whole_year=True)))
        elif pm.kind in ("schoolyear", "season") and p is not None:
            out.append(_Cand(pm.start, pm.end, _fixed(t, p, approximate=pm.approximate)))
        elif pm.kind == "halves":
            y = str(p.start.year) if p is not None else None

            def both(c: _Ctx, y: str | None = y, t: str = t) -> list[PeriodMention]:
                if y:
                    return [PeriodMention(half(int(y), 1), t), PeriodMention(half(int(y), 2), t)]
                return (_mention(t, _resolve_yearless(lambda yy: half(yy, 1), c))
                        + _mention(t, _resolve_yearless(lambda yy: half(yy, 2), c)))
            out.append(_Cand(pm.start, pm.end, both, yearless=y is None))
        elif pm.kind == "half":
            y = str(p.start.year) if p is not None else None
            out.append(_Cand(pm.start, pm.end, _half_builder(pm.number, y, t), yearless=y is None))
        elif pm.kind == "quarter":
            y = str(p.start.year) if p is not None else None
            out.append(_Cand(pm.start, pm.end, _quarter_builder(pm.number, y, t), yearless=y is None))
        elif pm.kind == "month" and p is not None:
            if pm.month_prefix.startswith("eind") or pm.month_prefix == "ultimo":
                out.append(_Cand(pm.start, pm.end, _fixed(t, on_date(p.end), point="end")))
            elif pm.month_prefix in ("begin", "start"):
                out.append(_Cand(pm.start, pm.end, _fixed(t, on_date(p.start), point="start")))
            else:
                out.append(_Cand(pm.start, pm.end, _fixed(t, p)))
        elif pm.kind == "month" and p is None and pm.number and not pm.month_prefix \
                and re.search(r"\b(?:in|over|van|per|sinds)\s+(?:de\s+maand\s+)?$", q[:pm.start], re.I) \
                and len(t.strip(". ")) >= 3:
            # "in mei": that month of the year the reports are about (the latest May that has begun)
            out.append(_Cand(pm.start, pm.end, lambda c, n=pm.number, t=t: _mention(
                t, _resolve_yearless(lambda yy: month(yy, n), c)), yearless=True))

    # Relative phrases.
    for m in _RE_SAME_PREV.finditer(q):
        def same_prev(c: _Ctx, t: str = m.group(0)) -> list[PeriodMention]:
            base = c.anchor or c.reference
            if base is None:
                return []
            p = _shift_year(base, -1)
            return _mention(t, p, relative=True, whole_year=p.kind == "year")
        add(m, same_prev, relative=True)
    for m in _RE_PREV_YEAR.finditer(q):
        def prev_year(c: _Ctx, t: str = m.group(0)) -> list[PeriodMention]:
            if c.anchor is not None:  # "in 2023, meer dan vorig jaar?": the year before the one named
                return _mention(t, year(c.anchor.start.year - 1), relative=True, whole_year=True)
            if c.reference is None:
                return []
            # on its own, seen from when the latest report was written: an annual report over 2023 is written in
            # 2024, so "vorig jaar" is 2023; a monitor of the first half of 2024 makes it 2023 too
            return _mention(t, _last_full_year(c.reference), relative=True, whole_year=True)
        add(m, prev_year, relative=True)
    for m in _RE_YEAR_BEFORE.finditer(q):
        def year_before(c: _Ctx, t: str = m.group(0)) -> list[PeriodMention]:
            if c.anchor is not None:
                return _mention(t, year(c.anchor.start.year - 1), relative=True, whole_year=True)
            if c.reference is None:
                return []
            # "gestegen ten opzichte van het jaar ervoor" with no year named: the latest year against the one
            # before it
            y = c.reference.end.year
            return _mention(t, year(y - 1), relative=True, whole_year=True) + \
                _mention(t, year(y), relative=True, whole_year=True)
        add(m, year_before, relative=True)
    for m in _RE_TO_MONTH.finditer(q):
        def to_month(c: _Ctx, t: str = m.group(0), mon: int = MONTHS_NL.index(m.group("m").lower()) + 1
                     ) -> list[PeriodMention]:
            y = c.nearest_year or (c.reference.end.year if c.reference else None)
            return [] if y is None else _mention(t, year_to_date(month(y, mon).end), relative=True,
                                                 whole_year=True)
        add(m, to_month, relative=True)
    # "de eerste helft van dit jaar", "het derde kwartaal van vorig jaar": one period, the part of that year
    for m in _RE_PART_OF_YEAR.finditer(q):
        n = _ORDINALS[m.group(1).lower()]
        unit = m.group(2).lower()
        if unit.startswith(("helft", "half")) and n > 2:
            continue

        def part_of(c: _Ctx, t: str = m.group(0), n: int = n, unit: str = unit, prev: bool = bool(m.group(3))
                    ) -> list[PeriodMention]:
            if c.reference is None:
                return []
            y = c.reference.end.year - (1 if prev else 0)
            p = half(y, n) if unit.startswith(("helft", "half")) else quarter(y, n)
            return _mention(t, p, relative=True)
        add(m, part_of, relative=True)
    for m in _RE_NEXT_YEAR.finditer(q):
        def next_year(c: _Ctx, t: str = m.group(0)) -> list[PeriodMention]:
            y = now_year if now_year is not None else (c.reference.end.year if c.reference else None)
            return [] if y is None else _mention(t, year(y + 1), relative=True, whole_year=True)
        add(m, next_year, relative=True)
    for m in _RE_THIS_YEAR.finditer(q):
        add(m, _relative(m.group(0), lambda r: year(r.end.year), use_anchor=False, whole_year=True), relative=True)
    for m in _RE_LAST_YEAR.finditer(q):
        add(m, _relative(m.group(0), _last_full_year, use_anchor=False, whole_year=True), relative=True)
    for m in _RE_LAST_HALF.finditer(q):
        add(m, _relative(m.group(0), lambda r: _half_of(r.end), use_anchor=False), relative=True)
    for m in _RE_PREV_HALF.finditer(q):
        add(m, _relative(m.group(0), lambda b: _half_of(b.start - timedelta(days=1)), use_anchor=True),
            relative=True)
    for m in _RE_HALF_BEFORE.finditer(q):
        def half_before(c: _Ctx, t: str = m.group(0)) -> list[PeriodMention]:
            if c.anchor is not None:
                return _mention(t, _half_of(c.anchor.start - timedelta(days=1)), relative=True)
            if c.reference is None:
                return []
            # "minder dan een halfjaar eerder" with no half named: the latest half against the one before it
            now = _half_of(c.reference.end)
            if now.end > c.reference.end:  # a report up to September: its last whole half is the first
                now = _half_of(now.start - timedelta(days=1))
            return _mention(t, _half_of(now.start - timedelta(days=1)), relative=True) + _mention(t, now, relative=True)
        add(m, half_before, relative=True)
    return out


def _last_full_year(r: Period) -> Period:
    return year(r.end.year if (r.end.month, r.end.day) == (12, 31) else r.end.year - 1)


def _relative(text: str, fn: Callable[[Period], Period], use_anchor: bool,
              whole_year: bool = False) -> Callable[[_Ctx], list[PeriodMention]]:
    def build(c: _Ctx) -> list[PeriodMention]:
        base = (c.anchor or c.reference) if use_anchor else c.reference
        return [] if base is None else _mention(text, fn(base), relative=True, whole_year=whole_year)
    return build


def _half_builder(h: int, y: str | None, text: str) -> Callable[[_Ctx], list[PeriodMention]]:
    if y is not None:
        return lambda c: _mention(text, half(int(y), h))
    return lambda c: _mention(text, _resolve_yearless(lambda yy: half(yy, h), c))


def _quarter_builder(qn: int, y: str | None, text: str) -> Callable[[_Ctx], list[PeriodMention]]:
    if y is not None:
        return lambda c: _mention(text, quarter(int(y), qn))
    return lambda c: _mention(text, _resolve_yearless(lambda yy: quarter(yy, qn), c))


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Leftmost-longest, non-overlapping."""
    chosen: list[_Cand] = []
    last_end = -1
    for c in sorted(cands, key=lambda c: (c.start, -(c.end - c.start))):
        if c.start >= last_end:
            chosen.append(c)
            last_end = c.end
    return chosen


def parse_periods(question: str, reference: Period | None = None, now_year: int | None = None) -> list[PeriodMention]:
    """Periods mentioned in `question`, in order of appearance, without duplicates. `now_year`: the year the
    latest reports were written in ("volgend jaar" is the year after it)."""
    if not question:
        return []
    q = question.replace("\u00a0", " ")
    chosen = _select(_candidates(q, now_year))

    # First the absolute mentions with an explicit year: they supply years and anchors for the rest.
    resolved: dict[int, list[PeriodMention]] = {}
    explicit: list[tuple[int, int, Period]] = []
    for i, c in enumerate(chosen):
        if not c.relative and not c.yearless:
            resolved[i] = c.build(_Ctx(reference, None, None, q))
            explicit += [(c.start, c.end, m.period) for m in resolved[i]]
    # Then the rest in order; each resolved mention is an anchor for the relative phrases after it.
    anchors = list(explicit)
    for i, c in enumerate(chosen):
        if i in resolved:
            continue
        before = [(e, p) for _, e, p in anchors if e <= c.start]
        anchor = max(before, key=lambda x: x[0])[1] if before else None
        nearest = min(explicit, key=lambda x: min(abs(x[0] - c.end), abs(c.start - x[1])), default=None)
        onward = bool(before) and _RE_ONWARD.search(q, max(e for e, _ in before), c.start) is not None
        resolved[i] = c.build(_Ctx(reference, anchor, nearest[2].start.year if nearest else None, q, onward))
        anchors += [(c.start, c.end, m.period) for m in resolved[i]]

    stand = _RE_STAND.search(q) is not None
    out: list[PeriodMention] = []
    seen: set[tuple[str, str | None]] = set()
    for i, c in enumerate(chosen):
        prefix = _RE_POINT_PREFIX.search(q, 0, c.start)
        point_word = ((prefix.group(1) or "").lower() if prefix else "")
        for m in resolved[i]:
            m = _apply_prefix(m, q, prefix, point_word, c.start)
            if stand and m.point is None:
                m = PeriodMention(m.period, m.text, m.relative, False, "end", m.approximate)
            key = (m.period.label, m.point)
            if key not in seen:
                seen.add(key)
                out.append(m)
    # "begin 2024 … een jaar eerder": the year before is seen at the same point of its year
    points = {m.point for m in out if not m.relative and m.point}
    if len(points) == 1:
        point = points.pop()
        out = [PeriodMention(m.period, m.text, m.relative, False, point, m.approximate)
               if m.relative and m.point is None and m.period.kind == "year" else m for m in out]
    return _elliptic(q, out, seen)


_ORDINALS = {"eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "1e": 1, "2e": 2, "3e": 3, "4e": 4}
# "… in het vierde kwartaal van 2023 dan in het derde?", "het derde en vierde kwartaal": an ordinal whose noun and
# year are those of the quarter or half named next to it
_RE_ELLIPTIC = re.compile(r"\b(?:het|de|en|of)\s+(eerste|tweede|derde|vierde|[1-4]e)(?=\s*(?:[?.,!;]|$|\s+(?:en|of|dan"
                          r"|tot|t/m|naar|van\s+dat\s+jaar)\b))", re.IGNORECASE)


def _elliptic(q: str, out: list[PeriodMention], seen: set[tuple[str, str | None]]) -> list[PeriodMention]:
    base = [m for m in out if m.period.kind in ("quarter", "half") and not m.relative]
    if len(base) != 1:
        return out
    b = base[0].period
    for e in _RE_ELLIPTIC.finditer(q):
        n = _ORDINALS[e.group(1).lower()]
        if b.kind == "half" and n > 2:
            continue
        p = quarter(b.start.year, n) if b.kind == "quarter" else half(b.start.year, n)
        if (p.label, None) in seen:
            continue
        seen.add((p.label, None))
        m = PeriodMention(p, e.group(1))
        before = q.find(base[0].text) > e.start()
        out.insert(out.index(base[0]) if before else out.index(base[0]) + 1, m)
    return out


def _apply_prefix(m: PeriodMention, q: str, prefix: re.Match[str] | None, word: str, start: int) -> PeriodMention:
    if prefix is None or prefix.end() != start:
        return m
    text = q[prefix.start():start] + m.text
    if word.startswith("eind") or word == "ultimo":
        return PeriodMention(m.period, text, m.relative, False, "end", m.approximate)
    if word in ("begin", "start"):
        return PeriodMention(m.period, text, m.relative, False, "start", m.approximate)
    if word in ("medio", "halverwege", "midden"):
        p = half(m.period.start.year, 1) if m.period.kind == "year" else m.period
        return PeriodMention(p, text, m.relative, False, "end", True)
    return PeriodMention(m.period, text, m.relative, m.whole_year, m.point, m.approximate)  # "per", "op"
