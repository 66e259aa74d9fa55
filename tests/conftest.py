"""Shared fixtures: a real store (DuckDB file, Chroma, BM25, e5 embeddings) built from corpus/ once."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
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
    """sha256 of every file under `folder` by relative path (symlinks by target): a byte-level snapshot.

    Anything with a path part in `skip` (a file or a whole folder) is left out.
    """
    import hashlib

    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        rel = str(p.relative_to(folder))
        if any(part in skip for part in p.relative_to(folder).parts):
            continue
        if p.is_symlink():
            out[rel] = "-> " + os.readlink(p)
        elif p.is_file():
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# ---- real processes: `python -m assistant serve`, a Chroma server ---------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_http(url: str, proc: subprocess.Popen, log: Path, timeout: float = 180.0) -> None:
    """Until `url` answers 200; fails with the process log if the process dies or it takes too long."""
    deadline = time.monotonic() + timeout
    while True:
        if proc.poll() is not None:
            pytest.fail(f"process exited ({proc.returncode}): {log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"{url} did not answer within {timeout:.0f} s: {log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


def launch_serve(data_dir: Path, log: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free loopback port, not yet waited for; (process, url)."""
    port = free_port()
    with open(log, "wb") as fh:  # the process keeps its own descriptor
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "serve", "--port", str(port)], stdout=fh,
                                stderr=subprocess.STDOUT, env=cli_env(data_dir, **env), cwd=ROOT)
    return proc, f"http://127.0.0.1:{port}/"


def start_serve(data_dir: Path, log: Path, **env: str) -> tuple[subprocess.Popen, str]:
    """`python -m assistant serve` on a free loopback port; returns (process, url) once it answers."""
    proc, url = launch_serve(data_dir, log, **env)
    wait_for_http(url, proc, log)
    return proc, url


def stop_process(proc: subprocess.Popen, timeout: float = 20.0) -> int:
    """SIGTERM, then SIGKILL if it does not stop; returns the exit code."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def run_cli(data_dir: Path, *args: str, timeout: float = 300.0, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "assistant", *args], capture_output=True, text=True,
                          env=cli_env(data_dir, **env), cwd=ROOT, timeout=timeout)


def chroma_cli() -> str | None:
    beside_python = Path(sys.executable).parent / "chroma"
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    """A real `chroma run` server process on loopback, for the module."""
    cli = chroma_cli()
    if cli is None:
        pytest.skip("chroma CLI not installed")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = path / "server.log"
    with open(log, "wb") as fh:
        proc = subprocess.Popen([cli, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
                                stdout=fh, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for_http(f"{url}/api/v2/heartbeat", proc, log, timeout=30)
        yield url
    finally:
        stop_process(proc, timeout=10)
