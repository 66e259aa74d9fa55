"""One writer, many readers, and three stores that agree: on real DuckDB files, Chroma and BM25.

Other processes here are real processes: one holding a read-only DuckDB connection (as a CLI
`status` does), one holding the write lock (as a running ingest does).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import make_settings, write_small_corpus

NEW_REPORT = """Rapportage Wmo Nieuwdorp 2020

In 2020 kregen 612 inwoners van Nieuwdorp huishoudelijke hulp via de Wmo.
"""


@pytest.fixture()
def small(tmp_path):
    """An Assistant over the small corpus, plus a folder for more reports."""
    from assistant.api import Assistant

    a = Assistant(make_settings(tmp_path / "data", write_wait_s=0.5))
    assert not any(r.failed for r in a.ingest([write_small_corpus(tmp_path / "corpus")]))
    yield a
    a.close()


def _new_report(tmp_path: Path) -> Path:
    p = tmp_path / "extra" / "nieuwdorp.txt"
    p.parent.mkdir(exist_ok=True)
    p.write_text(NEW_REPORT, encoding="utf-8")
    return p


def _spawn(code: str) -> subprocess.Popen:
    """A helper process that prints 'ready' once it holds what it holds, then waits for a line on stdin."""
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def _ready(proc: subprocess.Popen) -> None:
    assert proc.stdout.readline().strip() == "ready"


def test_ingest_while_another_process_reads_and_both_keep_working(small, tmp_path):
    """Failure 1 and 6: a reading process (a CLI `status`) no longer stops an ingest or the server."""
    published = small.generations.current()
    reader = _spawn(f"""
        import duckdb, sys
        con = duckdb.connect({str(published)!r}, read_only=True)
        print("ready", flush=True)
        sys.stdin.readline()
        print(con.execute("SELECT count(*) FROM documents").fetchone()[0], flush=True)
    """)
    try:
        _ready(reader)
        results = small.ingest([_new_report(tmp_path)])
        assert [r.status for r in results] == ["ingested"], [r.message for r in results]
        # the serving side answers the new report at once ...
        assert [d["file_name"] for d in small.documents()] == ["nieuwdorp.txt", "testdorp.txt", "voorbeeldstad.md"]
        assert "612" in small.ask("Hoeveel inwoners van Nieuwdorp kregen huishoudelijke hulp in 2020?").answer
        # ... while the other process still reads its generation, whole and undisturbed
        reader.stdin.write("\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "2"
    finally:
        reader.kill()
        reader.wait()


def test_a_write_that_cannot_start_leaves_the_reader_answering(small, tmp_path):
    """Another process holds the write lock: a Dutch refusal, and questions are still answered."""
    from assistant.errors import StoreBusyError

    holder = _spawn(f"""
        import sys
        from assistant.storage.writelock import WriteLock
        lock = WriteLock({str(small.settings.data_dir)!r})
        assert lock.try_acquire()
        print("ready", flush=True)
        sys.stdin.readline()
    """)
    try:
        _ready(holder)
        with pytest.raises(StoreBusyError) as err:
            small.ingest([_new_report(tmp_path)])
        assert f"PID {holder.pid}" in err.value.message and "niets gewijzigd" in err.value.message
        assert "4321" in small.ask("Hoeveel inwoners van Testdorp ontvingen in 2019 een scootmobiel?").answer
        assert small.search("schuldhulp Voorbeeldstad", k=1)[0].doc == "voorbeeldstad.md"
    finally:
        holder.kill()
        holder.wait()
    assert [r.status for r in small.ingest([_new_report(tmp_path)])] == ["ingested"]


def test_stale_bm25_and_temp_folders_are_repaired_even_when_the_rerun_is_unchanged(small, tmp_path):
    """Failure 2: DuckDB and Chroma new, BM25 of another state, a .bm25.tmp-* folder: a rerun repairs."""
    from assistant.api import Assistant
    from assistant.storage.bm25 import BM25Index

    data = small.settings.data_dir
    report = _new_report(tmp_path)
    small.ingest([report])
    BM25Index.build(["x:0"], ["iets anders"]).save(data / "bm25")  # as if saved for another generation
    (data / ".bm25.tmp-dead1234").mkdir()
    (data / ".bm25.tmp-dead1234" / "half").write_text("afgebroken", encoding="utf-8")
    small.close()

    again = Assistant(small.settings)
    try:
        assert [r.status for r in again.ingest([report])] == ["unchanged"]
        assert BM25Index.saved_state(data / "bm25") == again.db.state
        assert not list(data.glob(".bm25.*"))
        assert any(cid.startswith(again.db.document_by_file("nieuwdorp.txt")["doc_id"])
                   for cid, _ in again.bm25.search("huishoudelijke hulp Nieuwdorp", k=3))
    finally:
        again.close()


def test_orphan_and_missing_vectors_are_found_and_repaired(small):
    """Vectors no chunk owns are dropped (they took top-k places); a chunk's missing vector comes back."""
    vectors = small.vectors
    chunk_ids = sorted(small.db.chunk_hashes())
    vectors.upsert(["spook:0"], [[0.1] * small.embedder.dim], ["verweesde passage"], [{"doc_id": "spook"}])
    vectors.delete([chunk_ids[0]])
    # The quick check trusts the stamps; the deep one (as `status` runs it) compares record by record.
    check = small.check_stores(repair=False, deep=True)
    assert not check.consistent
    assert check.orphan_vectors == ["spook:0"] and check.missing_vectors == [chunk_ids[0]], check.summary()
    assert "1 vectoren zonder passage" in check.summary()

    vectors.set_state("onderbroken")  # as a write killed before its last step leaves the stamp
    repaired = small.check_stores()
    assert repaired.consistent and any("verwijderd" in r for r in repaired.repaired), repaired.summary()
    assert vectors.ids() == set(chunk_ids)
    assert small.check_stores(deep=True).consistent


def test_status_reports_the_store_check(small, monkeypatch, capsys):
    from assistant import cli
    from assistant.settings import get_settings

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(small.settings.data_dir))
    get_settings.cache_clear()
    try:
        assert cli.main(["status"]) == 0
    finally:
        get_settings.cache_clear()
    out = capsys.readouterr().out
    assert "Controle opslag: in orde" in out and "testdorp.txt" in out


def test_a_store_from_before_generations_is_read_in_place_and_moved_on_the_first_write(small, tmp_path):
    from assistant.api import Assistant

    data = small.settings.data_dir
    published = small.generations.current()
    small.close()
    legacy = data / "assistant.duckdb"
    legacy.unlink()
    shutil.copyfile(published, legacy)  # a plain file, as the previous version kept it
    shutil.rmtree(data / "duckdb")

    a = Assistant(small.settings)
    try:
        assert [d["file_name"] for d in a.documents()] == ["testdorp.txt", "voorbeeldstad.md"]
        assert not legacy.is_symlink()
        assert [r.status for r in a.ingest([_new_report(tmp_path)])] == ["ingested"]
        assert legacy.is_symlink() and len(a.documents()) == 3
        assert a.check_stores(deep=True).consistent
    finally:
        a.close()


def test_readers_in_the_same_and_other_processes_see_a_new_report_without_restart(small, tmp_path):
    from assistant.api import Assistant
    from tests.conftest import cli_env

    other = Assistant(small.settings)  # e.g. a second request handler holding its own Assistant
    try:
        assert len(other.documents()) == 2
        small.ingest([_new_report(tmp_path)])
        assert len(other.documents()) == 3
        out = subprocess.run([sys.executable, "-m", "assistant", "status", "--json"], capture_output=True,
                             text=True, env=cli_env(small.settings.data_dir), timeout=120)
        assert out.returncode == 0, out.stderr
        assert {d["file_name"] for d in json.loads(out.stdout)} == {"nieuwdorp.txt", "testdorp.txt",
                                                                     "voorbeeldstad.md"}
        assert "Controle opslag: in orde" in out.stderr
    finally:
        other.close()


def test_each_write_keeps_the_store_small(small, tmp_path):
    """Copy-on-write: after a write only the published generation is left, and it does not keep growing."""
    data = small.settings.data_dir
    report = _new_report(tmp_path)
    sizes = []
    for i in range(4):
        report.write_text(NEW_REPORT + f"\nVersie {i}.\n", encoding="utf-8")
        small.ingest([report])
        files = list((data / "duckdb").iterdir())
        assert len(files) == 1, files
        sizes.append(files[0].stat().st_size)
    assert sizes[-1] <= sizes[0] * 1.5, sizes
    assert os.path.getsize(data / "assistant.duckdb") == sizes[-1]
