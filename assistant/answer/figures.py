"""The figure route: question -> linked rows, periods, municipality, intent -> SQL -> rows.

Offline semantic parsing, step 2. The chosen facts are described as SQL over `fact_view` (figure,
row paths, periods, columns, municipalities), validated by the SQL guard and run read-only; the
answer is composed from the rows the SQL returned, never from the linking step's own copy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.answer.linking import PERIODISH, Candidate, FactCatalog
from assistant.answer.question_periods import PeriodMention
from assistant.answer.sql_guard import sql_literal
from assistant.answer.text_tools import content_words, stem, stems, token_match
from assistant.periods import Period, from_label

COMPARE = re.compile(r"\b(verschil|gestegen|gedaald|stijging|daling|toegenomen|afgenomen|toename|afname|"
                     r"ontwikkel\w*|minder|meer|lager|hoger|vergeleken|ten opzichte|t\.o\.v\.|erboven|eronder|"
                     r"met hoeveel)\b", re.I)
PERCENT_Q = re.compile(r"\b(percentage|procent|aandeel)\b|%", re.I)
TARGET_Q = re.compile(r"\b(begro\w*|geraamd|raming|verwacht|doel\w*|prognose)\b", re.I)
TOTAL_Q = re.compile(r"\b(totaal|in totaal|totale|samen|alle)\b", re.I)
MOST_Q = re.compile(r"\b(meeste|hoogste|grootste)\b", re.I)
LEAST_Q = re.compile(r"\b(minste|laagste|kleinste)\b", re.I)
MIN_COVERAGE = 0.25
REALISED_KINDS = ("realisatie", "resultaat", None)

FACT_COLUMNS = ("file_name, document_title, figure_label, figure_title, row_path, column_label, period_label, "
                "period_kind, municipality, unit, scale, value, status, raw, line, page, figure_line_start, "
                "figure_line_end")


@dataclass
class FigurePlan:
    candidate: Candidate
    facts: list[dict[str, Any]]
    sql: str
    compare: bool = False
    missing_periods: list[Period] = field(default_factory=list)


def _period_of(f: dict[str, Any]) -> Period | None:
    try:
        return from_label(f["period_label"]) if f.get("period_label") else None
    except ValueError:
        return None


def _matches(f: dict[str, Any], m: PeriodMention) -> bool:
    p = _period_of(f)
    if p is None:
        return False
    if p.label == m.period.label:
        return True
    if m.point == "end":
        # "eind 2017": a year figure, a stand at year end, or the last quarter/half of that year
        return p.end == m.period.end or (p.kind == "year" and p.start.year == m.period.end.year)
    if m.whole_year or m.period.kind == "year":
        return m.period.contains(p) and p.kind in ("year", "half", "date")
    return False


def select_facts(c: Candidate, question: str, mentions: list[PeriodMention],
                 municipality: str | None) -> tuple[list[dict[str, Any]], list[Period]]:
    facts = list(c.facts)
    # municipality column
    munis = {f.get("municipality") for f in facts if f.get("municipality")}
    if munis:
        if municipality and municipality in munis:
            facts = [f for f in facts if f.get("municipality") == municipality]
        elif not (MOST_Q.search(question) or LEAST_Q.search(question)):
            totals = [f for f in facts if (f.get("municipality") or "").lower() in ("totaal", "drechtsteden")]
            if totals and not municipality:
                facts = totals
    # non-period columns named in the question (e.g. "nieuwe vragen", "treeknorm")
    qstems = set(stems(question))
    by_col: dict[str, float] = {}
    named_columns = 0

    for f in facts:
        col = f.get("column_label") or ""
        cs = [stem(w) for w in content_words(col) if not PERIODISH.match(w)]
        if cs:
            by_col[col] = sum(max((token_match(q, s) for q in qstems), default=0) for s in cs) / len(cs)
    if by_col and max(by_col.values()) > 0.3 and len(set(by_col)) > 1:
        # keep every column the question names ("wachttijd" and "percentage binnen de Treeknorm")
        keep = {col for col, v in by_col.items() if v >= 0.3}
        narrowed = [f for f in facts if (f.get("column_label") or "") in keep]
        # only narrow by column when the columns are measures, not the periods themselves
        if narrowed and len({f.get("period_label") for f in narrowed}) <= len({f.get("period_label") for f in facts}):
            facts = narrowed
            named_columns = len(keep)
    # unit: a count and its percentage side by side (aantal/% columns): keep what the question asks
    pairs: dict[tuple, set] = {}
    for f in facts:
        pairs.setdefault((f.get("row_path"), f.get("period_label"), f.get("municipality")), set()).add(
            f.get("unit") == "%")
    if named_columns < 2 and any(len(v) > 1 for v in pairs.values()):
        want_pct = bool(PERCENT_Q.search(question))
        facts = [f for f in facts if (f.get("unit") == "%") == want_pct] or facts
    # "voor/na wijziging" lives in the column label of budget tables
    for word in ("voor wijziging", "na wijziging"):
        if word in question.lower():
            other = "na wijziging" if word == "voor wijziging" else "voor wijziging"
            facts = [f for f in facts if other not in (f.get("column_label") or "").lower()] or facts
    # periods
    missing: list[Period] = []
    if mentions:
        chosen: list[dict[str, Any]] = []
        for m in mentions:
            hit = [f for f in facts if _matches(f, m)]
            if hit:
                chosen += [f for f in hit if f not in chosen]
            else:
                missing.append(m.period)
        facts = chosen
    elif facts:
        # no period asked: the most recent one
        dated = [(p, f) for f in facts if (p := _period_of(f))]
        if dated:
            latest = max(p.end for p, _ in dated)
            facts = [f for p, f in dated if p.end == latest] or facts
    # realisation vs. budget/estimate columns for the same period
    kinds = {f.get("period_kind") for f in facts}
    if len(kinds) > 1:
        if TARGET_Q.search(question) or COMPARE.search(question):
            keep_kinds = {k for k in kinds if not (k and "afwijking" in k)}
            facts = [f for f in facts if f.get("period_kind") in keep_kinds] or facts
            if not re.search(r"\b(voor|na) wijziging\b", question, re.I):
                # the estimate after amendment is the one a realisation is measured against
                na = [f for f in facts if "na wijziging" in (f.get("column_label") or "").lower()]
                if na:
                    facts = [f for f in facts if "voor wijziging" not in (f.get("column_label") or "").lower()]
        else:
            facts = [f for f in facts if f.get("period_kind") in REALISED_KINDS] or facts
    return facts, missing


def build_sql(facts: list[dict[str, Any]], compare: bool) -> str:
    """SQL over fact_view that returns exactly the chosen facts (plus differences when comparing)."""
    def in_list(col: str) -> str:
        vals = sorted({f[col] for f in facts if f.get(col) is not None})
        nulls = any(f.get(col) is None for f in facts)
        parts = []
        if vals:
            parts.append(f"{col} IN ({', '.join(sql_literal(v) for v in vals)})")
        if nulls:
            parts.append(f"{col} IS NULL")
        return "(" + " OR ".join(parts) + ")" if len(parts) > 1 else parts[0]

    where = " AND ".join(in_list(c) for c in ("figure_id", "row_path", "column_label", "period_label",
                                               "period_kind", "municipality"))
    select = FACT_COLUMNS
    # budget and estimates before realisation, so a difference reads "realised minus planned"
    order = ("period_start, CASE WHEN period_kind ILIKE 'begroting%' THEN 0 WHEN period_kind ILIKE 'raming%' "
             "THEN 1 ELSE 2 END")
    if compare:
        select += (f", value - LAG(value) OVER (PARTITION BY row_path, municipality ORDER BY {order}) AS verschil, "
                   f"round(100.0 * (value - LAG(value) OVER (PARTITION BY row_path, municipality ORDER BY {order})) / "
                   f"nullif(LAG(value) OVER (PARTITION BY row_path, municipality ORDER BY {order}), 0), 1) "
                   "AS verschil_pct")
    return f"SELECT {select} FROM fact_view WHERE {where} ORDER BY row_path, municipality, {order}"


def plan_figure_answer(catalog: FactCatalog, question: str, mentions: list[PeriodMention],
                       municipality: str | None, min_score: float = 2.5) -> FigurePlan | None:
    cands = catalog.link(question)
    if not cands or cands[0].score < min_score or cands[0].detail.get("question_coverage", 0) < MIN_COVERAGE:
        return None
    compare = bool(COMPARE.search(question)) or len({m.period.label for m in mentions}) > 1
    best: FigurePlan | None = None
    for c in cands[:4]:
        if c.score < cands[0].score * 0.75:
            break
        facts, missing = select_facts(c, question, mentions, municipality)
        if facts and re.search(r"\b(welk|hoeveel) (percentage|procent)\b", question, re.I) and not any(
                f.get("unit") == "%" for f in facts):
            continue  # a percentage was asked; a count or an amount is not the answer
        if not facts:
            if best is None:
                best = FigurePlan(c, [], "", compare, missing)
            continue
        plan = FigurePlan(c, facts, build_sql(facts, compare and len(facts) > 1), compare, missing)
        if not missing:
            return plan
        if best is None or not best.facts:
            best = plan
    return best
