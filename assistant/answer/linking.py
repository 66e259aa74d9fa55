"""Link a question to stored table rows: which figure, which row, scored on the stored labels.

Offline semantic parsing, step 1. Every (figure, row path) pair is a candidate; its label words
(row label, row path, figure title, column labels) are matched against the question's stems with
Dutch synonyms, compound-aware partial matches and IDF weights.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from assistant.answer.text_tools import content_words, expanded_stems, stem, stems, token_match

NUMBERED_REF = re.compile(r"\b((?:programma|figuur|tabel|accent|bijlage)\s+\d+)\b")
# Words of the question that say what kind of answer is wanted, not what it is about.
QUESTION_WORDS = frozenset(["hoeveel", "aantal", "percentag", "procent", "welk", "stand", "wat", "waren",
                            "totaal", "total", "gemiddeld", "lager", "hoger", "meer", "minder", "verschil"])
# Row labels that carry no topic of their own: the figure title says what they count.
GENERIC_LABELS = frozenset(["totaal", "eindtotaal", "baten", "last", "lasten", "saldo", "aantal", "overig"])

_PERIOD_WORDS = ["helft", "halfjaar", "realisatie", "raming", "begroting", "begroot", "resultaat", "voor", "na",
                 "wijziging", "afwijking", "gehele", "jaar", "kwartaal", "geraamd", "gerealiseerd"]
PERIODISH = re.compile(r"^(?:h[12]|\d{4}|[12]e|q[1-4]|" + "|".join(_PERIOD_WORDS) + ")$")
# the same words as stems, for question stems ("wijzig")
PERIOD_STEMS = frozenset(stem(w) for w in _PERIOD_WORDS)


@dataclass
class Candidate:
    figure_id: str
    row_path: str
    facts: list[dict[str, Any]]
    row_stems: list[str]
    label_stems: list[str]  # last element of the row path
    title_stems: list[str]
    column_stems: list[str]
    score: float = 0.0
    detail: dict[str, float] = field(default_factory=dict)

    @property
    def first(self) -> dict[str, Any]:
        return self.facts[0]


class FactCatalog:
    """All facts in memory, grouped by (figure, row path), with label stems for linking."""

    def __init__(self, facts: list[dict[str, Any]]) -> None:
        groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for f in facts:
            groups[(f["figure_id"], f["row_path"])].append(f)
        self.candidates: list[Candidate] = []
        for (fig, path), fs in groups.items():
            f0 = fs[0]
            cols = {c for c in (x.get("column_label") for x in fs) if c}
            col_stems = sorted({stem(w) for c in cols for w in content_words(c) if not PERIODISH.match(w)})
            parts = path.split(" > ")
            self.candidates.append(Candidate(
                figure_id=fig, row_path=path, facts=fs,
                row_stems=stems(" ".join(parts[:-1])), label_stems=stems(parts[-1]),
                title_stems=stems(f"{f0.get('figure_title') or ''} {f0.get('figure_label') or ''}"),
                column_stems=col_stems,
            ))
        df: Counter[str] = Counter()
        for c in self.candidates:
            df.update(set(c.row_stems + c.label_stems + c.title_stems + c.column_stems))
        n = max(len(self.candidates), 1)
        self.idf = {t: math.log(1 + n / (1 + k)) for t, k in df.items()}
        self.max_idf = math.log(1 + n)
        self.municipalities = sorted({f["municipality"] for f in facts if f.get("municipality")})
        self.muni_stems = {st for m in self.municipalities for st in stems(m)} | {"lansingerland", "drechtsted"}

    def link(self, question: str, top: int = 8) -> list[Candidate]:
        q = expanded_stems(question)
        if not q:
            return []
        qlow = question.lower()
        scored = []
        for c in self.candidates:
            s, detail = self._score(q, c, qlow)
            if s > 0:
                c.score, c.detail = s, detail
                scored.append(c)
        scored.sort(key=lambda c: -c.score)
        return scored[:top]

    def _score(self, q: dict[str, float], c: Candidate, qlow: str) -> tuple[float, dict[str, float]]:
        fields = [("label", c.label_stems, 1.6), ("row", c.row_stems, 0.9), ("title", c.title_stems, 1.0),
                  ("column", c.column_stems, 0.8)]
        total = 0.0
        q_weight = q_hit = 0.0
        detail: dict[str, float] = {}
        matched_label: set[str] = set()
        for qs, qw in q.items():
            idf = self.idf.get(qs, self.max_idf)
            best = 0.0
            best_field = ""
            for name, toks, fw in fields:
                for t in toks:
                    tm = token_match(qs, t)
                    if tm * fw > best:
                        best, best_field = tm * fw, name
                    if name == "label" and tm >= 0.6:
                        matched_label.add(t)
            if qw >= 1.0 and qs not in QUESTION_WORDS and not PERIODISH.match(qs) and qs not in PERIOD_STEMS \
                    and qs not in self.muni_stems:
                q_weight += idf
                q_hit += idf * min(best, 1.0)
            if best:
                gain = best * qw * idf
                total += gain
                detail[best_field] = detail.get(best_field, 0.0) + gain
        label_stems = set(c.label_stems) - GENERIC_LABELS
        if label_stems:
            # A row whose own label the question does not mention is a weak link.
            coverage = len(matched_label & label_stems) / len(label_stems)
            total *= 0.6 + 0.4 * coverage
            detail["coverage"] = coverage
        # How much of the question the labels explain: low means the answer is probably in prose.
        qcov = q_hit / q_weight if q_weight else 0.0
        detail["question_coverage"] = qcov
        total *= 0.4 + qcov
        # Literal fuzzy match of the row label in the question catches names like "ZEIL-fonds".
        label = c.row_path.split(" > ")[-1].lower()
        if len(label) >= 4 and fuzz.partial_ratio(label, qlow) >= 90:
            total += 1.0
            detail["fuzzy"] = 1.0
        # An explicit numbered reference ("programma 3", "figuur 4", "tabel 2") must match its figure.
        for ref in NUMBERED_REF.findall(qlow):
            if ref in str(c.first.get("figure_title") or "").lower() or ref in str(
                    c.first.get("figure_label") or "").lower():
                total += 2.0
                detail["numbered_ref"] = 2.0
            else:
                total *= 0.5
        # "begroot", "raming", "realisatie": candidates that have such columns fit better
        kinds = {str(f.get("period_kind") or "") for f in c.facts}
        if any(k and k.split()[0] in qlow for k in kinds) or ("begro" in qlow and any("begro" in k for k in kinds)):
            total += 0.5
            detail["kind"] = 0.5
        return total, detail
