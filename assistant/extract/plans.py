"""Beleidsaccenten: "Doelgroep ...", "Plan <name> (T17.08515)", "Inzet Zwaar (€ 275.000)" schemes.

The heading above "Doelgroep" is the accent name in capitals; the accent number comes from the
"ACCENT 1 ELK KIND EEN KANS" lines elsewhere in the booklet, matched by name (or else by order).
"""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz

from assistant.extract.blocks import join_lines
from assistant.extract.references import REF
from assistant.numbers import parse_dutch_number
from assistant.records import Plan

_INZET = re.compile(r"^\s*Inzet\s+(?P<level>licht|middel|midden|zwaar)\b\s*(?:\(\s*(?P<budget>€\s*[\d.,]+)\s*\))?",
                    re.IGNORECASE)
_ACCENT = re.compile(r"^\s*ACCENT\s+(?P<no>\d{1,2})\s+(?P<name>.+?)\s*$")
_LEVELS = {"licht": "licht", "middel": "middel", "midden": "middel", "zwaar": "zwaar"}


def _is_caps(t: str) -> bool:
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", t)
    return len(letters) >= 4 and letters.isupper()


def _continues_accent(lines: list[str], j: int) -> bool:
    """Line j carries on the "ACCENT n ..." line above it (a new heading starts a new text block,
    which the PDF dump marks with a leading space)."""
    return (0 < j < len(lines) and bool(_ACCENT.match(lines[j - 1])) and _is_caps(lines[j])
            and not _ACCENT.match(lines[j]) and not lines[j][:1].isspace())


def _field(lines: list[str], k: int, key: str, stop: int) -> tuple[str, int]:
    """Text of a "Key value" field that may continue on the next lines (until a blank line)."""
    parts = [lines[k].strip()[len(key):].strip()]
    j = k + 1
    if not parts[0]:  # "Doelgroep" alone, its value on the following lines (maybe after a blank line)
        parts = []
        while j < stop and not lines[j].strip():
            j += 1
    while j < stop and lines[j].strip() and not re.match(r"^\s*(Plan|Inzet|Doelgroep)\b", lines[j]):
        parts.append(lines[j].strip())
        j += 1
    # separate lines that each start a new item ("Mantelzorgers" / "Vrijwilligers en ...") with "; "
    text = ""
    for p in parts:
        if text and p[:1].isupper() and not text.endswith((".", ",", ";", "-")):
            text += "; " + p
        else:
            text = join_lines([text, p]) if text else p
    return text, j - 1


def _sentence_case(caps: str, text: str) -> str:
    """"LANSINGERLAND HOUDT EENZAMEN AAN BOORD" -> "Lansingerland houdt eenzamen aan boord"."""
    words = caps.replace("‘", "").replace("’", "").lower().split()
    counts = Counter(re.findall(r"\b[\wÀ-ÿ]+\b", text))
    out = []
    for i, w in enumerate(words):
        cap = w[:1].upper() + w[1:]
        # a word the document writes with a capital far more often is a name ("Lansingerland")
        out.append(cap if i == 0 or (counts[cap] >= 2 and counts[cap] > 2 * counts[w]) else w)
    return " ".join(out)


def find(lines: list[str], doc_id: str, file_name: str, pages: list[int | None] | None) -> list[Plan]:
    text = "\n".join(lines)
    accents: list[tuple[int, str]] = []
    for k, t in enumerate(lines):
        m = _ACCENT.match(t)
        if m:
            name = m["name"]
            if _continues_accent(lines, k + 1):
                name = f"{name} {lines[k + 1].strip()}"  # accent name broken over two lines
            accents.append((int(m["no"]), " ".join(name.replace("‘", "").replace("’", "").split())))
    numbers = list(dict.fromkeys(n for n, _ in accents))

    out: list[Plan] = []
    starts = [k for k, t in enumerate(lines) if re.match(r"^\s*Doelgroep\b", t)]
    for idx, k in enumerate(starts):
        stop = starts[idx + 1] if idx + 1 < len(starts) else len(lines)
        stop = min(stop, k + 20)
        target, _ = _field(lines, k, "Doelgroep", stop)
        plan_name = plan_ref = ""
        inzet, budget, last = "", None, k
        for j in range(k + 1, stop):
            t = lines[j].strip()
            if t.startswith("Plan ") and not plan_name:
                value, end = _field(lines, j, "Plan", stop)
                ref = REF.search(value)
                plan_ref = ref.group() if ref else ""
                plan_name = re.sub(r"\(\s*" + re.escape(plan_ref) + r"\s*\)", "", value).strip() if plan_ref else value
                last = max(last, end)
            m = _INZET.match(t)
            if m and not inzet:
                inzet = _LEVELS[m["level"].lower()]
                budget = parse_dutch_number(m["budget"]) if m["budget"] else None
                last = max(last, j)
        if not (plan_name and inzet):
            continue
        # the accent name: the capitals heading just above "Doelgroep" (possibly two lines)
        heading: list[str] = []
        first = k
        for j in range(k - 1, max(-1, k - 6), -1):
            t = lines[j].strip()
            if not t:
                if heading:
                    break
                continue
            if _is_caps(t) and not _ACCENT.match(t) and not _continues_accent(lines, j):
                heading.insert(0, t)
                first = j
            else:
                break
        caps_name = " ".join(" ".join(heading).split())
        name = _sentence_case(caps_name, text) if caps_name else plan_name
        if plan_name and plan_name.lower() == name.lower():
            name = plan_name  # the plan title shows the document's own casing
        accent_no = None
        if caps_name and accents:
            scored = [(fuzz.token_set_ratio(caps_name, a), n) for n, a in accents]
            best = max(scored)
            if best[0] >= 85:
                accent_no = best[1]
        if accent_no is None and len(numbers) == len(starts):
            accent_no = numbers[idx]  # same count of schemes and accents: match by order
        out.append(Plan(accent_no=accent_no, name=name, doc_id=doc_id, file_name=file_name, target_group=target,
                        plan_name=plan_name, plan_ref=plan_ref, inzet=inzet, budget=budget,
                        line_start=first + 1, line_end=last + 1,
                        page=pages[first] if pages and first < len(pages) else None))
    return out
