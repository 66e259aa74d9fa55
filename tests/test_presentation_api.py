"""The Assistant API the UI builds on: kept originals, filters (scope), generated example questions.

A small real store: one bundled report (Lansingerland) and the invented Oudewater report of
tests/fixtures/ui/, real e5 embeddings.
"""

from __future__ import annotations

import shutil

import pytest

from tests.conftest import CORPUS, ROOT, make_settings

FIXTURE = ROOT / "tests" / "fixtures" / "ui" / "jaarrapportage_oudewater_2019.txt"
BUNDLED = CORPUS / "000_2e09650ff663accc.txt"
Q = "Hoeveel cliënten Jeugdwet waren er in 2018?"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    from assistant.api import Assistant

    src = tmp_path_factory.mktemp("src")
    shutil.copy(BUNDLED, src)
    shutil.copy(CORPUS / "catalog.toml", src)
    shutil.copy(FIXTURE, src)
    a = Assistant(make_settings(tmp_path_factory.mktemp("small-store")))
    assert not any(r.failed for r in a.ingest([src]))
    a.warm_up()
    yield a
    a.close()


def test_ingest_keeps_each_original_read_only_inside_the_data_dir(small):
    p = small.original_path(FIXTURE.name)
    assert p is not None and p.read_bytes() == FIXTURE.read_bytes()
    assert p.parent == small.originals_dir.resolve() and p.name.endswith(".txt")
    assert not p.stat().st_mode & 0o222
    assert small.original_path("bestaat-niet.txt") is None
    assert small.original_path("../" + FIXTURE.name) is None


def test_form_feeds_give_text_files_pages(small):
    ans = small.ask("Hoeveel cliënten Wmo waren er in 2019?", municipality="Oudewater")
    cite = ans.citations[0]
    assert cite.doc == FIXTURE.name and cite.page == 2
    assert ans.headline is not None and ans.headline.value == "1.012"
    # the figure first, then the year before it that the answer compares it with
    assert cite.highlight[0] == "1.012" and "948" in cite.highlight and cite.row_lines


def test_filters_come_from_the_documents(small):
    assert small.municipalities() == ["Lansingerland", "Oudewater"]
    assert small.years()[:2] == [2019, 2018]


def test_municipality_filter_scopes_the_question(small):
    ow = small.ask(Q, municipality="Oudewater")
    ll = small.ask(Q, municipality="Lansingerland")
    assert ow.headline.value == "436" and ow.citations[0].doc == FIXTURE.name
    assert ll.headline.value == "1.408" and ll.citations[0].doc == BUNDLED.name
    assert ow.scope.municipality == "Oudewater"
    # the year filter acts like a year in the question
    assert small.ask("Hoeveel cliënten Jeugdwet waren er?", municipality="Oudewater", year=2017).headline.value \
        == "412"


def test_example_questions_are_built_from_the_store_and_answered(small):
    qs = small.example_questions(4)
    assert len(qs) == 4 and len(set(qs)) == 4
    assert any("Oudewater" in q for q in qs)
    assert any("toezegging T2018-" in q for q in qs)
    for q in qs:
        assert not small.ask(q).refused, q


def test_removal_deletes_the_original(small, tmp_path):
    extra = tmp_path / "kopie_oudewater.txt"
    extra.write_text(FIXTURE.read_text(encoding="utf-8") + "\nEen extra regel.\n", encoding="utf-8")
    assert not any(r.failed for r in small.ingest([extra]))
    kept = small.original_path(extra.name)
    assert kept is not None and kept.exists()
    assert small.remove(extra.name)
    assert not kept.exists() and small.original_path(extra.name) is None
