"""Catalog detection: title, municipality, reporting period and kind of a loaded report.

Everything is detected from the text; a `catalog.toml` next to the corpus can override any field
per file name when the text is ambiguous (a region instead of a municipality, say).
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections import Counter
from functools import lru_cache
from pathlib import Path

from assistant.periods import Period, from_label, half, quarter, year
from assistant.records import DocumentInfo, LoadedDocument

log = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
OVERRIDE_FIELDS = ("title", "municipality", "period", "kind")

# Names that are also ordinary words ("best", "buren", "putten") or parts of other names: only
# counted after a cue like "gemeente Best" or "in Buren".
AMBIGUOUS = frozenset(
    "Best Buren Putten Weert Goes Sluis Beek Stein Epe Ede Laren Hulst Bergen Borne Veere Voorst Oss "
    "Altena Boekel Asten Lopik Druten Urk Texel Baarn Tiel Soest Duiven Hoorn Someren".split()
)
_CUE = r"(?:gemeente|gemeenten|in|te|uit|van|voor|naar|inwoners van)\s+"

GENERIC_TITLES = re.compile(
    r"^(samenvatting|leeswijzer|inleiding|inhoud|inhoudsopgave|voorwoord|colofon|tot slot|bijlage|"
    r"samenvatting\s*&\s*leeswijzer)\W*$",
    re.I,
)

KIND_LABELS = {
    "halfjaarrapportage": "Halfjaarrapportage sociaal domein",
    "jaarrapportage": "Jaarrapportage sociaal domein",
    "jaarverslag": "Jaarverslag",
    "monitor": "Monitor sociaal domein",
    "bijlage": "Bijlage stand van zaken beleidsaccenten",
    "begroting": "Begroting",
    "raadsbrief": "Raadsbrief",
    "rapportage": "Rapportage sociaal domein",
}


@lru_cache(maxsize=1)
def load_municipalities() -> list[str]:
    """All Dutch municipalities (2024), official spelling, one per entry."""
    text = (DATA_DIR / "gemeenten.txt").read_text(encoding="utf-8")
    return [s.strip() for s in text.splitlines() if s.strip() and not s.startswith("#")]


@lru_cache(maxsize=1)
def load_aliases() -> dict[str, str]:
    """alias -> official name, e.g. "Den Haag" -> "'s-Gravenhage"."""
    out: dict[str, str] = {}
    path = DATA_DIR / "gemeente_aliases.txt"
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if "|" in line and not line.startswith("#"):
                alias, name = (p.strip() for p in line.split("|", 1))
                out[alias] = name
    return out


def _plain_name(name: str) -> str:
    """'Bergen (NH)' is written 'Bergen' in running text."""
    return re.sub(r"\s*\([^)]*\)$", "", name)


@lru_cache(maxsize=1)
def _name_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    surface: dict[str, str] = {}
    for name in load_municipalities():
        surface.setdefault(_plain_name(name), name)
    for alias, name in load_aliases().items():
        surface.setdefault(alias, name)
    # longest first so "Bergen op Zoom" wins over "Bergen"
    alts = sorted(surface, key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    # whole words only; an adjective ending ("Lansingerlandse") still counts
    pattern = re.compile(rf"(?<![\w-])({body})(?:se|s)?(?![\w-])")
    return pattern, surface


def find_municipalities(text: str) -> Counter[str]:
    """How often each municipality (official name) is mentioned in `text`."""
    pattern, surface = _name_pattern()
    counts: Counter[str] = Counter()
    for m in pattern.finditer(text):
        found = m.group(1)
        name = surface[found]
        if _plain_name(name) in AMBIGUOUS or found in AMBIGUOUS:
            before = text[max(0, m.start() - 25) : m.start()]
            if not re.search(_CUE + r"$", before, re.I):
                continue
        counts[name] += 1
    return counts


# ---------------------------------------------------------------------------------------- period
_HALF_RE = re.compile(
    r"\b(eerste|1e|1ste|tweede|2e|2de)\s+(?:halfjaar|half\s+jaar|helft)(?:\s+(?:van|in|over))?\s+(20\d\d)\b",
    re.I,
)
_H_RE = re.compile(r"\bH([12])\s*[-–]?\s*(20\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\d./-])(20\d\d|19\d\d)(?![\d./-]|\s*[-–]\s*20\d\d)")
_YEAR_CUE_RE = re.compile(
    r"\b(?:in|over|jaar|jaarverslag|jaarrapportage|jaarstukken|realisatie|rekening|monitor|bijlage)\s+(20\d\d)\b", re.I
)
_FIRST_HALF_HINT = re.compile(r"\beerste\s+(?:zes\s+maanden|halfjaar|helft)\b", re.I)
_QUARTER_WORDS = {"eerste": 1, "1e": 1, "1ste": 1, "tweede": 2, "2e": 2, "2de": 2, "derde": 3, "3e": 3, "3de": 3,
                  "vierde": 4, "4e": 4, "4de": 4}
_QUARTER_RE = re.compile(r"\b(eerste|1e|1ste|tweede|2e|2de|derde|3e|3de|vierde|4e|4de)\s+kwartaal"
                         r"(?:\s+(?:van|in|over))?\s+(20\d\d)\b|\bQ([1-4])\s*[-–]?\s*(20\d\d)\b", re.I)


def quarter_in_head(doc: LoadedDocument) -> Period | None:
    """A quarterly report names its quarter in its title lines ("derde kwartaal 2019", "Q3 2019"); a
    quarter mentioned in running text further down does not make a report quarterly."""
    titles = [ln for ln in doc.lines[:40] if ln.strip()][:4]
    head = "\n".join(ln for ln in titles if len(ln.strip()) <= 90 and not ln.rstrip().endswith("."))
    found: Counter[tuple[int, int]] = Counter()
    for m in _QUARTER_RE.finditer(head):
        if m.group(1):
            found[(int(m.group(2)), _QUARTER_WORDS[m.group(1).lower()])] += 1
        else:
            found[(int(m.group(4)), int(m.group(3)))] += 1
    if not found:
        return None
    (y, q), _ = found.most_common(1)[0]
    return quarter(y, q)


def detect_period(doc: LoadedDocument, kind: str | None = None) -> Period | None:
    """The reporting period: a quarter or half year when the report is one, otherwise the main year."""
    q = quarter_in_head(doc)
    if q is not None and kind != "halfjaarrapportage":
        return q
    text = doc.text
    head = "\n".join(doc.lines[:60])
    halves: Counter[tuple[int, int]] = Counter()
    for src, weight in ((text, 1), (head, 3)):
        for m in _HALF_RE.finditer(src):
            h = 1 if m.group(1).lower() in ("eerste", "1e", "1ste") else 2
            halves[(int(m.group(2)), h)] += weight
        for m in _H_RE.finditer(src):
            halves[(int(m.group(2)), int(m.group(1)))] += weight

    years: Counter[int] = Counter()
    for m in _YEAR_RE.finditer(text):
        years[int(m.group(1))] += 1
    for m in _YEAR_CUE_RE.finditer(text):
        years[int(m.group(1))] += 2
    for m in _YEAR_RE.finditer(head):
        years[int(m.group(1))] += 2
    if not years and not halves:
        return None

    if kind == "halfjaarrapportage" and halves:
        (y, h), _ = max(halves.items(), key=lambda kv: (kv[1], kv[0]))
        return half(y, h)
    main_year = max(years.items(), key=lambda kv: (kv[1], kv[0]))[0] if years else None
    if kind == "bijlage" and main_year and _FIRST_HALF_HINT.search(head):
        return half(main_year, 1)  # an appendix to a half-year report, "de eerste zes maanden"
    if main_year is None:
        (y, h), _ = halves.most_common(1)[0]
        return half(y, h)
    return year(main_year)


# ------------------------------------------------------------------------------------------ kind
_KIND_PATTERNS: list[tuple[str, re.Pattern[str], int]] = [
    ("halfjaarrapportage", re.compile(r"\b(?:deze|onze|de)\s+halfjaarrapportage\b", re.I), 3),
    ("halfjaarrapportage", re.compile(r"\brapportage\s+over\s+het\s+(?:eerste|tweede)\s+halfjaar\b", re.I), 4),
    ("halfjaarrapportage", re.compile(r"\bhalfjaarrapportage\b", re.I), 1),
    ("jaarrapportage", re.compile(r"\b(?:deze|onze)\s+jaarrapportage\b", re.I), 3),
    ("jaarverslag", re.compile(r"\b(?:dit|ons)\s+jaarverslag\b|\bjaarstukken\b", re.I), 2),
    ("jaarverslag", re.compile(r"^\s*Programma\s+\d+\s*[:.]", re.I | re.M), 3),
    ("jaarverslag", re.compile(r"\bWat heeft het gekost\?", re.I), 2),
    ("jaarverslag", re.compile(r"\bRealisatie\s+20\d\d\b"), 1),
    ("begroting", re.compile(r"\b(?:deze|de\s+programma)begroting\b|\bWat mag het kosten\?", re.I), 3),
    ("monitor", re.compile(r"\b(?:deze|de)\s+['‘]?monitor\b", re.I), 2),
    ("bijlage", re.compile(r"\b(?:dit\s+)?(?:accent|bijlagen)?boekje\b", re.I), 2),
    ("bijlage", re.compile(r"\bbijlage\s+20\d\d\b", re.I), 2),
    ("raadsbrief", re.compile(r"\bGeachte\s+(?:leden\s+van\s+de\s+)?(?:gemeente)?raad\b|\braadsinformatiebrief\b", re.I), 3),
]


def detect_kind(doc: LoadedDocument) -> str:
    text = doc.text
    head = "\n".join(s for s in doc.lines[:40] if s.strip())
    scores: Counter[str] = Counter()
    for kind, pattern, weight in _KIND_PATTERNS:
        scores[kind] += weight * min(len(pattern.findall(text)), 5)
    # a kind named in the document's opening lines (its title page) weighs most
    for kind in ("halfjaarrapportage", "jaarrapportage", "jaarverslag", "monitor", "begroting", "raadsbrief"):
        if re.search(rf"\b{kind}\b", head, re.I):
            scores[kind] += 6
    if not scores or max(scores.values()) < 3:
        return "rapportage"
    return scores.most_common(1)[0][0]


# ----------------------------------------------------------------------------------------- title
def _first_heading(doc: LoadedDocument) -> str:
    for raw in doc.lines[:80]:
        s = raw.strip()
        s = re.sub(r"^(?:>\s*|#+\s*)", "", s).strip()
        if len(re.sub(r"\W", "", s)) >= 3:
            return re.sub(r"\s+", " ", s)
    return ""


def _tidy_caps(s: str) -> str:
    """'MONITOR 3D DRECHTSTEDEN' -> 'Monitor 3D Drechtsteden' (capitals are shouting, not names)."""
    if not s.isupper():
        return s
    return " ".join(w if any(c.isdigit() for c in w) else w.capitalize() for w in s.split())


def _period_words(period: Period | None) -> str:
    if period is None:
        return ""
    if period.kind == "half":
        return f"{'eerste' if period.label.endswith('H1') else 'tweede'} halfjaar {period.start.year}"
    return period.label


def detect_title(doc: LoadedDocument, kind: str, municipality: str | None, period: Period | None) -> str:
    first = _tidy_caps(_first_heading(doc))
    place = municipality or ""
    if first and not GENERIC_TITLES.match(first) and len(first) <= 120:
        if kind == "jaarverslag" and re.match(r"Programma\s+\d+", first) and period:
            return f"Jaarverslag {period.label} {place}: {first}".replace("  ", " ")
        return first
    label = KIND_LABELS.get(kind, KIND_LABELS["rapportage"])
    parts = [f"{label} {place}".strip()]
    when = _period_words(period)
    if when:
        parts.append(when)
    return ", ".join(parts)


# ----------------------------------------------------------------------------------------- public
def detect_document_info(doc: LoadedDocument, doc_id: str, overrides: dict | None = None) -> DocumentInfo:
    """Catalog row for `doc`; fields in `overrides` (title/municipality/period/kind) win."""
    overrides = dict(overrides or {})
    kind = overrides.get("kind") or detect_kind(doc)
    counts = find_municipalities(doc.text)
    municipality = overrides.get("municipality") or (counts.most_common(1)[0][0] if counts else None)
    period: Period | None
    label = overrides.get("period") or overrides.get("period_label")
    if label:
        period = from_label(str(label))
    else:
        period = detect_period(doc, kind)
    title = overrides.get("title") or detect_title(doc, kind, municipality, period)
    pages = [p for p in (doc.pages or []) if p is not None]
    return DocumentInfo(
        doc_id=doc_id,
        file_name=doc.file_name,
        path=doc.path,
        title=title,
        municipality=municipality,
        period_label=period.label if period else None,
        period_start=period.start if period else None,
        period_end=period.end if period else None,
        kind=kind,
        n_lines=len(doc.lines),
        n_pages=max(pages) if pages else None,
    )


def load_catalog_overrides(corpus_dir: Path) -> dict[str, dict]:
    """Per-file overrides from `corpus_dir/catalog.toml` ({} when there is none)."""
    path = Path(corpus_dir) / "catalog.toml"
    if not path.is_file():
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        log.warning("catalog.toml in %s is niet leesbaar en wordt genegeerd: %s", corpus_dir, exc)
        return {}
    out: dict[str, dict] = {}
    for file_name, table in data.items():
        if not isinstance(table, dict):
            continue
        fields = {k: str(v) for k, v in table.items() if k in OVERRIDE_FIELDS or k == "period_label"}
        if "period_label" in fields:
            fields.setdefault("period", fields.pop("period_label"))
        if "period" in fields:
            try:
                from_label(fields["period"])
            except ValueError:
                log.warning("catalog.toml: ongeldige periode %r voor %s genegeerd", fields["period"], file_name)
                fields.pop("period")
        out[file_name] = fields
    return out
