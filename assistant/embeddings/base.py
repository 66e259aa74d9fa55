"""The embedder interface every backend implements (one small class per backend)."""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings


def l2_normalise(matrix: np.ndarray) -> np.ndarray:
    """Row-wise L2 normalisation; zero rows stay zero instead of becoming NaN."""
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=-1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


class Embedder(Embeddings):
    """A LangChain-compatible embedder with a stable `key` and known `dim`.

    Subclasses implement `_encode(texts, is_query)`; this base class does the batching and
    normalisation so every backend returns unit-length float vectors (cosine == dot product).
    """

    key: str  # equals Settings.embedding_key: names the Chroma collection and vector caches
    dim: int
    batch_size: int = 16

    @abstractmethod
    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        """Embed one batch; returns an array of shape (len(texts), dim)."""

    def embed_array(self, texts: Sequence[str], is_query: bool = False) -> np.ndarray:
        """Embed texts as a float32 (n, dim) array of unit vectors, in batches."""
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        parts = [
            self._encode(texts[i : i + self.batch_size], is_query)
            for i in range(0, len(texts), self.batch_size)
        ]
        return l2_normalise(np.vstack(parts))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts, is_query=False).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_array([text], is_query=True)[0].tolist()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(key={self.key!r}, dim={self.dim})"
