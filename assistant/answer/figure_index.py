"""The figure index in memory: one entry per table row, searched by keywords (BM25) and by meaning (vectors).

Built at ingest (assistant.ingest.pipeline.figure_rows) and kept in DuckDB; loaded here once per refresh.
A question gets the top candidate rows by reciprocal rank fusion of both rankings, so answering never
scores every label of every table in Python (which grows with the number of reports).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from assistant.retrieval.hybrid import rrf_fuse
from assistant.storage.bm25 import BM25Index


@dataclass(frozen=True)
class IndexRow:
    row_id: str
    figure_id: str
    doc_id: str
    row_path: str
    text: str
    scopes: tuple[str, ...]
    measures: tuple[str, ...]
    periods: tuple[str, ...]


@dataclass
class Candidate:
    row: IndexRow
    score: float  # fused rank score
    similarity: float  # cosine similarity of question and row text (0 when no vectors)


class FigureIndex:
    def __init__(self, rows: list[dict[str, Any]], vectors: dict[str, list[float]] | None = None) -> None:
        self.rows = [IndexRow(r["row_id"], r["figure_id"], r["doc_id"], r["row_path"], r["text"],
                              tuple(x for x in (r.get("scopes") or "").split("|") if x),
                              tuple(x for x in (r.get("measures") or "").split("|") if x),
                              tuple(x for x in (r.get("periods") or "").split("|") if x)) for r in rows]
        self.by_id = {r.row_id: r for r in self.rows}
        self.bm25 = BM25Index.build([r.row_id for r in self.rows], [r.text for r in self.rows]) if self.rows else None
        self.matrix: np.ndarray | None = None
        if vectors and self.rows:
            dim = len(next(iter(vectors.values())))
            m = np.zeros((len(self.rows), dim), dtype=np.float32)
            hashes = [r.get("text_hash") for r in rows]
            for i, h in enumerate(hashes):
                v = vectors.get(h)
                if v is not None:
                    m[i] = v
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            norms[norms == 0] = 1.0
            self.matrix = m / norms
        self.position = {r.row_id: i for i, r in enumerate(self.rows)}

    def __len__(self) -> int:
        return len(self.rows)

    def search(self, query: str, qvec: list[float] | None, k: int = 40,
               allowed_docs: set[str] | None = None) -> list[Candidate]:
        if not self.rows:
            return []
        allowed_rows = None
        if allowed_docs is not None:
            allowed_rows = {r.row_id for r in self.rows if r.doc_id in allowed_docs}
            if not allowed_rows:
                return []
        bm = [rid for rid, _ in self.bm25.search(query, k * 2, allowed_rows)] if self.bm25 else []
        sims: dict[str, float] = {}
        vec_ids: list[str] = []
        if self.matrix is not None and qvec is not None:
            q = np.asarray(qvec, dtype=np.float32)
            q = q / (np.linalg.norm(q) or 1.0)
            scores = self.matrix @ q
            if allowed_rows is not None:
                mask = np.full(len(self.rows), -1.0, dtype=np.float32)
                idx = [self.position[r] for r in allowed_rows]
                mask[idx] = scores[idx]
                scores = mask
            top = np.argsort(-scores)[: k * 2]
            vec_ids = [self.rows[i].row_id for i in top if scores[i] > -1.0]
            sims = {self.rows[i].row_id: float(scores[i]) for i in top}
        fused = rrf_fuse([bm, vec_ids])
        out = []
        for rid, s in fused[:k]:
            sim = sims.get(rid)
            if sim is None and self.matrix is not None and qvec is not None:
                q = np.asarray(qvec, dtype=np.float32)
                sim = float(self.matrix[self.position[rid]] @ (q / (np.linalg.norm(q) or 1.0)))
            out.append(Candidate(self.by_id[rid], s, sim or 0.0))
        return out
