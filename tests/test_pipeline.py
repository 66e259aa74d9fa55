"""Ingestion end to end on real stores: idempotent re-ingest, replace, remove, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import make_settings

REPORT_A = """Jaarverslag sociaal domein Testdorp 2019

Wat hebben wij gedaan?
In 2019 ontvingen 4321 inwoners van Testdorp een scootmobiel. Dat zijn er meer dan in 2018.
De gemeente Testdorp heeft de wachttijd voor de Wmo teruggebracht tot twee weken.
"""

REPORT_A2 = REPORT_A + "\nNieuw in deze versie: de pilot buurtbus is gestart in het najaar van 2019.\n"


@pytest.fixture()
def assistant(tmp_path):
    from assistant.api import Assistant

    a = Assistant(make_settings(tmp_path / "data"))
    yield a
    a.close()


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    p = folder / name
    p.write_text(text, encoding="utf-8")
    return p


def test_ingest_is_idempotent_and_replaces_changed_files(assistant, tmp_path):
    src = tmp_path / "in"
    p = _write(src, "testdorp.txt", REPORT_A)
    first = assistant.ingest([p])
    assert [r.status for r in first] == ["ingested"]
    n_chunks = assistant.documents()[0]["n_chunks"]
    assert assistant.vectors.count() == n_chunks

    again = assistant.ingest([p])
    assert [r.status for r in again] == ["unchanged"]

    _write(src, "testdorp.txt", REPORT_A2)
    replaced = assistant.ingest([p])
    assert [r.status for r in replaced] == ["replaced"]
    docs = assistant.documents()
    assert len(docs) == 1
    # old vectors are gone, new ones are in: Chroma holds exactly the chunks DuckDB knows
    ids = {r["chunk_id"] for r in assistant.db.query("SELECT chunk_id FROM chunks")}
    assert assistant.vectors.ids() == ids
    hits = assistant.search("buurtbus najaar", k=3)
    assert hits and "buurtbus" in hits[0].text


def test_remove_deletes_rows_vectors_and_search_hits(assistant, tmp_path):
    p = _write(tmp_path / "in", "testdorp.txt", REPORT_A)
    assistant.ingest([p])
    assert assistant.remove("testdorp.txt")
    assert assistant.documents() == []
    assert assistant.vectors.count() == 0
    assert assistant.search("scootmobiel", k=3) == []
    assert not assistant.remove("testdorp.txt")


def test_bad_files_get_dutch_messages_and_nothing_is_lost(assistant, tmp_path):
    src = tmp_path / "in"
    good = _write(src, "testdorp.txt", REPORT_A)
    assistant.ingest([good])
    before = assistant.db.query("SELECT count(*) AS n FROM chunks")[0]["n"]

    bad_pdf = src / "kapot.pdf"
    bad_pdf.write_bytes(b"%PDF-1.4 dit is geen echte pdf \x00\x01\x02")
    empty = src / "leeg.txt"
    empty.write_text("", encoding="utf-8")
    odd = src / "tabel.xlsx"
    odd.write_bytes(b"PK\x03\x04")
    other = _write(src, "ander.md", "# Rapport Voorbeeldstad\n\nIn Voorbeeldstad kregen 77 gezinnen schuldhulp.\n")

    results = {r.file_name: r for r in assistant.ingest([bad_pdf, empty, odd, other])}
    for name in ("kapot.pdf", "leeg.txt", "tabel.xlsx"):
        assert results[name].failed, name
        assert name in results[name].message
    assert results["ander.md"].status == "ingested"
    after = assistant.db.query("SELECT count(*) AS n FROM chunks WHERE file_name = 'testdorp.txt'")[0]["n"]
    assert after == before
    assert assistant.search("scootmobiel", k=2)[0].doc == "testdorp.txt"


def test_cli_ingest_exit_code_is_nonzero_on_a_bad_file(tmp_path, monkeypatch):
    from assistant import cli
    from assistant.settings import get_settings

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    bad = tmp_path / "kapot.pdf"
    bad.write_bytes(b"not a pdf")
    try:
        assert cli.main(["ingest", str(bad)]) == 1
    finally:
        get_settings.cache_clear()
