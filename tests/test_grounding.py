from __future__ import annotations

import time

import pytest

from assistant.answer.grounding import GroundingResult, check_grounding, numbers_in


@pytest.mark.parametrize(("text", "expected"), [
    ("1.408", [1408]),
    ("1,60", [1.6]),
    ("2.008", [2008]),
    ("€ 275.000", [275000]),
    ("€275.000,50", [275000.5]),
    ("97%", [97]),
    ("-1.655", [-1655]),
    ("(-1.655)", [-1655]),
    ("5,3", [5.3]),
    ("1408", [1408]),
    ("12.5", [12.5]),
    ("1.408.000", [1408000]),
    ("€ 99,4 miljoen", [99_400_000]),
    ("275 duizend", [275_000]),
    ("1,2 mld", [1_200_000_000]),
    ("80-100%", [80, 100]),
    ("2015-2018", [2015, 2018]),
    ("18-jarigen", [18]),
    ("Het waren er 1.408.", [1408]),
    ("In 2017, 650 mantelzorgers", [2017, 650]),
    ("31-12-2016", [31, 12, 2016]),
    # period labels and ordinals
    ("2018-H1", [2018, 1]),
    ("H2-2017", [2017, 2]),
    ("Q4 2017", [4, 2017]),
    ("2017-Q4", [2017, 4]),
    ("de eerste helft van 2018", [1, 2018]),
    ("het vierde kwartaal", [4]),
    ("het 1e halfjaar", [1]),
    ("twee toezeggingen en drie plannen", [2, 3]),
    ("één aanbieder", [1]),
    ("een aanbieder", []),
    # identifiers and references
    ("toezegging T2018-063", []),
    ("raadsbrief U18.05063", []),
    ("raadsinformatiebrief T18.11285", []),
    ("bestand 000_2e09650ff663accc.txt", []),
    ("Figuur 3: aantal cliënten", []),
    ("zie tabel 7 en bijlage 2", []),
    ("regels 559-579", []),
    ("pagina 12", []),
    ("volgens de rapportage [1][2]", []),
    ("programma 3 Maatschappelijke ondersteuning", []),
    ("geen getallen hier", []),
])
def test_numbers_in(text: str, expected: list[float]) -> None:
    assert [v for _, v in numbers_in(text)] == pytest.approx(expected)


def test_numbers_in_shown_text() -> None:
    assert numbers_in("Totaal € 275.000, dat is 97% (-1.655)") == [
        ("€ 275.000", 275000.0), ("97%", 97.0), ("-1.655", -1655.0)]


PERIOD = ["2018-H1"]


@pytest.mark.parametrize(("answer", "allowed", "passages", "ungrounded"), [
    # from SQL rows
    ("In de eerste helft van 2018 hadden 1.408 unieke cliënten een indicatie.", [1408], PERIOD, []),
    ("In de eerste helft van 2018 hadden 1.409 unieke cliënten een indicatie.", [1408], PERIOD, ["1.409"]),
    # from a cited passage
    ("Het CJG ontving 234 nieuwe vragen, tegen 206 in het eerste halfjaar van 2017.", [],
     ["Nieuwe vragen CJG: 234 (2017-H1: 206)", "2018-H1", "2017-H1"], []),
    # year not grounded
    ("In 2016 waren het er 1.408.", [1408], PERIOD, ["2016"]),
    # ordinal not grounded: the passages only know the first half
    ("In de tweede helft van 2018 waren het er 1.408.", [1408], PERIOD, ["tweede"]),
    # rounding of the shown decimals
    ("Gemiddeld 12,3 weken.", [12.34], [], []),
    ("Gemiddeld 12,35 weken.", [12.34], [], ["12,35"]),
    ("Ongeveer 1.408 cliënten.", [1407.6], [], []),
    ("Het kost € 99,4 miljoen.", [99_410_000], [], []),
    ("Het kost € 99,5 miljoen.", [99_410_000], [], ["€ 99,5 miljoen"]),
    # percentages may come as fractions; signs are ignored
    ("Dat is 97% binnen de norm.", [0.97], [], []),
    ("Dat is 97% binnen de norm.", [97.0], [], []),
    ("Een daling van 1.655.", [-1655], [], []),
    ("Een daling van -1.655.", [1655], [], []),
    # Dutch notation in passages is parsed the same way
    ("Het tarief is 1,60 per uur.", [], ["tarief € 1,60"], []),
    ("In 2017 waren het er 2.008.", [], ["2017: 2.008 cliënten"], []),
    # identifiers and references in the answer are not checked
    ("Toezegging T2018-063 is afgedaan met raadsbrief U18.05063 (Figuur 3, regels 559-579) [1].", [], [], []),
    # several ungrounded, reported once each in order
    ("Het waren 12 en 13 en weer 12.", [], [], ["12", "13"]),
    ("Geen getallen.", [], [], []),
])
def test_check_grounding(answer: str, allowed: list[float], passages: list[str], ungrounded: list[str]) -> None:
    res = check_grounding(answer, allowed, passages)
    assert res == GroundingResult(ok=not ungrounded, ungrounded=ungrounded)


def test_allowed_values_may_be_messy() -> None:
    # SQL rows hold ints, None, strings and NaN: only real numbers count.
    res = check_grounding("Het waren er 839.", [None, "x", float("nan"), 839, True], [])
    assert res.ok


def test_scales() -> None:
    assert not check_grounding("Het budget is € 275.000.", [275], []).ok
    assert check_grounding("Het budget is € 275.000.", [275], [], scales=(1, 1000)).ok


def test_fast() -> None:
    answer = ("In de eerste helft van 2018 hadden 1.408 unieke cliënten een indicatie voor een maatwerkvoorziening "
              "op grond van de Jeugdwet; in de tweede helft van 2017 waren dat er 1.490 (een daling van 82).")
    passages = ["Figuur 3: aantal unieke cliënten 2017-H2 1.490 2018-H1 1.408 " * 20, "2018-H1", "2017-H2"]
    t0 = time.perf_counter()
    for _ in range(100):
        res = check_grounding(answer, [1408, 1490, -82], passages)
    assert res.ok
    assert (time.perf_counter() - t0) / 100 < 0.01
