"""Vector store interface and its Chroma implementation (embedded persistent or client/server).

We always pass our own vectors: Chroma's default embedding function would try to download an ONNX
model, which is impossible offline, and the embedder must be the same one that embeds queries.
"""

from __future__ import annotations

import hashlib
import re
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlparse

if TYPE_CHECKING:
    from assistant.settings import Settings

Vector = Sequence[float]
MetadataValue = str | int | float | bool


class VectorStore(ABC):
    """A collection of (id, vector, document, metadata) records searched by cosine similarity."""

    @abstractmethod
    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Vector],
        documents: Sequence[str] | None = None,
        metadatas: Sequence[Mapping[str, Any]] | None = None,
    ) -> None: ...

    @abstractmethod
    def delete(self, ids: Sequence[str]) -> None: ...

    @abstractmethod
    def query(
        self, vector: Vector, k: int, where: Mapping[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The k nearest records as (id, cosine similarity), best first."""

    @abstractmethod
    def ids(self) -> set[str]: ...

    @abstractmethod
    def count(self) -> int: ...

    @abstractmethod
    def text_hashes(self) -> dict[str, str | None]:
        """id -> the `text_hash` metadata of every record (None when a record has none)."""

    @abstractmethod
    def state(self) -> str | None:
        """The DuckDB generation the store last agreed with (None: unknown)."""

    @abstractmethod
    def set_state(self, state: str) -> None: ...

    def close(self) -> None:  # noqa: B027 - optional hook, most stores hold nothing to release
        """Release connections/file handles."""


def collection_name(embedding_key: str) -> str:
    """A Chroma-legal collection name (3-63 chars of [a-z0-9_-], alnum at both ends) for a key.

    The hash keeps keys apart that sanitise to the same slug (e.g. two local model folders).
    """
    slug = re.sub(r"[^a-z0-9]+", "-", embedding_key.lower()).strip("-")[:46].strip("-")
    digest = hashlib.sha1(embedding_key.encode("utf-8")).hexdigest()[:8]
    return f"chunks-{slug}-{digest}" if slug else f"chunks-{digest}"


def clean_metadata(metadata: Mapping[str, Any] | None) -> dict[str, MetadataValue]:
    """Chroma accepts only str/int/float/bool values: drop None, stringify anything else."""
    out: dict[str, MetadataValue] = {}
    for key, value in (metadata or {}).items():
        if value is None:
            continue
        if isinstance(value, str | int | float | bool):
            out[key] = value
        else:  # dates, paths, ...
            out[key] = str(value)
    return out


def _chroma_settings() -> Any:
    from chromadb.config import Settings as ChromaSettings

    return ChromaSettings(anonymized_telemetry=False, allow_reset=False)


class ChromaVectorStore(VectorStore):
    """One Chroma collection (cosine space) holding the chunk vectors of one embedding model."""

    upsert_batch = 256

    def __init__(self, client: Any, name: str) -> None:
        self._client = client
        self.name = name
        self._collection = client.get_or_create_collection(
            name=name,
            configuration={"hnsw": {"space": "cosine"}},
            embedding_function=None,
        )
        try:  # the server may cap batches below our default
            self._batch = max(1, min(self.upsert_batch, int(client.get_max_batch_size())))
        except Exception:
            self._batch = self.upsert_batch

    @classmethod
    def persistent(cls, path: str | Path, embedding_key: str) -> ChromaVectorStore:
        import chromadb

        Path(path).mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(path=str(path), settings=_chroma_settings())
        return cls(client, collection_name(embedding_key))

    @classmethod
    def http(cls, url: str, embedding_key: str) -> ChromaVectorStore:
        import chromadb

        parsed = urlparse(url if "://" in url else f"http://{url}")
        ssl = parsed.scheme == "https"
        port = parsed.port or (443 if ssl else 8000)
        client = chromadb.HttpClient(
            host=parsed.hostname or "localhost", port=port, ssl=ssl, settings=_chroma_settings()
        )
        return cls(client, collection_name(embedding_key))

    def upsert(
        self,
        ids: Sequence[str],
        vectors: Sequence[Vector],
        documents: Sequence[str] | None = None,
        metadatas: Sequence[Mapping[str, Any]] | None = None,
    ) -> None:
        ids = list(ids)
        if len(vectors) != len(ids):
            raise ValueError("ids and vectors differ in length")
        for start in range(0, len(ids), self._batch):
            end = start + self._batch
            batch: dict[str, Any] = {
                "ids": ids[start:end],
                "embeddings": [[float(x) for x in v] for v in vectors[start:end]],
            }
            if documents is not None:
                batch["documents"] = list(documents[start:end])
            if metadatas is not None:
                # Chroma rejects empty metadata dicts; None means "no metadata" for that record
                batch["metadatas"] = [clean_metadata(m) or None for m in metadatas[start:end]]
            self._collection.upsert(**batch)

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for start in range(0, len(ids), self._batch):
            self._collection.delete(ids=ids[start : start + self._batch])

    def query(
        self, vector: Vector, k: int, where: Mapping[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        n = min(k, self.count())
        if n <= 0:
            return []
        result = self._collection.query(
            query_embeddings=[[float(x) for x in vector]],
            n_results=n,
            where=dict(where) if where else None,
            include=["distances"],
        )
        ids = result["ids"][0]
        distances = result["distances"][0] if result.get("distances") else [1.0] * len(ids)
        # cosine space: distance = 1 - cosine similarity
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def ids(self) -> set[str]:
        return set(self.text_hashes())

    def text_hashes(self) -> dict[str, str | None]:
        out: dict[str, str | None] = {}
        page = 5000
        offset = 0
        while True:
            got = self._collection.get(include=["metadatas"], limit=page, offset=offset)
            for i, meta in zip(got["ids"], got["metadatas"] or [None] * len(got["ids"]), strict=True):
                value = (meta or {}).get("text_hash")
                out[i] = value if isinstance(value, str) else None
            if len(got["ids"]) < page:
                return out
            offset += page

    def state(self) -> str | None:
        # Read through the client, not the cached collection object: another process may have set it.
        meta = self._client.get_collection(self.name).metadata or {}
        value = meta.get("db_state")
        return value if isinstance(value, str) else None

    def set_state(self, state: str) -> None:
        self._collection.modify(metadata={"db_state": state})

    def count(self) -> int:
        return int(self._collection.count())

    def close(self) -> None:
        close = getattr(self._client, "close", None)
        if close is not None:
            close()


def open_vector_store(settings: Settings, embedding_key: str | None = None) -> VectorStore:
    """The store for one embedding model: a Chroma server if chroma_url is set, else embedded."""
    key = embedding_key or settings.embedding_key
    if settings.chroma_url:
        return ChromaVectorStore.http(settings.chroma_url, key)
    return ChromaVectorStore.persistent(settings.chroma_path, key)
