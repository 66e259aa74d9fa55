"""kill -9 during an ingest, twenty times: afterwards the stores hold the old or the new report, whole.

A real ingest of a changed report runs in a child process (tests/crash_child.py) and gets SIGKILL at
one of eleven named moments (between the vector upsert and the DuckDB swap, inside the DuckDB
transaction, at three moments inside the BM25 save, after the publication ...) or at nine seeded
random moments. After each kill a fresh Assistant (a new process would see the same files) must
show one version completely in status, search, BM25 and a known question; then a rerun completes
and BM25 finds the new passages. Small invented corpus (tests/conftest.py), embeddings cached after
the first round, so a round costs a few seconds.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
from pathlib import Path

import pytest

from tests import crash_child
from tests.conftest import KNOWN_QUESTION, REPORT_V1, REPORT_V2, make_settings, write_small_corpus

N_RANDOM = 9
SEED = 20240612
NEW_WORD = "buurtbus"  # only in REPORT_V2


def _doc_id(text: str) -> str:
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


OLD_ID, NEW_ID = _doc_id(REPORT_V1), _doc_id(REPORT_V2)
NUMBER = {OLD_ID: "4321", NEW_ID: "5678"}


@pytest.fixture(scope="module")
def forkserver():
    """Children start from a process that has imported the heavy modules once (and opened nothing)."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["assistant.api", "assistant.ingest.pipeline", "assistant.extract",
                                "assistant.storage.vectorstore", "chromadb", "bm25s", "tests.crash_child"])
    return ctx


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A data dir with the small corpus at version 1, and the two versions of the changing report."""
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    from assistant.api import Assistant

    root = tmp_path_factory.mktemp("crash")
    corpus = write_small_corpus(root / "corpus")
    v1, v2 = root / "v1" / "testdorp.txt", root / "v2" / "testdorp.txt"
    for path, text in ((v1, REPORT_V1), (v2, REPORT_V2)):
        path.parent.mkdir()
        path.write_text(text, encoding="utf-8")
    settings = make_settings(root / "data")
    a = Assistant(settings)
    assert not any(r.failed for r in a.ingest([corpus]))
    a.close()
    return settings, v1, v2


def _child(ctx, settings, report: Path, point: str | None):
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=crash_child.run, args=(str(settings.data_dir), str(report), point, child))
    proc.start()
    child.close()
    return proc, parent


def _receive(conn, timeout: float = 180.0):
    if not conn.poll(timeout):
        raise AssertionError("the ingest child did not report within the timeout")
    return conn.recv()


def _kill(proc) -> None:
    if proc.is_alive():
        os.kill(proc.pid, signal.SIGKILL)
    proc.join(30)


def _assert_one_version(settings) -> str:
    """Status, the store check, search, BM25 and a known question all show the same whole version."""
    from assistant.api import Assistant

    a = Assistant(settings)
    try:
        docs = {d["file_name"]: d for d in a.documents()}
        assert set(docs) == {"testdorp.txt", "voorbeeldstad.md"}, docs
        version = docs["testdorp.txt"]["doc_id"]
        assert version in (OLD_ID, NEW_ID)
        check = a.check_stores(deep=True)  # repairs what the kill left, then reports
        assert a.check_stores(deep=True).consistent, check.summary()
        chunks = {r["chunk_id"]: r["doc_id"] for r in a.db.query("SELECT chunk_id, doc_id FROM chunks")}
        assert set(chunks.values()) == {version, docs["voorbeeldstad.md"]["doc_id"]}, "chunks of two versions"
        assert a.vectors.ids() == set(chunks), "vectors and chunks differ"
        assert docs["testdorp.txt"]["n_chunks"] == sum(1 for d in chunks.values() if d == version)

        for hit in a.search("scootmobiel wachttijd mantelzorg Testdorp", k=6):
            assert hit.chunk_id in chunks and (hit.doc != "testdorp.txt" or hit.chunk_id.startswith(version))
        bm25_hits = [cid for cid, _ in a.bm25.search(NEW_WORD, k=5)]
        assert all(cid in chunks for cid in bm25_hits), "BM25 returns chunks DuckDB does not have"
        assert bool(bm25_hits) == (version == NEW_ID), (version, bm25_hits)

        answer = a.ask(KNOWN_QUESTION).answer
        other = NUMBER[NEW_ID if version == OLD_ID else OLD_ID]
        assert NUMBER[version] in answer and other not in answer, answer

        data = settings.data_dir
        assert not list(data.glob(".bm25.*")), "temporary BM25 folders left behind"
        published = Path(os.readlink(data / "assistant.duckdb")).name
        assert [p.name for p in (data / "duckdb").iterdir()] == [published], "generation files left behind"
        return version
    finally:
        a.close()


def _ingest_in_parent(settings, report: Path, expect: str) -> None:
    from assistant.api import Assistant

    a = Assistant(settings)
    try:
        results = a.ingest([report])
        assert [r.status for r in results] in (["replaced"], ["unchanged"]), [r.message for r in results]
        assert a.documents()[0]["doc_id"] == expect
        if expect == NEW_ID:
            hits = a.bm25.search(NEW_WORD, k=3)
            assert hits and all(cid.startswith(NEW_ID) for cid, _ in hits), hits
            assert any(NEW_WORD in p.text for p in a.search(f"pilot {NEW_WORD} najaar", k=3))
    finally:
        a.close()


@pytest.mark.slow
def test_twenty_kills_leave_old_or_new_version_whole(store, forkserver):
    settings, v1, v2 = store
    # Calibration: one uninterrupted run (it also fills the embedding cache), to place the random kills.
    proc, conn = _child(forkserver, settings, v2, None)
    assert _receive(conn) == "started"
    done = _receive(conn)
    proc.join(30)
    assert done[0] == "done" and done[2] == ["replaced"], done
    duration = done[1]
    assert _assert_one_version(settings) == NEW_ID
    _ingest_in_parent(settings, v1, OLD_ID)

    rng = random.Random(SEED)
    moments: list[tuple[str | None, float]] = [(p, 0.0) for p in crash_child.PAUSE_POINTS]
    moments += [(None, rng.uniform(0.0, duration * 1.2)) for _ in range(N_RANDOM)]
    assert len(moments) == 20
    seen = {OLD_ID: 0, NEW_ID: 0}
    for point, delay in moments:
        proc, conn = _child(forkserver, settings, v2, point)
        try:
            assert _receive(conn) == "started"
            if point is not None:
                assert _receive(conn) == point, point
            elif conn.poll(delay):
                conn.recv()  # finished before the kill: still a valid moment
        finally:
            _kill(proc)
        version = _assert_one_version(settings)
        seen[version] += 1
        _ingest_in_parent(settings, v2, NEW_ID)  # the rerun completes ...
        assert _assert_one_version(settings) == NEW_ID  # ... and everything shows the new version
        _ingest_in_parent(settings, v1, OLD_ID)  # back to the old version for the next kill
    # The named moments before the publication keep the old version, the ones after show the new one.
    assert seen[OLD_ID] >= 8 and seen[NEW_ID] >= 3, seen
