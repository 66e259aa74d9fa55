"""The question grammar without a store: intent, content words, double questions, periods, word matching."""

from __future__ import annotations

import pytest

from assistant.answer.intent import classify
from assistant.answer.matching import content_terms, coverage
from assistant.answer.parts import part_terms, split_question
from assistant.answer.question_periods import parse_periods
from assistant.answer.text_tools import token_match
from assistant.periods import scan


@pytest.mark.parametrize("question,route,measures,op", [
    ("Hoeveel jongeren kregen in 2023 jeugdhulp?", "figure", {"aantal"}, "value"),
    ("Welk percentage van de inwoners had een Wmo-voorziening?", "figure", {"percentage"}, "share"),
    ("Hoeveel bijstandsuitkeringen per 1.000 inwoners waren er?", "figure", {"per_inwoners"}, "value"),
    ("Hoeveel gaf de gemeente in 2023 uit aan jeugdhulp?", "figure", {"geld"}, "value"),
    ("Hoeveel meer dan begroot kostte de Wmo in 2022?", "figure", {"geld"}, "versus_plan"),
    ("Waarom is het aantal bijstandsuitkeringen gedaald?", "text", set(), "value"),
    ("Is het aantal meldingen in 2023 gestegen?", "figure", set(), "difference"),
    ("Hoe ontwikkelde het aantal jongeren met jeugdhulp zich sinds 2020?", "figure", {"aantal"}, "trend"),
    ("In welke maand kwamen de meeste meldingen binnen?", "figure", set(), "highest"),
    ("Stand bijstandsuitkeringen eind 2023?", "figure", set(), "value"),
    # plain-Dutch ways of asking against the budget, the picture elsewhere, a part of the town, a score
    ("Gaat Elburg dit jaar over het jeugdbudget heen?", "figure", {"geld"}, "versus_plan"),
    ("Komt Elburg in 2024 uit met het geld voor de Wmo?", "figure", {"geld"}, "versus_plan"),
    ("Hebben naar verhouding meer Elburgse ouderen een Wmo-voorziening dan in de buurgemeenten?", "figure", set(),
     "versus_places"),
    ("In welke Elburgse wijk wonen de meeste ouderen met huishoudelijke hulp?", "figure", set(), "highest"),
    ("Hoe tevreden waren de cliënten van de Wmo in 2023?", "figure", set(), "value"),
    ("Houdt Elburg dit jaar geld over op de Wmo?", "figure", {"geld"}, "versus_plan"),
    ("Hoeveel meer dan in de actuele begroting kostte de Wmo in 2023?", "figure", {"geld"}, "versus_plan"),
    ("Hoeveel meer wil Elburg in 2025 aan jeugdhulp uitgeven dan in de begroting 2024?", "figure", {"geld"},
     "difference"),
])
def test_intent(question, route, measures, op):
    it = classify(question, n_periods=len(parse_periods(question, None)))
    assert (it.route, it.op) == (route, op)
    if measures:
        assert it.measures == measures


def test_forecasts_and_money_sides():
    it = classify("Wat verwacht het college over heel 2024 uit te geven aan jeugdhulp?", n_periods=1)
    assert it.expected and it.side == "lasten" and it.kinds == {"raming"}
    assert classify("Hoeveel inkomsten had het programma?").side == "baten"
    assert classify("Wat was het saldo van het programma?").side is None


def test_who_holds_an_office_is_its_own_route():
    assert classify("Wie is de wethouder van zorg?").route == "office"
    assert classify("Hoe heet de portefeuillehouder Wmo?").route == "office"


def test_content_words_leave_out_question_words_verbs_and_idioms():
    words = {t.word: t for t in content_terms("Hoeveel huishoudens kregen per saldo in totaal schuldhulp?")}
    assert set(words) == {"huishoudens", "schuldhulp"}
    t = {x.word: x for x in content_terms("Hoeveel plannen zijn er opgesteld en gedaan?")}
    assert t["opgesteld"].verb and t["gedaan"].verb and not t["plannen"].verb
    assert "kans" in {x.word for x in content_terms("Wat kost het accent elk kind een kans?")}


def test_a_compound_question_word_finds_the_row_that_begins_with_its_head():
    terms = content_terms("Hoeveel vervoersindicaties kregen ouderen?")
    row = coverage(terms, "Vervoersvoorziening Indicaties Wmo ouderen")[0]
    other = coverage(terms, "Hulpmiddel Indicaties Wmo ouderen")[0]
    assert row > other


def test_a_change_in_the_present_tense_and_a_relation_to_the_budget():
    assert classify("Daalt het aantal bijstandsuitkeringen in Oosterhout?").op in ("difference", "trend")
    assert classify("Hoe verhoudt het saldo van het sociaal domein zich tot de begroting?").op == "versus_plan"


def test_a_plus_age_group_is_a_category_not_a_word():
    words = [t.word for t in content_terms("Hoeveel 75-plussers in Oosterhout kregen huishoudelijke hulp?")]
    assert "75+" in words and "plussers" not in words


def test_an_abbreviation_and_its_words_are_one_subject():
    terms = content_terms("Bij hoeveel contracten is social return (SRoI) van toepassing?")
    assert coverage(terms, "Er zijn 12 contracten waarbij SRoI van toepassing is.")[0] == 1.0
    assert coverage(terms, "Er zijn 12 contracten waarbij social return van toepassing is.")[0] == 1.0


def test_the_other_end_of_a_ranking_is_not_a_question_of_its_own():
    q = "Welke wijk had in 2021 de meeste meldingen huiselijk geweld, en welke de minste?"
    assert split_question(q) == [q]


def test_both_ends_of_a_ranking_name_every_place_that_shares_an_end():
    from assistant.answer import derive
    from assistant.answer.store import FactRow

    def row(scope: str, value: float) -> FactRow:
        return FactRow(1, "f", "d", "d.txt", "T", "Tabel 1", "Tabel 1", "Meldingen", "Meldingen", "2021", "2021",
                       "realisatie", scope, scope, "aantal", None, 1.0, value, None, str(int(value)), 1, None)

    d = derive.extreme([row("Oost", 40), row("West", 12), row("Zuid", 12), row("Noord", 31)], True,
                       lambda f: f.scope, both=True)
    assert d.lines == ["Het hoogst: Oost (40).", "Het laagst: West en Zuid (12)."]


def test_double_questions_split_and_lean_on_the_first_part():
    parts = split_question("Hoeveel jongeren kregen jeugdhulp met verblijf, en hoeveel daarvan woonden in een pleeggezin?")
    assert len(parts) == 2
    borrowed = [t for t in part_terms(parts[1], parts[0], []) if t.weight < 1 and not t.verb]
    assert {t.word for t in borrowed} >= {"jongeren", "jeugdhulp"}
    # one subject asked two things of stays one question
    assert split_question("Welke inzet en welk budget heeft het plan Samen Sterk?") == [
        "Welke inzet en welk budget heeft het plan Samen Sterk?"]


def test_the_year_so_far_is_one_period_in_questions_and_headers():
    assert [m.period.label for m in parse_periods("Hoeveel meldingen waren er tot en met juni 2023?", None)] == ["2023-H1"]
    assert [m.period.label for m in scan("Realisatie t/m 31 maart 2024")] == ["2024-Q1"]
    assert [m.period.label for m in scan("juni 2023")] == ["2023-06"]


@pytest.mark.parametrize("a,b,at_least", [
    ("zware", "zwaar", 0.9),  # an adjective and its inflection
    ("onderzocht", "onderzoek", 0.8),  # a participle in -cht
    ("toezicht", "ondertoezichtstelling", 0.6),  # a word inside a compound
    ("jeugdhulptraject", "jeugdhulp", 0.45),
])
def test_word_matching(a, b, at_least):
    assert token_match(a, b) >= at_least


def test_spoken_aspects_of_a_subject_are_not_subjects_of_their_own():
    words = {t.word for t in content_terms("Hoe verhoudt de bijstand in Elburg zich tot het landelijke beeld?")}
    assert "beeld" not in words and "bijstand" in words  # (the place is left out by the engine, not here)
    words = {t.word for t in content_terms("Hoeveel kinderen groeiden op in een gezin met een uitkering?")}
    assert "groeiden" not in words
    terms = content_terms("Hoeveel is de gemeente kwijt aan het jeugdbudget?")
    assert [t.word for t in terms] == ["jeugdbudget"] and coverage(terms, "Jeugd Begroting 2024")[0] >= 0.8


def test_a_part_of_the_town_is_ranked_over_the_rows():
    it = classify("In welke wijk wonen de minste jongeren met jeugdhulp?")
    assert (it.op, it.over) == ("lowest", "row")


def test_a_target_in_plain_words_and_what_a_question_leaves_out():
    assert classify("Welke gemiddelde wachttijd wil Elburg in 2025 halen?", n_periods=1).kinds == {"streefwaarde"}
    words = {t.word for t in content_terms("Wat kost de Wmo per saldo, nog zonder de stortingen in reserves?")}
    assert "stortingen" not in words and "reserves" not in words and "wmo" in words
    assert "verblijf" in {t.word for t in content_terms("Hoeveel jongeren kregen jeugdhulp zonder verblijf?")}


def test_places_compare_by_rates_and_halfway_is_the_end_of_the_first_half():
    it = classify("Ligt het aantal mensen in de bijstand in Elburg boven het landelijk gemiddelde?", 1, True, 0)
    assert "per_inwoners" in it.measures
    (m,) = parse_periods("Hoeveel cliënten waren er halverwege 2024?", None)
    assert m.period.label == "2024-H1" and m.point == "end"


def test_next_year_counts_from_the_year_the_reports_were_written():
    (m,) = parse_periods("Hoeveel wil de gemeente volgend jaar uitgeven aan jeugdhulp?", None, now_year=2024)
    assert m.period.label == "2025"


def test_people_of_a_benefit_find_the_row_of_that_benefit():
    terms = content_terms("Hoeveel bijstandsontvangers had de gemeente?")
    assert coverage(terms, "Personen met een bijstandsuitkering")[0] >= 0.8


def test_the_rest_of_the_country_is_the_national_figure():
    from assistant.answer.scope import find_scope

    s = find_scope("Zitten er in Elburg naar verhouding meer mensen in de bijstand dan in de rest van het land?")
    assert s.national and "de rest van het land" in s.words


def test_a_half_or_quarter_of_this_or_last_year_is_one_period():
    from assistant.periods import from_label

    ms = parse_periods("Hoeveel meldingen kwamen er in de eerste helft van dit jaar bij elkaar binnen?", from_label("2024-H1"))
    assert [m.period.label for m in ms] == ["2024-H1"]
    ms = parse_periods("en in het derde kwartaal van vorig jaar?", from_label("2024-H1"))
    assert [m.period.label for m in ms] == ["2023-Q3"]


def test_an_adjusted_budget_and_what_was_added():
    assert classify("Hoeveel cliënten zijn er in 2024 bijgekomen ten opzichte van 2023?", n_periods=2).op == "difference"
    from assistant.answer.intent import DEVIATION

    assert DEVIATION.search("Met hoeveel wordt het budget opgehoogd?")
    assert not DEVIATION.search("Wat is na de bijstelling het saldo?")


def test_longer_than_then_and_costs_in_one_word():
    it = classify("Duurt een traject nu langer dan in 2021?", n_periods=1)
    assert (it.route, it.op) == ("figure", "trend")
    assert classify("Hoeveel bleven de jeugdhulpkosten onder de begroting?").side == "lasten"
    assert classify("Hoe verhoudt de bijstand in Elburg zich tot Nederland?", 1, True, 0).op == "versus_national"


def test_a_year_earlier_is_seen_at_the_same_point_of_its_year():
    ms = parse_periods("Hoeveel minder uitkeringen waren er begin 2024 dan een jaar eerder?", None)
    assert [(m.period.label, m.point) for m in ms] == [("2024", "start"), ("2023", "start")]


def test_a_group_of_cities_is_a_scope_of_its_own():
    from assistant.answer.scope import find_scope

    s = find_scope("Welk percentage jongeren in de G4 had jeugdreclassering?")
    assert [r.name for r in s.regions] == ["G4"] and s.regions[0].members == [] and not s.municipalities


def test_a_change_going_on_asks_for_the_trend_and_a_comparison_for_the_difference():
    assert classify("Daalt het aantal bijstandsuitkeringen in Epe?", n_periods=0).op == "trend"
    assert classify("Neemt het aantal Wmo-cliënten af?", n_periods=0).op == "trend"
    assert classify("Stijgt het aantal meldingen dan vorig jaar?", n_periods=1).op == "difference"


def test_a_quarter_written_as_kwartaal_and_its_number():
    assert [m.period.label for m in scan("in kwartaal 3 van 2024")] == ["2024-Q3"]
    assert [m.period.label for m in scan("Kwartaal 2 2023")] == ["2023-Q2"]


def test_the_first_months_of_a_year():
    assert [m.period.label for m in scan("in de eerste negen maanden van 2024")] == ["2024-01-01..2024-09-30"]
    assert [m.period.label for m in scan("de eerste zes maanden van 2023")] == ["2023-H1"]


def test_a_province_named_by_its_adjective():
    from assistant.answer.scope import find_scope

    s = find_scope("Geeft Ede per inwoner meer uit dan de gemiddelde Gelderse gemeente?")
    assert s.municipalities == ["Ede"] and [r.name for r in s.regions] == ["Gelderland"]


def test_a_second_part_about_what_was_reckoned_with_is_the_budget():
    parts = split_question("Hoeveel cliënten had Epe in 2023, en met hoeveel hadden we rekening gehouden?")
    assert parts == ["Hoeveel cliënten had Epe in 2023?", "met hoeveel hadden we rekening gehouden?"]
    assert "begroting" in classify(parts[1], n_periods=0).kinds


def test_whether_a_target_was_met_is_a_figure_question():
    it = classify("Heeft Epe in 2024 het doel gehaald voor de re-integratie?", n_periods=1)
    assert it.route == "figure" and it.asks_number


def test_a_month_without_a_year_after_in():
    from assistant.periods import quarter

    assert [m.period.label for m in parse_periods("Hoeveel meldingen kwamen er in mei?", quarter(2024, 3))] == ["2024-05"]
    assert [m.period.label for m in parse_periods("Hoeveel meldingen in juni?", quarter(2024, 3))] == ["2024-06"]


def test_words_that_look_like_measures_or_places_but_are_not():
    assert classify("Is het relatief verzuim de afgelopen schooljaren gestegen?", n_periods=0).op == "trend"
    assert "percentage" not in classify("Hoeveel meldingen relatief verzuim waren er?", n_periods=0).measures
    assert classify("In welk dorp wonen de meeste bijstandsontvangers?", n_periods=0).over == "row"
    assert classify("Hoe hoog is de index van het aantal cliënten?", n_periods=0).measures == {"index"}


def test_which_area_among_named_municipalities_is_a_place():
    it = classify("Welk gebied had de hoogste participatie: Urk, Staphorst of Nederland?", n_municipalities=2,
                  national=True)
    assert it.over != "row"  # the places named, not the rows of a wijk table


def test_what_a_count_noun_cost_is_money():
    assert classify("Hoeveel kostten de bijstandsuitkeringen in 2021?", n_periods=1).measures == {"geld"}
    assert classify("Hoeveel bijstandsuitkeringen waren er in 2021?", n_periods=1).measures == {"aantal"}


def test_overspending_a_budget_in_the_past_tense():
    assert classify("Met hoeveel overschreed Epe in 2023 het budget voor jeugdhulp?", n_periods=1).op == "versus_plan"
