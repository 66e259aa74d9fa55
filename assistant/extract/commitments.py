"""Toezeggingen (commitments): "T2018-063" followed by the commitment text and its fulfilment.

The flattened "Nr. Toezegging Invulling" table gives: the number on its own line, the commitment
paragraph, a blank line, then the fulfilment paragraph; the next number or a caption ends the entry.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import caption_at, join_lines
from assistant.records import Commitment

NUMBER = re.compile(r"^\s*(?P<nr>T\d{4}-\d{2,4})\b\s*(?P<rest>.*)$")
_STATUS = re.compile(r"\b(afgedaan|afgehandeld|afgerond|gereed|voldaan|in behandeling|in uitvoering|lopend|"
                     r"openstaand|doorlopend)\b", re.IGNORECASE)


def _paragraphs(lines: list[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of blank-separated paragraphs in lines[start:end] (0-based)."""
    out, cur, first = [], [], None
    for k in range(start, end):
        t = lines[k].strip()
        if t:
            if first is None:
                first = k
            cur.append(t)
        elif cur:
            out.append((first, k - 1, join_lines(cur)))
            cur, first = [], None
    if cur:
        out.append((first, end - 1, join_lines(cur)))
    return out


def find(lines: list[str], doc_id: str, file_name: str, pages: list[int | None] | None) -> list[Commitment]:
    starts = [k for k, t in enumerate(lines) if NUMBER.match(t)]
    out: list[Commitment] = []
    for idx, k in enumerate(starts):
        end = starts[idx + 1] if idx + 1 < len(starts) else len(lines)
        for j in range(k + 1, end):  # a caption or a new section ends the last entry
            if caption_at(lines[j]) or lines[j].startswith(" >"):
                end = j
                break
        m = NUMBER.match(lines[k])
        paras = _paragraphs(lines, k + 1, end)
        rest = m["rest"].strip()
        if rest:  # text on the number's own line belongs to the commitment
            if paras and paras[0][0] == k + 1:
                paras[0] = (k, paras[0][1], join_lines([rest, paras[0][2]]))
            else:
                paras.insert(0, (k, k, rest))
        if not paras:
            continue
        text = paras[0][2]
        fulfil = paras[1][2] if len(paras) > 1 else ""
        last = paras[1][1] if len(paras) > 1 else paras[0][1]
        status = None
        if len(paras) > 2 and len(paras[2][2].split()) <= 3 and _STATUS.search(paras[2][2]):
            status, last = paras[2][2], paras[2][1]
        elif fulfil and _STATUS.fullmatch(fulfil.strip(" .")):
            status = fulfil.strip(" .")
        out.append(Commitment(number=m["nr"], doc_id=doc_id, file_name=file_name, text=text, fulfilment=fulfil,
                              status=status, line_start=k + 1, line_end=last + 1,
                              page=pages[k] if pages and k < len(pages) else None))
    return out
