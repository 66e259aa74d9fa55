"""Each table layout on small invented reports (other wording, other places): the rules are general."""

from __future__ import annotations

from assistant.extract import extract_document
from assistant.periods import half, year


def run(text: str, **kw):
    return extract_document(text.split("\n"), "t", "t.txt", **kw)


def facts_by(ext, row, period=None, column=None, municipality=None):
    out = [f for f in ext.facts if row in (f.row_path, f.row_label)]
    if period:
        out = [f for f in out if f.period_label == period]
    if column:
        out = [f for f in out if f.column_label == column]
    if municipality:
        out = [f for f in out if f.municipality == municipality]
    return out


STACKED = """In de figuur hieronder staat het aantal cliënten per halfjaar.

2019 2020 2021

H1 H2 H1 H2 H1

Jeugd

Jeugdhulp3 310 325 331 340 352

Wmo 12 14 15 15 16

Volwassenen

Bijstand 1.201 1.188 1.150 1.132 1.120

Totaal
1.523 1.527 1.496 1.487 1.488

Figuur 2: cliënten per wet (bron: Suite)

3 Inclusief jongeren tot 23 jaar met verlengde jeugdhulp.
"""


def test_stacked_period_rows_with_groups_and_total_on_next_line():
    ext = run(STACKED)
    assert [f.label for f in ext.figures] == ["Figuur 2"]
    (f,) = facts_by(ext, "Jeugd > Jeugdhulp", "2021-H1")
    assert f.value == 352 and f.line == 9 and f.raw == "352"
    assert facts_by(ext, "Volwassenen > Bijstand", "2019-H2")[0].value == 1188
    (t,) = facts_by(ext, "Totaal", "2020-H2")
    assert t.value == 1487 and t.line == 18
    assert ext.figures[0].source_note == "bron: Suite"


def test_row_with_wrong_number_of_values_is_skipped():
    ext = run(STACKED.replace("Wmo 12 14 15 15 16", "Wmo 12 14 15 16"))
    assert not facts_by(ext, "Jeugd > Wmo")
    assert facts_by(ext, "Jeugd > Jeugdhulp", "2019-H1")[0].value == 310


BROKEN_HEADERS = """Het aantal trajecten per halfjaar staat hieronder.

H1
2019

H2
2019

H1
2020

1. Ouderen 40 44 50

Wmo 30 34 38

Overig 10 10 12

2. Jongeren 20 22 25

Eindtotaal 60 66 75

Tabel 4: trajecten
"""


def test_header_broken_over_lines_and_enumerated_sum_groups():
    ext = run(BROKEN_HEADERS)
    assert facts_by(ext, "Ouderen", "2020-H1")[0].value == 50
    assert facts_by(ext, "Ouderen > Wmo", "2019-H2")[0].value == 34
    assert facts_by(ext, "Ouderen > Overig", "2020-H1")[0].value == 12
    assert facts_by(ext, "Jongeren", "2019-H1")[0].value == 20
    assert ext.figures[0].label == "Tabel 4"


FINANCIAL = """Wat heeft het gekost?

Beleidsveld: Zorg bedragen x €1000
Rekening 2019 Begroting 2020 na wijziging Rekening 2020 Verschil 2020
Lasten 1.200 1.350 1.310 40
Baten 300 - 280 -20
Saldo -900 -1.050 -1.030 20
"""


def test_financial_table():
    ext = run(FINANCIAL)
    fig = ext.figures[0]
    assert fig.unit == "€ x 1000" and fig.scale == 1000 and fig.title == "Beleidsveld: Zorg"
    (f,) = facts_by(ext, "Saldo", column="Begroting 2020 na wijziging")
    assert f.value == -1050 and f.period_kind == "begroting" and f.period_label == "2020" and f.unit == "€ x 1000"
    (d,) = facts_by(ext, "Baten", column="Begroting 2020 na wijziging")
    assert d.value is None and d.status == "-"
    assert facts_by(ext, "Baten", column="Verschil 2020")[0].period_kind == "afwijking"


KEYFIGS = """Kengetallen

Begroting 2020 Resultaat 2020
Jeugd
Preventie
Deelname aan activiteiten
- sport 200 kind 240 kind
- cultuur 100 kind nnb
Bereik consultatiebureau 95% 97%
Werk en inkomen
Aantal uitkeringen eind van het jaar
410 398
"""


def test_key_figure_list():
    ext = run(KEYFIGS)
    (f,) = facts_by(ext, "Jeugd > Preventie > Deelname aan activiteiten > sport", column="Resultaat 2020")
    assert f.value == 240 and f.unit == "kinderen" and f.period_kind == "realisatie"
    (n,) = facts_by(ext, "cultuur", column="Resultaat 2020")
    assert n.value is None and n.status == "nnb"
    assert facts_by(ext, "Jeugd > Preventie > Bereik consultatiebureau", column="Begroting 2020")[0].unit == "%"
    (u,) = facts_by(ext, "Werk en inkomen > Aantal uitkeringen eind van het jaar", column="Resultaat 2020")
    assert u.value == 398 and u.line == 12


TABBED = """Wachttijden, 2e halfjaar 2019

\tBergdam\t\tVeldhoven-aan-Zee\t\tNederland\t
\taantal\t%\taantal\t%\taantal\t%
aanvragen\t120\t4,5\t1.300\t5,1\t95.000\t4,9
geweigerd\t-\t-\t40\t0,2\t2.100\t0,1
verhouding\t80:20\t\t70:30\t\t75:25\t

Bron: eigen registratie

De gemeente Bergdam werkt samen met Veldhoven-aan-Zee. In Bergdam en in Veldhoven-aan-Zee stijgt de vraag.

Meldingen, 2019

\tB\tV\ttotaal
meldingen\t12\t30\t42
"""


def test_tabbed_municipality_columns_initials_and_statuses():
    ext = run(TABBED)
    (f,) = facts_by(ext, "aanvragen", municipality="Veldhoven-aan-Zee", column="Veldhoven-aan-Zee - aantal")
    assert f.value == 1300 and f.period_label == "2019-H2" and f.measure == "aantal"
    assert facts_by(ext, "aanvragen", municipality="Nederland", column="Nederland - %")[0].unit == "%"
    (g,) = facts_by(ext, "geweigerd", municipality="Bergdam", column="Bergdam - aantal")
    assert g.value is None and g.status == "-"
    assert all(f.value is None for f in facts_by(ext, "verhouding"))
    (b,) = facts_by(ext, "meldingen", municipality="Bergdam")
    assert b.value == 12 and b.column_label == "B" and b.period_label == "2019"
    assert facts_by(ext, "meldingen", column="totaal")[0].municipality is None


BRACKETS = """Hieronder de activiteiten van de wijkteams in de eerste helft van 2020. Tussen haakjes
staan de cijfers van de eerste helft van 2019.

Nieuwe
aanmeldingen

Afgeronde
trajecten

Wijkteam Noord 120 (98) 40 (35)
•\t Huisarts
Wijkteam Zuid 88 (90) n.b. (20)
•\t School

Figuur 7: wijkteams, eerste halfjaar 2020 (tussen haakjes eerste halfjaar 2019)
"""


def test_bracketed_previous_period_and_broken_headers():
    ext = run(BRACKETS)
    (now,) = facts_by(ext, "Wijkteam Noord", "2020-H1", "Nieuwe aanmeldingen")
    (prev,) = facts_by(ext, "Wijkteam Noord", "2019-H1", "Nieuwe aanmeldingen")
    assert now.value == 120 and prev.value == 98 and prev.raw == "(98)"
    (nb,) = facts_by(ext, "Wijkteam Zuid", "2020-H1", "Afgeronde trajecten")
    assert nb.value is None and nb.status == "n.b."


def test_brackets_without_stated_meaning_keep_only_the_main_value():
    ext = run(BRACKETS.replace("Tussen haakjes\nstaan de cijfers van de eerste helft van 2019.", "")
              .replace(" (tussen haakjes eerste halfjaar 2019)", ""))
    assert {f.period_label for f in ext.facts} == {"2020-H1"}


VERTICAL = """De figuur geeft de activiteiten in de wijk weer.

Thema Activiteit
1e
halfjaar
2020

2019
(gehele
jaar)

Vrijwilligers

•\t Nieuwe vrijwilligers
•\t Vrijwilligers die stopten

40
12

90
305

Schuldhulp
Aantal aanvragen schuldhulp

22 51

Figuur 3: wijkactiviteiten 5

5\t In 2019 zijn minder vrijwilligers gestopt dan verwacht, mede door extra begeleiding.
"""


def test_vertical_lists_and_proven_glued_footnote():
    ext = run(VERTICAL)
    (f,) = facts_by(ext, "Vrijwilligers > Vrijwilligers die stopten", "2019")
    assert f.value == 30 and f.raw == "305"
    assert facts_by(ext, "Vrijwilligers > Nieuwe vrijwilligers", "2020-H1")[0].value == 40
    assert facts_by(ext, "Schuldhulp > Aantal aanvragen schuldhulp", "2019")[0].value == 51


def test_vertical_unproven_footnote_emits_nothing():
    ext = run(VERTICAL.replace("minder vrijwilligers gestopt", "minder mensen weggegaan"))
    assert not [f for f in ext.facts if f.line in range(1, 30)]


def test_default_period_fills_tables_without_one():
    text = "Aantal \n\nclienten\n\nGemiddelde \nduur (weken)\n\nTeam A 12 3,5\n\nTeam B 8 4,0\n"
    ext = run(text, default_period=year(2020))
    (f,) = facts_by(ext, "Team A", column="Gemiddelde duur (weken)")
    assert f.value == 3.5 and f.unit == "weken" and f.period_label == "2020"
    assert run(text, default_period=half(2020, 2)).facts[0].period_label == "2020-H2"


def test_prose_with_numbers_is_not_a_table():
    text = ("In 2019 ontvingen 1.200 inwoners hulp, tegen 1.100 in 2018.\n"
            "Dat is een stijging van 100 ten opzichte van 2018 en 250 meer dan in 2017.\n"
            "2017 2018 2019\n\n1\n2\n")
    assert run(text).facts == []
