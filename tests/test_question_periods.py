from __future__ import annotations

import time
from datetime import date

import pytest

from assistant.answer.question_periods import PeriodMention, describe, parse_periods
from assistant.periods import Period, from_label

REF = from_label("2018-H1")  # reporting period of the most recent report


def labels(question: str, reference: Period | None = REF) -> list[str]:
    return [m.period.label for m in parse_periods(question, reference)]


@pytest.mark.parametrize(("question", "expected"), [
    # half years
    ("Hoeveel cliënten in de eerste helft van 2018?", ["2018-H1"]),
    ("en in de tweede helft van 2017?", ["2017-H2"]),
    ("Hoeveel trajecten in het 1e halfjaar 2016?", ["2016-H1"]),
    ("Hoeveel in het 1e halfjaar van 2016?", ["2016-H1"]),
    ("Hoeveel cliënten telde de Participatiewet in het eerste halfjaar van 2018?", ["2018-H1"]),
    ("tweede halfjaar 2017", ["2017-H2"]),
    ("tweede half jaar 2017", ["2017-H2"]),
    ("2e helft 2017", ["2017-H2"]),
    ("Hoeveel ondersteuningsplannen in H1 2018?", ["2018-H1"]),
    ("cijfers H2-2017", ["2017-H2"]),
    ("cijfers h2 2017", ["2017-H2"]),
    ("tabel 2018-H1", ["2018-H1"]),
    ("tabel 2018 H2", ["2018-H2"]),
    ("eerste en tweede helft van 2017", ["2017-H1", "2017-H2"]),
    # quarters
    ("in het eerste kwartaal 2018", ["2018-Q1"]),
    ("Q4 2017", ["2017-Q4"]),
    ("in Q2-2018", ["2018-Q2"]),
    ("2017-Q3", ["2017-Q3"]),
    ("in het 4e kwartaal van 2017", ["2017-Q4"]),
    ("derde kwartaal van 2016", ["2016-Q3"]),
    # years
    ("Hoeveel jeugdigen kregen in 2017 jeugdhulp?", ["2017"]),
    ("Wat waren de lasten over 2016?", ["2016"]),
    ("Wat is de begroting 2017 voor de jeugdhulp?", ["2017"]),
    ("Hoeveel waren het er in 2015 en 2018?", ["2015", "2018"]),
    ("Vergelijk 2016 met 2017.", ["2016", "2017"]),
    ("Hoe ontwikkelde het zich van 2015 tot en met 2018?", ["2015..2018"]),
    ("van 2015 t/m 2018", ["2015..2018"]),
    ("de jaren 2015-2018", ["2015..2018"]),
    ("tussen 2015 en 2018", ["2015..2018"]),
    ("de cijfers van 2015 en 2018", ["2015", "2018"]),
    # moments
    ("Hoeveel indicaties had Zwijndrecht eind 2016?", ["2016"]),
    ("einde 2016", ["2016"]),
    ("aan het einde van 2016", ["2016"]),
    ("Stand per 31 december 2016", ["2016-12-31"]),
    ("stand 31-12-2016", ["2016-12-31"]),
    ("stand 31.12.2016", ["2016-12-31"]),
    ("stand 31/12/2016", ["2016-12-31"]),
    ("per 1 januari 2018", ["2018-01-01"]),
    ("eind juni 2018", ["2018-06-30"]),
    ("begin 2018", ["2018"]),
    ("Tot welk aantal was het bijstandsbestand in het voorjaar van 2017 gestegen?", ["2017-H1"]),
    ("najaar 2016", ["2016-H2"]),
    ("zomer van 2017", ["2017"]),
    ("in juni 2018", ["2018-06"]),
    ("medio 2017", ["2017-H1"]),
    # nothing
    ("Wat is 'Vroeg erop af' precies?", []),
    ("Welk percentage van de inwoners voelt zich eenzaam?", []),
])
def test_absolute_periods(question: str, expected: list[str]) -> None:
    assert labels(question) == expected


@pytest.mark.parametrize(("question", "reference", "expected"), [
    ("Hoeveel waren dat er vorig jaar?", "2018-H1", ["2017"]),
    # the latest report is an annual report over 2017, written in 2018: "vorig jaar" is 2017, as "afgelopen jaar"
    ("Hoeveel waren dat er vorig jaar?", "2017", ["2017"]),
    ("Hoeveel nieuwe vragen kreeg het CJG in de eerste helft van 2018, en hoeveel waren dat er vorig jaar "
     "in dezelfde periode?", "2018-H1", ["2018-H1", "2017-H1"]),
    ("en in dezelfde periode vorig jaar?", "2018-H1", ["2017-H1"]),
    ("en dezelfde periode van het vorige jaar?", "2016-H1", ["2015-H1"]),
    ("H2 2017 en een jaar eerder", "2018-H1", ["2017-H2", "2016-H2"]),
    ("Hoe komt het dat er het afgelopen halfjaar minder mensen zijn ingestroomd?", "2018-H1", ["2018-H1"]),
    ("afgelopen half jaar", "2018-H1", ["2018-H1"]),
    ("afgelopen half jaar", "2017", ["2017-H2"]),
    ("het afgelopen jaar", "2018-H1", ["2017"]),
    ("het afgelopen jaar", "2017", ["2017"]),
    ("Hoeveel zijn het er dit jaar?", "2018-H1", ["2018"]),
    ("vergeleken met vorig halfjaar", "2018-H1", ["2017-H2"]),
    ("vergeleken met het vorige halfjaar", "2017-H2", ["2017-H1"]),
    ("in H1 2018 en het halfjaar daarvoor", "2016", ["2018-H1", "2017-H2"]),
    ("in 2017 en het jaar daarvoor", "2018-H1", ["2017", "2016"]),
    ("dit jaar en het jaar daarvoor", "2018-H1", ["2018", "2017"]),
    ("eind vorig jaar", "2018-H1", ["2017"]),
    # half years without a year
    ("Hoeveel in het tweede halfjaar?", "2018-H1", ["2017-H2"]),
    ("Hoeveel in het eerste halfjaar?", "2018-H1", ["2018-H1"]),
    ("Hoeveel in het tweede halfjaar?", "2017", ["2017-H2"]),
    ("de tweede helft van het jaar 2016", "2018-H1", ["2016-H2"]),
    ("In 2017: hoeveel in het tweede halfjaar?", "2018-H1", ["2017", "2017-H2"]),
    ("van het tweede halfjaar 2017 naar het eerste halfjaar", "2018-H1", ["2017-H2", "2018-H1"]),
    ("Q1 en Q2 2018", "2016", ["2018-Q1", "2018-Q2"]),
    ("H1 en H2 2017", "2018-H1", ["2017-H1", "2017-H2"]),
])
def test_relative_periods(question: str, reference: str, expected: list[str]) -> None:
    assert labels(question, from_label(reference)) == expected


def test_relative_without_reference_is_dropped() -> None:
    assert labels("Hoeveel waren het er vorig jaar?", None) == []
    assert labels("het tweede halfjaar", None) == []
    # an earlier absolute mention is enough
    assert labels("in H1 2018 en vorig jaar in dezelfde periode", None) == ["2018-H1", "2017-H1"]


@pytest.mark.parametrize("question", [
    "Heeft Baanbrekend de doelstelling voor mensen met 80-100% verdiencapaciteit gehaald?",
    "Wat houdt toezegging T2018-063 in?",
    "In welke raadsbrief (U18.05063) staat dat?",
    "Zie T18.11285.",
    "Het waren 1.408 cliënten en 2.018 aanvragen",
    "jongeren tot 18 jaar",
    "een budget van € 2018",
    "groei van 2018%",
    "programma 3 Maatschappelijke ondersteuning",
    "de ambitie van 800 deelnemers",
    "Figuur 3 en tabel 12",
    "de eerste helft van de cliënten",
    "nummer 2018-063",
])
def test_numbers_that_are_not_periods(question: str) -> None:
    assert labels(question) == []


@pytest.mark.parametrize(("question", "flags"), [
    # (relative, whole_year, point, approximate)
    ("in 2017", (False, True, None, False)),
    ("over 2016", (False, True, None, False)),
    ("van 2015 tot en met 2018", (False, True, None, False)),
    ("eerste helft van 2018", (False, False, None, False)),
    ("eind 2017", (False, False, "end", False)),
    ("einde van 2017", (False, False, "end", False)),
    ("per 31 december 2016", (False, False, "end", False)),
    ("31-12-2016", (False, False, "end", False)),
    ("begin 2018", (False, False, "start", False)),
    ("Stand bijstandsuitkeringen in Lansingerland eind 2017?", (False, False, "end", False)),
    ("Stand bijstandsuitkeringen 2017?", (False, False, "end", False)),
    ("voorjaar van 2017", (False, False, None, True)),
    ("vorig jaar", (True, True, None, False)),
    ("dezelfde periode vorig jaar", (True, False, None, False)),
    ("het afgelopen halfjaar", (True, False, None, False)),
])
def test_flags(question: str, flags: tuple[bool, bool, str | None, bool]) -> None:
    (m,) = parse_periods(question, REF)
    assert (m.relative, m.whole_year, m.point, m.approximate) == flags


def test_stand_van_zaken_is_no_point() -> None:
    (m,) = parse_periods("Wat is de stand van zaken in 2017?", REF)
    assert m.point is None and m.whole_year


@pytest.mark.parametrize(("question", "text"), [
    ("Hoeveel in de eerste helft van 2018?", "eerste helft van 2018"),
    ("Hoeveel in H2-2017?", "H2-2017"),
    ("per 31 december 2016", "per 31 december 2016"),
    ("aantal eind 2017", "eind 2017"),
    ("en vorig jaar in dezelfde periode?", "vorig jaar in dezelfde periode"),
])
def test_matched_text(question: str, text: str) -> None:
    assert parse_periods(question, REF)[0].text == text


def test_order_and_duplicates() -> None:
    ms = parse_periods("H1 2018, eerste helft van 2018 en 2017; nogmaals 2018-H1", REF)
    assert [m.period.label for m in ms] == ["2018-H1", "2017"]
    assert all(isinstance(m, PeriodMention) for m in ms)


def test_period_values() -> None:
    (m,) = parse_periods("per 31 december 2016")
    assert m.period.start == m.period.end == date(2016, 12, 31)
    (r,) = parse_periods("van 2015 tot en met 2018")
    assert (r.period.start, r.period.end) == (date(2015, 1, 1), date(2018, 12, 31))
    assert r.period.contains(from_label("2017-H2"))


@pytest.mark.parametrize(("label", "text"), [
    ("2018-H1", "de eerste helft van 2018"),
    ("2017", "2017"),
    ("2017-Q4", "het vierde kwartaal van 2017"),
    ("2016-12-31", "31 december 2016"),
])
def test_describe(label: str, text: str) -> None:
    assert describe(from_label(label)) == text


def test_describe_range() -> None:
    (r,) = parse_periods("van 2015 tot en met 2018")
    assert describe(r.period) == "2015 t/m 2018"


def test_fast() -> None:
    q = ("Hoeveel nieuwe vragen kreeg het CJG in de eerste helft van 2018, en hoeveel waren dat er vorig jaar "
         "in dezelfde periode? Zie ook T2018-063 en 1.408.")
    t0 = time.perf_counter()
    for _ in range(200):
        parse_periods(q, REF)
    assert (time.perf_counter() - t0) / 200 < 0.005
