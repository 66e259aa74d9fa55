"""Turn report files (.txt, .md, .pdf, .docx, .html, .xlsx, .ods, .csv) into numbered text lines.

Line numbers are what provenance hangs on: for .txt/.md they are exactly the lines a user sees in
an editor; for PDFs every line also keeps its page number.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import zipfile
from pathlib import Path

from assistant.ingest.text_pages import text_pages
from assistant.records import LoadedDocument

log = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".xlsx", ".ods", ".csv")

# Reading stops here: a municipal report is never this large, garbage might be.
MAX_BYTES = 200 * 1024 * 1024


class LoaderError(Exception):
    """A file that cannot be ingested. The message is Dutch and names the file."""

    def __init__(self, message: str, file_name: str = "", reason: str = "") -> None:
        super().__init__(message)
        self.file_name = file_name
        self.reason = reason  # unsupported | unreadable | empty | corrupt | encrypted | no_text


def _corrupt(name: str, what: str) -> LoaderError:
    return LoaderError(
        f"Het bestand '{name}' is beschadigd of geen geldige {what} en is overgeslagen.", name, "corrupt"
    )


def _no_text(name: str, hint: str = "") -> LoaderError:
    return LoaderError(f"Het bestand '{name}' bevat geen leesbare tekst{hint} en is overgeslagen.", name, "no_text")


def _split_lines(text: str) -> list[str]:
    """Split on line endings only (\\r\\n, \\r, \\n), as an editor does; keep everything else."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()  # the newline that ends the last line does not open a new one
    return lines


def decode_text(data: bytes) -> str:
    """utf-8 (with or without BOM), falling back to cp1252 for older Windows exports."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _load_text(path: Path, data: bytes) -> tuple[list[str], list[int | None] | None]:
    if b"\x00" in data[:4096]:
        # utf-16 or a binary file renamed to .txt
        raise _corrupt(path.name, "tekstbestand")
    lines = _split_lines(decode_text(data))
    return lines, text_pages(lines)  # pages from form feeds or page markers, when the text has them


def _load_pdf(path: Path, data: bytes) -> tuple[list[str], list[int | None]]:
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    name = path.name
    if b"%PDF" not in data[:1024]:
        raise _corrupt(name, "PDF")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # owner-password-only PDFs open with an empty user password; real protection does not
            try:
                ok = reader.decrypt("")
            except (DependencyError, NotImplementedError, PdfReadError, ValueError):
                ok = 0
            if not ok:
                raise LoaderError(
                    f"Het bestand '{name}' is beveiligd met een wachtwoord en kan niet worden gelezen; "
                    "het is overgeslagen.",
                    name,
                    "encrypted",
                )
        pages = list(reader.pages)
    except LoaderError:
        raise
    except FileNotDecryptedError as exc:
        raise LoaderError(
            f"Het bestand '{name}' is beveiligd met een wachtwoord en kan niet worden gelezen; het is overgeslagen.",
            name,
            "encrypted",
        ) from exc
    except Exception as exc:  # pypdf raises many types on garbage; all mean "not a usable PDF"
        raise _corrupt(name, "PDF") from exc

    lines: list[str] = []
    page_nos: list[int | None] = []
    for no, page in enumerate(pages, start=1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:  # one broken page should not lose the rest of the report
            log.warning("%s: pagina %d niet leesbaar: %s", name, no, exc)
            text = ""
        page_lines = _split_lines(text)
        lines.extend(page_lines)
        page_nos.extend([no] * len(page_lines))
    if not any(s.strip() for s in lines):
        raise _no_text(name, " (mogelijk een scan zonder tekstlaag)")
    return lines, page_nos


def _cell_text(cell) -> str:
    return re.sub(r"\s+", " ", cell.text).strip()


def _load_docx(path: Path, data: bytes) -> tuple[list[str], None]:
    import io

    import docx
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

    name = path.name
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise _corrupt(name, "Word-document (.docx)")
    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for el in document.element.body.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                lines.extend(_split_lines(Paragraph(el, document).text) or [""])
            elif tag == "tbl":
                table = Table(el, document)
                for tr in el.tr_lst:
                    # the row's own cells on the table grid: a cell spanning columns (gridSpan) stands once, in
                    # its first column; a cell merged with the one above (vMerge) is empty, its text stands in
                    # the row above. So every row keeps the grid's positions (a year over its months).
                    cells = [""] * (getattr(tr, "grid_before", 0) or 0)
                    for tc in tr.tc_lst:
                        text = "" if tc.vMerge == "continue" else _cell_text(_Cell(tc, table))
                        cells += [text] + [""] * ((tc.grid_span or 1) - 1)
                    while len(cells) > 2 and not cells[-1]:
                        cells.pop()
                    lines.append("\t".join(cells))
    except Exception as exc:
        raise _corrupt(name, "Word-document (.docx)") from exc
    return lines, None


_BLOCK_TAGS = (
    "address article aside blockquote dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody thead tfoot ul caption title"
).split()


_SKIP_LINK = re.compile(r"^(?:ga\s+|spring\s+)?(?:direct\s+|meteen\s+)?naar\s+(?:de\s+)?(?:hoofd)?(?:inhoud|content|"
                        r"navigatie|zoeken|menu)\b", re.I)


def _span(cell, attr: str) -> int:
    try:
        return max(1, min(int(str(cell.get(attr, "1")).strip() or 1), 100))
    except ValueError:
        return 1


def _html_table_rows(table) -> list[list[str]]:
    """The rows of an HTML table on its grid: a cell spanning columns (colspan) or rows (rowspan) stands once,
    in its first position, and the positions it spans stay empty, so every row keeps the grid's columns. A
    row of one cell over the whole width (a group row such as "Lasten") stays a row of the table."""
    rows: list[list[str]] = []
    below: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for tr in table.find_all("tr"):
        if tr.find_parent("table") is not table:
            continue
        row: list[str] = []
        for cell in [*tr.find_all(["td", "th"], recursive=False), None]:
            while below.get(len(row), 0) > 0:  # a cell spanning down from a row above
                below[len(row)] -= 1
                row.append("")
            if cell is None:
                break
            text = re.sub(r"\s+", " ", cell.get_text(" ")).strip()
            cs, rs = _span(cell, "colspan"), _span(cell, "rowspan")
            for k in range(cs):
                if rs > 1:
                    below[len(row)] = rs - 1
                row.append(text if k == 0 else "")
        if any(row):
            rows.append(row)
    width = max((len(r) for r in rows), default=0)
    out = []
    for r in rows:
        filled = [c for c in r if c]
        if len(filled) == 1 and r[0] and width > 1:
            out.append([r[0], ""])  # a group row: one tab keeps it a row of the table
        else:
            while len(r) > 1 and not r[-1]:
                r = r[:-1]
            out.append(r if len(r) > 1 else r + [""])
    return out


def _load_html(path: Path, data: bytes) -> tuple[list[str], None]:
    from bs4 import BeautifulSoup, Comment, Doctype, NavigableString

    name = path.name
    try:
        soup = BeautifulSoup(data, "lxml")
        # the page title names the report ("Monitor Jeugd 2022 | Gemeente Oss"); the site name after "|" does not
        page_title = soup.title.get_text(" ", strip=True) if soup.title else ""
        page_title = re.split(r"\s+[|–—]\s+|\s+-\s+", page_title)[0].strip()
        doctypes = soup.find_all(string=lambda s: isinstance(s, Doctype))
        for node in doctypes:  # "<!DOCTYPE html>" is no text; the title takes its place
            node.replace_with(NavigableString(page_title) if page_title and node is doctypes[0] else "")
        for el in soup(["script", "style", "noscript", "template", "svg", "head"]):
            el.decompose()
        for a in soup.find_all("a", href=re.compile(r"^#")):
            # a skip link ("Ga direct naar de inhoud") is navigation for screen readers, not text of the page
            if _SKIP_LINK.match(a.get_text(" ", strip=True)):
                a.decompose()
        # source line breaks inside running text are not visible; collapse them (except in <pre>)
        for node in soup.find_all(string=True):
            if not isinstance(node, Comment) and node.find_parent("pre") is None:
                node.replace_with(re.sub(r"\s+", " ", str(node)))
            elif isinstance(node, Comment):
                node.extract()
        for br in soup.find_all("br"):
            br.replace_with("\n")
        for table in reversed(soup.find_all("table")):  # inner tables first
            rows = _html_table_rows(table)
            caption = table.find("caption")
            head = re.sub(r"\s+", " ", caption.get_text(" ")).strip() if caption is not None else ""
            table.replace_with("\n" + (head + "\n\n" if head else "") + "\n".join("\t".join(r) for r in rows)
                               + "\n")
        for el in soup.find_all(_BLOCK_TAGS):
            el.insert_before("\n")
            el.insert_after("\n")
        text = soup.get_text()
    except Exception as exc:
        raise _corrupt(name, "HTML-pagina") from exc
    lines: list[str] = [page_title] if page_title and not doctypes else []
    for raw in _split_lines(text):
        # table rows keep their tabs; other whitespace runs collapse to one space
        line = "\t".join(re.sub(r"[^\S\t]+", " ", part).strip() for part in raw.split("\t")) if "\t" in raw else (
            re.sub(r"\s+", " ", raw).strip()
        )
        if line.strip("\t "):
            if "\t" in line and len(lines) >= 2 and lines[-1] == "" and "\t" in lines[-2]:
                lines.pop()  # rows of one table stay together
            lines.append(line)
        elif lines and lines[-1] != "":
            lines.append("")  # one blank line between blocks
    while lines and lines[-1] == "":
        lines.pop()
    return lines, None


def _load_sheets(path: Path, data: bytes):
    from assistant.ingest import spreadsheets

    name = path.name
    suffix = path.suffix.lower()
    try:
        if suffix == ".xlsx":
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise _corrupt(name, "Excel-werkmap (.xlsx)")
            sheets = spreadsheets.read_xlsx(data)
        elif suffix == ".ods":
            if not zipfile.is_zipfile(io.BytesIO(data)):
                raise _corrupt(name, "OpenDocument-rekenblad (.ods)")
            sheets = spreadsheets.read_ods(data)
        else:
            if b"\x00" in data[:4096]:
                raise _corrupt(name, "CSV-bestand")
            sheets = spreadsheets.read_csv(decode_text(data), name)
    except LoaderError:
        raise
    except Exception as exc:  # openpyxl/odf raise many types on a damaged workbook
        kind = {".xlsx": "Excel-werkmap (.xlsx)", ".ods": "OpenDocument-rekenblad (.ods)"}.get(suffix, "CSV-bestand")
        raise _corrupt(name, kind) from exc
    rendered = spreadsheets.render(sheets)
    return rendered.lines, None, rendered


_LOADERS = {
    ".txt": _load_text,
    ".md": _load_text,
    ".pdf": _load_pdf,
    ".docx": _load_docx,
    ".html": _load_html,
    ".htm": _load_html,
    ".xlsx": _load_sheets,
    ".ods": _load_sheets,
    ".csv": _load_sheets,
}


def load_document(path: Path) -> LoadedDocument:
    """Load one file as numbered lines; raises LoaderError with a Dutch message naming the file."""
    path = Path(path)
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in _LOADERS:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise LoaderError(
            f"Het bestand '{name}' heeft een niet-ondersteund bestandstype ('{suffix or 'geen extensie'}'). "
            f"Ondersteund zijn: {supported}.",
            name,
            "unsupported",
        )
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LoaderError(f"Het bestand '{name}' is te groot om te verwerken en is overgeslagen.", name, "unreadable")
        data = path.read_bytes()
    except LoaderError:
        raise
    except OSError as exc:
        from assistant.errors import os_error_dutch

        reason = os_error_dutch(exc)
        raise LoaderError(
            f"Het bestand '{name}' kan niet worden gelezen ({reason}) en is overgeslagen.", name, "unreadable"
        ) from exc
    if not data.strip():
        raise LoaderError(f"Het bestand '{name}' is leeg en is overgeslagen.", name, "empty")

    loaded = _LOADERS[suffix](path, data)
    lines, pages = loaded[0], loaded[1]
    if not any(s.strip() for s in lines):
        raise _no_text(name)
    doc = LoadedDocument(
        file_name=name,
        path=str(path),
        lines=lines,
        pages=pages,
        sha256=hashlib.sha256(data).hexdigest(),
    )
    if len(loaded) > 2:
        doc.cell_refs = loaded[2].cell_refs
        doc.sheets = loaded[2].sheets
    return doc
