"""Filters from the UI and CLI (Answer.scope): a municipality and a year restrict a question
as if the question had named them.

The question gets the words it lacks ("… in Bunnik", "… in 2018"), figure linking only sees the
facts of that municipality (its reports, or its column in a regional table), and retrieval only the
passages of its reports in that year.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from assistant.answer.linking import FactCatalog
from assistant.models import Scope


def scoped_question(question: str, scope: Scope, has_period: Callable[[str], bool]) -> str:
    """The question with the scope's municipality and year added where it names none."""
    q = question.strip()
    extra = []
    if scope.municipality and scope.municipality.lower() not in q.lower():
        extra.append(f"in {scope.municipality}")
    if scope.year and not has_period(q):
        extra.append(f"in {scope.year}")
    if not extra:
        return q
    return f"{q.rstrip(' ?')} {' '.join(extra)}?"


def search_filters(scope: Scope, doc_municipalities: set[str]) -> dict[str, Any]:
    """Keyword arguments for Assistant.search: a municipality only when reports are filed under it."""
    out: dict[str, Any] = {}
    if scope.municipality and scope.municipality.lower() in {m.lower() for m in doc_municipalities}:
        out["municipality"] = scope.municipality
    if scope.year:
        out["year"] = scope.year
    return out


class ScopedCatalogs:
    """Fact catalogs restricted to one municipality, built once per municipality (until refresh)."""

    def __init__(self, catalog: FactCatalog, documents: list[dict[str, Any]]) -> None:
        self.catalog = catalog
        self.doc_municipality = {d["doc_id"]: (d.get("municipality") or "").lower() for d in documents}
        self._cache: dict[str, FactCatalog] = {}

    def get(self, scope: Scope) -> FactCatalog:
        if not scope.municipality:
            return self.catalog
        key = scope.municipality.lower()
        if key not in self._cache:
            facts = [f for c in self.catalog.candidates for f in c.facts
                     if self.doc_municipality.get(f.get("doc_id")) == key
                     or (f.get("municipality") or "").lower() == key]
            self._cache[key] = FactCatalog(facts)
        return self._cache[key]
