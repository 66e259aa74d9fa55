"""The command line on a real store: figures, sql (read-only), ask --json --batch (the eval contract)."""

from __future__ import annotations

import json

import pytest

from assistant import cli

pytestmark = pytest.mark.slow


@pytest.fixture()
def store_env(built_assistant, monkeypatch):
    from assistant.settings import get_settings

    # The CLI builds its own Assistant from ASSISTANT_* settings; point it at the session store.
    built_assistant.close()
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(built_assistant.settings.data_dir))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    from assistant.storage.database import Database

    built_assistant.db = Database(built_assistant.settings.duckdb_path, read_only=True)


def test_figures_lists_facts(store_env, capsys):
    assert cli.main(["figures", "--grep", "ondersteuningsplannen", "--json"]) == 0
    figs = json.loads(capsys.readouterr().out)
    assert any(f["label"] == "Figuur 4" and any(x["value"] == 934 for x in f["facts"]) for f in figs)


def test_sql_runs_read_only_select_and_refuses_writes(store_env, capsys):
    assert cli.main(["sql", "--json", "SELECT count(*) AS n FROM commitments"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"n": 3}]
    assert cli.main(["sql", "DELETE FROM facts"]) == 2
    assert cli.main(["sql", "SELECT * FROM read_csv('/etc/passwd')"]) == 2


def test_ask_batch_follows_the_contract(store_env, capsys, tmp_path):
    qfile = tmp_path / "q.jsonl"
    qfile.write_text("\n".join(json.dumps({"id": f"q{i}", "question": q}) for i, q in enumerate([
        "Hoeveel cliënten telde de Participatiewet in Lansingerland in het eerste halfjaar van 2018?",
        "Wat houdt toezegging T2018-064 in?",
        "Hoeveel jeugdigen in Gorinchem kregen in 2016 jeugdhulp?",
    ])), encoding="utf-8")
    assert cli.main(["ask", "--json", "--batch", str(qfile)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["q0", "q1", "q2"]
    for o in out:
        assert set(o) == {"id", "question", "answer", "route", "sql", "citations", "refused", "elapsed_ms"}
    assert "839" in out[0]["answer"] and out[0]["route"] == "sql" and out[0]["sql"]
    assert out[0]["citations"][0]["doc"] == "000_2e09650ff663accc.txt"
    assert out[1]["route"] == "commitment"
    assert out[2]["refused"] is True
