"""Build one store of the bundled samples and every invented report, then score the question sets.

Usage: python bench/eval_fixtures.py [SET ...] [--show-wrong] [--rebuild]
Sets: samples_tuned, samples_tuned_b, samples_heldout, tuned, tuned-b, tuned-c, tuned-d, tuned-e, heldout, heldout-b (default: all there are).
The store lives in bench/results/evalstore (embeddings are cached there, so a rebuild is quick).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evaluation.questions import Report, judge  # noqa: E402

FIX = ROOT / "tests" / "fixtures"
STORE = ROOT / "bench" / "results" / "evalstore"
SETS = {
    "samples_tuned": FIX / "questions" / "samples_tuned.jsonl",
    "samples_tuned_b": FIX / "questions" / "samples_tuned_b.jsonl",
    "samples_heldout": FIX / "questions" / "samples_heldout.jsonl",
    "tuned": FIX / "reports" / "tuned" / "questions.jsonl",
    "tuned-b": FIX / "reports" / "tuned-b" / "questions.jsonl",
    "tuned-c": FIX / "reports" / "tuned-c" / "questions.jsonl",
    "tuned-d": FIX / "reports" / "tuned-d" / "questions.jsonl",
    "tuned-e": FIX / "reports" / "tuned-e" / "questions.jsonl",
    "heldout": FIX / "reports" / "heldout" / "questions.jsonl",
    "heldout-b": FIX / "reports" / "heldout-b" / "questions.jsonl",
}
REPORT_DIRS = ["tuned", "tuned-b", "tuned-c", "tuned-d", "tuned-e", "heldout", "heldout-b"]
SUFFIXES = (".txt", ".pdf", ".docx", ".html", ".xlsx", ".ods", ".csv")


def build(rebuild: bool):
    from assistant.api import Assistant
    from assistant.settings import Settings

    if rebuild and STORE.exists():
        shutil.rmtree(STORE)
    a = Assistant(Settings(data_dir=STORE))
    paths = [ROOT / "corpus"]
    for d in REPORT_DIRS:
        folder = FIX / "reports" / d
        if folder.exists():
            paths += sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES)
    t0 = time.perf_counter()
    results = a.ingest(paths)
    changed = [r for r in results if r.status != "unchanged"]
    for r in changed:
        print(("FOUT: " if r.failed else "") + r.message, file=sys.stderr)
    print(f"store: {len(results)} files ({len(changed)} (re)ingested) in {time.perf_counter() - t0:.0f} s",
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
    a = build(args.rebuild)
    names = args.sets or [n for n, p in SETS.items() if p.exists()]
    for n in names:
        rep = run(a, n, SETS[n], args.show_wrong)
        print(f"== {n}")
        for line in rep.lines():
            print("   " + line)


if __name__ == "__main__":
    main()
