"""The table reader against hand-checked gold: per family tables found, facts, precision and recall.

Usage: python bench/extract.py [SET ...]   (sets: the folders of tests/fixtures/reports; default all)
       python bench/extract.py --doc FILE   (one document: wrong and missed facts)

Reads tests/fixtures/reports/<set>/ (reports, tables.jsonl, gold_facts.jsonl). Also prints the four bundled
sample reports' figures and facts and the time the reader takes.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.evaluation.facts import load_jsonl, score_document  # noqa: E402
from assistant.extract import extract_document  # noqa: E402
from assistant.ingest.catalog import detect_document_info, load_municipalities  # noqa: E402
from assistant.ingest.loaders import load_document  # noqa: E402
from assistant.periods import from_label  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "reports"


def extract_file(path: Path):
    doc = load_document(path)
    info = detect_document_info(doc, doc.sha256[:16], None)
    period = from_label(info.period_label) if info.period_label else None
    t0 = time.perf_counter()
    ext = extract_document(doc.lines, doc.sha256[:16], doc.file_name, doc.pages, municipalities=load_municipalities(),
                           default_period=period, cell_refs=doc.cell_refs)
    return doc, info, ext, time.perf_counter() - t0


def score_set(name: str, verbose_doc: str | None = None) -> dict:
    folder = FIXTURES / name
    golds = load_jsonl(folder / "gold_facts.jsonl")
    tables = load_jsonl(folder / "tables.jsonl")
    by_doc: dict[str, list[dict]] = defaultdict(list)
    for g in golds:
        by_doc[g["doc"]].append(g)
    tables_by_doc: dict[str, list[dict]] = defaultdict(list)
    for t in tables:
        tables_by_doc[t["doc"]].append(t)
    totals = Counter()
    fam = defaultdict(Counter)
    for doc_name in sorted(set(by_doc) | set(tables_by_doc)):
        if verbose_doc and doc_name != verbose_doc:
            continue
        doc, info, ext, dt = extract_file(folder / doc_name)
        ds, ts = score_document(ext, by_doc.get(doc_name, []), tables_by_doc.get(doc_name, []), info.municipality,
                                doc.sheets)
        totals.update(stored=ds.stored, right=ds.right, gold=ds.gold, found=ds.found)
        print(f"{name:8} {doc_name[:48]:48} muni={info.municipality or '-':14} stored {ds.stored:4} right {ds.right:4} "
              f"gold {ds.gold:4} found {ds.found:4} {dt * 1000:6.0f} ms")
        for t in ts:
            for f in t.family:
                fam[f].update(tables=1, found_table=t.status != "missing", gold=t.gold, found=t.found,
                              stored=t.stored, right=t.right, status_ok=(t.status == t.expect))
            if verbose_doc or t.status != t.expect or t.found < t.gold or t.right < t.stored:
                print(f"    {t.table:4} expect {t.expect:8} got {t.status:8} gold {t.gold:3} found {t.found:3} "
                      f"stored {t.stored:3} right {t.right:3}  {','.join(t.family)}")
        if verbose_doc:
            for f in ds.wrong[:60]:
                print(f"    WRONG {f.row_path!r} | {f.column_label!r} | {f.period_label} {f.period_kind} | "
                      f"{f.municipality} | {f.raw!r}={f.value} {f.unit} @{f.line}")
            for g in ds.missed[:60]:
                print(f"    MISSED {g['table']} {g.get('row_path')!r} | {g.get('column')!r} | {g.get('period')} | "
                      f"{g.get('municipality')} | {g.get('raw')!r} @{g.get('line')}")
    return {"totals": totals, "families": fam}


def report(name: str, res: dict) -> None:
    t = res["totals"]
    prec = t["right"] / t["stored"] if t["stored"] else 1.0
    rec = t["found"] / t["gold"] if t["gold"] else 1.0
    print(f"\n{name}: facts stored {t['stored']}, right {t['right']}, precision {prec:.1%}; "
          f"gold {t['gold']}, found {t['found']}, recall {rec:.1%}")
    print(f"{'family':24} {'tables':>6} {'found':>5} {'status ok':>9} {'gold':>5} {'facts':>6} {'prec':>6} {'recall':>6}")
    for f, c in sorted(res["families"].items()):
        p = c["right"] / c["stored"] if c["stored"] else 1.0
        r = c["found"] / c["gold"] if c["gold"] else 1.0
        print(f"{f:24} {c['tables']:6} {c['found_table']:5} {c['status_ok']:9} {c['gold']:5} {c['stored']:6} "
              f"{p:6.1%} {r:6.1%}")


def samples() -> None:
    total = 0.0
    for path in sorted((ROOT / "corpus").glob("*.txt")):
        _doc, _info, ext, dt = extract_file(path)
        total += dt
        st = Counter(f.status for f in ext.figures)
        print(f"sample {path.name:30} figures {len(ext.figures):3} facts {len(ext.facts):5} {dict(st)} "
              f"commitments {len(ext.commitments)} {dt * 1000:.0f} ms")
    print(f"sample extraction time: {total * 1000:.0f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=sorted(p.name for p in FIXTURES.iterdir()
                                                    if (p / "gold_facts.jsonl").exists()))
    ap.add_argument("--doc", help="only this document, with its wrong and missed facts")
    args = ap.parse_args()
    for s in args.sets:
        if (FIXTURES / s / "gold_facts.jsonl").exists():
            report(s, score_set(s, args.doc))
    if not args.doc:
        samples()


if __name__ == "__main__":
    main()
