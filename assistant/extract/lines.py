"""Line classes of a document's text, the first step of the table reader.

Every line is classified once: blank, caption, grid row (tabs or pipes), prose, a table row (label and
trailing values), a line of values only, a header line (period words, "Begroting 2020", years) or short
text. Blocks are runs of non-blank lines: in cell-per-line dumps (HTML tables saved as text, many PDF
exports) one block is one cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.extract.blocks import caption_at, find_unit, is_prose
from assistant.extract.cells import (
    Cell,
    SplitRow,
    is_marker,
    is_year_token,
    parse_bracket,
    parse_cell,
    split_row,
    values_only,
)
from assistant.extract.columns import kind_of
from assistant.extract.headers import header_tokens, parse_kind_columns
from assistant.periods import only_period

_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
_TOC = re.compile(r"(?:\.\s?){4,}\s*\d{1,3}\s*$|…{2,}\s*\d{1,3}\s*$|_{4,}\s*\d{1,3}\s*$")
_LEADER = re.compile(r"\s*(?:\.\s?){4,}\s*|\s*…{2,}\s*")
_PIPE_SEP = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
CODE = re.compile(r"^(?:\d{1,2}\.\d{1,2}[a-z]?|\d{1,2}\.\d{1,2}\.\d{1,2}|\d{2,3}-\d|[A-Z]{1,3}\d{1,3}[a-z]?)$")


@dataclass
class Line:
    i: int  # 0-based index into the document's lines
    text: str  # without trailing whitespace
    kind: str  # blank | caption | grid | gridsep | prose | row | values | header | marker | note | text
    #            | furniture (a page footer or running header: transparent inside a table)
    split: SplitRow | None = None

    @property
    def n(self) -> int:
        return len(self.split.cells) if self.split else 0

    @property
    def line_no(self) -> int:
        return self.i + 1


def grid_cells(text: str) -> list[str] | None:
    """The cells of a tab- or pipe-separated line, or None."""
    if "\t" in text:
        cells = [c.strip() for c in text.split("\t")]
        if cells and re.fullmatch(r"[•●▪■◦·\-–*]", cells[0]):
            return None  # a bullet followed by a tab, not a table row
        # a section row keeps its empty cells ("verwijzers\t\t\t…")
        return cells if sum(1 for c in cells if c) >= 2 or (len(cells) >= 3 and cells[0]) else None
    s = text.strip()
    # a pipe table is bordered ("| a | b |"); "Jaarverslag 2021 | Gemeente X | 3" is a running header or footer
    if s.count("|") >= 2 and (s.startswith("|") or s.endswith("|")):
        cells = [c.strip() for c in s.strip("|").split("|")]
        # a pipe table row: short cells; a sentence with two "|" in it is not one
        if len(cells) >= 2 and not any(is_prose(c) and len(c.split()) > 20 for c in cells):
            return cells
    return None
    return None


def _sentence_label(label: str, n_values: int) -> bool:
    """A label that is running text: a sentence end inside it, or too long for the values it has."""
    t = label.strip()
    # "per 10.000 inw." in an Eenheid cell ends in an abbreviation, not a sentence
    abbreviation = re.search(r"(?:^|\s)[a-zà-ÿ]{1,4}\.$", t) is not None and re.search(r"\S {2,}\S", t) is not None
    if t.endswith((".", "!", "?", ":")) and len(t.split()) > 3 and not abbreviation \
            or re.search(r"[a-z]{2}\. [A-Z]", t):
        return True
    return len(t.split()) > (35 if n_values >= 2 else 14)


def _header_like_row(sr: SplitRow) -> bool:
    """"Begroting 2020", "Rekening 2016 Primitief 2017", "Werkelijk 2017": years after kind words."""
    if not all(is_year_token(c.raw) for c in sr.cells):
        return False
    return len(sr.label.split()) <= 4 or kind_of(sr.label) is not None


def classify_line(i: int, raw: str, footnotes: set[int] | None = None) -> Line:
    t = raw.rstrip(" \r\n").replace("\u00a0", " ").replace("\u200b", "")  # trailing tabs are empty cells
    s = t.strip()
    if not s:
        return Line(i, t, "blank")
    leader = _LEADER.search(t)
    if leader and len(t[leader.end():].split()) >= 2 and values_only(t[leader.end():], footnotes):
        # "Woningaanpassingen ........ 412 436 401": dot leaders between a label and its values (a table row, not
        # a table of contents line, which ends in one page number) read as the gap they stand for
        t = t[:leader.start()] + " " * (leader.end() - leader.start()) + t[leader.end():]
        s = t.strip()
    if caption_at(s) and not _TOC.search(s):
        return Line(i, t, "caption")
    if _TOC.search(s):
        return Line(i, t, "furniture")  # a table of contents line: "Inleiding ........ 3"
    if _PIPE_SEP.fullmatch(s) and "-" in s:
        return Line(i, t, "gridsep")
    if grid_cells(t) is not None:
        return Line(i, t, "grid")
    if is_marker(s):
        return Line(i, t, "marker")
    if header_tokens(s) is not None or (only_period(s) is not None and not parse_cell(s)) \
            or parse_kind_columns(s) is not None:
        return Line(i, t, "header")
    unit, _scale, rest = find_unit(s)
    if unit and len(rest.split()) <= 6 and not re.search(r"\d", rest) and not (s.endswith("(%)") and rest):
        return Line(i, t, "note")  # "bedragen x € 1.000", "(in euro's)"; "Werkloze jongeren (%)" is a row label
    nums = re.findall(r"(?<!\S)\((\d{1,2})\)(?!\S)", s)
    if len(nums) >= 2 and [int(x) for x in nums] == list(range(1, len(nums) + 1)) and \
            not re.sub(r"(?<!\S)\(\d{1,2}\)(?!\S)", "", s).strip(" ").count(" ") > 3:
        return Line(i, t, "header")  # "Taakveld   (1)   (2)   (3)": numbered column heads, a legend below names them
    if re.fullmatch(r"\d{1,2}\s?[+-]", s):
        return Line(i, t, "text")  # "18-" / "65+" alone: an age that ends a wrapped label, no negative 18
    sr = split_row(s, footnotes, allow_unit_words=True)
    if sr.cells and not sr.label:
        if all(is_year_token(c.raw) for c in sr.cells):
            return Line(i, t, "header", sr)
        return Line(i, t, "values", sr)
    if sr.cells and _LETTER.search(sr.label) and not _sentence_label(sr.label, len(sr.cells)):
        if _header_like_row(sr):
            return Line(i, t, "header", sr)
        if len(sr.cells) == 1 and is_year_token(sr.cells[0].raw):
            return Line(i, t, "prose" if is_prose(s) else "text")  # "... sinds 2016": not a row
        return Line(i, t, "row", sr)
    toks = s.split()
    if len(toks) >= 2 and all(re.fullmatch(r"\(.*\)", x) and parse_bracket(x) is not None for x in toks):
        cells = [parse_bracket(x) for x in toks]  # "(46%) (41%) (43%)": the shares under a row's counts
        return Line(i, t, "values", SplitRow(label="", cells=cells, units=[None] * len(cells)))  # type: ignore[arg-type]
    if parse_bracket(s) is not None:
        cell = parse_bracket(s)
        return Line(i, t, "values", SplitRow(label="", cells=[cell], units=[None]))  # type: ignore[list-item]
    if is_prose(s) and not _aligned_header_line(t):
        return Line(i, t, "prose")
    return Line(i, t, "text")


def _aligned_header_line(text: str) -> bool:
    """Short cells standing apart on one line ("Realisatie   Begroting  Realisatie     t.o.v."): a header line
    of a space-aligned table, not a sentence (justified prose has single words between equal gaps)."""
    segs = [m.group() for m in re.finditer(r"\S+(?: \S+)*", text)]
    gaps = [len(g) for g in re.findall(r"(?<=\S) {2,}(?=\S)", text.strip())]
    indented = len(text) - len(text.lstrip(" ")) >= 4  # it stands over the value columns, not at the margin
    return indented and len(segs) >= 2 and max(gaps, default=0) >= 3 and all(len(sg.split()) <= 3 for sg in segs)


_FOOTER = re.compile(r"(?:\bpagina|\bblz\.?|\bpag\.)\s*\d+(?:\s*(?:van|/)\s*\d+)?\s*$|^\s*\d+\s*(?:van|/)\s*\d+\s*$"
                     r"|^\s*-\s*\d{1,3}\s*-\s*$", re.IGNORECASE)


# the report's kind and year in a page header ("… Jaarstukken 2024", "Programmabegroting 2025 | …")
_RUNNING_HEAD = re.compile(r"\b(?:jaarverslag|jaarstukken|jaarrekening|(?:programma)?begroting|voorjaarsnota|najaarsnota"
                           r"|\w*rapportage|monitor)\s+(?:19|20)\d\d\b", re.IGNORECASE)


def classify(lines: list[str], footnotes: set[int] | None = None) -> list[Line]:
    out = [classify_line(i, raw, footnotes) for i, raw in enumerate(lines)]
    # page furniture: page footers ("… pagina 14") and running headers (the same short line on every page)
    # (a running header repeats once per page: at least three times, far apart; a cell value such as "CBS"
    # repeats from row to row and is not one)
    where: dict[str, list[int]] = {}
    for ln in out:
        if ln.kind in ("text", "prose", "row") and 4 <= len(ln.text.split()) <= 16:
            where.setdefault(ln.text.strip(), []).append(ln.i)
    def before_values(i: int) -> bool:  # a row label of a cell-per-line table: its values follow it
        nxt = next((x for x in out[i + 1:i + 4] if x.kind != "blank"), None)
        return nxt is not None and nxt.kind == "values"

    _mark_contents(out)
    running = {t for t, pos in where.items()
               if len(pos) >= 3 and min(b - a for a, b in zip(pos, pos[1:], strict=False)) >= 15
               and not any(before_values(i) for i in pos)}
    for ln in out:
        t = ln.text.strip()
        if ln.kind in ("text", "prose", "row", "caption") and (_FOOTER.search(t) and len(t.split()) <= 16
                                                               or t in running):
            ln.kind = "furniture"
        elif ln.kind in ("text", "prose", "row") and ln.n <= 1 and _RUNNING_HEAD.search(t) and len(t.split()) <= 12 \
                and re.search(r"\s[·|•]\s|\s…\s|\s{3,}", t) and re.search(r"\bgemeente\b|\s[·|•]\s", t, re.I):
            ln.kind = "furniture"  # "Gemeente Epe · Jaarverslag 2023 · Sociaal domein": a running page header
        elif ln.kind == "values" and re.fullmatch(r"-\s*\d{1,3}\s*-", t):
            ln.kind = "furniture"  # a page number between dashes ("- 42 -"), not a value
    return out


_CONTENTS_ROW = re.compile(r"^\s*\d{1,2}(?:\.\d{1,2})*\.?\s+\D.*\s(\d{1,3})\s*$")


def _mark_contents(lines: list[Line]) -> None:
    """A table of contents without dot leaders ("1. Inleiding 2" / "2. Jeugd 4" …): numbered section titles with
    rising page numbers, three or more in a row, are page furniture, not a table."""
    i = 0
    while i < len(lines):
        j = i
        pages: list[int] = []
        while j < len(lines) and lines[j].kind in ("row", "text", "prose"):
            m = _CONTENTS_ROW.match(lines[j].text)
            # a contents line ends in one page number; a table row ("6.6 Maatwerk … 1.960  2.104  42  39") in several
            if not m or (pages and int(m.group(1)) < pages[-1]) or (lines[j].kind == "row" and lines[j].n >= 2):
                break
            pages.append(int(m.group(1)))
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                lines[k].kind = "furniture"
            i = j
        else:
            i += 1


@dataclass
class Block:
    """A run of non-blank lines; in a cell-per-line table, one cell."""

    lines: list[Line]

    @property
    def start(self) -> int:
        return self.lines[0].i

    @property
    def end(self) -> int:
        return self.lines[-1].i

    @property
    def text(self) -> str:
        return " ".join(ln.text.strip() for ln in self.lines)

    @property
    def cell(self) -> Cell | None:
        """The value of a one-line value block ("1.204", "n.n.b.", "24.728 N"), else None."""
        if len(self.lines) == 1 and self.lines[0].kind == "values" and self.lines[0].n == 1:
            return self.lines[0].split.cells[0]  # type: ignore[union-attr]
        return None


def blocks_of(lines: list[Line], start: int = 0, end: int | None = None) -> list[Block]:
    out: list[Block] = []
    cur: list[Line] = []
    for ln in lines[start:end]:
        if ln.kind == "blank":
            if cur:
                out.append(Block(cur))
                cur = []
        else:
            cur.append(ln)
    if cur:
        out.append(Block(cur))
    return out
