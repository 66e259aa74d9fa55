"""The table reader: find tables by their structure and align each one to a grid.

One mechanism for every family of municipal tables. A table is found by structure (runs of lines with
trailing values, tab/pipe rows, or runs of short blank-separated cells with many numbers), never by the
wording of a report. Its body is read as a stream of rows: a label, then its value cells (values that
wrap onto the next lines, labels broken over two lines and N/V markers in their own cell included).
The header above it is turned into columns (periods stacked or paired, "<kind> <year>" columns,
municipality names, one cell per column, multi-level headers). A row is stored only when its number
of values equals the number of value columns; otherwise the row is skipped and the table is marked
partly read. A table whose header cannot be aligned at all is kept as "not read" with its line range, so
that answers can point to it instead of answering from a neighbouring table.

Three body shapes:
- grid:  cells with known boundaries (tab-separated lines from HTML/DOCX/spreadsheets, pipe tables);
- cells: one cell per block, blocks separated by blank lines (HTML tables saved as text, PDF exports);
         or one cell per line and one row per block: a header block of n lines, then blocks of n lines
         (label and its cells), read as a grid;
- rows:  one row per line, label then values ("Jeugdwet 1225 1261 …", "Lasten 24.728 N 21.656 N"). When the
         rows are space-aligned (a layout-preserving PDF dump) the header and the cells are placed by character
         position (aligned.py): stacked header cells, spanning group headers and text columns (Eenheid,
         Periode) come out of the positions; otherwise the header is matched to the number of values per row
         (stacked word headers of a PDF text layer included).
Labels broken over two lines, with the values on the first or on the second line, are joined by one rule
(paths.wrapped_label_role) in every shape that reads lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from assistant.extract import aligned
from assistant.extract.blocks import caption_at, find_unit, is_bullet, join_lines, split_source
from assistant.extract.cells import Cell, is_marker, is_year_token, parse_bracket, parse_cell
from assistant.extract.columns import (
    DOC_MUNICIPALITY,
    PROVINCES,
    PROVISIONAL,
    REGION,
    SIZE_CLASS,
    USE_OF_BUDGET,
    header_period,
    interpret,
    kind_of,
    normalise_header,
    role_of,
    scope_of_label,
    unit_of,
)
from assistant.extract.headers import (
    header_tokens,
    parse_kind_columns,
    periods_from_tokens,
    stack_words,
    title_period,
)
from assistant.extract.lines import CODE, Block, Line, _aligned_header_line, blocks_of, classify, grid_cells
from assistant.extract.model import CellOut, Column, Context, TableDraft, label_unit, unit_word
from assistant.extract.paths import RowItem, assign_paths, national_in_label, open_ended, wrapped_label_role
from assistant.periods import Period, only_period, scan, year_to_date

MAX_HEADER_LINES = 30
NOT_READ = "not_read"
PARTLY = "partly"


@dataclass
class Region:
    mode: str  # grid | cells | rows
    body: list[int]  # 0-based line indexes of the body (rows or cells)
    start: int  # 0-based first line (header or body)
    end: int  # 0-based last line
    # a grid whose rows were assembled from blocks of lines (one cell per line, one row per block): each row's
    # cells and each cell's own 0-based line, and the rows left out because their cell count did not fit
    rows: list[tuple[int, list[str], list[int]]] | None = None
    ragged: int = 0


@dataclass
class Reading:
    columns: list[Column]
    items: list[RowItem]
    header_lines: list[int] = field(default_factory=list)  # 0-based
    notes: list[str] = field(default_factory=list)  # texts above the header: title, unit note
    skipped: int = 0  # rows whose values did not align
    status_note: str | None = None
    periods_in_rows: bool = False
    # places (and periods) in the rows, measures in the columns ("Regio's | Perioden | Jongeren met jeugdhulp
    # (aantal) | …", a CBS StatLine export): a fact's row is its column's measure
    measures_in_columns: bool = False
    end: int | None = None  # 0-based last line when the reading ran past the region (a label's last line)


# ---- finding tables ------------------------------------------------------------------------------


def _text_cell_line(text: str) -> bool:
    """A bullet or a continuation line: a cell of a text column, never a group heading."""
    t = text.strip()
    return bool(re.match(r"^[•●▪■◦·–-]\s|^[•●▪■◦·]", t)) or t[:1].islower() or t.endswith(",")


def _rowish(ln: Line) -> bool:
    """A line that is one table row: label + values, or "2016 2.410" (a period and its values)."""
    if ln.kind == "row":
        return True
    return ln.kind == "values" and ln.n >= 2 and is_year_token(ln.split.cells[0].raw)  # type: ignore[union-attr]


def _cellish(b: Block) -> bool:
    if len(b.lines) > 3 or len(b.text.split()) > 16:
        return False
    for ln in b.lines:
        if ln.kind in ("values", "marker") and ln.n <= 1:
            continue
        if ln.kind == "header" or (ln.kind == "text" and len(ln.text.split()) <= 12):
            continue
        if ln.kind == "row" and ln.n == 1 and len(ln.split.label.split()) <= 3:  # type: ignore[union-attr]
            continue  # "Begroting 2020 *", "Q1 2023" seen as a row; a header cell in a cell stream
        return False
    return True


def _is_value_block(b: Block) -> bool:
    return len(b.lines) == 1 and b.lines[0].kind in ("values", "marker") and b.lines[0].n <= 1


def _grid_group_line(L: list[Line], j: int) -> bool:
    """A group label in a row of its own between grid rows ("Jeugd", "Lasten"): a spreadsheet row with one
    filled cell is rendered as plain text, yet it heads the rows below it."""
    if not (0 < j < len(L) - 1) or L[j].kind not in ("text", "header") or L[j - 1].kind != "grid" \
            or L[j + 1].kind != "grid":
        return False
    t = L[j].text.strip()
    if not 0 < len(t.split()) <= 6 or re.search(r"\d", t) or t.endswith((".", "?", "!")):
        return False
    # a title between two tables is followed by the next table's header, a group label by a row of values
    return not _is_header_row(grid_cells(L[j + 1].text) or [])


def find_grid_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    out = []
    i = 0
    while i < len(L):
        if L[i].kind not in ("grid", "gridsep") or i in claimed:
            i += 1
            continue
        j = i

        def same_width(a: int, b: int) -> bool:
            """Across a blank line a grid goes on only with as many cells (a legend below a table has fewer)."""
            ca, cb = grid_cells(L[a].text), grid_cells(L[b].text)
            return ca is None or cb is None or len(ca) == len(cb)

        def new_header(k: int, i: int = i) -> bool:
            """A row of words only, of another width than the grid rows above it: the header of a table that
            follows (a legend under an export), not a row of this one."""
            cells, prev = grid_cells(L[k].text), grid_cells(L[k - 1].text) if k > i else None
            data_above = bool(prev) and any(parse_cell(c, allow_ratio=True, space_thousands=True) is not None
                                            and not is_year_token(c) for c in prev[1:] if c)  # type: ignore[index]
            return bool(cells and prev and data_above and len(cells) != len(prev) and len([c for c in cells if c]) >= 2
                        and all(parse_cell(c, allow_ratio=True, space_thousands=True) is None for c in cells if c))

        while j < len(L) and j not in claimed and (L[j].kind in ("grid", "gridsep") or (
                L[j].kind == "blank" and j + 1 < len(L) and L[j + 1].kind == "grid" and j > i
                and same_width(j - 1, j + 1)) or _grid_group_line(L, j)):
            if j > i and L[j].kind == "grid" and new_header(j):
                break
            j += 1
        body = [k for k in range(i, j) if L[k].kind == "grid" or (L[k].kind != "blank" and _grid_group_line(L, k))]
        if len(body) >= 2:
            out.append(Region("grid", body, i, j - 1))
        i = j
    return out


def _block_cell(ln: Line, ctx_footnotes: set[int] | None = None) -> str:
    """What one line of a row block is: "value" (a figure or an empty marker), "label" (short text) or "" (no
    cell: prose, a caption, a grid row)."""
    t = ln.text.strip()
    if ln.kind in ("grid", "gridsep", "caption", "prose") or not t:
        return ""
    if is_marker(t) or parse_cell(t, ctx_footnotes, allow_ratio=True, space_thousands=True) is not None:
        return "value"
    if len(t.split()) > 12 or (t.endswith((".", "?", "!")) and len(t.split()) > 4):
        return ""
    return "label"


def find_block_row_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    """Tables with one cell per line and one row per block ("Indicator / Eenheid / 2022 / 2023 / Bron", then per
    indicator a block of as many lines): a web table saved as text with a blank line between rows. A block of
    another cell count is left out (its cells cannot be placed); a one-line block of words is a group heading."""
    blocks = blocks_of(L)
    out: list[Region] = []
    n = 0
    while n < len(blocks):
        hb = blocks[n]
        n += 1
        width = len(hb.lines)
        if not 3 <= width <= 12 or any(ln.i in claimed for ln in hb.lines):
            continue
        head = [ln.text.strip() for ln in hb.lines]
        kinds = [_block_cell(ln) for ln in hb.lines]
        if "" in kinds or any(len(h.split()) > 6 for h in head) or kinds[0] != "label" \
                or not _is_header_row(head) or any(k == "value" and not is_year_token(h) for k, h in zip(
                    kinds, head, strict=True)):
            continue
        rows: list[tuple[int, list[str], list[int]]] = [(hb.lines[0].i, head, [ln.i for ln in hb.lines])]
        ragged = data = 0
        m = n
        while m < len(blocks) and not any(ln.i in claimed for ln in blocks[m].lines) \
                and blocks[m].start - blocks[m - 1].end <= 3:
            b = blocks[m]
            kinds = [_block_cell(ln) for ln in b.lines]
            if "" in kinds or kinds[0] != "label":
                break
            if len(b.lines) == 1:
                if re.search(r"\d", b.text):
                    break
                rows.append((b.lines[0].i, [b.text.strip()] + [""] * (width - 1), [b.lines[0].i] * width))
            elif len(b.lines) == width and "value" in kinds[1:]:
                rows.append((b.lines[0].i, [ln.text.strip() for ln in b.lines], [ln.i for ln in b.lines]))
                data += 1
            elif 2 <= len(b.lines) < width and "value" in kinds[1:]:
                ragged += 1  # empty cells dropped by the export: which column a value belongs to is unknown
            else:
                break
            m += 1
        if data >= 2:
            while rows and not any(rows[-1][1][1:]):
                rows.pop()  # a trailing heading line belongs to the text below, not to the table
            last = blocks[m - 1].end
            out.append(Region("grid", [r[0] for r in rows], hb.start, last, rows=rows, ragged=ragged))
            n = m
    return out


def find_cell_stream_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    """A table with one cell per line and no blank lines at all (a web table copied as text): the header cells,
    then per row its label and its values. The first row tells how many value columns there are (the header
    has one cell more, over the labels); a label line right before another label line is a group heading, a
    row with another number of values is left out."""
    out: list[Region] = []
    for b in blocks_of(L):
        if len(b.lines) < 12 or any(ln.i in claimed for ln in b.lines):
            continue
        kinds = [_block_cell(ln) for ln in b.lines]
        texts = [ln.text.strip() for ln in b.lines]
        v0 = next((k for k, x in enumerate(kinds) if x == "value" and not is_year_token(texts[k])), None)
        if v0 is None or v0 == 0 or "" in kinds[:v0]:
            continue
        # periods in the rows ("Jaar" / … / "2020" / its values / "2021" / …): a period line is a row label
        by_period = kinds[v0 - 1] == "value" and only_period(texts[v0 - 1]) is not None

        def is_label(k: int, kinds: list[str] = kinds, texts: list[str] = texts, by_period: bool = by_period) -> bool:
            return kinds[k] == "label" or (by_period and only_period(texts[k]) is not None)

        n_vals = 0
        while v0 + n_vals < len(kinds) and kinds[v0 + n_vals] == "value" and not is_label(v0 + n_vals):
            n_vals += 1
        width = n_vals + 1
        # a title or unit note may stand right above the header, in the same block: the header is the run that
        # starts with a label column's head ("Beleidsveld", "Jaar") when there is one
        fits = [x for x in range(0, 3) if v0 - x >= width + 1 and v0 - x - width <= 3 and all(
            len(h.split()) <= 6 and kinds[x + j] != "value" for j, h in enumerate(texts[x:x + width]))
                and _is_header_row(texts[x:x + width])]
        s0 = next((x for x in fits if role_of(texts[x]) in ("label", "period", "rownum")), fits[0] if fits else None)
        if n_vals < 2 or s0 is None:
            continue
        head = texts[s0:s0 + width]
        rows: list[tuple[int, list[str], list[int]]] = [(b.lines[s0].i, head,
                                                         [ln.i for ln in b.lines[s0:s0 + width]])]
        k, ragged, data, last = s0 + width, 0, 0, s0 + width - 1
        while k < len(kinds):
            t0 = k
            while k < len(kinds) and is_label(k) and not (by_period and k > t0):
                k += 1
            v = k
            while k < len(kinds) and kinds[k] == "value" and not is_label(k):
                k += 1
            labels, values = list(range(t0, v)), list(range(v, k))
            if not labels or not values or len(labels) > 3:
                break  # a note or a text below the table
            for h in labels[:-1]:
                rows.append((b.lines[h].i, [texts[h]] + [""] * n_vals, [b.lines[h].i] * width))
            if len(values) == n_vals:
                at = [labels[-1]] + values
                rows.append((b.lines[labels[-1]].i, [texts[x] for x in at], [b.lines[x].i for x in at]))
                data += 1
            else:
                ragged += 1
            last = k - 1
        if data >= 2:
            out.append(Region("grid", [r[0] for r in rows], b.lines[s0].i, b.lines[last].i, rows=rows, ragged=ragged))
    return out


def find_column_major_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    """A table whose text comes out column by column (some PDF text layers): the row labels one per line, then
    per column its header (a period) and as many values as there are labels ("Onderwerp" / 7 labels / "2021" /
    7 values / "2022" / 7 values …). Read only when every column has exactly one value per label."""
    out: list[Region] = []
    kinds = [_block_cell(ln) if ln.kind != "blank" else "" for ln in L]
    i = 0
    while i < len(L):
        if kinds[i] != "label" or i in claimed:
            i += 1
            continue
        j = i
        while j < len(L) and kinds[j] == "label" and j not in claimed and len(L[j].text.split()) <= 12:
            j += 1
        labels = list(range(i, j))
        head = labels[0] if labels and role_of(L[labels[0]].text) == "label" else None
        if head is not None:
            labels = labels[1:]
        n = len(labels)
        cols: list[tuple[int, list[int]]] = []
        k = j
        while n >= 3 and k < len(L) and k not in claimed and only_period(L[k].text.strip().rstrip("*")) is not None:
            vals = list(range(k + 1, k + 1 + n))
            if vals[-1] >= len(L) or any(kinds[v] != "value" or v in claimed for v in vals):
                break
            cols.append((k, vals))
            k = vals[-1] + 1
        if len(cols) < 2:
            i = j if j > i else i + 1
            continue
        first = head if head is not None else labels[0]
        hrow = [L[head].text.strip() if head is not None else ""] + [L[c].text.strip() for c, _ in cols]
        rows = [(first, hrow, [first] + [c for c, _ in cols])]
        for r, lab in enumerate(labels):
            rows.append((lab, [L[lab].text.strip()] + [L[vals[r]].text.strip() for _, vals in cols],
                         [lab] + [vals[r] for _, vals in cols]))
        out.append(Region("grid", [x[0] for x in rows], first, k - 1, rows=rows))
        i = k
    return out


_CARD_LINE = re.compile(r"^\s*(?P<key>[^:]{2,60}?)\s*:\s*(?P<value>\S.{0,80})$")


def find_card_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    """A table shown as cards, one block of "Kolomkop: waarde" lines per row (a web table on a phone): the key
    that opens every card heads the label column ("Onderdeel: Jeugd"), the other keys are the columns
    ("Rekening 2023: 75.318"). Read when at least two cards share their keys and their values are figures."""
    out: list[Region] = []
    i = 0
    while i < len(L):
        m = _CARD_LINE.match(L[i].text) if i not in claimed else None
        if m is None or parse_cell(m["value"], allow_ratio=True) is not None:
            i += 1
            continue
        first = m["key"].strip()
        cards: list[list[tuple[str, str, int]]] = []
        j = i
        while j < len(L) and j not in claimed:
            mm = _CARD_LINE.match(L[j].text)
            if mm is None:
                break
            key = mm["key"].strip()
            if key == first:
                cards.append([])
            elif not cards or parse_cell(mm["value"].strip(), allow_ratio=True, space_thousands=True) is None:
                break
            cards[-1].append((key, mm["value"].strip(), j))
            j += 1
        keys = [k for k, _, _ in cards[0]] if cards else []
        same = [c for c in cards if [k for k, _, _ in c] == keys]
        if len(cards) < 2 or len(same) != len(cards) or len(keys) < 2:
            i = max(j, i + 1)
            continue
        rows = [(cards[0][0][2], keys, [ln for _, _, ln in cards[0]])]
        rows += [(c[0][2], [v for _, v, _ in c], [ln for _, _, ln in c]) for c in cards]
        out.append(Region("grid", [r[0] for r in rows], i, j - 1, rows=rows))
        i = j
    return out


_TREND = re.compile(r"^\s*(?P<dir>[▲▼↑↓=])\s*(?P<num>[+-]?\d[\d.]*(?:,\d+)?)?\s*(?P<pct>%)?")
_PLACE_VALUE = re.compile(r"^\s*(?P<place>[A-Z][\w' -]{1,40}?)\s*:\s*(?P<value>\S+)\s*$")


def find_tile_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    """Key figures printed as tiles (a web page's "kerncijfers"): per block a label, one value, a trend line
    ("▲ 3,8% t.o.v. 2022", "▼ 0,1 procentpunt …", "= gelijk aan 2022") and a comparison line ("Nederland: 12,9%").
    Read as a table when three or more tiles follow each other under a title that names their year (a tile
    itself names no period; without the title's year nothing is stored)."""
    blocks = [b for b in blocks_of(L) if not any(ln.i in claimed for ln in b.lines)]

    def tile(b: Block) -> dict | None:
        lines = b.lines
        if not 2 <= len(lines) <= 4 or _block_cell(lines[0]) != "label" or _block_cell(lines[1]) != "value" \
                or re.search(r"\d", lines[0].text) or is_year_token(lines[1].text.strip()) \
                or (kind_of(lines[0].text) and len(lines[0].text.split()) <= 2):
            return None  # "Begroting" / "2024" is a header cell broken over two lines, no key figure
        out: dict = {"label": lines[0], "value": lines[1], "trend": None, "places": {}}
        for ln in lines[2:]:
            t = ln.text.strip()
            m, pv = _TREND.match(t), _PLACE_VALUE.match(t)
            if m and (m["num"] or m["dir"] == "="):
                out["trend"] = (ln, m)
            elif pv and parse_cell(pv["value"], allow_ratio=True) is not None:
                out["places"][pv["place"].strip()] = (ln, pv["value"])
            elif not re.match(r"^\s*bron\s*:", t, re.I):
                return None
        return out

    out: list[Region] = []
    n = 0
    while n < len(blocks):
        run = []
        while n < len(blocks) and (t := tile(blocks[n])) is not None and \
                (not run or blocks[n].start - run[-1]["value"].i <= 6):
            run.append(t)
            n += 1
        if len(run) < 3:
            n += 1 if not run else 0
            continue
        first = run[0]["label"].i
        above = [L[k].text.strip() for k in range(max(0, first - 4), first) if L[k].kind != "blank"]
        years = [m.period.start.year for t in above[-1:] for m in scan(t) if m.kind == "year" and m.period]
        if len(years) != 1:
            continue
        y = years[0]
        trend_years = {int(x) for t in run if t["trend"] for x in re.findall(r"\b(?:19|20)\d{2}\b", t["trend"][0].text)}
        trend_head = f"Verschil {y} t.o.v. {trend_years.pop()}" if len(trend_years) == 1 else f"Verschil {y}"
        places = list(dict.fromkeys(p for t in run for p in t["places"]))
        head = ["Kerncijfer", str(y), trend_head] + places
        rows = [(first, head, [first] * len(head))]
        for t in run:
            lab, val = t["label"], t["value"]
            cells, at = [lab.text.strip(), val.text.strip()], [lab.i, val.i]
            if t["trend"] and t["trend"][1]["num"]:
                ln, m = t["trend"]
                sign = "-" if m["dir"] in "▼↓" else "+"
                cells.append(f"{sign}{m['num'].lstrip('+-')}{m['pct'] or ''}")
                at.append(ln.i)
            else:
                cells.append("")
                at.append(lab.i)
            for p in places:
                ln_v = t["places"].get(p)
                cells.append(ln_v[1] if ln_v else "")
                at.append(ln_v[0].i if ln_v else lab.i)
            rows.append((lab.i, cells, at))
        out.append(Region("grid", [r[0] for r in rows], first, max(b.end for b in blocks[n - len(run):n]), rows=rows))
    return out


def find_cell_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    blocks = [b for b in blocks_of(L) if not any(ln.i in claimed for ln in b.lines)]

    def inside_header(n: int) -> bool:
        """A unit note between header cells ("Begroting" / "(x € 1.000)" / "2017") is a header cell itself."""
        b = blocks[n]
        return len(b.lines) == 1 and b.lines[0].kind == "note" and 0 < n < len(blocks) - 1 and \
            _header_cell_like(blocks[n - 1]) and _header_cell_like(blocks[n + 1])

    cellish = [_cellish(b) or inside_header(n) for n, b in enumerate(blocks)]
    out: list[Region] = []
    k = 0
    while k < len(blocks):
        if not cellish[k]:
            k += 1
            continue
        j = k
        while j < len(blocks) and cellish[j] and (j == k or blocks[j].start - blocks[j - 1].end <= 4):
            j += 1
        run = blocks[k:j]
        values = [b for b in run if _is_value_block(b)]
        first_v = next((n for n, b in enumerate(run) if _is_value_block(b) and not is_year_token(b.text)), None)
        if first_v is not None and len(values) >= 3:
            after = run[first_v:]
            density = sum(1 for b in after if _is_value_block(b)) / len(after)
            labels_then_values = sum(1 for a, b in zip(after, after[1:], strict=False)
                                     if not _is_value_block(a) and _is_value_block(b))
            if density >= 0.3 and labels_then_values >= 1:
                lines = [ln.i for b in run for ln in b.lines]
                out.append(Region("cells", lines, run[0].start, run[-1].end))
        k = max(j, k + 1)
    return out


def find_row_regions(L: list[Line], claimed: set[int]) -> list[Region]:
    out: list[Region] = []
    i = 0
    n = len(L)
    while i < n:
        if i in claimed or not _rowish(L[i]):
            i += 1
            continue
        body = [i]
        j = i + 1
        blanks = texts = 0
        last = i
        above = {L[k].text.strip() for k in range(max(0, i - 12), i) if L[k].kind != "blank"}
        while j < n and j not in claimed:
            ln = L[j]
            t = ln.text.strip()
            if ln.kind == "furniture" or (ln.kind == "caption" and re.search(r"\bvervolg\b", t, re.I)) or \
                    (t in above and ln.kind in ("header", "text", "caption")):
                j += 1  # a page break inside the table: footer, running header, "… (vervolg)", repeated header
                continue
            if re.fullmatch(r"[-=_–—]{5,}", t) and j + 1 < n and _rowish(L[j + 1]):
                j += 1  # a rule line above the total row
                continue
            if ln.kind == "blank":
                nb = next((x for x in range(j + 1, min(n, j + 8)) if L[x].kind != "blank"), None)
                page_break = nb is not None and (L[nb].kind == "furniture" or "\f" in L[nb].text or (
                    L[nb].kind == "caption" and re.search(r"\bvervolg\b", L[nb].text, re.I)))
                blanks += 0 if page_break else 1  # the white space at the foot of a page is no end of the table
                if blanks > 2:
                    break
            elif _rowish(ln) or ln.kind in ("values", "marker"):
                body.append(j)
                last = j
                blanks = texts = 0
            elif ln.kind == "text" and len(ln.text.split()) <= 10 and not ln.text.rstrip().endswith((".", "?", "!")):
                texts += 1
                # bullets and continuation lines of a text column may run longer than headings do
                if texts > (8 if _text_cell_line(ln.text) else 3):
                    break
                body.append(j)
                blanks = 0
            else:
                break
            j += 1
        body = [k for k in body if k <= last]
        rows = [k for k in body if _rowish(L[k])]
        multi = [k for k in rows if L[k].n >= 2]
        if len(multi) >= 2 or (len(rows) >= 3 and all(len(L[k].split.label.split()) <= 8 for k in rows  # type: ignore
                                                        if L[k].kind == "row")) or _captioned_single_row(L, body, multi):
            out.append(Region("rows", body, body[0], last))
            i = last + 1
        else:
            i += 1
    return out


def _captioned_single_row(L: list[Line], body: list[int], multi: list[int]) -> bool:
    """A table of one row ("Tabel 2. Aandeel jongeren met jeugdhulp (%)" / "Indicator 2022 2023" / one row):
    a caption, a header of as many periods as the row has values, and that one row."""
    if len(multi) != 1 or len(body) != 1:
        return False
    k = body[0]
    h = k - 1
    if h < 1 or L[h].kind == "blank":
        return False
    periods = [m for m in scan(L[h].text) if m.period is not None]
    words = L[h].text.split()
    # a header of as many periods as values, or of as many words as values with months or quarters among them
    # ("jan feb mrt Totaal")
    if len(periods) != L[k].n and not (len(words) == L[k].n and sum(1 for w in words if only_period(w)) >= 2 and
                                       all(only_period(w) or role_of(w) == "value" for w in words)):
        return False
    return any(caption_at(L[c].text) for c in range(max(0, h - 2), h) if L[c].kind != "blank")


# ---- headers -----------------------------------------------------------------------------------------


def _header_above(L: list[Line], first: int, claimed: set[int], allow_values: bool = False) -> list[int]:
    """0-based lines above a body that may hold its column headers (nearest first), up to a stop line."""
    out: list[int] = []
    k = first - 1
    blanks = 0
    while k >= 0 and first - k <= MAX_HEADER_LINES:
        ln = L[k]
        if k in claimed:
            break
        if ln.kind == "blank":
            blanks += 1
            if blanks > 2:
                break
        elif ln.kind == "furniture":
            blanks = 0  # a page footer and running header between a table's header and its rows (a page break)
        elif ln.kind in ("prose", "caption", "grid"):
            break
        elif ln.kind in ("row", "values") and not (ln.kind == "header"):
            if not (allow_values and ln.kind == "values" and all(is_year_token(c.raw) for c in ln.split.cells)):  # type: ignore
                break
            out.append(k)
            blanks = 0
        else:
            if ln.text.strip().endswith((".", "?", "!")) and len(ln.text.split()) > 3 \
                    and not _aligned_header_line(ln.text):
                break
            out.append(k)
            blanks = 0
        k -= 1
    return out


def _unit_note(text: str) -> tuple[str | None, float, str]:
    u, scale, rest = find_unit(text)
    return u, scale, rest


_TITLE_WORDS = re.compile(r"\b(wat|hoe|welke|overzicht|specificatie|tabel|figuur|kengetallen|indicatoren|"
                          r"beleidsindicatoren|baten en lasten|lasten en baten|exploitatie)\b", re.I)


def _is_title(text: str) -> bool:
    """A heading or title above a header, not a header cell."""
    t = text.strip()
    # "Lasten:" over its rows is a group heading, "Toelichting bij de tabel:" a title
    if t.endswith("?") or (t.endswith(":") and len(t.split()) > 2) or len(t.split()) > 6:
        return True
    return bool(re.match(r"^(wat|hoe|welke)\b", t, re.I))


def columns_from_cells(cells: list[str], ctx: Context, default_year: int | None) -> list[Column]:
    return [interpret(c, ctx.municipalities, default_year) for c in cells]


def _combine_levels(cells: list[str], n_values: int, ctx: Context, default_year: int | None) -> list[Column] | None:
    """Two header levels printed one after the other: "Rekening Begroting … / 2017 2018 …"."""
    cols = columns_from_cells(cells, ctx, default_year)
    vals = [c for c in cols if c.role == "value"]
    if len(vals) == 2 * n_values:
        top, sub = vals[:n_values], vals[n_values:]
        if all(t.period is None for t in top) and all(s.period is not None for s in sub):
            return [interpret(s.header or s.label, ctx.municipalities, default_year, parent=t.header or t.label)
                    for t, s in zip(top, sub, strict=True)]
    # a level of period kinds that cannot be aligned (3 kinds over 6 years): keep the level that fits
    periods = [c for c in vals if c.period is not None]
    if len(periods) == n_values and len(vals) > n_values:
        return periods
    return None


def _value_columns(cols: list[Column]) -> list[Column]:
    return [c for c in cols if c.role == "value"]


# ---- reading: grid ---------------------------------------------------------------------------------


def _is_header_row(cells: list[str]) -> bool:
    vals = [c for c in cells[1:] if c]
    if not vals:
        return bool(cells and cells[0]) and False
    # every cell a period ("2021", "1e helft 2022") or a word ("Verschil 2023-2022", "aantal"), none a value
    return all(is_year_token(c) or only_period(c) or parse_cell(c, allow_ratio=True, space_thousands=True) is None
               for c in vals)


def _label_column_last(rows: list[tuple[int, list[str]]]) -> bool:
    """A grid whose last column holds the row labels: its head is a label word ("Onderwerp", "Indicator") over
    text cells, while the first column holds figures."""
    if len(rows) < 3 or len(rows[0][1]) < 3:
        return False
    head, body = rows[0][1], [r for _, r in rows[1:] if any(r)]
    if role_of(head[-1]) != "label" or role_of(head[0]) == "label":
        return False
    return all(r[-1] and parse_cell(r[-1], space_thousands=True) is None and parse_cell(r[0], space_thousands=True)
               is not None for r in body)


def _years_under_years(header: list[str], row: list[str]) -> bool:
    """A labelled row of whole numbers under a header of years ("Hulpmiddelen | 1903 | 1968 | 2011" under
    "2021 | 2022 | 2023"): counts that look like years, a row of data and not a second header row."""
    pairs = [(h, c) for h, c in zip(header[1:], row[1:], strict=False) if c and only_period(h)]
    return bool(row and row[0] and pairs) and all(is_year_token(c) for _, c in pairs)


def read_grid(region: Region, L: list[Line], ctx: Context, default_year: int | None) -> Reading | None:
    if region.rows is not None:
        rows = [(k, cells) for k, cells, _ in region.rows]
        cell_line = {k: at for k, _, at in region.rows}
    else:
        rows = [(k, grid_cells(L[k].text) or [L[k].text.strip()]) for k in region.body]
        cell_line = {}
    filled = {k: len(r) - next((i for i, c in enumerate(reversed(r)) if c), len(r)) for k, r in rows}
    width = max(len(r) for _, r in rows)
    rows = [(k, r + [""] * (width - len(r))) for k, r in rows]
    colmap = list(range(width))  # the printed column of each cell (for "Blad1!C7")
    if _label_column_last(rows):
        # "2021/2022 | 2022/2023 | Onderwerp": the label column printed on the right is read as the first one
        rows = [(k, [r[-1]] + r[:-1]) for k, r in rows]
        colmap = [width - 1] + list(range(width - 1))
    headers: list[tuple[int, list[str]]] = []
    while len(headers) < 3 and len(headers) < len(rows) - 1 and _is_header_row(rows[len(headers)][1]) \
            and not (headers and _years_under_years(headers[-1][1], rows[len(headers)][1])):
        headers.append(rows[len(headers)])
    if not headers:
        return None
    body = rows[len(headers):]
    # label columns: the leading columns whose header says so (Indicator, Omschrijving, Nr.) or whose body
    # cells are text (codes, names); then text columns (Eenheid, Periode, Bron) and value columns
    last_header = headers[-1][1]

    def header_role(j: int) -> str:
        texts = [h[1][j] for h in headers if j < len(h[1]) and h[1][j]]
        return role_of(texts[-1]) if texts else "label"

    def text_column(j: int) -> bool:
        # a status word that is also a missing-value mark ("geheim" beside "voorlopig") keeps a column of text
        cells = [parse_cell(r[j], space_thousands=True) if r[j] else None for _, r in body]
        return all(c is None for c in cells) or (
            all(c is None or c.value is None for c in cells) and sum(1 for c in cells if c is None) * 2 > len(cells))

    n_label = 1
    while n_label < width - 1 and header_role(n_label) in ("label", "rownum") and text_column(n_label):
        n_label += 1
    if n_label < width - 1 and all(CODE.match(r[0]) or not r[0] for _, r in body if any(r)) and \
            any(r[0] for _, r in body) and text_column(1):
        n_label = max(n_label, 2)  # "6.1 | Samenkracht en burgerparticipatie | …"
    if n_label == 1 and width > 2 and header_role(0) == "rownum" and text_column(1):
        n_label = 2  # "Rang | Dorp | …": a numbering column, then the labels
    label_cols = [j for j in range(n_label) if header_role(j) != "rownum" or not j == 0 or n_label == 1]
    if n_label > 1 and header_role(0) == "rownum":
        label_cols = list(range(1, n_label))
    # a header row headed "Eenheid" gives each column its unit ("aantal | % | per 1.000 huishoudens"): it is no
    # level of the column names
    unit_rows = [h for h in headers[1:] if role_of(h[1][0] if h[1] else "") == "unit"]
    if unit_rows:
        headers = [h for h in headers if h not in unit_rows]
    # columns: spanning top headers fill to the right over empty cells
    cols: list[Column | None] = [None] * width
    top_row = headers[0][1]
    current = ""
    ragged = _ragged_period_header([(k, h[:filled[k]]) for k, h in headers], width - n_label)
    for j in range(n_label, width):
        if ragged:
            cols[j] = ragged[j - n_label]
            continue
        parts = []
        if top_row[j]:
            current = top_row[j]
        if len(headers) > 1:
            top = current
            subs = [h[1][j] for h in headers[1:] if h[1][j]]
            parts = [top] + subs if top else subs
        else:
            parts = [top_row[j]]
        parts = [normalise_header(p) for p in parts if p]
        if not parts:
            continue
        parent = " - ".join(parts[:-1]) or None
        col = interpret(parts[-1], ctx.municipalities, default_year, parent=parent,
                        holds_values=not text_column(j))
        if role_of(parts[-1]) in ("unit", "period", "source", "note", "marker") and not text_column(j) \
                and role_of(parts[-1]) not in ("period",):
            col.role = "value"
        elif role_of(parts[-1]) != "value" and (role_of(parts[-1]) != "label" or text_column(j)):
            col.role = role_of(parts[-1])
        for _k, ur in unit_rows:
            if j < len(ur) and ur[j]:
                col.unit = unit_of(ur[j]) or ur[j]
        cols[j] = col
    del last_header
    items: list[RowItem] = []
    skipped = 0
    # "Indicator | Gemeente | Eenheid | 2020 …" (a long-format export, one row per place): the place column names
    # the row's municipality, it is no part of the label
    place_cols = [j for j in label_cols if len(label_cols) > 1 and _PLACE_HEAD.match(
        next((h[1][j] for h in reversed(headers) if j < len(h[1]) and h[1][j]), "").strip())]
    if len(place_cols) == len(label_cols):
        place_cols = []
    for k, r in body:
        label = " ".join(r[j] for j in label_cols if r[j] and j not in place_cols)
        place = " ".join(r[j] for j in place_cols if r[j])
        if not label:
            continue
        vals = r[n_label:]
        if not any(vals):
            items.append(RowItem(label=label, line=k + 1, heading=True))
            continue
        cells: list[Cell] = []
        lines: list[int] = []
        positions: list[int] = []
        texts: dict[int, str] = {}
        ok = True
        rp = only_period(label)
        row_period = rp.period if rp is not None else None
        for j, v in enumerate(vals, start=n_label):
            col = cols[j]
            if col is None:
                continue
            if col.role == "marker" and cells and v.strip() in ("N", "V") and cells[-1].raw:
                c = cells[-1]  # a nadeel/voordeel column: its N or V belongs to the amount before it
                cells[-1] = Cell(raw=c.raw, value=c.value, status=c.status, unit=c.unit, marker=v.strip(),
                                 bracket=c.bracket, starred=c.starred)
                continue
            if col.role != "value":
                texts[j] = v
                continue
            c = parse_cell(v, ctx.footnote_numbers, allow_ratio=True, space_thousands=True) if v else None
            if c is not None and c.value is not None and is_year_token(v) and row_period is not None \
                    and row_period.start.year <= c.value <= row_period.end.year:
                c = None  # "2021JJ00 | 2021 | Definitief": the row's period written out (a legend), no count
                v = ""
            if c is None:
                if v:
                    ok = False
                c = Cell(raw="", value=None, status=None)
            cells.append(c)
            lines.append((cell_line[k][j] if k in cell_line else k) + 1)
            positions.append(colmap[j])
        if not ok:
            if sum(1 for c in cells if c.raw) * 2 < len(cells):
                continue  # a text row (who / when / where), not figures
        items.append(RowItem(label=label, cells=cells, lines=lines, line=k + 1, texts=texts, positions=positions,
                             place_text=place))
    value_cols = [c for c in cols if c is not None and c.role == "value"]
    if not value_cols or not any(not it.heading for it in items):
        return None
    # text-role columns stay addressable by index for Periode/Eenheid columns
    header_lines = sorted(i for k, _ in headers + unit_rows for i in (cell_line.get(k) or [k]))
    reading = Reading(columns=[c for c in cols if c is not None and c.role == "value"], items=items,
                      header_lines=sorted(set(header_lines)), skipped=skipped + region.ragged)
    # "Bedragen x € 1.000" in the header cell over the label columns is the table's unit
    for _k, h in headers:
        for cell in h[:n_label]:
            u, _s, rest = find_unit(cell) if cell else (None, 1.0, "")
            if u and not rest.strip():
                reading.notes.append(f"__unit__{u}")
    _attach_text_roles(reading, cols)
    # places and periods in the rows, measures in the columns (a StatLine export): "Regio's | Perioden | …"
    # ("Gemeente | Onderwerp | Periode | Waarde": the Onderwerp cell is the measure, the column only says "Waarde")
    subject_cols = [j for j in label_cols if j not in place_cols and any(re.search(r"[a-zà-ÿ]{3}", r[j]) for _, r in body)]
    if head_role_place(headers, label_cols) and not (place_cols and subject_cols) \
            and any(c is not None and c.role == "period" for c in cols) \
            and all(c.period is None for c in reading.columns):
        reading.measures_in_columns = True
        for it in items:
            it.place_text = it.place_text or it.label
    # periods in the rows ("Jaar | Inwoners | Bijstandsuitkeringen" over "2019 | 27.104 | 312"): the label column
    # is headed by a period word or every row label is a period, and no value column has a period of its own
    rows = [it for it in items if not it.heading]
    head0 = next((h[1][label_cols[0]] for h in reversed(headers) if label_cols and h[1][label_cols[0]]), "")
    if rows and all(c.period is None for c in reading.columns) and not any(it.period_text for it in rows) and (
            all(_period_label(it.label) for it in rows)
            or (role_of(head0) == "period" and sum(1 for it in rows if _period_label(it.label)) * 2 > len(rows))):
        reading.periods_in_rows = True
        reading.items = [it for it in items if it.heading or _period_label(it.label)]
        reading.skipped += len(rows) - sum(1 for it in rows if _period_label(it.label))
    return reading


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip())


def head_role_place(headers: list[tuple[int, list[str]]], label_cols: list[int]) -> bool:
    """The label column is headed by a place word ("Regio's", "Gemeente", "Gebied")."""
    if not label_cols:
        return False
    head = next((h[1][label_cols[0]] for h in reversed(headers) if h[1][label_cols[0]]), "")
    return bool(re.match(r"^(regio(?:'s|’s|s)?|gemeenten?|gebied(?:en)?|plaats(?:en)?)$", head.strip().lower()))


def _stage_rows(labels: list[str]) -> bool:
    """Rows that are the stages of a budget ("Rekening 2022", "Begroting 2023 na wijziging", "Verschil"): the
    periods are in the rows of such a table, its columns are the taakvelden."""
    periods = [header_period(x, None) for x in labels]
    kinds = [kind_of(x) for x in labels]
    return len(labels) >= 2 and sum(1 for p in periods if p is not None) >= 2 and all(
        k is not None and (p is not None or k == "afwijking") for p, k in zip(periods, kinds, strict=True))


def _period_label(label: str):
    """The period a row label is ("2022", "1e halfjaar 2023", "2023 (voorlopig)", "2022*"), else None."""
    return only_period(re.sub(r"\s*\((voorlopig|prognose|raming)\)\s*$|\*$", "", label.strip(), flags=re.I))


def _ragged_period_header(headers: list[tuple[int, list[str]]], n_values: int) -> list[Column] | None:
    """Header rows that lost their spans in the loader ("Onderwerp | 2022 | 2023" over "1e halfjaar |
    2e halfjaar | 1e halfjaar", no cell for the label column): the rows are too short to align cell by cell,
    but together they are one stacked period header (a new year starts at every first half or quarter)."""
    if len(headers) < 2 or all(len(h) > n_values for _, h in headers):
        return None
    levels = []
    for _, h in headers:
        cells = [c for c in h if c]
        if len(cells) > n_values:
            cells = cells[len(cells) - n_values:]
        while cells and not (is_year_token(cells[0]) or only_period(cells[0])):
            cells = cells[1:]  # the label column's head ("Onderwerp")
        levels.append(cells)
    if len(levels[-1]) != n_values or any(not lv for lv in levels):
        return None
    tokens = [t.rstrip("*") for lv in levels for c in lv for t in c.split()]
    periods = periods_from_tokens(tokens)
    if not periods or len(periods) != n_values:
        return None
    return [Column(label=f"{p.start.year} - {normalise_header(sub)}", period=p, header=normalise_header(sub),
                   provisional=sub.endswith("*"))
            for p, sub in zip(periods, levels[-1], strict=True)]


_PLACE_HEAD = re.compile(r"^(gemeenten?|regio|regio's|regio’s|gebied|plaats)$", re.I)


def _attach_text_roles(reading: Reading, cols: list[Column | None]) -> None:
    """A "Periode"/"Eenheid" column gives each row its own period or unit."""
    for it in reading.items:
        provisional = False
        for j, text in it.texts.items():
            col = cols[j] if j < len(cols) else None
            if col is None:
                continue
            if col.role == "note" and PROVISIONAL.fullmatch(text.strip()):
                provisional = True  # a "Status" cell: "voorlopig" beside "definitief"
            if col.role == "period":
                it.period_text = text
            elif col.role == "unit":
                it.unit_text = text
            elif col.role == "label" and _PLACE_HEAD.match((col.header or col.label).strip()):
                it.place_text = text
        if provisional and "voorlopig" not in it.period_text.lower():
            it.period_text = f"{it.period_text} (voorlopig)".strip()


# ---- reading: cells ------------------------------------------------------------------------------


def _header_cell_like(b: Block, munis=None) -> bool:
    t = b.text.strip()
    if _is_title(t) and not only_period(t):
        return False
    if is_year_token(t) or only_period(t) or role_of(t) != "value":
        return True
    if SIZE_CLASS.fullmatch(t) or t.lower() in ("nl", "nederland", "landelijk") or t.lower() in PROVINCES or (
            munis is not None and len(t.split()) <= 4 and munis.resolve(t)):
        return True  # a place column: a municipality, Nederland, a class of municipalities by size
    col = interpret(t)
    words = len(t.split())
    # a period makes a header cell only when it is most of the cell ("Werkelijk 2017", "Begroting 2023 na
    # wijziging"); "Inwoners met een Wmo 2015-maatwerkvoorziening" is a row label with a year in it
    if col.period is not None and (words <= 2 or (col.period_kind and words <= 5)):
        return True
    if (col.period_kind or col.unit or col.measure) and words <= 4:
        return True
    u, _, _ = find_unit(t)
    return u is not None or t.lower() in ("nederland", "landelijk", "regio", "totaal", "gemeente")


def read_cells(region: Region, L: list[Line], ctx: Context, default_year: int | None) -> Reading | None:
    blocks = blocks_of(L, region.start, region.end + 1)

    def is_val(b: Block) -> bool:
        return b.cell is not None and not is_year_token(b.text)

    # data start: the first value block (a row number or a value) or a label block followed by a value
    first_v = next((n for n, b in enumerate(blocks) if is_val(b)), None)
    if first_v is None:
        return None
    d = first_v
    if d >= 1 and not _header_cell_like(blocks[d - 1]):
        d -= 1  # the first row's label
        while d >= 1 and not _header_cell_like(blocks[d - 1]) and len(blocks[d - 1].text.split()) <= 6 \
                and CODE.match(blocks[d - 1].text.strip()):
            d -= 1  # a code cell before the label ("6.1")
    # header: the blocks right before the data, back to a title or a value; the header starts at the
    # position that gives as many value columns as the rows have values (trying the longest first)
    h = d
    while h >= 1 and not _is_value_block(blocks[h - 1]) and (
            _header_cell_like(blocks[h - 1]) or not _is_title(blocks[h - 1].text)):
        h -= 1
    runs = _value_runs(blocks[d:], is_val)
    if not runs:
        return None
    n_mode = Counter(runs).most_common(1)[0][0]
    chosen = None
    # the last blocks before the first row may be group headings rather than header cells ("… Verschil" /
    # "Lasten" / "Sociale basis" / -4.218): try the header ending there first, then a little earlier
    def period_cell(b: Block) -> bool:
        return is_year_token(b.text) or only_period(b.text) is not None

    # a cell that heads the label column ("Omschrijving", "Indicator") starts the header: blocks above it are titles
    heads = [i for i in range(h, d) if role_of(blocks[i].text) in ("label", "rownum")]
    if heads and heads[-1] + 1 < d and all(_header_cell_like(b) for b in blocks[heads[-1] + 1:d]):
        h = heads[-1]
    else:
        # "Indicator | peiljaar | NL | 100.000-300.000 | Eindhoven" then "Banen | 2021 | 805,5 …": the header runs from
        # its label head over the place and period cells; the first cell after them is the first row's label
        for head in reversed([i for i in range(0, d) if role_of(blocks[i].text) in ("label", "rownum")][-1:]):
            j = head + 1
            while j < d and _header_cell_like(blocks[j], ctx.municipalities):
                j += 1
            if head + 1 < j < d and any(role_of(b.text) in ("period", "unit") for b in blocks[head + 1:j]):
                h, d = head, j

    for start in range(h, d + 1):
        if h < start < d and period_cell(blocks[start - 1]) and period_cell(blocks[start]):
            continue  # a header never starts inside its run of periods ("2015 2016 2017 2018" is one header)
        cuts: list[int] = []
        for cut in range(d, max(start, d - 3) - 1, -1):
            if cut < d and _header_cell_like(blocks[cut]):
                break
            cuts.append(cut)
        # a header that ends in a header cell ("… 2022") before one that ends in a group heading ("… 2022 | Lasten")
        cuts.sort(key=lambda c: not (c > start and _header_cell_like(blocks[c - 1], ctx.municipalities)))
        for cut in cuts:
            hb = blocks[start:cut]
            hcells, unit, unit_notes = _header_cells(hb)
            cols = columns_from_cells(hcells, ctx, default_year)
            vals = _value_columns(cols)
            text_cols = [c for c in cols if c.role in ("unit", "period", "source", "note")]
            if start < cut and not (_header_cell_like(blocks[start]) or role_of(blocks[start].text) != "value"):
                continue  # a header starts with a header cell, not with a stray word or a title
            if len(vals) == n_mode or text_cols or (len(vals) > n_mode and _combine_levels(hcells, n_mode, ctx,
                                                                                            default_year)):
                chosen = (start, hb, hcells, unit, unit_notes, cols)
                d = cut
                break
        if chosen:
            break
    if chosen is None:
        start = h
        hb = blocks[h:d]
        hcells, unit, unit_notes = _header_cells(hb)
        cols = columns_from_cells(hcells, ctx, default_year)
        chosen = (h, hb, hcells, unit, unit_notes, cols)
    h, header_blocks, hcells, unit, unit_notes, cols = chosen
    notes = [b.text for b in blocks[:h]] + unit_notes
    data = blocks[d:]
    value_cols = _value_columns(cols)
    text_cols = [c for c in cols if c.role in ("unit", "period", "source", "note")]
    has_rownum = any(c.role == "rownum" for c in cols)
    if len(value_cols) != n_mode and not text_cols:
        combined = _combine_levels(hcells, n_mode, ctx, default_year)
        if combined is not None:
            value_cols = combined
        elif len(value_cols) == n_mode - 1 and not has_rownum and runs and all(r in (n_mode, n_mode - 1) for r in runs):
            pass  # a trailing row number counted as a value: handled in the row loop
    reading = Reading(columns=value_cols, items=[], header_lines=[ln.i for b in header_blocks for ln in b.lines],
                      notes=notes)
    if unit:
        reading.notes.append(f"__unit__{unit}")
    if not value_cols:
        reading.status_note = "kolomkoppen niet gevonden"
        return reading
    if text_cols:
        return _cells_with_text_columns(reading, cols, data, ctx)
    n = len(value_cols)
    k = 0
    rows_seen = 0
    while k < len(data):
        b = data[k]
        if is_val(b) and rows_seen == 0 and k + 1 < len(data) and not is_val(data[k + 1]) \
                and (b.cell and b.cell.value is not None and float(b.cell.value).is_integer() and b.cell.value < 1000):
            k += 1  # the first row's number
            continue
        if is_val(b) or is_marker(b.text) or parse_bracket(b.text):
            k += 1  # stray value: belongs to a row we could not align
            continue
        label_parts = [b.text]
        label_line = b.lines[0].line_no
        k += 1
        while k < len(data) and not is_val(data[k]) and not is_marker(data[k].text):
            nxt = data[k]
            # a label broken over two blocks: "Schuld-" / "hulpverlening", or a code before its label
            if label_parts[-1].endswith("-") or nxt.text[:1].islower() or CODE.match(label_parts[-1].strip()):
                label_parts.append(nxt.text)
                k += 1
                continue
            break
        if k >= len(data) or not is_val(data[k]):
            # a label without values: a group heading (unless the table ends here)
            if k < len(data):
                reading.items.append(RowItem(label=_join_label(label_parts), line=label_line, heading=True))
            continue
        cells: list[Cell] = []
        lines: list[int] = []
        blines: dict[int, int] = {}
        while k < len(data):
            nb = data[k]
            if is_val(nb):
                cells.append(nb.cell)  # type: ignore[arg-type]
                lines.append(nb.lines[0].line_no)
            elif is_marker(nb.text) and cells:
                c = cells[-1]
                cells[-1] = Cell(raw=c.raw, value=c.value, status=c.status, unit=c.unit, marker=nb.text.strip())
            elif parse_bracket(nb.text) and cells:
                c = cells[-1]
                cells[-1] = Cell(raw=c.raw, value=c.value, status=c.status, unit=c.unit, marker=c.marker,
                                 bracket=parse_bracket(nb.text))
                blines[len(cells) - 1] = nb.lines[0].line_no
            else:
                break
            k += 1
        rows_seen += 1
        if len(cells) == n + 1 and k < len(data) and _small_int(cells[-1]):
            cells, lines = cells[:-1], lines[:-1]  # the next row's number
        if len(cells) != n:
            reading.skipped += 1
            continue
        label, national = national_in_label(_join_label(label_parts))
        it = RowItem(label=label, cells=cells, lines=lines, line=label_line, bracket_lines=blines)
        if national:  # "Jongeren met jeugdhulp (29) (landelijk 10,6)": the national figure is no cell
            it.national, it.national_line = parse_cell(national), label_line
        reading.items.append(it)
    return reading


def _value_runs(data: list[Block], is_val) -> list[int]:
    """How many value cells follow each label: the row pattern of a cell stream."""
    runs: list[int] = []
    cur = None
    for b in data:
        if is_val(b):
            if cur is not None:
                cur += 1
        elif is_marker(b.text) or parse_bracket(b.text):
            continue
        else:
            if cur:
                runs.append(cur)
            cur = 0
    if cur:
        runs.append(cur)
    return runs


def _header_cells(hb: list[Block]) -> tuple[list[str], str | None, list[str]]:
    """Header cell texts of a cell stream, without unit notes ("(x € 1.000)") and marker columns ("N/V")."""
    cells: list[str] = []
    unit = None
    notes: list[str] = []
    for b in hb:
        u, _scale, rest = _unit_note(b.text)
        if u and len(rest.split()) <= 1 and not only_period(rest):
            notes.append(b.text)
            unit = u
            continue
        if role_of(b.text) == "marker":
            continue
        cells.append("\n".join(ln.text.strip() for ln in b.lines))
    return cells, unit, notes


def _small_int(c: Cell) -> bool:
    return c.value is not None and float(c.value).is_integer() and 0 < c.value < 1000 and "." not in c.raw \
        and "," not in c.raw


def _join_label(parts: list[str]) -> str:
    if len(parts) >= 2 and CODE.match(parts[0].strip()):
        return parts[0].strip() + " " + join_lines(parts[1:])
    return join_lines(parts)


def _cells_with_text_columns(reading: Reading, cols: list[Column], data: list[Block], ctx: Context) -> Reading:
    """Rows of a fixed schema: Nr. | Indicator | Eenheid | Periode | <gemeente> | Nederland | Bron."""
    schema = [c for c in cols if c.role != "rownum"]
    if not schema or schema[0].role not in ("label", "value"):
        return reading
    if schema[0].role == "value":
        schema = [Column(label="", role="label")] + schema
    has_rownum = any(c.role == "rownum" for c in cols)
    k = 0
    width = len(schema)
    while k < len(data):
        if has_rownum and _is_value_block(data[k]) and data[k].cell and _small_int(data[k].cell):
            k += 1
        if k + width > len(data):
            break
        row = data[k:k + width]
        if _is_value_block(row[0]):
            reading.skipped += 1
            k += 1
            continue
        cells: list[Cell] = []
        lines: list[int] = []
        texts: dict[int, str] = {}
        ok = True
        for j, (col, b) in enumerate(zip(schema, row, strict=True)):
            if j == 0:
                continue
            if col.role == "value":
                c = b.cell
                if c is None:
                    ok = False
                    break
                cells.append(c)
                lines.append(b.lines[0].line_no)
            else:
                texts[j] = b.text
        if not ok:
            reading.skipped += 1
            # resynchronise at the next block that starts a row
            k += 1
            while k < len(data) and not (has_rownum and data[k].cell and _small_int(data[k].cell)):
                k += 1
            continue
        it = RowItem(label=row[0].text, cells=cells, lines=lines, line=row[0].lines[0].line_no, texts=texts)
        for j, col in enumerate(schema):
            if j in texts and col.role == "period":
                it.period_text = texts[j]
            elif j in texts and col.role == "unit":
                it.unit_text = texts[j]
        reading.items.append(it)
        k += width
    reading.columns = [c for c in schema[1:] if c.role == "value"]
    return reading


# ---- reading: rows ---------------------------------------------------------------------------------


def _header_columns_rows(L: list[Line], hdr: list[int], n: int, ctx: Context,
                         default_year: int | None) -> tuple[list[Column] | None, list[int], list[str], bool]:
    """Columns for a space-separated body with `n` values per row, from the header lines above it.

    Returns (columns, header lines used, notes, periods_in_rows).
    """
    hdr = sorted(hdr)
    notes: list[str] = []
    use: list[int] = []
    for k in hdr:
        t = L[k].text.strip()
        u, _s, rest = _unit_note(t)
        if u and (len(rest.split()) <= 6 and not parse_kind_columns(rest)):
            notes.append(t)
            if rest and (header_tokens(rest) or parse_kind_columns(rest)):
                use.append(k)
            continue
        use.append(k)
    # 1. period words over one or several lines ("2015 2016 2017 2018" / "H1 H2 H1 H2 H1 H2 H1"); short
    #    headings between the header and the first row ("Jeugd") are skipped here and become groups
    tail: list[int] = []
    for k in reversed(use):
        ln = L[k]
        ht = _period_tokens(ln)
        if ht is None:
            if tail:
                break
            continue
        tail.insert(0, k)
    if tail:
        toks = [t for k in tail for t in _period_tokens(L[k]) or []]
        periods = periods_from_tokens([t.rstrip("*") for t in toks])
        if periods and len(periods) == n:
            cols = [Column(label=p.label, period=p) for p in periods]
            stars = {t.rstrip("*") for t in toks if t.endswith("*")}
            for c in cols:
                c.provisional = c.label in stars  # "2022*": provisional
            if toks[-1].endswith("*"):
                cols[-1].provisional = True  # "… 1e halfjaar 2024*": the last column
            return cols, tail, notes, False
    # 2. "<kind> <year> …" columns on one line
    for k in reversed(use):
        pk = parse_kind_columns(L[k].text)
        if pk:
            prefix, kcols = pk
            if len(kcols) == n:
                if prefix:
                    notes.append(prefix)
                return ([Column(label=c.label, period=c.period, period_kind=c.kind) for c in kcols], [k], notes,
                        False)
    # 3. one header line with cells separated by two or more spaces
    for k in reversed(use):
        parts = [p for p in re.split(r"\s{2,}", L[k].text.strip()) if p]
        if len(parts) >= 2:
            cols = columns_from_cells(parts, ctx, default_year)
            vals = _value_columns(cols)
            if len(vals) == n and _distinct(vals):
                pir = bool(cols and cols[0].role in ("period", "label") and cols[0].label.lower() in (
                    "jaar", "periode", "peildatum", "maand", "kwartaal", "schooljaar"))
                return vals, [k], notes, pir
    # 4. blank-separated header chunks above the rows (cells of a broken header)
    chunks = blocks_of(L, min(use), max(use) + 1) if use else []
    first = next((n for n, b in enumerate(chunks) if not _is_title(b.text) or only_period(b.text)), None)
    chunk_texts = chunks[first:] if first is not None else []
    if chunk_texts:
        cells = [normalise_header("\n".join(ln.text.strip() for ln in _drop_pull_quote(b.lines)))
                 for b in chunk_texts]
        # the header cells are the chunks closest to the rows; text further up (a pull quote) is not
        for m in (n + 1, n):
            if len(cells) > m:
                tail_cells = _merge_lowercase_chunks(cells)[-m:]
                cols = columns_from_cells(tail_cells, ctx, default_year)
                vals = _value_columns(cols)
                if len(vals) == n + 1 and tail_cells[-1].rstrip().endswith(":"):
                    vals = vals[:-1]
                if len(vals) == n and n >= 2 and _distinct(vals) and not any(_is_title(c) for c in tail_cells[-n:]):
                    return vals, [ln.i for b in chunk_texts for ln in b.lines], notes, False
        cols = columns_from_cells(cells, ctx, default_year)
        vals = _value_columns(cols)
        if len(vals) == n + 1 and cells[-1].rstrip().endswith(":"):
            vals = vals[:-1]  # "Verwijzingen na brede uitvraag naar:": a text column after the values
        if len(vals) == n and len(vals) >= 2 and _distinct(vals):
            return vals, [ln.i for b in chunk_texts for ln in b.lines], notes, False
        merged = _merge_lowercase_chunks(cells)
        if merged != cells:
            cols = columns_from_cells(merged, ctx, default_year)
            vals = _value_columns(cols)
            if len(vals) == n and len(vals) >= 2 and _distinct(vals):
                return vals, [ln.i for b in chunk_texts for ln in b.lines], notes, False
    # 4b. a header over several lines, words one space apart (a PDF text layer): stacked column by column
    stacked = _stacked_word_header(L, hdr, n, ctx, default_year)
    if stacked is not None:
        return stacked[0], stacked[1], notes + stacked[2], stacked[3]
    # 4c. period kinds on one line ("Begroting na Werkelijk Verschil"), the period from the title or report; a
    #     kind cut short ("… na") ends on the lower-case line below it ("wijziging")
    kinds = _kind_columns(L, use, n, ctx, default_year)
    if kinds is not None:
        return kinds[0], kinds[1], notes, False
    # 5. one header line whose words are the columns ("aantal % aantal %", "Zeewolde Dronten Lelystad")
    for k in reversed(use):
        words = _header_words(L[k].text.strip(), ctx)
        if not words:
            continue
        skips = [0, 1, 2]
        if len(words) > n + 2 and sum(1 for w in words[-n:] if _AGE_BAND.fullmatch(w)) >= max(2, n - 1):
            skips.append(len(words) - n)  # "Vorm van hulp 0–11 jaar 12–17 jaar 18–22 jaar Totaal": age bands
        for skip in skips:
            cand = words[skip:]
            if skip == 2 and (len(words) < 3 or role_of(words[1]) != "unit"):
                continue  # "Onderwerp Eenheid 2018 2019 2020": a unit column between the label and the values
            if len(cand) == n and (skip in (0, len(words) - n) or role_of(words[0]) != "value"
                                   or len(words) == n + 1):
                cols = columns_from_cells(cand, ctx, default_year)
                if all(c.role == "value" for c in cols) and _meaningful(cols) and _distinct(cols):
                    pir = skip == 1 and words[0].lower() in ("jaar", "periode", "peildatum", "maand")
                    return cols, [k], notes, pir
    # 6. header levels spanning groups of leaf columns ("Primitieve begroting  Bijgestelde begroting  Realisatie"
    #    over "2023 2023 2023" over "Cluster Baten Lasten Saldo Baten Lasten Saldo Baten Lasten Saldo")
    for leaf_k in reversed(use):
        words = _header_words(L[leaf_k].text.strip(), ctx)
        if len(words) == n + 1 and (role_of(words[0]) != "value" or not _meaningful([interpret(words[0])])):
            leaves = words[1:]  # the first word heads the label column ("Cluster", "Onderdeel")
        elif len(words) == n:
            leaves = words
        else:
            continue
        levels: list[list[str]] = []
        used_lines = [leaf_k]
        for k in reversed([k for k in use if k < leaf_k]):
            groups = _span_groups(L[k].text)
            if groups and len(groups) < n and n % len(groups) == 0:
                levels.insert(0, groups)
                used_lines.insert(0, k)
            else:
                break
        if not levels:
            continue
        cols = []
        for i, leaf in enumerate(leaves):
            parent = " ".join(level[i // (n // len(level))] for level in levels)
            cols.append(interpret(leaf, ctx.municipalities, default_year, parent=parent))
        if _distinct(cols) and all(c.role == "value" for c in cols):
            return cols, used_lines, notes, False
    # 7. kinds on one line, their periods on the next ("Onderdeel Begroting Realisatie t/m Prognose Afwijking"
    #    over "2023 30 juni 2023 2023"): periods go to the kind columns in order; a difference column has none
    for a, b in zip(use, use[1:], strict=False):
        if b != a + 1 and any(L[k].kind != "blank" for k in range(a + 1, b)):
            continue
        segs = _kind_segments(L[a].text)
        if not segs or len(segs) != n:
            continue
        periods = [pm.text for pm in scan(L[b].text) if pm.period is not None or pm.kind == "date"]
        if _KIND_PHRASE.sub("", L[b].text).strip() and not periods:
            continue
        needs = [i for i, s in enumerate(segs) if not re.search(r"\b(afwijking|verschil|mutatie|norm)\b", s, re.I)]
        if len(periods) != len(needs):
            continue
        texts = list(segs)
        for i, p in zip(needs, periods, strict=True):
            texts[i] = f"{segs[i]} {p}"
        cols = columns_from_cells(texts, ctx, default_year)
        if all(c.role == "value" for c in cols) and _distinct(cols):
            return cols, [a, b], notes, False
    # 8. one single-spaced header line whose column names each start with a capital ("Kern Inwoners Wmo-cliënten
    #    Jeugdigen met jeugdhulp", "Onderdeel Rekening 2022 Primitief 2023 Na wijziging 2023 Verschil"): lower-case
    #    words and years belong to the name before them; the first name heads the label column
    for k in reversed(use):
        groups = _capital_groups(L[k].text)
        if groups is None or len(groups) != n + 1 or role_of(groups[0]) != "label":
            continue
        cols = columns_from_cells(groups[1:], ctx, default_year)
        if all(c.role == "value" for c in cols) and _distinct(cols):
            return cols, [k], notes, False
    return None, [], notes, False


def _is_region_scope(label: str) -> bool:
    low = label.strip().lower()
    return low in PROVINCES or bool(re.match(r"^(regio|provincie|g\s?\d+)\b", low))


def _capital_groups(text: str) -> list[str] | None:
    """Column names of a single-spaced header, each starting at a word with a capital; None when a name would
    start with a number or the line is no header (a sentence)."""
    toks = text.split()
    if len(toks) < 3 or toks[-1].endswith((".", ":", ",")) or not toks[0][:1].isupper():
        return None
    groups: list[list[str]] = []
    for t in toks:
        if t[:1].isupper():
            groups.append([t])
        else:
            groups[-1].append(t)
    return [" ".join(g) for g in groups]


def _stacked_word_header(L: list[Line], hdr: list[int], n: int, ctx: Context, default_year: int | None
                         ) -> tuple[list[Column], list[int], list[str], bool] | None:
    """Columns from header lines printed one space apart over several lines ("Vorm van jeugdhulp Realisatie
    Realisatie Prognose" / "2022 1e halfjaar 2023" / "2023"): headers.stack_words puts the words of each
    line in their columns. Accepted only when every column ends up with a period or a period kind, or when
    the label column is headed "Periode"/"Jaar" (periods in the rows, measures in the columns)."""
    cand = [k for k in sorted(hdr) if L[k].kind in ("text", "header", "note")]

    def incomplete(parts: list[str]) -> bool:
        t = normalise_header("\n".join(parts))
        return open_ended(t) or (kind_of(t) != "afwijking" and header_period(t, None) is None)

    blocks = [cand[a:b] for a in range(len(cand)) for b in range(len(cand), a + 1, -1)
              if all(y == x + 1 for x, y in zip(cand[a:b], cand[a + 1:b], strict=False))]
    blocks.sort(key=lambda ks: (-len(ks), -ks[-1]))
    for ks in blocks:
        below = [k for k in cand if k > ks[-1]]
        if any(len(L[k].text.split()) > 4 for k in below):
            continue  # only short group headings may stand between the header and the rows
        texts, notes = [], []
        for k in ks:
            u, _s, rest = find_unit(L[k].text.strip())
            if u:
                notes.append(f"__unit__{u}")
            texts.append(rest if u else L[k].text.strip())
        res = stack_words(texts, n, incomplete)
        if res is None:
            continue
        head, cells = res
        cols = columns_from_cells(cells, ctx, default_year)
        if not all(c.role == "value" for c in cols) or not _distinct(cols) or any(open_ended(c.label) for c in cols):
            continue
        pir = head is not None and role_of(head) == "period"
        if not pir and not all(c.period or c.period_kind or c.municipality for c in cols):
            continue
        return cols, ks, notes, pir
    return None


_KIND_WORD = re.compile(r"^(begroting|begroot|realisatie|rekening|jaarrekening|prognose|raming|afwijking|verschil"
                        r"|streefwaarde|norm|primitieve|primitief|actuele|bijgestelde|gewijzigde|werkelijk|mutatie)$",
                        re.IGNORECASE)


def _kind_columns(L: list[Line], use: list[int], n: int, ctx: Context, default_year: int | None
                  ) -> tuple[list[Column], list[int]] | None:
    for k in reversed(use):
        segs = _kind_segments(L[k].text)
        if not segs or len(segs) != n or any(scan(sg) for sg in segs):
            continue  # kinds with periods are steps 2 and 7
        used = [k]
        nxt = next((j for j in use if j > k), None)
        if nxt is not None and any(pm.period is not None or pm.kind == "date" for pm in scan(L[nxt].text)):
            continue  # the periods of the kinds stand on the next line (step 7)
        open_seg = [i for i, sg in enumerate(segs) if re.search(r"\s(na|voor|t/m|tot|van|per)$", sg, re.I)]
        if nxt is not None and len(open_seg) == 1:
            rest = L[nxt].text.strip()
            if rest[:1].islower() and len(rest.split()) <= 3 and not re.search(r"\d", rest):
                segs[open_seg[0]] = f"{segs[open_seg[0]]} {rest}"
                used.append(nxt)
        if any(L[j].kind != "blank" for j in range(k + 1, max(used))):
            continue
        cols = columns_from_cells(segs, ctx, default_year)
        if all(c.role == "value" for c in cols) and _distinct(cols) and all(c.period_kind for c in cols):
            return cols, used
    return None


def _kind_segments(text: str) -> list[str] | None:
    """"Onderdeel Begroting Realisatie t/m Prognose Afwijking" -> ["Begroting", "Realisatie t/m", "Prognose",
    "Afwijking"]: each period-kind word starts a column; words before the first head the label column."""
    toks = text.split()
    segs: list[list[str]] = []
    for t in toks:
        starts = _KIND_WORD.match(t) and not (segs and re.match(r"^(primitieve|primitief|actuele|bijgestelde|gewijzigde)$",
                                                                 segs[-1][-1], re.I))
        if starts:
            segs.append([t])
        elif segs:
            segs[-1].append(t)
    if len(segs) < 2:
        return None
    return [" ".join(s) for s in segs]


_KIND_PHRASE = re.compile(
    r"(?:(?:primitieve|bijgestelde|actuele|gewijzigde|oorspronkelijke|oorspr\.)\s+)?"
    r"(?:begroting|realisatie|rekening|raming|jaarrekening|prognose|werkelijk)(?:\s+(?:na|voor)\s+wijziging)?"
    r"(?:\s+(?:19|20)\d\d)?", re.IGNORECASE)


_KIND_YEAR = re.compile(
    r"(?<!\w)(?:(?:primitieve|bijgestelde|actuele|gewijzigde|oorspronkelijke)\s+)?"
    r"(?:begroting|begroot|realisatie|rekening|raming|jaarrekening|prognose|werkelijk|streefwaarde|norm)"
    r"\s+(?:19|20)\d\d\*?(?:\s+(?:na|voor)\s+wijziging)?(?!\w)", re.IGNORECASE)


def _span_groups(text: str) -> list[str] | None:
    """The group labels of a spanning header line: years ("2023 2023 2023") or kind phrases."""
    t = text.strip()
    toks = t.split()
    if toks and all(is_year_token(x) for x in toks):
        return toks
    ms = list(_KIND_PHRASE.finditer(t))
    if len(ms) < 2 or _KIND_PHRASE.sub("", t).strip():
        # "Jeugd Wmo" over "Kern 2022 2023 2022 2023": one word per group of leaf columns
        if 2 <= len(toks) <= 4 and all(re.fullmatch(r"[A-ZÀ-Ý][\w-]*", x) for x in toks) \
                and all(role_of(x) == "value" for x in toks):
            return toks
        return None
    return [" ".join(m.group().split()) for m in ms]


_LEGEND = re.compile(r"^\s*\((\d{1,2})\)\s*[=:]\s*(\S.*)$")


def _legend_text(text: str, ctx: Context) -> str:
    """A numbered column head ("(2)") by the legend under its table ("(2) = Begroting 2023 na wijziging")."""
    m = re.fullmatch(r"\s*\((\d{1,2})\)\s*", text or "")
    if m is None:
        return text
    for line in ctx.lines:  # rare: only tables with numbered heads get here
        lm = _LEGEND.match(line)
        if lm and lm.group(1) == m.group(1):
            return re.split(r"\s*[;(]", lm.group(2).strip(), maxsplit=1)[0].strip()
    return text


def _period_tokens(ln: Line) -> list[str] | None:
    ht = header_tokens(ln.text)
    if ht is not None:
        return ht
    head, _, rest = ln.text.strip().partition(" ")
    if role_of(head) in ("label", "period") and header_tokens(rest) is not None:
        return header_tokens(rest)  # "Onderwerp 1e halfjaar 2023 2e halfjaar 2023": the head of the label column
    if ln.split is not None and not ln.split.label and ln.split.cells and all(
            is_year_token(c.raw) for c in ln.split.cells):
        return [c.raw for c in ln.split.cells]
    return None


def _distinct(cols: list[Column]) -> bool:
    """Columns that cannot be told apart ("H1", "H1") do not make a header."""
    keys = [(c.label, c.period, c.period_kind, c.municipality, c.unit) for c in cols]
    return len(set(keys)) == len(keys)


def _drop_pull_quote(lines: list[Line]) -> list[Line]:
    """Capital-letter lines of a pull quote glued to a header cell ("INWONERS”" above "Aantal")."""
    def caps(t: str) -> bool:
        letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", t)
        return len(letters) >= 2 and letters.isupper()
    rest = [ln for ln in lines if not caps(ln.text)]
    return rest or lines


def _merge_lowercase_chunks(cells: list[str]) -> list[str]:
    out: list[str] = []
    for c in cells:
        if out and (c[:1].islower() or out[-1].endswith("-")):
            out[-1] = join_lines([out[-1], c])
        else:
            out.append(c)
    return out


def _meaningful(cols: list[Column]) -> bool:
    """Word-per-column headers are trusted only when most words say something about a column."""
    known = sum(1 for c in cols if c.period or c.municipality or c.unit or c.period_kind or c.measure
                or _AGE_BAND.fullmatch(c.label))
    return known * 2 > len(cols)


_LABEL_UNIT = re.compile(
    r"\s+(aantal(?:len)?|%|procent|percentage|per\s+1[.\s]?000\s+\w+(?:\s+\d+\+|\s+\d+\s*[-–]\s*\d+\s+jaar)?"
    r"|per\s+\d+\s+\w+|x\s*€\s*1[.\s]?000|€(?:\s*x\s*1[.\s]?000)?|euro|index|rapportcijfer|cijfer|weken|dagen|jaren"
    r"|uren|fte|huishoudens|personen)$", re.I)


def _label_unit(label: str) -> tuple[str, str]:
    """Split the unit cell off the end of a row label ("Huishoudens met bijstand aantal" -> "aantal")."""
    m = _LABEL_UNIT.search(label)
    if not m or not label[:m.start()].strip():
        return label, ""
    return label[:m.start()].strip(), m.group(1)


_AGE_BAND = re.compile(r"(?<![\w.,])(?:\d{1,2}\s*[–-]\s*\d{1,2}\s*(?:jaar|jr\.?)?|\d{1,2}\s*jaar\s+en\s+ouder|\d{1,2}\+)"
                       r"(?![\w.,])")


def _header_words(text: str, ctx: Context) -> list[str]:
    """Split a header line into column words, keeping known multi-word names together."""
    names = sorted(ctx.municipalities.known_names(), key=len, reverse=True)
    rest = text
    found: list[tuple[int, str]] = []
    for nm in names:
        if " " not in nm and "-" not in nm:
            continue
        for m in re.finditer(rf"(?<!\w){re.escape(nm)}(?!\w)", rest):
            found.append((m.start(), nm))
            rest = rest[:m.start()] + "\x00" * len(nm) + rest[m.end():]
    # a period kind with its year stays one column ("Begroot 2023", "Begroting 2023 na wijziging")
    for m in _KIND_YEAR.finditer(rest):
        found.append((m.start(), " ".join(m.group().split())))
        rest = rest[:m.start()] + "\x00" * (m.end() - m.start()) + rest[m.end():]
    # age bands stay one column ("0–11 jaar", "18-22 jr", "65 jaar en ouder", "75+")
    for m in _AGE_BAND.finditer(rest):
        found.append((m.start(), " ".join(m.group().split())))
        rest = rest[:m.start()] + "\x00" * (m.end() - m.start()) + rest[m.end():]
    # period phrases stay one column ("1e halfjaar", "t/m 30 juni 2023", "Q1+Q2")
    for pm in scan(rest):
        if " " in pm.text.strip() or "+" in pm.text:
            a, b = pm.start, pm.end
            pre = re.search(r"(?:t/m|tot en met|tot)\s+$", rest[:a])
            if pre:
                a = pre.start()
            found.append((a, rest[a:b]))
            rest = rest[:a] + "\x00" * (b - a) + rest[b:]
    for m in re.finditer(r"per 1\.?000 \w+|[^\s\x00]+", rest):
        found.append((m.start(), m.group()))
    found.sort()
    return [w for _, w in found]


@dataclass
class _AlignedLine:
    """One body line of a space-aligned table cut at the column slots."""

    k: int  # 0-based line
    label: str
    cells: dict[int, Cell]  # value cells by slot
    texts: dict[int, str]  # text cells (Eenheid, Periode) by slot


def read_aligned(region: Region, L: list[Line], ctx: Context, default_year: int | None,
                 claimed: set[int]) -> Reading | None:
    """A space-aligned body (a layout-preserving PDF dump): header and cells by character position.

    None when the body is not aligned or its header cannot be placed over its columns; read_rows reads it then.
    """
    fns = ctx.footnote_numbers
    body = region.body
    data = [k for k in body if L[k].kind in ("row", "values")]
    if len(data) < 2 or sum(1 for k in data if aligned.aligned_row(L[k].text)) < max(2.0, 0.8 * len(data)):
        return None
    margin = min(aligned.segments(L[k].text)[0].start for k in body if L[k].text.strip())

    label_end = max((aligned.segments(L[k].text)[0].end for k in body if L[k].kind == "row"
                     and aligned.segments(L[k].text) and aligned.segments(L[k].text)[0].start <= margin + 1),
                    default=0)

    def split(k: int) -> tuple[str, list[aligned.Seg]]:
        segs = aligned.segments(L[k].text)
        label = ""
        # a first fragment that starts right of every row's label is a cell of a text column wrapped onto a line
        # of its own ("per 1.000 inwoners" / "15-64 jaar" under Eenheid), not a label
        if segs and segs[0].start > margin + 1 and segs[0].start >= label_end:
            return "", aligned.split_values(segs, fns)
        if segs and (aligned.value_cell(segs[0].text, fns) is None
                     or (segs[0].start <= margin + 1 and is_year_token(segs[0].text))):
            label, segs = segs[0].text, segs[1:]
        return label, aligned.split_values(segs, fns)

    slots = aligned.find_slots([split(k)[1] for k in body])
    if not slots:
        return None

    def label_zone(sg: aligned.Seg) -> bool:
        return sg.end <= slots[0][0] and not any(sg.start < b and a < sg.end for a, b in slots)

    # the header: the run of lines right above the body with fragments over the slots; label-column lines
    # between it and the body are group headings, unit notes are notes
    header: list[int] = []
    headings: list[int] = []
    notes: list[str] = []
    for k in _header_above(L, body[0], claimed, allow_values=True):
        segs = aligned.segments(L[k].text)
        kept = []
        for sg in segs:
            u, _s, rest = _unit_note(sg.text)
            if u and len(rest.split()) <= 1:
                notes.append(sg.text)
            else:
                kept.append(sg)
        if not kept:
            continue
        if all(label_zone(sg) for sg in kept):
            if header:
                notes.append(L[k].text.strip())
                break
            headings.insert(0, k)
            continue
        if header and (k != header[0] - 1 or (len(kept) == 1 and kept[0].start <= margin + 1)):
            notes.append(L[k].text.strip())
            break  # a blank line or a title above the header
        header.insert(0, k)
    if not header:
        return None
    def column_word(w: str) -> bool:  # a word that names a column on its own: a place, a period, a kind
        c = interpret(w, ctx.municipalities, default_year)
        return bool(c.municipality or c.period or c.period_kind)

    heads = aligned.stack_header([[sg for sg in aligned.segments(L[k].text) if not _unit_note(sg.text)[0]]
                                  for k in header], slots, margin, column_word)
    if heads is None:
        return None
    roles: list[str] = []
    cols: list[Column | None] = []
    heads = [aligned.SlotHeader(_legend_text(h.text, ctx), h.parent) for h in heads]
    for i, h in enumerate(heads):
        text = normalise_header(h.text or h.parent or "")
        if not text:
            texts_only = all(aligned.value_cell(sg.text, fns) is None for k in body for sg in split(k)[1]
                             if aligned.slot_of(sg, slots) == i)
            if not texts_only or any(r == "value" for r in roles):
                return None  # values under no header
            roles.append("label")
            cols.append(None)
            continue
        role = role_of(text)
        roles.append(role)
        if role == "value":
            cols.append(interpret(h.text or h.parent or "", ctx.municipalities, default_year,
                                  parent=h.parent if h.text else None))
        else:
            cols.append(None)
    value_slots = [i for i, r in enumerate(roles) if r == "value"]
    value_cols = [c for c in cols if c is not None]
    if not value_slots or not _distinct(value_cols):
        return None

    # the body, line by line: label, value cells and text cells by slot
    entries: list[_AlignedLine] = []
    last_lead = ""
    skipped = 0
    for k in body:
        label, segs = split(k)
        lead = label  # the label at the margin; a second label column ("Lasten" / "Baten" / "Saldo") follows it
        cells: dict[int, Cell] = {}
        texts: dict[int, str] = {}
        bad = False
        for sg in segs:
            i = aligned.slot_of(sg, slots)
            if i is None or i in cells or i in texts:
                bad = True
                break
            if roles[i] == "value":
                c = aligned.value_cell(sg.text, fns)
                if c is None:
                    bad = True
                    break
                cells[i] = c
            elif roles[i] == "marker" and cells:
                j = max(cells)
                c = cells[j]
                cells[j] = Cell(raw=c.raw, value=c.value, status=c.status, unit=c.unit, marker=sg.text)
            elif roles[i] == "label":
                label = f"{label} {sg.text}".strip()
            else:
                texts[i] = sg.text
        if bad:
            skipped += L[k].kind in ("row", "values")
            continue
        if not label and not cells:
            if texts and entries and _adjacent(L, entries[-1].k, k):
                for i, t in texts.items():  # a text cell wrapped onto the next line ("per 1.000 inwoners" / "15-64 jaar")
                    entries[-1].texts[i] = f"{entries[-1].texts.get(i, '')} {t}".strip()
            continue
        if cells and lead:
            last_lead = lead
        elif cells and label and last_lead and _adjacent(L, entries[-1].k if entries else k, k):
            # "6.81 Geëscaleerde zorg 18+   Lasten …" / "   Baten …": the first label spans the rows below it
            label = f"{last_lead} {label}"
        entries.append(_AlignedLine(k, label, cells, texts))

    reading = Reading(columns=value_cols, items=[], header_lines=sorted(header + headings), notes=notes)
    width = max(len(e.label) for e in entries) if entries else 0
    pending = _first_label_start(L, headings, body[0])
    for k in headings[:len(headings) - len(pending)]:
        reading.items.append(RowItem(label=L[k].text.strip(), line=k + 1, heading=True))
    last_row: tuple[int, RowItem] | None = None
    for n_e, e in enumerate(entries):
        if e.cells:
            label = join_lines(pending + [e.label]) if pending else e.label
            pending = []
            if not label:
                skipped += 1
                continue
            if len(e.cells) < len(value_slots):
                # a row with fewer values than the table has columns: where the printer left cells out cannot be
                # told for sure (never guess which year a value belongs to): not stored, the table is partly read
                skipped += 1
                last_row = None
                continue
            label, national = national_in_label(label)
            it = RowItem(label=label, cells=[e.cells.get(i, Cell(raw="", value=None)) for i in value_slots],
                         lines=[e.k + 1] * len(value_slots), line=e.k + 1)
            if national:
                it.national, it.national_line = parse_cell(national), e.k + 1
            for i, t in e.texts.items():
                if roles[i] == "period":
                    it.period_text = t
                elif roles[i] == "unit":
                    it.unit_text = t
            reading.items.append(it)
            last_row = (e.k, it)
            continue
        nxt = entries[n_e + 1] if n_e + 1 < len(entries) else None
        if pending:
            if nxt is not None and _adjacent(L, e.k, nxt.k) and (e.label[:1].islower() or open_ended(pending[-1])):
                pending.append(e.label)
                continue
            reading.items.append(RowItem(label=join_lines(pending), line=e.k + 1, heading=True))
            pending = []
        prev = last_row[1] if last_row and _adjacent(L, last_row[0], e.k) else None
        next_label = nxt.label if nxt is not None and nxt.cells and _adjacent(L, e.k, nxt.k) else None
        more = any(x.cells for x in entries[n_e + 1:])
        deeper = prev is not None and next_label is not None and nxt is not None and all(
            _indent(L[e.k].text) > _indent(L[x].text) for x in (prev.line - 1, nxt.k))
        role = wrapped_label_role(e.label, prev.label if prev else None, next_label, more, width, deeper)
        if role == "continue" and prev is not None:
            prev.label = join_lines([prev.label, e.label])
            last_row = (e.k, prev)
        elif role == "start":
            pending.append(e.label)
        else:
            reading.items.append(RowItem(label=e.label, line=e.k + 1, heading=True))
            last_row = None
    if last_row is not None and not pending:
        _label_tail(L, last_row, region.end + 1, claimed, reading)
    reading.skipped = skipped
    rows = [it for it in reading.items if not it.heading]
    if not rows:
        return None
    reading.periods_in_rows = (all(it.period_text == "" and only_period(it.label.rstrip("*")) for it in rows)
                               or _stage_rows([it.label for it in rows])) and all(c.period is None for c in value_cols)
    return reading


def read_rows(region: Region, L: list[Line], ctx: Context, default_year: int | None,
              claimed: set[int]) -> Reading | None:
    body = region.body
    rows = [k for k in body if _rowish(L[k])]
    ns = [L[k].n - (1 if L[k].kind == "values" else 0) for k in rows]
    counts = Counter(x for x in ns if x >= 1)
    if not counts:
        return None
    n_mode = counts.most_common(1)[0][0]
    n_max = max(counts)
    hdr = _header_above(L, body[0], claimed, allow_values=True)
    cols = None
    used: list[int] = []
    notes: list[str] = []
    pir = False
    for n in dict.fromkeys([n_mode, n_max]):
        cols, used, notes, pir = _header_columns_rows(L, hdr, n, ctx, default_year)
        if cols:
            break
    period_rows = _period_row_labels(L, rows)
    if cols is None and period_rows and n_mode == 1:
        # "2016 2.410": a period and one value per row; the header (if any) names the measure
        title = next((L[k].text.strip() for k in sorted(hdr) if L[k].kind in ("text", "header")), "")
        parts = [p for p in re.split(r"\s{2,}", title) if p]
        label = parts[-1] if len(parts) >= 2 else (re.sub(r"^(jaar|periode)\s+", "", title, flags=re.I) or "waarde")
        cols = [Column(label=label, unit=unit_of(label))]
        used = [k for k in hdr if L[k].text.strip() == title]
        pir = True
    if cols is None:
        r = Reading(columns=[], items=[], notes=notes, status_note="kolomkoppen niet uit te lijnen met de waarden")
        r.header_lines = [k for k in hdr]
        return r
    n = len(cols)
    reading = Reading(columns=cols, items=[], header_lines=sorted(used), notes=notes)
    # an "Eenheid" head before the value columns: each row's unit ends its label ("Bijstandsdichtheid per 1.000
    # inwoners 18,9 17,8")
    unit_column = any(role_of(w) == "unit" for k in used for w in _header_words(L[k].text.strip(), ctx)[:2])
    below = [k for k in sorted(hdr) if used and k > max(used) and L[k].kind == "text"]
    pending_label = _first_label_start(L, below, body[0])
    for k in below[:len(below) - len(pending_label)]:  # "Jeugd" between the header and the first row: a heading
        reading.items.append(RowItem(label=L[k].text.strip(), line=k + 1, heading=True))
    reading.periods_in_rows = pir or bool(period_rows and len(period_rows) == len(rows))
    last_row: tuple[int, RowItem] | None = None  # the line a data row ends on, and the row
    width = max(len(_row_label(L, k) or L[k].text.strip()) for k in body)
    k_i = 0
    while k_i < len(body):
        k = body[k_i]
        ln = L[k]
        if ln.kind == "text" and is_bullet(ln.text):
            k_i += 1  # a bullet of a text column, not a heading
            continue
        if ln.kind == "text" and k_i + 1 < len(body) and L[body[k_i + 1]].kind == "values" \
                and L[body[k_i + 1]].n == n and not _period_row_labels(L, [body[k_i + 1]]):
            # a label on one line, its values on the next ("Eindtotaal" / "887 949 976 …")
            nl = L[body[k_i + 1]]
            label = join_lines(pending_label + [ln.text.strip()])
            pending_label = []
            reading.items.append(RowItem(label=label, cells=list(nl.split.cells), lines=[nl.line_no] * n,  # type: ignore
                                         line=k + 1, units=list(nl.split.units)))  # type: ignore[union-attr]
            k_i += 2
            continue
        if ln.kind == "text":
            t = ln.text.strip()
            nxt = body[k_i + 1] if k_i + 1 < len(body) else None
            next_label = _row_label(L, nxt) if nxt is not None and _adjacent(L, k, nxt) else None
            if pending_label:
                if next_label is not None and (t[:1].islower() or open_ended(pending_label[-1])):
                    pending_label.append(t)  # a label over three lines
                    k_i += 1
                    continue
                reading.items.append(RowItem(label=join_lines(pending_label), line=k + 1, heading=True))
                pending_label = []
            prev = last_row[1] if last_row is not None and _adjacent(L, last_row[0], k) else None
            more = any(_rowish(L[x]) or L[x].kind == "values" for x in body[k_i + 1:])
            deeper = prev is not None and next_label is not None and nxt is not None and all(
                _indent(ln.text) > _indent(L[x].text) for x in (prev.line - 1, nxt))
            role = wrapped_label_role(t, prev.label if prev else None, next_label, more, width, deeper)
            if role == "continue" and prev is not None:
                prev.label = join_lines([prev.label, t])  # the rest of the label of the row above
                last_row = (k, prev)
            elif role == "start":
                pending_label.append(t)  # a label broken over two lines, its values on the second
            elif not _text_cell_line(t):
                reading.items.append(RowItem(label=t, line=k + 1, heading=True))
                last_row = None
            k_i += 1  # (a lower-case line that goes with no row: a cell of a text column, no heading)
            continue
        if not _rowish(ln):
            k_i += 1
            reading.skipped += ln.kind == "values"
            continue
        sr = ln.split
        assert sr is not None
        share_line = None
        if ln.kind == "values":
            label, cells = sr.cells[0].raw, list(sr.cells[1:])
            units = list(sr.units[1:])
        else:
            label, cells, units = sr.label, list(sr.cells), list(sr.units)
            if cells and is_year_token(cells[0].raw) and only_period(f"{label} {cells[0].raw}"):
                label, cells, units = f"{label} {cells[0].raw}", cells[1:], units[1:]  # "1e halfjaar 2022 …"
        lines = [k + 1] * len(cells)
        if pending_label:
            label = join_lines(pending_label + [label])
            pending_label = []
        # values wrapped onto the next lines
        while len(cells) < n and k_i + 1 < len(body) and L[body[k_i + 1]].kind in ("values", "marker"):
            k_i += 1
            nl = L[body[k_i]]
            if nl.kind == "marker" and cells:
                c = cells[-1]
                cells[-1] = Cell(raw=c.raw, value=c.value, unit=c.unit, marker=nl.text.strip())
                continue
            for c in nl.split.cells:  # type: ignore[union-attr]
                if c.value is None and c.status is None and c.bracket is None and cells:
                    continue
                if parse_bracket(c.raw) and cells:
                    prev = cells[-1]
                    cells[-1] = Cell(raw=prev.raw, value=prev.value, status=prev.status, unit=prev.unit,
                                     marker=prev.marker, bracket=c)
                    continue
                cells.append(c)
                lines.append(nl.line_no)
                units.append(None)
        # a share in brackets on the next line ("48" / "(9%)")
        if k_i + 1 < len(body) and L[body[k_i + 1]].kind == "values" and L[body[k_i + 1]].n == len(cells) and all(
                parse_bracket(c.raw) for c in L[body[k_i + 1]].split.cells):  # type: ignore[union-attr]
            k_i += 1
            nl = L[body[k_i]]
            cells = [Cell(raw=c.raw, value=c.value, status=c.status, unit=c.unit, marker=c.marker, bracket=b)
                     for c, b in zip(cells, nl.split.cells, strict=True)]  # type: ignore[union-attr]
            share_line = nl.line_no
        if len(cells) != n:
            reading.skipped += 1
            last_row = None
            k_i += 1
            continue
        label, national = national_in_label(label)
        unit_text = ""
        if unit_column:
            label, unit_text = _label_unit(label)
        it = RowItem(label=label, cells=cells, lines=lines, line=k + 1, units=units, unit_text=unit_text)
        if share_line:
            it.bracket_lines = {i: share_line for i in range(len(cells))}
        if national:
            it.national = parse_cell(national)
            it.national_line = k + 1
        reading.items.append(it)
        last_row = (body[k_i], it)
        k_i += 1
    if last_row is not None and not pending_label:
        _label_tail(L, last_row, region.end + 1, claimed, reading)
    return reading


def _first_label_start(L: list[Line], above: list[int], first: int) -> list[str]:
    """The label line right above a table's first row that begins that row's label ("Jeugdbeschermings- en
    jeugd-" / "reclasseringsmaatregelen  61 …"), as a pending label; [] when the lines above are headings."""
    if not above or not _adjacent(L, above[-1], first):
        return []
    t = L[above[-1]].text.strip()
    nxt = _row_label(L, first)
    if nxt is not None and wrapped_label_role(t, None, nxt.strip()) == "start":
        return [t]
    return []


def _row_label(L: list[Line], k: int) -> str | None:
    """The label of body line `k` when it is a data row ("" for a line of values only), else None."""
    ln = L[k]
    if ln.kind == "row" and ln.split is not None:
        return ln.split.label
    if ln.kind == "values":
        return ""
    return None


def _adjacent(L: list[Line], a: int, b: int) -> bool:
    """Lines `a` < `b` with no blank line between them (a page footer between them does not count)."""
    return a < b and all(L[x].kind == "furniture" for x in range(a + 1, b))


_NOTE_START = re.compile(r"^(?:\*|bron|bronnen|noot|toelichting|opmerking|peildatum|n\.b\.|-\s*=|\d+\)|[a-z]\))",
                         re.IGNORECASE)


def _label_tail(L: list[Line], last_row: tuple[int, RowItem], k: int, claimed: set[int], reading: Reading) -> None:
    """The line right after a table's last row that finishes its label ("Jeugdbescherming en jeugd- 71 64 -" /
    "reclassering"): the label is joined and the table runs on over that line."""
    if k >= len(L) or k in claimed or L[k].kind not in ("text", "header") or not _adjacent(L, last_row[0], k):
        return
    t = L[k].text.strip()
    if len(t.split()) > 8 or ":" in t or t.endswith((".", "?", "!")) or _NOTE_START.match(t) \
            or len(aligned.segments(L[k].text)) != 1:
        return
    it = last_row[1]
    if wrapped_label_role(t, it.label, None, more_rows=False) == "continue":
        it.label = join_lines([it.label, t])
        reading.end = k


def _period_row_labels(L: list[Line], rows: list[int]) -> list[int]:
    out = []
    for k in rows:
        sr = L[k].split
        if sr is None:
            continue
        label = sr.cells[0].raw if L[k].kind == "values" else sr.label
        label = re.sub(r"\s*\((voorlopig|prognose|raming)\)\s*$|\*$", "", label.strip(), flags=re.I)
        if only_period(label):
            out.append(k)
    return out


# ---- from a reading to cells -------------------------------------------------------------------


def difference_periods(columns: list[Column]) -> None:
    """A difference column without a period of its own ("Verschil", "Afwijking") compares the columns before
    it: it takes the period of the nearest column to its left ("t/m juni 2022 | t/m juni 2023 | Verschil" ->
    the first half of 2023; "Begroting 2023 | Realisatie 2023 | Afwijking" -> 2023)."""
    for i, col in enumerate(columns):
        if col.period_kind != "afwijking" and not (col.period_kind is None and USE_OF_BUDGET.search(col.label or "")) \
                and not (col.unit == "index" and col.period is None):
            continue
        left = next((c for c in reversed(columns[:i]) if c.period is not None), None)
        if left is None:
            continue
        if col.period is None:
            col.period = left.period
        elif left.period != col.period and col.period.start <= left.period.start and left.period.end <= col.period.end:
            # "2024: 1e halfjaar | Verschil", "Realisatie t/m juni 2024 | Uitputting": the half, not the year above
            col.period = left.period


_BUDGET_AND_FORECAST = re.compile(r"\bbegroting\w*\s*(?:en|&|\+|/)\s*(?:meerjaren)?raming", re.I)


def budget_then_forecast(columns: list[Column], budget_year: int | None = None) -> None:
    """"Begroting en meerjarenraming" over 2025 | 2026 | 2027: the first year is the budget, the later ones the
    multi-year forecast; so are budget columns after the document's own budget year ("Begroting" over 2024 … 2028
    in the budget for 2025: 2026 to 2028 are the meerjarenraming)."""
    group = [c for c in columns if c.period is not None and _BUDGET_AND_FORECAST.search(c.label or "")]
    if len({c.period.label for c in group}) >= 2:
        first = min(group, key=lambda c: c.period.start)
        for c in group:
            c.period_kind = "begroting" if c is first else "raming"
    plans = [c for c in columns if c.period is not None and c.period_kind == "begroting" and c.period.kind == "year"]
    if budget_year and any(c.period.start.year == budget_year for c in plans):  # type: ignore[union-attr]
        for c in plans:
            if c.period.start.year > budget_year:  # type: ignore[union-attr]
                c.period_kind = "raming"


_SALDO_HEAD = re.compile(r"^(?:verwacht\w*\s+|geprognosticeerd\w*\s+)?(?:saldo|resultaat)\b", re.I)


def saldo_as_difference(columns: list[Column]) -> None:
    """"Begroting 2024 | Prognose 2024 | Verwacht saldo 2024": a saldo column after a budget and a realisation or
    forecast of the same table is their difference (a "Lasten | Baten | Saldo" table has no such columns)."""
    for i, col in enumerate(columns):
        if not _SALDO_HEAD.match(col.label or ""):
            continue
        before = {c.period_kind for c in columns[:i]}
        if "begroting" in before and before & {"realisatie", "raming", "voorlopig"}:
            col.period_kind = "afwijking"


def total_periods(columns: list[Column]) -> None:
    """A total column after months, quarters or halves ("jan … jun | Totaal") adds them up: its period runs from
    the first to the last of them ("Totaal" = the first half year)."""
    subs = [c.period for c in columns if c.period is not None]
    if not subs or any(p.kind not in ("month", "quarter", "half") for p in subs) or \
            len({p.start.year for p in subs}) != 1:
        return
    for col in columns:
        if col.period is None and col.measure == "totaal" and not col.municipality:
            start, end = min(p.start for p in subs), max(p.end for p in subs)
            col.period = year_to_date(end) if (start.month, start.day) == (1, 1) else \
                Period(start, end, f"{start.isoformat()}..{end.isoformat()}")


def _name_regions(columns: list[Column], ctx: Context) -> None:
    """A bare "Regio" column takes the region a footnote names ("¹ Regio = het gemiddelde van de regio
    Gooi en Vechtstreek"); without one it stays "Regio"."""
    if not any(c.municipality == REGION for c in columns):
        return
    names = {m.group(1).strip() for fn in ctx.footnotes.values()
             for m in [re.search(r"\bregio\s+((?:[A-Z][\w'-]*)(?:\s+(?:en|aan|op|[A-Z][\w'-]*))*)",
                                 getattr(fn, "text", ""))] if m}
    names = {n.removesuffix(" en").removesuffix(" aan").removesuffix(" op") for n in names}
    if len(names) == 1:
        for c in columns:
            if c.municipality == REGION:
                c.municipality = names.pop() if len(names) == 1 else c.municipality


_CUMULATIVE = re.compile(r"cumulatief|cum\.?|t/m\s+maand|tot\s+en\s+met\s+maand", re.I)


def to_cells(reading: Reading, ctx: Context) -> list[CellOut]:
    fns = ctx.footnote_numbers
    _name_regions(reading.columns, ctx)
    if not reading.periods_in_rows:
        difference_periods(reading.columns)
        total_periods(reading.columns)
        budget_then_forecast(reading.columns, ctx.default_year)
        saldo_as_difference(reading.columns)
    out: list[CellOut] = []
    # the units printed in each value column ("+6%"), for its empty cells ("n.v.t.")
    column_units: dict[int, set[str | None]] = {}
    for other in reading.items:
        for j, c in enumerate(other.cells):
            if c.value is not None:
                column_units.setdefault(j, set()).add(c.unit)
    last_period: Period | None = None
    # a table of kernen or wijken where one row shares its name with another municipality ("Oosterhout", a kern of
    # Overbetuwe): when most rows name no municipality, a single such row is a part of this one, not a scope
    data_rows = [it for it in reading.items if not it.heading and not it.place_text]
    named = [it for it in data_rows if (scope_of_label(it.label, ctx.municipalities) or "") not in
             ("", "Nederland", DOC_MUNICIPALITY) and not _is_region_scope(it.label)]
    parts_table = len(data_rows) >= 4 and len(named) * 4 <= len(data_rows) and not reading.measures_in_columns
    # months without a year in the rows ("januari", "februari"): the year of the table's title, else the report's
    above = [ctx.lines[k] for k in range(max(0, min(reading.header_lines) - 3), min(reading.header_lines))] \
        if reading.header_lines and reading.periods_in_rows else []
    titled = next((p for n in reading.notes + above[::-1] for p in [title_period(n)] if p is not None), None)
    rows_year = titled.end.year if titled is not None else (ctx.default_year or ctx.period_year)
    cumulative = {j for j, c in enumerate(reading.columns) if j and _CUMULATIVE.fullmatch(c.label.strip())}
    for pr in assign_paths(reading.items, fns):
        it = pr.item
        if reading.periods_in_rows:
            lab = pr.label
            provisional = bool(re.search(r"\(voorlopig\)|\*$", lab, re.I))
            pm = only_period(re.sub(r"\s*\((voorlopig|prognose|raming)\)\s*$|\*$", "", lab, flags=re.I))
            period = pm.period if pm else None
            if pm is not None and period is None and pm.unit and rows_year:
                period = pm.with_year(rows_year)
            stage = kind_of(lab) if pm is None else None  # "Begroting 2023 na wijziging", "Verschil"
            if stage is not None:
                period = header_period(lab, ctx.default_year) or (last_period if stage == "afwijking" else None)
            last_period = period or last_period
            for j, (col, cell, line) in enumerate(zip(reading.columns, it.cells, it.lines, strict=False)):
                if not cell.raw:
                    continue  # an empty cell: nothing printed, nothing stored
                forecast = re.search(r"\((?:prognose|raming)\)\s*$", lab, re.I) is not None
                path = pr.path[:-1] + [col.label]
                cell_period = period
                if j in cumulative and period is not None:
                    # "Wmo-meldingen | Cumulatief": the running total of the measure before it, from 1 January
                    path = pr.path[:-1] + [reading.columns[j - 1].label, col.label]
                    cell_period = year_to_date(period.end)
                out.append(CellOut(row_label=path[-1], row_path=path,
                                   column=Column(label=lab, period=cell_period,
                                                 period_kind="raming" if forecast else (stage or col.period_kind),
                                                 # the measure's unit ("Jongeren met jeugdhulp (% 0-17 jaar)"),
                                                 # also for its empty cells ("n.b.")
                                                 unit=col.unit or label_unit(col.label), provisional=provisional,
                                                 municipality=col.municipality),
                                   cell=cell, line=line, period=cell_period, provisional=provisional,
                                   row_line=it.line or None))
            continue
        row_period: Period | None = None
        row_unit = label_unit(pr.label)
        if it.period_text:
            ps = [m.period for m in scan(it.period_text) if m.period is not None]
            row_period = ps[0] if len(ps) == 1 else None
        if it.unit_text:
            row_unit = unit_of(it.unit_text) or it.unit_text.strip() or row_unit
        unit_text = it.unit_text.strip() or None
        row_muni = scope_of_label(it.place_text, ctx.municipalities) if it.place_text else \
            scope_of_label(pr.label, ctx.municipalities)
        if parts_table and it in named:
            row_muni = None
        if not row_muni:
            # a group row that names a place ("Nederland", "Gekozen gemeente") over the rows below it
            row_muni = next((m for g in reversed(pr.path[:-1]) for m in [scope_of_label(g, ctx.municipalities)] if m),
                            None)
        provisional = bool(re.search(r"\*\s*$|\(voorlopig\)", it.period_text or "", re.I))
        for idx, (col, cell, line) in enumerate(zip(reading.columns, it.cells, it.lines, strict=False)):
            if not cell.raw:
                continue  # an empty cell: nothing printed, nothing stored
            u = unit_word(it.units[idx]) if idx < len(it.units) else None
            if u is None and cell.value is None:
                # "n.b." in a column of percentages ("+6%", "n.v.t.", "+7%"), or in a row of them ("12%", "n.b.",
                # "10%"), is a missing percentage
                in_col = column_units.get(idx, set())
                printed = ({unit_word(x) for x in it.units if x} | {c.unit for c in it.cells if c.unit}) - {None}
                u = next(iter(in_col)) if len(in_col) == 1 else (printed.pop() if len(printed) == 1 else None)
            row_label, row_path = pr.label, pr.path
            if reading.measures_in_columns:
                row_label = re.sub(r"\s*\([^()]*\)\s*$", "", col.label).strip() or col.label
                row_path = [row_label]
            out.append(CellOut(row_label=row_label, row_path=row_path, column=col, cell=cell, line=line,
                               unit=u or row_unit, period=row_period, provisional=provisional,
                               municipality=row_muni if row_muni and not col.municipality else None,
                               position=it.positions[idx] if idx < len(it.positions) else None,
                               bracket_line=it.bracket_lines.get(idx), row_line=it.line or None,
                               unit_text=unit_text))
        col_periods = {c.period for c in reading.columns}
        if it.national is not None and len(col_periods) == 1:
            # "(landelijk 9,1)" in the label: a national figure for the table's one period (with several period
            # columns it is unknown which one it is for)
            out.append(CellOut(row_label=pr.label, row_path=pr.path,
                               column=Column(label="landelijk", municipality="Nederland",
                                             period=next(iter(col_periods))),
                               cell=it.national, line=it.national_line, unit=row_unit))
    return out


# ---- the reader ----------------------------------------------------------------------------------


def _sheet_year(lines: list[str], start: int) -> int | None:
    """The year a workbook's sheet is named after ("Blad: 2023"): one sheet per year, headers of quarters only."""
    for i in range(start - 1, -1, -1):
        t = lines[i].strip()
        if t.lower().startswith("blad:"):
            p = title_period(t[5:].strip())
            return p.start.year if p is not None and p.kind == "year" else None
    return None


def read_tables(lines: list[str], ctx: Context, default_year: int | None = None) -> list[TableDraft]:
    """Every table of a document: read, partly read or not read, with line ranges."""
    L = classify(lines, ctx.footnote_numbers)
    claimed_idx: set[int] = {i - 1 for i in ctx.claimed}
    drafts: list[TableDraft] = []
    for finder in (find_grid_regions, find_block_row_regions, find_cell_stream_regions, find_column_major_regions,
                   find_card_regions, find_tile_regions, find_row_regions, find_cell_regions):
        for region in finder(L, claimed_idx):
            if any(k in claimed_idx for k in region.body):
                continue
            year_here = _sheet_year(lines, region.start) or default_year
            if region.mode == "grid":
                reading = read_grid(region, L, ctx, year_here)
            elif region.mode == "cells":
                reading = read_cells(region, L, ctx, year_here)
            else:
                reading = read_aligned(region, L, ctx, year_here, claimed_idx) or \
                    read_rows(region, L, ctx, year_here, claimed_idx)
            draft = _draft(region, reading, L, ctx)
            if draft is None:
                continue
            drafts.append(draft)
            owned = set(range(draft.line_start - 1, draft.line_end))
            claimed_idx |= owned
            ctx.claimed |= {k + 1 for k in owned}
    drafts.sort(key=lambda d: d.line_start)
    return drafts


def _draft(region: Region, reading: Reading | None, L: list[Line], ctx: Context) -> TableDraft | None:
    layout = f"reader:{region.mode}"
    if reading is None:
        return None
    cells = to_cells(reading, ctx) if reading.columns else []
    data_rows = sum(1 for it in reading.items if not it.heading)
    header = [k + 1 for k in reading.header_lines]
    start = min([region.start + 1] + header)
    end = (reading.end if reading.end is not None else region.end) + 1
    d = TableDraft(layout=layout, line_start=start, line_end=end, cells=cells, header_lines=header)
    d.claimed = set(range(start, end + 1))
    texts = [n for n in reading.notes if not n.startswith("__unit__")]
    for note in reading.notes:
        if note.startswith("__unit__"):
            d.unit = note[len("__unit__"):]
            d.scale = {"€ x 1000": 1000.0, "€ x 1000000": 1_000_000.0}.get(d.unit, 1.0)
    # the nearest text above the header is the table's title; a period or kind it names applies to columns
    # without one ("Rekening 2022 per taakveld (bedragen x € 1.000)")
    for note in reversed(texts):
        u, s, rest = find_unit(note)
        m = re.match(r"^\s*(?:eenheid|maat|meeteenheid)\s*:\s*(.+)$", note, re.I)
        if m and not u:
            u, s, rest = unit_of(m.group(1)) or m.group(1).strip(), 1.0, ""
        if u and not d.unit:
            d.unit, d.scale = u, s
        rest, _src = split_source(rest)
        rest = rest.strip(" :")
        if not rest or caption_at(rest) or len(rest.split()) > 16:
            continue
        if d.title is None:
            d.title = rest
        p = title_period(rest)
        if p is not None and d.period is None:
            d.period = p
            d.period_kind = kind_of(rest)
    if d.unit is None and any(c.period_kind in ("begroting", "raming", "realisatie") for c in reading.columns):
        # "Tabel 2 laat zien … (bedragen x € 1.000, …)": the sentence that introduces a money table gives its scale
        for k in range(max(0, start - 4), start - 1):
            t = L[k].text
            u, s_, _rest = find_unit(t)
            if u and u.startswith("€") and re.search(r"\b(tabel|bedragen)\b", t, re.I):
                d.unit, d.scale = u, s_
                break
    if not cells:
        if data_rows == 0 and not reading.skipped and not reading.status_note:
            return None
        d.status = NOT_READ
        d.status_note = reading.status_note or "geen rij kon worden uitgelijnd"
        return d
    if reading.skipped:
        d.status = PARTLY
        d.status_note = f"{reading.skipped} rij(en) niet uitgelijnd met de kolommen en niet opgeslagen"
    elif reading.status_note:
        d.status = PARTLY
        d.status_note = reading.status_note
    return d



