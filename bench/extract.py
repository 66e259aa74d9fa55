"""Run the figure extractor on every file in corpus/ and print figures, facts and time per document.

Usage: python bench/extract.py [corpus_dir]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from assistant.extract import extract_document  # noqa: E402


def main(corpus: Path) -> None:
    total_t = 0.0
    print(f"{'document':32} {'figures':>7} {'facts':>6} {'values':>6} {'commit':>6} {'refs':>5} {'plans':>5} {'ms':>8}")
    for path in sorted(corpus.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        t0 = time.perf_counter()
        ext = extract_document(lines, path.stem[:16], path.name)
        dt = time.perf_counter() - t0
        total_t += dt
        values = sum(1 for f in ext.facts if f.value is not None)
        print(f"{path.name:32} {len(ext.figures):7} {len(ext.facts):6} {values:6} {len(ext.commitments):6} "
              f"{len(ext.references):5} {len(ext.plans):5} {dt * 1000:8.1f}")
        layouts = Counter(f.layout for f in ext.figures)
        per_fig = Counter(f.figure_id for f in ext.facts)
        for fig in ext.figures:
            print(f"    {fig.label[:60]:60} {fig.layout:13} lines {fig.line_start}-{fig.line_end} "
                  f"facts {per_fig[fig.figure_id]}")
        print(f"    layouts: {dict(layouts)}")
    print(f"total extraction time: {total_t * 1000:.1f} ms")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpus")
