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


def test_ten_beleidsaccenten_as_key_value_tables():
    ext = extraction("003_d7f3ff3f3f59d1aa.txt")
    kv = {f.label: f for f in ext.figures if f.layout == "keyvalue"}
    budgets = {f.row_label: f for f in ext.facts if f.figure_id in {g.figure_id for g in kv.values()}}
    assert len(kv) == len(EXPECTED_PLANS)
    for name, _ref, inzet, budget in EXPECTED_PLANS.values():
        fact = next(f for n, f in budgets.items() if n.lower() == name.lower())
        assert fact.value == budget and fact.column_label == "Inzet" and inzet[:4] in fact.raw.lower()
    first = next(f for f in kv.values() if f.label == "Elk kind een kans")
    assert (first.line_start, first.line_end) == (48, 52)  # the fields; the heading above names the block
    assert sum(f.value for f in budgets.values() if "zwaar" in f.raw.lower()) == 645000


def test_key_value_blocks_need_a_repeated_schema():
    one = ["ONS ACCENT", "", "Doelgroep Iedereen", "", "Plan Samen sterk (T19.12345)", "", "Inzet Midden (€ 12.500)"]
    assert not [f for f in extract_document(one, "x", "x.txt").figures if f.layout == "keyvalue"]
    two = one + ["", "Tekst.", "", "TWEEDE ACCENT", "", "Doelgroep Jongeren", "", "Plan Sterk (T19.1)", "",
                 "Inzet Licht (€ 2.000)"]
    facts = extract_document(two, "x", "x.txt").facts
    assert {(f.row_label, f.value) for f in facts} == {("Ons accent", 12500), ("Tweede accent", 2000)}
