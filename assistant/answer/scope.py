"""Which municipality a question is about: names, inhabitant names, adjectives and regions.

"Hoeveel Tilburgers …" is Tilburg, "Osse jongeren" is Oss, "Zoetermeerders" is Zoetermeer, "de
regio Twente" is the region (its own column or total, or its member municipalities). A name the reports do
not cover is reported back, so the engine can say so instead of answering for another municipality.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from assistant.ingest.catalog import AMBIGUOUS, load_aliases, load_municipalities
from assistant.regions import Region, regions

_DATA = Path(__file__).resolve().parents[1] / "data"
# Suffixes of inhabitant names and adjectives: Zoetermeer-ders, Waddinxveen-ers, Oss-e, Tiel-enaren, Almelo-ërs
_SUFFIXES = ("", "s", "se", "e", "er", "ers", "der", "ders", "aar", "aars", "naar", "naars", "aren", "naren",
             "enaar", "enaars", "enaren", "ener", "eners", "ërs", "ëers", "ees", "mer", "mers", "ner", "ners")
_CUE = re.compile(r"(?:gemeente|gemeenten|in|te|uit|van|voor|naar|inwoners van|bij)\s+$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _inhabitant_names() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in (_DATA / "inwonersnamen.txt").read_text(encoding="utf-8").splitlines():
        if "|" in line and not line.startswith("#"):
            a, b = (x.strip() for x in line.split("|", 1))
            out[a.lower()] = b
    return out


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    """surface form (lower case) -> official name, for municipality names and their aliases."""
    out: dict[str, str] = {}
    for n in load_municipalities():
        out.setdefault(re.sub(r"\s*\([^)]*\)$", "", n).lower(), n)
    for a, n in load_aliases().items():
        out.setdefault(a.lower(), n)
    return out


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern[str]:
    alts = sorted(_names(), key=len, reverse=True)
    body = "|".join(re.escape(a) for a in alts)
    return re.compile(rf"(?<![\w-])({body})(\w*)(?![\w-])", re.IGNORECASE)


@dataclass
class QuestionScope:
    municipalities: list[str] = field(default_factory=list)  # official names, in question order
    regions: list[Region] = field(default_factory=list)
    national: bool = False  # "landelijk", "in Nederland", "het landelijk gemiddelde"
    words: list[str] = field(default_factory=list)  # the words that named them (left out of content matching)
    # "volgens de export van A": A names the report, the place asked about is another one the question names
    sources: list[str] = field(default_factory=list)

    @property
    def named(self) -> bool:
        return bool(self.municipalities or self.regions)


def find_scope(question: str) -> QuestionScope:
    """Municipalities, regions and the national level a question names."""
    out = QuestionScope()
    q = question.replace("\u00a0", " ")
    taken: list[tuple[int, int]] = []
    for r in regions():
        for a in sorted(r.aliases, key=len, reverse=True):
            for m in re.finditer(rf"(?<![\w-]){re.escape(a)}(?:se|s|gemeenten?|gemeente)?(?![\w-])", q, re.IGNORECASE):
                if any(s <= m.start() < e for s, e in taken):
                    continue
                if r not in out.regions:
                    out.regions.append(r)
                out.words.append(m.group())
                taken.append(m.span())
    # "de regio Hart van Brabant": a region the list does not know, named as the reports name a region column
    for m in re.finditer(r"\b[Rr]egio\s+([A-Z][\w-]+(?:\s+(?:(?:van|en|de|aan)\s+)*[A-Z][\w-]+){0,4})", q):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = m.group(1).strip()
        r = Region(f"Regio {name}", [f"Regio {name}", f"regio {name}", name], [])
        out.regions.append(r)
        out.words.append(m.group())
        taken.append(m.span())
    # "de G4", "G40-steden": a group of cities, compared as its own column (an average), never summed from members
    for m in re.finditer(r"(?<![\w-])G\s?(4|32|40)(?:-?steden|-?gemeenten)?(?![\w])", q):
        if any(s <= m.start() < e for s, e in taken):
            continue
        g = f"G{m.group(1)}"
        out.regions.append(Region(g, [g, f"Gemiddelde {g}", f"{g}-gemiddelde", f"Gemiddelde {g}-steden"], []))
        out.words.append(m.group())
        taken.append(m.span())
    inhabitants = _inhabitant_names()
    for m in re.finditer(r"[A-Z][\w'’-]+(?:\s[A-Z][\w-]+)?", q):
        # "Hoeveel Gorkumers": the capitalised question word before the name is no part of it
        spans = [(m.start(), m.end())] + [(w.start() + m.start(), w.end() + m.start())
                                          for w in re.finditer(r"\S+", m.group())]
        for a, b in spans:
            w = q[a:b].lower()
            if w in inhabitants and not any(s <= a < e for s, e in taken):
                name = inhabitants[w]
                if name not in out.municipalities:
                    out.municipalities.append(name)
                out.words.append(q[a:b])
                taken.append((a, b))
                break
    names = _names()
    for m in _pattern().finditer(q):
        if any(s <= m.start() < e for s, e in taken):
            continue
        surface, tail = m.group(1), m.group(2).lower()
        if tail not in _SUFFIXES:
            continue
        if not surface[:1].isupper() and not _CUE.search(q[max(0, m.start() - 25):m.start()]):
            continue  # "best", "buren", "leiden": ordinary words; "in deventer" typed in lower case is a name
        name = names[surface.lower()]
        plain = re.sub(r"\s*\([^)]*\)$", "", name)
        inflected = bool(tail) and m.start() > 0  # "Osse jongeren", "Bestse": the name as adjective or inhabitant
        if (plain in AMBIGUOUS or surface in AMBIGUOUS) and not inflected and \
                not _CUE.search(q[max(0, m.start() - 25):m.start()]) and not _name_position(q, m.start(), m.end()):
            continue
        if name not in out.municipalities:
            out.municipalities.append(name)
        out.words.append(m.group())
        taken.append(m.span())
    for m in _province_pattern().finditer(q):
        said = bool(m.group(1) or re.match(r"\s*\((?:pv|provincie)\)", q[m.end():], re.I))
        if any(s <= m.start() < e for s, e in taken) and not said:
            continue
        low = m.group(2).lower()
        if low in _PROVINCE_TOWNS and not said:
            continue  # "Groningen", "Utrecht": the municipality, unless the province is said
        name = "-".join(w[:1].upper() + w[1:] for w in low.split("-"))
        r = Region(name, [name, f"Provincie {name}", f"provincie {name}", f"{name} (PV)", f"{name} (pv)"], [])
        if low in ("friesland", "fryslân"):
            r.aliases += ["Fryslân", "Friesland", "Provincie Fryslân", "Fryslân (PV)", "Friesland (PV)"]
        if r.name not in (x.name for x in out.regions):
            out.regions.append(r)
        if said:  # "provincie Utrecht", "Groningen (PV)": not the municipality
            out.municipalities = [n for n in out.municipalities if n.lower() != low]
        out.words.append(m.group())
        taken.append(m.span())
    if out.regions or len(out.municipalities) > 1:
        for name, word in list(zip(out.municipalities, _words_of(out, q), strict=False)):
            at = q.find(word) if word else -1
            cue = _SOURCE_CUE.search(q[max(0, at - 60):at]) if at > 0 else None
            if cue:
                out.sources.append(name)
                out.words.append(cue.group())  # "volgens de export van" names no subject
        out.municipalities = [n for n in out.municipalities if n not in out.sources]
    # "de gemiddelde Zeeuwse gemeente", "Brabantse gemeenten": the province's figure
    for m in re.finditer(r"(?<![\w-])(zeeuws|fries|drents|overijssels|flevolands|gelders|noord-hollands|zuid-hollands"
                         r"|brabants|limburgs)e?(?![\w-])", q, re.IGNORECASE):
        if any(s <= m.start() < e for s, e in taken):
            continue
        name = _PROVINCE_ADJECTIVES[m.group(1).lower()]
        if name not in (x.name for x in out.regions):
            out.regions.append(Region(name, [name, f"Provincie {name}", f"provincie {name}", f"{name} (PV)",
                                             f"{name} (pv)"] + (["Friesland", "Fryslân (PV)"] if name == "Fryslân"
                                                                else []), []))
        out.words.append(m.group())
        taken.append(m.span())
    m = re.search(r"\b(landelijk\w*|nederland|nederlandse\s+gemiddelde|(?:de\s+)?rest\s+van\s+(?:het\s+)?land"
                  r"|(?:het\s+)?(?:hele|gehele)\s+land|heel\s+het\s+land|nationaal)\b", q, re.IGNORECASE)
    if m:
        out.national = True
        if re.search(r"\bland$", m.group(0), re.I):
            out.words.append(m.group(0))  # "de rest van het land" names the country, no subject
    return out


_PROVINCE_TOWNS = frozenset({"groningen", "utrecht"})
_PROVINCE_ADJECTIVES = {"zeeuws": "Zeeland", "fries": "Fryslân", "drents": "Drenthe", "overijssels": "Overijssel",
                        "flevolands": "Flevoland", "gelders": "Gelderland", "noord-hollands": "Noord-Holland",
                        "zuid-hollands": "Zuid-Holland", "brabants": "Noord-Brabant", "limburgs": "Limburg"}
# "volgens de export van", "in de monitor van": the report's municipality, not the place asked about
_SOURCE_CUE = re.compile(r"\b(?:volgens|in|uit)\s+(?:de|het)\s+(?:[\w-]+\s+){0,2}?(?:export|monitor|rapportage"
                         r"|jaarverslag|jaarstukken|begroting|jaarrekening|cijfers|overzicht|tabel|\w*rapportage"
                         r"|\w*monitor|\w*verslag)\s+(?:van|uit)\s+(?:de\s+gemeente\s+)?$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _province_pattern() -> re.Pattern[str]:
    from assistant.extract.columns import PROVINCES

    body = "|".join(re.escape(p) for p in sorted(PROVINCES | _PROVINCE_TOWNS, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(provincie\s+)?({body})(?![\w-])", re.IGNORECASE)


def _words_of(out: QuestionScope, q: str) -> list[str]:
    """The word that named each municipality, in the order of out.municipalities."""
    found = []
    for name in out.municipalities:
        plain = re.sub(r"\s*\([^)]*\)$", "", name)
        w = next((w for w in out.words if plain.lower() in w.lower() or w.lower() in plain.lower()), "")
        found.append(w)
    return found


def _name_position(q: str, a: int, b: int) -> bool:
    """A capitalised word that is also an ordinary word ("Urk", "Goes", "Best") is a name where a word in capitals
    is a name: inside a sentence ("zitten op Urk"), or heading the question ("Goes: hoeveel …")."""
    start = not q[:a].strip() or re.search(r"[.?!:]\s*$", q[:a]) is not None
    return not start or re.match(r"\s*[:,]", q[b:]) is not None


def region_named(name: str) -> Region | None:
    low = name.lower()
    for r in regions():
        if low == r.name.lower() or low in (a.lower() for a in r.aliases):
            return r
    return None
