"""Limits: login lockout, upload and file size, DuckDB memory, progress for large files, messages for
skipped files and empty folders, a batch that goes on after a bad line. Real Gradio app on loopback,
real stores on the small invented corpus.
"""

from __future__ import annotations

import json
import resource
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from tests.conftest import free_port, make_settings, write_small_corpus


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """The small corpus, read with a small DuckDB memory limit."""
    from assistant.api import Assistant

    root = tmp_path_factory.mktemp("limits")
    a = Assistant(make_settings(root / "data", sql_memory_mb=64, max_file_mb=1, max_upload_mb=1, max_text_mb=1))
    assert not any(r.failed for r in a.ingest([write_small_corpus(root / "corpus")]))
    yield a
    a.close()


def _post(url: str, data: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def _login(url: str, user: str, password: str) -> int:
    body = urllib.parse.urlencode({"username": user, "password": password}).encode()
    return _post(f"{url}login", body, {"Content-Type": "application/x-www-form-urlencoded"})[0]


def test_login_guard_locks_out_after_repeated_failures():
    from ui.auth import LoginGuard

    now = [1000.0]
    guard = LoginGuard("raad", "geheim", max_failures=3, lockout_s=60, clock=lambda: now[0])
    assert guard("raad", "geheim")
    assert not guard("raad", "fout") and not guard("raad", "fout")
    assert guard("raad", "geheim")  # a success resets the count
    for _ in range(3):
        assert not guard("raad", "fout")
    assert guard.locked("raad") and not guard("raad", "geheim")  # locked: the right password too
    now[0] += 61
    assert guard("raad", "geheim")
    assert "3 mislukte pogingen" in guard.message() and "1 minuut" in guard.message()


def test_web_login_lockout_and_every_endpoint_guarded(store):
    from ui.app import build_app, launch
    from ui.auth import LoginGuard

    guard = LoginGuard("raad", "geheim", max_failures=5, lockout_s=2.0)
    app = build_app(store)
    port = free_port()
    launch(app, "127.0.0.1", port, auth=guard, auth_message=guard.message(), prevent_thread_lock=True,
           max_upload_mb=1)
    url = f"http://127.0.0.1:{port}/"
    try:
        for path in ("gradio_api/info", "config", "gradio_api/call/vraag"):
            code = (_post(f"{url}{path}", b'{"data": ["Hoeveel?", []]}', {"Content-Type": "application/json"})[0]
                    if path.endswith("vraag") else _status(f"{url}{path}"))
            assert code in (401, 403), (path, code)
        assert all(_login(url, "raad", "fout") == 400 for _ in range(5))
        assert _login(url, "raad", "geheim") == 400  # locked out
        time.sleep(2.2)
        assert _login(url, "raad", "geheim") == 200
    finally:
        app.close()


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


def test_uploads_above_the_limit_are_refused_by_the_server(store):
    from ui.app import build_app, launch

    app = build_app(store)
    port = free_port()
    launch(app, "127.0.0.1", port, prevent_thread_lock=True, max_upload_mb=1)
    try:
        boundary = "grens"
        big = b"x" * (1024 * 1024 + 10)
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"groot.txt\"\r\n"
                "Content-Type: text/plain\r\n\r\n").encode() + big + f"\r\n--{boundary}--\r\n".encode()
        code, _ = _post(f"http://127.0.0.1:{port}/gradio_api/upload", body,
                        {"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert code == 413
    finally:
        app.close()


def test_a_query_above_the_memory_limit_stops_with_a_dutch_message(store, monkeypatch, capsys):
    from assistant import cli
    from assistant.answer.sql_guard import QueryError
    from assistant.errors import query_error_hint
    from assistant.settings import get_settings

    hog = "SELECT length(string_agg(repeat(text, 200000), ',')) AS n FROM lines"
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(QueryError) as err:
        store.sql(hog)
    assert query_error_hint(err.value.detail) == "te veel geheugen nodig", err.value.detail
    grown_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak) / 1024
    assert grown_mb < 400, f"peak memory grew by {grown_mb:.0f} MB"

    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_SQL_MEMORY_MB", "64")
    get_settings.cache_clear()
    try:
        assert cli.main(["sql", hog]) == 1
    finally:
        get_settings.cache_clear()
    err_text = capsys.readouterr().err
    assert err_text.startswith("Fout: ") and "geheugen" in err_text and "Traceback" not in err_text


def test_size_limit_skipped_files_and_empty_folders_get_messages(store, tmp_path):
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "groot.txt").write_text("Rapportage Grootdorp\n" + "Een lange regel tekst over de Wmo.\n" * 40_000,
                                      encoding="utf-8")  # 1,3 MB, the limit is 1 MB
    (folder / "veel-tekst.pdf").write_bytes(_pdf_with_text(pages=12))  # small file, much text
    (folder / "presentatie.pptx").write_bytes(b"PK\x03\x04")
    (folder / "LEESMIJ").write_text("geen rapport", encoding="utf-8")
    (folder / "oud").mkdir()
    (folder / "catalog.toml").write_text("", encoding="utf-8")
    (tmp_path / "leeg").mkdir()
    results = {r.file_name: r for r in store.ingest([folder, tmp_path / "leeg", tmp_path / "weg.txt"])}
    assert results["groot.txt"].failed and "te groot (1,3 MB; de grens is 1 MB)" in results["groot.txt"].message
    assert results["veel-tekst.pdf"].failed and "bevat te veel tekst" in results["veel-tekst.pdf"].message
    assert results["presentatie.pptx"].status == "skipped" and \
        "'.pptx' wordt niet ondersteund" in results["presentatie.pptx"].message
    assert results["LEESMIJ"].status == "skipped" and "zonder extensie" in results["LEESMIJ"].message
    assert results["oud"].status == "skipped" and "submap" in results["oud"].message
    assert results["leeg"].failed and "bevat geen bestanden" in results["leeg"].message
    assert results["weg.txt"].failed and "bestaat niet" in results["weg.txt"].message
    assert "catalog.toml" not in results
    assert {d["file_name"] for d in store.documents()} == {"testdorp.txt", "voorbeeldstad.md"}


def _pdf_with_text(pages: int) -> bytes:
    """A compressed PDF of a few kB whose text is over 1 MB (the same long lines on every page)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("Helvetica", size=2)
    line = "Wmo " * 120
    for _ in range(pages):
        pdf.add_page()
        for _ in range(230):
            pdf.cell(0, 1.2, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_a_large_file_reports_its_progress(store, tmp_path):
    report = tmp_path / "lang.txt"
    paragraphs = [f"Paragraaf {i}\nIn wijk {i} van Langdorp kregen {100 + i} inwoners ondersteuning uit de Wmo, "
                  f"waarvan {10 + i} met een indicatie voor begeleiding en {i} met dagbesteding." for i in range(24)]
    report.write_text("Jaarverslag Langdorp 2019\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    seen: list[tuple[float, str]] = []
    [result] = store.ingest([report], progress=lambda frac, msg: seen.append((frac, msg)))
    try:
        assert result.status == "ingested", result.message
        messages = [m for _, m in seen]
        for stage in ("tekst lezen", "regels: passages, tabellen en cijfers", "passages insluiten 0/", "opslaan"):
            assert any(stage in m for m in messages), (stage, messages)
        if result.n_chunks > 16:
            assert any("passages insluiten 16/" in m for m in messages), messages
        fractions = [f for f, _ in seen]
        assert fractions == sorted(fractions) and fractions[-1] == 1.0
    finally:
        assert store.remove("lang.txt")


def test_a_batch_goes_on_after_bad_lines_and_keeps_the_contract(store, tmp_path, monkeypatch, capsys):
    from assistant import cli
    from assistant.settings import get_settings

    batch = tmp_path / "b.jsonl"
    batch.write_bytes(b"\n".join([
        json.dumps({"id": "a", "question": "\ud800"}).encode(),
        b"{kapot",
        json.dumps({"id": "b", "question": ["geen", "tekst"]}).encode(),
        json.dumps({"id": "c"}).encode(),
        b'{"id": "d", "question": "Hoeveel gezinnen in Voorbeeldstad kregen schuldhulp?"}',
        b"\xff\xfe ongeldige utf-8",
    ]) + b"\n")
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(store.settings.data_dir))
    monkeypatch.setenv("ASSISTANT_SQL_MEMORY_MB", "64")
    get_settings.cache_clear()
    try:
        assert cli.main(["ask", "--json", "--batch", str(batch)]) == 0
    finally:
        get_settings.cache_clear()
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", None, "b", "c", "d", None]
    keys = ["id", "question", "answer", "route", "sql", "citations", "refused", "elapsed_ms"]
    for o in out:
        assert list(o) == keys, o
    assert all(o["refused"] and o["answer"] for o in out[:4])
    assert out[0]["question"] == "\ufffd"
    assert "77" in out[4]["answer"] and out[4]["citations"]
