"""The chat-model path. A real model (Ollama or an OpenAI-compatible endpoint) cannot run here, so LangChain's
FakeListChatModel replays outputs recorded from such models (a qwen-style <think> block, llama-style JSON in a
code fence, a mistral-style "Route:" line). Everything else is real: the store, the engine, the guard."""

from __future__ import annotations

from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.engine import AnswerEngine
from assistant.answer.llm import ModelChooser, parse_choice

# Outputs as real local models wrote them for a choice prompt (numbers of candidate rows, no figures).
QWEN = '<think>\nDe vraag gaat over het aantal jongeren; rij 1 past het best.\n</think>\n\n' \
       '{"route": "figure", "row": 1, "periods": ["2023"], "operation": "value"}'
LLAMA = 'Hier is mijn keuze:\n```json\n{"route": "figure", "row": 0, "periods": [], "operation": "trend"}\n```'
MISTRAL = "Route: sql\nRij: 2"
RAMBLING = "Ik denk dat het antwoord ongeveer 1.500 is."


def test_parse_choice_reads_the_ways_models_wrap_json():
    q = parse_choice(QWEN)
    assert q is not None and q.route == "figure" and q.row == 1 and q.periods == ["2023"]
    ll = parse_choice(LLAMA)
    assert ll is not None and ll.row == 0 and ll.operation == "trend"
    m = parse_choice(MISTRAL)
    assert m is not None and m.route == "figure" and m.row == 2


def test_parse_choice_rejects_prose_and_unknown_operations():
    assert parse_choice(RAMBLING) is None
    assert parse_choice('{"route": "figure", "row": 0, "operation": "invent"}') is None
    assert parse_choice("") is None


def test_chooser_falls_back_to_plain_invoke_without_tool_calling():
    chooser = ModelChooser(FakeListChatModel(responses=[QWEN]))
    choice = chooser.choose("Hoeveel jongeren?", ["a | t | 2023", "b | t | 2023"])
    assert choice is not None and choice.row == 1


def test_wording_with_a_new_number_is_not_used():
    draft = "Volgens Figuur 3: Jeugdwet, de eerste helft van 2018: 1.408 [1]."
    chooser = ModelChooser(FakeListChatModel(responses=["In 2018 kregen 1.500 kinderen jeugdhulp [1]."]))
    assert chooser.word("Hoeveel?", draft, [1408.0], []) == draft


def test_wording_that_keeps_the_numbers_is_used():
    draft = "Volgens Figuur 3: Jeugdwet, de eerste helft van 2018: 1.408 [1]."
    chooser = ModelChooser(FakeListChatModel(responses=["In de eerste helft van 2018 hadden 1.408 cliënten "
                                                        "een indicatie [1]."]))
    assert "1.408" in chooser.word("Hoeveel?", draft, [1408.0], [])


QUESTION = "Hoeveel cliënten hadden een indicatie voor jeugdhulp in de eerste helft van 2018?"


def _engine(built_assistant, responses):
    return AnswerEngine(built_assistant.store_reader(), built_assistant.settings,
                        FakeListChatModel(responses=responses))


def test_a_model_choice_outside_the_candidates_leaves_the_offline_answer(built_assistant):
    offline = built_assistant.ask(QUESTION)
    for out in ['{"route": "figure", "row": 99}', RAMBLING, '{"route": "none"}']:
        answer = _engine(built_assistant, [out] * 4).answer(QUESTION, [])
        assert answer.answer == offline.answer, out


def test_a_model_choice_is_still_checked_against_the_facts(built_assistant):
    # Whatever row the model picks, every number in the answer must come from the store (the guard), and a
    # figure answer carries a citation.
    answer = _engine(built_assistant, [LLAMA] * 4).answer(QUESTION, [])
    assert answer.route in {"sql", "text", "none"}
    if answer.route == "sql":
        assert answer.citations
