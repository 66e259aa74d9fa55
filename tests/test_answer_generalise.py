"""Answering on a real store (DuckDB, Chroma, BM25, e5 embeddings) of four invented reports of one municipality
(tests/fixtures/engine_b): a quarterly report with month columns and a forecast, a budget with multi-year
estimates and taakveld codes, a toezeggingenlijst in key-value blocks, and a half-year monitor with a province
column and a list of terms. Each question needs a mechanism that
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


def test_the_end_of_a_year_is_never_answered_with_its_first_half(goes):
    ans = goes.ask("Hoeveel huishoudens in Goes hadden eind 2024 bijstand?")
    assert "805" not in ans.answer.split("\n")[0] or ans.refused, ans.answer
    assert not ans.answer.startswith("805"), ans.answer


def test_an_ordinal_without_its_noun_is_the_period_named_next_to_it(goes):
    ans = goes.ask("Hoeveel meer jeugdigen met jeugdhulp zonder verblijf waren er in Goes in de tweede helft van "
                   "2023 dan in de eerste?")
    assert "634" in ans.answer and "611" in ans.answer and "23" in ans.answer, ans.answer


def test_a_half_year_earlier_compares_the_latest_half_with_the_one_before(goes):
    ans = goes.ask("Verblijven er in Goes minder jongeren in een instelling of pleeggezin dan een halfjaar eerder?")
    assert not ans.refused, ans.answer
    assert "61" in ans.answer and "55" in ans.answer, ans.answer  # met verblijf, never zonder verblijf
    assert "652" not in ans.answer and "634" not in ans.answer


def test_finding_work_is_the_uitstroom_naar_werk(goes):
    ans = goes.ask("Hoeveel huishoudens in Goes vonden in de eerste helft van 2024 vanuit de bijstand werk?")
    assert ans.answer.startswith("39"), ans.answer


def test_a_province_is_a_place_of_its_own_and_the_report_is_named_as_source(goes):
    ans = goes.ask("Welk percentage jongeren had in 2023 jeugdhulp in Zeeland, volgens de monitor van Goes?")
    assert "10,1" in ans.answer and "10,8" not in ans.answer, ans.answer
    scope = find_scope("Hoeveel in Zeeland, volgens de monitor van Goes?")
    assert [r.name for r in scope.regions] == ["Zeeland"] and scope.sources == ["Goes"]
    assert find_scope("Hoeveel jongeren in de provincie Utrecht?").municipalities == []
    assert find_scope("Hoeveel jongeren in Utrecht?").municipalities == ["Utrecht"]


def test_a_definition_is_quoted_from_the_reports_list_of_terms(goes):
    ans = goes.ask("Wat bedoelt de monitor van Goes met uitstroom naar werk?")
    assert ans.answer.startswith("Uitstroom naar werk: het aantal huishoudens"), ans.answer


# ---- the question grammar (no store) ------------------------------------------------------------------

def test_relative_periods_count_from_the_report_of_the_municipality():
    ref = from_label("2024-Q3")
    (ytd,) = parse_periods("Hoeveel meldingen waren er dit jaar tot en met september?", ref)
    assert ytd.period.label == "2024-01-01..2024-09-30"
    before = parse_periods("Is het aantal gestegen ten opzichte van het jaar ervoor?", from_label("2023"))
    assert [m.period.label for m in before] == ["2022", "2023"]
    halves = parse_periods("Zijn het er minder dan een halfjaar eerder?", from_label("2024-H1"))
    assert [m.period.label for m in halves] == ["2023-H2", "2024-H1"]
    quarters = parse_periods("Hoeveel meer in het vierde kwartaal van 2023 dan in het derde?")
    assert [m.period.label for m in quarters] == ["2023-Q4", "2023-Q3"]
    end = parse_periods("Hoeveel waren het er eind 2024?")
    assert end[0].point == "end"


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


def test_one_figure_comes_with_the_same_half_a_year_earlier_and_the_change(goes):
    ans = goes.ask("Hoeveel huishoudens in Goes vonden in het eerste halfjaar van 2024 werk vanuit de bijstand?")
    assert not ans.refused, ans.answer
    assert ans.answer.startswith("39"), ans.answer
    assert "Ter vergelijking" in ans.answer and "46" in ans.answer and "daling van 7" in ans.answer
