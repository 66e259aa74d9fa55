"""Client/server mode against a real `chroma run` process."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

from assistant.settings import Settings
from assistant.storage.vectorstore import open_vector_store


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chroma_cli() -> str | None:
    beside_python = Path(sys.executable).parent / "chroma"
    return str(beside_python) if beside_python.exists() else shutil.which("chroma")


@pytest.fixture(scope="module")
def chroma_url(tmp_path_factory):
    cli = chroma_cli()
    if cli is None:
        pytest.skip("chroma CLI not installed")
    port = free_port()
    path = tmp_path_factory.mktemp("chroma-server")
    log = open(path / "server.log", "wb")  # closed at teardown
    proc = subprocess.Popen(
        [cli, "run", "--path", str(path / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                pytest.fail(f"chroma server exited: {(path / 'server.log').read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail("chroma server did not answer its heartbeat within 30 s")
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def test_upsert_query_delete_through_server(chroma_url, tmp_path):
    settings = Settings(data_dir=tmp_path, chroma_url=chroma_url)
    store = open_vector_store(settings, "server-model")
    rng = np.random.default_rng(3)
    vecs = rng.normal(size=(40, 12))
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    ids = [f"c{i}" for i in range(40)]
    store.upsert(ids, vecs, [f"chunk {i}" for i in range(40)], [{"doc": "d1", "x": None}] * 40)
    assert store.count() == 40
    assert store.ids() == set(ids)
    best, sim = store.query(vecs[12], 3)[0]
    assert best == "c12" and sim == pytest.approx(1.0, abs=1e-3)
    store.delete(["c12"])
    assert store.count() == 39
    assert store.query(vecs[12], 1)[0][0] != "c12"
    # nothing was written locally: the data lives in the server
    assert not settings.chroma_path.exists()
    other = open_vector_store(settings, "other-model")
    assert other.count() == 0
