"""One writing session over the three stores, for a process that holds the write lock.

Each change is one generation: `begin()` stages a copy of the published DuckDB file; the caller adds
new vectors to the vector store and then writes the copy; `commit()` builds the BM25 index for the
copy and publishes both (the moment the change becomes visible); the caller drops the vectors no chunk
owns any more and `finish()` records the new generation in the vector store. A crash at any step leaves the previous
generation published and complete; what the crash left over (unused vectors, a BM25 index built
for a copy that was never published, the copy itself) is found and removed by
`assistant.storage.consistency`.
"""

from __future__ import annotations

import logging
from pathlib import Path

from assistant.storage.bm25 import BM25Index
from assistant.storage.database import DEFAULT_MEMORY_MB, Database
from assistant.storage.generations import Generations
from assistant.storage.vectorstore import VectorStore

log = logging.getLogger(__name__)


def build_bm25(db: Database) -> BM25Index:
    """The keyword index over every chunk in `db`, stamped with the generation it was built from."""
    from assistant.ingest.pipeline import index_text  # one definition of the indexed text

    rows = db.all_chunks()
    if rows:
        index = BM25Index.build([r["chunk_id"] for r in rows],
                                [index_text(r["section"], r["figure"], r["text"]) for r in rows])
    else:
        index = BM25Index.build(["-"], [""])
    index.db_state = db.state
    return index


class StoreWriter:
    def __init__(self, generations: Generations, vectors: VectorStore, bm25_path: Path,
                 memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.generations = generations
        self.vectors = vectors
        self.bm25_path = Path(bm25_path)
        self.memory_mb = memory_mb
        self.published: list[str] = []  # generations this session published, oldest first
        self._reader: Database | None = None

    def current(self) -> Database:
        """A reader on the published generation (this session's own, so nobody closes it under us)."""
        path = self.generations.current()
        if self._reader is None or self._reader.path != path:
            self.close()
            self._reader = Database(path, read_only=True, memory_mb=self.memory_mb, create_missing=False)
        return self._reader

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    def begin(self) -> Database:
        """A writable copy of the published generation."""
        path = self.generations.stage()
        try:
            return Database(path, read_only=False)
        except BaseException:
            self.generations.discard(path)
            raise

    def abort(self, db: Database) -> None:
        """Forget a staged copy, unless it was published after all (a failure after the switch)."""
        try:
            db.close()
        finally:
            if self.generations.current() != db.path:
                self.generations.discard(db.path)

    def commit(self, db: Database) -> str:
        """Build the staged copy's BM25 index and publish both; returns the generation (state) name.

        The caller then drops the vectors no chunk owns any more and calls finish().
        """
        try:
            index = build_bm25(db)
            db.checkpoint_and_close()
            index.save(self.bm25_path)
            self.generations.publish(db.path)
        except BaseException:
            self.abort(db)
            raise
        self.published.append(db.state)
        return db.state

    def finish(self) -> None:
        """After a publication and its vector clean-up: stamp the vectors, remove the previous generation."""
        self.vectors.set_state(Generations.state_of(self.generations.current()))
        self.generations.cleanup()
