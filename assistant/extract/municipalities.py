"""Recognise municipality columns from the document's own text (no hard-coded list of places).

A column header is a municipality when the document also uses it as a place ("in Tilburg",
"gemeente Oisterwijk"), or when the caller passed it as a known name. Abbreviations such as
"S-Geleen" expand to the full name the document uses ("Sittard-Geleen"); single-letter headers
"A D H P S Z" map to the one municipality of the document with that initial.
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

NATIONAL = {"nederland": "Nederland", "landelijk": "Nederland", "nl": "Nederland"}
_NAME = re.compile(r"[A-Z][a-zà-ÿ]+(?:[- ](?:[A-Z][a-zà-ÿ]*|aan|den|de|op|a/d|ter)){0,4}|[A-Z](?:-[A-Z])+-[A-Z][a-zà-ÿ]+")


def _place_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:gemeenten?|in|uit|te|bij|en|van)\s+{re.escape(name)}\b")


def _expand_abbreviation(name: str, text: str) -> str:
    """"S-Geleen" -> "Sittard-Geleen" when the text has exactly one such expansion."""
    parts = name.split("-")
    if len(parts) < 3 or not all(len(p) == 1 for p in parts[:-1]):
        return name
    rx = re.compile(r"\b" + "-".join(rf"{p}[a-zà-ÿ]+" for p in parts[:-1]) + rf"-{re.escape(parts[-1])}\b")
    found = set(rx.findall(text))
    return found.pop() if len(found) == 1 else name


class Municipalities:
    def __init__(self, lines: list[str], known: list[str] | None = None):
        self.text = "\n".join(lines)
        self.known = {k.lower(): k for k in (known or [])}
        self.cache: dict[str, str | None] = {}
        self.seen: Counter[str] = Counter()

    def resolve(self, header: str) -> str | None:
        """Canonical municipality name for a column header, "Nederland" for the national column, else None."""
        h = " ".join(header.replace("*", "").split())
        if not h:
            return None
        if h.lower() in NATIONAL:
            return NATIONAL[h.lower()]
        if h in self.cache:
            return self.cache[h]
        result = None
        if h.lower() in self.known:
            result = self.known[h.lower()]
        elif self.known:
            # with the list of municipalities, only its names count: a kern or wijk ("Dedemsvaart") is a
            # place in the text but not a municipality; abbreviations and misspellings map onto the list
            full = _expand_abbreviation(h, self.text)
            if full.lower() in self.known:
                result = self.known[full.lower()]
            elif len(h) >= 6 and _NAME.fullmatch(h):
                best = max(self.known.values(), key=lambda k: fuzz.ratio(k.lower(), h.lower()))
                if fuzz.ratio(best.lower(), h.lower()) >= 92:
                    result = best
        elif _NAME.fullmatch(h) and len(h) > 2:
            full = _expand_abbreviation(h, self.text)
            if _place_pattern(full).search(self.text) or _place_pattern(h).search(self.text):
                result = full
        self.cache[h] = result
        return result

    def known_names(self) -> list[str]:
        """The caller's municipality names (official spelling)."""
        return list(self.known.values())

    def canonical(self, names: list[str]) -> dict[str, str]:
        """Merge spelling variants ("Oisterwyk" -> "Oisterwijk") towards the most used spelling."""
        counts = Counter({n: self.text.count(n) for n in set(names)})
        out = {}
        for n in names:
            best = n
            for m, c in counts.items():
                if m != n and c > counts[best] and fuzz.ratio(m, n) >= 90:
                    best = m
            out[n] = best
        return out

    def initials(self, names: list[str]) -> dict[str, str]:
        """"O" -> "Oisterwijk" for every initial that belongs to exactly one known municipality."""
        by_initial: dict[str, set[str]] = {}
        for n in names:
            by_initial.setdefault(n[0].upper(), set()).add(n)
        return {k: next(iter(v)) for k, v in by_initial.items() if len(v) == 1}
