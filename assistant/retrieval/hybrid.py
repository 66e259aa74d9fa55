"""Hybrid retrieval: BM25 keywords + dense vectors, merged by reciprocal rank fusion (RRF).

RRF only looks at ranks, so BM25 scores and cosine similarities never need calibrating
against each other.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.embeddings.base import Embedder
    from assistant.storage.bm25 import BM25Index
    from assistant.storage.vectorstore import VectorStore


def rrf_fuse(
    rankings: Sequence[Sequence[str]], k: int = 60, weights: Sequence[float] | None = None
) -> list[tuple[str, float]]:
    """Reciprocal rank fusion: score(id) = sum over rankings of weight / (k + rank), rank 1-based.

    Returns (id, score) best first; ties keep the order in which ids were first seen.
    """
    if weights is None:
        weights = [1.0] * len(rankings)
    if len(weights) != len(rankings):
        raise ValueError("one weight per ranking")
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        seen: set[str] = set()
        for rank, item in enumerate(ranking, start=1):
            if item in seen:  # a duplicate in one list must not count twice
                continue
            seen.add(item)
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: -kv[1])


@dataclass
class Hit:
    chunk_id: str
    score: float  # fused RRF score
    bm25_rank: int | None = None  # 1-based rank in the BM25 candidates, None if absent
    vector_rank: int | None = None  # 1-based rank in the vector candidates, None if absent


MAX_FILTER_DOCS = 200  # up to this many documents the vector store filters on doc_id itself


class HybridRetriever:
    def __init__(
        self,
        embedder: Embedder,
        vector_store: VectorStore,
        bm25: BM25Index | None,
        rrf_k: int = 60,
        bm25_weight: float = 1.0,
        vector_weight: float = 1.0,
    ) -> None:
        self.embedder = embedder
        self.vector_store = vector_store
        self.bm25 = bm25
        self.rrf_k = rrf_k
        self.bm25_weight = bm25_weight
        self.vector_weight = vector_weight

    def vector_search(
        self, query: str, n: int, allowed_ids: set[str] | None = None, qvec: list[float] | None = None,
        doc_ids: set[str] | None = None,
    ) -> list[tuple[str, float]]:
        """Top-n (id, similarity) among allowed ids.

        Chroma filters on metadata, not on an arbitrary id set, so with allowed_ids we ask for
        more neighbours until n allowed ones are found or the collection is exhausted.
        """
        vector = qvec if qvec is not None else self.embedder.embed_query(query)
        if doc_ids and len(doc_ids) <= MAX_FILTER_DOCS:
            # the store filters on the documents itself: no growing re-query when they are few of many
            where = {"doc_id": {"$in": sorted(doc_ids)}} if len(doc_ids) > 1 else {"doc_id": next(iter(doc_ids))}
            hits = self.vector_store.query(vector, max(n, 1), where=where)
            return [h for h in hits if allowed_ids is None or h[0] in allowed_ids][:n]
        total = self.vector_store.count()
        want = n if allowed_ids is None else min(total, max(n * 4, 50))
        while True:
            hits = self.vector_store.query(vector, want)
            if allowed_ids is not None:
                hits = [h for h in hits if h[0] in allowed_ids]
            if len(hits) >= n or want >= total:
                return hits[:n]
            want = min(total, want * 4)

    def search(
        self, query: str, k: int = 5, allowed_ids: set[str] | None = None, candidates: int = 30,
        qvec: list[float] | None = None, doc_ids: set[str] | None = None,
    ) -> list[Hit]:
        if allowed_ids is not None and not allowed_ids:
            return []
        bm25_ids = [cid for cid, _ in self.bm25.search(query, candidates, allowed_ids)] if self.bm25 else []
        vector_ids = [cid for cid, _ in self.vector_search(query, candidates, allowed_ids, qvec, doc_ids)]
        fused = rrf_fuse([bm25_ids, vector_ids], k=self.rrf_k, weights=[self.bm25_weight, self.vector_weight])
        bm25_rank = {cid: r for r, cid in enumerate(bm25_ids, start=1)}
        vector_rank = {cid: r for r, cid in enumerate(vector_ids, start=1)}
        return [Hit(cid, score, bm25_rank.get(cid), vector_rank.get(cid)) for cid, score in fused[:k]]
