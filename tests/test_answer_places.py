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
