"""Hostile input through every door: `ask --json --batch`, `sql` and the web API, on the real store.

For each of the questions and SQL statements in tests/hostile_inputs.py: a Dutch answer or refusal,
never a traceback; afterwards the DuckDB files and BM25 index are byte-identical, so is every record
of the vector store (see vector_digest for why not its files), no file was created outside the data
directory, and what the interface renders holds no HTML but its own.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.conftest import ROOT, free_port, run_cli, tree_digest
from tests.hostile_inputs import QUESTIONS, SQL_STATEMENTS, TARGETS

pytestmark = pytest.mark.slow

CONTRACT_KEYS = {"id", "question", "answer", "route", "sql", "citations", "refused", "elapsed_ms"}
DUTCH = set("""de het een van niet ik is en op uw vraag rapportages kan geen deze zijn voor met stel volgens dat
alleen wordt worden nederlands of te databasevraag toegestaan er in tabel kolom bestaat mag precies tegelijk
geweigerd fout duurde langer seconden afgebroken functie uitgevoerd lezen wijzigen beheren bevat ongeldig teken
te lang diep genest""".split())
# "Er ging iets mis": the engine failed on the question (the Dutch cover of a crash): not a refusal.
FORBIDDEN_IN_ANSWERS = ("Traceback", "Exception", "root:x:0", "Error:", "duckdb.", "sqlglot", "Er ging iets mis")
# The answer card's own markup (ui/answer_card.py): a fixed set of tags and attributes, never text from a user
OUR_TAGS = re.compile(r'<span class="bron-chip-tekst" title="[^"<>]*">|<span class="sr-alleen">|</span>'
                      r'|<div class="antwoord-kaart">|</div>|<p(?: class="[a-z-]+")?>|</p>|<strong(?: class="getal")?>'
                      r'|</strong>|<em>|</em>|<a class="bron-ref" href="#bron-\d+-\d+"[^<>]*>|</a>|<br\s*/?>'
                      r'|<ul(?: class="[a-z-]+")?>|</ul>|<li>|</li>')


def is_dutch(text: str) -> bool:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return sum(w in DUTCH for w in words) >= 2


def assert_safe_answer(text: str, where: str) -> None:
    assert text.strip(), f"{where}: empty answer"
    assert is_dutch(text), f"{where}: not Dutch: {text[:200]!r}"
    for bad in FORBIDDEN_IN_ANSWERS:
        assert bad not in text, f"{where}: {bad!r} in {text[:300]!r}"


def assert_no_raw_html(rendered: str, where: str) -> None:
    """Only our own chip spans are HTML; everything else (also echoed question text) is escaped."""
    rest = OUR_TAGS.sub("", rendered)
    assert not re.search(r"<\s*[a-zA-Z!/?]", rest), f"{where}: raw HTML in {rendered[:300]!r}"


def vector_digest(assistant) -> str:
    """sha256 over every vector record (id, embedding bytes, document, metadata) and the collection's own metadata.

    Chroma's files are no measure: opening the store, even only to read, rewrites bytes in its SQLite
    file and HNSW length file (checked with a bare PersistentClient). The records are what it holds.
    """
    import hashlib

    import numpy as np

    store = assistant.vectors
    got = store._collection.get(include=["embeddings", "documents", "metadatas"])
    h = hashlib.sha256(json.dumps(store._client.get_collection(store.name).metadata, sort_keys=True).encode())
    for i in sorted(range(len(got["ids"])), key=lambda k: got["ids"][k]):
        h.update(got["ids"][i].encode())
        h.update(np.asarray(got["embeddings"][i], dtype=np.float32).tobytes())
        h.update((got["documents"][i] or "").encode())
        h.update(json.dumps(got["metadatas"][i], sort_keys=True).encode())
    return h.hexdigest()


def _snapshot_outside(data_dir) -> dict[str, set[str]]:
    """Names in the places a file could leak to: the system temp dir, the project, beside the data dir."""
    places = {"tmp": tempfile.gettempdir(), "project": str(ROOT), "parent": str(data_dir.parent)}
    return {k: set(os.listdir(v)) for k, v in places.items()}


def _created(place: str, names: set[str]) -> set[str]:
    """New names that this test could have made. The shared temp dir also gets files from other programs
    on the machine, so there only names the attacks use count (hostile_inputs.TARGETS and the like)."""
    if place == "tmp":
        return {n for n in names if re.search(r"hostile|pwned|evil|passwd|export", n, re.I)}
    return {n for n in names if not n.startswith(("pymp-", "tmp"))}


def ask_web_raw(url: str, question: str) -> tuple[str, str]:
    """One question through Gradio's HTTP API (/gradio_api/call/vraag), as any client may send it.

    Plain HTTP rather than gradio_client: its JSON encoder cannot send a lone surrogate, a browser's can
    (as the escape \\ud800). Returns the question and the answer as the chat shows them.
    """
    # question, chat, history (state), municipality filter, year filter
    body = json.dumps({"data": [question, [], None, None, None]}).encode("ascii")  # \\ud800 stays an escape
    req = urllib.request.Request(f"{url}gradio_api/call/vraag", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as r:
        event = json.loads(r.read())["event_id"]
    with urllib.request.urlopen(f"{url}gradio_api/call/vraag/{event}", timeout=120) as r:
        stream = r.read().decode("utf-8")
    kinds = re.findall(r"^event: (\w+)$", stream, re.M)
    assert kinds[-1] == "complete", stream[-500:]
    data = json.loads(re.findall(r"^data: (.*)$", stream, re.M)[-1])
    messages = data[1]

    def text(m: dict) -> str:
        c = m["content"]
        return " ".join(x.get("text", "") for x in c) if isinstance(c, list) else c

    return (text(messages[-2]) if len(messages) > 1 else ""), (text(messages[-1]) if messages else "")


@pytest.fixture(scope="module")
def web(built_assistant):
    from ui.app import build_app, launch

    app = build_app(built_assistant)
    port = free_port()
    launch(app, "127.0.0.1", port, prevent_thread_lock=True)
    yield f"http://127.0.0.1:{port}/"
    app.close()


def test_hostile_questions_and_sql_change_nothing_and_get_dutch_answers(built_assistant, web, tmp_path, monkeypatch,
                                                                        capsys):
    from assistant import cli
    from assistant.settings import get_settings

    assert len(QUESTIONS) >= 100 and len(SQL_STATEMENTS) >= 30
    data = built_assistant.settings.data_dir
    before = tree_digest(data, skip=("write.lock", "server.lock", "chroma"))
    vectors_before = vector_digest(built_assistant)
    outside = _snapshot_outside(data)

    # ---- 1. ask --json --batch, as its own process (the evaluation contract) -------------------------
    batch = tmp_path / "hostile.jsonl"
    batch.write_text("".join(json.dumps({"id": f"h{i:03d}", "question": q}) + "\n" for i, q in enumerate(QUESTIONS))
                     + "dit is geen json\n", encoding="utf-8")
    out = run_cli(data, "ask", "--json", "--batch", str(batch), timeout=600)
    assert out.returncode == 0, out.stderr[-3000:]
    assert "Traceback" not in out.stderr, out.stderr[-3000:]
    objects = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(objects) == len(QUESTIONS) + 1
    for i, obj in enumerate(objects):
        assert set(obj) == CONTRACT_KEYS, obj
        assert_safe_answer(obj["answer"], f"ask #{i}")
        assert obj["refused"] or obj["citations"], f"ask #{i}: an answer without sources: {obj}"
    assert [o["id"] for o in objects[:-1]] == [f"h{i:03d}" for i in range(len(QUESTIONS))]
    assert objects[-1]["id"] is None and objects[-1]["refused"] is True

    # ---- 2. sql, through the CLI entry point (a short timeout: two statements run until stopped) ------
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(data))
    monkeypatch.setenv("ASSISTANT_SQL_TIMEOUT_S", "1.5")
    get_settings.cache_clear()
    try:
        for i, statement in enumerate(SQL_STATEMENTS):
            code = cli.main(["sql", "--json", statement])
            got = capsys.readouterr()
            where = f"sql #{i} {statement[:60]!r}"
            assert code in (1, 2), f"{where}: exit {code}, out {got.out[:200]!r}"
            assert got.out == "", f"{where}: printed rows {got.out[:200]!r}"
            assert got.err.startswith(("Geweigerd: ", "Fout: ")), f"{where}: {got.err[:300]!r}"
            assert_safe_answer(got.err, where)
    finally:
        get_settings.cache_clear()

    # ---- 3. the web API, several users at once ----------------------------------------------------------
    with ThreadPoolExecutor(max_workers=4) as pool:
        replies = list(pool.map(lambda q: ask_web_raw(web, q), QUESTIONS))
    for i, (shown_question, shown_answer) in enumerate(replies):
        assert_no_raw_html(shown_question, f"web question #{i}")
        assert_no_raw_html(shown_answer, f"web answer #{i}")
        if QUESTIONS[i].strip():  # an empty box gets a notice instead of a message
            assert_safe_answer(shown_answer, f"web #{i}")

    # ---- afterwards: nothing changed, nothing created ---------------------------------------------------
    assert tree_digest(data, skip=("write.lock", "server.lock", "chroma")) == before, "DuckDB or BM25 changed"
    assert vector_digest(built_assistant) == vectors_before, "the vector store changed"
    for target in TARGETS:
        assert not target.exists(), target
    now = _snapshot_outside(data)
    for place, names in outside.items():
        new = _created(place, now[place] - names)
        assert not new, f"created in {place}: {new}"
