"""Optional chat model (ChatOllama or any OpenAI-compatible endpoint) behind LangChain.

The model helps choose, never supplies: given the top candidate rows of the figure index as compact text,
it picks the route, the row, the periods and the operation through structured output; the choice is
validated against the facts (the row must be a candidate, the periods must exist) and the SQL is built as
the offline path does. It may also word a text answer from the quoted sentences, under the same grounding
guard. Real models wrap their output in many ways (a <think> block, "Route: sql", JSON in a code fence);
the parser accepts those, and any failure or timeout falls back to the offline choice.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from typing import Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from assistant.answer.grounding import check_grounding
from assistant.settings import Settings

log = logging.getLogger(__name__)

CHOOSE_PROMPT = """Je helpt vragen van gemeenteraadsleden over rapportages sociaal domein te beantwoorden.
Hieronder staan genummerde kandidaat-rijen uit tabellen (rij | tabel | kolommen | perioden | gemeenten).
Kies de route: "figure" als een van de rijen het gevraagde cijfer bevat, "text" als de vraag om uitleg vraagt,
"commitment" bij een toezegging, "none" als geen rij past. Kies bij "figure" het nummer van de rij, de gevraagde
perioden (zoals ze in de lijst staan) en de bewerking: value, difference, trend, versus_plan, versus_national,
sum, share, highest, lowest. Verzin geen cijfers. Antwoord alleen met JSON:
{"route": "...", "row": 0, "periods": [], "operation": "value"}"""

WORD_PROMPT = """Vat de geciteerde zinnen samen in één of twee heldere Nederlandse zinnen voor een raadslid.
Voeg GEEN cijfers toe en verander geen cijfers; laat bronverwijzingen zoals [1] staan."""


class Choice(BaseModel):
    route: Literal["figure", "text", "commitment", "none"]
    row: int | None = Field(default=None, description="number of the chosen candidate row")
    periods: list[str] = Field(default_factory=list)
    operation: Literal["value", "difference", "trend", "versus_plan", "versus_national", "sum", "share", "highest",
                       "lowest"] = "value"


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


def parse_choice(raw: str) -> Choice | None:
    """A Choice from what a model wrote: JSON (maybe in a code fence, after a <think> block) or "Route: x"."""
    t = re.sub(r"<think>.*?</think>", "", raw or "", flags=re.S | re.I).strip()
    m = re.search(r"```(?:json)?\s*(\{.*?\})\s*```", t, re.S) or re.search(r"(\{.*\})", t, re.S)
    if m:
        try:
            return Choice.model_validate(json.loads(m.group(1)))
        except (ValueError, ValidationError):
            pass
    r = re.search(r"\broute\s*[:=]\s*[\"']?(figure|sql|text|commitment|none)\b", t, re.I)
    if r:
        route = r.group(1).lower()
        row = re.search(r"\b(?:row|rij)\s*[:=]\s*(\d+)", t, re.I)
        return Choice(route="figure" if route == "sql" else route, row=int(row.group(1)) if row else None)
    return None


class ModelChooser:
    """Asks the chat model to choose among candidate rows; the engine validates the choice."""

    def __init__(self, llm: BaseChatModel) -> None:
        self.llm = llm

    def choose(self, question: str, candidates: list[str]) -> Choice | None:
        listing = "\n".join(f"{i}. {c}" for i, c in enumerate(candidates))
        messages = [SystemMessage(CHOOSE_PROMPT), HumanMessage(f"Vraag: {question}\n\nKandidaten:\n{listing}")]
        try:
            structured = self.llm.with_structured_output(Choice)
            out = structured.invoke(messages)
            if isinstance(out, Choice):
                return out
        except NotImplementedError:
            pass
        except Exception as e:  # noqa: BLE001 - a model that is down or slow must not stop an answer
            log.warning("structured output failed: %s", e)
        try:
            return parse_choice(_text(self.llm.invoke(messages)))
        except Exception as e:  # noqa: BLE001
            log.warning("chat model choice failed: %s", e)
            return None

    def word(self, question: str, draft: str, allowed: Iterable[float], sources: Iterable[str]) -> str:
        """The model's wording of a text answer; the draft when the wording brings in any new number."""
        try:
            out = _text(self.llm.invoke([SystemMessage(WORD_PROMPT), HumanMessage(f"Vraag: {question}\n\n"
                                                                                   f"Citaten: {draft}")]))
        except Exception as e:  # noqa: BLE001
            log.warning("chat model wording failed: %s", e)
            return draft
        out = re.sub(r"<think>.*?</think>", "", out, flags=re.S | re.I).strip()
        if not out or not check_grounding(out, list(allowed), [draft, *sources]).ok:
            return draft
        return out
