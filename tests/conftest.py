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


# ---- a small invented corpus, for tests that run processes or break things ----------------------

REPORT_V1 = """Jaarverslag sociaal domein Testdorp 2019

Hulpmiddelen
In 2019 ontvingen 4321 inwoners van Testdorp een scootmobiel. Dat zijn er meer dan in 2018.
De gemeente Testdorp heeft de wachttijd voor de Wmo teruggebracht tot twee weken.

Mantelzorg
Het steunpunt mantelzorg in Testdorp ondersteunde 210 mantelzorgers met advies en respijtzorg.
"""

# The same report, changed: another number, one passage more.
REPORT_V2 = REPORT_V1.replace("4321", "5678") + """
Vervoer
Nieuw in deze versie: de pilot buurtbus is gestart in het najaar van 2019 en reed 48 ritten per week.
"""

OTHER_REPORT = """# Monitor schuldhulp Voorbeeldstad 2019

In Voorbeeldstad kregen 77 gezinnen schuldhulpverlening via het wijkteam.
De gemiddelde wachttijd voor een eerste gesprek was negen dagen.
"""

KNOWN_QUESTION = "Hoeveel inwoners van Testdorp ontvingen in 2019 een scootmobiel?"


def write_small_corpus(folder: Path, report: str = REPORT_V1) -> Path:
    """Two small reports in `folder`: testdorp.txt (REPORT_V1 unless given) and voorbeeldstad.md."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "testdorp.txt").write_text(report, encoding="utf-8")
    (folder / "voorbeeldstad.md").write_text(OTHER_REPORT, encoding="utf-8")
    return folder


def cli_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Environment for a `python -m assistant` subprocess on `data_dir` (never ../shared, no telemetry)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ASSISTANT_")}
    env.update({"ASSISTANT_DATA_DIR": str(data_dir), "ANONYMIZED_TELEMETRY": "False", "HF_HUB_OFFLINE": "1",
                "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1"}, **extra)
    return env


def tree_digest(folder: Path, skip: tuple[str, ...] = ("write.lock", "server.lock")) -> dict[str, str]:
    """sha256 of every file under `folder` by relative path (symlinks by target): a byte-level snapshot."""
    import hashlib

    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if p.name in skip:
            continue
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out
