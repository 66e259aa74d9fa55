"""The one public API. The CLI and the Gradio UI use only this class."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from assistant.ingest.pipeline import FileResult, Ingestor, Progress
from assistant.models import Answer, Passage, Scope, SourceLine, SourceView
from assistant.settings import BUNDLED_CORPUS, Settings, get_settings
from assistant.storage.database import Database

log = logging.getLogger(__name__)


class Assistant:
    """Answers Dutch questions about the ingested reports, and manages what is ingested.

    Queries run on a read-only DuckDB connection. Ingesting briefly swaps it for a writer under a
    lock (DuckDB allows one configuration per file per process).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._embedder = None
        self._vectors = None
        self._bm25 = None
        self._engine = None
        self.db = Database(self.settings.duckdb_path, read_only=True)

    # ---- components (lazy: `status` or `sql` need no model) -------------------------------------

    @property
    def embedder(self):
        if self._embedder is None:
            from assistant.embeddings import get_embedder

            self._embedder = get_embedder(self.settings)
        return self._embedder

    @property
    def vectors(self):
        if self._vectors is None:
            from assistant.storage.vectorstore import open_vector_store

            self._vectors = open_vector_store(self.settings, self.embedder.key)
        return self._vectors

    @property
    def bm25(self):
        if self._bm25 is None:
            from assistant.storage.bm25 import BM25Index

            self._bm25 = BM25Index.load(self.settings.bm25_path)
        return self._bm25

    @property
    def engine(self):
        if self._engine is None:
            from assistant.answer.engine import AnswerEngine

            llm = None
            if self.settings.chat_backend != "none":
                from assistant.answer.llm import make_chat_model

                llm = make_chat_model(self.settings)
            self._engine = AnswerEngine(self.store_reader(), self.settings, llm)
        return self._engine

    def store_reader(self):
        """The read interface the answer engine gets (it never sees this facade)."""
        from assistant.answer.store import StoreReader

        return StoreReader(query=lambda sql, params=None: self.db.query(sql, params),
                           run_sql=self._run_sql, search=self._search_docs,
                           embed_query=lambda q: self.embedder.embed_query(q), embedding_model=self.embedder.key)

    def _run_sql(self, sql: str) -> tuple[str, list[dict[str, Any]]]:
        from assistant.answer.sql_guard import QueryError, UnsafeSQLError

        try:
            res = self.sql(sql)
        except (QueryError, UnsafeSQLError) as e:
            log.warning("query failed: %s (%s)", sql, getattr(e, "detail", e))
            return sql, []
        return res.sql, res.rows

    def _search_docs(self, query: str, k: int = 5, doc_ids: set[str] | None = None,
                     qvec: list[float] | None = None) -> list[Passage]:
        """Hybrid search restricted to documents (None: all), with a precomputed query vector."""
        from assistant.retrieval.hybrid import HybridRetriever

        if self.bm25 is None:
            return []
        allowed = None
        if doc_ids is not None:
            allowed = {r["chunk_id"] for r in self.db.query(
                "SELECT chunk_id FROM chunks WHERE doc_id IN (SELECT unnest(?))", [sorted(doc_ids)])}
            if not allowed:
                return []
        hits = HybridRetriever(self.embedder, self.vectors, self.bm25).search(query, k=k, allowed_ids=allowed,
                                                                              qvec=qvec)
        return self._passages(hits)

    def _passages(self, hits) -> list[Passage]:
        rows = self.db.chunks_by_ids([h.chunk_id for h in hits])
        out = []
        for h in hits:
            r = rows.get(h.chunk_id)
            if r is None:
                continue
            out.append(Passage(chunk_id=h.chunk_id, doc=r["file_name"], title=r["title"] or "",
                               lines=[r["line_start"], r["line_end"]], page=r["page"], section=r["section"] or "",
                               figure=r["figure"] or "", text=r["text"], score=round(float(h.score), 5),
                               municipality=r.get("municipality"), kind=r.get("kind") or "prose"))
        return out

    def warm_up(self) -> None:
        """Load models and indexes now rather than on the first question."""
        _ = self.embedder, self.vectors, self.bm25, self.engine
        self.embedder.embed_query("opwarmen")

    # ---- asking ----------------------------------------------------------------------------------

    def ask(self, question: str, history: list[Answer] | None = None, municipality: str | None = None,
            year: int | None = None) -> Answer:
        """Answer one Dutch question; `municipality` and `year` scope it like words in the question would."""
        t0 = time.perf_counter()
        with self._lock:
            try:
                answer = self.engine.answer(question, history or [], scope=Scope(municipality=municipality,
                                                                                   year=year))
            except Exception:  # noqa: BLE001 - a user gets a Dutch message, never a stack trace
                log.exception("answering %r failed", question)
                answer = Answer(question=question or "", route="none", refused=True,
                                answer="Er ging iets mis bij het beantwoorden; het antwoord kan ik nu niet "
                                       "geven. Probeer de vraag anders te formuleren.")
        answer.elapsed_ms = (time.perf_counter() - t0) * 1000
        return answer

    def search(self, query: str, k: int = 5, municipality: str | None = None, year: int | None = None,
               document: str | None = None) -> list[Passage]:
        """Hybrid (BM25 + vector) search over the chunks, with optional filters."""
        from assistant.retrieval.hybrid import HybridRetriever

        with self._lock:
            if self.bm25 is None:
                return []
            allowed = self.db.chunk_ids_where(municipality=municipality, year=year, file_name=document)
            if not allowed:
                return []
            retriever = HybridRetriever(self.embedder, self.vectors, self.bm25)
            return self._passages(retriever.search(query, k=k, allowed_ids=allowed))

    # ---- ingesting -----------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path] | None = None, progress: Progress | None = None) -> list[FileResult]:
        paths = list(paths) if paths is not None else [BUNDLED_CORPUS]
        with self._lock:
            writer = self._writer()
            try:
                results = Ingestor(writer, self.embedder, self.vectors, self.settings.bm25_path,
                                   self.originals_dir).ingest(paths, progress)
            finally:
                self._reader(writer)
        return results

    def remove(self, file_name: str) -> bool:
        with self._lock:
            writer = self._writer()
            try:
                return Ingestor(writer, self.embedder, self.vectors, self.settings.bm25_path,
                                self.originals_dir).remove(file_name)
            finally:
                self._reader(writer)

    def _writer(self) -> Database:
        self.db.close()
        return Database(self.settings.duckdb_path, read_only=False)

    def _reader(self, writer: Database) -> None:
        writer.close()
        self.db = Database(self.settings.duckdb_path, read_only=True)
        self._bm25 = None  # reload on next use
        if self._engine is not None:
            self._engine.refresh()

    # ---- browsing ------------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        return self.db.documents()

    def commitments(self, text: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT c.number, c.text, c.fulfilment, c.status, c.file_name, d.title, c.line_start, c.line_end, "
               "c.page FROM commitments c JOIN documents d USING (doc_id)")
        params: list[Any] = []
        if text:
            sql += " WHERE c.number ILIKE ? OR c.text ILIKE ? OR c.fulfilment ILIKE ?"
            params = [f"%{text}%"] * 3
        return self.db.query(sql + " ORDER BY c.number", params)

    def figures(self, document: str | None = None, grep: str | None = None) -> list[dict[str, Any]]:
        """Extracted figures with their facts, for inspection."""
        sql = "SELECT * FROM figures WHERE 1=1"
        params: list[Any] = []
        if document:
            sql += " AND file_name = ?"
            params.append(document)
        if grep:
            sql += (" AND (label ILIKE ? OR title ILIKE ? OR figure_id IN "
                    "(SELECT figure_id FROM facts WHERE row_path ILIKE ? OR column_label ILIKE ?))")
            params += [f"%{grep}%"] * 4
        figs = self.db.query(sql + " ORDER BY file_name, line_start", params)
        for f in figs:
            f["facts"] = self.db.query(
                "SELECT row_path, column_label, period_label, municipality, unit, value, status, raw, line "
                "FROM facts WHERE figure_id = ? ORDER BY fact_id", [f["figure_id"]])
        return figs

    def sql(self, query: str):
        """Run one validated, read-only SELECT (see assistant.answer.sql_guard)."""
        from assistant.answer.sql_guard import run_on_connection

        with self._lock:
            cur = self.db.cursor()
            try:
                return run_on_connection(cur, query, row_limit=self.settings.sql_row_limit,
                                         timeout_s=self.settings.sql_timeout_s)
            finally:
                cur.close()

    def source(self, doc: str, first: int, last: int, context: int = 4) -> SourceView:
        """The cited lines of a document with some context; the cited lines are highlighted."""
        rows = self.db.lines_of(doc, max(1, first - context), last + context)
        info = self.db.document_by_file(doc) or {}
        return SourceView(doc=doc, title=info.get("title") or "", first=first, last=last,
                          lines=[SourceLine(line_no=r["line_no"], page=r["page"], text=r["text"],
                                            highlighted=first <= r["line_no"] <= last) for r in rows])

    # ---- presentation helpers for the UI and CLI ------------------------------------------------

    @property
    def originals_dir(self) -> Path:
        """Where ingest keeps each original file (data/originals/<doc_id><suffix>)."""
        from assistant.ingest.originals import FOLDER

        return self.settings.data_dir / FOLDER

    def original_path(self, file_name: str) -> Path | None:
        """The kept original of an ingested file, or None; never a path outside originals_dir."""
        from assistant.ingest.originals import find_original

        doc = self.db.document_by_file(file_name)
        return find_original(self.originals_dir, doc["doc_id"]) if doc else None

    def municipalities(self) -> list[str]:
        """Municipalities the ingested reports are about (for a filter)."""
        rows = self.db.query("SELECT DISTINCT municipality FROM documents WHERE municipality IS NOT NULL "
                             "ORDER BY municipality")
        return [r["municipality"] for r in rows]

    def years(self) -> list[int]:
        """Years the ingested reports cover (for a filter), newest first."""
        rows = self.db.query("SELECT DISTINCT year(period_start) AS y0, year(period_end) AS y1 FROM documents "
                             "WHERE period_start IS NOT NULL")
        return sorted({y for r in rows for y in range(r["y0"], r["y1"] + 1)}, reverse=True)

    def example_questions(self, n: int = 4) -> list[str]:
        """Questions built from what is ingested (figure rows, a toezegging, a text subject), each
        checked to get an answer; cached until the documents change."""
        from assistant.examples import example_questions

        key = tuple(sorted(d["doc_id"] for d in self.documents()))
        cached = getattr(self, "_examples", None)
        if cached is None or cached[0] != key or len(cached[1]) < n:
            cached = (key, example_questions(self, max(n, 4)))
            self._examples = cached
        return cached[1][:n]

    def close(self) -> None:
        self.db.close()
