"""Downloads of an answer: its rows as CSV, the answer with its sources as Markdown."""

from __future__ import annotations

import re
import tempfile
import time
import uuid
from pathlib import Path

from assistant.models import Answer
from ui.answer_card import answer_text
from ui.figures import rows_csv
from ui.sources import Resolved, where_text

FOLDER = Path(tempfile.gettempdir()) / "vraagbaak-downloads"


def _slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return (s[:40].rstrip("-") or "antwoord") + "-" + uuid.uuid4().hex[:6]


KEEP_SECONDS = 24 * 3600  # older downloads are removed when a new one is written


def _write(name: str, text: str, encoding: str = "utf-8") -> Path:
    FOLDER.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - KEEP_SECONDS
    for old in FOLDER.iterdir():
        try:
            if old.stat().st_mtime < cutoff:
                old.unlink()
        except OSError:
            pass  # another process removed it first
    path = FOLDER / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def csv_file(a: Answer) -> Path | None:
    """The rows as a CSV file (utf-8 with BOM, so Excel reads the accents), or None without rows."""
    if not a.rows:
        return None
    return _write(f"cijfers-{_slug(a.question)}.csv", rows_csv(a), encoding="utf-8-sig")


def answer_markdown(a: Answer, resolved: list[Resolved]) -> str:
    lines = ["# Vraag", "", a.question.strip(), ""]
    scope = [f"gemeente {a.scope.municipality}" if a.scope.municipality else "",
             f"jaar {a.scope.year}" if a.scope.year else ""]
    if any(scope):
        lines += [f"*Filter: {', '.join(s for s in scope if s)}*", ""]
    lines += ["## Antwoord", "", answer_text(a).strip(), ""]
    if resolved:
        lines += ["## Bronnen", ""]
        for n, r in enumerate(resolved, 1):
            c = r.citation
            span = r.target or c.lines
            loc = ", ".join(p for p in (where_text(c), f"regels {span[0]}–{span[-1]}" if span else "") if p)
            lines.append(f"{n}. {c.title or c.doc} — {loc} (bestand {c.doc})")
            quote = " ".join(ln.text.strip() for ln in r.target_lines) if c.row_lines and r.target_lines \
                else c.quote
            if quote:
                lines.append("   > " + " ".join(quote.split()))
        lines.append("")
    if a.sql:
        lines += ["## SQL", "", "```sql", a.sql, "```", ""]
    return "\n".join(lines)


def markdown_file(a: Answer, resolved: list[Resolved]) -> Path:
    return _write(f"antwoord-{_slug(a.question)}.md", answer_markdown(a, resolved))
