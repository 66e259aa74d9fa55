"""Reader mechanisms for layouts of other municipalities' reports (invented places and numbers): merged header
cells in Word and HTML, periods in the rows of a grid with a units row, places and periods in the rows of a
StatLine export, a 'Gemeente' column of values next to Nederland, kind-and-year header words, superscript
footnote marks, two-column page dumps, a total over month columns, shares in brackets on a line of their own,
ragged aligned rows, and toezeggingen as key-value blocks or running text."""

from __future__ import annotations

import docx

from assistant.extract import extract_document
from assistant.extract.cells import parse_cell
from assistant.extract.commitments import find as find_commitments
from assistant.extract.page_columns import find_zones, views
from assistant.ingest.loaders import load_document
from assistant.periods import from_label


def run(lines, name="t.txt", **kw):
    return extract_document(lines, "t", name, **kw)


def one(ext, row, column=None, period=None, scope=None):
    out = [f for f in ext.facts if row in (f.row_path, f.row_label)]
    if column is not None:
        out = [f for f in out if f.column_label == column]
    if period is not None:
        out = [f for f in out if f.period_label == period]
    if scope is not None:
        out = [f for f in out if f.municipality == scope]
    assert len(out) == 1, [(f.row_path, f.column_label, f.period_label, f.municipality) for f in out]
    return out[0]


# ---- loaders keep the grid of merged cells -------------------------------------------------------------

def test_docx_merged_header_cells_keep_their_columns(tmp_path):
    d = docx.Document()
    d.add_paragraph("Tabel 1. Aanvragen per maand, januari tot en met maart 2024")
    t = d.add_table(rows=3, cols=5)
    t.cell(0, 0).merge(t.cell(1, 0)).text = "Onderwerp"
    t.cell(0, 1).merge(t.cell(0, 3)).text = "2024"
    t.cell(0, 4).merge(t.cell(1, 4)).text = "Totaal t/m mrt"
    for j, m in enumerate(["jan", "feb", "mrt"], start=1):
        t.cell(1, j).text = m
    for j, v in enumerate(["Aanvragen bijstand", "41", "37", "44", "122"]):
        t.cell(2, j).text = v
    path = tmp_path / "zeist-kwartaal-2024.docx"
    d.save(path)
    doc = load_document(path)
    assert "Onderwerp\t2024\t\t\tTotaal t/m mrt" in doc.lines
    ext = run(doc.lines, path.name)
    assert one(ext, "Aanvragen bijstand", period="2024-02").value == 37
    total = one(ext, "Aanvragen bijstand", column="Totaal t/m mrt")
    assert total.value == 122 and total.period_label == "2024-Q1"  # January to March: the first quarter


def test_html_colspan_rowspan_and_group_rows(tmp_path):
    html = """<html><head><title>Begroting 2025 | Gemeente Zeist</title></head><body>
    <a href="#main">Ga direct naar de inhoud</a><main id="main"><h2>Wat mag het kosten?</h2>
    <table><tr><th rowspan="2">Taakveld</th><th colspan="2">2025</th></tr>
    <tr><th>Begroting</th><th>Raming</th></tr>
    <tr><th colspan="3">Lasten</th></tr>
    <tr><td>6.3 Inkomensregelingen</td><td>-7.410</td><td>-7.502</td></tr>
    <tr><th colspan="3">Baten</th></tr>
    <tr><td>6.3 Inkomensregelingen</td><td>5.120</td><td>5.180</td></tr></table></main></body></html>"""
    path = tmp_path / "zeist-begroting-2025.html"
    path.write_text(html, encoding="utf-8")
    doc = load_document(path)
    assert doc.lines[0] == "Begroting 2025"  # the skip link is no text of the page
    assert "Taakveld\t2025" in doc.lines and "\tBegroting\tRaming" in doc.lines and "Lasten\t" in doc.lines
    ext = run(doc.lines, path.name)
    f = one(ext, "Baten > 6.3 Inkomensregelingen", column="2025 - Begroting")
    assert f.value == 5120 and f.period_kind == "begroting"


# ---- grids: units row and periods in rows, a Gemeente column, StatLine exports ---------------------------

def test_grid_periods_in_rows_with_units_row_and_empty_cell():
    lines = ["Blad: Indicatoren", "Kerncijfers gemeente Baarle-Nassau 2020-2022",
             "Jaar\tInwoners\tJongeren met jeugdhulp (%)\tTrajecten", "Eenheid\taantal\t%\taantal",
             "2020\t7.012\t9,1", "2021\t7.055\t9,4\t12", "2022\t7.090\t9,9\t15"]
    ext = run(lines, "baarle.xlsx")
    f = one(ext, "Inwoners", period="2021")
    assert f.value == 7055 and f.unit == "aantal"
    assert one(ext, "Jongeren met jeugdhulp (%)", period="2022").unit == "%"
    assert not [f for f in ext.facts if f.period_label == "2020" and "Trajecten" in f.row_path]  # empty: nothing


def test_gemeente_column_of_values_and_of_places():
    bbv = ["Indicator\tEenheid\tPeriode\tGemeente\tNederland", "Jongeren met jeugdhulp\t%\t2023\t10,4\t10,1"]
    ext = run(bbv, "zeist-begroting.html", municipalities=["Zeist"])
    own = one(ext, "Jongeren met jeugdhulp", column="Gemeente")
    assert own.value == 10.4 and own.municipality is None  # the document's own municipality
    assert one(ext, "Jongeren met jeugdhulp", column="Nederland").municipality == "Nederland"
    long = ["Indicator;Periode;Gemeente;Waarde".replace(";", "\t"), "Bijstand\t2022\tZeist\t3,1",
            "Bijstand\t2022\tBunnik\t2,2"]
    ext = run(long, "export.csv", municipalities=["Zeist", "Bunnik"])
    assert one(ext, "Bijstand", scope="Bunnik").value == 2.2


def test_statline_export_places_and_periods_in_rows():
    lines = ["Blad: export", "Kerncijfers; regio's",
             "Regio's\tPerioden\tBijstand (aantal)\tBijstand (per 1 000 inwoners)",
             "Zeist\t2022\t1210\t18,4", "Zeist\t2023*\t1185\t17,9", "Utrecht (PV)\t2023*\t40120\t29,5"]
    ext = run(lines, "statline.csv", municipalities=["Zeist", "Utrecht"])
    f = one(ext, "Bijstand", column="Bijstand (aantal)", period="2023", scope="Zeist")
    assert f.value == 1185 and f.period_kind == "voorlopig"
    rate = one(ext, "Bijstand", column="Bijstand (per 1 000 inwoners)", period="2022")
    assert rate.unit == "per 1.000 inwoners"
    prov = [x for x in ext.facts if x.municipality == "Utrecht (PV)"]
    assert len(prov) == 2  # the province, not the municipality Utrecht
    assert not [x for x in ext.facts if x.raw in ("2022", "2023*")]  # a period cell is never a value


# ---- text layouts ---------------------------------------------------------------------------------------

def test_kind_and_year_header_words_and_superscript_marks():
    lines = ["Tabel 2 Kerncijfers", "Onderwerp 2022 2023 Begroot 2023", "Jeugd",
             "Jongeren met jeugdhulp 412 438² 430", "Jongeren met jeugdbescherming 31 29 -",
             "² Inclusief pgb."]
    ext = run(lines)
    f = one(ext, "Jeugd > Jongeren met jeugdhulp", period="2023", column="2023")
    assert f.value == 438 and f.raw == "438²"
    assert one(ext, "Jeugd > Jongeren met jeugdhulp", column="Begroot 2023").period_kind == "begroting"
    assert parse_cell("1.204¹").value == 1204


TWO_COLUMNS = [
    "Het aantal jongeren met jeugdhulp steeg in        Waarom groeit de jeugdhulp?",
    "Ommen licht, vooral bij de jongste kinderen       De wachtlijsten bij de jeugd-GGZ",
    "en bij gezinnen met opvoedvragen die bij het      werden korter, waardoor jongeren",
    "wijkteam aanklopten.                              sneller in zorg kwamen. Daarnaast",
    "                                                  melden scholen vaker zorgen over",
    "Tabel 1. Jongeren met jeugdhulp                   angst en somberheid bij pubers en",
    "                  2022     2023                   vragen zij om hulp via het team.",
    "0-12 jaar          211      224                   ",
    "12-18 jaar         187      201                   Het wijkteam ziet die vragen ook",
    "Totaal             398      425                   bij de huisartsen terug.",
]


def test_two_column_page_is_read_column_by_column():
    assert find_zones(TWO_COLUMNS)
    left, right = views(TWO_COLUMNS)
    assert left[7].strip() == "0-12 jaar          211      224"
    assert "Waarom groeit" in right[0] and "Ommen" not in right[1]
    ext = run(TWO_COLUMNS, "ommen.txt")
    assert one(ext, "12-18 jaar", period="2023").value == 201
    assert all(f.raw in TWO_COLUMNS[f.line - 1] for f in ext.facts)


def test_aligned_ragged_row_is_not_guessed():
    lines = ["Tabel 3. Kerncijfers", "",
             "                                   2021       2022       2023",
             "Meldingen Veilig Thuis              412        433",
             "Huishoudens met bijstand            611        598        587"]
    ext = run(lines)
    assert not [f for f in ext.facts if "Veilig" in f.row_path]
    assert one(ext, "Huishoudens met bijstand", period="2023").value == 587
    assert ext.figures[0].status == "partly"


def test_total_after_months_and_shares_on_their_own_line():
    lines = ["Tabel 4 Uitstroom", "Reden Q1 2024 Q2 2024", "Werk 61 55", "(44%) (40%)", "Overig 78 83",
             "(56%) (60%)", "", "Tabel 5 Meldingen per maand", "jan feb mrt Totaal", "Meldingen 40 38 45 123"]
    ext = run(lines, default_period=from_label("2024"))
    share = [f for f in ext.facts if f.row_label == "Werk" and f.period_label == "2024-Q2" and f.unit == "%"]
    assert share and share[0].value == 40 and share[0].raw == "(40%)"
    total = one(ext, "Meldingen", column="Totaal")
    assert total.value == 123 and total.period_label == "2024-Q1"  # January to March of the report's year


# ---- toezeggingen ---------------------------------------------------------------------------------------

def test_toezeggingen_as_key_value_blocks_and_running_text():
    kv = ["Toezeggingen 2024", "Nummer:\tT24.07", "Datum vergadering:\t12 maart 2024",
          "Onderwerp:\tMantelzorg", "Toezegging:\tDe wethouder stuurt een overzicht van de respijtzorg.",
          "Stand van zaken:\tIn voorbereiding.", "Status:\tloopt", ""]
    (c,) = find_commitments(kv, "d", "d.docx", None)
    assert c.number == "T24.07" and c.status == "loopt" and c.text.startswith("Mantelzorg: De wethouder")
    text = ["6 Toezeggingen", "", "Toezegging 2024-011 (raad, 4 april 2024): het college zou de wachttijden",
            "", "voor schuldhulp onderzoeken. Stand van zaken: het onderzoek is gereed. Deze toezegging is",
            "", "afgedaan.", ""]
    (d,) = find_commitments(text, "d", "d.txt", None)
    assert d.number == "2024-011" and d.status == "afgedaan" and d.made_on == "raad, 4 april 2024"


# ---- web pages saved as text: one cell per block (layouts of real begroting and jaarverslag sites) ------------

def cells(*items: str) -> list[str]:
    out: list[str] = []
    for it in items:
        out += it.split("\n") + [""]
    return out


def test_cell_per_line_ragged_rows_are_not_put_under_the_last_year():
    lines = cells("Verplichte beleidsindicatoren", "Omschrijving", "2019", "2020", "2021", "2022",
                  "Personen met bijstandsuitkering per 1.000 inwoners", "21,4", "20,9", "20,1", "19,8",
                  "% Kinderen in armoede", "3,12", "% Jongeren met jeugdhulp", "8,8", "9,1", "9,4")
    ext = run(lines, "zeist.txt")
    assert one(ext, "Personen met bijstandsuitkering per 1.000 inwoners", period="2021").value == 20.1
    assert not [f for f in ext.facts if "armoede" in f.row_path or "jeugdhulp" in f.row_path]
    assert ext.figures[0].status == "partly"


def test_cell_per_line_row_numbers_and_kind_columns():
    lines = cells("Beleidsindicatoren", "Indicator", "Werkelijk\n2022", "Werkelijk\n2023", "Begroting\n2024",
                  "Streefwaarde", "1", "Banen (21)", "702,1", "710,4", "715,0", "730,0",
                  "2", "Netto arbeidsparticipatie (24)", "67,2", "68,0", "n.n.b.", "70,0")
    ext = run(lines, "zeist.txt")
    f = one(ext, "Banen", column="Werkelijk 2023")
    assert f.value == 710.4 and f.period_kind == "realisatie"
    assert one(ext, "Netto arbeidsparticipatie", column="Begroting 2024").status == "n.n.b."
    assert not [x for x in ext.facts if x.raw in ("1", "2")]  # row numbers are no values


def test_cell_per_line_peiljaar_nederland_size_class_and_own_municipality():
    lines = cells("Indicator", "peiljaar", "NL", "50.000-\n100.000", "Zeist",
                  "Kinderen in uitkeringsgezin", "2022", "6%", "5%", "4%",
                  "Personen met een bijstandsuitkering (per 10.000 inwoners)", "2023", "431,2", "352,0", "261,9")
    ext = run(lines, "zeist.txt", municipalities=["Zeist"])
    own = one(ext, "Personen met een bijstandsuitkering (per 10.000 inwoners)", scope="Zeist")
    assert own.value == 261.9 and own.period_label == "2023"
    assert one(ext, "Kinderen in uitkeringsgezin", scope="Nederland").raw == "6%"
    size = [f for f in ext.facts if f.municipality == "Gemeenten 50.000-100.000 inwoners"]
    assert len(size) == 2  # the size class is a place of its own, never the document's municipality


def test_cell_per_line_money_table_kinds_over_years_and_group_labels():
    lines = cells("Wat gaat dit kosten?", "Rekening", "Begroting", "Begroting", "(x € 1.000)", "2022", "2023",
                  "2024", "Lasten", "6.3", "Inkomensregelingen", "-9.210", "-9.540", "-9.880",
                  "Baten", "6.3", "Inkomensregelingen", "6.120", "6.300", "6.410")
    ext = run(lines, "zeist.txt")
    f = one(ext, "Baten > 6.3 Inkomensregelingen", period="2023")
    assert f.value == 6300 and f.period_kind == "begroting" and f.unit == "€ x 1000"


def test_repeated_row_labels_under_lasten_baten_saldo_are_no_page_furniture():
    block = ["1A Ondersteuning thuis", "{}", "{}", "1B Jeugd en gezin", "{}", "{}"]
    lines = cells("Wat heeft het gekost", "Rekening 2022", "Rekening 2023", "Lasten:",
                  *[b.format(v) for b, v in zip(block, ["", "4.120", "4.310", "", "7.210", "7.550"], strict=True)],
                  "Baten:", "1A Ondersteuning thuis", "310", "295", "1B Jeugd en gezin", "1.020", "990",
                  "Saldo:", "1A Ondersteuning thuis", "-3.810", "-4.015", "1B Jeugd en gezin", "-6.190", "-6.560")
    ext = run(lines, "zeist.txt")
    f = one(ext, "Saldo > 1B Jeugd en gezin", column="Rekening 2023")
    assert f.value == -6560 and f.measure == "geld"  # no unit printed: an amount, never a count


def test_waarvan_rows_are_parts_of_the_row_above():
    lines = ["Leerplicht\tSchooljaar 2021/2022\tSchooljaar 2022/2023", "Meldingen relatief verzuim\t1.310\t1.402",
             "waarvan luxe verzuim\t201\t233", "Absoluut verzuimers\t9\t12"]
    ext = run(lines, "zeist.html")
    f = one(ext, "Meldingen relatief verzuim > waarvan luxe verzuim", period="2022/2023")
    assert f.value == 233
    assert one(ext, "Absoluut verzuimers", period="2022/2023").row_path == "Absoluut verzuimers"


def test_unit_column_in_a_pdf_dump_and_a_kind_header_wrapped_over_two_lines():
    lines = ["Monitor werk en inkomen 2022 | Gemeente Zeist", "", "Tabel 2 Bijstand, 2020-2022", "",
             "Onderwerp Eenheid 2020 2021 2022", "", "Bijstandsuitkeringen aantal 512 498 530", "",
             "Bijstand per 1.000 inwoners 12,4 12,0 12,9", "", "Jongeren zonder startkwalificatie % 1,4 1,1 1,5",
             "", "Tabel 3 Lasten sociaal domein 2022 (bedragen x € 1.000)", "Begroting na Rekening Verschil",
             "wijziging", "Lasten", "Jeugd 8.120 8.604 484-", "Wmo 6.330 6.101 229"]
    ext = run(lines, "zeist-monitor-2022.txt")
    f = one(ext, "Bijstand", period="2021")
    assert f.value == 12.0 and f.unit == "per 1.000 inwoners"
    assert one(ext, "Jongeren zonder startkwalificatie", period="2022").unit == "%"
    b = one(ext, "Lasten > Jeugd", column="Begroting na wijziging")
    assert b.value == 8120 and b.period_kind == "begroting" and b.period_label == "2022"
    assert one(ext, "Lasten > Wmo", column="Verschil").period_kind == "afwijking"
