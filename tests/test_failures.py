"""Every CLI failure is a Dutch message and a non-zero exit, never a traceback.

Real causes where this machine can produce them: a database locked by another program (a real
process), an unreadable file (a link to /proc/self/mem: reading it fails with EIO, also as root), a
port in use (a real socket). A full disk cannot be made here without root tricks, so that one is a
test double: the copy of the database raises ENOSPC, as the OS would.
"""

from __future__ import annotations

import errno
import socket
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import make_settings, run_cli, write_small_corpus


@pytest.fixture()
def store(tmp_path, monkeypatch):
    """A small store, and the CLI pointed at it."""
    from assistant.api import Assistant
    from assistant.settings import get_settings

    settings = make_settings(tmp_path / "data")
    a = Assistant(settings)
    assert not any(r.failed for r in a.ingest([write_small_corpus(tmp_path / "corpus")]))
    a.close()
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(settings.data_dir))
    get_settings.cache_clear()
    yield settings
    get_settings.cache_clear()


def _no_english(text: str) -> None:
    for word in ("Traceback", "Error", "Exception", "No such file", "lock on file", "Permission denied"):
        assert word not in text, text


def test_a_database_locked_by_another_program(store, capsys):
    from assistant import cli
    from assistant.storage.generations import Generations

    published = Generations(store.duckdb_path).current()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys
        con = duckdb.connect({str(published)!r})  # read-write: an exclusive lock, as a DuckDB shell would
        print("ready", flush=True)
        sys.stdin.readline()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for command in (["status"], ["sql", "SELECT 1 AS x FROM documents"], ["ask", "Hoeveel gezinnen?"],
                        ["ingest", str(store.data_dir.parent / "corpus")]):
            assert cli.main(command) == 1, command
            err = capsys.readouterr().err
            assert err.startswith("Fout: De database is in gebruik door een ander programma"), err
            assert f"proces {holder.pid}" in err
            _no_english(err)
    finally:
        holder.kill()
        holder.wait()
    assert cli.main(["status"]) == 0


def test_a_full_disk_during_ingest_changes_nothing(store, tmp_path, monkeypatch, capsys):
    from assistant import cli
    from assistant.storage import generations

    report = tmp_path / "nieuw.txt"
    report.write_text("Rapportage Nieuwdorp 2020\n\nIn 2020 kregen 612 inwoners hulp bij het huishouden.\n",
                      encoding="utf-8")
    before = generations.Generations(store.duckdb_path).current()

    def full(src, dst, *a, **k):  # the test double: the OS says the disk is full
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(generations.shutil, "copyfile", full)
    assert cli.main(["ingest", str(report)]) == 1
    out = capsys.readouterr().out
    assert "FOUT: Het bestand 'nieuw.txt' kon niet worden verwerkt: De schijf is vol" in out, out
    _no_english(out)
    assert generations.Generations(store.duckdb_path).current() == before
    assert [p for p in (store.data_dir / "duckdb").iterdir()] == [before]
    monkeypatch.undo()


def test_an_unreadable_file(store, tmp_path, capsys):
    from assistant import cli

    unreadable = tmp_path / "rapport.txt"
    unreadable.symlink_to("/proc/self/mem")  # exists, but every read fails (EIO)
    assert cli.main(["ingest", str(unreadable)]) == 1
    out = capsys.readouterr().out
    assert "FOUT: Het bestand 'rapport.txt' kan niet worden gelezen (een leesfout op de schijf)" in out, out
    _no_english(out)


def test_interrupt_and_unknown_failures_end_in_dutch(capsys):
    import argparse

    from assistant.cli_errors import run_command
    from assistant.errors import dutch_message

    def interrupted(args):
        raise KeyboardInterrupt

    def broken(args):
        raise RuntimeError("something internal")

    assert run_command(interrupted, argparse.Namespace()) == 130
    assert run_command(broken, argparse.Namespace()) == 1
    err = capsys.readouterr().err
    assert "Afgebroken." in err and "Fout: Er ging iets mis" in err and "internal" not in err

    import duckdb

    assert dutch_message(duckdb.IOException("IO Error: No space left on device")).startswith("De schijf is vol")
    assert "geheugen" in dutch_message(duckdb.OutOfMemoryException("Out of Memory Error: failed to allocate"))


@pytest.mark.slow
def test_serve_on_a_port_in_use(store):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        out = run_cli(store.data_dir, "serve", "--port", str(port), timeout=180)
    assert out.returncode == 1
    assert f"Fout: De webinterface kan niet starten op 127.0.0.1:{port}" in out.stderr, out.stderr[-2000:]
    assert "Traceback" not in out.stderr
    assert not (store.data_dir / "server.json").exists()
