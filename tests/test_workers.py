"""Two web workers on one data directory, vectors in a real Chroma server (the documented set-up).

The first `serve` takes the writer role; the second only reads and hands writes to it. A report
ingested from the command line is answered by both without a restart. When the writer stops, the
next ingest writes directly (one process at a time, by the write lock) and the remaining worker
answers that report too.
"""

from __future__ import annotations

import json

import pytest

from tests.conftest import launch_serve, run_cli, stop_process, wait_for_http
from tests.test_handoff import NEW_QUESTION, NEW_REPORT, ask_web, prepared_store

pytestmark = pytest.mark.slow

LATER_REPORT = """Rapportage Jeugdwet Nieuwdorp 2021

In 2021 kregen 97 jongeren in Nieuwdorp jeugdhulp met verblijf.
"""
LATER_QUESTION = "Hoeveel jongeren in Nieuwdorp kregen in 2021 jeugdhulp met verblijf?"


def test_two_workers_share_one_data_directory(chroma_url, tmp_path):
    data = prepared_store(tmp_path, chroma_url=chroma_url)
    env = {"ASSISTANT_CHROMA_URL": chroma_url}
    workers = [launch_serve(data, tmp_path / f"{name}.log", **env) for name in ("a", "b")]  # started together
    try:
        for (proc, url), name in zip(workers, ("a", "b"), strict=True):
            wait_for_http(url, proc, tmp_path / f"{name}.log")
        # whichever claimed the data directory first is the writer; the other says it hands writes over
        writer_pid = json.loads((data / "server.json").read_text(encoding="utf-8"))["pid"]
        (writer, writer_url), (reader, reader_url) = sorted(workers, key=lambda w: w[0].pid != writer_pid)
        reader_log = tmp_path / ("a.log" if reader is workers[0][0] else "b.log")
        assert "verzorgt het inlezen" in reader_log.read_text(encoding="utf-8")

        report = tmp_path / "nieuwdorp.txt"
        report.write_text(NEW_REPORT, encoding="utf-8")
        out = run_cli(data, "ingest", str(report), **env)
        assert out.returncode == 0 and f"(proces {writer.pid})" in out.stderr, out.stderr
        assert "612" in ask_web(reader_url, NEW_QUESTION)
        assert "612" in ask_web(writer_url, NEW_QUESTION)

        assert stop_process(writer) == 0
        later = tmp_path / "nieuwdorp-2021.txt"
        later.write_text(LATER_REPORT, encoding="utf-8")
        out = run_cli(data, "ingest", str(later), **env)
        assert out.returncode == 0 and "doorgegeven" not in out.stderr, out.stderr
        assert "97" in ask_web(reader_url, LATER_QUESTION)
        status = run_cli(data, "status", **env)
        assert "Controle opslag: in orde" in status.stdout, status.stdout
    finally:
        codes = [stop_process(proc) for proc, _ in workers]
    assert codes == [0, 0]
