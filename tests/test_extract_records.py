"""Commitments (toezeggingen), document references and beleidsaccent plans from the sample reports."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from assistant.extract import extract_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@cache
def extraction(name: str):
    lines = (CORPUS / name).read_text(encoding="utf-8").split("\n")
    return extract_document(lines, name[:3], name)


def test_commitments_with_fulfilment():
    c = {x.number: x for x in extraction("000_2e09650ff663accc.txt").commitments}
    assert set(c) == {"T2018-063", "T2018-064", "T2018-065"}
    assert c["T2018-063"].text == "Voortaan wordt in de rapportages informatie over jonggehandicapten meegenomen."
    assert "T18.11285" in c["T2018-063"].fulfilment and "werken aan werk" in c["T2018-063"].fulfilment
    assert (c["T2018-063"].line_start, c["T2018-063"].line_end) == (19, 30)
    assert c["T2018-064"].text.startswith("De rapportages voor het half jaar")
    assert c["T2018-064"].fulfilment.startswith("De opzet van de tabellen")
    assert c["T2018-065"].fulfilment.startswith("In paragraaf 2.2 op pagina 10")
    assert c["T2018-065"].line_end == 53  # the caption "Figuur 1: ..." is not part of it


def test_commitment_status_when_stated():
    lines = ["T2020-001", "Wij sturen de raad een brief.", "", "Brief verstuurd op 1 mei.", "", "Afgedaan", "",
             "Figuur 1: toezeggingen"]
    (c,) = extract_document(lines, "x", "x.txt").commitments
    assert c.status == "Afgedaan" and c.fulfilment == "Brief verstuurd op 1 mei." and c.line_end == 6


def test_document_references():
    refs = extraction("000_2e09650ff663accc.txt").references
    got = {(r.ref, r.line) for r in refs}
    assert {("T18.11285", 25), ("T18.11285", 176), ("T18.06663", 178), ("T18.06663", 281), ("U18.05063", 391),
            ("U18.08064", 1141), ("T18.01114", 1277)} == got
    u = next(r for r in refs if r.ref == "U18.05063")
    assert u.sentence == "In raadsbrief U18.05063 hebben wij de oorzaken en maatregelen die wij nemen toegelicht."
    plan_refs = {r.ref for r in extraction("003_d7f3ff3f3f59d1aa.txt").references}
    assert {"T17.08515", "T17.11683", "T18.04122"} <= plan_refs


EXPECTED_PLANS = {
    1: ("Elk kind een kans", "T17.08515", "zwaar", 275000),
    2: ("Geen kind in de knel", "T17.08229", "zwaar", 135000),
    3: ("De leraar trekt aan de bel", "T17.11924", "middel", 110000),
    4: ("Pubers in de spotlights", "T17.40104", "zwaar", 150000),
    5: ("Lansingerland houdt eenzamen aan boord", "T17.10117", "middel", 65000),
    6: ("Werken aan Werk", "T17.06336", "middel", 50000),
    7: ("Grip op geld", "T17.10209", "zwaar", 85000),
    8: ("Intergenerationeel wonen met passende woningen", "T17.09489", "licht", 30000),
    9: ("Oog voor mantelzorgers en vrijwilligers", "T17.11683", "licht", 80000),
    10: ("Voorkomen zorgmijding door stapeling van lasten", "T18.04122", "middel", 188000),
}


def test_ten_beleidsaccenten():
    plans = {p.accent_no: p for p in extraction("003_d7f3ff3f3f59d1aa.txt").plans}
    assert set(plans) == set(EXPECTED_PLANS)
    for n, (name, ref, inzet, budget) in EXPECTED_PLANS.items():
        p = plans[n]
        assert (p.name, p.plan_ref, p.inzet, p.budget) == (name, ref, inzet, budget)
    assert plans[1].target_group == "Kinderen uit gezinnen met een lage SES"
    assert plans[5].target_group.startswith("Alle (volwassen) eenzamen")
    assert plans[8].plan_name == "Langer (T)huis"
    assert (plans[1].line_start, plans[1].line_end) == (46, 52)
    assert sum(p.budget for p in plans.values() if p.inzet == "zwaar") == 645000


def test_inzet_midden_is_normalised():
    lines = ["ONS ACCENT", "", "Doelgroep Iedereen", "", "Plan Samen sterk (T19.12345)", "", "Inzet Midden (€ 12.500)"]
    (p,) = extract_document(lines, "x", "x.txt").plans
    assert p.inzet == "middel" and p.budget == 12500 and p.plan_ref == "T19.12345" and p.name == "Ons accent"
