"""The command line speaks Dutch: help (argparse's own strings too), status, chat's 'hulp', answers
with the headline first and SQL only on request, ingest without debug lines."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from assistant import cli
from tests.conftest import ROOT

# English that must never reach a user of the CLI.
ENGLISH = re.compile(r"usage:|positional arguments|\boptions:|show this help|error:|the following arguments|"
                     r"\bpassages? found\b|DEBUG", re.I)


def run_main(argv: list[str], capsys) -> tuple[int, str]:
    try:
        code = cli.main(argv)
    except SystemExit as e:  # --help and argument errors exit
        code = int(e.code or 0)
    out = capsys.readouterr()
    return code, out.out + out.err


@pytest.mark.parametrize("argv", [["--help"], ["ask", "--help"], ["chat", "--help"], ["status", "--help"],
                                  ["ingest", "--help"]])
def test_help_is_dutch(argv, capsys):
    code, text = run_main(argv, capsys)
    assert code == 0
    assert "gebruik: python -m assistant" in text and "opties:" in text
    assert not ENGLISH.search(text), text


def test_ask_help_documents_json_sql_and_filters(capsys):
    _, text = run_main(["ask", "--help"], capsys)
    for flag in ("--json", "--batch", "--sql", "--gemeente", "--jaar"):
        assert flag in text
    assert "citations" in text  # what --json prints


def test_argument_errors_are_dutch(capsys):
    code, text = run_main(["ask", "--jaar", "twintig", "vraag"], capsys)
    assert code == 2
    assert "fout: argument --jaar" in text and "ongeldige waarde" in text
    code, text = run_main(["onbekend"], capsys)
    assert code == 2 and "ongeldige keuze" in text


@pytest.fixture()
def store_env(built_assistant, monkeypatch):
    from assistant.settings import get_settings
    from assistant.storage.database import Database

    built_assistant.close()
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(built_assistant.settings.data_dir))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()
    built_assistant.db = Database(built_assistant.settings.duckdb_path, read_only=True)


@pytest.mark.slow
def test_status_is_dutch_with_titles_and_read_counts(store_env, capsys):
    code, text = run_main(["status"], capsys)
    assert code == 0
    header = text.splitlines()[0]
    for col in ("Titel", "Gemeente", "Periode", "Tabellen gelezen/deels/niet", "Toezeggingen"):
        assert col in header
    assert "file_name" not in text and "n_chunks" not in text
    assert "eerste helft 2018" in text and "2018-H1" not in text
    assert re.search(r"4 documenten, \d+ passages, \d\.\d{3} cijfers\.", text), text


@pytest.mark.slow
def test_answer_puts_the_figure_first_and_sql_only_with_the_flag(store_env, capsys):
    q = "Wat waren de totale lasten van programma 3 in 2017?"
    _, text = run_main(["ask", q], capsys)
    assert text.splitlines()[0].startswith("€ 34,0 miljoen totaal lasten, Lansingerland, realisatie 2017")
    assert "33.976 × € 1.000" in text.splitlines()[0]
    assert "SQL:" not in text
    _, text = run_main(["ask", "--sql", q], capsys)
    assert "\nSQL: SELECT" in text


@pytest.mark.slow
def test_chat_has_help_and_does_not_ask_it(store_env, capsys, monkeypatch):
    lines = iter(["hulp", "stop"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    code, text = run_main(["chat"], capsys)
    assert code == 0
    assert "Opdrachten:" in text and "gemeente NAAM" in text
    assert "niet vinden" not in text  # 'hulp' was not sent as a question


@pytest.mark.slow
def test_ingest_prints_no_debug_lines(tmp_path):
    env = {**os.environ, "ASSISTANT_DATA_DIR": str(tmp_path / "store"), "ANONYMIZED_TELEMETRY": "False"}
    fixture = ROOT / "tests" / "fixtures" / "ui" / "jaarrapportage_oudewater_2019.txt"
    res = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(fixture)], capture_output=True,
                         text=True, env=env, cwd=ROOT, timeout=300)
    assert res.returncode == 0, res.stderr
    assert "ingelezen: 5 passages, 9 cijfers" in res.stdout
    assert "DEBUG" not in res.stdout + res.stderr
    assert "%/s" not in res.stderr and "s/%" not in res.stderr
