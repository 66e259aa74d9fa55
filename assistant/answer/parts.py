"""Questions that ask two things at once ("Hoeveel X …, en hoeveel daarvan Y?") split into their parts.

Each part is answered on its own and the answers are joined. A later part that leans on the first
("daarvan", "daardoor", "er", or too few words of its own) borrows the first part's subject words at half
weight, so "en hoeveel waren er begroot?" still looks for the same row.
"""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.answer.intent import classify
from assistant.answer.matching import Term, content_terms, coverage

_SPLIT = re.compile(
    r"(?:,\s*|\s+)(?:en|of)\s+(?=(?:bij |over |op |tot |van |voor |in |met )?(?:hoeveel|welk|welke|wat|hoe|waar|wanneer)\b)",
    re.I)
_OTHER_EXTREME = re.compile(r"(?:welke?|wie|wat)\s+(?:had\s+|was\s+|is\s+)?(?:er\s+)?(?:de|het)\s+"
                            r"(?:minste|laagste|kleinste|meeste|hoogste|grootste)(?:\s+\w+)?", re.I)
_LEANS = re.compile(r"\b(daarvan|daardoor|daarbij|daarmee|hiervan|hierdoor|ervan|er|dat|die|deze|dit|zij|ze)\b", re.I)
CONTEXT_WEIGHT = 0.5


def split_question(question: str) -> list[str]:
    """The parts of a question that asks several things; one part for an ordinary question."""
    parts = [p.strip(" ,?") for p in _SPLIT.split(question) if p and p.strip(" ,?")]
    if len(parts) < 2 or any(len(p.split()) < 2 for p in parts):
        return [question]
    if len(content_terms(parts[0])) < 2:
        return [question]  # "Welke inzet en welk budget heeft …": one question asking two things of one subject
    if all(_OTHER_EXTREME.fullmatch(p.strip()) for p in parts[1:]):
        return [question]  # "…, en welke de minste?": the other end of the same ranking, answered with it
    return [p + "?" for p in parts]


def leans_on_first(part: str) -> bool:
    """"… en hoeveel daarvan …", "… was dat …": a part that speaks of the first part's subject; so does a part
    without a subject word of its own ("…, en hoeveel hadden we begroot?")."""
    return bool(_LEANS.search(part)) or not content_terms(part)


def part_terms(part: str, first: str, leave_out: list[str]) -> list[Term]:
    """The content words of a part, with the first part's words at half weight when the part leans on it."""
    own = content_terms(part, leave_out)
    if part == first or (len(own) >= 3 and not _LEANS.search(part)):
        return own
    have = {t.stem for t in own}
    borrowed = [replace(t, weight=t.weight * CONTEXT_WEIGHT) for t in content_terms(first, leave_out)
                if t.stem not in have]
    return own + borrowed


def search_text(part: str, first: str, terms: list[Term]) -> str:
    """What the indexes are searched with for a part: the part, and the words it borrows."""
    if part == first:
        return part
    extra = [t.word for t in terms if t.weight < 1.0 and t.word.lower() not in part.lower()]
    return f"{part} {' '.join(extra)}".strip()


_MARK = re.compile(r"\[(\d+)\]")


def merge_answers(question: str, parts: list[str], answers: list) -> object:
    """One answer from the answers to the parts: texts in order, citations renumbered and shared when they
    are the same passage lines. A part that found nothing is named; then the whole counts as not answered
    (a half answer to a double question must not pass for a full one)."""
    from assistant.models import Answer

    given = [a for a in answers if not a.refused]
    if not given:
        return answers[0]
    cites = []
    texts: list[str] = []
    seen_text: set[str] = set()
    given_text = " ".join(a.answer for a in given)
    answered = 0
    for part, a in zip(parts, answers, strict=True):
        if a.refused:
            own = content_terms(part)
            wants = classify(part).measures
            shown = {r.get("measure") for g in given for r in g.rows}
            if (own and coverage(own, given_text)[0] >= 0.6) or (wants and wants <= shown and len(own) <= 2):
                # the figure another part showed answers this one too ("…, en welk deel is dat?" with its %)
                answered += 1  # the sentence quoted for another part answers this one too
            else:
                texts.append(f"Over ‘{part.rstrip('?')}’ vond ik geen cijfer in de rapportages.")
            continue
        answered += 1
        mapping: dict[int, int] = {}
        for i, c in enumerate(a.citations, 1):
            for j, old in enumerate(cites, 1):
                if old.doc == c.doc and old.lines == c.lines:
                    mapping[i] = j
                    break
            else:
                cites.append(c)
                mapping[i] = len(cites)
        text = _MARK.sub(lambda m, mp=mapping: f"[{mp.get(int(m.group(1)), int(m.group(1)))}]", a.answer)
        if text in seen_text:
            continue
        seen_text.add(text)
        texts.append(text)
    first = given[0]
    routes = {a.route for a in given}
    return Answer(question=question, answer="\n\n".join(texts), route=first.route if len(routes) == 1 else "sql",
                  sql=";\n".join(a.sql for a in given if a.sql) or None, citations=cites,
                  refused=answered < len(answers), headline=first.headline, context=first.context,
                  derivation="; ".join(a.derivation for a in given if a.derivation),
                  columns=first.columns, rows=[r for a in given for r in a.rows], chart=first.chart,
                  suggestions=[s for a in answers if a.refused for s in a.suggestions][:3])
