"""Loaders on real generated files: PDF (fpdf2), DOCX (python-docx), HTML, MD, TXT, and bad files."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoaderError, load_document

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _pdf(path: Path, pages: list[list[str]], encrypt: str | None = None) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        for line in page:
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    if encrypt:
        pdf.set_encryption(owner_password="eigenaar", user_password=encrypt)
    pdf.output(str(path))
    return path


def test_txt_keeps_lines_exactly(tmp_path):
    p = tmp_path / "rapport.txt"
    raw = "Eerste regel  \r\n\r\n\tTweede regel met tab\r\nDerde\x0cregel\n"
    p.write_bytes(raw.encode("utf-8"))
    doc = load_document(p)
    assert doc.lines == ["Eerste regel  ", "", "\tTweede regel met tab", "Derde\x0cregel"]
    assert doc.pages is None
    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()
    assert doc.file_name == "rapport.txt"


def test_txt_encodings(tmp_path):
    bom = tmp_path / "bom.txt"
    bom.write_bytes("\ufeffCliënten en één".encode())
    assert load_document(bom).lines == ["Cliënten en één"]
    old = tmp_path / "oud.txt"
    old.write_bytes("Cliënten – € 5\rregel twee".encode("cp1252"))
    assert load_document(old).lines == ["Cliënten – € 5", "regel twee"]


def test_corpus_txt_line_count_matches_editor():
    path = CORPUS / "000_2e09650ff663accc.txt"
    doc = load_document(path)
    # 1281 newlines; the file ends with a last line " " that has no newline of its own
    assert len(doc.lines) == 1282 and doc.lines[-1] == " "
    assert doc.lines[564] == "Jeugdwet2 1225 1261 1104 1252 1352 1495 1408"


def test_md(tmp_path):
    p = tmp_path / "notitie.md"
    p.write_text("# Kop\n\nTekst over de **Wmo**.\n", encoding="utf-8")
    assert load_document(p).lines == ["# Kop", "", "Tekst over de **Wmo**."]


def test_pdf_pages_and_accents(tmp_path):
    p = _pdf(tmp_path / "verslag.pdf", [["Halfjaarrapportage sociaal domein", "Cliënten in één jaar"],
                                         ["Tweede pagina: Jeugdwet", "Overzicht per café"]])
    doc = load_document(p)
    assert doc.pages is not None and len(doc.pages) == len(doc.lines)
    text = doc.text
    assert "Cliënten in één jaar" in text and "café" in text
    i = next(k for k, s in enumerate(doc.lines) if "Tweede pagina" in s)
    assert doc.pages[i] == 2 and doc.page_of(i + 1) == 2
    assert doc.pages[0] == 1
    assert set(doc.pages) == {1, 2}


def test_docx_paragraphs_and_table(tmp_path):
    import docx

    d = docx.Document()
    d.add_heading("Jaarverslag 2017", level=1)
    d.add_paragraph("Het aantal cliënten steeg.")
    table = d.add_table(rows=2, cols=3)
    for r, row in enumerate([["Wet", "2016", "2017"], ["Jeugdwet", "1.104", "1.352"]]):
        for c, val in enumerate(row):
            table.cell(r, c).text = val
    d.add_paragraph("Slot.")
    p = tmp_path / "verslag.docx"
    d.save(str(p))
    doc = load_document(p)
    assert doc.lines == ["Jaarverslag 2017", "Het aantal cliënten steeg.", "Wet\t2016\t2017", "Jeugdwet\t1.104\t1.352", "Slot."]


def test_html_visible_text(tmp_path):
    p = tmp_path / "pagina.html"
    p.write_text(
        "<html><head><title>Monitor Wmo 2017 | Gemeente Elburg</title><style>p{color:red}</style></head><body>"
        "<h1>Monitor Wmo</h1><script>var x = 1;</script><p>Eerste <b>alinea</b>\n over de Wmo.</p>"
        "<ul><li>punt één</li><li>punt twee</li></ul>"
        "<table><tr><th>Wet</th><th>2017</th></tr><tr><td>Wmo</td><td>514</td></tr></table></body></html>",
        encoding="utf-8",
    )
    doc = load_document(p)
    text = doc.text
    assert "var x" not in text and "color" not in text
    nonblank = [s for s in doc.lines if s]
    # the page title (without the site name after "|") comes first: it names the report
    assert nonblank == ["Monitor Wmo 2017", "Monitor Wmo", "Eerste alinea over de Wmo.", "punt één", "punt twee",
                        "Wet\t2017", "Wmo\t514"]


def _assert_error(path: Path, reason: str) -> LoaderError:
    with pytest.raises(LoaderError) as info:
        load_document(path)
    err = info.value
    assert path.name in str(err)
    assert err.reason == reason
    assert "overgeslagen" in str(err) or "Ondersteund" in str(err)
    return err


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "kapot.pdf"
    p.write_bytes(b"%PDF-1.7\n\x00\x01garbage" * 50)
    err = _assert_error(p, "corrupt")
    assert "beschadigd" in str(err)
    q = tmp_path / "nep.pdf"
    q.write_bytes(bytes(range(256)) * 20)
    _assert_error(q, "corrupt")


def test_truncated_pdf(tmp_path):
    good = _pdf(tmp_path / "heel.pdf", [["Tekst op pagina een"]])
    half = tmp_path / "half.pdf"
    half.write_bytes(good.read_bytes()[: len(good.read_bytes()) // 3])
    with pytest.raises(LoaderError) as info:
        load_document(half)
    assert "half.pdf" in str(info.value)


def test_empty_file(tmp_path):
    p = tmp_path / "leeg.txt"
    p.write_bytes(b"")
    err = _assert_error(p, "empty")
    assert "leeg" in str(err)
    ws = tmp_path / "witruimte.md"
    ws.write_text("\n  \n\t\n")
    _assert_error(ws, "empty")


def test_encrypted_pdf(tmp_path):
    p = _pdf(tmp_path / "geheim.pdf", [["Vertrouwelijke tekst"]], encrypt="wachtwoord")
    err = _assert_error(p, "encrypted")
    assert "wachtwoord" in str(err)


def test_scanned_pdf_without_text(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 50, style="F")  # a "scan": drawing only, no text layer
    p = tmp_path / "scan.pdf"
    pdf.output(str(p))
    err = _assert_error(p, "no_text")
    assert "scan" in str(err)


def test_unsupported_extension(tmp_path):
    p = tmp_path / "dia.pptx"
    p.write_bytes(b"PK\x03\x04 iets")
    err = _assert_error(p, "unsupported")
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in str(err)


def test_corrupt_docx_and_binary_txt(tmp_path):
    p = tmp_path / "stuk.docx"
    p.write_bytes(b"dit is geen zip")
    _assert_error(p, "corrupt")
    z = tmp_path / "leeg.docx"
    import zipfile

    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("iets.txt", "geen word")
    _assert_error(z, "corrupt")
    b = tmp_path / "binair.txt"
    b.write_bytes(b"\x00\x01\x02" * 100)
    _assert_error(b, "corrupt")


def test_unreadable(tmp_path):
    d = tmp_path / "map.txt"
    d.mkdir()
    _assert_error(d, "unreadable")
    _assert_error(tmp_path / "bestaat-niet.pdf", "unreadable")


def test_garbage_html_does_not_crash(tmp_path):
    p = tmp_path / "rommel.html"
    p.write_bytes(b"<html><body><p>Tekst</p><<<>>>\x00\xff\xfe<div>meer")
    doc = load_document(p)
    assert "Tekst" in doc.text
