"""Client/server mode against a real `chroma run` process (the chroma_url fixture in conftest)."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.settings import Settings
from assistant.storage.vectorstore import open_vector_store


def test_upsert_query_delete_through_server(chroma_url, tmp_path):
    settings = Settings(data_dir=tmp_path, chroma_url=chroma_url)
    store = open_vector_store(settings, "server-model")
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(40, 12))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"c{i}" for i in range(40)]
    store.upsert(ids, vecs, [f"chunk {i}" for i in range(40)], [{"doc": "d1", "x": None}] * 40)
    assert store.count() == 40
    assert store.ids() == set(ids)
    best, sim = store.query(vecs[12], 3)[0]
    assert best == "c12" and sim == pytest.approx(1.0, abs=1e-3)
    store.delete(["c12"])
    assert store.count() == 39
    assert store.query(vecs[12], 1)[0][0] != "c12"
    # nothing was written locally: the data lives in the server
    assert not settings.chroma_path.exists()
    other = open_vector_store(settings, "other-model")
    assert other.count() == 0
