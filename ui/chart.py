"""The chart of a figure answer as inline SVG: Dutch numbers, unit on the axis, y from 0, periods in words.

Own SVG rather than a plotting library: the axis must read "1.500" (not "1,500"), labels must be
Dutch words ("1e helft 2018") and fit on a phone, and a screen reader gets a title and summary.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

from assistant.models import Chart
from assistant.numbers import format_dutch_number

RIGHT, TOP, BOTTOM = 14, 18, 54
# Colour-blind safe (Okabe–Ito), dark enough on white.
COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"]
DASHES = ["", "6 4", "2 3", "8 3 2 3"]


def nice_ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    """Round tick values covering [lo, hi]: steps of 1, 2, 2.5 or 5 times a power of ten."""
    if hi <= lo:
        hi = lo + 1
    raw = (hi - lo) / max(n - 1, 1)
    mag = 10 ** math.floor(math.log10(raw))
    step = next(m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw)
    ticks = [round(math.floor(lo / step) * step, 10)]
    while ticks[-1] < hi:  # the last tick is at or above the highest value
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def tick_label(v: float) -> str:
    return format_dutch_number(round(v, 2))


def _period_lines(text: str) -> list[str]:
    """'1e helft 2018' -> ['1e helft', '2018'] so labels fit under narrow columns."""
    parts = text.rsplit(" ", 1)
    return parts if len(parts) == 2 and parts[1].isdigit() else [text]


@dataclass(frozen=True)
class Frame:
    """Drawing size in SVG units; the narrow one is drawn near 1:1 on a phone, so its text stays legible."""

    width: int
    height: int
    left: int
    max_labels: int


WIDE = Frame(560, 300, 60, 8)
NARROW = Frame(340, 260, 50, 4)


def _svg(chart: Chart, title: str, frame: Frame, cls: str) -> str:
    periods: dict[str, str] = {}
    for s in chart.series:
        for p in s.points:
            periods.setdefault(p.period, p.period_text)
    order = sorted(periods)
    values = [p.value for s in chart.series for p in s.points]
    lo, hi = min(values), max(values)
    if chart.y_from_zero or lo >= 0:
        lo = min(0.0, lo)
    ticks = nice_ticks(lo, hi)
    y0, y1 = ticks[0], ticks[-1]
    # room for the longest tick label and the rotated axis title beside it
    left = max(frame.left, 26 + 7 * max(len(tick_label(t)) for t in ticks))
    w, h = frame.width, frame.height
    pw, ph = w - left - RIGHT, h - TOP - BOTTOM

    def x(i: int) -> float:
        return left + pw * i / (len(order) - 1)

    def y(v: float) -> float:
        return TOP + ph - (v - y0) / (y1 - y0 or 1) * ph

    parts = []
    for t in ticks:
        parts.append(f'<line class="raster" x1="{left}" x2="{w - RIGHT}" y1="{y(t):.1f}" y2="{y(t):.1f}"/>'
                     f'<text class="y-label" x="{left - 6}" y="{y(t) + 4:.1f}" text-anchor="end">{tick_label(t)}</text>')
    step = max(1, math.ceil(len(order) / frame.max_labels))
    for i, period in enumerate(order):
        if i % step and i != len(order) - 1:
            continue
        lines = _period_lines(periods[period])
        tsp = "".join(f'<tspan x="{x(i):.1f}" dy="{0 if k == 0 else 13}">{escape(t)}</tspan>'
                      for k, t in enumerate(lines))
        anchor = "start" if i == 0 else "end" if i == len(order) - 1 else "middle"
        parts.append(f'<text class="x-label" x="{x(i):.1f}" y="{h - BOTTOM + 18}" text-anchor="{anchor}">{tsp}</text>')
    unit = chart.unit or "aantal"
    parts.append(f'<text class="as-titel" transform="translate(13,{TOP + ph / 2:.0f}) rotate(-90)" '
                 f'text-anchor="middle">{escape(unit)}</text>')
    for k, s in enumerate(chart.series):
        colour, dash = COLOURS[k % len(COLOURS)], DASHES[(k // len(COLOURS)) % len(DASHES)]
        pts = sorted(s.points, key=lambda p: p.period)
        path = " ".join(f"{'M' if j == 0 else 'L'}{x(order.index(p.period)):.1f},{y(p.value):.1f}"
                        for j, p in enumerate(pts))
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(f'<path class="reeks" d="{path}" stroke="{colour}"{dash_attr} fill="none"/>')
        for p in pts:
            tip = f"{s.name}, {p.period_text}: {format_dutch_number(p.value)}"
            parts.append(f'<circle cx="{x(order.index(p.period)):.1f}" cy="{y(p.value):.1f}" r="3.5" '
                         f'fill="{colour}"><title>{escape(tip)}</title></circle>')
    n = len(chart.series)
    desc = (f"Lijngrafiek van {n} reeks{'en' if n > 1 else ''} van {periods[order[0]]} tot {periods[order[-1]]}; "
            f"de verticale as loopt van {tick_label(y0)} tot {tick_label(y1)} ({unit}).")
    ids = f"grafiek-{cls}"
    return (f'<svg class="grafiek-svg {cls}" viewBox="0 0 {w} {h}" role="img" '
            f'aria-labelledby="{ids}-titel {ids}-uitleg"><title id="{ids}-titel">{escape(title)}</title>'
            f'<desc id="{ids}-uitleg">{escape(desc)}</desc>{"".join(parts)}</svg>')


def chart_html(chart: Chart | None, place: str = "", label: str = "") -> str:
    """The figure (title naming row and municipality, SVG, legend), or '' with fewer than two periods.

    `label` (the headline's) names a single series better than a bare row label such as "Eindtotaal".
    """
    if chart is None or not chart.series:
        return ""
    if len({p.period for s in chart.series for p in s.points}) < 2:
        return ""
    title = chart.title
    if label and len(chart.series) == 1:
        title = label[:1].upper() + label[1:]
    if place and place.lower() not in title.lower():
        title = f"{title} – {place}"
    legend = "".join(f'<li><span class="legenda-lijn" style="border-color:{COLOURS[k % len(COLOURS)]}"></span>'
                     f"{escape(s.name)}</li>" for k, s in enumerate(chart.series))
    legend_html = f'<ul class="legenda">{legend}</ul>' if len(chart.series) > 1 else ""
    unit = chart.unit or "aantal"
    return (f'<figure class="grafiek"><figcaption class="grafiek-kop">{escape(title)}'
            f'<span class="grafiek-eenheid"> ({escape(unit)})</span></figcaption>'
            f'{_svg(chart, title, WIDE, "breed")}{_svg(chart, title, NARROW, "smal")}{legend_html}</figure>')
