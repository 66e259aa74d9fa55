"""The commitment route: toezeggingen by number (any numbering) or by subject, and document references.

By number: "T2018-063", "TZ-2023-07", "toezegging 23" (the serial within a list), within the municipality
asked. By subject: the commitments whose text or fulfilment covers the question's content words; none
when no commitment is about the subject (the route then refuses instead of listing unrelated ones).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.answer.context import Ask, Knowledge
from assistant.answer.matching import Weights, content_terms, coverage
from assistant.extract.commitments import ANY_NUMBER, normalise_number, serial_of
from assistant.models import Answer, Citation

REFERENCE_NO = re.compile(r"\b([TU])\s?(\d{2})\.(\d{5})\b", re.I)
SERIAL = re.compile(r"\btoezegging(?:en)?\s+(?:nr\.?\s*|nummer\s+)?(\d{1,4})\b(?![-./]\d)", re.I)
YEAR_SERIAL = re.compile(r"\btoezegging\s+(?:nr\.?\s*|nummer\s+)?((?:19|20)\d{2}[-./]\d{1,4})\b", re.I)
MIN_SUBJECT = 0.5
_COMMITMENT_WORDS = ("toezegging", "toezeggingen", "toegezegd", "beloofd", "belofte", "college", "wethouder",
                     "stand", "zaken", "afgedaan", "nagekomen", "gedaan", "status", "raad")


def question_numbers(question: str) -> tuple[list[str], list[int]]:
    """(full numbers, bare serials) a question names."""
    full = [normalise_number(m.group()) for m in ANY_NUMBER.finditer(question)]
    full += [m.group(1) for m in YEAR_SERIAL.finditer(question)]  # "toezegging 2023-017"
    serials = [int(m.group(1)) for m in SERIAL.finditer(question)]
    return full, serials


def reference_numbers(question: str) -> list[str]:
    return [f"{k.upper()}{y}.{n}" for k, y, n in REFERENCE_NO.findall(question)]


def _compose(rows: list[dict[str, Any]]) -> tuple[str, list[Citation]]:
    parts, cites = [], []
    for i, r in enumerate(rows, 1):
        who = ", ".join(x for x in (r.get("made_on"), r.get("owner")) if x)
        text = f"{r['number']}{' (' + who + ')' if who else ''}: {r['text']}"
        if r.get("fulfilment"):
            text += f" Stand van zaken: {r['fulfilment']}"
        if r.get("status"):
            text += f" (status: {r['status']})"
        parts.append(f"{text} [{i}]")
        cites.append(Citation(doc=r["file_name"], title=r.get("document_title") or "",
                              lines=[r["line_start"], r["line_end"]], page=r.get("page"), locator=r["number"],
                              quote=f"{r['text']} — {r.get('fulfilment') or ''}".strip(" —")[:600],
                              row_lines=list(range(r["line_start"], r["line_end"] + 1))))
    return "\n".join(parts), cites


# "Hoeveel toezeggingen staan nog open?", "Welke toezeggingen zijn afgedaan?": a count or list by status
_STATUS_QUESTION = re.compile(r"\b(?:hoeveel|welke|wat zijn de)\s+(?:\w+\s+)?toezeggingen\b.*\b(open|openstaand\w*|"
                              r"lopend\w*|lopen|nog niet afgedaan|niet afgedaan|afgedaan|afgerond|nagekomen|"
                              r"uitgevoerd)\b|\bhoeveel\s+(?:\w+\s+)?toezeggingen\b", re.I)
_STATUS_WORDS = frozenset("open openstaand openstaande lopend lopende lopen loopt nog niet afgedaan afgerond nagekomen "
                          "uitgevoerd sociaal sociale domein lijst staan staat".split())
_DONE = re.compile(r"^(afgedaan|afgerond|afgehandeld|gereed|voldaan|ja|vervallen|samengevoegd)$", re.I)
_OPEN = re.compile(r"^(loopt|lopend|openstaand|open|in behandeling|in uitvoering|doorlopend|niet afgedaan|"
                   r"nog niet afgedaan|nee)$", re.I)


def _status_overview(ask: Ask, rows: list[dict[str, Any]], subject: list) -> Answer:
    """How many toezeggingen are open and how many done, with their numbers (on a subject when one is named)."""
    if subject:
        weights = Weights(f"{r['text']} {r.get('fulfilment') or ''}" for r in rows)
        about = [r for r in rows if coverage(subject, f"{r['text']} {r.get('fulfilment') or ''}", weights)[0]
                 >= MIN_SUBJECT]
        rows = about or rows
    done = [r for r in rows if _DONE.match((r.get("status") or "").strip())]
    open_ = [r for r in rows if _OPEN.match((r.get("status") or "").strip())]
    unknown = [r for r in rows if r not in done and r not in open_]
    docs = sorted({r.get("document_title") or r["file_name"] for r in rows})
    where = f" in ‘{docs[0]}’" if len(docs) == 1 else ""
    parts = [f"Van de {len(rows)} toezeggingen{where} staan er {len(open_)} nog open"
             + (f" ({', '.join(r['number'] for r in open_)})" if open_ else "")
             + f"; {len(done)} {'is' if len(done) == 1 else 'zijn'} afgedaan"
             + (f" ({', '.join(r['number'] for r in done)})" if done else "") + "."]
    if unknown:
        parts.append(f"Bij {len(unknown)} staat geen status: {', '.join(r['number'] for r in unknown)}.")
    cites = [Citation(doc=r["file_name"], title=r.get("document_title") or "", lines=[r["line_start"], r["line_end"]],
                      page=r.get("page"), locator=r["number"], quote=f"{r['number']}: status {r.get('status') or '-'}",
                      row_lines=list(range(r["line_start"], r["line_end"] + 1))) for r in (open_ + done + unknown)[:12]]
    return Answer(question=ask.question, answer=" ".join(parts) + " [1]", route="commitment", citations=cites,
                  rows=open_ + done + unknown, columns=["number", "text", "fulfilment", "status"])


class CommitmentRoute:
    name = "commitments"

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def _in_scope(self, rows: list[dict[str, Any]], ask: Ask) -> list[dict[str, Any]]:
        if ask.allowed_docs is None:
            return rows
        return [r for r in rows if r["doc_id"] in ask.allowed_docs]

    def answer(self, ask: Ask) -> tuple[Answer | None, str]:
        """(answer, why not): the reason is Dutch, for the refusal. A number that is not there is refused;
        a subject no toezegging is about gives an empty reason, so the passages are tried next."""
        rows = self._in_scope(self.kb.store.commitments(), ask)
        full, serials = question_numbers(ask.question)
        refs = reference_numbers(ask.question)
        if refs:
            hits = [r for r in self.kb.store.references() if r["ref"] in refs]
            if hits:
                parts = [f"{r['ref']}: “{r['sentence']}” [{i}]" for i, r in enumerate(hits, 1)]
                cites = [Citation(doc=r["file_name"], title=r.get("document_title") or "", lines=[r["line"], r["line"]],
                                  page=r.get("page"), locator=r["ref"], quote=r["sentence"]) for r in hits]
                return Answer(question=ask.question, answer="\n".join(parts), route="commitment",
                              citations=cites), ""
        if full or serials:
            hits = [r for r in rows if r["number"] in full]
            if not hits and serials:
                hits = [r for r in rows if serial_of(r["number"]) in serials]
            if not hits and full:
                # the same commitment printed with another separator or leading zeros
                want = {(re.sub(r"\D", "", n)[:4], serial_of(n)) for n in full}
                hits = [r for r in rows if (re.sub(r"\D", "", r["number"])[:4], serial_of(r["number"])) in want]
            if not hits:
                names = ", ".join(full + [f"toezegging {s}" for s in serials])
                return None, f"Toezegging {names} staat niet in de ingelezen documenten."
            text, cites = _compose(hits[:5])
            return Answer(question=ask.question, answer=text, route="commitment", citations=cites, rows=hits[:5],
                          columns=["number", "text", "fulfilment", "status"]), ""
        terms = [t for t in (ask.terms or content_terms(ask.question)) if t.word not in _COMMITMENT_WORDS]
        if not rows:
            return None, ""  # no list of toezeggingen here: a letter or paragraph may still say it (text route)
        if _STATUS_QUESTION.search(ask.question):
            subject = [t for t in terms if t.word not in _STATUS_WORDS]
            return _status_overview(ask, rows, subject), ""
        if not terms:
            text, cites = _compose(rows[:5])
            return Answer(question=ask.question, answer=text, route="commitment", citations=cites), ""
        weights = Weights(f"{r['text']} {r.get('fulfilment') or ''}" for r in rows)
        scored = []
        for r in rows:
            cov, _ = coverage(terms, f"{r['text']} {r.get('fulfilment') or ''}", weights)
            scored.append((cov, r))
        scored.sort(key=lambda x: -x[0])
        best = scored[0][0]
        if best < MIN_SUBJECT:
            return None, ""  # the answer may stand in the text (a raadsbrief, a paragraph): the text route
        hits = [r for cov, r in scored if cov >= max(MIN_SUBJECT, best - 0.15)][:5]
        text, cites = _compose(hits)
        return Answer(question=ask.question, answer=text, route="commitment", citations=cites, rows=hits,
                      columns=["number", "text", "fulfilment", "status"]), ""
