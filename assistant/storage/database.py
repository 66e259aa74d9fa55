"""The DuckDB store: documents, chunks, lines, figures, facts, commitments, references.

DuckDB is the source of truth. A document is replaced in one transaction, so a reader sees either
the old or the new version, never a mix.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from assistant.records import Chunk, DocumentInfo, Extraction, LoadedDocument
from assistant.settings import SQL_DIR

# Columns written per table, in schema order (fact_id comes from a sequence).
_COLUMNS: dict[str, list[str]] = {
    "documents": ["doc_id", "file_name", "path", "title", "municipality", "period_label", "period_start",
                  "period_end", "kind", "n_lines", "n_pages", "pipeline_version", "detected_from"],
    "chunks": ["chunk_id", "doc_id", "seq", "file_name", "line_start", "line_end", "page", "section",
               "figure", "kind", "text", "text_hash"],
    "lines": ["doc_id", "line_no", "page", "text"],
    "figures": ["figure_id", "doc_id", "file_name", "label", "title", "source_note", "unit", "scale",
                "line_start", "line_end", "page", "layout", "status", "status_note", "header_lines", "section"],
    "facts": ["figure_id", "doc_id", "file_name", "row_label", "row_path", "column_label", "period_label",
              "period_start", "period_end", "period_kind", "municipality", "measure", "unit", "value", "status",
              "raw", "line", "page", "cell_ref", "period_note", "marker", "unit_text"],
    "commitments": ["number", "doc_id", "file_name", "text", "fulfilment", "status", "line_start", "line_end",
                    "page", "made_on", "owner"],
    "doc_references": ["ref", "doc_id", "file_name", "sentence", "line", "page"],
    "figure_rows": ["row_id", "figure_id", "doc_id", "row_path", "text", "text_hash", "scopes", "measures", "periods"],
}
_DOC_TABLES = ["chunks", "lines", "figures", "facts", "figure_rows", "commitments", "doc_references", "documents"]


# Every read-only connection: no file or network access, no extensions, settings fixed, and no
# spilling to disk, so the memory limit is a hard limit for one query (and all at once).
READER_CONFIG: dict[str, str | bool] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "temp_directory": "",
    "lock_configuration": True,
}
DEFAULT_MEMORY_MB = 512


def connect(path: Path, read_only: bool, memory_mb: int = DEFAULT_MEMORY_MB) -> duckdb.DuckDBPyConnection:
    """Open the database; a writer also (re)applies the schema and views."""
    if read_only:
        # External access off: a query can never read or write files next to the database.
        config = dict(READER_CONFIG, memory_limit=f"{int(memory_mb)}MB")
        return duckdb.connect(str(path), read_only=True, config=config)
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path))
    con.execute((SQL_DIR / "schema.sql").read_text(encoding="utf-8"))
    con.execute((SQL_DIR / "views.sql").read_text(encoding="utf-8"))
    return con


def _frame(table: str, records: Iterable[Any]) -> pd.DataFrame:
    cols = _COLUMNS[table]
    rows = []
    for r in records:
        d = dataclasses.asdict(r) if dataclasses.is_dataclass(r) else dict(r)
        rows.append([d.get(c) for c in cols])
    return pd.DataFrame(rows, columns=cols)


class Database:
    """Thin, typed access to the DuckDB file. One instance per connection."""

    def __init__(self, path: Path, read_only: bool = True, memory_mb: int = DEFAULT_MEMORY_MB,
                 create_missing: bool = True) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only and not self.path.exists():
            if not create_missing:  # a generation that was replaced meanwhile: the caller looks again
                raise FileNotFoundError(2, "database file is gone", str(self.path))
            # A reader on a fresh machine: create the empty schema first.
            connect(self.path, read_only=False).close()
        self.con = connect(self.path, read_only=read_only, memory_mb=memory_mb)
        # DuckDB connections are not safe to share between threads; cursors are.
        self._lock = threading.RLock()

    @property
    def state(self) -> str:
        """The generation this connection reads (see assistant.storage.generations)."""
        return self.path.name

    def close(self) -> None:
        self.con.close()

    def checkpoint_and_close(self) -> None:
        """A writer's last step: everything into the database file, no write-ahead log left."""
        self.con.execute("CHECKPOINT")
        self.con.close()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.con.cursor()

    # ---- reading -------------------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cur = self.con.cursor()
        try:
            res = cur.execute(sql, params or [])
            cols = [d[0] for d in res.description]
            return [dict(zip(cols, row, strict=True)) for row in res.fetchall()]
        finally:
            cur.close()

    def document_by_file(self, file_name: str) -> dict[str, Any] | None:
        rows = self.query("SELECT * FROM documents WHERE file_name = ?", [file_name])
        return rows[0] if rows else None

    def documents(self) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM document_stats ORDER BY file_name")

    def chunk_ids_of(self, doc_id: str) -> list[str]:
        return [r["chunk_id"] for r in self.query("SELECT chunk_id FROM chunks WHERE doc_id = ?", [doc_id])]

    def all_chunks(self) -> list[dict[str, Any]]:
        return self.query("SELECT chunk_id, doc_id, file_name, section, figure, text, text_hash FROM chunks "
                          "ORDER BY chunk_id")

    def chunk_hashes(self) -> dict[str, str]:
        """chunk_id -> text_hash of every chunk: what the vector store must hold."""
        return {r["chunk_id"]: r["text_hash"] for r in self.query("SELECT chunk_id, text_hash FROM chunks")}

    def chunks_by_ids(self, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        if not ids:
            return {}
        rows = self.query(
            "SELECT c.*, d.title, d.municipality, d.period_label FROM chunks c "
            "JOIN documents d USING (doc_id) WHERE c.chunk_id IN (SELECT unnest(?))", [list(ids)])
        return {r["chunk_id"]: r for r in rows}

    def chunk_ids_where(self, municipality: str | None = None, year: int | None = None,
                        file_name: str | None = None) -> set[str]:
        """Chunk ids of documents matching the filters (all chunks when none are given)."""
        sql = "SELECT c.chunk_id FROM chunks c JOIN documents d USING (doc_id) WHERE 1=1"
        params: list[Any] = []
        if municipality:
            sql += " AND lower(d.municipality) = lower(?)"
            params.append(municipality)
        if year:
            sql += " AND (d.period_start IS NULL OR (year(d.period_start) <= ? AND year(d.period_end) >= ?))"
            params += [year, year]
        if file_name:
            sql += " AND d.file_name = ?"
            params.append(file_name)
        return {r["chunk_id"] for r in self.query(sql, params)}

    def lines_of(self, file_name: str, first: int, last: int) -> list[dict[str, Any]]:
        return self.query(
            "SELECT l.line_no, l.page, l.text FROM lines l JOIN documents d USING (doc_id) "
            "WHERE d.file_name = ? AND l.line_no BETWEEN ? AND ? ORDER BY l.line_no", [file_name, first, last])

    def cached_embeddings(self, model: str, hashes: Sequence[str]) -> dict[str, list[float]]:
        if not hashes:
            return {}
        rows = self.query("SELECT text_hash, vector FROM embedding_cache WHERE model = ? "
                          "AND text_hash IN (SELECT unnest(?))", [model, list(hashes)])
        return {r["text_hash"]: r["vector"] for r in rows}

    # ---- writing -------------------------------------------------------------------------------

    def put_embeddings(self, model: str, vectors: dict[str, list[float]]) -> None:
        if not vectors:
            return
        df = pd.DataFrame({"model": model, "text_hash": list(vectors), "vector": list(vectors.values())})
        with self._lock:
            self.con.register("emb_df", df)
            try:
                self.con.execute("INSERT OR IGNORE INTO embedding_cache SELECT model, text_hash, "
                                 "CAST(vector AS FLOAT[]) FROM emb_df")
            finally:
                self.con.unregister("emb_df")

    def replace_document(self, info: DocumentInfo, doc: LoadedDocument, chunks: list[Chunk],
                         text_hashes: list[str], extraction: Extraction, pipeline_version: str = "") -> None:
        """Swap in a document and everything derived from it in one transaction."""
        chunk_rows = [dict(dataclasses.asdict(c), chunk_id=c.chunk_id, text_hash=h)
                      for c, h in zip(chunks, text_hashes, strict=True)]
        line_rows = [{"doc_id": info.doc_id, "line_no": i + 1, "page": doc.page_of(i + 1), "text": t}
                     for i, t in enumerate(doc.lines)]
        frames = {
            "documents": _frame("documents", [dict(dataclasses.asdict(info), pipeline_version=pipeline_version)]),
            "chunks": _frame("chunks", chunk_rows),
            "lines": _frame("lines", line_rows),
            "figures": _frame("figures", extraction.figures),
            "facts": _frame("facts", extraction.facts),
            "commitments": _frame("commitments", extraction.commitments),
            "doc_references": _frame("doc_references", extraction.references),
            "figure_rows": _frame("figure_rows", extraction.rows),
        }
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                old = self.query("SELECT doc_id FROM documents WHERE file_name = ? OR doc_id = ?",
                                 [info.file_name, info.doc_id])
                for row in old:
                    self._delete_doc_rows(row["doc_id"])
                for table in ["documents", "chunks", "lines", "figures", "facts", "commitments",
                              "doc_references", "figure_rows"]:
                    df = frames[table]
                    if df.empty:
                        continue
                    cols = ", ".join(_COLUMNS[table])
                    self.con.register("rows_df", df)
                    try:
                        self.con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM rows_df")
                    finally:
                        self.con.unregister("rows_df")
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise

    def remove_document(self, file_name: str) -> str | None:
        """Delete a document and all rows derived from it; returns its doc_id (None if unknown)."""
        with self._lock:
            row = self.document_by_file(file_name)
            if not row:
                return None
            self.con.execute("BEGIN TRANSACTION")
            try:
                self._delete_doc_rows(row["doc_id"])
                self.con.execute("COMMIT")
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            return row["doc_id"]

    def _delete_doc_rows(self, doc_id: str) -> None:
        for table in _DOC_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_id = ?", [doc_id])
