"""The answer engine on a real store of three invented municipalities (tests/fixtures/engine): real DuckDB,
Chroma, BM25 and e5 embeddings. Every municipality has the same table rows with other numbers, so an
answer that takes a row of the wrong municipality, the wrong measure or the wrong period shows.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, make_settings

pytestmark = pytest.mark.slow

FIX = ROOT / "tests" / "fixtures" / "engine"
# the numbers of each report (see the fixture files)
JEUGDHULP = {"Bergeijk": (612, 655), "Elburg": (733, 701), "Zundert": (547, 589)}
JEUGDHULP_PCT = {"Bergeijk": ("10,4", "11,1"), "Elburg": ("9,2", "8,8"), "Zundert": ("8,1", "8,6")}
LASTEN = {"Bergeijk": (8140, 8725), "Elburg": (9310, 9102), "Zundert": (7025, 7480)}  # begroting, realisatie


def dutch(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def numbers_in(text: str) -> set[str]:
    return set(re.findall(r"(?<![\w.,])\d{1,3}(?:\.\d{3})*(?:,\d+)?(?![\w]|[.,]\d)", text))


@pytest.fixture(scope="module")
def three(tmp_path_factory):
    from assistant.api import Assistant

    a = Assistant(make_settings(tmp_path_factory.mktemp("three-store")))
    results = a.ingest([FIX])
    assert not any(r.failed for r in results), [r.message for r in results]
    a.warm_up()
    yield a
    a.close()


def docs_of(answer) -> set[str]:
    return {Path(c.doc).name for c in answer.citations}


@pytest.mark.parametrize("asked,other", list(itertools.permutations(JEUGDHULP, 2)))
def test_a_question_about_one_municipality_never_gets_anothers_figure(three, asked, other):
    ans = three.ask(f"Hoeveel jongeren in {asked} kregen in 2023 jeugdhulp?")
    assert not ans.refused, ans.answer
    assert dutch(JEUGDHULP[asked][1]) in ans.answer
    assert not numbers_in(ans.answer) & {dutch(n) for n in JEUGDHULP[other]}, ans.answer
    assert all(r.get("scope") == asked for r in ans.rows), ans.rows
    assert docs_of(ans) == {f"jaarrapportage-sociaal-domein-{asked.lower()}-2023.txt"}


def test_the_municipality_filter_scopes_like_a_name_in_the_question(three):
    ans = three.ask("Hoeveel jongeren kregen in 2023 jeugdhulp?", municipality="Zundert")
    assert dutch(JEUGDHULP["Zundert"][1]) in ans.answer
    assert not numbers_in(ans.answer) & {dutch(JEUGDHULP[m][1]) for m in ("Bergeijk", "Elburg")}


def test_without_a_municipality_each_figure_is_named_with_its_municipality(three):
    ans = three.ask("Hoeveel jongeren kregen in 2023 jeugdhulp?")
    assert not ans.refused
    for m, (_, v) in JEUGDHULP.items():
        line = next((ln for ln in ans.answer.splitlines() if dutch(v) in ln), "")
        assert m in line, ans.answer


def test_a_percentage_question_gets_the_percentage_not_the_count(three):
    ans = three.ask("Welk percentage van de jongeren in Elburg had in 2023 jeugdhulp?")
    assert JEUGDHULP_PCT["Elburg"][1] in ans.answer and "%" in ans.answer
    assert ans.headline is not None and ans.headline.value.endswith("%")


def test_a_measure_the_reports_do_not_have_is_refused(three):
    # the reports give counts and percentages of jongeren met jeugdhulp, never a rate per 1.000 inwoners
    ans = three.ask("Hoeveel jongeren per 1.000 inwoners hadden in Bergeijk in 2023 jeugdhulp?")
    assert ans.refused and ans.headline is None
    assert "gevraagde eenheid" in ans.answer  # says why; the closest row may be shown, never as the answer


def test_a_change_compares_the_same_row_and_kind_across_periods(three):
    ans = three.ask("Is het aantal jongeren met jeugdhulp in Elburg in 2023 gestegen ten opzichte van 2022?")
    a, b = JEUGDHULP["Elburg"]
    assert dutch(a) in ans.answer and dutch(b) in ans.answer
    assert f"{dutch(b)} − {dutch(a)} = {b - a}" in ans.derivation, ans.derivation
    assert "daling" in ans.answer


def test_realised_against_budget_shows_both_operands_and_the_difference(three):
    ans = three.ask("Hoeveel meer dan begroot gaf Zundert in 2023 uit aan jeugdhulp?")
    plan, real = LASTEN["Zundert"]
    assert f"{dutch(real)} − {dutch(plan)} = {dutch(real - plan)}" in ans.derivation, ans.derivation
    assert "nadeel" in ans.answer
    assert {r["period_kind"] for r in ans.rows} >= {"begroting", "realisatie"}


def test_the_chart_has_one_series_per_row_and_kind(three):
    ans = three.ask("Hoe ontwikkelde het aantal jongeren met jeugdhulp in Bergeijk zich sinds 2022?")
    assert ans.chart is not None
    names = [s.name for s in ans.chart.series]
    assert len(names) == len(set(names))
    values = [p.value for s in ans.chart.series for p in s.points]
    assert sorted(values) == sorted(float(v) for v in JEUGDHULP["Bergeijk"])  # no sum over kinds or rows


def test_an_explanation_is_quoted_from_the_report_of_that_municipality(three):
    ans = three.ask("Waarom daalde het aantal jongeren met jeugdhulp in Elburg?")
    assert ans.route == "text" and not ans.refused
    assert "wijkteam" in ans.answer
    assert docs_of(ans) == {"jaarrapportage-sociaal-domein-elburg-2023.txt"}


def test_an_unknown_municipality_and_a_later_period_are_refused_with_what_is_there(three):
    ans = three.ask("Hoeveel jongeren in Oirschot kregen in 2023 jeugdhulp?")
    assert ans.refused and "Oirschot" in ans.answer and "Bergeijk" in ans.answer
    ans = three.ask("Hoeveel jongeren in Zundert kregen in 2026 jeugdhulp?")
    assert ans.refused and "2026" in ans.answer


def test_who_holds_an_office_is_refused(three):
    ans = three.ask("Wie is de wethouder van jeugdzaken in Zundert?")
    assert ans.refused and not ans.citations


def test_a_sum_of_two_rows_shows_its_operands(three):
    ans = three.ask("Hoeveel gaf Bergeijk in 2023 samen uit aan jeugdhulp en Wmo-maatwerkvoorzieningen?")
    real = LASTEN["Bergeijk"][1]
    assert dutch(real) in ans.derivation and "Samen" in ans.derivation, (ans.answer, ans.derivation)


def test_the_passage_fallback_shows_the_closest_table_or_sentence(three):
    # no row answers this, but the closest passages are offered: never worse than the retriever
    ans = three.ask("Hoeveel gezinnen met jonge kinderen kwamen in Bergeijk in de nieuwbouwwijk wonen?")
    assert ans.refused
    assert ans.suggestions or ans.citations
    assert any("bergeijk" in (c.doc or "") for c in ans.suggestions + ans.citations)
