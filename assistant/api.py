"""The one public API. The CLI and the Gradio UI use only this class."""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.ingest.pipeline import FileResult, Ingestor, Progress
from assistant.models import Answer, Passage, Scope, SourceLine, SourceView
from assistant.settings import BUNDLED_CORPUS, Settings, get_settings
from assistant.storage.consistency import StoreCheck
from assistant.storage.database import Database
from assistant.storage.generations import Generations
from assistant.storage.writelock import WriteLock
from assistant.text import safe_text

log = logging.getLogger(__name__)

_MISLUKT = ("Er ging iets mis bij het beantwoorden; het antwoord kan ik nu niet geven. Probeer de vraag anders te "
            "formuleren.")


class _SerialEmbedder:
    """One embedding call at a time: questions and an ingest in another thread share one model."""

    def __init__(self, inner: Any, lock: threading.Lock) -> None:
        self._inner = inner
        self._lock = lock
        self.key = inner.key
        self.dim = inner.dim

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        with self._lock:
            return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._inner.embed_query(text)


class Assistant:
    """Answers Dutch questions about the ingested reports, and manages what is ingested.

    Reading: queries run on a read-only connection to the published DuckDB generation; every request
    first follows a newer generation if one was published (by this process or another), so a new
    report is answered without a restart.

    Writing: one process at a time (a file lock) writes a copy and publishes it, so readers are never
    blocked or left without their connection. While `serve` runs, other processes hand their writes
    to it (assistant.handoff).
    """

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or get_settings()
        self.settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.serving = False  # set by the handoff server: this process is the one others hand writes to
        self.generations = Generations(self.settings.duckdb_path)
        self._lock = threading.RLock()  # the reader state below; held for a whole request
        self._depth = 0  # request nesting under _lock: a request sees one generation throughout
        self._write_mutex = threading.Lock()  # one write at a time inside this process
        self._embed_lock = threading.Lock()
        self._embedder: _SerialEmbedder | None = None
        self._vectors = None
        self._vectors_stale = False  # another process changed the vectors: reopen the embedded store
        self._bm25 = None
        self._bm25_state: str | None = None
        self._engine = None
        self._checked_state: str | None = None
        self._own_states: set[str] = set()  # generations this process published
        self._db: Database | None = None
        with self._lock:
            self._refresh()

    # ---- the reader state ----------------------------------------------------------------------

    def _open_reader(self, path: Path) -> Database:
        return Database(path, read_only=True, memory_mb=self.settings.sql_memory_mb, create_missing=False)

    def _refresh(self) -> None:
        """Follow a newly published generation. Called with _lock held, between requests."""
        for _ in range(5):
            path = self.generations.current()
            if self._db is not None and path == self._db.path:
                return
            try:
                new = self._open_reader(path)
            except Exception:
                if path.exists():
                    raise
                continue  # that generation was replaced and removed meanwhile: look again
            old, self._db = self._db, new
            if old is not None:
                old.close()
            if new.state not in self._own_states and not self.settings.chroma_url:
                self._vectors_stale = True  # embedded Chroma caches its index per process
            self._bm25 = None
            if self._engine is not None:
                self._engine.refresh()
            return
        if self._db is None:
            raise FileNotFoundError(2, "the published database keeps moving", str(self.generations.link))

    @contextmanager
    def _reading(self) -> Iterator[Database]:
        """One request: the lock, and one generation from start to end."""
        with self._lock:
            if self._depth == 0:
                self._refresh()
            self._depth += 1
            try:
                yield self._db
            finally:
                self._depth -= 1

    @property
    def db(self) -> Database:
        """The reader on the published generation (followed to a newer one between requests)."""
        with self._lock:
            if self._depth == 0 or self._db is None:
                self._refresh()
            return self._db

    @db.setter
    def db(self, value: Database) -> None:
        with self._lock:
            self._db = value

    # ---- components (lazy: `status` or `sql` need no model) -------------------------------------

    @property
    def embedder(self) -> _SerialEmbedder:
        if self._embedder is None:
            from assistant.embeddings import get_embedder

            self._embedder = _SerialEmbedder(get_embedder(self.settings), self._embed_lock)
        return self._embedder

    @property
    def vectors(self):
        with self._lock:
            if self._vectors is not None and self._vectors_stale:
                self._vectors.close()
                self._vectors = None
            if self._vectors is None:
                from assistant.storage.vectorstore import open_vector_store

                self._vectors = open_vector_store(self.settings, self.settings.embedding_key)
                self._vectors_stale = False
            return self._vectors

    @property
    def bm25(self):
        """The keyword index of the generation being read; built in memory if the saved one is another's."""
        from assistant.storage.bm25 import BM25Index
        from assistant.storage.writer import build_bm25

        with self._reading() as db:
            if self._bm25 is None or self._bm25_state != db.state:
                self._ensure_checked(db)
                index = BM25Index.load(self.settings.bm25_path)
                if index is None or index.db_state != db.state:
                    log.info("BM25 on disk is not of %s: building it in memory", db.state)
                    index = build_bm25(db)
                self._bm25, self._bm25_state = index, db.state
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
            allowed = self._chunk_ids_of(frozenset(doc_ids))
            if not allowed:
                return []
        hits = HybridRetriever(self.embedder, self.vectors, self.bm25).search(query, k=k, allowed_ids=allowed,
                                                                              qvec=qvec, doc_ids=set(doc_ids or ()))
        return self._passages(hits)

    def _chunk_ids_of(self, doc_ids: frozenset[str]) -> set[str]:
        """The passages of some documents, kept per generation (questions about one municipality repeat)."""
        state = self.db.state
        cache = getattr(self, "_chunk_id_cache", None)
        if cache is None or cache[0] != state:
            cache = (state, {})
            self._chunk_id_cache = cache
        if doc_ids not in cache[1]:
            if len(cache[1]) > 256:
                cache[1].clear()
            cache[1][doc_ids] = {r["chunk_id"] for r in self.db.query(
                "SELECT chunk_id FROM chunks WHERE doc_id IN (SELECT unnest(?))", [sorted(doc_ids)])}
        return cache[1][doc_ids]

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
        """Load models and indexes now rather than on the first question (and check the stores)."""
        _ = self.embedder, self.vectors, self.bm25, self.engine
        self.embedder.embed_query("opwarmen")

    # ---- asking ----------------------------------------------------------------------------------

    def ask(self, question: str, history: list[Answer] | None = None, municipality: str | None = None,
            year: int | None = None) -> Answer:
        """Answer one Dutch question; `municipality` and `year` scope it like words in the question would."""
        t0 = time.perf_counter()
        question = safe_text(question)
        try:
            with self._reading():
                answer = self.engine.answer(question, history or [], scope=Scope(municipality=municipality,
                                                                                   year=year))
        except Exception:  # noqa: BLE001 - a user gets a Dutch message, never a stack trace
            log.exception("answering %r failed", question)
            answer = Answer(question=question, route="none", refused=True, answer=_MISLUKT)
        answer.elapsed_ms = (time.perf_counter() - t0) * 1000
        return answer

    def search(self, query: str, k: int = 5, municipality: str | None = None, year: int | None = None,
               document: str | None = None) -> list[Passage]:
        """Hybrid (BM25 + vector) search over the chunks, with optional filters."""
        from assistant.retrieval.hybrid import HybridRetriever

        query = safe_text(query)
        with self._reading():
            if self.bm25 is None:
                return []
            allowed = self.db.chunk_ids_where(municipality=municipality, year=year, file_name=document)
            if not allowed:
                return []
            retriever = HybridRetriever(self.embedder, self.vectors, self.bm25)
            return self._passages(retriever.search(query, k=k, allowed_ids=allowed))

    # ---- ingesting -----------------------------------------------------------------------------

    def ingest(self, paths: Iterable[Path] | None = None, progress: Progress | None = None) -> list[FileResult]:
        """Ingest files and folders (default: the bundled corpus). Handed to the running server if there is one."""
        paths = [Path(p) for p in paths] if paths is not None else None
        remote = self._remote_writer()
        if remote is not None:
            return remote.ingest(paths, progress)
        return self._write(lambda ingestor: ingestor.ingest(paths if paths is not None else [BUNDLED_CORPUS],
                                                            progress))

    def remove(self, file_name: str) -> bool:
        """Remove an ingested document (by file name); False if there is none by that name."""
        file_name = safe_text(file_name)
        remote = self._remote_writer()
        if remote is not None:
            return remote.remove(file_name)
        return self._write(lambda ingestor: ingestor.remove(file_name))

    @property
    def writer_server(self):
        """The live server of this data directory in another process (it does all writing), or None."""
        if self.serving:
            return None
        from assistant.handoff import registry

        info = registry.find(self.settings.data_dir)
        return info if info is not None and info.pid != os.getpid() else None

    def _remote_writer(self):
        info = self.writer_server
        if info is None:
            return None
        from assistant.handoff.client import RemoteWriter

        log.info("handing the write to the running server (PID %s)", info.pid)
        return RemoteWriter(info)

    def _write(self, work):
        from assistant.storage.writer import StoreWriter

        with self._write_mutex:
            lock = WriteLock(self.settings.data_dir)
            lock.acquire(timeout=self.settings.write_wait_s)
            try:
                with self._lock:
                    self._refresh()
                self._repair_locked()  # e.g. what a killed writer left behind, before adding to it
                writer = StoreWriter(self.generations, self.vectors, self.settings.bm25_path,
                                     self.settings.sql_memory_mb)
                ingestor = Ingestor(writer, writer.current, lambda: self.embedder, self.settings.embedding_key,
                                    max_file_bytes=self.settings.max_file_mb * 1024 * 1024,
                                    max_text_chars=self.settings.max_text_mb * 1024 * 1024,
                                    originals_dir=self.originals_dir)
                try:
                    return work(ingestor)
                finally:
                    writer.close()
                    self._own_states.update(writer.published)
                    self._repair_locked()  # after every write: the three stores agree again
            finally:
                lock.release()

    # ---- store consistency -----------------------------------------------------------------------

    def check_stores(self, repair: bool = True, deep: bool = False) -> StoreCheck:
        """Do DuckDB, BM25 and the vectors agree? Repaired when possible (nobody else writing)."""
        from assistant.storage.consistency import inspect

        with self._reading() as db:
            check = inspect(db, self.vectors, self.settings.bm25_path, self.generations, deep=deep)
        if check.consistent or not repair:
            return check
        if self.writer_server is not None:
            check.note = f"De draaiende webinterface (proces {self.writer_server.pid}) herstelt dit zelf."
            return check
        lock = WriteLock(self.settings.data_dir)
        if not lock.try_acquire():
            check.note = "Er wordt nu ingelezen; daarna wordt dit hersteld."
            return check
        try:
            return self._repair_locked(deep=deep)
        finally:
            lock.release()

    def _repair_locked(self, deep: bool = False) -> StoreCheck:
        """Check and repair; the caller holds the write lock."""
        from assistant.storage.consistency import inspect, repair

        with self._reading() as db:
            check = inspect(db, self.vectors, self.settings.bm25_path, self.generations, deep=deep)
            if not check.consistent:
                check = repair(db, self.vectors, self.settings.bm25_path, self.generations, check,
                               self.settings.embedding_key, lambda: self.embedder.embed_documents)
                self._bm25 = None
            self._checked_state = db.state
        return check

    def _ensure_checked(self, db: Database) -> None:
        """Once per generation, before its indexes are used: check (and repair) the stores."""
        if self._checked_state == db.state:
            return
        self._checked_state = db.state
        try:
            check = self.check_stores()
        except Exception:  # noqa: BLE001 - answering goes on; BM25 is then built in memory
            log.exception("store check failed")
            return
        if not check.consistent:
            log.warning(check.summary())

    # ---- browsing ------------------------------------------------------------------------------

    def documents(self) -> list[dict[str, Any]]:
        with self._reading() as db:
            return db.documents()

    def commitments(self, text: str | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT c.number, c.text, c.fulfilment, c.status, c.file_name, d.title, c.line_start, c.line_end, "
               "c.page FROM commitments c JOIN documents d USING (doc_id)")
        params: list[Any] = []
        if text:
            sql += " WHERE c.number ILIKE ? OR c.text ILIKE ? OR c.fulfilment ILIKE ?"
            params = [f"%{safe_text(text)}%"] * 3
        with self._reading() as db:
            return db.query(sql + " ORDER BY c.number", params)

    def figures(self, document: str | None = None, grep: str | None = None) -> list[dict[str, Any]]:
        """Extracted figures with their facts, for inspection."""
        sql = "SELECT * FROM figures WHERE 1=1"
        params: list[Any] = []
        if document:
            sql += " AND file_name = ?"
            params.append(safe_text(document))
        if grep:
            sql += (" AND (label ILIKE ? OR title ILIKE ? OR figure_id IN "
                    "(SELECT figure_id FROM facts WHERE row_path ILIKE ? OR column_label ILIKE ?))")
            params += [f"%{safe_text(grep)}%"] * 4
        with self._reading() as db:
            figs = db.query(sql + " ORDER BY file_name, line_start", params)
            for f in figs:
                f["facts"] = db.query(
                    "SELECT row_path, column_label, period_label, municipality, unit, value, status, raw, line "
                    "FROM facts WHERE figure_id = ? ORDER BY fact_id", [f["figure_id"]])
        return figs

    def sql(self, query: str):
        """Run one validated, read-only SELECT (see assistant.answer.sql_guard)."""
        from assistant.answer.sql_guard import UnsafeSQLError, run_on_connection

        query = safe_text(query)
        if len(query) > self.settings.max_sql_chars:
            raise UnsafeSQLError(f"De databasevraag is te lang (meer dan {self.settings.max_sql_chars} tekens).",
                                 f"{len(query)} chars")
        if "\x00" in query:
            raise UnsafeSQLError("De databasevraag bevat een ongeldig teken (NUL).", "NUL byte")
        with self._reading() as db:
            cur = db.cursor()
            try:
                return run_on_connection(cur, query, row_limit=self.settings.sql_row_limit,
                                         timeout_s=self.settings.sql_timeout_s)
            except RecursionError as e:
                raise UnsafeSQLError("De databasevraag is te diep genest om te controleren.", str(e)) from e
            finally:
                cur.close()

    def source(self, doc: str, first: int, last: int, context: int = 4) -> SourceView:
        """The cited lines of a document with some context; the cited lines are highlighted."""
        with self._reading() as db:
            rows = db.lines_of(doc, max(1, first - context), last + context)
            info = db.document_by_file(doc) or {}
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
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
            if self._vectors is not None:
                self._vectors.close()
                self._vectors = None
            self._bm25 = None


__all__ = ["Assistant", "AssistantError"]
