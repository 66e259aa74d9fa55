"""AnswerEngine: input checks -> router -> route handler -> Dutch answer -> grounding guard."""

from __future__ import annotations

import logging
import re
from typing import TYPE_CHECKING, Any

from assistant.answer import commitments as cm
from assistant.answer.cite_rows import mark_figure_rows
from assistant.answer.compose import NOT_FOUND, compose_figure, figure_citation
from assistant.answer.figures import plan_figure_answer
from assistant.answer.grounding import check_grounding
from assistant.answer.headline import headline_for
from assistant.answer.input_checks import check_question
from assistant.answer.linking import FactCatalog
from assistant.answer.question_periods import parse_periods
from assistant.answer.router import RouteDecision, make_router
from assistant.answer.scope import ScopedCatalogs, scoped_question, search_filters
from assistant.answer.textual import (
    TARGET_WORDS,
    best_sentences,
    compose_text,
    has_wanted_number,
    wants_number,
    with_continuation,
)
from assistant.models import Answer, Chart, ChartPoint, ChartSeries, Scope
from assistant.periods import Period, from_label

if TYPE_CHECKING:
    from assistant.api import Assistant

log = logging.getLogger(__name__)

FOLLOW_UP = re.compile(r"^\s*(en|maar|of|ook)\b", re.I)
MIN_TEXT_SCORE = 0.6


class AnswerEngine:
    def __init__(self, assistant: Assistant) -> None:
        self.a = assistant
        self.router = make_router()
        self.llm = None
        if assistant.settings.chat_backend != "none":
            from assistant.answer.llm import make_chat_model

            self.llm = make_chat_model(assistant.settings)
        self.refresh()

    def refresh(self) -> None:
        """Reload what the engine keeps in memory (after an ingest)."""
        db = self.a.db
        self.catalog = FactCatalog(db.query("SELECT * FROM fact_view"))
        self.plans = db.query("SELECT * FROM plans")
        docs = db.query("SELECT period_label, period_end, municipality FROM documents WHERE period_label IS NOT NULL")
        latest = max(docs, key=lambda d: d["period_end"], default=None)
        self.reference: Period | None = from_label(latest["period_label"]) if latest else None
        self.latest_end = latest["period_end"] if latest else None
        self.doc_municipalities = {d["municipality"] for d in docs if d["municipality"]}
        self.scoped = ScopedCatalogs(self.catalog, db.query("SELECT doc_id, municipality FROM documents"))
        self.scope = Scope()
        try:
            from assistant.ingest.catalog import find_municipalities

            self._find_municipalities = find_municipalities
        except ImportError:  # pragma: no cover
            self._find_municipalities = None

    # ---- entry point -----------------------------------------------------------------------------

    def answer(self, question: str, history: list[Answer], scope: Scope | None = None) -> Answer:
        verdict = check_question(question, self.a.settings.max_question_chars)
        if not verdict.ok:
            return Answer(question=question or "", answer=verdict.message or NOT_FOUND, route="none", refused=True)
        q = self._with_context(verdict.question, history)
        self.scope = scope or Scope()  # UI/CLI filters, see assistant/answer/scope.py
        q = scoped_question(q, self.scope, lambda text: bool(parse_periods(text, self.reference)))
        decision: RouteDecision = self.router.invoke(q)
        if self.llm is not None:
            from assistant.answer.llm import llm_route

            decision = llm_route(self.llm, q, fallback=decision)
        ans = self._dispatch(q, decision)
        ans.question = question
        ans.scope = scope or Scope()
        if verdict.truncated:
            ans.notice = verdict.message
            ans.answer = f"{verdict.message}\n\n{ans.answer}"
        return ans

    def _dispatch(self, q: str, decision: RouteDecision) -> Answer:
        missing_muni = self._unknown_municipality(q)
        if missing_muni:
            return self._refuse(q, f"{NOT_FOUND} De rapportages bevatten geen gegevens over {missing_muni}.")
        if decision.route == "commitment":
            ans = self._commitment(q)
            if ans:
                return ans
        if decision.route in ("plans", "commitment"):
            ans = self._plans(q)
            if ans:
                return ans
        if decision.route == "sql" and self.latest_end is not None:
            later = [m.period for m in parse_periods(q, self.reference) if m.period.start > self.latest_end]
            if later:
                return self._refuse(q, f"{NOT_FOUND} De rapportages lopen tot en met "
                                       f"{self.latest_end.day}-{self.latest_end.month}-{self.latest_end.year}; "
                                       f"over {later[0].dutch()} staan er nog geen cijfers in.")
        if decision.route in ("sql", "plans", "commitment"):
            ans = self._figure(q)
            if ans:
                return ans
        return self._text(q, numeric=decision.route == "sql")

    # ---- context ---------------------------------------------------------------------------------

    def _with_context(self, q: str, history: list[Answer]) -> str:
        """A short follow-up ("en in 2017?") borrows the subject of the previous question."""
        if not history or not FOLLOW_UP.match(q) or len(q.split()) > 8:
            return q
        prev = history[-1].question
        for m in parse_periods(prev, self.reference):
            prev = prev.replace(m.text, " ")
        return f"{prev.rstrip(' ?')} {FOLLOW_UP.sub('', q).strip()}"

    def _unknown_municipality(self, q: str) -> str | None:
        if not self._find_municipalities:
            return None
        for name in self._find_municipalities(q):
            hits = self.a.db.query("SELECT count(*) AS n FROM lines WHERE text ILIKE ?", [f"%{name}%"])
            if hits[0]["n"] == 0:
                return name
        return None

    def _question_municipality(self, q: str) -> str | None:
        qlow = q.lower()
        for m in sorted(self.catalog.municipalities, key=len, reverse=True):
            if m.lower() in qlow:
                return m
        if self._find_municipalities:
            for name in self._find_municipalities(q):
                return name
        return None

    # ---- routes ----------------------------------------------------------------------------------

    def _run(self, sql: str) -> tuple[str, list[dict[str, Any]]]:
        from assistant.answer.sql_guard import QueryError, UnsafeSQLError

        try:
            res = self.a.sql(sql)
        except (QueryError, UnsafeSQLError) as e:
            log.warning("query failed: %s (%s)", sql, getattr(e, "detail", e))
            return sql, []
        return res.sql, res.rows

    def _figure(self, q: str) -> Answer | None:
        mentions = parse_periods(q, self.reference)
        catalog = self.scoped.get(self.scope)
        plan = plan_figure_answer(catalog, q, mentions, self._question_municipality(q))
        if plan is None:
            return None
        if not plan.facts:
            if plan.missing_periods and self._period_covered(plan.missing_periods):
                # the linked table lacks that period but a report covers it: the text may say it,
                # provided the quoted sentence names that period's year
                text_ans = self._text(q, numeric=True)
                years = {str(p.start.year) for p in plan.missing_periods}
                first = text_ans.citations[0].quote if text_ans.citations else ""
                if not text_ans.refused and any(y in first for y in years):
                    return text_ans
            if plan.missing_periods:
                have = sorted({f["period_label"] for f in plan.candidate.facts if f.get("period_label")})
                periods = ", ".join(p.dutch() for p in plan.missing_periods)
                msg = (f"{NOT_FOUND} Er staan geen cijfers over {periods} in; "
                       f"‘{plan.candidate.row_path}’ ({plan.candidate.first.get('figure_label')}) "
                       f"loopt over {', '.join(have) or 'andere perioden'}.")
                return self._refuse(q, msg)
            return None
        if plan.missing_periods and len(plan.missing_periods) == len({m.period.label for m in mentions}):
            return None
        sql, rows = self._llm_sql(q) if self.llm is not None else ("", [])
        if not rows:
            sql, rows = self._run(plan.sql)
        if not rows:
            return None
        text = compose_figure(rows, plan.compare)
        if plan.missing_periods:
            text += f"\nOver {', '.join(p.dutch() for p in plan.missing_periods)} staan geen cijfers in deze tabel."
        cite = figure_citation(rows)
        mark_figure_rows(cite, rows, (f["line"] for c in catalog.candidates
                                      if c.figure_id == plan.candidate.figure_id for f in c.facts))
        allowed = [r["value"] for r in rows if r.get("value") is not None]
        allowed += [r["scale"] for r in rows if r.get("scale")] + [1000.0]  # "bedragen x € 1.000"
        allowed += [r.get(k) for r in rows for k in ("verschil", "verschil_pct") if r.get(k) is not None]
        ans = Answer(question=q, answer=text, route="sql", sql=sql, citations=[cite],
                     columns=list(rows[0].keys()), rows=rows, chart=self._chart(plan.candidate.facts))
        ans.headline = headline_for(rows)
        if self.llm is not None:
            from assistant.answer.llm import llm_word

            ans.answer = llm_word(self.llm, q, ans.answer, allowed, [cite.quote, cite.locator])
        return self._guard(ans, allowed, extra=[cite.locator, cite.title, cite.quote] + [
            str(r.get("period_label") or "") + " " + str(r.get("row_path")) + " " + str(r.get("column_label"))
            for r in rows])

    def _llm_sql(self, q: str) -> tuple[str, list[dict[str, Any]]]:
        """The chat model's SQL for a figure question; empty when it fails validation twice."""
        from assistant.answer.llm import llm_write_sql

        cands = [f"{c.figure_id} | {c.row_path}" for c in self.catalog.link(q)[:8]]
        sql = llm_write_sql(self.llm, q, cands, self.a.settings.sql_row_limit,
                            run=lambda s: self._run(s)[1])
        if not sql:
            return "", []
        rows = self._run(sql)[1]
        # composing needs the fact columns; a model query without them falls back to the offline SQL
        if rows and {"value", "row_path", "file_name", "line"} <= set(rows[0]):
            return sql, rows
        return "", []

    def _period_covered(self, periods: list[Period]) -> bool:
        docs = self.a.db.query("SELECT period_start, period_end FROM documents WHERE period_start IS NOT NULL")
        return any(d["period_start"] <= p.end and p.start <= d["period_end"] for d in docs for p in periods)

    def _chart(self, facts: list[dict[str, Any]]) -> Chart | None:
        """One series per (row, municipality, period kind): never a sum over kinds."""
        from assistant.periods import label_words

        series: dict[tuple, ChartSeries] = {}
        for f in facts:
            if f.get("value") is None or not f.get("period_label"):
                continue
            key = (f["row_path"], f.get("municipality") or "", f.get("period_kind") or "")
            name = f["row_path"] + (f" ({f['municipality']})" if f.get("municipality") else "")
            if f.get("period_kind"):
                name += f" – {f['period_kind']}"
            s = series.setdefault(key, ChartSeries(name=name, kind=f.get("period_kind") or ""))
            s.points.append(ChartPoint(period=f["period_label"], period_text=label_words(f["period_label"]),
                                       value=float(f["value"])))
        useful = [s for s in series.values() if len({p.period for p in s.points}) >= 2]
        if not useful:
            return None
        for s in useful:
            s.points.sort(key=lambda p: p.period)
        f0 = facts[0]
        unit = (f0.get("unit") or "aantal").replace("1000", "1.000")
        title = f0["row_path"] if len({s.name for s in useful}) == 1 else (f0.get("figure_title") or f0["row_path"])
        return Chart(title=title, unit=unit, y_from_zero=True, series=useful)

    def _commitment(self, q: str) -> Answer | None:
        numbers = cm.commitment_numbers(q)
        sql = cm.commitment_sql(numbers)
        sql, rows = self._run(sql)
        if not numbers and rows:
            # no number given: keep the commitments whose words the question shares
            from assistant.answer.text_tools import stems

            qs = set(stems(q)) - {"toezeg", "toezegging"}
            scored = [(len(qs & set(stems(r["text"] + " " + (r.get("fulfilment") or "")))), r) for r in rows]
            best = max((s for s, _ in scored), default=0)
            rows = [r for s, r in scored if s == best and s > 0] if best else rows
        if not rows:
            if numbers:
                return self._refuse(q, f"{NOT_FOUND} Toezegging {', '.join(numbers)} staat niet in de ingelezen "
                                       "documenten.")
            return None
        text, cites = cm.compose_commitments(rows)
        return Answer(question=q, answer=text, route="commitment", sql=sql, citations=cites, rows=rows,
                      columns=list(rows[0].keys()))

    def _plans(self, q: str) -> Answer | None:
        sql = cm.plan_sql(q, self.plans)
        if not sql:
            return None
        sql, rows = self._run(sql)
        if not rows:
            return None
        text, cites = cm.compose_plans(rows)
        allowed = [r["budget"] for r in rows if r.get("budget") is not None]
        allowed += [r[k] for r in rows for k in ("totaal", "verschil") if r.get(k) is not None]
        allowed += [r["accent_no"] for r in rows if r.get("accent_no") is not None]
        ans = Answer(question=q, answer=text, route="sql", sql=sql, citations=cites, rows=rows,
                     columns=list(rows[0].keys()))
        return self._guard(ans, allowed, extra=[c.quote + " " + c.locator for c in cites])

    def _text(self, q: str, numeric: bool = False) -> Answer:
        passages = self.a.search(q, k=5, **search_filters(self.scope, self.doc_municipalities))
        if not passages:
            return self._refuse(q, NOT_FOUND)
        sents = best_sentences(q, passages, self.a.db.lines_of, k=3)
        if not sents or sents[0].score < MIN_TEXT_SCORE:
            return self._refuse(q, NOT_FOUND, passages)
        sents = [with_continuation(s) for s in sents]
        want = wants_number(q)
        if want:
            numbered = [s for s in sents if has_wanted_number(want, s.text)]
            if not numbered:
                return self._refuse(q, f"{NOT_FOUND} De gevonden passages noemen dat cijfer niet.", passages)
            if all(TARGET_WORDS.search(s.text) for s in numbered) and not TARGET_WORDS.search(q) \
                    and not re.search(r"\b(doel\w*|streef\w*|ambitie)\b", q, re.I):
                return self._refuse(q, f"{NOT_FOUND} De rapportage noemt alleen een doelstelling, niet het "
                                       "behaalde cijfer.", passages)
            sents = numbered + [s for s in sents if s not in numbered]
        text, cites = compose_text(sents[:3])
        return Answer(question=q, answer=text, route="text", citations=cites)

    # ---- guard and refusals --------------------------------------------------------------------

    def _guard(self, ans: Answer, allowed: list[float], extra: list[str]) -> Answer:
        result = check_grounding(ans.answer, allowed, extra)
        if result.ok:
            return ans
        log.warning("ungrounded numbers %s in answer to %r", result.ungrounded, ans.question)
        return self._refuse(ans.question, f"{NOT_FOUND} (Een antwoord met niet-herleidbare cijfers is "
                                          "tegengehouden.)")

    def _refuse(self, q: str, message: str, passages=None) -> Answer:
        if passages is None:
            try:
                passages = self.a.search(q, k=3, **search_filters(self.scope, self.doc_municipalities))
            except Exception:  # noqa: BLE001 - suggestions are optional
                passages = []
        sugg = [p.citation(quote=p.text[:200]) for p in passages[:3]]
        if sugg:
            message += " Misschien helpen deze passages verder."
        return Answer(question=q, answer=message, route="none", refused=True, suggestions=sugg,
                      citations=[])

