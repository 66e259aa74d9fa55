"""Do DuckDB, the BM25 index and the vector store describe the same generation? Repair when not.

DuckDB decides what exists. The BM25 manifest and the vector store each record the generation they
were last made to agree with; when both name the published generation and no temporary files are
left, the stores agree (the quick check). Otherwise the deep check compares the vector records with
the chunks one by one, and the repair rebuilds BM25, drops vectors no chunk owns, adds vectors a
chunk lacks (from the embedding cache) and removes what an interrupted write left behind.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.storage.bm25 import BM25Index
from assistant.storage.database import Database
from assistant.storage.generations import Generations
from assistant.storage.vectorstore import VectorStore

log = logging.getLogger(__name__)

EmbedFn = Callable[[list[str]], list[list[float]]]


@dataclass
class StoreCheck:
    db_state: str
    bm25_state: str | None
    vector_state: str | None
    leftovers: list[str] = field(default_factory=list)
    deep: bool = False  # vector records compared with the chunks one by one
    n_chunks: int = 0
    n_vectors: int = 0
    orphan_vectors: list[str] = field(default_factory=list)  # a vector no chunk owns
    missing_vectors: list[str] = field(default_factory=list)  # a chunk without its vector
    changed_vectors: list[str] = field(default_factory=list)  # a vector of another text than its chunk's
    repaired: list[str] = field(default_factory=list)  # what was fixed, in Dutch
    note: str = ""  # why nothing was repaired, in Dutch

    @property
    def consistent(self) -> bool:
        return (self.bm25_state == self.db_state and self.vector_state == self.db_state and not self.leftovers
                and not (self.orphan_vectors or self.missing_vectors or self.changed_vectors))

    def summary(self) -> str:
        """One Dutch line for `status` and the logs."""
        if self.repaired:
            return "Controle opslag: hersteld – " + "; ".join(self.repaired) + "."
        if self.consistent:
            how = f"{self.n_chunks} passages en {self.n_vectors} vectoren" if self.deep else "dezelfde stand"
            return f"Controle opslag: in orde (database, zoekindex en vectoren: {how})."
        problems = []
        if self.bm25_state != self.db_state:
            problems.append("de zoekindex (BM25) hoort bij een andere stand van de database")
        if self.orphan_vectors:
            problems.append(f"{len(self.orphan_vectors)} vectoren zonder passage")
        if self.missing_vectors:
            problems.append(f"{len(self.missing_vectors)} passages zonder vector")
        if self.changed_vectors:
            problems.append(f"{len(self.changed_vectors)} vectoren van een oudere tekst")
        if self.vector_state != self.db_state and not problems:
            problems.append("de vectoren zijn niet bij deze stand van de database gecontroleerd")
        if self.leftovers:
            problems.append(f"{len(self.leftovers)} tijdelijke bestanden van een onderbroken inleesronde")
        line = "Controle opslag: niet in orde – " + "; ".join(problems) + "."
        return line + (f" {self.note}" if self.note else "")

    def as_dict(self) -> dict[str, Any]:
        return {"consistent": self.consistent, "db_state": self.db_state, "bm25_state": self.bm25_state,
                "vector_state": self.vector_state, "n_chunks": self.n_chunks, "n_vectors": self.n_vectors,
                "orphan_vectors": len(self.orphan_vectors), "missing_vectors": len(self.missing_vectors),
                "changed_vectors": len(self.changed_vectors), "leftovers": self.leftovers,
                "repaired": self.repaired, "summary": self.summary()}


def _leftovers(generations: Generations, bm25_path: Path) -> list[Path]:
    return generations.leftovers() + BM25Index.leftovers(bm25_path)


def inspect(db: Database, vectors: VectorStore, bm25_path: Path, generations: Generations,
            deep: bool = False) -> StoreCheck:
    """Compare the stores with the generation `db` reads; deep (record by record) when asked or needed."""
    check = StoreCheck(db_state=db.state, bm25_state=BM25Index.saved_state(bm25_path),
                       vector_state=vectors.state(),
                       leftovers=[p.name for p in _leftovers(generations, bm25_path)])
    if deep or check.vector_state != check.db_state:
        _compare(check, db, vectors)
        if check.n_chunks == 0 and check.n_vectors == 0 and check.bm25_state is None:
            # a fresh store: nothing to agree on yet
            check.bm25_state = check.vector_state = check.db_state
    return check


def _compare(check: StoreCheck, db: Database, vectors: VectorStore) -> None:
    """The deep check: every vector record against every chunk (id and text hash)."""
    chunks = db.chunk_hashes()
    records = vectors.text_hashes()
    check.deep = True
    check.n_chunks, check.n_vectors = len(chunks), len(records)
    check.orphan_vectors = sorted(set(records) - set(chunks))
    check.missing_vectors = sorted(set(chunks) - set(records))
    check.changed_vectors = sorted(i for i, h in records.items() if i in chunks and h != chunks[i])


def repair(db: Database, vectors: VectorStore, bm25_path: Path, generations: Generations, check: StoreCheck,
           embedding_key: str, embed: Callable[[], EmbedFn]) -> StoreCheck:
    """Make the stores agree with `db` (the published generation). Callers hold the write lock."""
    from assistant.storage.writer import build_bm25

    if check.bm25_state != check.db_state:
        build_bm25(db).save(bm25_path)
        check.repaired.append("zoekindex (BM25) opnieuw opgebouwd")
        check.bm25_state = check.db_state
    if check.vector_state != check.db_state or check.orphan_vectors or check.missing_vectors \
            or check.changed_vectors:
        if not check.deep:
            _compare(check, db, vectors)
        if check.orphan_vectors:
            vectors.delete(check.orphan_vectors)
            check.repaired.append(f"{len(check.orphan_vectors)} vectoren zonder passage verwijderd")
            check.orphan_vectors = []
        todo = check.missing_vectors + check.changed_vectors
        if todo:
            _restore_vectors(db, vectors, todo, embedding_key, embed)
            check.repaired.append(f"{len(todo)} vectoren aangevuld")
            check.missing_vectors, check.changed_vectors = [], []
        vectors.set_state(check.db_state)
        check.vector_state = check.db_state
        check.n_vectors = check.n_chunks
    if check.leftovers:
        removed = generations.cleanup()
        for p in BM25Index.leftovers(bm25_path):
            shutil.rmtree(p, ignore_errors=True)
            removed.append(p.name)
        check.repaired.append(f"{len(removed)} tijdelijke bestanden opgeruimd")
        check.leftovers = []
    if check.repaired:
        log.warning("stores repaired at %s: %s", check.db_state, "; ".join(check.repaired))
    return check


def _restore_vectors(db: Database, vectors: VectorStore, ids: list[str], embedding_key: str,
                     embed: Callable[[], EmbedFn]) -> None:
    """Upsert the vectors of these chunks: from the embedding cache, embedding what it lacks."""
    from assistant.ingest.pipeline import index_text, vector_metadata

    rows = db.chunks_by_ids(ids)
    chunks = [rows[i] for i in ids if i in rows]
    cached = db.cached_embeddings(embedding_key, [c["text_hash"] for c in chunks])
    lacking = [c for c in chunks if c["text_hash"] not in cached]
    if lacking:
        fresh = embed()([index_text(c["section"], c["figure"], c["text"]) for c in lacking])
        cached.update({c["text_hash"]: v for c, v in zip(lacking, fresh, strict=True)})
    vectors.upsert(ids=[c["chunk_id"] for c in chunks], vectors=[list(cached[c["text_hash"]]) for c in chunks],
                   documents=[c["text"] for c in chunks],
                   metadatas=[vector_metadata(c, c["text_hash"]) for c in chunks])
