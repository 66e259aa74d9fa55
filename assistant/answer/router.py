"""Route a question to figures (SQL), text, commitments or a decline, as a LangChain runnable.

Offline, the decision comes from the question itself (question words, periods, units, T-/U-numbers,
"toezegging") and from how well it links to stored figures. With a chat model configured, the model
routes first and this offline router is its fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from langchain_core.runnables import Runnable, RunnableLambda

from assistant.answer.commitments import COMMITMENT_Q, PLAN_Q, commitment_numbers

FIGURE_Q = re.compile(
    r"\b(hoeveel|aantal|welk percentage|welk aandeel|percentage|procent|wat (waren|was|is|zijn) de (totale |directe )?"
    r"(lasten|baten|kosten|begroting|wachttijd|stand)|wat kost\w*|stand|begroting|lasten|baten)\b", re.I)
TEXT_Q = re.compile(r"\b(waarom|hoe komt|hoe verklaart|verklaring|oorzaak|oorzaken|wat houdt|wat is .* precies|"
                    r"wat wil|wat kwam|wat signaleerde|wat is er gebeurd|welke (maatregelen|acties|redenen)|"
                    r"hoe (gaat|wil|pakt))\b", re.I)


@dataclass
class RouteDecision:
    route: str  # sql | text | commitment | plans
    reason: str


def offline_route(question: str) -> RouteDecision:
    if commitment_numbers(question) or COMMITMENT_Q.search(question):
        return RouteDecision("commitment", "toezegging genoemd")
    if TEXT_Q.search(question) and not re.search(r"\b(hoeveel|inzet|budget)\b", question, re.I):
        return RouteDecision("text", "vraagt om uitleg")
    if PLAN_Q.search(question) and re.search(r"\b(inzet|budget|accent\w*)\b", question, re.I):
        return RouteDecision("plans", "beleidsaccent, inzet of budget gevraagd")
    if FIGURE_Q.search(question):
        return RouteDecision("sql", "vraagt om een cijfer")
    return RouteDecision("text", "geen cijfervraag")


def make_router() -> Runnable:
    return RunnableLambda(offline_route, name="offline_router")
