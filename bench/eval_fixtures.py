"""Score the question sets, each on its own store: the four bundled samples plus that set's reports.

Usage: python bench/eval_fixtures.py [SET ...] [--show-wrong] [--rebuild]
Sets: samples_tuned, samples_tuned_b, samples_tuned_c, tuned … tuned-t (tuned on), heldout-c (kept aside:
measured, never tuned on) (default: all there are).

A municipality adds its own reports to the bundled ones; so each set is answered from a store of the samples and
its own reports (the sample question sets from the samples alone), not from every fixture report at once. The
stores live in bench/results/evalstores/<set>; their embeddings come from one shared cache
(bench/results/embedding-cache.duckdb), so a rebuild embeds every passage only once.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evaluation.questions import Report, judge  # noqa: E402

FIX = ROOT / "tests" / "fixtures"
STORES = ROOT / "bench" / "results" / "evalstores"
CACHE = ROOT / "bench" / "results" / "embedding-cache.duckdb"
SETS = {
    "samples_tuned": (FIX / "questions" / "samples_tuned.jsonl", None),
    "samples_tuned_b": (FIX / "questions" / "samples_tuned_b.jsonl", None),
    "samples_tuned_c": (FIX / "questions" / "samples_tuned_c.jsonl", None),
    "tuned": (FIX / "reports" / "tuned" / "questions.jsonl", "tuned"),
    "tuned-b": (FIX / "reports" / "tuned-b" / "questions.jsonl", "tuned-b"),
    "tuned-c": (FIX / "reports" / "tuned-c" / "questions.jsonl", "tuned-c"),
    "tuned-d": (FIX / "reports" / "tuned-d" / "questions.jsonl", "tuned-d"),
    "tuned-e": (FIX / "reports" / "tuned-e" / "questions.jsonl", "tuned-e"),
    "tuned-f": (FIX / "reports" / "tuned-f" / "questions.jsonl", "tuned-f"),
    "tuned-g": (FIX / "reports" / "tuned-g" / "questions.jsonl", "tuned-g"),
    "tuned-h": (FIX / "reports" / "tuned-h" / "questions.jsonl", "tuned-h"),
    "heldout-c": (FIX / "reports" / "heldout-c" / "questions.jsonl", "heldout-c"),
    "tuned-i": (FIX / "reports" / "tuned-i" / "questions.jsonl", "tuned-i"),
    "tuned-j": (FIX / "reports" / "tuned-j" / "questions.jsonl", "tuned-j"),
    "tuned-k": (FIX / "reports" / "tuned-k" / "questions.jsonl", "tuned-k"),
    "tuned-l": (FIX / "reports" / "tuned-l" / "questions.jsonl", "tuned-l"),
    "tuned-m": (FIX / "reports" / "tuned-m" / "questions.jsonl", "tuned-m"),
    "tuned-n": (FIX / "reports" / "tuned-n" / "questions.jsonl", "tuned-n"),
    "tuned-o": (FIX / "reports" / "tuned-o" / "questions.jsonl", "tuned-o"),
    "tuned-p": (FIX / "reports" / "tuned-p" / "questions.jsonl", "tuned-p"),
    "tuned-q": (FIX / "reports" / "tuned-q" / "questions.jsonl", "tuned-q"),
    "tuned-r": (FIX / "reports" / "tuned-r" / "questions.jsonl", "tuned-r"),
    "tuned-s": (FIX / "reports" / "tuned-s" / "questions.jsonl", "tuned-s"),
    "tuned-t": (FIX / "reports" / "tuned-t" / "questions.jsonl", "tuned-t"),
}
SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".xlsx", ".ods", ".csv")


class CachedEmbedder:
    """The real embedder behind a cache shared by all evaluation stores (keyed by the pipeline's text hash)."""

    def __init__(self, inner) -> None:
        from assistant.ingest.pipeline import text_hash

        self.inner, self.key, self.dim, self.hash = inner, inner.key, inner.dim, text_hash
        self.con = duckdb.connect(str(CACHE))
        self.con.execute("CREATE TABLE IF NOT EXISTS cache (model VARCHAR, h VARCHAR, v FLOAT[], PRIMARY KEY (model, h))")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        hashes = [self.hash(t) for t in texts]
        got = dict(self.con.execute("SELECT h, v FROM cache WHERE model = ? AND h IN (SELECT unnest(?))",
                                    [self.key, hashes]).fetchall())
        todo = [(h, t) for h, t in zip(hashes, texts, strict=True) if h not in got]
        if todo:
            fresh = self.inner.embed_documents([t for _, t in todo])
            rows = [(self.key, h, list(map(float, v))) for (h, _), v in zip(todo, fresh, strict=True)]
            self.con.executemany("INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", rows)
            got.update({h: v for _, h, v in rows})
        return [list(got[h]) for h in hashes]

    def embed_query(self, text: str) -> list[float]:
        return self.inner.embed_query(text)


def build(name: str, folder: str | None, rebuild: bool):
    from assistant.api import Assistant, _SerialEmbedder
    from assistant.settings import Settings

    store = STORES / ("samples" if folder is None else name)
    if rebuild and store.exists():
        shutil.rmtree(store)
    a = Assistant(Settings(data_dir=store))
    a._embedder = _SerialEmbedder(CachedEmbedder(a.embedder._inner), a._embed_lock)
    paths = [ROOT / "corpus"]
    if folder is not None:
        paths += sorted(p for p in (FIX / "reports" / folder).iterdir() if p.suffix.lower() in SUFFIXES)
    t0 = time.perf_counter()
    results = a.ingest(paths)
    changed = [r for r in results if r.status not in ("unchanged", "skipped")]
    for r in changed:
        if r.failed:
            print("FOUT: " + r.message, file=sys.stderr)
    print(f"store {store.name}: {len(results)} files ({len(changed)} (re)ingested) in {time.perf_counter() - t0:.0f} s",
          file=sys.stderr)
    a.warm_up()
    return a


def run(a, name: str, path: Path, show_wrong: bool) -> Report:
    golds = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    rep = Report()
    for g in golds:
        ans = a.ask(g["question"])
        c = ans.contract(g["id"])
        v = judge(g, c)
        rep.verdicts.append(v)
        rep.latencies.append(ans.elapsed_ms)
        if show_wrong and not v.correct:
            tag = "FOUT" if not v.refused else "geweigerd"
            print(f"[{tag}] {g['id']} ({g['kind']}) {g['question']}\n   verwacht: {v.want}\n   antwoord: "
                  f"{c['answer'][:400]!r}\n")
    return rep


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--show-wrong", action="store_true")
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    names = args.sets or [n for n, (p, _) in SETS.items() if p.exists()]
    stores: dict[str, object] = {}
    for n in names:
        path, folder = SETS[n]
        key = folder or "samples"
        if key not in stores:
            stores[key] = build(n, folder, args.rebuild)
        rep = run(stores[key], n, path, args.show_wrong)
        print(f"== {n}")
        for line in rep.lines():
            print("   " + line)
    for a in stores.values():
        a.close()


if __name__ == "__main__":
    main()
