"""AnswerEngine: input checks -> question context (scope, periods, intent) -> routes -> grounding guard.

Routes are tried in one order, registered in assistant/answer/routes.py: commitments when the question asks
for toezeggingen; figures (the figure index, accepted only when measure, period, scope and words fit);
text (whole sentences from the passages); the best table passage; and finally a refusal that says what
the reports do hold and offers the closest passages. A chat model, when configured, may help choose the
figure row and word text answers, never supply a number.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from typing import Any

from assistant.answer.compose import NOT_FOUND, period_words
from assistant.answer.context import Ask, Knowledge
from assistant.answer.figure_index import FigureIndex
from assistant.answer.figure_route import FigureAnswer, Miss, describe_have
from assistant.answer.grounding import check_grounding
from assistant.answer.input_checks import check_question
from assistant.answer.intent import classify
from assistant.answer.matching import Weights, content_terms
from assistant.answer.parts import leans_on_first, merge_answers, part_terms, search_text, split_question
from assistant.answer.question_periods import parse_periods
from assistant.answer.routes import make_routes
from assistant.answer.scope import find_scope
from assistant.answer.store import StoreReader
from assistant.models import Answer, Citation, Passage, Scope
from assistant.periods import Period, from_label

log = logging.getLogger(__name__)

FOLLOW_UP = re.compile(r"^\s*(en|maar|of|ook|dan)\b", re.I)


class AnswerEngine:
    def __init__(self, store: StoreReader, settings: Any = None, llm: Any = None) -> None:
        self.store = store
        self.settings = settings
        self.max_chars = getattr(settings, "max_question_chars", 500)
        self.llm = llm
        self.refresh()

    # ---- knowledge -----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload what the engine keeps in memory (after an ingest)."""
        s = self.store
        docs = s.documents()
        rows = s.figure_rows()
        vectors = s.vectors_for([r["text_hash"] for r in rows]) if rows else {}
        figures = {}
        for f in s.figures():
            f = dict(f)
            hl = f.get("header_lines")
            f["header_lines"] = [int(x) for x in hl.split(",") if x] if isinstance(hl, str) else list(hl or [])
            figures[f["figure_id"]] = f
        dated = [d for d in docs if d.period_label]
        latest = max(dated, key=lambda d: d.period_end, default=None)
        # the reports reach as far as their latest figure, whatever period their title names
        span = s.query("SELECT min(period_start) AS a, max(period_end) AS b FROM facts", None)
        fact_first, fact_last = (span[0]["a"], span[0]["b"]) if span else (None, None)
        scopes = {d.municipality for d in docs if d.municipality}
        scopes |= {r["scope"] for r in s.query("SELECT DISTINCT scope FROM fact_view WHERE scope IS NOT NULL", None)}
        self.kb = Knowledge(store=s, documents=docs, index=FigureIndex(rows, vectors),
                            weights=Weights(r["text"] for r in rows), figures=figures, scopes=scopes,
                            reference=from_label(latest.period_label) if latest else None,
                            first_start=min([d.period_start for d in dated] + ([fact_first] if fact_first else []),
                                            default=None),
                            last_end=max(([latest.period_end] if latest else []) + ([fact_last] if fact_last else []),
                                         default=None))
        self.routes = make_routes(self.kb, self.store.lines_of, self.llm)

    # ---- entry point -----------------------------------------------------------------------------

    def answer(self, question: str, history: list[Answer], scope: Scope | None = None) -> Answer:
        verdict = check_question(question, self.max_chars)
        if not verdict.ok:
            return Answer(question=question or "", answer=verdict.message or NOT_FOUND, route="none", refused=True)
        q = self._with_context(verdict.question, history)
        ask, early = self.prepare(q, scope or Scope())
        ans = early or self._dispatch(ask)
        ans.question = question
        ans.scope = scope or Scope()
        if ask.notes and not ans.refused:
            ans.answer = f"{ans.answer}\n({' '.join(ask.notes)})"
        if verdict.truncated:
            ans.notice = verdict.message
            ans.answer = f"{verdict.message}\n\n{ans.answer}"
        return ans

    def prepare(self, q: str, filt: Scope) -> tuple[Ask, Answer | None]:
        """The question's context; an early answer when it can only be refused (unknown municipality, …)."""
        qs = find_scope(q)
        if not qs.named:
            qs.municipalities += self._inflected_place(q)
        # scope: the question's municipalities, else the filter's
        names = list(qs.municipalities)
        filter_note = None
        if filt.municipality and not names:
            names = [filt.municipality]
            filter_note = f"Filter: {filt.municipality}."
        # "dit jaar", "vorig jaar": counted from the latest report of the municipality asked about
        reference = self._reference(names)
        mentions = parse_periods(q, reference, self._now_year(names))
        intent = classify(q, len(qs.municipalities) + len(qs.regions), qs.national, len(mentions))
        leave_out = qs.words + [m.text for m in mentions]
        terms = content_terms(q, leave_out)
        if intent.op == "versus_plan":
            # "het budget voor X overschreden": the budget is the other side of the comparison, not a row word
            terms = [t for t in terms if t.stem not in ("budget", "begrot", "begroting")] or terms
        ask = Ask(question=q, intent=intent, scope=qs, mentions=mentions, terms=terms,
                  year=filt.year, reference=reference)
        if filter_note:
            ask.notes.append(filter_note)
        if filt.municipality and qs.municipalities and filt.municipality not in qs.municipalities:
            return ask, self._refuse(ask, f"{NOT_FOUND} De vraag gaat over {', '.join(qs.municipalities)}, maar het "
                                          f"filter staat op {filt.municipality}.")
        unknown = [n for n in names if not self._covered(n)]
        if unknown:
            have = ", ".join(sorted(x for x in self.kb.scopes if x != "Nederland")) or "geen gemeenten"
            return ask, self._refuse(ask, f"{NOT_FOUND} De ingelezen rapportages bevatten geen gegevens over "
                                          f"{', '.join(unknown)} (wel over: {have}).", passages=[])
        wanted: set[str] | None = None
        if names or qs.regions:
            wanted = set(names)
            for r in qs.regions:
                wanted |= {r.name, *r.aliases}
                if intent.op in ("sum", "highest", "lowest", "versus_municipality"):
                    wanted |= set(r.members)
            if qs.national:
                wanted.add("Nederland")
            docs = self.kb.docs_of(wanted) | self._docs_mentioning(names + [r.name for r in qs.regions])
            if qs.sources:  # "volgens de export van A": A's reports only
                docs = self.kb.docs_of(set(qs.sources)) or docs
            ask.allowed_docs = docs or None
        ask.wanted = wanted
        if filt.year:
            ask.allowed_docs = self._docs_of_year(filt.year, ask.allowed_docs)
        try:
            ask.qvec = self.store.embed_query(q) if self.store.embed_query else None
        except Exception:  # noqa: BLE001 - keyword search alone still works
            log.exception("query embedding failed")
            ask.qvec = None
        # a period after (or before) every report
        if intent.route in ("figure", "mixed") and self.kb.last_end and mentions:
            later = [m.period for m in mentions if m.period.start > self.kb.last_end]
            earlier = [m.period for m in mentions if self.kb.first_start and m.period.end.year < 2000]
            if later or earlier:
                p = (later or earlier)[0]
                return ask, self._refuse(ask, f"{NOT_FOUND} Over {p.dutch()} staan er geen cijfers in de rapportages; "
                                              f"die lopen tot en met {period_words(self.kb.reference.label)}.")
        return ask, None

    def _inflected_place(self, q: str) -> list[str]:
        """A capitalised word inside the question that is an inflection of an ingested municipality the name lists
        do not know ("de Emmer bijstand" for Emmen): close in spelling, same start."""
        from rapidfuzz import fuzz

        places = [p for p in self.kb.scopes if p and p != "Nederland" and len(p) >= 4]
        for m in re.finditer(r"(?<=[a-zà-ÿ,] )([A-Z][a-zà-ÿ]{3,})\b", q):
            w = m.group(1)
            hits = [p for p in places if p[:3].lower() == w[:3].lower() and fuzz.ratio(p.lower(), w.lower()) >= 80]
            if len(hits) == 1:
                return hits
        return []

    def _reference(self, names: list[str]) -> Period | None:
        """The latest reporting period of the reports about these municipalities (all reports when none); a budget
        is about a year still to come, so "dit jaar" counts from the reports of what happened when there are any."""
        docs = [d for d in self.kb.documents if d.period_label and (not names or d.municipality in names)]
        # a list of toezeggingen reports no period of figures
        reported = [d for d in docs if (d.kind or "") not in ("begroting", "kadernota", "voorjaarsnota",
                                                               "toezeggingenlijst")]
        latest = max(reported or docs, key=lambda d: d.period_end, default=None)
        return from_label(latest.period_label) if latest else self.kb.reference

    def _now_year(self, names: list[str]) -> int | None:
        """The year the latest reports about these municipalities were written in: an annual report over a whole
        year the year after it, a budget the year before its own, a monitor of part of a year in that year."""
        years = []
        for d in self.kb.documents:
            if not d.period_label or (names and d.municipality not in names):
                continue
            p = from_label(d.period_label)
            if (d.kind or "") in ("begroting", "kadernota", "voorjaarsnota"):
                years.append(p.start.year - 1)
            elif p.kind == "year":
                years.append(p.start.year + 1)
            else:
                years.append(p.end.year)
        return max(years, default=None)

    def _covered(self, name: str) -> bool:
        return name in self.kb.scopes or bool(self._mentioning(name))

    def _docs_mentioning(self, names: list[str]) -> set[str]:
        out: set[str] = set()
        for n in names:
            out |= self._mentioning(n)
        return out

    def _mentioning(self, name: str) -> set[str]:
        """Documents whose text names a place (one scan of the lines per name and store version)."""
        cache = self.kb.mentions
        if name not in cache:
            # the name as a word ("Emmen", not the "emmen" in "stemmen"); ILIKE narrows the lines first
            rows = self.store.query("SELECT DISTINCT doc_id FROM lines WHERE text ILIKE ? AND regexp_matches(text, ?)",
                                    [f"%{name}%", rf"(^|[^\pL\pN]){re.escape(name)}([^\pL\pN]|$)"])
            cache[name] = {r["doc_id"] for r in rows}
        return cache[name]

    def _docs_of_year(self, y: int, allowed: set[str] | None) -> set[str] | None:
        """Reports about that year, or holding figures of it (a 2019 report with a 2017 column counts)."""
        docs = {d.doc_id for d in self.kb.documents
                if d.period_start is None or (d.period_start.year <= y + 1 and d.period_end.year >= y - 1)}
        rows = self.store.query("SELECT DISTINCT doc_id FROM facts WHERE year(period_start) <= ? AND "
                                "year(period_end) >= ?", [y, y])
        docs |= {r["doc_id"] for r in rows}
        return docs if allowed is None else (allowed & docs)

    def _with_context(self, q: str, history: list[Answer]) -> str:
        """A short follow-up ("en in 2017?") borrows the subject of the previous question."""
        if not history or not FOLLOW_UP.match(q) or len(q.split()) > 8:
            return q
        prev = history[-1].question
        for m in parse_periods(prev, self.kb.reference):
            prev = prev.replace(m.text, " ")
        return f"{prev.rstrip(' ?')} {FOLLOW_UP.sub('', q).strip()}"

    # ---- routes ------------------------------------------------------------------------------------

    def _dispatch(self, ask: Ask) -> Answer:
        parts = [ask.question]
        if ask.intent.asks_number and ask.intent.route in ("figure", "mixed"):
            parts = split_question(ask.question)
        if len(parts) < 2:
            return self._dispatch_one(ask)
        answers = [self._dispatch_one(self._sub_ask(ask, p, parts[0])) for p in parts]
        return merge_answers(ask.question, parts, answers)

    def _sub_ask(self, ask: Ask, part: str, first: str) -> Ask:
        mentions = parse_periods(part, ask.reference or self.kb.reference) or ask.mentions
        leave_out = ask.scope.words + [m.text for m in ask.mentions]
        terms = part_terms(part, first, leave_out)
        text = search_text(part, first, terms)
        intent = classify(part, len(ask.scope.municipalities) + len(ask.scope.regions), ask.scope.national,
                          len(mentions))
        if not intent.asks_number:  # "…, en welk deel daarvan?" asks a number as the whole question does
            intent = replace(intent, route=ask.intent.route, asks_number=True, kinds=set(ask.intent.kinds))
        if part != first and leans_on_first(part) and not re.search(r"procent|percentage|aandeel|deel|per 1\.?000|euro|€",
                                                                  part, re.I):
            # "…, en hoeveel minder was dat dan begroot?": the same row, so the first part's measure
            first_intent = classify(first, len(ask.scope.municipalities) + len(ask.scope.regions), ask.scope.national,
                                    len(mentions))
            intent = replace(intent, measures=set(first_intent.measures), side=first_intent.side)
        try:
            qvec = self.store.embed_query(text) if self.store.embed_query else None
        except Exception:  # noqa: BLE001
            qvec = ask.qvec
        return replace(ask, question=text, intent=intent, mentions=mentions, terms=terms, qvec=qvec, notes=[])

    def _dispatch_one(self, ask: Ask) -> Answer:
        it = ask.intent
        if it.route == "office":
            return self._refuse(ask, f"{NOT_FOUND} Wie een functie bekleedt, staat niet als gegeven in de "
                                     "rapportages; die gaan over cijfers, beleid en toezeggingen.")
        r = self.routes
        if it.route == "commitment":
            ans, why = r.commitments.answer(ask)
            if ans is not None:
                return ans
            if why:
                return self._refuse(ask, f"{NOT_FOUND} {why}")
        miss: Miss | None = None
        if it.route in ("figure", "mixed"):
            got = r.figures.answer(ask)
            if isinstance(got, FigureAnswer):
                return self._guard(got.answer, got.allowed, got.sources)
            miss = got
        # an explanation may stand further from the question's words than a figure does: look wider
        passages = r.text.passages(ask, 12 if it.route == "text" else 8)
        text = r.text.answer(ask, passages)
        if text is not None and (it.route in ("text", "mixed") or self._prose_figure_ok(ask, miss)):
            ans, sources = text
            return self._guard(ans, [], sources)
        if it.asks_number:
            tab = r.table.answer(ask, passages)
            if tab is not None:
                ans, sure = tab
                if sure:
                    return self._guard(ans, [], [c.quote for c in ans.citations])
                ans.answer = self._missing_message(ask, miss) + "\n\n" + ans.answer
                ans.suggestions = [p.citation(quote=p.text[:200]) for p in passages[:3]]
                ans.route = "none"
                return ans
        return self._refuse(ask, self._missing_message(ask, miss), passages)

    def _prose_figure_ok(self, ask: Ask, miss: Miss | None) -> bool:
        """A number from a sentence, for a figure question no table row answered (or only rows in another
        measure: "23% geeft mantelzorg" may stand in the text when the table counts the mantelzorgers)."""
        return miss is None or miss.reason in ("words", "none", "measure", "period")

    def _missing_message(self, ask: Ask, miss: Miss | None) -> str:
        msg = NOT_FOUND
        if miss is not None:
            have = describe_have(miss)
            if miss.reason == "period" and ask.mentions:
                msg += f" Over {', '.join(m.period.dutch() for m in ask.mentions)} staat dat cijfer er niet in."
            elif miss.reason == "measure":
                msg += " De rapportages geven dat cijfer niet in de gevraagde eenheid."
            elif miss.reason == "scope" and ask.wanted:
                places = ask.scope.municipalities + [r.name for r in ask.scope.regions] or sorted(ask.wanted)
                msg += f" Voor {', '.join(places)} staat dat cijfer er niet in."
            if have:
                msg += f" {have}"
        return msg

    # ---- guard and refusals --------------------------------------------------------------------

    def _guard(self, ans: Answer, allowed: list[float], extra: list[str]) -> Answer:
        # titles and locators name years and programmes; amounts may be written in thousands or millions
        extra = list(extra) + [c.title for c in ans.citations] + [c.locator for c in ans.citations]
        result = check_grounding(ans.answer, allowed, extra, scales=(1.0, 1000.0, 1_000_000.0))
        if result.ok:
            return ans
        log.warning("ungrounded numbers %s in answer to %r", result.ungrounded, ans.question)
        return Answer(question=ans.question, answer=f"{NOT_FOUND} (Een antwoord met niet-herleidbare cijfers is "
                                                    "tegengehouden.)", route="none", refused=True)

    def _refuse(self, ask: Ask, message: str, passages: list[Passage] | None = None) -> Answer:
        if passages is None:
            try:
                passages = self.routes.text.passages(ask, 3)
            except Exception:  # noqa: BLE001 - suggestions are optional
                passages = []
        sugg: list[Citation] = [p.citation(quote=p.text[:200]) for p in passages[:3]]
        if sugg:
            message += " Misschien helpen deze passages verder."
        return Answer(question=ask.question, answer=message, route="none", refused=True, suggestions=sugg)


def period_of(label: str | None) -> Period | None:
    try:
        return from_label(label) if label else None
    except ValueError:
        return None
