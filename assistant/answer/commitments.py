"""The commitment route (toezeggingen, document references) and policy plans (beleidsaccenten)."""

from __future__ import annotations

import re
from typing import Any

from rapidfuzz import fuzz

from assistant.answer.sql_guard import sql_literal
from assistant.answer.text_tools import stems, token_match
from assistant.models import Citation
from assistant.numbers import format_euro

COMMITMENT_NO = re.compile(r"\bT\s?(\d{4})\s?-\s?(\d{2,3})\b", re.I)
REFERENCE_NO = re.compile(r"\b([TU])\s?(\d{2})\.(\d{5})\b", re.I)
COMMITMENT_Q = re.compile(r"\b(toezegging\w*|toegezegd|beloofd|belofte\w*)\b", re.I)
PLAN_Q = re.compile(r"\b(accent\w*|beleidsaccent\w*|inzet|budget\w*|plan)\b", re.I)
INZET = re.compile(r"\b(zwa(?:ar|re)|midde[ln]|lich(?:t|te))\b", re.I)
SUM_Q = re.compile(r"\b(samen|totaal|opgeteld|bij elkaar)\b", re.I)
DIFF_Q = re.compile(r"\b(meer|minder|verschil)\b", re.I)


def commitment_numbers(question: str) -> list[str]:
    return [f"T{y}-{int(n):03d}" for y, n in COMMITMENT_NO.findall(question)]


def reference_numbers(question: str) -> list[str]:
    return [f"{k.upper()}{y}.{n}" for k, y, n in REFERENCE_NO.findall(question)]


def commitment_sql(numbers: list[str]) -> str:
    cols = ("c.number, c.text, c.fulfilment, c.status, c.file_name, d.title AS document_title, c.line_start, "
            "c.line_end, c.page")
    where = f"WHERE c.number IN ({', '.join(sql_literal(n) for n in numbers)})" if numbers else ""
    return f"SELECT {cols} FROM commitments c JOIN documents d USING (doc_id) {where} ORDER BY c.number"


def compose_commitments(rows: list[dict[str, Any]]) -> tuple[str, list[Citation]]:
    parts, cites = [], []
    for i, r in enumerate(rows, 1):
        text = f"{r['number']}: {r['text']}"
        if r.get("fulfilment"):
            text += f" Invulling: {r['fulfilment']}"
        if r.get("status"):
            text += f" (status: {r['status']})"
        parts.append(f"{text} [{i}]")
        cites.append(Citation(doc=r["file_name"], title=r.get("document_title") or "",
                              lines=[r["line_start"], r["line_end"]], page=r.get("page"), locator=r["number"],
                              quote=f"{r['text']} — {r.get('fulfilment') or ''}".strip(" —")))
    return "\n".join(parts), cites


def link_plans(question: str, plans: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Plans named in the question, in the order the question names them."""
    qlow = question.lower()
    qst = stems(question)
    found = []
    for p in plans:
        names = [n for n in (p.get("name"), p.get("plan_name")) if n]
        best = max((fuzz.partial_ratio(n.lower(), qlow) for n in names), default=0)
        pos = min((qlow.find(n.lower()) for n in names if n.lower() in qlow), default=-1)
        # distinctive words (e.g. "zorgmijding") also name a plan
        pst = set(stems(" ".join(names)))
        overlap = sum(1 for q in qst if any(token_match(q, t) >= 0.8 for t in pst) and len(q) >= 6)
        if best >= 90 or overlap >= 1:
            found.append((pos if pos >= 0 else 10_000, -best, p))
    found.sort(key=lambda t: (t[0], t[1]))
    return [p for _, _, p in found]


def plan_sql(question: str, plans: list[dict[str, Any]]) -> str | None:
    cols = ("p.accent_no, p.name, p.plan_name, p.plan_ref, p.inzet, p.budget, p.target_group, p.file_name, "
            "d.title AS document_title, p.line_start, p.line_end, p.page")
    base = "FROM plans p JOIN documents d USING (doc_id)"
    m = INZET.search(question)
    named = link_plans(question, plans)
    if m and not named:
        word = m.group(1).lower()
        inzet = "zwaar" if word.startswith("zwa") else "middel" if word.startswith("midde") else "licht"
        extra = ", sum(p.budget) OVER () AS totaal" if SUM_Q.search(question) else ""
        return f"SELECT {cols}{extra} {base} WHERE p.inzet = {sql_literal(inzet)} ORDER BY p.accent_no"
    if named:
        names = [p["name"] for p in named[:2]] if DIFF_Q.search(question) and len(named) >= 2 else \
            [p["name"] for p in named[:3]]
        extra = ""
        if len(names) == 2 and DIFF_Q.search(question):
            extra = (f", (SELECT budget FROM plans WHERE name = {sql_literal(names[0])} LIMIT 1) - "
                     f"(SELECT budget FROM plans WHERE name = {sql_literal(names[1])} LIMIT 1) AS verschil")
        order = "CASE " + " ".join(f"WHEN p.name = {sql_literal(n)} THEN {i}" for i, n in enumerate(names)) + " END"
        return f"SELECT {cols}{extra} {base} WHERE p.name IN ({', '.join(sql_literal(n) for n in names)}) ORDER BY {order}"
    return None


def compose_plans(rows: list[dict[str, Any]]) -> tuple[str, list[Citation]]:
    parts, cites = [], []
    for i, r in enumerate(rows, 1):
        budget = format_euro(r["budget"]) if r.get("budget") is not None else "onbekend budget"
        ref = f" (plan ‘{r['plan_name']}’, {r['plan_ref']})" if r.get("plan_ref") else ""
        parts.append(f"- Accent {r['accent_no']} ‘{r['name']}’{ref}: inzet {r.get('inzet') or 'onbekend'}, "
                     f"budget {budget} per jaar [{i}]")
        cites.append(Citation(doc=r["file_name"], title=r.get("document_title") or "",
                              lines=[r["line_start"], r["line_end"]], page=r.get("page"),
                              locator=f"Accent {r['accent_no']} {r['name']}",
                              quote=f"Plan {r.get('plan_name')} ({r.get('plan_ref')}); Inzet {r.get('inzet')} "
                                    f"({budget})"))
    text = "\n".join(parts)
    if rows and rows[0].get("totaal") is not None:
        text += f"\nSamen: {format_euro(rows[0]['totaal'])} per jaar."
    if rows and rows[0].get("verschil") is not None:
        d = rows[0]["verschil"]
        text += (f"\n‘{rows[0]['name']}’ heeft {format_euro(abs(d))} {'meer' if d >= 0 else 'minder'} budget dan "
                 f"‘{rows[1]['name']}’." if len(rows) > 1 else "")
    return text, cites
