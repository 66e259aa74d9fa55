"""What a column header says about its column: role, period, period kind, municipality, unit.

One interpreter for every table family: header cells of cell-per-line tables, tab- and pipe-separated
headers, spreadsheet header rows and the columns found in space-separated header lines all come here.
Words are from the Dutch public-finance and monitor vocabulary (BBV, CBS, waarstaatjegemeente), never
from one report.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import find_unit, join_lines
from assistant.extract.model import Column
from assistant.extract.municipalities import Municipalities
from assistant.periods import Period, only_period, quarter, scan, year, year_to_date

# Header words of columns that are not values (compared lower-case, without trailing punctuation).
ROLE_WORDS: dict[str, frozenset[str]] = {
    "rownum": frozenset({"nr", "nr.", "nummer", "#", "no", "no.", "volgnr", "volgnummer", "bbv-nr", "bbv nr", "id", "rang",
                         "rangorde", "positie"}),
    "label": frozenset({
        "indicator", "indicatoren", "beleidsindicator", "beleidsindicatoren", "omschrijving", "onderwerp",
        "programma", "taakveld", "taakvelden", "thema", "productgroep", "product", "categorie", "prestatie",
        "kengetal", "kengetallen", "soort", "voorziening", "voorzieningen", "regeling", "activiteit",
        "activiteiten", "doelgroep", "maatregel", "post", "wijk", "wijken", "kern", "effectindicator",
        "prestatie-indicator", "prestatie indicator", "doel", "doelstelling", "beleidsveld", "lasten en baten",
        "exploitatie", "onderdeel", "type", "maatwerkvoorziening", "leeftijd", "leeftijdsgroep", "reden",
        "gemeente", "gemeenten", "regio", "omschrijving programma", "naam", "toezegging", "kostenplaats",
        "cluster", "beleidsterrein", "domein", "team", "kernen", "onderdelen", "kerncijfer",
        "kerncijfers", "maatregelen", "regelingen", "regio's", "regio’s", "regios", "gebied", "gebieden",
        "onderwerpen", "indicatoren sociaal domein", "omschrijving taakveld",
    }),
    "unit": frozenset({"eenheid", "meeteenheid", "maat", "maatvoering", "eenheid/maat"}),
    "period": frozenset({"periode", "perioden", "peildatum", "jaar", "jaren", "meetjaar", "peiljaar", "datum",
                         "meetmoment", "jaartal", "verslagjaar"}),
    "source": frozenset({"bron", "bronnen", "bron/jaar"}),
    "note": frozenset({"toelichting", "opmerking", "opmerkingen", "stand van zaken", "status", "trend",
                       "portefeuillehouder", "afgedaan", "afgedaan ja/nee"}),
    # the nadelig/voordelig marker column of financial tables: its cells belong to the amount before them
    "marker": frozenset({"n/v", "v/n", "n / v", "v / n", "nadeel/voordeel", "voordeel/nadeel", "+/-", "n/v*"}),
}

# A column that tells how much of a budget is used ("Uitputting", "Realisatiegraad"): a share of the columns before it
USE_OF_BUDGET = re.compile(r"\b(uitputting\w*|realisatiegraad|bestedingsgraad|benutting\w*|besteed)\b", re.I)

_INDEX_HEAD = re.compile(r"^\s*index(?:cijfer)?\b(?:\s*\(\s*(?:basis\s*)?(?:19|20)\d\d\s*=\s*100\s*\))?\s*$", re.I)

# Period kinds of value columns (the first word that matches wins).
KIND_WORDS: list[tuple[re.Pattern[str], str]] = [
    # "Bijstelling" is the change to a budget; "Begroting na bijstelling" is the budget after it
    (re.compile(r"\b(verschil|afwijking|mutatie)\b|(?<!na )\bbijstelling(?:en)?\b", re.I), "afwijking"),
    (re.compile(r"\b(streefwaarde|streven|streef|ambitie|doelwaarde|doel|norm|target)\b", re.I), "streefwaarde"),
    (re.compile(r"\b(raming|geraamd|prognose|verwachting|verwachte?|meerjarenraming)\b", re.I), "raming"),
    (re.compile(r"\b(begroting|begroot|primitie[fv]e?|actuee?le?|bijgestelde?|gewijzigde?|na\s+(?:wijziging|wijz\.))"
                r"(?!\w)", re.I), "begroting"),
    (re.compile(r"\b(realisatie|gerealiseerd|werkelijk|rekening|jaarrekening|resultaat|uitkomst|stand)\b", re.I),
     "realisatie"),
]
PROVISIONAL = re.compile(r"\bvoorlopig(e)?\b|\bvoorl\.|\(v\)|\bnader voorlopig\b", re.I)

# Measure words in headers and their unit.
_UNITS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"per\s+10[.\s]?000\s+(?:inwoners|inw\b\.?)", re.I), "per 10.000 inwoners"),
    (re.compile(r"per\s+1[.\s]?000\s+(?:inwoners|inw\b\.?)", re.I), "per 1.000 inwoners"),
    (re.compile(r"per\s+1[.\s]?000\s+jongeren", re.I), "per 1.000 jongeren"),
    (re.compile(r"per\s+1[.\s]?000\s+huishoudens", re.I), "per 1.000 huishoudens"),
    (re.compile(r"per\s+1[.\s]?000\b", re.I), "per 1.000"),
    # "Lasten per inwoner", "Zeeland per inwoner": euros per inhabitant (BBV tables of lasten)
    (re.compile(r"(?:€|\beuro'?s?)?\s*\bper\s+inwoner\b(?!s)", re.I), "€ per inwoner"),
    (re.compile(r"^\s*%|%\s*\*?$|\(\s*%\s*\)|\bin\s*%|\bpercentage\b|\bprocent\b|\baandeel\b|%\s*van\b", re.I), "%"),
    (re.compile(r"\brapportcijfer\b|\bcijfer\b", re.I), "rapportcijfer"),
    (re.compile(r"\(?\bweken\b\)?", re.I), "weken"),
    (re.compile(r"\(?\bdagen\b\)?", re.I), "dagen"),
    (re.compile(r"^\s*aantal(len)?\b|\(aantal\)", re.I), "aantal"),
    (re.compile(r"^\s*(bedrag|bedragen|€)\s*$|\(\s*€\s*\)|\bin\s+euro", re.I), "€"),
]

# Export headers that mean "the municipality this report is about" (resolved to the document's municipality).
OWN_MUNICIPALITY = frozenset({"uw gemeente", "eigen gemeente", "deze gemeente", "gemeente", "onze gemeente",
                              "gekozen gemeente", "geselecteerde gemeente"})
DOC_MUNICIPALITY = "__document__"
REGION = "Regio"  # a column headed only "Regio": named by the document's footnote when it has one
NATIONAL = {"nederland": "Nederland", "landelijk": "Nederland", "nl": "Nederland", "landelijk gemiddelde":
            "Nederland", "gemiddelde nederland": "Nederland", "nederland totaal": "Nederland"}
# Provinces as comparison columns or rows (Groningen and Utrecht are municipalities too: those stay municipalities)
PROVINCES = frozenset({"fryslân", "friesland", "drenthe", "overijssel", "flevoland", "gelderland", "noord-holland",
                       "zuid-holland", "zeeland", "noord-brabant", "limburg"})
# A class of municipalities by size ("100.000-300.000", "gemeenten 50.000-100.000 inwoners"): a comparison column of
# its own, never the document's municipality
SIZE_CLASS = re.compile(r"(?:gemeenten\s+(?:van\s+)?)?\d{1,3}(?:\.\d{3})+\s*[-–]\s*\d{1,3}(?:\.\d{3})+(?:\s+inwoners)?", re.I)
TOTAL_WORDS = frozenset({"totaal", "total", "eindtotaal", "generaal totaal", "regio totaal", "regio", "totaal regio"})


def normalise_header(text: str) -> str:
    """Header text broken over lines ("Begroting\\n2023", "inwo- ners") as one line, footnote marks kept."""
    parts = [p for p in re.split(r"\s*\n\s*", text.strip()) if p]
    out = " ".join(join_lines(parts).split())
    return re.sub(r"\s*\^\w+$", "", out)  # "begroting 2017 ^a": a note mark


def role_of(text: str) -> str:
    """rownum | label | unit | period | source | note | value for one header cell."""
    t = normalise_header(text).lower().rstrip(":.").strip()
    t = re.sub(r"\s*\(.*?\)\s*$", "", t) or t
    for role, words in ROLE_WORDS.items():
        if t in words:
            return role
    return "value"


def kind_of(text: str) -> str | None:
    for rx, kind in KIND_WORDS:
        if rx.search(text):
            return kind
    return None


def unit_of(text: str) -> str | None:
    u, _scale, _rest = find_unit(text)
    if u:
        return u
    for rx, unit in _UNITS:
        if rx.search(text):
            return unit
    return None


def header_period(text: str, default_year: int | None = None) -> Period | None:
    """The period a header names: "Rekening 2021", "1e helft 2023", "2022*", "jan" (with `default_year`),
    "Realisatie t/m 30 juni 2023" (the year so far: the first half), "Verschil 2023-2022" (the later year)."""
    cum = re.fullmatch(r"\s*Q1\s*[-+]\s*Q([2-4])\s*\*?\s*", text, re.I)
    if cum and default_year is not None:
        return year_to_date(quarter(default_year, int(cum.group(1))).end)  # "Q1-Q3" in a report of 2024
    todate = re.search(r"(?:^|\s)(?:t/m|tot en met|tot)\s+(.+)$", text, re.I)
    if todate:
        ms = [m for m in scan(todate.group(1)) if m.kind in ("date", "month", "quarter", "half")]
        years = {m.period.start.year for m in scan(text[:todate.start()]) if m.kind == "year" and m.period}
        y = years.pop() if len(years) == 1 else default_year
        if not ms and y is not None and re.fullmatch(r"\d{1,2}\s+\w+\.?", todate.group(1).strip()):
            # "t/m 30 juni" in a report of 2024: a day without its year
            ms = [m for m in scan(f"{todate.group(1).strip()} {y}") if m.kind == "date"]
        if len(ms) == 1 and (ms[0].period is not None or y is not None):
            # "t/m 30 juni 2023" and "t/m juni 2023": from 1 January to the end of that day or month; "t/m sep"
            # under a spanning "2024" (or in a report of 2024) is the year 2024 so far
            p = ms[0].period or ms[0].with_year(y)  # type: ignore[arg-type]
            return year_to_date(p.start if p.kind == "date" else p.end)
    if kind_of(text) == "afwijking":
        years = sorted({m.period.start.year for m in scan(re.sub(r"(\d{4})\s*[-–]\s*(\d{4})", r"\1 \2", text))
                        if m.kind == "year" and m.period is not None})
        if len(years) == 2:
            return year(years[-1])
        base = re.search(r"\b(?:t\.?o\.?v\.?|ten opzichte van|vergeleken met|tegenover)\s+(.+)$", text, re.I)
        if base and len(scan(text[:base.start()])) == 0:
            return None  # "Verschil t.o.v. 30-06-2023": the base of the difference, not its period
    ms = [m for m in scan(text) if m.kind != "range" or m.period is not None]
    subs = [m for m in ms if m.period is None and m.unit in ("H", "Q", "M")]
    years = [m for m in ms if m.kind == "year"]
    if len(ms) == 2 and len(subs) == 1 and len(years) == 1:
        # a half, quarter or month under its year ("2022" spanning "1e halfjaar | 2e halfjaar", "2024 > jan")
        return subs[0].with_year(years[0].period.start.year)  # type: ignore[union-attr]
    if len(ms) != 1:
        # "Begroting 2022 na wijziging 2022": one period named twice is still one period
        ps = {m.period for m in ms if m.period is not None}
        return ps.pop() if len(ps) == 1 and len(ps) == len({m.period for m in ms}) else None
    m = ms[0]
    if m.period is not None:
        return m.period
    if default_year is not None and m.unit:
        return m.with_year(default_year)
    return None


def interpret(text: str, munis: Municipalities | None = None, default_year: int | None = None,
              parent: str | None = None, holds_values: bool = False) -> Column:
    """A Column for header text `text` (under a spanning `parent` header when there is one). `holds_values`:
    the column's cells are figures, so a label word heading it names the place ("Gemeente" next to
    "Nederland") or the measure rather than a text column."""
    label = normalise_header(text)
    clean = label.rstrip("*").strip()
    full = " ".join(x for x in (parent, clean) if x)
    col = Column(label=" - ".join(x for x in (parent, clean) if x) if parent else clean, header=clean)
    col.role = role_of(clean) if not parent else "value"
    if col.role == "label" and holds_values:
        col.role = "value"
    if col.role != "value":
        return col
    col.period = header_period(full, default_year)
    if parent and (col.period is None or col.period.kind == "year"):
        # a month, half or quarter under a spanning year ("2024" over "jan | feb | …")
        leaf, top = only_period(clean), header_period(parent, default_year)
        if leaf is not None and leaf.period is None and leaf.unit and top is not None and top.kind == "year":
            col.period = leaf.with_year(top.start.year)
    if _INDEX_HEAD.match(clean):
        col.period = None  # "Index (2020=100)": the base year is no period; the index is of the latest column
        col.unit = "index"
    col.period_kind = kind_of(full)
    col.provisional = bool(PROVISIONAL.search(full)) or label.endswith("*")
    col.unit = col.unit or unit_of(clean) or (unit_of(parent) if parent else None)
    low = clean.lower()
    # a place with its year ("Nederland 2023", "2022 Gemeente"): the year is the period, the rest the place
    bare = re.sub(r"\s*\b(?:19|20)\d{2}\b\s*", " ", clean).strip() if col.period is not None else ""
    # a place with its measure ("Zeeland per inwoner", "Nederland per 1.000 inwoners"): the rest is the place
    place = re.sub(r"\s+per\s+(?:inwoners?|1[.\s]?000|10[.\s]?000|jongeren?|huishoudens?)\b.*$", "", clean, flags=re.I)
    place = place if place != clean else ""
    for part in (clean, parent, bare if bare and bare != clean else None, place or None):
        if not part:
            continue
        pl = part.lower().rstrip("*").strip()
        if pl in NATIONAL:
            col.municipality = "Nederland"
        elif pl in OWN_MUNICIPALITY:
            col.municipality = DOC_MUNICIPALITY
        elif munis is not None and not only_period(part):
            name = munis.resolve(re.sub(r"\s*\(.*?\)\s*$", "", part))
            if name:
                col.municipality = name
        if col.municipality:
            break
    if not col.municipality and (re.match(r"^(regio|jeugdregio|arbeidsmarktregio|zorgregio|provincie)\b", low) and len(low) > 6
                                 or low in PROVINCES or place.lower() in PROVINCES or bare.lower() in PROVINCES):
        # a region or province column ("Regio Noordoost-Brabant", "Drenthe 2024"): its own scope
        col.municipality = place if place.lower() in PROVINCES else (bare if bare.lower() in PROVINCES else clean)
    if not col.municipality and re.fullmatch(r"(?:de\s+)?(?:regio|jeugdregio|arbeidsmarktregio|zorgregio)[\W\d¹²³⁴⁵⁶⁷⁸⁹]*",
                                             (bare or clean).lower()):
        col.municipality = REGION  # a bare "Regio" column: the region's figure, never the document's municipality
    if not col.municipality and re.fullmatch(r"(?:gemiddelde\s+)?G\s?(?:4|32|40)(?:[-\s]gemeenten)?", bare or clean,
                                             re.I):
        col.municipality = " ".join((bare or clean).split())  # "G4", "G40": a group of cities, not the report's own
    if not col.municipality and SIZE_CLASS.fullmatch(clean):
        nums = re.findall(r"\d{1,3}(?:\.\d{3})+", clean)
        col.municipality = f"Gemeenten {nums[0]}-{nums[1]} inwoners"  # the average of a size class
        col.period = None
    if low in TOTAL_WORDS and not col.municipality:
        col.measure = "totaal"
    return col


def scope_of_label(text: str, munis: Municipalities | None) -> str | None:
    """The place a row label or header names: a municipality, "Nederland", or a region ("Regio X")."""
    full = " ".join(text.split()).rstrip("*").strip()
    if re.search(r"\((?:pv|provincie|ld|landsdeel|cr|corop|gr|ggd|arbeidsmarktregio|jr|jeugdregio)\)$", full, re.I):
        return full  # a CBS region code: "Groningen (PV)" is the province, its own scope, not the municipality
    t = re.sub(r"\s*\(.*?\)\s*$", "", full).strip()
    low = t.lower()
    if low in NATIONAL:
        return "Nederland"
    if low in OWN_MUNICIPALITY - {"gemeente"}:
        return DOC_MUNICIPALITY
    if re.match(r"^(regio|jeugdregio|arbeidsmarktregio|zorgregio|provincie)\b", low) and len(low) > 6:
        return t
    if low in PROVINCES:
        return t
    if munis is not None and len(t.split()) <= 5 and not only_period(t):
        return munis.resolve(t)
    return None


def resolve_abbreviations(columns: list[Column], munis: Municipalities) -> None:
    """Document-wide: merge spelling variants of municipality columns, and map one-letter headers
    ("A D H P S Z") to the one municipality of the document's other columns with that initial."""
    names = [c.municipality for c in columns if c.municipality and c.municipality != "Nederland"]
    canon = munis.canonical(names)
    for c in columns:
        if c.municipality and c.municipality in canon:
            c.municipality = canon[c.municipality]
    initials = munis.initials(sorted(set(canon.values())))
    for c in columns:
        h = (c.header or c.label or "").strip()
        if not c.municipality and re.fullmatch(r"[A-Z]", h) and h in initials:
            c.municipality = initials[h]
