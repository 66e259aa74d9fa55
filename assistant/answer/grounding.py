"""The grounding guard: every number in an answer must come from the SQL rows or a cited passage.

What counts as a number (`numbers_in`):
- Dutch and plain notation: 1.408 (= 1408), 1,60, 2.008, € 275.000, 97%, -1.655, 5,3, 1408, 12.5
  (a dot followed by exactly three digits is a thousands separator, as in `assistant.numbers`).
- "99,4 miljoen", "275 duizend", "1,2 mld": the multiplier is applied.
- Years (2017) and the parts of period labels: "2018-H1" gives 2018 and 1, "Q4" gives 4, so the words
  "eerste helft" / "vierde kwartaal" in an answer are grounded by a period label in the passages.
- Ordinals and small counts in words or digits: eerste..tiende, 1e/2de/3ste, twee..twintig, één.
Not numbers:
- identifiers where letters and digits touch: T2018-063, U18.05063, T18.11285, file names;
- reference labels: "Figuur 3", "Tabel 7", "bijlage 2", "pagina 12", "regels 559-579", "[1]" citation
  markers, "toezegging 12", "programma 3": they name a place in a source, they claim nothing.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class GroundingResult:
    ok: bool
    ungrounded: list[str] = field(default_factory=list)


_WORD_NUMBERS = {
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10,
    "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16,
    "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20,
}
_MULTIPLIERS = {"duizend": 1e3, "miljoen": 1e6, "mln": 1e6, "miljard": 1e9, "mld": 1e9}

_F = re.IGNORECASE
# Places in a source, not claims. The number (or range) after the word is skipped.
_REFERENCE = re.compile(
    r"\b(?:figuur|fig\.|tabel|grafiek|bijlage|paragraaf|par\.|hoofdstuk|pagina|pag\.|blz\.|p\.|regels?|r\.|"
    r"artikel|art\.|lid|toezegging|motie|amendement|programma|nr\.|nummer|bron)\s*"
    r"\d+(?:[.:]\d+)*(?:\s*(?:[-–]|t/m|tot)\s*\d+)?"
    r"|\[\d+(?:\s*[,;–-]\s*\d+)*\]", _F)
# A whitespace-delimited token, so that identifiers are seen whole.
_TOKEN = re.compile(r"\S+")
_LETTER_DIGIT = re.compile(r"[^\W\d_]\d|\d[^\W\d_]")
_PERIOD_CODE = re.compile(r"^(?:(\d{4})[-/]?([HQK])([1-4])|([HQK])([1-4])(?:[-/](\d{4}))?)$", _F)
_ORDINAL = re.compile(r"^(\d{1,2})(?:e|ste|de|x)$", _F)
_EDGE = "()[]{}\"'“”‘’«»:;!?,."
_NUMBER = re.compile(
    r"(?<![\d.,])(?P<sign>(?<!\w)[-−–])?"
    r"(?P<num>\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![\d.])|\d+,\d+|\d+\.\d+|\d+)(?!\d)")
_MULT_AFTER = re.compile(r"\s*(duizend|miljoen|mln|miljard|mld)\b\.?", _F)
_WORDS = re.compile(r"\b(" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")\b", _F)


@dataclass(frozen=True)
class _Num:
    text: str
    value: float
    tolerance: float     # half a unit of the last shown digit
    percent: bool


def _parse_core(core: str) -> tuple[float, int]:
    """Value and number of shown decimals of a matched number body."""
    if "," in core:  # Dutch decimal comma, maybe with thousands dots
        whole, dec = core.replace(".", "").split(",")
        return float(f"{whole}.{dec}"), len(dec)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", core):
        return float(core.replace(".", "")), 0
    if "." in core:  # plain decimal point: 12.5
        return float(core), len(core.split(".")[1])
    return float(core), 0


def _scan(text: str) -> list[_Num]:
    masked = [m.span() for m in _REFERENCE.finditer(text)]

    def in_mask(pos: int) -> bool:
        return any(a <= pos < b for a, b in masked)

    out: list[tuple[int, _Num]] = []
    for tok in _TOKEN.finditer(text):
        raw = tok.group(0)
        lead = len(raw) - len(raw.lstrip(_EDGE))
        body = raw.strip(_EDGE)
        start = tok.start() + lead
        if not body or in_mask(start):
            continue
        if _LETTER_DIGIT.search(body):
            code = _PERIOD_CODE.match(body)
            if code:
                y = code.group(1) or code.group(6)
                if y:
                    out.append((start, _Num(y, float(y), 0.5, False)))
                letter, d = (code.group(2), code.group(3)) if code.group(1) else (code.group(4), code.group(5))
                out.append((start + 1, _Num(f"{letter}{d}", float(d), 0.5, False)))
                continue
            ordm = _ORDINAL.match(body)
            if ordm:
                out.append((start, _Num(body, float(ordm.group(1)), 0.5, False)))
            # anything else with letters glued to digits is an identifier (T2018-063, U18.05063)
            continue
        for m in _NUMBER.finditer(body):
            pos = start + m.start()
            if in_mask(pos):
                continue
            value, decimals = _parse_core(m.group("num"))
            if m.group("sign"):
                value = -value
            shown = m.group(0)
            percent = body[m.end():m.end() + 1] == "%"
            mult = 1.0
            after = _MULT_AFTER.match(text, start + m.end())
            if after and not percent:
                mult = _MULTIPLIERS[after.group(1).lower()]
                shown = text[pos:after.end()].rstrip(".")
            if percent:
                shown += "%"
            if text[max(0, pos - 2):pos].strip() == "€":
                shown = "€ " + shown
            out.append((pos, _Num(shown, value * mult, 0.5 * 10 ** -decimals * mult, percent)))
    for m in _WORDS.finditer(text):
        if not in_mask(m.start()):
            out.append((m.start(), _Num(m.group(0), float(_WORD_NUMBERS[m.group(1).lower()]), 0.5, False)))
    out.sort(key=lambda x: x[0])
    return [n for _, n in out]


def numbers_in(text: str) -> list[tuple[str, float]]:
    """Numbers in `text` as (shown text, value), in order of appearance."""
    return [(n.text, n.value) for n in _scan(text or "")]


def _floats(values: Iterable[object]) -> list[float]:
    out = []
    for v in values:
        if isinstance(v, bool) or v is None:
            continue
        try:
            f = float(v)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
        if math.isfinite(f):
            out.append(f)
    return out


def check_grounding(answer_text: str, allowed_values: Iterable[float], passages: Iterable[str], *,
                    scales: Iterable[float] = (1.0,)) -> GroundingResult:
    """Every number in `answer_text` must match an allowed value or a number in `passages`.

    A match allows for rounding to the decimals shown in the answer (1.408 matches 1407.6; 12,3
    matches 12.34). Signs are ignored ("1.655 minder" matches -1655). A percentage also matches a
    fraction (97% matches 0.97). `scales` multiplies every grounded value, for tables "x € 1000".
    Pass period labels ("2018-H1") in `passages` so years and "eerste helft" are grounded.
    """
    base = [abs(v) for v in _floats(allowed_values)]
    for p in passages:
        base.extend(abs(n.value) for n in _scan(p or ""))
    factors = _floats(scales) or [1.0]
    grounded = sorted({round(v * s, 9) for v in base for s in factors})

    def near(x: float, tol: float) -> bool:
        i = bisect.bisect_left(grounded, x - tol - 1e-9)
        return i < len(grounded) and grounded[i] <= x + tol + 1e-9

    ungrounded: list[str] = []
    for n in _scan(answer_text or ""):
        x = abs(n.value)
        if near(x, n.tolerance) or (n.percent and near(x / 100, n.tolerance / 100)):
            continue
        if n.text not in ungrounded:
            ungrounded.append(n.text)
    return GroundingResult(ok=not ungrounded, ungrounded=ungrounded)
