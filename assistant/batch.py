"""`ask --json --batch FILE`: one contract object per input line, in order, whatever the line holds.

A line that is not JSON, a question that is not text, or a question that fails gets its own object
(refused, with a Dutch answer) and the batch goes on. The contract is in eval/CONTRACT.md.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import IO, Any

from assistant.text import safe_text

log = logging.getLogger(__name__)

MSG_BAD_LINE = "Deze regel kon niet worden gelezen: het is geen geldig JSON-object met een vraag."
MSG_NOT_TEXT = "De vraag op deze regel is geen tekst; stel de vraag als tekst."
MSG_FAILED = "Er ging iets mis bij het beantwoorden van deze vraag; de andere vragen worden wel beantwoord."


def error_object(qid: Any, question: Any, message: str, elapsed_ms: float) -> dict[str, Any]:
    """A contract object for a question that got no answer: refused, with a Dutch message."""
    return {"id": safe_text(qid) if isinstance(qid, str) else qid,
            "question": question if isinstance(question, str) else ("" if question is None else safe_text(question)),
            "answer": message, "route": "none", "sql": None, "citations": [], "refused": True,
            "elapsed_ms": round(elapsed_ms, 1)}


def _answer_line(assistant, line: str) -> tuple[dict[str, Any], bool]:
    t0 = time.perf_counter()
    qid: Any = None
    question: Any = ""
    try:
        item = json.loads(line)
        if not isinstance(item, dict):
            return error_object(None, "", MSG_BAD_LINE, 0.0), False
        qid, question = item.get("id"), item.get("question")
        if question is not None and not isinstance(question, str):
            return error_object(qid, question, MSG_NOT_TEXT, 0.0), False
        question = safe_text(question)
        obj = assistant.ask(question).contract(safe_text(qid) if isinstance(qid, str) else qid)
        obj.setdefault("id", None)
        obj = {"id": obj.pop("id"), **obj}
        return obj, True
    except ValueError:
        return error_object(None, "", MSG_BAD_LINE, 0.0), False
    except Exception:  # noqa: BLE001 - one question must not stop the batch
        log.exception("batch question failed: %r", question)
        return error_object(qid, safe_text(question), MSG_FAILED, (time.perf_counter() - t0) * 1000), False


# Characters that str.splitlines() and some JSONL readers take as a line end, but json.dumps leaves as they are.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def contract_json(obj: dict[str, Any]) -> str:
    """One contract object as exactly one line of JSON (UTF-8 text, line-breaking characters escaped)."""
    text = json.dumps(obj, ensure_ascii=False)
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)  # outside strings JSON has only ASCII, so this is always safe
    return text


def _write(out: IO[str], obj: dict[str, Any]) -> None:
    try:
        out.write(contract_json(obj) + "\n")
    except UnicodeEncodeError:  # an output that cannot take UTF-8: \u escapes are the same JSON
        out.write(json.dumps(obj) + "\n")
    out.flush()


def run_batch(assistant, path: Path, out: IO[str]) -> int:
    """Answer every line of `path` onto `out`; returns the exit code (0: every line has its object)."""
    bad = 0
    total = 0
    with open(path, "rb") as fh:
        for raw in fh:
            line = raw.decode("utf-8", errors="replace")
            if not line.strip():
                continue
            total += 1
            obj, ok = _answer_line(assistant, line)
            bad += not ok
            _write(out, obj)
    if bad:
        print(f"{bad} van de {total} regels kregen geen antwoord (zie hun foutmelding).", file=sys.stderr)
    return 0
