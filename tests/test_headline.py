"""The headline figure written for people (assistant.answer.compose): value, unit, period and place."""

from __future__ import annotations

from assistant.answer.compose import headline, period_words, value_text
from assistant.answer.store import FactRow


def row(**kw) -> FactRow:
    base = dict(fact_id=1, figure_id="d:fig001", doc_id="d", file_name="d.txt", document_title="Monitor",
                figure_label="Figuur 7", figure_title="cliënten jeugd", row_path="Cliënten Jeugdwet",
                row_label="Cliënten Jeugdwet", column_label="2018-H1", period_label="2018-H1", period_kind=None,
                municipality=None, scope="Oudewater", measure="aantal", unit="aantal", scale=1.0, value=1408.0,
                status=None, raw="1.408", line=700, page=None)
    base.update(kw)
    return FactRow(**base)


def test_count_with_label_and_period_in_words():
    h = headline(row())
    assert (h.value, h.label, h.period) == ("1.408", "cliënten Jeugdwet", "eerste helft 2018")
    assert h.text() == "1.408 cliënten Jeugdwet, Oudewater, eerste helft 2018"


def test_amount_in_thousands_reads_as_millions_with_the_tables_notation():
    f = row(row_path="Totaal lasten", row_label="Totaal lasten", column_label="Realisatie 2017", period_label="2017",
            period_kind="realisatie", measure="geld", unit="€ x 1000", scale=1000.0, value=33976.0, raw="33.976")
    people, notation = value_text(f)
    assert people == "€ 34,0 miljoen" and notation == "33.976 × € 1.000"
    assert headline(f).period == "realisatie 2017"


def test_lasten_printed_with_a_minus_are_an_amount_spent():
    f = row(row_path="Jeugd", row_label="Jeugd", column_label="Realisatie 2023 > Lasten", period_label="2023",
            period_kind="realisatie", measure="geld", unit="€ x 1000", scale=1000.0, value=-15183.0, raw="15.183-")
    people, notation = value_text(f)
    assert people == "€ 15,2 miljoen" and "15.183-" in notation


def test_exact_euros_stay_visible_next_to_millions():
    f = row(measure="geld", unit="€", value=99_410_000.0, raw="99.410.000")
    assert value_text(f) == ("€ 99,4 miljoen", "€ 99.410.000")
    assert value_text(row(measure="percentage", unit="%", value=7.9, raw="7,9%"))[0] == "7,9%"


def test_periods_in_words():
    assert period_words("2019-Q3") == "derde kwartaal 2019"
    assert period_words("2018-H2") == "tweede helft 2018"
    assert period_words(None) == ""


def test_generic_total_row_takes_the_figure_title():
    h = headline(row(row_path="Eindtotaal", row_label="Eindtotaal", figure_title="aantal ondersteuningsplannen",
                     value=934.0))
    assert h.label == "ondersteuningsplannen"
