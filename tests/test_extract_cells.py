"""Cells and headers: Dutch numbers, statuses, footnote marks, brackets, period headers and titles."""

from __future__ import annotations

from datetime import date

import pytest

from assistant.extract.blocks import caption_at, find_unit, split_source, strip_footnote_marks
from assistant.extract.cells import parse_cell, split_row, strip_glued_footnote
from assistant.extract.headers import parse_kind_columns, periods_from_tokens, title_period


@pytest.mark.parametrize("text,value,unit", [
    ("1.408", 1408, None), ("1,60", 1.6, None), ("-1.655", -1655, None), ("97%", 97, "%"),
    ("€ 275.000", 275000, "€"), ("-24.473", -24473, None), ("100.737.000", 100737000, None), ("0", 0, None),
])
def test_numbers(text, value, unit):
    c = parse_cell(text)
    assert c.value == value and c.unit == unit and c.raw == text


@pytest.mark.parametrize("text", ["n.b.", "n.v.t.", "n.n.b.", "nnb", "-", "geheim", "."])
def test_status_words_have_no_value(text):
    c = parse_cell(text)
    assert c.value is None and c.status == text


def test_words_and_ratios_are_not_numbers():
    assert parse_cell("jaarlijks") is None and parse_cell("2 vormen") is None
    assert parse_cell("79:21") is None
    r = parse_cell("79:21", allow_ratio=True)
    assert r.value is None and r.status == "79:21"


def test_footnote_digit_after_status_needs_the_footnote():
    assert parse_cell("n.b.3") is None
    c = parse_cell("n.b.3", footnotes={3})
    assert c.status == "n.b." and c.footnote == 3 and c.value is None


def test_bracketed_previous_value():
    c = parse_cell("234 (206)")
    assert c.value == 234 and c.bracket.value == 206 and c.bracket.raw == "(206)"
    c = parse_cell("1.003 (569)")
    assert c.value == 1003 and c.bracket.value == 569


def test_glued_footnote_strip():
    c = strip_glued_footnote("6505", 5)
    assert c.value == 650 and c.raw == "6505" and c.footnote == 5
    assert strip_glued_footnote("5", 5) is None


def test_split_row():
    sr = split_row("Retrospectieve wachttijd6 97 2,1 98%")
    assert sr.label == "Retrospectieve wachttijd6" and [c.value for c in sr.cells] == [97, 2.1, 98]
    sr = split_row("- scouting 350 kind 370 kind", allow_unit_words=True)
    assert sr.label == "- scouting" and sr.units == ["kind", "kind"]
    sr = split_row("Kwadraad 277 (279) n.b.3 (136) n.b. (115)", footnotes={3})
    assert sr.label == "Kwadraad" and len(sr.cells) == 3 and sr.cells[1].bracket.value == 136
    sr = split_row("Kapitaallasten - - - - 0")
    assert sr.label == "Kapitaallasten" and [c.status for c in sr.cells[:4]] == ["-"] * 4
    assert split_row("2015 2016 2017 2018").label == ""


def test_stacked_period_headers():
    labels = lambda toks: [p.label for p in periods_from_tokens(toks.split())]  # noqa: E731
    assert labels("2015 2016 2017 2018 H1 H2 H1 H2 H1 H2 H1")[-1] == "2018-H1"
    assert labels("2016 2017 1e helft 2e helft 1e helft") == ["2016-H1", "2016-H2", "2017-H1"]
    assert labels("H1 2015 H2 2015 H1 2016") == ["2015-H1", "2015-H2", "2016-H1"]
    assert labels("2016 2017 Q1 Q2 Q3 Q4 Q1")[-2:] == ["2016-Q4", "2017-Q1"]
    assert labels("2019 2020 2021") == ["2019", "2020", "2021"]
    assert periods_from_tokens("2015 2016 H1 H2 H1 H2 H1".split()) is None  # more halves than years allow
    assert periods_from_tokens("1e halfjaar 2018 2017".split()) is None


@pytest.mark.parametrize("title,label", [
    ("Jongeren in jeugdzorg, 1e halfjaar 2016 (%)", "2016-H1"),
    ("Instroom in regionale zorgmarkt, 2016", "2016"),
    ("Stand bijstand, per 31.12.2016", "2016-12-31"),
    ("Voornaamste instroomredenen bijstand 2016, tot en met 31.12.2016 (%)", "2016"),
    ("activiteiten in het eerste halfjaar 2018", "2018-H1"),
    ("wachtlijst op 1 april 2019", "2019-04-01"),
    ("Cijfers derde kwartaal 2017", "2017-Q3"),
    ("Programma Wmo (in euro's)", None),
    ("Vergelijking 2015 en 2016", None),
])
def test_title_period(title, label):
    p = title_period(title)
    assert (p.label if p else None) == label


def test_title_period_date_bounds():
    p = title_period("Stand per 31.12.2016")
    assert p.start == p.end == date(2016, 12, 31)


def test_kind_columns():
    prefix, cols = parse_kind_columns(
        "Totaal Programma 3 Realisatie 2016 Raming 2017 voor wijziging Raming 2017 na wijziging Realisatie 2017 "
        "Afwijking 2017")
    assert prefix == "Totaal Programma 3"
    assert [c.label for c in cols][1:3] == ["Raming 2017 voor wijziging", "Raming 2017 na wijziging"]
    assert [c.kind for c in cols] == ["realisatie", "raming", "raming", "realisatie", "afwijking"]
    assert parse_kind_columns("De realisatie 2016 was hoger dan de begroting 2017 door 3 oorzaken") is None


def test_captions_sources_units_and_marks():
    label, text = caption_at("Figuur 4: aantal ondersteuningsplannen (alle toegangspartijen, bron: GWS)")
    rest, src = split_source(text)
    assert label == "Figuur 4" and src == "bron: GWS" and rest == "aantal ondersteuningsplannen (alle toegangspartijen)"
    assert strip_footnote_marks("cijfers doelgroep Samenleving 45", {4, 5}) == ("cijfers doelgroep Samenleving", [4, 5])
    assert strip_footnote_marks("aantal per halfjaar7", {7}) == ("aantal per halfjaar", [7])
    assert strip_footnote_marks("aantal in 2016", {1, 2}) == ("aantal in 2016", [])
    assert find_unit("Beleidsveld: Jeugd bedragen x €1000")[:3] == ("€ x 1000", 1000.0, "Beleidsveld: Jeugd")
    assert find_unit("Budget (in euro's)")[0] == "€"
    assert find_unit("bedragen x € 1.000.000")[1] == 1_000_000
