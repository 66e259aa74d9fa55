"""Optional chat model (ChatOllama or any OpenAI-compatible endpoint) behind LangChain.

The model may route, write SQL and word the sentence. It never supplies a number: its SQL passes the
same guard as the offline parser (one repair on error, then the offline SQL), and its wording must
pass the grounding guard or the offline wording is kept.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage

from assistant.answer.grounding import check_grounding
from assistant.answer.router import RouteDecision
from assistant.answer.sql_guard import UnsafeSQLError, validate_sql
from assistant.settings import Settings

log = logging.getLogger(__name__)

ROUTES = ("sql", "text", "commitment", "plans")

ROUTE_PROMPT = """Je routeert vragen van gemeenteraadsleden over rapportages sociaal domein.
Kies precies één route:
- sql: de vraag vraagt om een cijfer uit een tabel (aantallen, percentages, bedragen, verschillen)
- text: de vraag vraagt om uitleg, een oorzaak of een beschrijving
- commitment: de vraag gaat over een toezegging (zoals T2018-063)
- plans: de vraag gaat over beleidsaccenten, hun inzet of budget
Antwoord met alleen het woord van de route."""

SQL_PROMPT = """Schrijf één DuckDB SELECT-query die de vraag beantwoordt. Gebruik alleen deze view:
fact_view(file_name, document_title, figure_label, figure_title, row_path, row_label, column_label, period_label,
period_kind, municipality, unit, scale, value, status, raw, line, page, figure_line_start, figure_line_end,
figure_id).
Periodes: '2018-H1' (eerste helft), '2017' (jaar), '2017-Q4'. Kandidaat-rijen (figure_id | row_path):
{candidates}
Geef alleen de SQL, zonder uitleg."""

WORD_PROMPT = """Herformuleer het conceptantwoord als één of twee heldere Nederlandse zinnen voor een raadslid.
Voeg GEEN cijfers toe en verander geen cijfers; laat bronverwijzingen zoals [1] staan."""


def make_chat_model(settings: Settings) -> BaseChatModel:
    if settings.chat_backend == "ollama":
        from langchain_ollama import ChatOllama

        kwargs = {"model": settings.chat_model, "temperature": 0}
        if settings.chat_base_url:
            kwargs["base_url"] = settings.chat_base_url
        return ChatOllama(**kwargs)
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(model=settings.chat_model, base_url=settings.chat_base_url or None,
                      api_key=settings.chat_api_key or "niet-nodig", temperature=0, timeout=30)


def _text(msg) -> str:
    return str(getattr(msg, "content", msg)).strip()


def llm_route(llm: BaseChatModel, question: str, fallback: RouteDecision) -> RouteDecision:
    try:
        out = _text(llm.invoke([SystemMessage(ROUTE_PROMPT), HumanMessage(question)])).lower()
    except Exception as e:  # noqa: BLE001 - a model that is down must not stop an answer
        log.warning("chat model routing failed: %s", e)
        return fallback
    word = re.sub(r"[^a-z]", "", out.split()[0]) if out.split() else ""
    if word in ROUTES:
        return RouteDecision(word, "chatmodel")
    return fallback


def _strip_fences(sql: str) -> str:
    return re.sub(r"^```\w*\s*|\s*```$", "", sql.strip()).strip()


def llm_write_sql(llm: BaseChatModel, question: str, candidates: Iterable[str], row_limit: int = 200,
                  run: Callable[[str], list] | None = None) -> str | None:
    """The model's SQL, validated (and repaired once); None means: use the offline parser."""
    system = SystemMessage(SQL_PROMPT.format(candidates="\n".join(candidates)))
    messages = [system, HumanMessage(question)]
    for attempt in range(2):
        try:
            sql = _strip_fences(_text(llm.invoke(messages)))
        except Exception as e:  # noqa: BLE001
            log.warning("chat model SQL failed: %s", e)
            return None
        try:
            sql = validate_sql(sql, row_limit=row_limit)
            if run is not None and not run(sql):
                raise UnsafeSQLError("De query gaf geen rijen.")
            return sql
        except Exception as e:  # noqa: BLE001 - any failure: one repair, then give up
            if attempt == 0:
                messages += [HumanMessage(f"Die query is afgewezen: {e}. Geef een verbeterde SELECT.")]
    return None


def llm_word(llm: BaseChatModel, question: str, draft: str, allowed: Iterable[float],
             sources: Iterable[str]) -> str:
    """Let the model word the answer; keep the draft when its wording brings in any new number."""
    try:
        out = _text(llm.invoke([SystemMessage(WORD_PROMPT), HumanMessage(f"Vraag: {question}\n\nConcept: {draft}")]))
    except Exception as e:  # noqa: BLE001
        log.warning("chat model wording failed: %s", e)
        return draft
    allowed = list(allowed)
    if not out or not check_grounding(out, allowed, [draft, *sources]).ok:
        return draft
    return out
