"""What the routes share about one question: its words, intent, scope, periods, and the stores' knowledge."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.answer.figure_index import FigureIndex
from assistant.answer.intent import Intent
from assistant.answer.matching import Term, Weights
from assistant.answer.question_periods import PeriodMention
from assistant.answer.scope import QuestionScope
from assistant.answer.store import DocumentRow, StoreReader
from assistant.periods import Period


@dataclass
class Knowledge:
    """What the engine keeps in memory between questions (rebuilt after every ingest)."""

    store: StoreReader
    documents: list[DocumentRow]
    index: FigureIndex
    weights: Weights  # IDF over figure index texts
    figures: dict[str, dict[str, Any]]  # figure_id -> figure row (label, title, header_lines, status, lines)
    scopes: set[str]  # every municipality/region the facts or documents are about
    reference: Period | None  # the latest reporting period (for "vorig jaar", "dit jaar")
    first_start: date | None
    last_end: date | None
    mentions: dict[str, set[str]] = field(default_factory=dict)  # place name -> documents naming it (a cache)

    def docs_of(self, names: set[str]) -> set[str]:
        low = {n.lower() for n in names}
        return {d.doc_id for d in self.documents if (d.municipality or "").lower() in low}


@dataclass
class Ask:
    question: str
    intent: Intent
    scope: QuestionScope
    mentions: list[PeriodMention]
    terms: list[Term]
    qvec: list[float] | None = None
    wanted: set[str] | None = None  # scopes a fact must have (None: any)
    allowed_docs: set[str] | None = None  # documents passages may come from (None: all)
    year: int | None = None  # the year filter of the UI/CLI
    notes: list[str] = field(default_factory=list)  # said in the answer (e.g. "filter: Oss")
    reference: Period | None = None  # the latest reporting period of the municipality asked ("dit jaar")

    @property
    def periods(self) -> list[Period]:
        return [m.period for m in self.mentions]
