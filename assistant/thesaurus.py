"""The domain thesaurus (assistant/data/thesaurus.toml): domains, taakvelden and concepts of the sociaal domein.

Shared by the table reader (domain headings start top-level row groups) and by answering (question words
and report words that mean the same). Matching is on Dutch stems, so "mantelzorgers" finds "mantelzorg".
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer

_PATH = Path(__file__).resolve().parent / "data" / "thesaurus.toml"
_STEMMER = Stemmer.Stemmer("dutch")
_WORD = re.compile(r"[a-z0-9+\-]+")


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


def term_key(text: str) -> str:
    """A term as a key: accents folded, words stemmed, joined by spaces ("Mantelzorgers" -> "mantelzorger")."""
    return " ".join(_STEMMER.stemWord(w) for w in _WORD.findall(_fold(text)))


@lru_cache(maxsize=1)
def _data() -> dict:
    return tomllib.loads(_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _domain_keys() -> dict[str, str]:
    return {term_key(t): name for name, terms in _data()["domains"].items() for t in terms}


def domain_of(heading: str) -> str | None:
    """"jeugd", "wmo" or "participatie" when a heading names one of the decentralised domains."""
    t = re.sub(r"^\s*\d+[.)]\s*", "", heading).strip().rstrip(":")
    return _domain_keys().get(term_key(t))


def taakvelden() -> dict[str, str]:
    return dict(_data()["taakvelden"])


@lru_cache(maxsize=1)
def concepts() -> dict[str, list[str]]:
    """concept name -> its terms as keys (stemmed)."""
    return {name: sorted({term_key(t) for t in terms}) for name, terms in _data()["concepts"].items()}


@lru_cache(maxsize=4096)
def related_terms(word: str) -> tuple[str, ...]:
    """Stem keys of the terms that share a concept with `word` (itself excluded)."""
    key = term_key(word)
    out: set[str] = set()
    for terms in concepts().values():
        if key in terms:
            out.update(terms)
    out.discard(key)
    return tuple(sorted(out))


def bbv_unit(label: str) -> str | None:
    """The unit the BBV standard prescribes for a beleidsindicator a row label names exactly ("Personen met een
    bijstandsuitkering (27)" -> "per 10.000 inwoners"), else None."""
    t = re.sub(r"\s*\((?:\d{1,3}[a-z]?|bbv[^)]*)\)\s*\*?$", "", label.strip(), flags=re.I).strip().lower()
    return dict(_data().get("bbv_indicatoren", {})).get(t)
