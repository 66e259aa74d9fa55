"""The process tests/test_crash.py kills: a real ingest that can stop and wait at a named moment.

Instrumentation only: each pause point wraps one real step of the real stores (nothing is replaced),
tells the parent it got there and sleeps until the parent's SIGKILL arrives.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# Points in one file's ingest, in the order they happen.
PAUSE_POINTS = (
    "before_vector_upsert",
    "between_vector_upsert_and_duckdb_swap",
    "inside_duckdb_transaction",
    "after_duckdb_write_before_publish",
    "during_bm25_save_after_words",
    "during_bm25_save_after_manifest",
    "during_bm25_save_between_renames",
    "after_bm25_save_before_publish",
    "after_publish_before_stale_vectors",
    "after_stale_vectors_before_cleanup",
    "during_cleanup",
)


def _pause(conn, point: str) -> None:
    conn.send(point)
    time.sleep(600)  # the parent kills us here


def _wrap(owner: Any, name: str, conn, point: str, when: str = "after", nth: int = 1,
          active: Callable[[], bool] = lambda: True) -> None:
    original = getattr(owner, name)
    calls = {"n": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not active():
            return original(*args, **kwargs)
        calls["n"] += 1
        if when == "before" and calls["n"] == nth:
            _pause(conn, point)
        result = original(*args, **kwargs)
        if when == "after" and calls["n"] == nth:
            _pause(conn, point)
        return result

    setattr(owner, name, wrapper)


def _install(point: str | None, conn) -> None:
    import bm25s

    from assistant.ingest import pipeline
    from assistant.storage import bm25, database, generations, vectorstore

    state = {"ingesting": False}
    original_one = pipeline.Ingestor._ingest_one

    def ingest_one(self, *args: Any, **kwargs: Any):
        state["ingesting"] = True
        try:
            return original_one(self, *args, **kwargs)
        finally:
            state["ingesting"] = False

    pipeline.Ingestor._ingest_one = ingest_one
    in_ingest = lambda: state["ingesting"]  # noqa: E731 - tiny predicate
    store = vectorstore.ChromaVectorStore
    if point == "before_vector_upsert":
        _wrap(store, "upsert", conn, point, "before", active=in_ingest)
    elif point == "between_vector_upsert_and_duckdb_swap":
        _wrap(store, "upsert", conn, point, "after", active=in_ingest)
    elif point == "inside_duckdb_transaction":
        _wrap(database.Database, "_delete_doc_rows", conn, point, "after", active=in_ingest)
    elif point == "after_duckdb_write_before_publish":
        _wrap(database.Database, "replace_document", conn, point, "after", active=in_ingest)
    elif point == "during_bm25_save_after_words":
        _wrap(bm25s.BM25, "save", conn, point, "after", nth=1, active=in_ingest)
    elif point == "during_bm25_save_after_manifest":
        _wrap(bm25, "_write_synced", conn, point, "after", active=in_ingest)
    elif point == "during_bm25_save_between_renames":
        real_os = bm25.os

        class _Os:
            def __getattr__(self, name: str) -> Any:
                return getattr(real_os, name)

        shim = _Os()
        shim.rename = real_os.rename  # type: ignore[attr-defined]
        _wrap(shim, "rename", conn, point, "after", nth=1, active=in_ingest)
        bm25.os = shim
    elif point == "after_bm25_save_before_publish":
        _wrap(bm25.BM25Index, "save", conn, point, "after", active=in_ingest)
    elif point == "after_publish_before_stale_vectors":
        _wrap(generations.Generations, "publish", conn, point, "after", active=in_ingest)
    elif point == "after_stale_vectors_before_cleanup":
        _wrap(store, "delete", conn, point, "after", active=in_ingest)
    elif point == "during_cleanup":
        _wrap(generations.Generations, "cleanup", conn, point, "before", active=in_ingest)
    elif point is not None:
        raise ValueError(point)


def run(data_dir: str, report: str, point: str | None, conn) -> None:
    """Ingest `report` into `data_dir`; with a point, stop there and wait to be killed."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from assistant.api import Assistant
    from assistant.settings import Settings

    _install(point, conn)
    assistant = Assistant(Settings(data_dir=Path(data_dir)))
    conn.send("started")
    t0 = time.perf_counter()
    results = assistant.ingest([Path(report)])
    conn.send(("done", time.perf_counter() - t0, [r.status for r in results]))
    assistant.close()
