"""Dutch text helpers for linking questions to labels and picking sentences."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

_STEMMER = Stemmer.Stemmer("dutch")
_WORD = re.compile(r"[a-z0-9]+")

STOPWORDS = frozenset("""
de het een en van in op te dat die voor met is zijn was waren er aan als bij of om ook door naar dan nog
wel niet geen maar hoe wat welk welke wie waar wanneer waarom hoeveel hebben heeft had hadden kregen kreeg
zich deze dit die uit over tot je we wij u ze zij hij zij haar hun onze ons mijn jouw jullie worden wordt
werd werden zal zullen kan kunnen moet moeten mag mogen hier daar dus nu al zo toe dan eerste tweede
helft halfjaar jaar periode aantal gemeente the ten opzichte
""".split())

def strip_accents(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _STEMMER.stemWord(word)


def words(text: str) -> list[str]:
    return _WORD.findall(strip_accents(text.lower()))


def content_words(text: str) -> list[str]:
    return [w for w in words(text) if w not in STOPWORDS and not w.isdigit() and len(w) > 1]


def stems(text: str) -> list[str]:
    return [stem(w) for w in content_words(text)]


@lru_cache(maxsize=65536)
def _undouble(w: str) -> str:
    w = re.sub(r"([aeou])\1", r"\1", w)
    return w[:-1] if w.endswith("e") else w


@lru_cache(maxsize=262144)
def token_match(q: str, label: str) -> float:
    """1 for the same stem, partial credit for Dutch compounds sharing a head or tail (dyslexiezorg ~ dyslexie)."""
    if q == label:
        return 1.0
    if min(len(q), len(label)) >= 4 and _undouble(q) == _undouble(label):
        return 0.9  # zwaar ~ zware, groot ~ grote: an adjective with its inflection
    # In a Dutch compound the head is the last part: "ondersteuningsplannen" are plans, not support,
    # so a label that is only the question word's first part is a weak match.
    if min(len(q), len(label)) >= 4:
        if label.startswith(q):
            return 0.8
        if q.startswith(label):
            return 0.45
    if min(len(q), len(label)) >= 5 and (q.endswith(label) or label.endswith(q)):
        return 0.6
    if len(q) >= 6 and len(label) > len(q) + 3 and q in label:
        return 0.6  # "toezicht" inside "ondertoezichtstelling"
    # irregular participles in -cht: onderzocht ~ onderzoek, gezocht ~ zoek, verkocht ~ verkop
    for a, b in ((q, label), (label, q)):
        if a.endswith("cht") and len(a) >= 7 and b.startswith(a[:-3]) and len(b) - len(a) <= 2:
            return 0.8
    return 0.0


_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+(?=[A-Z0-9“\"'‘(€•●-])")
_BULLET = re.compile(r"^\s*(?:[•●▪■–-]+|\d+[.)])\s+")


def sentences_with_lines(lines: list[tuple[int, str]]) -> list[tuple[str, int, int]]:
    """Split numbered lines into sentences; each sentence keeps its first and last line number.

    PDF text breaks lines mid-sentence, so lines are joined first; bullets start a new sentence.
    """
    out: list[tuple[str, int, int]] = []
    buf: list[str] = []
    first = last = 0

    def flush() -> None:
        nonlocal buf
        text = " ".join(buf).strip()
        if text:
            parts = _SENTENCE_END.split(text)
            for p in parts:
                if p.strip():
                    out.append((re.sub(r"\s+", " ", p.strip()), first, last))
        buf = []

    gap = False  # a blank line was seen; PDF text also breaks sentences with one
    for no, raw in lines:
        line = raw.strip()
        if not line:
            gap = True
            continue
        if gap:
            gap = False
            open_end = buf and not buf[-1].rstrip().endswith((".", "!", "?", ":", ";"))
            if not (open_end and line[:1].islower()):
                flush()
        if _BULLET.match(line) or line.startswith(">"):
            flush()
            line = _BULLET.sub("", line).lstrip("> ").strip()
        if not buf:
            first = no
        # re-join words hyphenated across a line break ("gemeenschap-" + "pelijke")
        if buf and buf[-1].endswith("-") and line[:1].islower():
            buf[-1] = buf[-1][:-1] + line
        else:
            buf.append(line)
        last = no
        if line.endswith((".", "!", "?", ":")) and len(line) < 80 and not line[:1].islower():
            pass
    flush()
    return out
