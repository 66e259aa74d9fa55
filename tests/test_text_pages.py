"""Pages of plain-text reports from form feeds or page marker lines (assistant/ingest/text_pages.py)."""

from __future__ import annotations

from assistant.ingest.loaders import load_document
from assistant.ingest.text_pages import text_pages


def test_form_feeds_start_new_pages():
    assert text_pages(["titel", "tekst", "\fpagina twee", "nog twee", "\f\fvier"]) == [1, 1, 2, 2, 4]


def test_marker_lines_number_the_pages_they_open():
    lines = ["voorblad", "--- pagina 2 ---", "a", "[pagina 3]", "b", "Pagina 4", "c"]
    assert text_pages(lines) == [1, 2, 2, 3, 3, 4, 4]


def test_no_page_structure_means_no_pages():
    assert text_pages(["Zie pagina 9 van de bijlage.", "tekst"]) is None
    assert text_pages(["pagina 3", "x", "pagina 2"]) is None  # not increasing: not page markers
    assert text_pages(["gewone", "tekst"]) is None
    assert text_pages(["eerste", "laatste\f"]) is None  # nothing follows the form feed


def test_loaded_text_file_keeps_line_numbers_and_gets_pages(tmp_path):
    p = tmp_path / "rapport.txt"
    p.write_text("Titel\nregel twee\n\fPagina twee begint hier\nlaatste regel\n", encoding="utf-8")
    doc = load_document(p)
    assert len(doc.lines) == 4
    assert [doc.page_of(i) for i in range(1, 5)] == [1, 1, 2, 2]
