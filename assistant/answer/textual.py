"""The text route: hybrid retrieval, then the sentences that answer the question, quoted with citations."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answer.text_tools import expanded_stems, sentences_with_lines, stems, token_match
from assistant.models import Citation, Passage

NUMBER = re.compile(r"\d")
PERCENT = re.compile(r"\d\s*%|\bprocent\b")
YEAR_ONLY = re.compile(r"\b(19|20)\d{2}\b")
TARGET_WORDS = re.compile(r"\b(doelstelling|streven|streefwaarde|ambitie|willen we|doel is)\b", re.I)


def _table_like(text: str) -> bool:
    """A flattened table row run is no sentence to quote: too long, or mostly numbers."""
    toks = text.split()
    nums = sum(1 for t in toks if any(ch.isdigit() for ch in t))
    return len(toks) > 80 or (len(toks) >= 8 and nums / len(toks) > 0.4)


@dataclass
class ScoredSentence:
    text: str
    first: int
    last: int
    passage: Passage
    rank: int
    score: float
    next: tuple[str, int, int] | None = None  # the sentence after it in the same passage


def _sentence_score(q: dict[str, float], sent: str) -> float:
    s_stems = stems(sent)
    if not s_stems or not q:  # a question without content words matches nothing
        return 0.0
    total = 0.0
    for qs, w in q.items():
        best = max((token_match(qs, t) for t in s_stems), default=0.0)
        total += best * w
    return total / (len(q) ** 0.5)


def best_sentences(question: str, passages: list[Passage], lines_of, k: int = 3) -> list[ScoredSentence]:
    """Score every sentence of the retrieved passages; `lines_of(doc, first, last)` gives numbered lines."""
    q = expanded_stems(question)
    out: list[ScoredSentence] = []
    for rank, p in enumerate(passages):
        numbered = [(r["line_no"], r["text"]) for r in lines_of(p.doc, p.lines[0], p.lines[1])]
        sents = sentences_with_lines(numbered)
        for i, (text, first, last) in enumerate(sents):
            if len(text) < 25 or _table_like(text):
                continue
            s = _sentence_score(q, text) * (1.0 - 0.08 * rank)
            nxt = sents[i + 1] if i + 1 < len(sents) else None
            out.append(ScoredSentence(text, first, last, p, rank, s, nxt))
    out.sort(key=lambda s: -s.score)
    return out[:k]


CONTINUES = re.compile(r"^(Dit|Dat|Daardoor|Hierdoor|Daarmee|Hiermee|Zij|Ze|Deze)\b")


def with_continuation(s: ScoredSentence) -> ScoredSentence:
    """Append the next sentence when it plainly continues this one ("Dit heeft ertoe geleid dat ...")."""
    if s.next and CONTINUES.match(s.next[0]):
        return ScoredSentence(f"{s.text} {s.next[0]}", s.first, s.next[2], s.passage, s.rank, s.score)
    return s


def wants_number(question: str) -> str | None:
    ql = question.lower()
    if re.search(r"\b(welk|wat is het|hoe hoog is het) (percentage|aandeel)\b", ql):
        return "percent"
    if re.search(r"\b(welk|welke) (rapportcijfer|cijfer|score)\b", ql):
        return "score"
    if re.search(r"\bhoeveel\b", ql):
        return "count"
    return None


def has_wanted_number(kind: str, text: str) -> bool:
    if kind == "percent":
        return bool(PERCENT.search(text))
    bare = YEAR_ONLY.sub("", text)
    if kind == "score":
        return bool(re.search(r"\b\d{1,2},\d\b", bare))
    return bool(NUMBER.search(bare))


def compose_text(sentences: list[ScoredSentence]) -> tuple[str, list[Citation]]:
    """Quote the best sentences; one numbered citation per passage used."""
    cites: list[Citation] = []
    index: dict[str, int] = {}
    parts = []
    for s in sentences:
        key = s.passage.chunk_id
        if key not in index:
            cites.append(s.passage.citation(quote=s.text))
            index[key] = len(cites)
        parts.append(f"“{s.text}” [{index[key]}]")
    title = sentences[0].passage.title or sentences[0].passage.doc
    return f"Volgens ‘{title}’: " + " ".join(parts), cites
