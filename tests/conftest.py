"""Shared fixtures: a real store (DuckDB file, Chroma, BM25, e5 embeddings) built from corpus/ once."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def make_settings(data_dir: Path, **kw):
    from assistant.settings import Settings

    return Settings(data_dir=data_dir, **kw)


@pytest.fixture(scope="session")
def built_assistant(tmp_path_factory):
    """An Assistant over the whole bundled corpus (ingested once per test session)."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from assistant.api import Assistant

    data = tmp_path_factory.mktemp("store")
    a = Assistant(make_settings(data))
    results = a.ingest([CORPUS])
    assert not any(r.failed for r in results), [r.message for r in results]
    a.warm_up()
    yield a
    a.close()


@pytest.fixture(scope="session")
def dev_questions() -> list[dict]:
    if not DEV.exists():
        pytest.skip("../shared/eval/dev.jsonl is not available")
    return [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
