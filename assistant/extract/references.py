"""Document references such as T18.11285 / U18.05063 with the sentence that describes them."""

from __future__ import annotations

import re

from assistant.extract.blocks import join_lines
from assistant.records import DocReference

REF = re.compile(r"\b[A-Z]{1,2}\d{2}\.\d{5}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z‘“'\"(])")


def find(lines: list[str], doc_id: str, file_name: str, pages: list[int | None] | None) -> list[DocReference]:
    out: list[DocReference] = []
    k = 0
    while k < len(lines):
        if not lines[k].strip():
            k += 1
            continue
        # a paragraph: consecutive non-blank lines; keep each line's offset in the joined text
        first = k
        parts: list[str] = []
        while k < len(lines) and lines[k].strip():
            parts.append(lines[k])
            k += 1
        if not any(REF.search(p) for p in parts):
            continue
        text, offsets = "", []
        for p in parts:
            joined = join_lines([text, p]) if text else " ".join(p.split())
            offsets.append(len(text))
            text = joined
        sentences, pos = [], 0
        for s in _SENTENCE_END.split(text):
            start = text.find(s, pos)
            sentences.append((start, start + len(s), s.strip()))
            pos = start + len(s)
        for i, p in enumerate(parts):
            for m in REF.finditer(p):
                ref = m.group()
                at = text.find(ref, offsets[i])
                sent = next((s for a, b, s in sentences if a <= at < b), text)
                sent = re.sub(r"^\d{1,2}\s+(?=[A-Z])", "", sent)  # a footnote number before its text
                line = first + i + 1
                out.append(DocReference(ref=ref, doc_id=doc_id, file_name=file_name, sentence=sent, line=line,
                                        page=pages[line - 1] if pages and line <= len(pages) else None))
    return out
