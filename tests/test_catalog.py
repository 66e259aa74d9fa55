"""Catalog detection on the bundled reports, the municipality list and catalog.toml overrides."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from assistant.ingest.catalog import (
    detect_document_info,
    find_municipalities,
    load_catalog_overrides,
    load_municipalities,
)
from assistant.ingest.loaders import load_document
from assistant.records import LoadedDocument

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _info(name: str, overrides: dict | None = None):
    return detect_document_info(load_document(CORPUS / name), "abc", overrides)


def test_municipality_list_complete():
    names = load_municipalities()
    assert len(names) == 342
    assert len(set(names)) == len(names)
    for n in ("Lansingerland", "Hendrik-Ido-Ambacht", "'s-Gravenhage", "Súdwest-Fryslân", "Dijk en Waard",
              "Voorne aan Zee", "Maashorst", "Land van Cuijk"):
        assert n in names


def test_find_municipalities_aliases_and_common_words():
    text = ("In H-I-Ambacht en Den Haag. Het beste voorbeeld: de buren putten moed. "
            "De Lansingerlandse Standaard geldt in Lansingerland. De gemeente Best doet mee.")
    counts = find_municipalities(text)
    assert counts["Hendrik-Ido-Ambacht"] == 1
    assert counts["'s-Gravenhage"] == 1
    assert counts["Lansingerland"] == 2
    assert counts["Best"] == 1
    assert "Buren" not in counts and "Putten" not in counts


def test_000_halfjaarrapportage():
    info = _info("000_2e09650ff663accc.txt")
    assert info.municipality == "Lansingerland"
    assert info.period_label == "2018-H1"
    assert info.period_start == date(2018, 1, 1) and info.period_end == date(2018, 6, 30)
    assert info.kind == "halfjaarrapportage"
    assert "Lansingerland" in info.title and "2018" in info.title
    assert not info.title.lower().startswith("samenvatting")
    assert info.n_lines == 1282 and info.doc_id == "abc"


def test_002_monitor():
    info = _info("002_61aac246e16c3ff2.txt")
    assert info.kind == "monitor"
    assert info.period_label == "2016"
    assert "Drechtsteden" in info.title


def test_003_bijlage():
    info = _info("003_d7f3ff3f3f59d1aa.txt")
    assert info.municipality == "Lansingerland"
    assert info.kind == "bijlage"
    assert info.period_label is not None and info.period_label.startswith("2018")


def test_004_jaarverslag():
    info = _info("004_ee1055797fdda912.txt")
    assert info.municipality == "Lansingerland"
    assert info.period_label == "2017"
    assert info.kind == "jaarverslag"
    assert "Programma 3" in info.title


def test_generic_title_is_composed():
    lines = ["Inleiding", "", "Deze jaarrapportage sociaal domein 2019 van de gemeente Zoetermeer beschrijft "
             "wat wij in 2019 deden. In 2019 steeg het aantal cliënten in Zoetermeer."]
    info = detect_document_info(LoadedDocument("z.txt", "z.txt", lines), "z")
    assert info.kind == "jaarrapportage"
    assert info.municipality == "Zoetermeer"
    assert info.period_label == "2019"
    assert info.title == "Jaarrapportage sociaal domein Zoetermeer, 2019"


def test_bundled_catalog_toml():
    overrides = load_catalog_overrides(CORPUS)
    assert set(overrides) >= {"000_2e09650ff663accc.txt", "002_61aac246e16c3ff2.txt",
                              "003_d7f3ff3f3f59d1aa.txt", "004_ee1055797fdda912.txt"}
    info = _info("002_61aac246e16c3ff2.txt", overrides["002_61aac246e16c3ff2.txt"])
    assert info.municipality == "Drechtsteden"
    assert info.period_label == "2016"
    for name, fields in overrides.items():
        info = _info(name, fields)
        assert info.title == fields["title"] and info.period_label == fields["period"]


def test_override_file(tmp_path):
    (tmp_path / "catalog.toml").write_text(
        '["rapport.txt"]\ntitle = "Mijn titel"\nperiod = "2017-Q4"\nkind = "raadsbrief"\n'
        '["ander.txt"]\nperiod = "geen periode"\n',
        encoding="utf-8",
    )
    overrides = load_catalog_overrides(tmp_path)
    assert overrides["ander.txt"] == {}  # an invalid period is dropped, not fatal
    doc = LoadedDocument("rapport.txt", "rapport.txt", ["Tekst over Lansingerland in 2018."])
    info = detect_document_info(doc, "r", overrides["rapport.txt"])
    assert info.title == "Mijn titel" and info.kind == "raadsbrief"
    assert info.period_label == "2017-Q4" and info.period_end == date(2017, 12, 31)
    assert info.municipality == "Lansingerland"


@pytest.mark.parametrize("content", [None, "dit is [geen toml"])
def test_missing_or_broken_catalog(tmp_path, content):
    if content is not None:
        (tmp_path / "catalog.toml").write_text(content, encoding="utf-8")
    assert load_catalog_overrides(tmp_path) == {}


def test_quarter_report_gets_its_quarter_not_the_year():
    lines = ["Kwartaalrapportage sociaal domein Oudewater", "Derde kwartaal 2019", "",
             "In 2019 kwamen er meer aanvragen dan in 2018. Over heel 2019 verwachten wij een stijging."]
    info = detect_document_info(LoadedDocument("q.txt", "q.txt", lines), "abc")
    assert info.period_label == "2019-Q3"
    assert (info.period_start, info.period_end) == (date(2019, 7, 1), date(2019, 9, 30))
    short = LoadedDocument("k.txt", "k.txt", ["Rapportage Q4 2018 Wmo", "tekst over 2018 en 2019"])
    assert detect_document_info(short, "abc").period_label == "2018-Q4"
    # a year report that mentions a quarter in passing keeps its year
    plain = LoadedDocument("j.txt", "j.txt", ["Jaarverslag 2017", "In het vierde kwartaal van 2017 daalde het aantal."])
    assert detect_document_info(plain, "abc").period_label == "2017"


def test_a_quarter_in_a_table_header_does_not_make_the_report_quarterly():
    lines = ["Tussenrapportage sociaal domein 2024 (tot en met september)",
             "Tabel 1. Prestaties, cumulatief",
             "Indicator\tt/m Q1\tt/m Q2\tt/m Q3\tt/m Q3 2023",
             "Wmo-meldingen\t402\t815\t1.236\t1.174"]
    info = detect_document_info(LoadedDocument("epe-tussenrapportage.docx", "epe-tussenrapportage.docx", lines), "x")
    assert info.period_label == "2024"


def test_an_interim_report_named_in_its_title_is_no_budget():
    lines = ["Voortgangsrapportage sociaal domein eerste halfjaar 2024",
             "Onderdeel\tBegroting 2024\tRealisatie t/m juni\tPrognose 2024",
             "Jeugdhulp\t4.220\t2.110\t4.575"]
    info = detect_document_info(LoadedDocument("epe-voortgang.txt", "epe-voortgang.txt", lines), "x")
    assert info.kind == "tussenrapportage" and info.period_label == "2024-H1"
