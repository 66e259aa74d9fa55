"""Record types passed from ingestion to the stores. Field names match the columns in sql/schema.sql."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class LoadedDocument:
    """A document turned into plain text lines. Line numbers are 1-based indexes into `lines`."""

    file_name: str
    path: str
    lines: list[str]
    # page number (1-based) for each line, or None for formats without pages
    pages: list[int | None] | None = None
    sha256: str = ""
    # spreadsheets: the cell reference ("Blad1!C7") of each tab-separated cell, per 1-based line
    cell_refs: dict[int, list[str]] = field(default_factory=dict)
    sheets: list[tuple[str, int, int]] = field(default_factory=list)  # (sheet name, first line, last line)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def page_of(self, line_no: int) -> int | None:
        if not self.pages or not (1 <= line_no <= len(self.pages)):
            return None
        return self.pages[line_no - 1]


@dataclass
class DocumentInfo:
    """Catalog row for one document."""

    doc_id: str  # content hash
    file_name: str
    path: str = ""
    title: str = ""
    municipality: str | None = None
    period_label: str | None = None  # e.g. 2018-H1, 2017
    period_start: date | None = None
    period_end: date | None = None
    kind: str | None = None  # halfjaarrapportage, jaarverslag, monitor, bijlage, ...
    n_lines: int = 0
    n_pages: int | None = None
    detected_from: str = ""  # "gemeente: bestandsnaam; periode: tekst; soort: tekst"


@dataclass
class Chunk:
    doc_id: str
    seq: int
    file_name: str
    line_start: int  # 1-based, inclusive
    line_end: int  # 1-based, inclusive
    text: str
    page: int | None = None
    section: str = ""  # section path, e.g. "Ontwikkelingen per doelgroep > Jeugd"
    figure: str = ""  # "Figuur 3" when the chunk holds a table with that caption
    kind: str = "prose"  # prose | table | list

    @property
    def chunk_id(self) -> str:
        return f"{self.doc_id}:{self.seq:04d}"


@dataclass
class Figure:
    figure_id: str  # f"{doc_id}:fig{n}"
    doc_id: str
    file_name: str
    label: str  # "Figuur 3", "Tabel 7" or the table title where it has no number
    title: str
    line_start: int
    line_end: int
    source_note: str | None = None  # "bron: GWS"
    unit: str | None = None  # default unit for the table (aantal, %, €, ...)
    scale: float = 1.0  # 1000 for "bedragen x €1000"
    page: int | None = None
    layout: str = ""  # which parser layout recognised it
    status: str = "read"  # read | partly | not_read: how well the table reader aligned the table
    status_note: str | None = None  # why, in Dutch, when not fully read
    row_starts: list[int] = field(default_factory=list)  # lines where rows begin (the chunker splits there)
    header_lines: list[int] = field(default_factory=list)  # lines of the column headers
    section: str | None = None  # the heading path the table stands under ("Programma 2 > Wat mag het kosten?")


@dataclass
class Fact:
    figure_id: str
    doc_id: str
    file_name: str
    row_label: str
    row_path: str  # group headings joined by " > ", ending with the row label
    column_label: str
    raw: str  # the cell text as it stands in the source line
    line: int  # source line (1-based) that contains `raw`
    value: float | None  # None when the cell says n.b., n.v.t., -, geheim ...
    status: str | None = None  # the non-numeric cell text when value is None
    period_label: str | None = None  # 2018-H1, 2017, 2017-Q4
    period_start: date | None = None
    period_end: date | None = None
    period_kind: str | None = None  # realisatie, raming, begroting, resultaat, ...
    municipality: str | None = None
    measure: str | None = None  # what is counted, when a column says so ("aantal", "%", "per 1.000 inwoners")
    unit: str | None = None  # aantal, %, €, € x 1000, weken, rapportcijfer
    page: int | None = None
    cell_ref: str | None = None  # spreadsheets: "Blad1!C7"
    unit_text: str | None = None  # the unit as printed ("% van alle jongeren tot 18 jaar")
    period_note: str | None = None  # "voorlopig", "peildatum 1-10-2021": the figure is not final
    marker: str | None = None  # "N" (nadelig) / "V" (voordelig) printed with an amount


@dataclass
class Commitment:
    number: str  # T2018-063
    doc_id: str
    file_name: str
    text: str
    fulfilment: str = ""
    status: str | None = None
    line_start: int = 0
    line_end: int = 0
    page: int | None = None
    made_on: str | None = None  # the meeting date as printed ("16-03-2023")
    owner: str | None = None  # portefeuillehouder


@dataclass
class DocReference:
    ref: str  # T18.11285, U18.05063
    doc_id: str
    file_name: str
    sentence: str
    line: int
    page: int | None = None


@dataclass
class FigureRow:
    """One entry of the figure index: a table row, described in words for keyword and vector search."""

    row_id: str  # f"{figure_id}:r{n}"
    figure_id: str
    doc_id: str
    row_path: str
    text: str  # row path, figure title and label, column labels, unit, document title, municipality
    text_hash: str = ""
    scopes: str = ""  # municipalities its facts are about, "|"-joined
    measures: str = ""  # measure classes of its facts, "|"-joined
    periods: str = ""  # period labels of its facts, "|"-joined


@dataclass
class Extraction:
    """Everything the figure extractor found in one document."""

    figures: list[Figure] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    commitments: list[Commitment] = field(default_factory=list)
    references: list[DocReference] = field(default_factory=list)
    rows: list[FigureRow] = field(default_factory=list)  # the figure index (filled at ingest)
    # a document with two-column pages is read in views (extract/page_columns.py): the views' lines and the view
    # each figure was read in, so the chunker can follow the same columns; empty for ordinary documents
    views: list[list[str]] = field(default_factory=list)
    figure_view: dict[str, int] = field(default_factory=dict)
