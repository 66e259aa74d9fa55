"""Dutch number notation: 1.408 = 1408, 1,60 = 1.6, € 275.000."""

from __future__ import annotations

import re

# A number as printed in Dutch reports: optional sign, thousands with dots, decimals with a comma.
DUTCH_NUMBER = re.compile(r"[-−–]?\d{1,3}(?:\.\d{3})+(?:,\d+)?|[-−–]?\d+(?:,\d+)?")


def parse_dutch_number(text: str) -> float | None:
    """Parse one number in Dutch notation; None if `text` is not exactly a number.

    "1.408" -> 1408, "1,60" -> 1.6, "-1.655" -> -1655, "97%" -> 97, "€ 275.000" -> 275000.
    A dot followed by exactly three digits is a thousands separator (Dutch reports never use a
    decimal point), so "1.490" is 1490.
    """
    t = text.strip().replace("\u00a0", " ")
    t = re.sub(r"^([-−–+]?)\s*€\s*", r"\1", t)  # "€ -1.260.000", "-€ 1.260.000"
    t = t.rstrip("%").strip()
    if t.startswith("+") and t[1:2].isdigit():
        t = t[1:]  # "+6%": a rise printed with its sign
    t = t.replace("−", "-").replace("–", "-")
    if not t or not DUTCH_NUMBER.fullmatch(t):
        return None
    t = t.replace(".", "").replace(",", ".")
    try:
        return float(t)
    except ValueError:
        return None


def format_dutch_number(value: float, decimals: int | None = None) -> str:
    """Format in Dutch notation: 1408 -> "1.408", 1.6 -> "1,6", 99410000 -> "99.410.000"."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(2, len(repr(float(value)).split(".")[1]))
    s = f"{abs(value):,.{decimals}f}"  # 1,408.50
    s = s.replace(",", "_").replace(".", ",").replace("_", ".")
    return ("-" if value < 0 else "") + s


def format_euro(value: float) -> str:
    return "€ " + format_dutch_number(value)
