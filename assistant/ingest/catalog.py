"""Catalog detection: title, municipality, reporting period and kind of a loaded report.

Everything is detected from the text; a `catalog.toml` next to the corpus can override any field
per file name when the text is ambiguous (a region instead of a municipality, say).
"""

from __future__ import annotations

import logging
import re
import tomllib
import unicodedata
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
    "kwartaalrapportage": "Kwartaalrapportage sociaal domein",
    "tussenrapportage": "Tussenrapportage",
    "toezeggingenlijst": "Toezeggingenlijst",
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
    # whole words only; an adjective ending ("Oisterwijkse") still counts
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


def half_in_head(doc: LoadedDocument) -> Period | None:
    """A half-year report names its half in its title lines ("Gemeente X, eerste halfjaar 2024", "H1 2024")."""
    titles = [ln for ln in doc.lines[:40] if ln.strip()][:4]
    head = "\n".join(ln for ln in titles if len(ln.strip()) <= 90 and not ln.rstrip().endswith("."))
    found = {(int(m.group(2)), 1 if m.group(1).lower() in ("eerste", "1e", "1ste") else 2)
             for m in _HALF_RE.finditer(head)} | {(int(m.group(2)), int(m.group(1))) for m in _H_RE.finditer(head)}
    if len(found) != 1:
        return None
    (y, h), = found
    return half(y, h)


def quarter_in_head(doc: LoadedDocument) -> Period | None:
    """A quarterly report names its quarter in its title lines ("derde kwartaal 2019", "Q3 2019"); a
    quarter mentioned in running text further down does not make a report quarterly."""
    titles = [ln for ln in doc.lines[:40] if ln.strip()][:4]
    # a table's header row ("Indicator | t/m Q1 | … | t/m Q3 2023") names its columns, not the report's quarter
    head = "\n".join(ln for ln in titles if len(ln.strip()) <= 90 and not ln.rstrip().endswith(".")
                     and "\t" not in ln.strip() and len(re.split(r"\s{3,}", ln.strip())) < 3)
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


_RANGE_RE = re.compile(r"(?<![\d./-])(20\d\d|19\d\d)\s*[-–/]\s*(20\d\d|19\d\d)(?![\d./-])")


def _title_year(doc: LoadedDocument, kind: str | None) -> int | None:
    """The year the title names: "Jaarverslag 2023" -> 2023; a range "2021-2023" -> its last year, except for a
    (meerjaren)begroting "2024-2027", which is the budget of its first year."""
    title = _first_heading(doc)
    r = _RANGE_RE.search(title)
    if r:
        a, b = int(r.group(1)), int(r.group(2))
        if b > a:
            return a if kind == "begroting" else b
    ys = [int(y) for y in _YEAR_RE.findall(title)]
    return ys[0] if len(set(ys)) == 1 else None


def detect_period(doc: LoadedDocument, kind: str | None = None) -> Period | None:
    """The reporting period: a quarter or half year when the report is one, otherwise the main year."""
    q = quarter_in_head(doc)
    if q is not None and kind != "halfjaarrapportage":
        return q
    h = half_in_head(doc)
    if h is not None and kind not in ("begroting", "bijlage"):
        return h
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

    titled = _title_year(doc, kind)
    if titled is not None and kind not in ("halfjaarrapportage", "bijlage"):
        return year(titled)
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
_INTERIM = re.compile(r"\b(?:tussenrapportage|tussentijdse\s+rapportage|voortgangsrapportage|bestuursrapportage"
                      r"|managementrapportage|burap|marap)\b", re.I)
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
    ("kwartaalrapportage", re.compile(r"\bkwartaalrapportage\b|\brapportage\s+over\s+het\s+(?:eerste|tweede|derde|vierde)"
                                     r"\s+kwartaal\b", re.I), 3),
    # in-year reports on the budget year (a tussenrapportage, voortgangsrapportage, bestuursrapportage, marap)
    ("tussenrapportage", _INTERIM, 3),
    ("toezeggingenlijst", re.compile(r"\btoezeggingenlijst\b|\boverzicht\s+(?:van\s+)?(?:de\s+)?toezeggingen\b", re.I), 3),
    ("raadsbrief", re.compile(r"\bGeachte\s+(?:leden\s+van\s+de\s+)?(?:gemeente)?raad\b|\braadsinformatiebrief\b", re.I), 3),
]


def detect_kind(doc: LoadedDocument) -> str:
    text = doc.text
    head = "\n".join(s for s in doc.lines[:40] if s.strip())
    scores: Counter[str] = Counter()
    for kind, pattern, weight in _KIND_PATTERNS:
        scores[kind] += weight * min(len(pattern.findall(text)), 5)
    # a kind named in the document's opening lines (its title page) weighs most
    for kind in ("halfjaarrapportage", "kwartaalrapportage", "jaarrapportage", "jaarverslag", "monitor", "begroting",
                 "toezeggingenlijst", "raadsbrief"):
        if re.search(rf"\b{kind}\b", head, re.I):
            scores[kind] += 6
    if _INTERIM.search(_first_heading(doc)):
        scores["tussenrapportage"] += 10  # the title names it: a column "Begroting 2024" does not make it a budget
    if not scores or max(scores.values()) < 3:
        return "rapportage"
    return scores.most_common(1)[0][0]


# ----------------------------------------------------------------------------------------- title
# Web page furniture before the title: skip links and menus
_SKIP_LINK = re.compile(r"\s*\b(?:direct\s+)?(?:ga\s+)?naar\s+(?:de\s+)?(?:hoofd)?inhoud\b|\bskip to (?:main )?content\b",
                        re.I)


def _first_heading(doc: LoadedDocument) -> str:
    for raw in doc.lines[:80]:
        s = _SKIP_LINK.sub("", raw).strip()
        if s.startswith("Blad: ") or s.count("\t") >= 2:
            continue  # a spreadsheet's sheet name or a table row is not the document's title
        s = re.sub(r"^(?:>\s*|#+\s*)", "", s).strip()
        if len(re.sub(r"\W", "", s)) >= 3:
            return re.sub(r"\s+", " ", s)
    return ""


def _tidy_caps(s: str) -> str:
    """'MONITOR SOCIAAL DOMEIN TWENTE' -> 'Monitor sociaal domein Twente' (capitals are shouting, not names)."""
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


# ------------------------------------------------------------------------------------- file names
def _slug(text: str) -> str:
    t = unicodedata.normalize("NFKD", text.lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")


@lru_cache(maxsize=1)
def _slug_names() -> list[tuple[str, str]]:
    names = [(_slug(_plain_name(n)), n) for n in load_municipalities()]
    names += [(_slug(a), n) for a, n in load_aliases().items()]
    return sorted(names, key=lambda x: -len(x[0]))


_FILE_KINDS = [
    ("kwartaalrapportage", r"kwartaal|kwartaalrapportage|q[1-4]"),
    ("halfjaarrapportage", r"halfjaar|halfjaarrapportage|h[12]"),
    ("tussenrapportage", r"tussenrapportage|voortgangsrapportage|bestuursrapportage|burap|marap"),
    ("begroting", r"begroting|programmabegroting|voorjaarsnota|kadernota|najaarsnota"),
    ("jaarverslag", r"jaarverslag|jaarstukken|jaarrekening|verantwoording"),
    ("monitor", r"monitor|kerncijfers|waarstaatjegemeente|statline|cbs"),
    ("toezeggingenlijst", r"toezeggingen|toezeggingenlijst|moties"),
    ("raadsbrief", r"raadsinformatiebrief|raadsbrief|rib"),
    ("jaarrapportage", r"jaarrapportage"),
]


def file_name_hints(file_name: str) -> dict[str, object]:
    """Municipality, period and kind named in a file name ("haarlem-jaarverslag-2021.pdf")."""
    stem = Path(file_name).stem
    slug = "-" + _slug(stem) + "-"
    out: dict[str, object] = {}
    for s, name in _slug_names():
        if s and f"-{s}-" in slug:
            out["municipality"] = name
            break
    words = set(slug.strip("-").split("-"))
    for kind, rx in _FILE_KINDS:
        if any(re.fullmatch(rx, w) for w in words):
            out["kind"] = kind
            break
    years = [int(w) for w in words if re.fullmatch(r"(19|20)\d\d", w)]
    q = re.search(r"-q([1-4])-|-kw([1-4])-", slug)
    h = re.search(r"-h([12])-", slug)
    if len(set(years)) == 1:
        y = years[0]
        if q:
            out["period"] = quarter(y, int(q.group(1) or q.group(2)))
        elif h:
            out["period"] = half(y, int(h.group(1)))
        else:
            out["period"] = year(y)
    return out


def _choose_municipality(doc: LoadedDocument, hinted: str | None) -> tuple[str | None, str]:
    """The document's municipality and where it came from (tekst | bestandsnaam)."""
    counts = find_municipalities(doc.text)
    head_counts = find_municipalities("\n".join(doc.lines[:60]))
    cue = Counter()
    for m in re.finditer(r"\b(?:gemeente|Gemeente) +([A-Z][\w'’-]+(?: +[a-z]{2,3} +[A-Z][\w-]+)?)", doc.text):
        for name in find_municipalities(m.group(1)):
            cue[name] += 1
    scored = Counter()
    for name, n in counts.items():
        scored[name] = n + 3 * head_counts.get(name, 0) + 4 * cue.get(name, 0)
    if hinted:
        # the file name is what a user chose to call the report: it wins unless the text plainly disagrees
        best = scored.most_common(1)[0] if scored else None
        if best is None or best[0] == hinted or scored.get(hinted, 0) * 3 >= best[1] or \
                cue.get(best[0], 0) == 0:
            return hinted, "bestandsnaam"
    if scored:
        return scored.most_common(1)[0][0], "tekst"
    return hinted, "bestandsnaam" if hinted else "onbekend"


# ----------------------------------------------------------------------------------------- public
def detect_document_info(doc: LoadedDocument, doc_id: str, overrides: dict | None = None) -> DocumentInfo:
    """Catalog row for `doc`; fields in `overrides` (title/municipality/period/kind) win. The text is
    read first; the file name fills in what the text does not say (many exports never name the
    municipality in the body). `detected_from` says for each field where it came from."""
    overrides = dict(overrides or {})
    hints = file_name_hints(doc.file_name)
    sources: dict[str, str] = {}
    if overrides.get("kind"):
        kind, sources["soort"] = overrides["kind"], "catalogus"
    else:
        kind = detect_kind(doc)
        sources["soort"] = "tekst"
        if kind == "rapportage" and hints.get("kind"):
            kind, sources["soort"] = str(hints["kind"]), "bestandsnaam"
        elif hints.get("kind") == "kwartaalrapportage" and kind in ("rapportage", "jaarrapportage"):
            kind, sources["soort"] = "kwartaalrapportage", "bestandsnaam"
    if overrides.get("municipality"):
        municipality, sources["gemeente"] = overrides["municipality"], "catalogus"
    else:
        municipality, sources["gemeente"] = _choose_municipality(doc, hints.get("municipality"))  # type: ignore
    period: Period | None
    label = overrides.get("period") or overrides.get("period_label")
    if label:
        period, sources["periode"] = from_label(str(label)), "catalogus"
    else:
        period = detect_period(doc, kind)
        sources["periode"] = "tekst"
        hinted = hints.get("period")
        if isinstance(hinted, Period) and (period is None or (hinted.kind in ("quarter", "half") and hinted.kind
                                                               != period.kind and hinted.start.year ==
                                                               period.start.year)):
            period, sources["periode"] = hinted, "bestandsnaam"
        elif isinstance(hinted, Period) and hinted.kind == "year" and period is not None and period.kind == "year" \
                and hinted != period and _title_year(doc, kind) is None:
            period, sources["periode"] = hinted, "bestandsnaam"  # the file name is surer than counting years
        if period is None:
            sources["periode"] = "onbekend"
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
        detected_from="; ".join(f"{k}: {v}" for k, v in sources.items()),
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
