"""The small read interface the answer engine uses: facts, figures, passages, lines, commitments, documents.

The engine never sees the Assistant facade that owns the stores; it gets a StoreReader. Facts travel as
typed FactRow records, built from the `fact_view` rows the SQL guard returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.models import Passage
from assistant.periods import Period, from_label


@dataclass(frozen=True)
class FactRow:
    fact_id: int
    figure_id: str
    doc_id: str
    file_name: str
    document_title: str
    figure_label: str
    figure_title: str
    row_path: str
    row_label: str
    column_label: str
    period_label: str | None
    period_kind: str | None
    municipality: str | None  # the column's or row's own municipality (None: the document's)
    scope: str | None  # municipality the figure is about (column/row municipality, else the document's)
    measure: str | None  # aantal | geld | percentage | per_inwoners | duur | rapportcijfer | gemiddelde
    unit: str | None
    scale: float
    value: float | None
    status: str | None
    raw: str
    line: int
    page: int | None
    period_note: str | None = None
    unit_text: str | None = None  # the unit as the table prints it ("per 10.000 inwoners van 18 jaar en ouder")
    marker: str | None = None
    cell_ref: str | None = None
    figure_line_start: int | None = None
    figure_line_end: int | None = None
    figure_section: str | None = None  # the heading path above the table

    @property
    def period(self) -> Period | None:
        if not self.period_label:
            return None
        try:
            return from_label(self.period_label)
        except ValueError:
            return None

    @property
    def realised(self) -> bool:
        return self.period_kind in (None, "realisatie", "resultaat", "voorlopig")

    @classmethod
    def from_row(cls, r: dict[str, Any]) -> FactRow:
        return cls(**{k: r.get(k) for k in cls.__dataclass_fields__})  # type: ignore[arg-type]

    def as_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


FACT_COLUMNS = ", ".join(FactRow.__dataclass_fields__)


@dataclass
class DocumentRow:
    doc_id: str
    file_name: str
    title: str
    municipality: str | None
    period_label: str | None
    period_start: date | None
    period_end: date | None
    kind: str | None


@dataclass
class StoreReader:
    """Read access to the stores, as callables so that a reader reconnected after an ingest is seen."""

    query: Callable[[str, list[Any] | None], list[dict[str, Any]]]  # parameterised SELECT on DuckDB
    run_sql: Callable[[str], tuple[str, list[dict[str, Any]]]]  # validated read-only SQL: (sql as run, rows)
    search: Callable[..., list[Passage]]  # hybrid search: (query, k, doc_ids=, qvec=)
    embed_query: Callable[[str], list[float]] | None = None
    embedding_model: str = ""  # the key of the embedding model (embedding_cache.model)
    cache: dict[str, Any] = field(default_factory=dict)

    def documents(self) -> list[DocumentRow]:
        rows = self.query("SELECT doc_id, file_name, title, municipality, period_label, period_start, period_end, "
                          "kind FROM documents ORDER BY file_name", None)
        return [DocumentRow(**r) for r in rows]

    def lines_of(self, file_name: str, first: int, last: int) -> list[dict[str, Any]]:
        return self.query("SELECT l.line_no, l.page, l.text FROM lines l JOIN documents d USING (doc_id) "
                          "WHERE d.file_name = ? AND l.line_no BETWEEN ? AND ? ORDER BY l.line_no",
                          [file_name, first, last])

    def figures(self) -> list[dict[str, Any]]:
        return self.query("SELECT g.*, d.title AS document_title, d.municipality AS document_municipality "
                          "FROM figures g JOIN documents d USING (doc_id)", None)

    def figure_rows(self) -> list[dict[str, Any]]:
        """The figure index: one entry per table row, with its text and (when cached) its embedding."""
        return self.query("SELECT r.row_id, r.figure_id, r.doc_id, r.row_path, r.text, r.text_hash, r.scopes, "
                          "r.measures, r.periods FROM figure_rows r", None)

    def vectors_for(self, hashes: list[str]) -> dict[str, list[float]]:
        if not hashes or not self.embedding_model:
            return {}
        rows = self.query("SELECT text_hash, vector FROM embedding_cache WHERE model = ? AND text_hash IN "
                          "(SELECT unnest(?))", [self.embedding_model, hashes])
        return {r["text_hash"]: r["vector"] for r in rows}

    def commitments(self) -> list[dict[str, Any]]:
        return self.query("SELECT c.*, d.title AS document_title, d.municipality AS document_municipality "
                          "FROM commitments c JOIN documents d USING (doc_id) ORDER BY c.number", None)

    def references(self) -> list[dict[str, Any]]:
        return self.query("SELECT r.*, d.title AS document_title FROM doc_references r JOIN documents d "
                          "USING (doc_id)", None)
