"""Rows under a known set of columns: "Label v1 v2 ... vN" lines, group headings and sub-total groups.

Shared by the layouts whose rows are space-separated (stacked period headers, financial tables and
key-figure lists). A row is kept only when it has exactly as many values as there are columns.
"""

from __future__ import annotations

import re

from assistant.extract.blocks import caption_at, is_bullet, is_prose, strip_bullet
from assistant.extract.cells import Cell, split_row, values_only
from assistant.extract.headers import header_tokens, parse_kind_columns
from assistant.extract.model import CellOut, Column, Context, is_domain_group, label_unit, unit_word

_ENUM = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
_TOTAL = re.compile(r"^(eind)?totaal\b|^total\b|^subtotaal\b", re.IGNORECASE)


def clean_label(label: str, footnotes: set[int]) -> tuple[str, bool, bool]:
    """(label, is_bullet, is_enumerated); strips bullets, "1. " numbering and glued footnote marks."""
    bullet = is_bullet(label)
    text = strip_bullet(label) if bullet else label.strip()
    enum = bool(_ENUM.match(text))
    if enum:
        text = _ENUM.sub("", text)
    # "Jeugdwet2" / "wachttijd6": a digit glued to a word is a footnote mark when that footnote exists
    m = re.search(r"(?<=[a-zà-ÿ)])(\d{1,2})$", text)
    if m and int(m.group(1)) in footnotes:
        text = text[: m.start()]
    return " ".join(text.split()), bullet, enum


def _heading_like(text: str) -> bool:
    t = text.strip()
    if not t or is_prose(t) or caption_at(t) or len(t.split()) > 12 or len(t) > 100:
        return False
    if t.endswith((".", "!", "?")) or t.lower().startswith(("bron", "toelichting")):
        return False
    return bool(re.search(r"[A-Za-zÀ-ÿ]", t))


def _majority(flags) -> bool:
    fl = list(flags)
    return sum(fl) * 2 > len(fl)


def _sentence(label: str) -> bool:
    """A row label never ends a sentence or holds one; long descriptive labels are fine."""
    t = label.strip()
    return t.endswith((".", "!", "?")) or bool(re.search(r"[a-z]\. [A-Z]", t)) or len(t.split()) > 35


def _next_nonblank(lines: list[str], k: int, limit: int = 3) -> int | None:
    j = k
    while j < len(lines) and j < k + limit:
        if lines[j].strip():
            return j
        j += 1
    return None


def parse_rows(ctx: Context, start: int, columns: list[Column], allow_unit_words: bool = False,
               stop_at_blank_run: int = 4) -> tuple[list[CellOut], int]:
    """Parse rows from 0-based line index `start`; returns (cells, 0-based index of the last row line)."""
    lines, fns, n = ctx.lines, ctx.footnote_numbers, len(columns)
    out: list[CellOut] = []
    groups: list[str] = []
    bullet_parent = False  # the last group applies only to the bullet rows right under it
    fresh_heading = False
    heading_run = 0
    sum_group: dict | None = None  # an "N. Label" / "Label, waarvan:" row and the sums of its children
    last_row = -1
    misses = 0
    blanks = 0
    k = start

    def emit(label_raw: str, cells: list[Cell], units: list[str | None], line_idx: int) -> None:
        nonlocal bullet_parent, fresh_heading, sum_group, heading_run
        label, bullet, enum = clean_label(label_raw, fns)
        if not label:
            return
        if fresh_heading:
            bullet_parent = bullet
            fresh_heading = False
        elif bullet_parent and not bullet:
            groups.pop()
            bullet_parent = False
        heading_run = 0
        parent_like = enum or label.endswith(":")
        values = [c.value for c in cells]
        if sum_group is not None and (parent_like or _TOTAL.match(label)):
            sum_group = None
        path = list(groups)
        if sum_group is not None and not parent_like:
            new = [s + (v or 0.0) for s, v in zip(sum_group["sums"], values, strict=True)]
            # reports do not always add up in every column: decide by the majority of columns
            if _majority(a > p + 1e-6 for a, p in zip(new, sum_group["parent"], strict=True)):
                sum_group = None  # more than the parent: not one of its parts
            else:
                path.append(sum_group["element"])
                sum_group["sums"] = new
        clean = re.sub(r",?\s*waarvan\s*:?\s*$", "", label).rstrip(":").strip() or label
        # "150 deeln 137": a unit word printed once applies to the whole row
        row_unit = label_unit(clean) or next((unit_word(u) for u in units if u), None)
        for col, cell, u in zip(columns, cells, units, strict=True):
            out.append(CellOut(row_label=clean, row_path=path + [clean], column=col, cell=cell,
                               line=line_idx + 1, unit=unit_word(u) or row_unit))
        if sum_group is not None and _majority(abs(a - p) < 1e-6 for a, p in
                                               zip(sum_group["sums"], sum_group["parent"], strict=True)):
            sum_group = None
        if parent_like and all(v is not None for v in values):
            element = label if label.endswith(":") else clean
            sum_group = {"element": element, "parent": values, "sums": [0.0] * n}

    while k < len(lines):
        t = lines[k]
        if not t.strip():
            blanks += 1
            if blanks >= stop_at_blank_run:
                break
            k += 1
            continue
        blanks = 0
        if caption_at(t) or (k > start and (header_tokens(t) or parse_kind_columns(t))):
            break
        if (k + 1) in ctx.claimed:
            break
        sr = split_row(t, fns, allow_unit_words)
        if sr.label and sr.cells and re.search(r"[A-Za-zÀ-ÿ]", sr.label) and len(sr.cells) == n \
                and not _sentence(sr.label):
            emit(sr.label, sr.cells, sr.units, k)
            last_row, misses = k, 0
            k += 1
            continue
        if not sr.cells and _heading_like(t):
            j = _next_nonblank(lines, k + 1)
            vo = values_only(lines[j], fns) if j is not None else None
            if vo and len(vo) == n:
                # label on one line, its values on the next ("Eindtotaal" / "1219 1259 ...")
                emit(t, vo, [None] * n, j)
                last_row, misses = j, 0
                k = j + 1
                continue
            heading_run += 1
            if heading_run > 4:
                break
            text, _, _ = clean_label(t, fns)
            if bullet_parent:
                groups.pop()
                bullet_parent = False
            sum_group = None
            if fresh_heading or heading_run > 1:
                groups.append(text)
            elif not groups or is_domain_group(text):
                groups[:] = [text]
            else:
                groups[-1] = text
            fresh_heading = True
            k += 1
            continue
        misses += 1
        if misses >= 2 or is_prose(t):
            break
        k += 1
    return out, last_row
