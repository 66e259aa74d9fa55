"""Answering about places inside and beside a municipality, on a real store (DuckDB, Chroma, BM25, e5 embeddings)
of one invented report (tests/fixtures/engine_c): a wijk against the whole municipality, the stand at the start
of a year from a table of 1 January stands, and a group of cities (G40) as a scope of its own."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def doesburg(tmp_path_factory):
    from assistant.api import Assistant

    a = Assistant(make_settings(tmp_path_factory.mktemp("doesburg-store")))
    results = a.ingest([ROOT / "tests" / "fixtures" / "engine_c"])
    assert not any(r.failed for r in results), [r.message for r in results]
    a.warm_up()
    yield a
    a.close()


def test_a_wijk_against_the_whole_municipality(doesburg):
    ans = doesburg.ask("Is het percentage jongeren met jeugdhulp in Beinum hoger dan in heel Doesburg?")
    assert not ans.refused, ans.answer
    assert "12,6" in ans.answer and "11,1" in ans.answer and "1,5" in ans.answer
    assert "hoger" in ans.answer


def test_the_start_of_a_year_is_the_stand_on_1_january(doesburg):
    ans = doesburg.ask("Hoeveel minder uitkeringen Participatiewet had Doesburg begin 2024 dan een jaar eerder?")
    assert not ans.refused, ans.answer
    assert "357" in ans.answer and "342" in ans.answer and "15" in ans.answer


def test_a_group_of_cities_without_a_figure_is_not_answered_with_the_municipality(doesburg):
    ans = doesburg.ask("Welk percentage jongeren in de G40 had jeugdreclassering?")
    assert ans.refused, ans.answer
    assert "0,5" not in ans.answer.split("\n")[0]


def test_the_first_nine_months_are_the_year_to_date_column(doesburg):
    ans = doesburg.ask("Hoe lang wachtten inwoners van Doesburg in de eerste negen maanden van 2024 op schuldhulp?")
    assert not ans.refused, ans.answer
    assert "3,8" in ans.answer.split("\n")[0]


def test_a_printed_shortfall_is_shown_with_its_operands(doesburg):
    ans = doesburg.ask("Welk tekort verwacht Doesburg dit jaar op jeugdhulp?")
    assert not ans.refused, ans.answer
    assert "4.575 − 4.220 = 355" in ans.answer


def test_per_inhabitant_against_the_province_named_by_its_adjective(doesburg):
    ans = doesburg.ask("Geeft Doesburg per inwoner minder uit aan inkomensregelingen dan de gemiddelde Gelderse gemeente?")
    assert not ans.refused, ans.answer
    assert "373" in ans.answer and "402" in ans.answer and "29" in ans.answer
    assert "4.310" not in ans.answer


def test_the_highest_wijk_by_the_column_the_question_names(doesburg):
    ans = doesburg.ask("In welke wijk van Doesburg is het aandeel bijstandsontvangers het hoogst?")
    assert not ans.refused, ans.answer
    first = ans.answer.split("\n")[0]
    assert "Beinum" in first and "33,9" in first
    assert "24,5" in ans.answer  # the whole municipality beside the wijken, not ranked among them


def test_a_share_of_the_budget_used_comes_with_its_amounts(doesburg):
    ans = doesburg.ask("Welk percentage van het budget voor beschermd wonen had Doesburg eind juni 2024 besteed?")
    assert not ans.refused, ans.answer
    assert "55%" in ans.answer and "2.140" in ans.answer and "1.177" in ans.answer


def test_a_figure_against_its_target_for_the_same_year(doesburg):
    ans = doesburg.ask("Heeft Doesburg in 2024 het doel gehaald voor de Wmo-cliënten met een maatwerkarrangement?")
    assert not ans.refused, ans.answer
    assert "655" in ans.answer and "630" in ans.answer and "25" in ans.answer and "streefwaarde" in ans.answer


def test_a_month_and_the_running_total_for_the_year_so_far(doesburg):
    ans = doesburg.ask("Hoeveel Wmo-meldingen kreeg Doesburg in maart?")
    assert not ans.refused and "44" in ans.answer.split("\n")[0], ans.answer
    ans = doesburg.ask("Hoeveel Wmo-meldingen kreeg Doesburg dit jaar tot en met april?")
    assert not ans.refused and "159" in ans.answer.split("\n")[0], ans.answer


def test_an_index_against_its_base_year(doesburg):
    ans = doesburg.ask("Hoe hoog is de index voor het aantal jongeren met jeugdhulp in Doesburg ten opzichte van 2020?")
    assert not ans.refused, ans.answer
    assert "110" in ans.answer.split("\n")[0] and "520" in ans.answer and "572" in ans.answer


def test_a_why_heading_answered_by_a_paragraph_that_opens_with_figures(doesburg):
    ans = doesburg.ask("Waarom werd jeugd in Doesburg in 2023 duurder?")
    assert not ans.refused, ans.answer
    assert "tarieven" in ans.answer and "pagina 12" not in ans.answer
