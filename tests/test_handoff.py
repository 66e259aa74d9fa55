"""Serve and ingest side by side: a real `python -m assistant serve` process and real CLI processes.

The CLI's ingest and remove are handed to the running server (loopback endpoint, token in
server.json) and show its progress; the server answers the new report without a restart; readers
(status, sql, search) run next to it. Small invented corpus, prepared before the server starts.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import make_settings, run_cli, start_serve, stop_process, write_small_corpus

pytestmark = pytest.mark.slow

NEW_REPORT = """Rapportage Wmo Nieuwdorp 2020

In 2020 kregen 612 inwoners van Nieuwdorp huishoudelijke hulp via de Wmo.
"""
NEW_QUESTION = "Hoeveel inwoners van Nieuwdorp kregen in 2020 huishoudelijke hulp?"


def prepared_store(root: Path, **settings) -> Path:
    """A data dir holding the small corpus, written in this process and closed again."""
    from assistant.api import Assistant

    data = root / "data"
    a = Assistant(make_settings(data, **settings))
    assert not any(r.failed for r in a.ingest([write_small_corpus(root / "corpus")]))
    a.close()
    return data


def ask_web(url: str, question: str) -> str:
    from gradio_client import Client

    _, messages, *_ = Client(url, verbose=False).predict(question, [], api_name="/vraag")
    content = messages[-1]["content"]
    return " ".join(c.get("text", "") for c in content) if isinstance(content, list) else content


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = tmp_path_factory.mktemp("handoff")
    data = prepared_store(root)
    proc, url = start_serve(data, root / "serve.log")
    yield proc, url, data, root
    assert stop_process(proc) == 0, (root / "serve.log").read_text(errors="replace")[-2000:]
    assert not (data / "server.json").exists(), "the server did not give up its registration"


def test_cli_ingest_and_remove_are_handed_to_the_running_server(served):
    proc, url, data, root = served
    report = root / "nieuwdorp.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")

    out = run_cli(data, "ingest", str(report))
    assert out.returncode == 0, out.stderr
    assert f"De webinterface draait (proces {proc.pid})" in out.stderr
    assert "nieuwdorp.txt: opslaan" in out.stderr  # the server's progress, shown here
    assert "'nieuwdorp.txt' ingelezen" in out.stdout
    assert "Traceback" not in out.stderr

    assert "612" in ask_web(url, NEW_QUESTION)  # the running server answers it: no restart
    assert proc.poll() is None

    # readers next to the server
    status = run_cli(data, "status", "--json")
    assert status.returncode == 0, status.stderr
    assert "nieuwdorp.txt" in {d["file_name"] for d in json.loads(status.stdout)}
    sql = run_cli(data, "sql", "--json", "SELECT file_name FROM documents ORDER BY file_name")
    assert sql.returncode == 0 and json.loads(sql.stdout)[0] == {"file_name": "nieuwdorp.txt"}, sql.stderr
    search = run_cli(data, "search", "--json", "huishoudelijke hulp Nieuwdorp", "-k", "1")
    assert search.returncode == 0 and json.loads(search.stdout)[0]["doc"] == "nieuwdorp.txt", search.stderr

    gone = run_cli(data, "remove", "nieuwdorp.txt")
    assert gone.returncode == 0 and "is verwijderd" in gone.stdout, gone.stderr
    assert "612" not in ask_web(url, NEW_QUESTION)
    again = run_cli(data, "remove", "nieuwdorp.txt")
    assert again.returncode == 1 and "is niet ingelezen" in again.stderr


def test_a_bad_file_handed_over_gets_a_dutch_message_and_exit_1(served):
    _, _, data, root = served
    bad = root / "kapot.pdf"
    bad.write_bytes(b"%PDF-1.4 geen echte pdf")
    out = run_cli(data, "ingest", str(bad), str(root / "bestaat-niet.txt"))
    assert out.returncode == 1
    assert "FOUT: Het bestand 'kapot.pdf'" in out.stdout and "FOUT: Het bestand 'bestaat-niet.txt' bestaat niet" in out.stdout
    assert "Traceback" not in out.stderr and "No such file" not in out.stdout


def test_the_endpoint_wants_the_token(served):
    _, _, data, _ = served
    info = json.loads((data / "server.json").read_text(encoding="utf-8"))
    assert oct(os.stat(data / "server.json").st_mode & 0o777) == "0o600"
    req = urllib.request.Request(f"http://127.0.0.1:{info['port']}/v1/remove", method="POST",
                                 data=b'{"file_name": "testdorp.txt"}',
                                 headers={"Authorization": "Bearer verkeerd", "Content-Type": "application/json"})
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 401
    assert "Niet gemachtigd" in json.loads(err.value.read())["error"]
    assert "testdorp.txt" in run_cli(data, "status").stdout
