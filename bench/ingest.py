"""Cold and warm ingest time, chunks per second, and search latency p50/p95 over the dev questions.

    python bench/ingest.py            # uses a fresh temporary data dir
"""

from __future__ import annotations

import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from assistant.api import Assistant  # noqa: E402
from assistant.settings import BUNDLED_CORPUS, Settings  # noqa: E402

DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        a = Assistant(Settings(data_dir=Path(tmp)))
        t0 = time.perf_counter()
        res = a.ingest([BUNDLED_CORPUS])
        cold = time.perf_counter() - t0
        chunks = sum(r.n_chunks for r in res)
        t0 = time.perf_counter()
        a.ingest([BUNDLED_CORPUS])
        warm = time.perf_counter() - t0
        # re-ingest into a second store that shares nothing but the embedding cache would be "replace";
        # here "warm" is the idempotent re-run (every file unchanged).
        print(f"cold ingest: {cold:.1f} s for {chunks} chunks ({chunks / cold:.1f} chunks/s)")
        print(f"warm ingest (unchanged files): {warm:.2f} s")
        qs = [json.loads(line)["question"] for line in DEV.read_text().splitlines() if line.strip()] \
            if DEV.exists() else ["Hoeveel cliënten had de Jeugdwet in H1 2018?"]
        a.warm_up()
        lat = []
        for q in qs:
            t0 = time.perf_counter()
            a.search(q, k=5)
            lat.append((time.perf_counter() - t0) * 1000)
        print(f"search latency over {len(qs)} questions: p50 {pct(lat, .5):.1f} ms, p95 {pct(lat, .95):.1f} ms, "
              f"mean {statistics.mean(lat):.1f} ms")
        a.close()


if __name__ == "__main__":
    main()
