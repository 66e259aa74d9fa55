"""Ask latency as the store grows: N = 4, 100 and 1.000 reports.

Usage: python bench/scale.py [--sizes 4,100,1000] [--questions FILE] [--repeat 2]

The store starts from the four bundled samples (ingested normally, real e5 embeddings). Larger stores add
copies of them as other municipalities: every table row, passage, line and figure is copied with the
municipality's name replaced and the numbers shifted, in one staged generation written through the same
StoreWriter an ingest uses. The copies re-use the vectors of the passages they were copied from (the
embedding cache), so a store of a thousand reports is built in minutes instead of embedding ~80.000
passages again; for latency the vector values do not matter, their number does.

Prints p50/p95/max ask latency per size and the ratio of p95 at the largest size to p95 at four reports
(target: within 2x), and checks that a passage shared by several documents is shown once.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

from assistant.api import Assistant  # noqa: E402
from assistant.ingest.catalog import load_municipalities  # noqa: E402
from assistant.settings import Settings  # noqa: E402
from assistant.storage.writer import StoreWriter  # noqa: E402

WORK = ROOT / "bench" / "results" / "scale"
QUESTIONS = ROOT / "tests" / "fixtures" / "questions" / "samples_tuned.jsonl"
TABLES_BY_DOC = ["chunks", "lines", "figures", "facts", "figure_rows", "commitments", "doc_references"]


def _copy_sql(table: str, k: int) -> str:
    """INSERT … SELECT that copies the four originals' rows of `table` as copy number k."""
    sfx = f"_c{k}"
    name = "d.new_name"
    repl = {
        "doc_id": f"t.doc_id || '{sfx}'",
        "file_name": f"'c{k}_' || t.file_name",
        "text": f"replace(t.text, d.old_name, {name})",
        "chunk_id": f"t.chunk_id || '{sfx}'",
        "figure_id": f"t.figure_id || '{sfx}'",
        "row_id": f"t.row_id || '{sfx}'",
        "municipality": f"CASE WHEN t.municipality = d.old_name THEN {name} ELSE t.municipality END",
        "value": f"CASE WHEN t.value IS NULL THEN NULL ELSE t.value + {k} END",
        "scopes": f"replace(t.scopes, d.old_name, {name})",
    }
    cols = {"chunks": ["chunk_id", "doc_id", "file_name", "text"],
            "lines": ["doc_id", "text"],
            "figures": ["figure_id", "doc_id", "file_name"],
            "facts": ["figure_id", "doc_id", "file_name", "municipality", "value"],
            "figure_rows": ["row_id", "figure_id", "doc_id", "text", "scopes"],
            "commitments": ["doc_id", "file_name"],
            "doc_references": ["doc_id", "file_name"]}[table]
    exclude = " EXCLUDE (fact_id)" if table == "facts" else ""
    replace = ", ".join(f"{repl[c]} AS {c}" for c in cols)
    return (f"INSERT INTO {table} BY NAME SELECT t.*{exclude} REPLACE ({replace}) FROM {table} t "
            f"JOIN copy_names d ON t.doc_id = d.doc_id WHERE d.k = {k}")


def grow(a: Assistant, n_reports: int) -> None:
    """Add copies of the four sample reports until the store holds n_reports documents."""
    db = a.db
    originals = db.query("SELECT doc_id, file_name, municipality FROM documents WHERE file_name NOT LIKE 'c%\\_%' "
                         "ESCAPE '\\' ORDER BY file_name")
    have = db.query("SELECT count(*) AS n FROM documents")[0]["n"]
    if have >= n_reports:
        return
    taken = {o["municipality"] for o in originals}
    names = [m for m in load_municipalities() if m not in taken]
    first_k = (have - len(originals)) // len(originals) + 1
    last_k = (n_reports - len(originals)) // len(originals)
    chunk_rows = db.query("SELECT chunk_id, doc_id, text_hash, text, file_name, line_start, line_end, page, section, "
                          "figure FROM chunks WHERE doc_id IN (SELECT doc_id FROM documents WHERE file_name NOT "
                          "LIKE 'c%\\_%' ESCAPE '\\')")
    vectors = db.cached_embeddings(a.embedder.key, [r["text_hash"] for r in chunk_rows])
    writer = StoreWriter(a.generations, a.vectors, a.settings.bm25_path)
    staged = writer.begin()
    try:
        con = staged.con
        con.execute("CREATE TEMP TABLE copy_names (k INTEGER, doc_id VARCHAR, old_name VARCHAR, new_name VARCHAR)")
        rows = []
        for k in range(first_k, last_k + 1):
            for i, o in enumerate(originals):
                rows.append((k, o["doc_id"], o["municipality"] or "", names[(k * len(originals) + i) % len(names)]))
        con.executemany("INSERT INTO copy_names VALUES (?, ?, ?, ?)", rows)
        for k in range(first_k, last_k + 1):
            con.execute(
                "INSERT INTO documents BY NAME SELECT t.* REPLACE (t.doc_id || '_c' || d.k AS doc_id, "
                "'c' || d.k || '_' || t.file_name AS file_name, d.new_name AS municipality, "
                "replace(t.title, d.old_name, d.new_name) AS title) FROM documents t JOIN copy_names d "
                f"ON t.doc_id = d.doc_id WHERE d.k = {k}")
            for table in TABLES_BY_DOC:
                con.execute(_copy_sql(table, k))
        con.execute("DROP TABLE copy_names")
        ids, vecs, docs, metas = [], [], [], []
        for k in range(first_k, last_k + 1):
            for r in chunk_rows:
                v = vectors.get(r["text_hash"])
                if v is None:
                    continue
                ids.append(f"{r['chunk_id']}_c{k}")
                vecs.append(v)
                docs.append(r["text"])
                metas.append({"doc_id": f"{r['doc_id']}_c{k}", "file_name": f"c{k}_{r['file_name']}",
                              "line_start": r["line_start"], "line_end": r["line_end"], "page": r["page"],
                              "section": r["section"], "figure": r["figure"], "text_hash": r["text_hash"]})
        for start in range(0, len(ids), 4000):
            a.vectors.upsert(ids=ids[start:start + 4000], vectors=vecs[start:start + 4000],
                             documents=docs[start:start + 4000], metadatas=metas[start:start + 4000])
    except BaseException:
        writer.abort(staged)
        raise
    writer.commit(staged)
    writer.finish()
    writer.close()


def questions(path: Path) -> list[str]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(json.loads(line)["question"])
    return out


def measure(a: Assistant, qs: list[str], repeat: int) -> list[float]:
    a.ask(qs[0])  # the engine loads its indexes once per generation
    times = []
    for _ in range(repeat):
        for q in qs:
            t0 = time.perf_counter()
            a.ask(q)
            times.append((time.perf_counter() - t0) * 1000)
    return times


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4,100,1000")
    ap.add_argument("--questions", type=Path, default=QUESTIONS)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--keep", action="store_true", help="reuse the store in bench/results/scale")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    if WORK.exists() and not args.keep:
        shutil.rmtree(WORK)
    a = Assistant(Settings(data_dir=WORK))
    t0 = time.perf_counter()
    a.ingest([ROOT / "corpus"])
    print(f"4 samples ingested in {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    qs = questions(args.questions)
    results = {}
    for n in sizes:
        t0 = time.perf_counter()
        grow(a, n)
        built = time.perf_counter() - t0
        stats = a.db.query("SELECT (SELECT count(*) FROM documents) AS docs, (SELECT count(*) FROM chunks) AS chunks, "
                           "(SELECT count(*) FROM facts) AS facts")[0]
        t1 = time.perf_counter()
        times = measure(a, qs, args.repeat)
        results[n] = times
        print(f"N={stats['docs']:>5} reports  {stats['chunks']:>6} passages  {stats['facts']:>7} facts  "
              f"(built in {built:.0f} s, first answer after {time.perf_counter() - t1 - sum(times) / 1000:.1f} s)  "
              f"ask p50 {pct(times, 50):.0f} ms  p95 {pct(times, 95):.0f} ms  max {max(times):.0f} ms  "
              f"mean {statistics.mean(times):.0f} ms")
    if len(sizes) > 1:
        ratio = pct(results[sizes[-1]], 95) / max(pct(results[sizes[0]], 95), 1e-9)
        print(f"p95 at N={sizes[-1]} is {ratio:.2f}x p95 at N={sizes[0]} (target: at most 2x)")
    # a passage that several copies share is shown once in an answer's sources
    ans = a.ask(qs[0])
    keys = [(c.doc, tuple(c.lines), c.quote) for c in ans.citations]
    print(f"duplicate sources in one answer: {len(keys) - len(set(keys))}")
    a.close()


if __name__ == "__main__":
    main()
