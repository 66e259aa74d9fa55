"""The interface's presentation pieces on real Answer objects: filled and empty alike."""

from __future__ import annotations

from assistant.models import Answer, Chart, ChartPoint, ChartSeries, Citation, Headline, SourceLine
from ui.answer_card import answer_html
from ui.chart import chart_html, nice_ticks
from ui.figures import rows_csv, table_html
from ui.sources import locate_quote, mark_numbers, where_text

ROW = {"row_path": "Cliënten Jeugdwet", "column_label": "2018-H1", "period_label": "2018-H1", "period_kind": None,
       "municipality": None, "unit": "aantal", "scale": 1.0, "value": 1408.0, "raw": "1.408", "line": 922,
       "figure_label": "Figuur 7", "document_title": "Halfjaarrapportage", "file_name": "000.txt", "page": None}


def test_answer_card_heads_with_the_figure_and_links_markers():
    a = Answer(question="q", answer="Volgens Figuur 7 [1]: 1.408.", rows=[ROW],
               headline=Headline(value="1.408", label="cliënten Jeugdwet", period="eerste helft 2018"),
               citations=[Citation(doc="000.txt", title="Halfjaarrapportage", locator="Figuur 7: cliënten")])
    html = answer_html(a, 3)
    assert html.startswith('<div class="antwoord-kaart"><p class="kerncijfer"><strong class="getal">1.408</strong>')
    assert "eerste helft 2018" in html and 'href="#bron-3-1"' in html
    assert "Uit Figuur 7 in ‘Halfjaarrapportage’" in html  # context sentence when the engine gave none


def test_answer_card_without_headline_falls_back_to_the_text():
    a = Answer(question="q", answer="Volgens ‘R’: “Eerste zin.” [1] “Tweede zin.” [2]",
               citations=[Citation(doc="a.txt"), Citation(doc="a.txt")])
    html = answer_html(a, 0)
    assert html.count('<p class="citaat">') == 2 and 'href="#bron-0-2"' in html and "Volgens" not in html
    refused = Answer(question="q", answer="Dat kan ik niet vinden in de rapportages.", refused=True)
    assert "niet vinden" in answer_html(refused, 0) and "bron-ref" not in answer_html(refused, 0)
    assert "&lt;script&gt;" in answer_html(Answer(question="q", answer="<script>x</script>"), 0)


def test_chart_has_dutch_ticks_from_zero_words_and_a_title():
    chart = Chart(title="Cliënten Jeugdwet", unit="aantal", series=[ChartSeries(name="Cliënten Jeugdwet", points=[
        ChartPoint(period="2017-H2", period_text="2e helft 2017", value=1495),
        ChartPoint(period="2018-H1", period_text="1e helft 2018", value=1408)])])
    html = chart_html(chart, "Lansingerland")
    assert "Cliënten Jeugdwet – Lansingerland" in html
    assert ">0</text>" in html and ">1.500</text>" in html and "1,500" not in html
    assert ">1e helft</tspan>" in html and "2018-H1" not in html
    assert nice_ticks(0, 1495) == [0, 500, 1000, 1500]
    assert nice_ticks(0, 33976) == [0, 10000, 20000, 30000, 40000]  # the top tick covers the highest value
    assert nice_ticks(-1655, 2008)[0] <= -1655
    assert chart_html(Chart(title="x", series=[ChartSeries(name="x", points=[chart.series[0].points[0]])])) == ""


def test_table_and_csv_are_dutch():
    a = Answer(question="q", answer="", rows=[ROW, {**ROW, "period_label": "2017", "period_kind": "realisatie",
                                                   "unit": "€ x 1000", "scale": 1000.0, "value": 33976.0}])
    html = table_html(a)
    assert "<th scope=\"col\" class=\"kolom-reeks\">Reeks</th>" in html and "eerste helft 2018" in html
    assert "€ 34,0 miljoen" in html and ">realisatie 2017<" in html and "2018-H1" not in html
    csv = rows_csv(a).splitlines()
    assert csv[0].split(";")[:4] == ["Reeks", "Kolom", "Periode", "Periodecode"]
    assert ";1408;" in csv[1] and ";33976;" in csv[2]
    commitments = Answer(question="q", answer="", rows=[{"number": "T2018-063", "text": "Voortaan …",
                                                        "fulfilment": "Op pagina 9 …", "status": None}])
    assert "Nummer" in table_html(commitments) and "fulfilment" not in table_html(commitments)


def test_quote_location_marks_and_places():
    lines = [SourceLine(line_no=10, text="Het aantal huishoudens dat zich meldde nam toe. Oudewater"),
             SourceLine(line_no=11, text="startte daarom het spreekuur Geldzaken."), SourceLine(line_no=12, text="x")]
    assert locate_quote(lines, "Oudewater startte daarom het spreekuur Geldzaken.") == [10, 11]
    assert locate_quote(lines, "niet aanwezig in de tekst") is None
    marked = mark_numbers("Eindtotaal 887 949 1.934 934", ["934"])
    assert marked.endswith('<mark class="bron-getal">934</mark>') and "1.<mark" not in marked
    assert where_text(Citation(doc="a.pdf", page=2, locator="Tabel 1")) == "pagina 2 · Tabel 1"
    assert where_text(Citation(doc="a.txt", section="Jeugd > Wachttijden", locator="Figuur 9")) == \
        "§ Wachttijden · Figuur 9"
