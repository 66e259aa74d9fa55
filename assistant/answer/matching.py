"""How well a table row, a title or a sentence covers what a question is about.

A question's content words are its words minus the words that say what kind of answer is wanted (hoeveel,
percentage, verschil), when (years, halves, months) and where (municipality names): those are checked
by the period, measure and scope tests, not by matching words. Each content word is matched on its
Dutch stem, with partial credit for compounds sharing a head or tail (jeugdhulptrajecten ~ jeugdhulp) and
for words of one concept in the domain thesaurus (huishoudelijke hulp ~ hulp bij het huishouden).
Coverage is the IDF-weighted share of the question's content words that a text explains.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

from assistant.answer.text_tools import STOPWORDS, content_words, stem, stems, token_match, words
from assistant.periods import MONTH_ABBR, MONTHS_NL
from assistant.thesaurus import related_terms

# Words that say what kind of answer is wanted, or are generic verbs of questions: not the subject.
_NOISE_WORDS = """
hoeveel aantal aantallen welk welke percentage procent aandeel deel totaal totale total iets vertellen vertelt verteld uitgewerkt uitwerking eigenlijk eraan daarna daarover erover
gemiddeld gemiddelde echt echte daadwerkelijk uitgegeven uitgeven uitgaf uitgaven besteed bestede kostte kostten gekost
verschil meer minder hoger lager groter kleiner gestegen gedaald stijging daling toename afname toegenomen
afgenomen vergeleken vergelijk vergelijking ten opzichte opzicht tov hoog hoogste laagste meeste minste
stand waren was zijn is werd werden wordt worden kreeg kregen krijgen krijgt ontving ontvingen ontvangen hadden
had heeft hebben telde telden tellen gebruikte gebruikten gebruiken maakten maakte maken deden doet doen zat zaten
staan stond stonden bedroeg bedroegen gaat gingen ging kwamen kwam komen lag lagen ligt
jaar jaren maand maanden kwartaal kwartalen halfjaar helft periode eind begin einde medio peildatum
vorig vorige afgelopen huidige dit deze dat die daarvoor ervoor eerder later samen opgeteld bij elkaar
overschrijding overschrijdingen onderschrijding overschreden onderschreden
taakveld taakvelden buren buurgemeente buurgemeenten omliggende naburige omringende regiogemeenten
gemeente gemeenten gemeentelijke raad college cijfer cijfers getal getallen rapportage rapportages verslag
precies ongeveer circa bijna ruim nog al ook wel per gehele hele volgens staat genoemd gemeld vermeld
landelijk landelijke nederland nederlandse nationaal ontwikkeld ontwikkelde ontwikkeling verloop trend sinds vanaf
inwoners mensen personen stuks keer vaak liepen lopen loopt liep startten gestart begonnen moesten moeten konden
zouden mochten wilden gegaan vanuit binnen via elk ieder alle boven onder goedkoper duurder hoger lager ruim
procentpunt procentpunten betekent betekenen verstaat verstaan bedoeld bedoelt tabel figuur overzicht grafiek
rekening begroting begroot begrote geraamd raming realisatie gerealiseerd werkelijk werkelijke uitgekomen
komen kwam kwamen uit viel vielen valt vallen zit zitten zat hoort horen staat stonden halen haalt
verwacht verwachte verwachten verwachting prognose prognoses geprognosticeerd
jaarrekening jaarstukken jaarverslag programmabegroting sloot sluit sloten afgesloten trekt trok uitgetrokken
af op aan om in uit mee toe daaruit hieruit waaruit rond decimaal decimalen afgerond afronden vaker scheelt schelen
gemiddeld gemiddelde
hoe waarom komt kom verklaart verklaren verklaring verklaard oorzaak oorzaken reden redenen wanneer waardoor
daardoor hierdoor daarvan hiervan daarbij daarmee ervan erboven eronder erbij
geeft geven gaf gaven noemt noemen beschrijft beschrijven aangeven aangegeven toegelicht toelichting kunt kan
verhouding verhoudingsgewijs relatief rato bleef bleven blijft blijven bijgesteld bijgestelde gewijzigd gewijzigde primitief primitieve actuele oorspronkelijke
kwijt heen houdt houden hield hielden ja nee wil willen wilde halen bereiken groeide groeiden groeit groeien opgroeien opgegroeid twee drie vier vijf zes zeven acht negen tien uitgevallen uitvallen scoort scoren scoorde verhoudt verhouden geld gereserveerd reserveert reserveren tussen neemt nemen nam namen daalt dalen daalde daalden stijgt stijgen steeg stegen graag svp alstublieft
""".split()
# a noise word's inflections count too ("gedaalde"), but only by a stem long enough not to hit other words
# ("kan" would also be the stem of "kans")
NOISE_FORMS = frozenset(_NOISE_WORDS)
NOISE_STEMS = frozenset(stem(w) for w in _NOISE_WORDS if len(stem(w)) >= 4)
NOISE = NOISE_FORMS | NOISE_STEMS
# Idioms whose words name no subject ("per saldo" is net, not the saldo row)
_IDIOMS = re.compile(r"\b(per saldo|in totaal|op dit moment|op dat moment|naar verwachting|op jaarbasis|in de praktijk"
                     r"|(?:het\s+)?(?:landelijke?|regionale?|provinciale?|algemene?)\s+beeld)\b", re.I)
_EXCLUDED = re.compile(r"\b(?:nog\s+)?(?:zonder|exclusief|excl\.|buiten)\s+(?:de|het|alle|die)\s+[^,.?;:]*", re.I)
_PERIOD_TOKEN = re.compile(r"^(?:h[12]|q[1-4]|kw[1-4]|[1-4]e|(?:19|20)\d\d|\d{1,2})$")
_MONTHS = frozenset(MONTHS_NL) | frozenset(MONTH_ABBR)


# Past participles ("opgesteld", "geplaatst", "ingestroomd") say what happened, which a table row rarely
# repeats; they count for less than the nouns that name the subject.
_PARTICIPLE = re.compile(r"^(?:aan|af|bij|door|in|mee|na|om|op|over|terug|toe|uit|voor|weg|samen|vast|bekend)?"
                         r"ge[a-z]{3,}(?<!hei)[dt]$")
VERB_WEIGHT = 0.35
# the strong verbs' participles in -en that questions use ("gedaan", "gekregen"): not the subject either
_IRREGULAR_PARTICIPLES = frozenset("""gedaan gegaan gezien gekregen gegeven genomen gebleven gestegen gekomen gevonden
gebracht gedacht gezocht geschreven gelopen gestorven gevraagd gezeten gestaan gehouden gelegen gebeurd ontvangen
verkregen toegekend afgenomen toegenomen opgenomen ingenomen aangenomen begonnen gesloten afgesloten""".split())


_PARTICLES = ("uit", "in", "door", "op", "af", "aan", "toe", "mee", "terug", "over")
# the verbs of flows in and out of a provision ("stromen … uit" is uitstroom, "treden … in" is instroom)
_FIND_VERB = re.compile(r"^(vinden|vindt|vind|vond|vonden|gevonden)$")
_FLOW_VERB = re.compile(r"^(stroom\w*|strom\w*|gestroomd|treed\w*|trad\w*|treden)$")


@dataclass(frozen=True)
class Term:
    word: str
    stem: str
    weight: float
    group: str = ""  # an abbreviation and the words it stands for share a group: either may match
    verb: bool = False  # a participle: weighed as an ordinary word, however rare it is in the tables


_ABBR = re.compile(r"((?:[^\W\d_]+[\s-]+){1,6})\(([^\W\d_][\w-]{1,9})\)")


def _abbreviation_groups(question: str) -> dict[str, str]:
    """{word stem: abbreviation stem} for "social return (SRoI)", "Wet maatschappelijke ondersteuning (Wmo)":
    the words before the brackets whose initials the abbreviation spells, read backwards."""
    out: dict[str, str] = {}
    for m in _ABBR.finditer(question):
        abbr = m.group(2)
        letters = abbr.lower()
        key = stem(words(abbr)[0]) if words(abbr) else ""
        if not key:
            continue
        before = words(m.group(1))
        taken = []
        for w in reversed(before):
            if w[:1] in letters and len(taken) < len(letters):
                taken.append(w)
            else:
                break
        if taken:
            out[key] = key
            for w in taken:
                out[stem(w)] = key
    return out


# Categories named by numbers ("80-100%", "<50%", "65+", "18-", "0-4 jaar"): they tell rows apart, so they
# count as content although they are numbers. Matched on their normalised form in the text.
_CATEGORY = re.compile(r"(?<![\w.,])(?:[<>]\d{1,3}%?|\d{1,3}-\d{1,3}%|\d{1,2}-\d{1,2}(?=\s*jaar)|\d{1,3}\+"
                       r"|\d{1,2}-(?![\w\d]))")
_CATEGORY_WORDS = [(re.compile(r"\b(?:minder dan|onder de|lager dan|kleiner dan)\s+(\d{1,3})\s*(?:procent|%)", re.I), r"<\1%"),
                   (re.compile(r"\b(?:meer dan|boven de|hoger dan)\s+(\d{1,3})\s*(?:procent|%)", re.I), r">\1%"),
                   (re.compile(r"(\d{1,3})\s*(?:tot|t/m)\s*(\d{1,3})\s*(?:procent|%)", re.I), r"\1-\2%"),
                   (re.compile(r"(\d)\s*procent\b", re.I), r"\1%"),
                   # ages: "van 4 tot 12 jaar", "tussen de 12 en 18 jaar" -> "4-12 jaar"; "65 jaar en ouder" -> "65+"
                   (re.compile(r"(?:\b(?:van|tussen)\s+(?:de\s+)?|^\s*)(\d{1,2})\s+(?:tot en met|tot|t/m|en)\s+(\d{1,2})\s+jaar",
                               re.I), r"\1-\2 jaar"),
                   (re.compile(r"\b(\d{1,2})\s+jaar\s+(?:en|of)\s+(?:ouder|meer)\b", re.I), r"\1+"),
                   (re.compile(r"\b(\d{1,2})[- ]?plus(?:sers)?\b", re.I), r"\1+")]


def _without_age_forms(text: str) -> str:
    """Text without its written age groups ("85-plussers", "65 jaar en ouder"): they are categories (added as
    such), not also the words "plussers" or "ouder"."""
    for rx, rep in _CATEGORY_WORDS:
        if "+" in rep or "jaar" in rep:
            text = rx.sub(" ", text)
    return text


def category_form(text: str) -> str:
    """Text with number categories in one notation: "minder dan 50 procent" -> "<50%", "80 – 100 %" -> "80-100%"."""
    for rx, rep in _CATEGORY_WORDS:
        text = rx.sub(rep, text)
    text = re.sub(r"(\d)\s*[-–]\s*(\d)", r"\1-\2", text)
    text = re.sub(r"(\d)\s+(%|\+)", r"\1\2", text)
    return re.sub(r"([<>])\s+(\d)", r"\1\2", text)


def categories(text: str) -> list[str]:
    """Number categories in a text, in one notation ("van 4 tot 12 jaar" -> "4-12 jaar", "85 jaar of ouder" -> "85+")."""
    return [m.group().replace(" ", "") for m in _CATEGORY.finditer(category_form(text))]


def _initialisms(question: str) -> dict[str, set[str]]:
    """{initials: stems of the words} for runs of three or more capitalised words ("Stichting Welzijn Oisterwijk"
    -> "swo"), the way organisations are abbreviated in tables."""
    out: dict[str, set[str]] = {}
    for m in re.finditer(r"(?<!^)(?<![.?!]\s)\b((?:[A-Z][a-zà-ÿ]+\s+){2,4}[A-Z][a-zà-ÿ]+)\b", question):
        ws = m.group(1).split()
        out[stem("".join(w[0] for w in ws).lower())] = {stem(w.lower()) for w in ws}
    return out


def _taakveld_names(question: str) -> str:
    """A BBV taakveld code in a question ("taakveld 6.72") also names the taakveld ("maatwerkdienstverlening 18-"),
    the way budget tables label their rows."""
    from assistant.thesaurus import taakvelden

    names = taakvelden()
    extra = [names[m.group(1)] for m in re.finditer(r"(?<![\d.])(\d\.\d{1,2})(?![\d])", question) if m.group(1) in names]
    return f"{question} {' '.join(extra)}" if extra else question


def content_terms(question: str, leave_out: Iterable[str] = ()) -> list[Term]:
    """The words of a question that say what it is about (scope words and periods left out)."""
    skip = {stem(w) for phrase in leave_out for w in content_words(phrase)}
    question = _taakveld_names(question)
    groups = _abbreviation_groups(question)
    initialisms = _initialisms(question)
    question = _IDIOMS.sub(" ", question)
    # what the question leaves out ("nog zonder de stortingen in reserves", "exclusief de baten"): no subject; a
    # qualifier without an article ("jeugdhulp zonder verblijf") is one
    question = _EXCLUDED.sub(" ", question)
    out: list[Term] = []
    seen: set[str] = set()
    # "85-plussers" is the category "85+" (added below), not also the word "plussers"
    for w in content_words(_without_age_forms(question)):
        s = stem(w)
        if s in seen or s in skip or w in STOPWORDS or s in NOISE_STEMS or w in NOISE_FORMS or w in _MONTHS:
            continue
        if _PERIOD_TOKEN.match(w):
            continue
        seen.add(s)
        verb = bool(_PARTICIPLE.match(w)) or w in _IRREGULAR_PARTICIPLES
        out.append(Term(w, s, VERB_WEIGHT if verb else 1.0, groups.get(s, ""), verb))
    # a separable verb with its particle at the end ("stromen … uit de bijstand") also means its compound noun
    # ("uitstroom"): either may match, in one group with the verb
    toks = words(question)
    for i, t in enumerate(list(out)):
        if t.group or not _FLOW_VERB.match(t.word):
            continue
        pos = toks.index(t.word) if t.word in toks else -1
        later = [w for w in toks[pos + 1:] if w in _PARTICLES] if pos >= 0 else []
        if later:
            part = later[-1]  # the particle stands last in its clause
            out[i] = replace(t, group="alt:" + t.stem)
            out.append(Term(part + t.stem, part + t.stem, t.weight, "alt:" + t.stem))
    # "vonden werk", "een baan gevonden": people who left for work, the uitstroom naar werk of a table
    if any(w in ("werk", "baan", "banen") for w in toks):
        for i, t in enumerate(list(out)):
            if not t.group and _FIND_VERB.match(t.word):
                out[i] = replace(t, group="alt:" + t.stem)
                out.append(Term("uitstroom", stem("uitstroom"), t.weight, "alt:" + t.stem))
    # "Stichting Welzijn Oisterwijk" may stand in a table as "SWO": the initials are an alternative
    for abbr, members in initialisms.items():
        mine = [t for t in out if t.stem in members and not t.group]
        if len(mine) < 1 or any(t.stem == abbr for t in out):
            continue
        key = abbr
        out = [replace(t, group=key) if t in mine else t for t in out]
        out.append(Term(abbr, abbr, 1.0, key))
    for c in categories(question):
        key = "#" + c
        if key not in seen:
            seen.add(key)
            out.append(Term(c, key, 1.0))
    return out


def text_stems(text: str) -> set[str]:
    return set(stems(text))


# tails that say which aspect of the head is asked, not a subject of their own ("jeugdhulpgebruik", "jeugdbudget")
_USE_TAILS = frozenset({"gebruik", "gebruikers", "cijfers", "gegevens", "budget", "budgetten", "kosten", "uitgaven",
                        "lasten", "ontvangers", "gerechtigden", "klanten"})


def _compound_parts(word: str, stems_: set[str]) -> float:
    """"jeugdmonitor" in a text that has "monitor" and "jeugd" (0.9); "ondersteuningsplan" with a linking s;
    "vervoersindicaties" in a row "Vervoersvoorziening" of a table of "indicaties" (0.85: the head begins another
    compound of the text)."""
    best = 0.0
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if not (tail in stems_ or stem(tail) in stems_):
            continue
        heads = {head, head[:-1]} if head.endswith("s") else {head}
        if any(stem(h) in stems_ or h in stems_ for h in heads):
            return 0.9
    for i in range(4, len(word) - 5):
        head, tail = word[:i], word[i:]
        if tail in _USE_TAILS and (head in stems_ or stem(head) in stems_):
            return 0.85  # "jeugdhulpgebruik" is about "jeugdhulp"
        if tail in _USE_TAILS and len(head) >= 6 and head.endswith("s") and any(t.startswith(head) for t in stems_):
            return 0.85  # "bijstandsontvangers": the people of a "bijstandsuitkering"
    for i in range(3, len(word) - 2):
        head, tail = word[:i], word[i:]
        if not (tail in stems_ or stem(tail) in stems_):
            continue
        if len(head) >= 5 and any(t.startswith(head) and len(t) >= len(head) + 4 for t in stems_):
            best = 0.85
    return best


def _match(term: Term, stems_: set[str], text_keys: set[str], related: bool = True) -> float:
    if term.stem in stems_:
        return 1.0
    if term.stem.startswith("#"):
        return 0.0
    if len(term.word) >= 8:
        parts = _compound_parts(term.word, stems_)
        if parts:
            return parts
    best = 0.0
    for t in stems_:
        m = token_match(term.stem, t)
        if m > best:
            best = m
            if best >= 0.8:
                break
    if best < 0.7 and related:
        for rel in related_terms(term.word):
            parts = stems(rel) or rel.split()
            if parts and all(p in stems_ for p in parts):
                return max(best, 0.75)
            if re.search(r"[\d+]", rel) and any(re.search(rf"(?<![\w+]){re.escape(rel)}(?![\w+])", k, re.I)
                                                for k in text_keys):
                return max(best, 0.75)  # "18+", "65-plussers": written with digits, no stems to compare
            if len(parts) == 1 and any(token_match(parts[0], t) >= 0.8 for t in stems_):
                best = max(best, 0.65)
    return best


class Weights:
    """IDF weights of stems over a collection of texts (rare words say more about a question's subject)."""

    def __init__(self, texts: Iterable[str]) -> None:
        df: Counter[str] = Counter()
        n = 0
        for t in texts:
            n += 1
            df.update(set(stems(t)))
        self.n = max(n, 1)
        self.df = df

    def idf(self, s: str) -> float:
        df = self.df.get(s, 0)
        if not df:
            return self.typical  # a word no text has cannot tell texts apart; it counts as an ordinary word
        return math.log(1 + self.n / (1 + df))

    @property
    def typical(self) -> float:
        """The weight of a word found in one text out of ten."""
        return math.log(1 + self.n / (1 + self.n / 10))


def coverage(terms: list[Term], text: str, weights: Weights | None = None, related: bool = True
             ) -> tuple[float, list[str]]:
    """(IDF-weighted share of the terms the text explains, the words it missed). Without `related`, only the
    words themselves count, not the words of the same concept."""
    if not terms:
        return 1.0, []
    st = text_stems(text)
    keys = {text}
    if any(t.stem.startswith("#") for t in terms):
        st = st | {"#" + c for c in categories(text)}
    total = got = 0.0
    missed: list[str] = []
    grouped: dict[str, list[tuple[Term, float, float]]] = {}
    for t in terms:
        w = ((weights.typical if t.verb else weights.idf(t.stem)) if weights else 1.0) * t.weight
        if t.verb and weights and not weights.df.get(t.stem):
            w *= 0.4  # a participle no text uses at all only says what the question asks about
        m = _match(t, st, keys, related)
        if t.group:
            grouped.setdefault(t.group, []).append((t, w, m))
            continue
        total += w
        got += w * m
        if m < 0.6:
            missed.append(t.word)
    for key, members in grouped.items():
        if key.startswith("alt:"):  # alternatives of one word: the best match counts, at the word's weight
            w_alt = max(w for _, w, _ in members)  # the word or what it means, whichever says more
            # the verb without its particle ("stromen" where "uitstromen" was asked) only half says it
            m = max(m if t.stem != key[4:] else 0.6 * m for t, _, m in members)
            total += w_alt
            got += w_alt * m
            if m < 0.6:
                missed.append(members[0][0].word)
            continue
        abbr = [x for x in members if x[0].stem == key]
        spelled = [x for x in members if x[0].stem != key]
        w_all = sum(w for _, w, _ in spelled) or sum(w for _, w, _ in abbr)
        m_spelled = sum(w * m for _, w, m in spelled) / (sum(w for _, w, _ in spelled) or 1.0)
        m = max([m_spelled] + [m for _, _, m in abbr])
        total += w_all
        got += w_all * m
        if m < 0.6:
            missed.append(members[0][0].word)
    return (got / total if total else 1.0), missed
