"""Dutch BM25 keyword index (bm25s) with stemming and compound-aware subword tokens.

Dutch writes compounds as one word (jeugdhulptrajecten, bijstandsuitkeringen), so a question about
"jeugdhulp" would miss "jeugdhulptrajecten" with whole-word tokens only. Besides the stemmed words
we index character n-grams of long words in a second BM25 index; the final score is
word_score + subword_weight * subword_score. Two indexes keep n-grams from swamping word matches.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FORMAT_VERSION = 1
_MANIFEST = "manifest.json"  # written last: a directory without it is incomplete

# bm25s' Dutch list plus words that are noise in municipal reports, accents stripped.
_EXTRA_STOPWORDS = {
    "welk",
    "welke",
    "wanneer",
    "waarom",
    "hoeveel",
    "hoe",
    "wat",
    "wie",
    "waar",
    "per",
    "the",
    "wel",
    "ook",
    "nog",
    "al",
    "we",
    "wij",
    "onze",
    "ons",
    "u",
    "jullie",
    "zijn",
    "is",
    "worden",
    "wordt",
    "werd",
    "werden",
    "heeft",
    "hebben",
    "had",
    "kunnen",
    "kan",
    "zal",
    "zullen",
    "gaan",
    "aan",
    "bij",
    "als",
    "dan",
    "dit",
    "deze",
    "die",
    "dat",
    "er",
    "daar",
    "hier",
    "volgens",
}


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1)
def dutch_stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_DUTCH

    return frozenset(strip_accents(w.lower()) for w in STOPWORDS_DUTCH) | _EXTRA_STOPWORDS


@lru_cache(maxsize=1)
def _stemmer():
    import Stemmer

    return Stemmer.Stemmer("dutch")


# Digit groups with Dutch thousands separators stay one token: "1.408" -> "1408".
_NUMBER = re.compile(r"\d{1,3}(?:\.\d{3})+(?!\d)")
_WORD = re.compile(r"[a-z0-9]+")


@dataclass(frozen=True)
class TokenizerConfig:
    stem: bool = True
    ngram: int = 4  # 0 disables subword tokens; 4 beat 3 and 5 in bench/retrieval_probe.py
    min_ngram_word: int = 6  # only words this long get n-grams (short words match as words)
    subword_weight: float = 0.3
    k1: float = 1.2
    b: float = 0.75


def normalise_words(text: str) -> list[str]:
    """Lowercase, accent-free word tokens without stopwords (not stemmed)."""
    text = strip_accents(text.lower())
    text = _NUMBER.sub(lambda m: m.group(0).replace(".", ""), text)
    stop = dutch_stopwords()
    return [w for w in _WORD.findall(text) if w not in stop and (len(w) > 1 or w.isdigit())]


def word_tokens(words: Sequence[str], config: TokenizerConfig) -> list[str]:
    if not config.stem:
        return list(words)
    return _stemmer().stemWords(list(words))


def subword_tokens(words: Sequence[str], config: TokenizerConfig) -> list[str]:
    """Character n-grams of long words, so compound parts match (jeugdhulp ~ jeugdhulptrajecten)."""
    n = config.ngram
    if n <= 0:
        return []
    out: list[str] = []
    for w in words:
        if len(w) >= config.min_ngram_word and not w.isdigit():
            out.extend(w[i : i + n] for i in range(len(w) - n + 1))
    return out


def tokenize(text: str, config: TokenizerConfig | None = None) -> tuple[list[str], list[str]]:
    """(word tokens, subword tokens) for one text."""
    config = config or TokenizerConfig()
    words = normalise_words(text)
    return word_tokens(words, config), subword_tokens(words, config)


def _quiet_bm25s() -> None:
    """bm25s sets its own logger to DEBUG, which prints "Building index" lines through any handler."""
    import logging

    logging.getLogger("bm25s").setLevel(logging.WARNING)


def _index(token_lists: list[list[str]], config: TokenizerConfig):
    import bm25s

    _quiet_bm25s()

    model = bm25s.BM25(k1=config.k1, b=config.b)
    # bm25s needs at least one token per document to build its vocabulary
    model.index([t or [""] for t in token_lists], show_progress=False)
    return model


def _scores(model, tokens: list[str]) -> np.ndarray | None:
    ids = model.get_tokens_ids(tokens)
    if not ids:
        return None
    return model.get_scores(ids)


class BM25Index:
    """Keyword index over chunk ids. Build once per ingest, save, load at startup."""

    def __init__(self, ids: list[str], words_model, subwords_model, config: TokenizerConfig,
                 db_state: str | None = None) -> None:
        self.ids = ids
        self.config = config
        # The DuckDB generation the index was built from (assistant.storage.generations); None if unknown.
        self.db_state = db_state
        self._words = words_model
        self._subwords = subwords_model
        self._pos = {cid: i for i, cid in enumerate(ids)}

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def build(
        cls, ids: Iterable[str], texts: Iterable[str], config: TokenizerConfig | None = None
    ) -> BM25Index:
        config = config or TokenizerConfig()
        ids = list(ids)
        texts = list(texts)
        if len(ids) != len(texts):
            raise ValueError("ids and texts differ in length")
        if not ids:
            return cls([], None, None, config)
        toks = [tokenize(t, config) for t in texts]
        words = _index([w for w, _ in toks], config)
        subwords = _index([s for _, s in toks], config) if config.ngram > 0 else None
        return cls(ids, words, subwords, config)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every indexed chunk for the query (same order as self.ids)."""
        total = np.zeros(len(self.ids), dtype=np.float32)
        if not self.ids:
            return total
        words, subwords = tokenize(query, self.config)
        s = _scores(self._words, words)
        if s is not None:
            total += s
        if self._subwords is not None and subwords:
            s = _scores(self._subwords, subwords)
            if s is not None:
                total += self.config.subword_weight * s
        return total

    def search(self, query: str, k: int = 10, allowed_ids: set[str] | None = None) -> list[tuple[str, float]]:
        """Top-k (chunk_id, score), best first; only chunks with a positive score."""
        scores = self.scores(query)
        if allowed_ids is not None:
            mask = np.fromiter((cid in allowed_ids for cid in self.ids), dtype=bool, count=len(self.ids))
            scores = np.where(mask, scores, 0.0)
        positive = np.flatnonzero(scores > 0)
        if positive.size == 0 or k <= 0:
            return []
        # stable sort: ties keep index order, so results are deterministic
        order = positive[np.argsort(-scores[positive], kind="stable")][:k]
        return [(self.ids[i], float(scores[i])) for i in order]

    # -- persistence -------------------------------------------------------------------------

    def save(self, path: str | Path) -> None:
        """Write atomically: build in a temp dir beside `path`, then swap it in by renames.

        At every moment `path` is either the old complete index, absent (between the two
        renames; load() then falls back to the old copy) or the new complete index.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tag = uuid.uuid4().hex[:8]
        tmp = path.parent / f".{path.name}.tmp-{tag}"
        old = path.parent / f".{path.name}.old-{tag}"
        try:
            tmp.mkdir()
            if self._words is not None:
                self._words.save(str(tmp / "words"), show_progress=False)
            if self._subwords is not None:
                self._subwords.save(str(tmp / "subwords"), show_progress=False)
            (tmp / "ids.json").write_text(json.dumps(self.ids), encoding="utf-8")
            manifest = {"format": FORMAT_VERSION, "n": len(self.ids), "config": asdict(self.config),
                        "db_state": self.db_state}
            for f in tmp.rglob("*"):  # data must be on disk before the manifest says "complete"
                if f.is_file():
                    _fsync_file(f)
            _write_synced(tmp / _MANIFEST, json.dumps(manifest))
            if path.exists():
                os.rename(path, old)
            os.rename(tmp, path)
            _fsync_dir(path.parent)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
        for stale in path.parent.glob(f".{path.name}.old-*"):  # left by an earlier crash
            shutil.rmtree(stale, ignore_errors=True)

    @classmethod
    def load(cls, path: str | Path) -> BM25Index | None:
        """The saved index, or None when there is none (or only an incomplete one)."""
        path = Path(path)
        candidates = [path]
        if not path.exists():  # crashed between the two renames of save(): use the old copy
            candidates = sorted(path.parent.glob(f".{path.name}.old-*"), key=os.path.getmtime)[::-1]
        for cand in candidates:
            if (cand / _MANIFEST).is_file():
                return cls._load_dir(cand)
        return None

    @classmethod
    def _load_dir(cls, path: Path) -> BM25Index:
        import bm25s

        _quiet_bm25s()

        manifest = json.loads((path / _MANIFEST).read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT_VERSION:
            raise ValueError(f"unsupported BM25 index format in {path}: {manifest.get('format')}")
        config = TokenizerConfig(**manifest["config"])
        ids = json.loads((path / "ids.json").read_text(encoding="utf-8"))

        def load_model(name: str):
            sub = path / name
            if not sub.is_dir():
                return None
            return bm25s.BM25.load(str(sub), show_progress=False, verbosity=0)

        return cls(ids, load_model("words"), load_model("subwords"), config, manifest.get("db_state"))

    @staticmethod
    def saved_state(path: str | Path) -> str | None:
        """The db_state in the saved manifest, without loading the index (None: no complete index)."""
        try:
            manifest = json.loads((Path(path) / _MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return manifest.get("db_state")

    @staticmethod
    def leftovers(path: str | Path) -> list[Path]:
        """Temporary and previous copies beside `path` that a crash during save() left behind."""
        path = Path(path)
        return sorted(path.parent.glob(f".{path.name}.tmp-*")) + sorted(path.parent.glob(f".{path.name}.old-*"))


def _write_synced(path: Path, text: str) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())


def _fsync_file(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:  # not supported on every platform
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
