"""The chat-model path. LangChain's fake chat models stand in for a real model (Ollama or an
OpenAI-compatible endpoint cannot run here); everything else is real."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.llm import llm_route, llm_word, llm_write_sql
from assistant.answer.router import RouteDecision, offline_route

FALLBACK = RouteDecision("text", "offline")


def test_model_routes_when_it_answers_a_known_route():
    fake = FakeListChatModel(responses=["commitment"])
    assert llm_route(fake, "Wat is er met de motie gebeurd?", FALLBACK).route == "commitment"


def test_unknown_route_falls_back_to_offline_router():
    fake = FakeListChatModel(responses=["ik weet het niet"])
    assert llm_route(fake, "Waarom daalde de bijstand?", FALLBACK) is FALLBACK


def test_write_sql_rejects_a_write_and_accepts_the_repair():
    fake = FakeListChatModel(responses=["DROP TABLE facts", "```sql\nSELECT value FROM fact_view\n```"])
    sql = llm_write_sql(fake, "Hoeveel?", ["x | y"], row_limit=10)
    assert sql is not None and sql.upper().startswith("SELECT") and "LIMIT 10" in sql.upper()


def test_write_sql_gives_up_after_one_repair():
    fake = FakeListChatModel(responses=["DELETE FROM facts", "SELECT * FROM read_csv('/etc/passwd')"])
    assert llm_write_sql(fake, "Hoeveel?", [], row_limit=10) is None


def test_wording_with_a_new_number_is_not_used():
    draft = "Volgens Figuur 3: Jeugdwet, de eerste helft van 2018: 1.408 [1]."
    fake = FakeListChatModel(responses=["In 2018 kregen 1.500 kinderen jeugdhulp [1]."])
    assert llm_word(fake, "Hoeveel?", draft, [1408.0], []) == draft


def test_wording_that_keeps_the_numbers_is_used():
    draft = "Volgens Figuur 3: Jeugdwet, de eerste helft van 2018: 1.408 [1]."
    fake = FakeListChatModel(responses=["In de eerste helft van 2018 hadden 1.408 cliënten een indicatie [1]."])
    assert "1.408" in llm_word(fake, "Hoeveel?", draft, [1408.0], [])


def test_offline_router_routes():
    assert offline_route("Wat houdt toezegging T2018-063 in?").route == "commitment"
    assert offline_route("Hoeveel indicaties Wmo waren er in H1 2018?").route == "sql"
    assert offline_route("Waarom is de instroom in de bijstand gedaald?").route == "text"
    assert offline_route("Welke inzet en welk budget heeft het accent Grip op geld?").route == "plans"
