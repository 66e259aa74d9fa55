"""Dutch BM25: stemming, compounds, stopwords, persistence."""

from __future__ import annotations

import os

import pytest

from assistant.storage.bm25 import BM25Index, TokenizerConfig, normalise_words, tokenize

TEXTS = {
    "jeugd": "Het aantal jeugdhulptrajecten is in 2018 gestegen ten opzichte van 2017.",
    "mantel": "Mantelzorgers kunnen een mantelzorgwaardering aanvragen bij het Wmo-loket.",
    "bijstand": "De daling van het aantal bijstandsuitkeringen komt door de aantrekkende arbeidsmarkt.",
    "sport": "De sporthal is in de zomer gesloten voor onderhoud.",
    "clienten": "Het aantal unieke cliënten binnen de Participatiewet bleef gelijk: 1.408 in totaal.",
}


@pytest.fixture(scope="module")
def index() -> BM25Index:
    return BM25Index.build(list(TEXTS), list(TEXTS.values()))


def top(index: BM25Index, query: str) -> str | None:
    hits = index.search(query, 1)
    return hits[0][0] if hits else None


def test_normalisation_lowercases_strips_accents_and_stopwords():
    assert normalise_words("De cliënten van het Wmo-loket: 1.408 in 2018") == [
        "clienten",
        "wmo",
        "loket",
        "1408",
        "2018",
    ]


def test_stemming_matches_inflections(index):
    words, _ = tokenize("cliënt")
    assert words == tokenize("cliënten")[0]
    assert top(index, "cliënt participatiewet") == "clienten"
    assert top(index, "mantelzorger") == "mantel"


def test_compound_parts_match(index):
    # whole-word tokens alone cannot find these: the query word is only part of a compound
    assert top(index, "jeugdhulp") == "jeugd"
    assert top(index, "bijstand") == "bijstand"
    assert top(index, "uitkeringen") == "bijstand"
    assert top(index, "zorg voor mantels") == "mantel"
    no_ngrams = BM25Index.build(list(TEXTS), list(TEXTS.values()), TokenizerConfig(ngram=0))
    assert top(no_ngrams, "jeugdhulp") is None


def test_stopword_only_query_finds_nothing(index):
    assert index.search("wat is het de van", 3) == []


def test_allowed_ids_filter(index):
    assert {cid for cid, _ in index.search("aantal", 5)} >= {"jeugd", "bijstand", "clienten"}
    hits = index.search("aantal", 5, allowed_ids={"bijstand", "sport"})
    assert [cid for cid, _ in hits] == ["bijstand"]
    assert index.search("aantal", 5, allowed_ids=set()) == []


def test_save_load_roundtrip(index, tmp_path):
    path = tmp_path / "bm25"
    assert BM25Index.load(path) is None
    index.save(path)
    loaded = BM25Index.load(path)
    assert loaded is not None
    assert loaded.ids == index.ids and loaded.config == index.config
    for q in ("jeugdhulp", "bijstand 2018", "mantelzorgers wmo"):
        assert loaded.search(q, 3) == index.search(q, 3)


def test_save_replaces_atomically(index, tmp_path):
    path = tmp_path / "bm25"
    BM25Index.build(["old"], ["een oude index over schuldhulpverlening"]).save(path)
    index.save(path)
    assert BM25Index.load(path).ids == index.ids
    # no temp or backup directories are left beside it
    assert sorted(os.listdir(tmp_path)) == ["bm25"]


def test_incomplete_write_is_never_loaded(index, tmp_path):
    path = tmp_path / "bm25"
    index.save(path)
    # a crash while writing leaves only a temp dir beside the index; the index itself is intact
    (tmp_path / ".bm25.tmp-dead").mkdir()
    (tmp_path / ".bm25.tmp-dead" / "ids.json").write_text("[")
    assert BM25Index.load(path).ids == index.ids
    # a crash between the two renames: the old copy is used
    os.rename(path, tmp_path / ".bm25.old-dead")
    assert BM25Index.load(path).ids == index.ids
    # a directory without manifest (half written) is not an index
    os.rename(tmp_path / ".bm25.old-dead", path)
    os.remove(path / "manifest.json")
    assert BM25Index.load(path) is None


def test_empty_index(tmp_path):
    empty = BM25Index.build([], [])
    assert empty.search("jeugd", 5) == []
    empty.save(tmp_path / "bm25")
    assert BM25Index.load(tmp_path / "bm25").search("jeugd", 5) == []
