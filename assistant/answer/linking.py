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

from assistant.answer.text_tools import expanded_stems, stems, token_match

PERIODISH = re.compile(r"^(?:h[12]|\d{4}|[12]e|helft|halfjaar|realisatie|raming|begroting|resultaat|voor|na|"
                       r"wijziging|afwijking|gehele|jaar|kwartaal|q[1-4])$")


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
            col_stems = sorted({s for c in cols for s in stems(c) if not PERIODISH.match(s)})
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
        fields = [("label", c.label_stems, 1.6), ("row", c.row_stems, 0.9), ("title", c.title_stems, 0.7),
                  ("column", c.column_stems, 0.8)]
        total = 0.0
        detail: dict[str, float] = {}
        matched_label: set[str] = set()
        for qs, qw in q.items():
            idf = self.idf.get(qs, self.max_idf)
            best = 0.0
            best_field = ""
            for name, toks, fw in fields:
                for t in toks:
                    m = token_match(qs, t) * fw
                    if m > best:
                        best, best_field = m, name
                    if name == "label" and token_match(qs, t) >= 0.6:
                        matched_label.add(t)
            if best:
                gain = best * qw * idf
                total += gain
                detail[best_field] = detail.get(best_field, 0.0) + gain
        if c.label_stems:
            # A row whose own label the question does not mention is a weak link.
            coverage = len(matched_label) / len(set(c.label_stems))
            total *= 0.6 + 0.4 * coverage
            detail["coverage"] = coverage
        # Literal fuzzy match of the row label in the question catches names like "ZEIL-fonds".
        label = c.row_path.split(" > ")[-1].lower()
        if len(label) >= 4 and fuzz.partial_ratio(label, qlow) >= 90:
            total += 1.0
            detail["fuzzy"] = 1.0
        return total, detail
