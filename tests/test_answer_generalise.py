"""Answering on a real store (DuckDB, Chroma, BM25, e5 embeddings) of three invented reports of one municipality
(tests/fixtures/engine_b): a quarterly report with month columns and a forecast, a budget with multi-year
estimates and taakveld codes, and a toezeggingenlijst in key-value blocks. Each question needs a mechanism that
works for any municipality's reports: sums over the months of a period, the year so far, a forecast against its
budget, the row with the most, toezeggingen by status, a budget year, a trend over the budget years."""

from __future__ import annotations

import pytest

from assistant.answer.intent import classify
from assistant.answer.matching import content_terms
from assistant.answer.question_periods import parse_periods
from assistant.answer.scope import find_scope
from assistant.periods import from_label
from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def goes(tmp_path_factory):
    from assistant.api import Assistant

    a = Assistant(make_settings(tmp_path_factory.mktemp("goes-store")))
    results = a.ingest([ROOT / "tests" / "fixtures" / "engine_b"])
    assert not any(r.failed for r in results), [r.message for r in results]
    a.warm_up()
    yield a
    a.close()


def test_the_months_that_make_up_a_quarter_are_added_with_their_operands(goes):
    ans = goes.ask("Hoeveel meldingen kreeg het wijkteam in Goes in het eerste kwartaal van 2024 samen?")
    assert not ans.refused, ans.answer
    assert "254" in ans.answer and "84 + 79 + 91 = 254" in ans.answer


def test_the_year_so_far_is_the_total_column(goes):
    ans = goes.ask("Hoeveel meldingen kreeg het wijkteam in Goes dit jaar tot en met september?")
    assert "744" in ans.answer, ans.answer


def test_a_year_not_yet_over_sets_its_forecast_against_its_budget(goes):
    ans = goes.ask("Valt de jeugdhulp in Goes dit jaar duurder uit dan begroot?")
    assert "15.020" in ans.answer and "14.260" in ans.answer and "760" in ans.answer, ans.answer
    assert "prognose" in ans.answer.lower()


def test_which_row_has_the_most(goes):
    ans = goes.ask("Wie verwees in Goes in 2023 de meeste jongeren naar de jeugdhulp?")
    assert not ans.refused, ans.answer
    assert "Wijkteam" in ans.answer.split("\n")[0] and "188" in ans.answer
    assert "370" not in ans.answer  # the total row is no candidate


def test_toezeggingen_counted_by_status(goes):
    ans = goes.ask("Hoeveel toezeggingen staan in Goes nog open?")
    assert ans.route == "commitment"
    assert "2 nog open" in ans.answer and "T24.09" in ans.answer and "T24.15" in ans.answer
    assert "1 is afgedaan (T24.03)" in ans.answer


def test_a_budget_year_is_answered_from_the_budget_and_named_so(goes):
    ans = goes.ask("Hoeveel trekt Goes in 2025 uit voor taakveld 6.72?")
    assert not ans.refused, ans.answer
    assert "9.655" in ans.answer and "begroting 2025" in ans.answer


def test_a_trend_over_the_budget_years_says_the_lasten_rise(goes):
    ans = goes.ask("Hoe ontwikkelen de lasten voor maatwerkdienstverlening 18+ in Goes tot en met 2027?")
    assert "6.145" in ans.answer and "gestegen" in ans.answer, ans.answer


# ---- the question grammar (no store) ------------------------------------------------------------------

def test_relative_periods_count_from_the_report_of_the_municipality():
    ref = from_label("2024-Q3")
    (ytd,) = parse_periods("Hoeveel meldingen waren er dit jaar tot en met september?", ref)
    assert ytd.period.label == "2024-01-01..2024-09-30"
    before = parse_periods("Is het aantal gestegen ten opzichte van het jaar ervoor?", from_label("2023"))
    assert [m.period.label for m in before] == ["2022", "2023"]


def test_ambiguous_place_names_inside_a_sentence_and_age_categories():
    assert find_scope("Hoeveel mensen zitten op Urk in de bijstand?").municipalities == ["Urk"]
    assert find_scope("Buren hebben vaak meer hulp nodig?").municipalities == []
    assert find_scope("Welk percentage, vergeleken met de buren in Noordoostpolder?").municipalities == \
        ["Noordoostpolder"]
    terms = [t.word for t in content_terms("Hoeveel kinderen van 4 tot 12 jaar kregen jeugdhulp, vergeleken "
                                           "met de buren?")]
    assert "buren" not in terms
    assert "maatwerkdienstverlening" in [t.word for t in content_terms("Wat kost taakveld 6.72?")]


def test_intents_of_new_question_shapes():
    assert classify("Welke vorm van jeugdhulp kostte het meest?", 1, False, 0).over == "row"
    assert classify("Welke baten raamt de gemeente voor 2025?", 1, False, 1).kinds >= {"begroting"}
    it = classify("Hadden eind 2023 meer of minder huishoudens een bijstandsuitkering dan begroot?", 1, False, 1)
    assert it.op == "versus_plan" and it.measures == {"aantal"}
    assert classify("Hoe ontwikkelen de lasten tot en met 2028?", 1, False, 1).op == "trend"
