"""The extractor on the four sample reports: hand-checked gold facts and what must never become a fact."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from assistant.extract import extract_document
from assistant.periods import half, year

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
DEFAULT_PERIODS = {"000": half(2018, 1), "002": year(2016), "003": year(2018), "004": year(2017)}
DOCS = sorted(p.name for p in CORPUS.glob("*.txt"))


def _lines(name: str) -> list[str]:
    return (CORPUS / name).read_text(encoding="utf-8").split("\n")


@cache
def extraction(name: str):
    return extract_document(_lines(name), name[:3], name, default_period=DEFAULT_PERIODS.get(name[:3]))


GOLD = [json.loads(x) for x in (ROOT / "tests/data/gold_facts.jsonl").read_text(encoding="utf-8").splitlines()
        if x.strip()]


def test_gold_is_large_and_spread_over_all_documents():
    assert len(GOLD) >= 80
    assert {g["doc"] for g in GOLD} == set(DOCS)


@pytest.mark.parametrize("g", GOLD, ids=lambda g: f"{g['doc'][:3]}:{g['figure'][:20]}:{g['row'][-25:]}:{g['line']}")
def test_gold_fact(g):
    ext = extraction(g["doc"])
    labels = {f.figure_id: f.label for f in ext.figures}
    cands = [f for f in ext.facts if labels[f.figure_id] == g["figure"] and g["row"] in (f.row_path, f.row_label)
             and f.line == g["line"]]
    if "period" in g:
        cands = [f for f in cands if f.period_label == g["period"]]
    if "column" in g:
        cands = [f for f in cands if f.column_label == g["column"]]
    if "municipality" in g:
        cands = [f for f in cands if f.municipality == g["municipality"]]
    assert cands, f"no fact for {g}"
    values = [f.value for f in cands]
    if g["value"] is None:
        assert None in values and any(f.status == g["status"] for f in cands), values
    else:
        assert any(v is not None and abs(v - g["value"]) < 1e-9 for v in values), values


@pytest.mark.parametrize("name", DOCS)
def test_every_fact_cites_a_line_that_contains_its_raw_text(name):
    lines = _lines(name)
    ext = extraction(name)
    fig_ids = {f.figure_id for f in ext.figures}
    for f in ext.facts:
        assert f.figure_id in fig_ids
        assert 1 <= f.line <= len(lines)
        assert f.raw and f.raw in lines[f.line - 1], (f.raw, f.line, lines[f.line - 1])


@pytest.mark.parametrize("name", DOCS)
def test_no_fact_from_prose_page_numbers_footnotes_or_years(name):
    lines = _lines(name)
    ext = extraction(name)
    for f in ext.facts:
        text = lines[f.line - 1].strip()
        # prose: a long running sentence is never a table line (tab rows are cells, not prose)
        if "\t" not in text:
            assert len(text.split()) < 30 or f.raw == text[-len(f.raw):], text
            assert not re.search(r"[a-z]{3,}\. [A-Z][a-z]+ [a-z]+", text), text
        # a year standing alone on a line, a chapter number ("02") or a page footer is never a fact
        assert not re.fullmatch(r"(19|20)\d\d", text), text
        assert not re.fullmatch(r"0\d", text), text
        assert "|" not in text, text
        if f.value is not None and re.fullmatch(r"(19|20)\d\d", f.raw):
            assert len(text.split()) > 1, text


def test_no_fact_on_footnote_or_page_footer_lines():
    ext = extraction("003_d7f3ff3f3f59d1aa.txt")
    lines = _lines("003_d7f3ff3f3f59d1aa.txt")
    footer = {i + 1 for i, t in enumerate(lines) if "|" in t}
    assert footer and not footer & {f.line for f in ext.facts}
    ext0 = extraction("000_2e09650ff663accc.txt")
    lines0 = _lines("000_2e09650ff663accc.txt")
    footnote_lines = {i + 1 for i, t in enumerate(lines0) if re.match(r"^\d\s*\t", t)}
    assert footnote_lines and not footnote_lines & {f.line for f in ext0.facts}
    # enumerations ("1. indicaties die ...") and the "H1 2018 / 1 / 2" legend are not tables
    assert not {f.line for f in ext0.facts} & set(range(535, 549))


def test_figure_ids_pages_and_layouts():
    name = "000_2e09650ff663accc.txt"
    lines = _lines(name)
    pages = [1 + i // 50 for i in range(len(lines))]
    ext = extract_document(lines, "abc", name, pages=pages, default_period=half(2018, 1))
    assert [f.figure_id for f in ext.figures][:2] == ["abc:fig001", "abc:fig002"]
    assert all(f.page == pages[f.line - 1] for f in ext.facts)
    labels = {f.label for f in ext.figures}
    assert {"Figuur 3", "Figuur 4", "Figuur 5", "Figuur 6", "Figuur 7", "Figuur 8", "Figuur 9", "Figuur 12",
            "Figuur 13"} <= labels
    fig3 = next(f for f in ext.figures if f.label == "Figuur 3")
    assert fig3.source_note == "bron: Suite" and fig3.title.startswith("aantal unieke cliënten")


def test_units_scales_and_period_kinds():
    ext = extraction("004_ee1055797fdda912.txt")
    fig = next(f for f in ext.figures if f.label == "Totaal Programma 3")
    assert fig.unit == "€ x 1000" and fig.scale == 1000
    kinds = {f.column_label: f.period_kind for f in ext.facts if f.figure_id == fig.figure_id}
    assert kinds["Raming 2017 voor wijziging"] == "raming" and kinds["Afwijking 2017"] == "afwijking"
    scouting = [f for f in ext.facts if f.row_label == "scouting"]
    assert {f.unit for f in scouting} == {"kinderen"}
    ext0 = extraction("000_2e09650ff663accc.txt")
    wait = {f.column_label: f.unit for f in ext0.facts if f.row_label == "Huidige wachttijd"}
    assert wait == {"Aantal cliënten": "aantal", "Gemiddelde wachttijd (weken)": "weken",
                    "Percentage binnen Treeknorm": "%"}


def test_glued_footnotes_keep_raw_text():
    ext = extraction("000_2e09650ff663accc.txt")
    by_raw = {f.raw: f for f in ext.facts if f.line in (750, 816)}
    assert by_raw["134"].value == 13 and by_raw["6505"].value == 650


def test_ratios_and_bracketed_subvalues_never_become_wrong_numbers():
    ext = extraction("002_61aac246e16c3ff2.txt")
    ratios = [f for f in ext.facts if f.line == 280]
    assert ratios and all(f.value is None and ":" in f.status for f in ratios)
    drecht = [f for f in ext.facts if f.line == 1070 and f.raw.startswith("574")]
    assert drecht and all(f.value == 574 for f in drecht)
