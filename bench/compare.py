"""The assistant versus a plain vector-only RAG baseline on ../shared/eval/dev.jsonl.

The baseline is the usual LangChain retriever pattern over the same Chroma store: embed the
question, take the top passage as the answer, cite it. Both are scored with eval/score.py's rules.

    python bench/compare.py [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from langchain_core.documents import Document  # noqa: E402
from langchain_core.retrievers import BaseRetriever  # noqa: E402

from assistant.api import Assistant  # noqa: E402
from assistant.settings import BUNDLED_CORPUS, Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"


class VectorOnlyRetriever(BaseRetriever):
    """LangChain retriever over our Chroma collection: vectors only, no BM25, no tables."""

    assistant: object
    k: int = 1

    def _get_relevant_documents(self, query: str, *, run_manager=None) -> list[Document]:
        a = self.assistant
        hits = a.vectors.query(a.embedder.embed_query(query), self.k)
        rows = a.db.chunks_by_ids([h[0] for h in hits])
        return [Document(page_content=rows[i]["text"], metadata=rows[i]) for i, _ in hits if i in rows]


def baseline_answer(retriever: VectorOnlyRetriever, qid: str, question: str) -> dict:
    t0 = time.perf_counter()
    docs = retriever.invoke(question)
    cites = [{"doc": d.metadata["file_name"], "lines": [d.metadata["line_start"], d.metadata["line_end"]]}
             for d in docs]
    return {"id": qid, "answer": docs[0].page_content if docs else "", "citations": cites, "refused": False,
            "elapsed_ms": (time.perf_counter() - t0) * 1000}


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def summarise(name: str, golds: list[dict], answers: list[dict], score) -> None:
    by_id = {a["id"]: a for a in answers}
    ok = cites = cite_n = 0
    for g in golds:
        v = score.judge(g, by_id[g["id"]])
        ok += v["correct"]
        if v["cite_hit"] is not None:
            cite_n += 1
            cites += v["cite_hit"]
    lat = sorted(a["elapsed_ms"] for a in answers)
    p = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]  # noqa: E731
    print(f"{name:<22} score {100 * ok / len(golds):5.1f}%  citation hit {100 * cites / max(cite_n, 1):5.1f}%  "
          f"latency p50 {p(.5):6.1f} ms  p95 {p(.95):6.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args()
    a = Assistant(Settings(data_dir=args.data_dir) if args.data_dir else None)
    if not a.documents():
        a.ingest([BUNDLED_CORPUS])
    a.warm_up()
    golds = [json.loads(line) for line in (EVAL / "dev.jsonl").read_text().splitlines() if line.strip()]
    score = load_scorer()
    ours = []
    for g in golds:
        ans = a.ask(g["question"])
        ours.append(ans.contract(g["id"]))
    retriever = VectorOnlyRetriever(assistant=a)
    base = [baseline_answer(retriever, g["id"], g["question"]) for g in golds]
    summarise("assistant", golds, ours, score)
    summarise("vector-only baseline", golds, base, score)


if __name__ == "__main__":
    main()
