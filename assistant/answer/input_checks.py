"""First look at a question: empty, too long, SQL, prompt injection or not Dutch gets a clear Dutch answer.

Cheap regexes and a stopword count only; this runs before anything else on every question.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from assistant.ingest.catalog import load_municipalities
from assistant.regions import regions

EXAMPLE = "bijvoorbeeld: 'Hoeveel cliënten had de Jeugdwet in de eerste helft van 2018?'"

MSG_EMPTY = ("Stel een vraag over het sociaal domein (Jeugdwet, Wmo of Participatiewet), " + EXAMPLE)
MSG_TOO_LONG = ("Uw vraag was erg lang en is afgekapt na {n} tekens; ik beantwoord alleen dat deel. "
                "Stel gerust een kortere, gerichte vraag.")
MSG_SQL = ("Dit lijkt op een SQL-opdracht. Stel uw vraag in gewoon Nederlands; ik zoek het antwoord zelf op "
           "in de rapportages en voer nooit SQL uit die in een vraag staat. " + EXAMPLE.capitalize())
MSG_INJECTION = ("Ik kan mijn instructies niet wijzigen of tonen. Ik beantwoord alleen vragen over de "
                 "rapportages in het sociaal domein (Jeugdwet, Wmo, Participatiewet), " + EXAMPLE)
MSG_NON_DUTCH = ("Ik beantwoord alleen vragen in het Nederlands. Wilt u uw vraag in het Nederlands stellen? "
                 "Please ask your question in Dutch.")


@dataclass(frozen=True)
class InputVerdict:
    ok: bool
    question: str
    kind: str | None = None       # None, "empty", "too_long", "non_dutch", "sql", "injection"
    message: str | None = None    # Dutch, for the user
    truncated: bool = False


_F = re.IGNORECASE
_SQL_PATTERNS = [re.compile(p, _F) for p in (
    # A select list followed by FROM <table>: "select" alone is an ordinary word.
    r"\bselect\s+(?:distinct\s+)?(?:\*|[\w.\"]+(?:\s*\([^)]*\))?(?:\s+as\s+\w+)?"
    r"(?:\s*,\s*[\w.\"*]+(?:\s*\([^)]*\))?(?:\s+as\s+\w+)?)*)\s+from\s+[\w.\"']+",
    r"\b(?:drop|truncate|alter)\s+(?:table|view|database|schema|index)\b",
    r"\binsert\s+into\b",
    r"\bdelete\s+from\b",
    r"\bupdate\s+[\w.\"]+\s+set\s+\w+\s*=",
    r"\bcreate\s+(?:or\s+replace\s+)?(?:temp\s+|temporary\s+)?(?:table|view|macro|function|secret)\b",
    r"\bunion\s+(?:all\s+)?select\b",
    r";\s*--",
    r"'\s*(?:or|and)\s+'?\w+'?\s*=\s*'?\w+",   # ' OR 1=1, ' or 'a'='a
    r"\bor\s+1\s*=\s*1\b",
    r"\b(?:attach|copy)\s+[\w'\"./]+\s+(?:as|to|from)\b",
    r"\b(?:pragma|install|load)\s+[a-z_]+\s*(?:;|$|\()",
    r"\bread_(?:csv|parquet|json|text|blob)\w*\s*\(",
    r"\bxp_cmdshell\b|\bexec(?:ute)?\s*\(",
)]

_INJECTION_PATTERNS = [re.compile(p, _F) for p in (
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+)?(?:the\s+|your\s+|my\s+)?"
    r"(?:previous|prior|above|earlier|preceding|system|original)?\s*(?:instructions|prompts?|rules|directions|messages)\b",
    r"\bnegeer\s+(?:\w+\s+){0,3}(?:instructies|regels|opdrachten|prompts?|richtlijnen)\b",
    r"\bvergeet\s+(?:\w+\s+){0,3}(?:instructies|regels|opdrachten|prompts?|richtlijnen)\b",
    r"\b(?:je|jij|u)\s+bent\s+nu\b",
    r"\bvanaf\s+nu\s+(?:ben|ga)\s+(?:je|jij)\b",
    r"\bdoe\s+alsof\s+(?:je|jij)\b",
    r"\byou\s+are\s+now\b|\bpretend\s+(?:to\s+be|you\s+are)\b|\bact\s+as\s+(?:a|an|if)\b",
    r"\bsyste(?:e)?m[\s_-]*prompt\b|\bsysteemprompt\b",
    r"\b(?:toon|geef|print|herhaal|laat)\s+(?:me\s+|mij\s+)?(?:je|jouw|uw)\s+(?:\w+\s+)?"
    r"(?:instructies|prompt|systeeminstructies)\b",
    r"\b(?:reveal|show|print|repeat)\s+(?:me\s+)?(?:your|the)\s+(?:\w+\s+)?(?:instructions|prompt)\b",
    r"\bjailbreak\b|\bdeveloper\s+mode\b",
    r"<\|[a-z_]+\|>|\[/?INST\]|^\s*#{0,3}\s*(?:system|assistant)\s*:",
)]

# Function words only: words shared between Dutch and another language ("in", "is", "was", "de", "die",
# "wie", "of", "over", "en", "had") count for neither.
_NL = frozenset("""
het een van voor met op aan bij uit naar door om tot te zijn ben bent waren wordt worden werd werden
heeft hebben hadden kan kunnen kon konden zal zullen zou zouden moet moeten mag mogen wil willen
hoeveel hoe wat welke welk waarom wanneer waar wie hoelang hoeveelste
er dat dit deze zo ook niet geen nog al meer minder veel weinig ongeveer totaal aantal
hun haar zijn ze zij hij wij jullie ons onze mijn je jouw uw u iets
als dan maar want omdat doordat terwijl sinds vanaf tussen tegen onder boven sinds ten opzichte
jaar jaren halfjaar helft kwartaal eerste tweede gemeente inwoners kinderen jongeren jeugdigen ouderen
mensen cliënten clienten hulp zorg ondersteuning begroting uitgaven kosten lasten baten raad wethouder
toezegging rapportage jaarverslag stand eind begin gestegen gedaald gestegen stijging daling
""".split())
_DOMAIN = frozenset("""
wmo jeugdwet participatiewet jeugdhulp jeugdzorg bijstand bijstandsuitkering bijstandsuitkeringen
maatwerkvoorziening maatwerkvoorzieningen indicatie indicaties mantelzorg mantelzorgers cjg ggz
sociaal domein wijkteam toegang re-integratie statushouders beschermd wonen begeleiding dagbesteding
huishoudelijke
""".split())
_FOREIGN = {
    "en": frozenset("""
the a an and or what how many much which who whom whose why where when did does do are were be been being
has have having for with from this that these those there their they them it its about than then into
can could would should will shall may might must please tell me you your i my our not no yes any some
number people children year years clients municipality youth support benefits welfare spending
show give explain compare increase decrease during
""".split()),
    "de": frozenset("""
der das und ist nicht ein eine einen einem einer im mit für auf aus den dem des sich auch noch haben hat
sind wurde wurden werden es zu bei nach über wieviele wieviel viele welche welcher welches warum wo wann
kinder jahr jahre gemeinde menschen hilfe leistungen bitte erkläre gibt gab
""".split()),
    "fr": frozenset("""
le la les des du un une et est sont ont que qui quoi combien pourquoi où dans pour par sur avec il elle
nous vous ce cette ces quel quelle quels quelles année années enfants commune aide personnes été
""".split()),
    "es": frozenset("""
el los las y es son qué que cuántos cuántas cuánto por para con una del año años niños municipio
ayuda personas fueron cómo dónde cuándo
""".split()),
}
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.UNICODE)
_HAS_CONTENT = re.compile(r"[^\W_]", re.UNICODE)  # a letter or digit
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b-\u200f\u2028\u2029\ufeff]")


# Markup pasted into a question ("<img src=x onerror=…>") is no part of what is asked: answering ignores it
# (the UI still shows the question as the user typed it, as text).
_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]{0,300}>")


def _normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", _CONTROL.sub(" ", text))
    text = _MARKUP.sub(" ", text)
    return " ".join(text.split())


def _truncate(text: str, max_chars: int) -> str:
    cut = text[:max_chars]
    space = cut.rfind(" ")
    # Cut at a word boundary unless that loses too much.
    return (cut[:space] if space >= max_chars * 0.8 else cut).rstrip()


def looks_like_sql(text: str) -> bool:
    return any(p.search(text) for p in _SQL_PATTERNS)


def looks_like_injection(text: str) -> bool:
    return any(p.search(text) for p in _INJECTION_PATTERNS)


_LATIN_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ɏ]{2,}")


@lru_cache(maxsize=1)
def _place_words() -> frozenset[str]:
    """Words of the Dutch municipality and region names (data files): a place named counts as Dutch."""
    names = list(load_municipalities()) + [a for r in regions() for a in r.aliases]
    return frozenset(w.lower() for n in names for w in _WORD.findall(n) if len(w) > 2)


def looks_non_dutch(text: str) -> bool:
    """Stopword vote: foreign function words clearly outnumber Dutch ones (and there are enough words).

    Text with letters but no word of two Latin letters (Chinese, Cyrillic, Arabic, "N-e-g-e-e-r") is not
    Dutch either.
    """
    if any(c.isalpha() for c in text) and not _LATIN_WORD.search(text):
        return True
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3:
        return False  # "Wmo 2017?" and the like
    places = _place_words()
    nl = sum(1 for w in words if w in _NL or w in _DOMAIN or w in places or any(p in _DOMAIN for p in w.split("-")))
    foreign = max(sum(1 for w in words if w in vocab) for vocab in _FOREIGN.values())
    return foreign >= 2 and foreign >= 2 * nl and foreign >= 0.3 * len(words)


def check_question(text: str | None, max_chars: int = 500) -> InputVerdict:
    """Decide whether a question may go on to the answering layer, with a Dutch message if not."""
    question = _normalise(text or "")
    if not question or not _HAS_CONTENT.search(question):
        return InputVerdict(False, question, "empty", MSG_EMPTY)
    # Checks run on the whole text: what lies beyond the cut still says what the user intends.
    if looks_like_sql(question):
        return InputVerdict(False, _truncate(question, max_chars), "sql", MSG_SQL, len(question) > max_chars)
    if looks_like_injection(question):
        return InputVerdict(False, _truncate(question, max_chars), "injection", MSG_INJECTION,
                            len(question) > max_chars)
    if looks_non_dutch(question):
        return InputVerdict(False, _truncate(question, max_chars), "non_dutch", MSG_NON_DUTCH,
                            len(question) > max_chars)
    if len(question) > max_chars:
        return InputVerdict(True, _truncate(question, max_chars), "too_long", MSG_TOO_LONG.format(n=max_chars), True)
    return InputVerdict(True, question)
