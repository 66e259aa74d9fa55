"""The headline figure written for people (assistant.answer.headline) and the figure citation details."""

from __future__ import annotations

from assistant.answer.cite_rows import mark_figure_rows
from assistant.answer.headline import euro_text, headline_for, period_text, value_text
from assistant.models import Citation


def row(**kw):
    base = {"row_path": "Cliënten Jeugdwet", "column_label": "2018-H1", "period_label": "2018-H1",
            "period_kind": None, "municipality": None, "unit": "aantal", "scale": 1.0, "value": 1408.0,
            "raw": "1.408", "line": 700, "figure_label": "Figuur 7", "figure_title": "cliënten jeugd",
            "figure_line_start": 690, "figure_line_end": 712}
    base.update(kw)
    return base


def test_count_with_label_and_period_in_words():
    h = headline_for([row()])
    assert (h.value, h.label, h.period, h.notation) == ("1.408", "cliënten Jeugdwet", "eerste helft 2018", "")
    assert h.text() == "1.408 cliënten Jeugdwet, eerste helft 2018"


def test_amount_in_thousands_reads_as_millions_with_the_tables_notation():
    h = headline_for([row(row_path="Totaal lasten", column_label="Realisatie 2017", period_label="2017",
                          period_kind="realisatie", unit="€ x 1000", scale=1000.0, value=33976.0, raw="33.976")])
    assert h.value == "€ 34,0 miljoen"
    assert h.notation == "€ 33.976 × 1.000"
    assert h.period == "realisatie 2017"
    assert h.label == "totaal lasten"
    assert headline_for([row(row_path="Participatiewet")]).label == "Participatiewet"


def test_plain_euros_percentages_and_unit_words():
    assert value_text(275000.0, "€") == ("€ 275.000", "")
    assert value_text(7.9, "%") == ("7,9%", "")
    assert value_text(5.3, "weken") == ("5,3 weken", "")
    assert value_text(12.0, "per 1.000 inwoners") == ("12 per 1.000 inwoners", "")
    assert value_text(-1655.0, "€ x 1000", 1000) == ("€ −1,7 miljoen", "€ -1.655 × 1.000")
    assert value_text(13.0, "€ x 1000", 1000) == ("€ 13.000", "€ 13 × 1.000")
    assert euro_text(1_234_000_000) == "€ 1,2 miljard"


def test_periods_in_words():
    assert period_text("2019-Q3") == "derde kwartaal 2019"
    assert period_text("2016-12-31") == "31 december 2016"
    assert period_text("2017", "raming", "Raming 2017 na wijziging") == "raming 2017 na wijziging"
    assert period_text(None) == ""


def test_generic_total_row_takes_the_figure_title_and_municipality_is_kept():
    h = headline_for([row(row_path="Eindtotaal", figure_title="aantal ondersteuningsplannen", value=934.0)])
    assert h.label == "ondersteuningsplannen"
    h = headline_for([row(row_path="jeugdhulp", column_label="Dordrecht", municipality="Dordrecht", unit="%",
                          value=9.7, period_label="2016-H1")])
    assert h.text() == "9,7% jeugdhulp, Dordrecht, eerste helft 2016"


def test_one_series_over_periods_heads_with_the_last_row_different_series_have_none():
    rows = [row(period_label="2017-H2", value=1495.0), row(period_label="2018-H1", value=1408.0)]
    assert headline_for(rows).value == "1.408"
    assert headline_for([row(), row(row_path="Cliënten Wmo", value=2000.0)]) is None
    assert headline_for([]) is None
    assert headline_for([row(value=None)]) is None


def test_figure_citation_marks_the_row_and_the_header_above_it():
    c = Citation(doc="x.txt", lines=[690, 712])
    mark_figure_rows(c, [row()], [695, 700, 705])
    assert c.row_lines == [700]
    assert c.highlight == ["1.408"]
    assert c.header_lines == list(range(690, 695))
