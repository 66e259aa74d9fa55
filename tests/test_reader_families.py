"""Table families of the reader on small invented tables (other places, other numbers than the fixtures):
spreadsheet group rows, ragged spanning headers, cumulative and difference columns, space-aligned stacked
and spanning headers with text columns, unaligned stacked headers of a PDF text layer, wrapped row labels."""

from __future__ import annotations

from assistant.extract import extract_document
from assistant.extract.aligned import find_slots, segments, stack_header
from assistant.extract.columns import header_period, interpret
from assistant.extract.headers import stack_words
from assistant.extract.lines import classify_line
from assistant.extract.paths import wrapped_label_role
from assistant.periods import half, quarter


def run(lines: list[str], name: str = "t.txt", **kw):
    return extract_document(lines, "t", name, **kw)


def facts_by(ext, row, column=None, period=None):
    out = [f for f in ext.facts if row in (f.row_path, f.row_label)]
    if column:
        out = [f for f in out if f.column_label == column]
    if period:
        out = [f for f in out if f.period_label == period]
    return out


# ---- spreadsheets: group label rows, counts that look like years ------------------------------------

SHEET = [
    "Blad: Overzicht",
    "Kerncijfers sociaal domein gemeente Elburg, 2021-2023",
    "Onderwerp\tEenheid\t2021\t2022\t2023",
    "Wmo",
    "Cliënten met hulpmiddelen\taantal\t1.712\t1987\t2034",
    "Cliënten met begeleiding\taantal\t402\t415\tn.b.",
    "Werk en inkomen",
    "Huishoudens in de bijstand\taantal\t311\t298\t305",
    "Bron: eigen registratie.",
]


def test_spreadsheet_group_rows_and_year_like_counts():
    ext = run(SHEET, "elburg.xlsx", municipalities=["Elburg"])
    (f,) = facts_by(ext, "Wmo > Cliënten met hulpmiddelen", column="2022")
    assert f.value == 1987 and f.period_label == "2022"  # a count under a year column, not a period
    (g,) = facts_by(ext, "Werk en inkomen > Huishoudens in de bijstand", period="2023")
    assert g.value == 305
    (nb,) = facts_by(ext, "Cliënten met begeleiding", period="2023")
    assert nb.value is None and nb.status == "n.b."
    assert len(ext.facts) == 9


def test_spreadsheet_first_row_of_year_like_counts_is_data():
    lines = ["Blad: Data", "Onderwerp\t2021\t2022\t2023", "Hulpmiddelen\t1903\t1968\t2011", "Scootmobielen\t88\t91\t95"]
    ext = run(lines, "data.xlsx")
    (f,) = facts_by(ext, "Hulpmiddelen", period="2023")
    assert f.value == 2011


def test_title_between_two_sheets_tables_is_no_group_row():
    lines = ["Blad: Data", "Onderwerp\t2022\t2023", "Pleegzorg\t31\t35", "Gezinshuizen", "Onderwerp\t2022\t2023",
             "Plaatsingen\t4\t6"]
    ext = run(lines, "data.xlsx")
    assert not [f for f in ext.facts if f.value in (2022.0, 2023.0)]


def test_a_unit_line_under_the_title_is_not_the_title():
    lines = ["Blad: Pleegzorg", "Pleeggezinnen naar soort plaatsing", "Eenheid: aantal gezinnen op 31 december", "",
             "Soort\t2021\t2022", "Netwerkpleegzorg\t41\t44", "Bestandspleegzorg\t63\t59"]
    ext = run(lines, "pleeg.xlsx")
    f = facts_by(ext, "Netwerkpleegzorg", period="2022")[0]
    assert f.value == 44.0
    fig = next(g for g in ext.figures if g.figure_id == f.figure_id)
    assert "Pleeggezinnen naar soort plaatsing" in f"{fig.title} {fig.label}"


# ---- grid: header rows that lost their spans ----------------------------------------------------------

RAGGED = [
    "Tabel 5. Uitstroom uit de bijstand",
    "",
    "Onderwerp\t2023\t2024",
    "1e halfjaar\t2e halfjaar\t1e halfjaar",
    "Instroom\t51\t47\t56",
    "Uitstroom\t60\t58\t49",
]


def test_ragged_spanning_grid_header():
    ext = run(RAGGED, "t.html")
    got = {f.period_label: f.value for f in facts_by(ext, "Instroom")}
    assert got == {"2023-H1": 51, "2023-H2": 47, "2024-H1": 56}


# ---- periods: cumulative columns and difference columns ----------------------------------------------

def test_year_to_date_columns():
    assert header_period("t/m juni 2024") == half(2024, 1)
    assert header_period("Realisatie t/m maart 2024") == quarter(2024, 1)
    assert interpret("Realisatie t/m juni 2024").period_kind == "realisatie"
    assert interpret("Verwachte realisatie 2024").period_kind == "raming"


def test_difference_column_takes_the_period_of_the_column_before_it():
    lines = ["Tabel 2. Meldingen, cumulatief", "",
             "Onderwerp\tHeel 2023\tt/m juni 2023\tt/m juni 2024\tVerschil",
             "Meldingen Wmo\t1.840\t902\t950\t48",
             "Aanvragen jeugdhulp\t610\t301\t322\t21"]
    ext = run(lines, "t.html")
    (v,) = facts_by(ext, "Meldingen Wmo", column="Verschil")
    assert v.period_label == "2024-H1" and v.period_kind == "afwijking" and v.value == 48
    assert facts_by(ext, "Meldingen Wmo", column="t/m juni 2023")[0].period_label == "2023-H1"


# ---- space-aligned dumps: positions -------------------------------------------------------------------

ALIGNED_STACKED = [
    "Tabel 3. Kerncijfers Oldebroek",
    "",
    "                                                                               Afwijking",
    "                                          Realisatie    Prognose  Realisatie      t.o.v.",
    "                                                2023        2024        2024    prognose",
    "",
    "Kinderen met jeugdhulp in een                    845         860         871          11",
    "gezinshuis",
    "Kinderen met ambulante jeugd-",
    "hulp                                           2.310       2.400       2.388         -12",
    "Volwassenen met begeleiding                      612         600         640          40",
    "Inwoners met een vervoers-                       977           -         950           -",
    "voorziening",
    "",
    "Bron: eigen registratie.",
]


def test_aligned_three_line_header_and_wrapped_labels():
    ext = run(ALIGNED_STACKED)
    (a,) = facts_by(ext, "Kinderen met jeugdhulp in een gezinshuis", column="Afwijking t.o.v. prognose")
    assert a.value == 11 and a.period_label == "2024" and a.period_kind == "afwijking" and a.line == 7
    (b,) = facts_by(ext, "Kinderen met ambulante jeugdhulp", column="Prognose 2024")
    assert b.value == 2400 and b.period_kind == "raming" and b.line == 10
    (c,) = facts_by(ext, "Inwoners met een vervoersvoorziening", column="Prognose 2024")
    assert c.value is None and c.status == "-"
    assert len(ext.facts) == 16


ALIGNED_MUNIS = [
    "Tabel 4. Beleidsindicatoren",
    "",
    "Indicator                        Eenheid               Periode              Nunspeet   Regio Noord    Nederland",
    "                                                                                          Veluwe",
    "",
    "Jongeren met jeugdhulp           % 0-17 jaar           2023                     11,2         10,9         10,1",
    "Bijstandsuitkeringen             per 10.000 inwoners   1e halfjaar 2024        201,4        240,8        318,5",
    "Jongeren met jeugdreclassering   % 12-22 jaar          2022                      0,2            -          0,3",
]


def test_aligned_municipality_columns_with_unit_and_period_columns():
    ext = run(ALIGNED_MUNIS, municipalities=["Nunspeet"])
    (r,) = facts_by(ext, "Bijstandsuitkeringen", column="Regio Noord Veluwe")
    assert r.value == 240.8 and r.period_label == "2024-H1" and r.municipality == "Regio Noord Veluwe"
    assert r.unit.startswith("per 10.000 inwoners")
    (n,) = facts_by(ext, "Jongeren met jeugdhulp", column="Nederland")
    assert n.municipality == "Nederland" and n.unit == "%" and n.period_label == "2023"
    assert not [f for f in ext.facts if f.value in (2022.0, 2023.0)]  # the Periode column holds no values
    assert len(ext.facts) == 9


ALIGNED_SPAN = [
    "Tabel 6. Jeugd in Hattem en Nederland",
    "",
    "                                          Hattem                 Nederland",
    "                                      2022    2023    2024    2022    2023    2024",
    "",
    "Jongeren met jeugdhulp (%)            10,4    10,9    11,3     9,8    10,0    10,1",
    "Jongeren met jeugdbescherming (%)      0,7     0,8     0,8     1,0     1,0     0,9",
]


def test_aligned_spanning_header_over_repeated_years():
    ext = run(ALIGNED_SPAN, municipalities=["Hattem"])
    (h,) = [f for f in facts_by(ext, "Jongeren met jeugdhulp (%)", period="2023") if f.municipality == "Hattem"]
    assert h.value == 10.9
    (nl,) = [f for f in facts_by(ext, "Jongeren met jeugdhulp (%)", period="2024") if f.municipality == "Nederland"]
    assert nl.value == 10.1


def test_stack_header_positions():
    header = ["            Heerde              Epe", "        2023     2024     2023     2024"]
    slots = find_slots([segments("Cliënten     10       11       12       13")[1:]])
    heads = stack_header([segments(t) for t in header], slots, 0)
    assert [(h.parent, h.text) for h in heads] == [("Heerde", "2023"), ("Heerde", "2024"), ("Epe", "2023"),
                                                   ("Epe", "2024")]


def test_aligned_header_line_is_not_prose():
    assert classify_line(0, "                          Realisatie   Begroting     t.o.v.").kind != "prose"


# ---- PDF text layer: header words one space apart over several lines ---------------------------------

def test_stack_words():
    def incomplete(parts):
        t = " ".join(parts)
        return header_period(t) is None and "verschil" not in t.lower()

    head, cols = stack_words(["Onderdeel Begroting Realisatie Verwachte Verwacht", "2024 t/m juni realisatie verschil",
                              "2024 2024"], 4, incomplete)
    assert head == "Onderdeel"
    assert [c.replace("\n", " ") for c in cols] == ["Begroting 2024", "Realisatie t/m juni 2024",
                                                    "Verwachte realisatie 2024", "Verwacht verschil"]


PDF_STACKED = [
    "Tabel 2. Wmo-voorzieningen Brummen",
    "Voorziening Realisatie Realisatie Prognose",
    "2023 1e halfjaar 2024",
    "2024",
    "Hulp bij het huishouden, 512 301 530",
    "basis",
    "Hulp bij het huishouden,",
    "plus 88 47 90",
    "Rolstoelen 120 64 -",
    "* voorlopig.",
]


def test_pdf_stacked_header_and_wrapped_labels():
    ext = run(PDF_STACKED)
    (a,) = facts_by(ext, "Hulp bij het huishouden, basis", column="Realisatie 1e halfjaar 2024")
    assert a.value == 301 and a.period_label == "2024-H1" and a.line == 5
    (b,) = facts_by(ext, "Hulp bij het huishouden, plus", column="Prognose 2024")
    assert b.value == 90 and b.period_kind == "raming" and b.line == 8
    assert facts_by(ext, "Rolstoelen", column="Prognose 2024")[0].value is None
    assert len(ext.facts) == 9


PDF_PERIOD_ROWS = [
    "Tabel 1. Gebruik, 2022 - 1e halfjaar 2024",
    "Periode Jongeren met Bijstands-",
    "jeugdhulp uitkeringen",
    "2022 640 310",
    "2023 655 298",
    "1e halfjaar 2024 512* 291",
    "* voorlopig.",
]


def test_pdf_periods_in_rows_with_stacked_measure_header():
    ext = run(PDF_PERIOD_ROWS)
    got = {(f.row_label, f.period_label): (f.value, f.period_kind) for f in ext.facts}
    assert got[("Jongeren met jeugdhulp", "2024-H1")] == (512, "voorlopig")
    assert got[("Bijstandsuitkeringen", "2022")] == (310, None)
    assert len(ext.facts) == 6


# ---- wrapped labels ----------------------------------------------------------------------------------

def test_wrapped_label_role():
    assert wrapped_label_role("verblijf", "Jongeren met jeugdhulp zonder", None) == "continue"
    assert wrapped_label_role("Inwoners met begeleiding of", "Inwoners met hulp", "dagbesteding") == "start"
    assert wrapped_label_role("Baten", "Totaal lasten", "Rijksbijdrage BUIG") == "heading"
    assert wrapped_label_role("Lasten", None, "Jeugdhulp") == "heading"
    assert wrapped_label_role("Wmo", "Cliënten met een maatwerkarrangement", None, more_rows=False) == "continue"
    # a long first line between two rows is a broken label; a short one is a heading
    assert wrapped_label_role("Cliënten met een maatwerkarrangement", "Jongeren met jeugdhulp",
                              "Wmo (per 10.000 inwoners)", width=38) == "start"
    assert wrapped_label_role("Intensieve hulp", "Jongeren met jeugdhulp", "Aantal inwoners met een voorziening",
                              width=60) == "heading"


MISALIGNED = [
    "Tabel 7. Kerncijfers",
    "",
    "                                                                         Afwijking",
    "                                          Realisatie   Prognose   Realisatie    t.o.v.",
    "                                                2023       2024         2024  prognose",
    "",
    "Kinderen met jeugdhulp                         845        860          871        11",
    "Volwassenen met begeleiding                    612        600          640        40",
]


def test_header_over_the_wrong_column_stores_no_facts():
    ext = run(MISALIGNED)
    assert not [f for f in ext.facts if f.period_kind == "afwijking" and f.value in (871.0, 640.0)]
    assert not [f for f in ext.facts if f.column_label.startswith("t.o.v.")]


def test_first_row_label_broken_above_its_values():
    lines = ["Tabel 8. Maatregelen in Putten", "", "Soort Realisatie 2023 Prognose 2024", "Jeugdbeschermings- en jeugd-",
             "reclasseringsmaatregelen 61 64", "Pleegzorg 30 33", ""]
    ext = run(lines)
    (f,) = facts_by(ext, "Jeugdbeschermings- en jeugdreclasseringsmaatregelen", column="Prognose 2024")
    assert f.value == 64 and f.line == 5


def test_total_row_closes_its_group():
    lines = ["Tabel 9. Lasten en baten Ermelo (x € 1.000)", "", "Onderdeel Begroting 2024 Rekening 2024", "Lasten",
             "Jeugdhulp 9.120 9.480", "Totaal lasten 9.120 9.480", "Baten", "Rijksbijdrage 2.010 2.100",
             "Totaal baten 2.010 2.100", "Saldo 7.110 7.380", ""]
    ext = run(lines)
    assert facts_by(ext, "Baten > Rijksbijdrage", column="Rekening 2024")[0].value == 2100
    (s,) = facts_by(ext, "Saldo", column="Rekening 2024")
    assert s.row_path == "Saldo" and s.unit == "€ x 1000"


# ---- families first met in the tuned-i reports (invented here with other places and numbers) ----------

def _read_file(path):
    """A file as a user uploads it: loader, catalog (municipality, period) and reader with the place names."""
    from assistant.ingest.catalog import detect_document_info, load_municipalities
    from assistant.ingest.loaders import load_document
    from assistant.periods import from_label

    doc = load_document(path)
    info = detect_document_info(doc, "t", None)
    return extract_document(doc.lines, "t", doc.file_name, doc.pages, municipalities=load_municipalities(),
                            default_period=from_label(info.period_label) if info.period_label else None,
                            cell_refs=doc.cell_refs)


def test_a_place_column_in_a_long_export_names_each_rows_municipality(tmp_path):
    path = tmp_path / "oosterhout-export-sociaal-domein.csv"
    path.write_text("Export kerncijfers sociaal domein\n\nIndicator;Gemeente;Eenheid;2022;2023\n"
                    "Bijstandsuitkeringen;Oosterhout;per 1.000 inwoners;31,2;30,4\n"
                    "Bijstandsuitkeringen;Breda;per 1.000 inwoners;44,0;43,1\n"
                    "Bijstandsuitkeringen;Nederland;per 1.000 inwoners;37,5;36,9\n", encoding="utf-8")
    ext = _read_file(path)
    got = {(f.municipality or "Oosterhout", f.value) for f in facts_by(ext, "Bijstandsuitkeringen", period="2023")}
    assert got == {("Oosterhout", 30.4), ("Breda", 43.1), ("Nederland", 36.9)}


def test_the_first_year_of_begroting_en_meerjarenraming_is_the_budget():
    lines = ["Wat mag het kosten?", "Bedragen x € 1.000",
             "Omschrijving\tBegroting en meerjarenraming", "\t2026\t2027\t2028",
             "Lasten\t8.100\t8.250\t8.300", "Baten\t1.200\t1.200\t1.150"]
    ext = run(lines, "b.html")
    kinds = {f.period_label: f.period_kind for f in facts_by(ext, "Lasten")}
    assert kinds == {"2026": "begroting", "2027": "raming", "2028": "raming"}


def test_a_difference_under_a_year_and_a_use_of_budget_column_take_the_half_beside_them():
    lines = ["Tabel 4. Besteding", "", "Onderwerp\tBegroting 2025\tRealisatie t/m juni 2025\tUitputting",
             "Jeugdhulp\t12.400\t6.820\t55%", "Wmo\t8.000\t3.760\t47%"]
    ext = run(lines, "m.docx")
    f = facts_by(ext, "Jeugdhulp", column="Uitputting")[0]
    assert f.period_label == "2025-H1" and f.value == 55.0


def test_a_province_heads_a_column_in_a_cell_per_line_indicator_table(tmp_path):
    cells = ["Indicator", "peiljaar", "NL", "Overijssel", "Raalte",
             "Banen (per 1.000 inwoners 15-64 jaar)", "2022", "790,1", "801,4", "655,0",
             "Werkloze jongeren (%)", "2021", "2%", "1%", ".",
             "Jongeren met jeugdhulp (%)", "2023", "12,5%", "11,0%", "10,4%",
             "Kinderen in uitkeringsgezin (%)", "2021", "6%", "4%", "3%"]
    path = tmp_path / "raalte-jaarverslag-2023-sociaal-domein.txt"
    path.write_text("Jaarverslag 2023 gemeente Raalte\n\nWat hebben we bereikt?\n\nDe cijfers komen van "
                    "waarstaatjegemeente.nl; de kolom peiljaar geeft het jaar van het cijfer.\n\n"
                    + "".join(f"{c}\n\n" for c in cells), encoding="utf-8")
    ext = _read_file(path)
    rows = [f for f in ext.facts if f.row_label.startswith("Kinderen in uitkeringsgezin")]
    assert {(f.municipality or "Raalte", f.value) for f in rows} == {("Nederland", 6.0), ("Overijssel", 4.0),
                                                                      ("Raalte", 3.0)}
    assert all(f.period_label == "2021" for f in rows)


# ---- one cell per line, one row per block (a web table saved as text) --------------------------------

BLOCK_ROWS = [
    "Kengetallen werk en inkomen",
    "",
    "Kengetal",
    "Eenheid",
    "2022",
    "2023",
    "Provincie 2023",
    "Bron",
    "",
    "Uitkeringen Participatiewet",
    "per 1.000 inwoners 18+",
    "41,2",
    "39,8",
    "33,5",
    "CBS",
    "",
    "Uitstroom naar werk",
    "aantal",
    "118",
    "131",
    "n.b.",
    "eigen registratie",
    "",
    "Trajecten schuldhulp",
    "aantal",
    "64",
    "eigen registratie",
    "",
    "Uitkeringen per 1.000 inwoners daalden licht.",
]


def test_block_rows_are_read_as_a_grid_and_a_short_block_is_left_out():
    ext = run(BLOCK_ROWS, municipalities=["Elburg"])
    (a,) = facts_by(ext, "Uitstroom naar werk", period="2023", column="2023")
    assert a.value == 131 and a.line == 20 and a.municipality in (None, "Elburg")  # None: the document's own
    (u,) = facts_by(ext, "Uitkeringen Participatiewet", period="2022")
    assert u.value == 41.2 and u.unit.startswith("per 1.000 inwoners")
    assert not facts_by(ext, "Trajecten schuldhulp")  # three cells under five columns: not placed
    (fig,) = ext.figures
    assert fig.status == "partly"


# ---- a space-aligned row with text columns after its values -------------------------------------------

TRAILING_TEXT = [
    "Tabel 3 Cliënten per kwartaal",
    "",
    "                                     Q1 2024  Q2 2024  Q3 2024   Trend",
    "Cliënten met begeleiding                 512      530      541   stijgend",
    "Cliënten met huishoudelijke hulp         904      899      n.b.  onbekend",
    "Jongeren met jeugdhulp                 1.120    1.104    1.097   licht dalend",
    "",
]


def test_aligned_rows_with_a_trailing_text_column():
    ext = run(TRAILING_TEXT, municipalities=["Elburg"])
    (b,) = facts_by(ext, "Cliënten met begeleiding", period="2024-Q3")
    assert b.value == 541
    assert len([f for f in ext.facts if f.row_label.startswith("Jongeren")]) == 3
    assert not [f for f in ext.facts if "stijgend" in str(f.raw) or "dalend" in str(f.raw)]


def test_prose_with_wide_gaps_is_no_row():
    line = classify_line(0, "Het  aantal  daalde  naar  309,9  per  10.000  inwoners  van  18  jaar  en  ouder.")
    assert line.kind != "row"


# ---- accounting brackets, a bare Regio column, a year-to-date column without its year ------------------

ACCOUNTING = [
    "Tabel 5 Wat heeft het gekost? (bedragen x € 1.000)",
    "                         Rekening    Begroting    Rekening    Verschil",
    "                             2023         2024        2024",
    "Jeugd                      11.204       10.950      11.630       (680)",
    "Wmo                         8.410        8.700       8.515         185",
    "Saldo                     (19.614)     (19.650)    (20.145)       (495)",
]


def test_negative_amounts_in_accounting_brackets_are_values_of_their_own():
    ext = run(ACCOUNTING, municipalities=["Elburg"])
    (v,) = facts_by(ext, "Jeugd", column="Verschil")
    assert v.value == -680
    (s,) = facts_by(ext, "Saldo", column="Rekening 2024")
    assert s.value == -20145


def test_value_with_its_earlier_value_in_brackets_stays_one_cell():
    from assistant.extract.cells import split_row

    row = split_row("Jeugdteam 310 (288) 92 (97)")
    assert [c.value for c in row.cells] == [310, 92]


REGION_COLUMN = [
    "Tabel 1 Kerngegevens",
    "Indicator                              Elburg   Regio²   Nederland",
    "Jongeren met jeugdhulp (%)               11,2     10,4        12,9",
    "Jongeren met jeugdbescherming (%)         0,8      0,9         1,1",
    "² Regio = het gemiddelde van de gemeenten in de regio Noord-Veluwe.",
]


def test_a_bare_regio_column_is_the_region_named_in_its_footnote():
    ext = run(REGION_COLUMN, municipalities=["Elburg"])
    (r,) = facts_by(ext, "Jongeren met jeugdhulp", column="Regio²") or facts_by(ext, "Jongeren met jeugdhulp (%)",
                                                                                column="Regio²")
    assert r.value == 10.4 and r.municipality == "Noord-Veluwe"
    own = [f for f in ext.facts if f.value == 11.2]
    assert own and own[0].municipality == "Elburg"


def test_place_with_its_year_as_column_header():
    col = interpret("Nederland 2023", None, 2024, holds_values=True)
    assert col.municipality == "Nederland" and col.period.label == "2023"


def test_year_to_date_column_without_its_year_takes_the_reports_year():
    assert header_period("Realisatie t/m 30 juni", 2024) == half(2024, 1)


def test_stacked_words_put_periods_under_the_kinds_that_lack_one():
    from assistant.extract.columns import header_period as hp
    from assistant.extract.columns import kind_of

    def incomplete(parts):
        t = " ".join(parts)
        return kind_of(t) != "afwijking" and hp(t, None) is None

    _head, cols = stack_words(["Jaarrekening Raming Raming 2024 Jaarrekening Verschil",
                               "2023 2024 oorspronkelijk na wijziging 2024"], 5, incomplete)
    assert [" ".join(c.split()) for c in cols] == ["Jaarrekening 2023", "Raming 2024 oorspronkelijk",
                                                   "Raming 2024 na wijziging", "Jaarrekening 2024", "Verschil"]


RULE_LINE = [
    "Tabel 4 Prognose 2024 (bedragen x € 1.000)",
    "                          Begroting    Prognose",
    "Domein                         2024        2024",
    "Jeugd                         9.210       9.640",
    "Wmo                           6.005       5.870",
    "---------------------------------------------",
    "Totaal                       15.215      15.510",
]


def test_a_rule_line_above_the_total_row_stays_inside_the_table():
    ext = run(RULE_LINE, municipalities=["Elburg"])
    (t,) = facts_by(ext, "Totaal", column="Prognose 2024")
    assert t.value == 15510 and t.period_kind == "raming"


def test_a_bracketed_unit_under_a_row_continues_its_label():
    ext = run([
        "Indicator                         Elburg   Nederland",
        "Personen met een bijstandsuitkering  201,4     352,0",
        "(per 10.000 inwoners 18+)",
        "Jongeren met jeugdhulp (%)            10,2      12,9",
    ], municipalities=["Elburg"])
    (j,) = [f for f in ext.facts if f.value == 10.2]
    assert "per 10.000" not in j.row_path


# ---- dot leaders, tables side by side, a cell stream without blank lines, suppressed small counts -----------

DOT_LEADERS = [
    "Tabel 2.1 Voorzieningen (aantal)",
    "Onderwerp 2022 2023",
    "Hulp bij het huishouden ........................ 2.104 2.230",
    "Woningaanpassingen .............................. 118 97",
    "Inleiding .......................................... 3",
]


def test_dot_leaders_between_label_and_values_are_a_gap():
    ext = run(DOT_LEADERS, municipalities=["Elburg"])
    (w,) = facts_by(ext, "Woningaanpassingen", period="2023")
    assert w.value == 97
    assert not [f for f in ext.facts if f.row_label.startswith("Inleiding")]  # a contents line stays no row


SIDE_BY_SIDE = [
    "Tabel 3a Jeugd                                  Tabel 3b Wmo",
    "",
    "Periode             Jeugdigen   Nieuwe          Periode             Cliënten   Meldingen",
    "1e kwartaal 2024        1.210      140          1e kwartaal 2024       4.402         310",
    "2e kwartaal 2024        1.232      151          2e kwartaal 2024       4.415         296",
    "3e kwartaal 2024        1.240      133          3e kwartaal 2024       4.431         301",
    "",
    "Beide tabellen tonen de stand aan het eind van het kwartaal, met de instroom in dat kwartaal erbij.",
]


def test_two_tables_side_by_side_are_read_one_by_one():
    ext = run(SIDE_BY_SIDE, municipalities=["Elburg"])
    jeugd = [f for f in ext.facts if f.period_label == "2024-Q2" and "Jeugdigen" in f"{f.row_label}{f.column_label}"]
    assert [f.value for f in jeugd] == [1232]
    wmo = [f for f in ext.facts if f.period_label == "2024-Q3" and "Meldingen" in f"{f.row_label}{f.column_label}"]
    assert [f.value for f in wmo] == [301]
    assert len(ext.figures) == 2


CELL_STREAM = [
    "Uitgaven per beleidsveld (bedragen x € 1.000)",
    "Beleidsveld",
    "Begroting 2024",
    "Rekening 2024",
    "V/N",
    "Lasten",
    "Jeugd",
    "31.200",
    "32.050",
    "N",
    "Wmo",
    "22.400",
    "21.980",
    "V",
    "Participatie",
    "8.100",
    "V",
    "Totaal lasten",
    "61.700",
    "62.030",
    "N",
    "V = voordeel, N = nadeel.",
]


def test_a_cell_stream_without_blank_lines_is_read_row_by_row():
    ext = run(CELL_STREAM, municipalities=["Elburg"])
    (j,) = facts_by(ext, "Lasten > Jeugd", column="Rekening 2024") or facts_by(ext, "Jeugd", column="Rekening 2024")
    assert j.value == 32050 and j.unit == "€ x 1000" and j.marker == "N" and j.line == 9
    assert not [f for f in ext.facts if f.row_label == "Participatie"]  # two cells under three columns
    (t,) = [f for f in ext.facts if f.row_label == "Totaal lasten" and f.column_label == "Begroting 2024"]
    assert t.value == 61700


def test_a_suppressed_small_count_and_a_programme_number():
    from assistant.extract.cells import parse_cell, split_row

    c = parse_cell("<10")
    assert c is not None and c.value is None and c.status == "<10"
    row = split_row("Saldo programma 4 -119.690 -124.000 1.067")
    assert row.label == "Saldo programma 4" and [c.value for c in row.cells] == [-119690, -124000, 1067]


def test_a_half_year_abbreviated_in_a_period_column():
    from assistant.periods import only_period

    assert only_period("1e hj. 2023").period == half(2023, 1)


TILES = [
    "Kerncijfers werk en zorg 2024",
    "",
    "Inwoners met een uitkering",
    "2.310",
    "▼ 1,8% t.o.v. 2023",
    "Bron: eigen registratie",
    "",
    "Jongeren met jeugdhulp",
    "11,4%",
    "▲ 0,2 procentpunt t.o.v. 2023",
    "Nederland: 12,6%",
    "",
    "Huishoudens met huishoudelijke hulp",
    "1.145",
    "= gelijk aan 2023",
    "",
    "De cijfers komen uit de eigen registratie.",
]


def test_key_figure_tiles_under_a_title_with_their_year():
    ext = run(TILES, municipalities=["Elburg"])
    (u,) = facts_by(ext, "Inwoners met een uitkering", column="2024")
    assert u.value == 2310 and u.period_label == "2024"
    (d,) = [f for f in ext.facts if f.row_label == "Inwoners met een uitkering" and f.period_kind == "afwijking"]
    assert d.value == -1.8 and d.line == 5
    (n,) = facts_by(ext, "Jongeren met jeugdhulp", column="Nederland")
    assert n.value == 12.6 and n.municipality == "Nederland"
    assert not [f for f in ext.facts if f.row_label.startswith("Huishoudens") and f.period_kind == "afwijking"]


def test_tiles_without_a_year_above_them_store_nothing():
    ext = run(["Kerncijfers werk en zorg", ""] + TILES[2:], municipalities=["Elburg"])
    assert not ext.facts


def test_a_toezegging_with_a_plain_number_and_its_meeting_in_brackets():
    ext = run([
        "Toezeggingen",
        "",
        "Toezegging 7 (commissie Zorg, 3 maart 2024): het college onderzoekt een gratis busabonnement voor "
        "minima. Stand van zaken: afgedaan. Het onderzoek is in juni besproken.",
    ], municipalities=["Elburg"])
    (c,) = ext.commitments
    assert c.number == "7" and c.status == "afgedaan" and c.made_on == "commissie Zorg, 3 maart 2024"


# ---- open-data exports, Roman quarters, tables read column by column, cards, a label spanning its rows -------

def test_cbs_period_codes_and_roman_quarters():
    from assistant.periods import only_period, quarter

    assert only_period("2023JJ00").period.label == "2023"
    assert only_period("2024HJ01").period == half(2024, 1)
    assert only_period("2023KW03").period == quarter(2023, 3)
    assert only_period("2023-IV").period == quarter(2023, 4)


def test_an_open_data_export_with_an_id_column_and_a_legend_below():
    ext = run([
        "ID\tRegioS\tRegio\tPerioden\tCliënten (aantal)",
        "0\tGM0001\tElburg\t2022JJ00\t1210",
        "1\tGM0001\tElburg\t2023JJ00\t1275",
        "Perioden\tTitel\tStatus",
        "2022JJ00\t2022\tDefinitief",
        "2023JJ00\t2023\tVoorlopig",
    ], municipalities=["Elburg"])
    got = sorted((f.period_label, f.value) for f in ext.facts)
    assert got == [("2022", 1210.0), ("2023", 1275.0)]
    assert {f.row_label for f in ext.facts} == {"Cliënten"}  # the measure, not the region code


COLUMN_MAJOR = [
    "Tabel 1 Voorzieningen (aantal)",
    "Onderwerp",
    "Hulp bij het huishouden",
    "Begeleiding",
    "Hulpmiddelen",
    "2022",
    "1.104",
    "388",
    "912",
    "2023",
    "1.150",
    "401",
    "n.b.",
    "Bron: eigen registratie.",
]


def test_a_table_that_comes_out_column_by_column():
    ext = run(COLUMN_MAJOR, municipalities=["Elburg"])
    (b,) = facts_by(ext, "Begeleiding", period="2023")
    assert b.value == 401 and b.line == 12
    assert len(ext.facts) == 6


CARDS = [
    "Lasten per onderdeel (bedragen x € 1.000)",
    "Onderdeel: Jeugd",
    "Begroting 2024: 12.400",
    "Rekening 2024: 13.105",
    "Onderdeel: Wmo",
    "Begroting 2024: 9.800",
    "Rekening 2024: 9.655",
    "Het tekort op jeugd komt door hogere tarieven.",
]


def test_a_table_shown_as_cards():
    ext = run(CARDS, municipalities=["Elburg"])
    (j,) = facts_by(ext, "Jeugd", column="Rekening 2024")
    assert j.value == 13105 and j.period_kind == "realisatie" and j.line == 4


SPANNING = [
    "Tabel 5 Lasten en baten per taakveld (bedragen x € 1.000)",
    "                                                 Rekening   Begroting   Rekening",
    "Taakveld                                             2022        2023       2023",
    "6.1 Samenkracht                        Lasten       4.210       4.400      4.388",
    "                                       Baten          310         250        298",
    "6.3 Inkomensregelingen                 Lasten      51.200      52.100     52.944",
    "                                       Baten       40.800      41.000     41.512",
]


def test_a_first_label_printed_once_spans_the_rows_below_it():
    ext = run(SPANNING, municipalities=["Elburg"])
    baten = sorted({f.row_label for f in ext.facts if "Baten" in f.row_label})
    assert baten == ["6.1 Samenkracht Baten", "6.3 Inkomensregelingen Baten"]


def test_a_table_with_wrapped_lower_case_labels_is_no_two_column_page():
    from assistant.extract.page_columns import find_zones

    lines = ["Indicator                        Eenheid                          Periode   Elburg   Nederland", ""]
    for i, (head, tail) in enumerate([("Personen met een bijstands-", "uitkering"),
                                      ("Lopende re-integratie-", "voorzieningen"),
                                      ("Cliënten met een maatwerk-", "arrangement Wmo"),
                                      ("Jongeren met een jeugdhulp-", "traject"),
                                      ("Huishoudens met schuld-", "hulpverlening"),
                                      ("Inwoners met een Wmo-", "voorziening")]):
        lines.append(f"{head:<33}per 10.000 inwoners 18+          2023          41{i},7      34{i},5")
        lines.append(tail)
    assert find_zones(lines) == []


NUMBERED_HEADS = [
    "Tabel 3 Lasten per taakveld (bedragen x € 1.000)",
    "Taakveld                               (1)         (2)         (3)",
    "6.1  Samenkracht                     4.210       4.400       4.388",
    "6.3  Inkomensregelingen             51.200      52.100      52.944",
    "",
    "(1) = Realisatie 2022",
    "(2) = Begroting 2023 na wijziging",
    "(3) = Realisatie 2023",
]


def test_numbered_column_heads_take_their_names_from_the_legend():
    ext = run(NUMBERED_HEADS, municipalities=["Elburg"])
    got = {(f.period_label, f.period_kind): f.value for f in ext.facts if "Inkomensregelingen" in f.row_label}
    assert got == {("2022", "realisatie"): 51200, ("2023", "begroting"): 52100, ("2023", "realisatie"): 52944}


def test_a_difference_against_a_date_takes_the_period_of_the_column_before_it():
    col = interpret("Verschil t.o.v. 30-06-2023", None, 2024, holds_values=True)
    assert col.period_kind == "afwijking" and col.period is None


def test_an_adjustment_column_and_the_budget_after_it():
    assert interpret("Bijstelling", None, 2024, holds_values=True).period_kind == "afwijking"
    assert interpret("Begroting na bijstelling", None, 2024, holds_values=True).period_kind == "begroting"


STAGES_IN_ROWS = [
    "Tabel 4 Lasten per taakveld naar begrotingsfase (bedragen x € 1.000)",
    "",
    "Taakveld                                   6.71               6.72",
    "Begrotingsfase                      Maatwerk 18+       Maatwerk 18-",
    "Rekening 2022                             8.310             10.220",
    "Begroting 2023 na wijziging               9.480             10.935",
    "Rekening 2023                             9.741             11.608",
    "Verschil                                  261 N              673 N",
]


def test_budget_stages_in_the_rows_and_taakvelden_in_the_columns():
    ext = run(STAGES_IN_ROWS, municipalities=["Elburg"])
    got = {(f.period_label, f.period_kind): f.value for f in ext.facts if f.row_label.startswith("6.72")}
    assert got[("2022", "realisatie")] == 10220 and got[("2023", "begroting")] == 10935
    assert got[("2023", "afwijking")] == 673


def test_amounts_in_millions_in_every_cell_and_cumulative_quarters():
    from assistant.extract.cells import parse_cell

    c = parse_cell("€ -57,0 mln")
    assert c.value == -57.0 and c.unit == "€ x 1000000"
    assert header_period("Q1-Q3", 2024).label == "2024-01-01..2024-09-30"


def test_a_group_of_cities_is_its_own_scope():
    assert interpret("G4", None, 2023, holds_values=True).municipality == "G4"
    assert interpret("Gemiddelde G40", None, 2023, holds_values=True).municipality == "Gemiddelde G40"


def test_a_long_export_with_a_subject_and_a_status_column(tmp_path):
    # one value per line: the Onderwerp cell is the measure, the Gemeente cell the scope, the Periode cell the
    # period and a Status cell "voorlopig" makes the figure provisional ("geheim" goes with a withheld value)
    path = tmp_path / "epe-kerncijfers-export.csv"
    path.write_text("Gemeente;Onderwerp;Eenheid;Periode;Waarde;Status\n"
                    "Epe;Bijstandsuitkeringen;per 1.000 inwoners;2022;28,1;definitief\n"
                    "Epe;Bijstandsuitkeringen;per 1.000 inwoners;2023;27,4;voorlopig\n"
                    "Heerde;Bijstandsuitkeringen;per 1.000 inwoners;2022;19,9;definitief\n"
                    "Heerde;Bijstandsuitkeringen;per 1.000 inwoners;2023;.;geheim\n"
                    "Epe;Jongeren met jeugdhulp;%;2023;11,3;definitief\n", encoding="utf-8")
    ext = _read_file(path)
    got = {(f.row_label, f.municipality, f.period_label, f.period_kind): f.raw for f in ext.facts}
    assert got[("Bijstandsuitkeringen", "Epe", "2023", "voorlopig")] == "27,4"
    assert got[("Bijstandsuitkeringen", "Epe", "2022", None)] == "28,1"
    assert got[("Bijstandsuitkeringen", "Heerde", "2023", None)] == "."
    assert got[("Jongeren met jeugdhulp", "Epe", "2023", None)] == "11,3"
    assert {f.column_label for f in ext.facts} == {"Waarde"}  # the Status column holds no figures


WRAPPED_QUALIFIER = [
    "Lasten per taakveld (bedragen x € 1.000)",
    "",
    "Taakveld                          Begroting 2023   Realisatie 2023",
    "6.71 Maatwerkdienstverlening              4.100             4.377",
    "     18+",
    "6.72 Maatwerkdienstverlening              3.200             3.418",
    "     18-",
    "6.81 Geëscaleerde zorg 18+                  950               912",
    "",
]


def test_an_indented_qualifier_line_ends_the_label_of_the_row_above():
    ext = run(WRAPPED_QUALIFIER, municipalities=["Epe"])
    rows = {f.row_label for f in ext.facts}
    assert rows == {"6.71 Maatwerkdienstverlening 18+", "6.72 Maatwerkdienstverlening 18-",
                    "6.81 Geëscaleerde zorg 18+"}
    assert all(" > " not in f.row_path for f in ext.facts)


def test_one_sheet_per_year_with_quarter_columns(tmp_path):
    # the year stands only in the sheet's name; the columns say "Kwartaal 1" … "Totaal"
    from openpyxl import Workbook

    wb = Workbook()
    for n, (name, rows) in enumerate([("2023", [[31, 28, 30, 33, 122]]), ("2024", [[35, 29, 36]])]):
        ws = wb.active if n == 0 else wb.create_sheet()
        ws.title = name
        ws.append(["Meldingen per kwartaal (aantallen)"])
        ws.append(["Onderwerp", "Kwartaal 1", "Kwartaal 2", "Kwartaal 3", "Kwartaal 4", "Totaal"])
        for r in rows:
            ws.append(["Wmo-meldingen", *r])
    path = tmp_path / "epe-kwartaalmonitor-2024.xlsx"
    wb.save(path)
    got = {(f.period_label, f.value) for f in _read_file(path).facts}
    assert ("2023-Q4", 33.0) in got and ("2023", 122.0) in got and ("2024-Q3", 36.0) in got
    assert not any(p.startswith("2024") and v in (31.0, 122.0) for p, v in got)


def test_the_year_of_each_measurement_in_brackets_in_its_cell():
    ext = run([
        "Indicator\tLaatste meting\tVorige meting\tNederland (laatste meting)",
        "Jongeren met jeugdhulp (%)\t11,9 (2023)\t11,2 (2022)\t12,3 (2023)",
        "Banen per 1.000 inwoners\t706,2 (2024)\t698,5 (2021)\t822,0 (2024)",
    ], "epe-begroting-2025.txt", municipalities=["Epe"])
    got = {(f.row_label, f.column_label): (f.raw, f.period_label) for f in ext.facts}
    assert got[("Jongeren met jeugdhulp (%)", "Laatste meting")] == ("11,9", "2023")
    assert got[("Banen per 1.000 inwoners", "Vorige meting")] == ("698,5", "2021")
    assert len(ext.facts) == 6  # the bracketed years are no figures of their own


def test_numbered_taakveld_rows_with_several_values_are_no_table_of_contents():
    lines = [
        "Lasten per taakveld (bedragen x € 1.000)",
        "",
        "Taakveld                                  Begroting 2024   Realisatie 2024    Per inwoner",
        "6.4 Begeleide participatie                         6.120             6.045            122",
        "6.5 Arbeidsparticipatie                            2.480             2.391             48",
        "6.6 Maatwerkvoorzieningen (Wmo)                    1.960             2.104             42",
        "6.71 Maatwerkdienstverlening 18+                  12.870            13.602            274",
        "6.72 Maatwerkdienstverlening 18-                  14.200            15.933            321",
        "",
    ]
    ext = run(lines, municipalities=["Epe"])
    assert {f.row_label for f in ext.facts} >= {"6.6 Maatwerkvoorzieningen (Wmo)", "6.72 Maatwerkdienstverlening 18-"}
    per = [f for f in ext.facts if f.column_label == "Per inwoner"]
    assert per and all(f.unit == "€ per inwoner" for f in per)


def test_a_province_with_its_measure_heads_its_own_column():
    col = interpret("Zeeland per inwoner", None, 2024, holds_values=True)
    assert col.municipality == "Zeeland" and col.unit == "€ per inwoner"


def test_age_bands_as_columns_in_a_single_spaced_header():
    ext = run([
        "Tabel 5.2 Jeugdigen met een voorziening naar leeftijd, 2023",
        "Vorm van hulp 0–11 jaar 12–17 jaar 18–22 jaar Totaal",
        "Jeugdhulp zonder verblijf 410 522 81 1.013",
        "Jeugdhulp met verblijf 22 47 11 80",
        "Jeugdreclassering n.v.t. 19 7 26",
        "Een jeugdige kan meer dan één vorm van hulp hebben.",
    ], municipalities=["Epe"])
    got = {(f.row_label, f.column_label): (f.value, f.period_label) for f in ext.facts}
    assert got[("Jeugdhulp met verblijf", "12–17 jaar")] == (47.0, "2023")
    assert got[("Jeugdhulp zonder verblijf", "Totaal")] == (1013.0, "2023")


def test_a_running_page_header_inside_a_table_is_no_group():
    ext = run([
        "Tabel 5.4 Lasten (bedragen x € 1.000)",
        "Onderdeel Begroting 2023 Realisatie 2023",
        "Hulp bij het huishouden 2.050 2.377",
        "Begeleiding 3.420 3.288",
        "12",
        "Gemeente Epe  ·  Jaarverslag 2023  ·  Sociaal domein",
        "Jeugdhulp met verblijf 2.500 2.729",
        "Totaal lasten 7.970 8.394",
        "",
    ], municipalities=["Epe"])
    assert {f.row_path for f in ext.facts if f.raw == "2.729"} == {"Jeugdhulp met verblijf"}


def test_months_in_the_rows_with_a_running_total_after_each_measure():
    ext = run([
        "Tabel 1. Instroom per maand en cumulatief, 2024",
        "Maand\tWmo-meldingen\tCumulatief\tSchuldhulp\tCumulatief",
        "januari\t101\t101\t12\t12",
        "februari\t96\t197\t15\t27",
        "maart\t110\t307\t11\t38",
    ], "epe-kwartaalrapportage-q1-2024.txt", municipalities=["Epe"])
    got = {(f.row_path, f.period_label): f.value for f in ext.facts}
    assert got[("Wmo-meldingen", "2024-02")] == 96
    assert got[("Wmo-meldingen > Cumulatief", "2024-Q1")] == 307  # January to March
    assert got[("Schuldhulp > Cumulatief", "2024-01-01..2024-02-29")] == 27


def test_one_word_groups_over_repeated_years_in_a_single_spaced_header():
    ext = run([
        "Tabel 3.1 Inwoners met jeugdhulp en Wmo per kern (stand 31 december)",
        "Jeugd Wmo",
        "Kern 2022 2023 2022 2023",
        "Epe-dorp 512 548 1.284 1.352",
        "Vaassen 298 311 702 739",
        "Gemeente Epe 810 859 1.986 2.091",
    ], municipalities=["Epe"])
    got = {(f.row_label, f.column_label): f.value for f in ext.facts}
    assert got[("Vaassen", "Wmo - 2023")] == 739 and got[("Epe-dorp", "Jeugd - 2022")] == 512


def test_percentages_written_as_a_word_and_a_province_column():
    ext = run([
        "Onderwerp\tEpe\tProvincie Gelderland\tNederland",
        "Jongeren met jeugdhulp\t12,4 procent\t11,9 procent\t11,6 procent",
        "Huishoudens met problematische schulden\t6 procent\t5 procent\t4 procent",
    ], "epe-monitor-2024.txt", municipalities=["Epe"])
    got = {(f.row_label, f.column_label): (f.value, f.unit, f.municipality) for f in ext.facts}
    assert got[("Jongeren met jeugdhulp", "Provincie Gelderland")] == (11.9, "%", "Provincie Gelderland")
    assert got[("Huishoudens met problematische schulden", "Epe")][:2] == (6.0, "%")


def test_the_label_column_printed_on_the_right():
    ext = run([
        "2021/2022\t2022/2023\t2023/2024\tOnderwerp",
        "4.412\t4.388\t4.351\tLeerplichtige jongeren",
        "6\t4\t7\tAbsoluut verzuimers",
        "214\t236\t261\tMeldingen relatief verzuim",
    ], municipalities=["Epe"])
    got = {(f.row_label, f.period_label): f.value for f in ext.facts}
    assert got[("Absoluut verzuimers", "2023/2024")] == 7 and got[("Leerplichtige jongeren", "2021/2022")] == 4412


def test_an_index_column_and_footnote_letters():
    ext = run([
        "Indicator\t2022\t2023\tIndex (2020=100)",
        "Jeugdigen met jeugdhulp\t402\t418\t110",
        "Cliënten beschermd wonen\t31\t37\t123",
        "",
        "Taakveld\tBegroting 2024\tBegroting 2025",
        "Inkomensregelingen\t7.412 a)\t7.650",
        "Maatwerkdienstverlening 18+\t9.100\t9.870 b)",
    ], municipalities=["Epe"])
    idx = [f for f in ext.facts if f.column_label.startswith("Index")]
    assert {(f.period_label, f.unit) for f in idx} == {("2023", "index")}
    got = {(f.row_label, f.column_label): f.value for f in ext.facts}
    assert got[("Inkomensregelingen", "Begroting 2024")] == 7412 and got[("Maatwerkdienstverlening 18+", "Begroting 2025")] == 9870


def test_estimates_margins_a_rank_column_and_a_province_with_its_year():
    margins = run([
        "Uitkomsten gezondheidsmonitor 2024 (percentage inwoners van 18 jaar en ouder)",
        "Onderwerp\tEpe\tGelderland\tNederland",
        "Is ernstig eenzaam\t12 ± 2\t11 ± 1\t11",
        "Geeft mantelzorg\t17 ± 2\t15 ± 1\t14",
    ], "epe-monitor-2024.txt", municipalities=["Epe"]).facts
    f = next(f for f in margins if f.row_label == "Is ernstig eenzaam" and f.column_label == "Epe")
    assert f.value == 12 and f.unit == "%"
    ranked = run(["Rang\tDorp\tHuishoudens\tAandeel laag inkomen", "1\tVaassen\t1.720\t15,2%",
                  "2\tEmst\t1.390\t14,1%", "\tEpe (totaal)\t11.600\t10,4%"], municipalities=["Epe"]).facts
    assert {f.row_label for f in ranked} == {"Vaassen", "Emst", "Epe (totaal)"}
    areas = run(["Onderwerp\tEpe 2024\tDrenthe 2024\tNederland 2024",
                 "Huishoudens met bijstand (%)\t4,2\t4,6\t4,0"], municipalities=["Epe"]).facts
    assert next(f for f in areas if f.column_label == "Drenthe 2024").municipality == "Drenthe"
    estimates = run(["Regeling\tDoelgroep (huishoudens)\tGebruik 2024", "Kindpakket\tca. 520\t361",
                     "Meedoenregeling\tca. 1.150\t587"], municipalities=["Epe"]).facts
    assert next(f for f in estimates if f.raw == "ca. 1.150").value == 1150


def test_counts_beside_amounts_with_the_years_in_the_rows():
    ext = run([
        "Tabel 4.1 Gebruik en lasten per wet, 2020–2023 (aantal cliënten op 31 december;",
        "lasten x € 1.000)",
        "Wmo Jeugdwet",
        "Jaar Cliënten Lasten Jeugdigen Lasten",
        "2022 1.530 7.498 644 8.412",
        "2023 1.597 8.031 672 9.184",
    ], municipalities=["Epe"])
    got = {(f.row_path, f.period_label): f.unit for f in ext.facts}
    assert got[("Wmo - Cliënten", "2023")] == "aantal" and got[("Jeugdwet - Lasten", "2023")] == "€ x 1000"


def test_a_header_at_the_foot_of_a_page_and_its_rows_on_the_next():
    ext = run([
        "Tabel 3.2  Nieuw beleid (bedragen x € 1.000)",
        "",
        "                                   Incidenteel  Structureel  Structureel",
        "Maatregel                                 2025         2025         2026",
        "",
        "",
        "                                     Programma 3 Sociaal domein  -  pagina 42",
        "Programmabegroting 2025                                       Gemeente Epe",
        "",
        "Schuldhulpmaatjes                           45           60           60",
        "Jeugdconsulenten op de scholen             120          210          210",
        "Totaal                                     165          270          270",
    ], municipalities=["Epe"])
    got = {(f.row_label, f.column_label): f.value for f in ext.facts}
    assert got[("Jeugdconsulenten op de scholen", "Structureel 2026")] == 210


def test_a_note_below_the_table_dates_a_column_without_a_period():
    ext = run([
        "Regeling\tDoelgroep (huishoudens)\tGebruik 1e halfjaar 2024\tBereik 2023",
        "Kindpakket\tca. 520\t361\t66%",
        "Meedoenregeling\tca. 1.150\t587\t47%",
        "Doelgroep = geschat aantal huishoudens met recht op de regeling (peildatum 1 januari 2024). Bereik = gebruik"
        " gedeeld door de doelgroep.",
    ], "epe-halfjaarrapportage-2024.txt", municipalities=["Epe"],
        default_period=__import__("assistant.periods", fromlist=["half"]).half(2024, 1))
    got = {(f.row_label, f.column_label): f.period_label for f in ext.facts}
    assert got[("Kindpakket", "Doelgroep (huishoudens)")] == "2024"
    assert got[("Kindpakket", "Gebruik 1e halfjaar 2024")] == "2024-H1"


def test_a_single_spaced_header_of_capitalised_names_and_a_kern_named_like_a_municipality():
    ext = run([
        "Tabel 5.1 Gebruik voorzieningen per kern, stand 31 december 2023",
        "Kern Inwoners Wmo-cliënten Jeugdigen met jeugdhulp Huishoudens met bijstand",
        "Epe 22.140 1.512 598 402",
        "Vaassen 5.830 402 161 88",
        "Emst 4.910 318 139 61",
        "Oosterhout 3.020 176 97 29",
        "Wissel 2.640 171 74 22",
        "Gemeente Epe 38.540 2.579 1.069 602",
        "Bron: eigen registratie.",
    ], municipalities=["Epe"])
    got = {(f.row_label, f.column_label): f for f in ext.facts}
    assert got[("Vaassen", "Jeugdigen met jeugdhulp")].value == 161
    assert got[("Oosterhout", "Huishoudens met bijstand")].municipality is None  # a kern of Epe, not Oosterhout


def test_last_year_and_this_year_in_a_report_over_three_quarters():
    from assistant.periods import quarter

    ext = run([
        "Tabel 1 Aantallen januari tot en met september",
        "Onderwerp\tVorig jaar\tDit jaar\tVerschil",
        "Wmo-meldingen\t1.186\t1.294\t+108",
    ], "epe-kwartaalrapportage-q3-2024.txt", municipalities=["Epe"], default_period=quarter(2024, 3))
    got = {f.column_label: f.period_label for f in ext.facts}
    assert got == {"Vorig jaar": "2023-01-01..2023-09-30", "Dit jaar": "2024-01-01..2024-09-30",
                   "Verschil": "2024-01-01..2024-09-30"}


def test_a_budget_after_amendment_named_without_the_word_begroting():
    assert interpret("Na wijziging 2023", None, 2023, holds_values=True).period_kind == "begroting"
    assert interpret("Primitief 2023", None, 2023, holds_values=True).period_kind == "begroting"
