"""Orchestrates the extractor: tables -> Figure/Fact records, plus commitments, references and key-value blocks."""

from __future__ import annotations

import re
from datetime import date

from assistant.extract import commitments, keyvalue, page_columns, references
from assistant.extract.blocks import (
    caption_at,
    find_footnotes,
    find_unit,
    is_prose,
    source_below,
    split_source,
    strip_footnote_marks,
    strip_navigation,
    title_above,
)
from assistant.extract.cells import Cell
from assistant.extract.columns import DOC_MUNICIPALITY, PROVISIONAL, resolve_abbreviations
from assistant.extract.headers import half_or_quarter_periods, title_period
from assistant.extract.layouts import vertical
from assistant.extract.model import CellOut, Context, TableDraft
from assistant.extract.municipalities import Municipalities
from assistant.extract.reader import read_tables
from assistant.periods import MONTHS_NL, Period, on_date, only_period, year, year_to_date
from assistant.records import Extraction, Fact, Figure
from assistant.regions import region_in
from assistant.thesaurus import bbv_unit


def _page(pages: list[int | None] | None, line: int) -> int | None:
    if not pages or not 1 <= line <= len(pages):
        return None
    return pages[line - 1]


def _caption_for(d: TableDraft, lines: list[str], claimed: set[int]) -> tuple[str, str, int, int] | None:
    """(label, caption text, first line, last line) of the "Figuur N:" caption after (or before) a table."""
    if d.caption_line:
        c = caption_at(lines[d.caption_line - 1])
        return (c[0], c[1], d.caption_line, d.caption_line) if c else None
    i, seen = d.line_end + 1, 0
    while i <= len(lines) and seen < 4:
        t = lines[i - 1].strip()
        if t:
            seen += 1
            if i in claimed:
                break
            c = caption_at(t)
            if c and any(k in claimed for k in range(i + 1, i + 4)):
                break  # "Tabel 3." right above the next table is that table's caption, not this one's
            if c:
                text, last = c[1], i
                # a caption continued on the next line in brackets: "(tussen haakjes ...)"
                j = i + 1
                while j <= len(lines) and j <= i + 3:
                    nt = lines[j - 1].strip()
                    if nt:
                        if nt.startswith("("):
                            text, last = f"{text} {nt}", j
                        break
                    j += 1
                return c[0], text, i, last
            if is_prose(t):
                break
        i += 1
    i, seen = d.line_start - 1, 0
    while i >= 1 and seen < 3:
        t = lines[i - 1].strip()
        if t:
            seen += 1
            if i in claimed:
                break
            c = caption_at(t)
            if c:
                return c[0], c[1], i, i
        i -= 1
    return None


_BRACKET_CLAUSE = re.compile(r"\(?[^.()]*tussen haakjes[^.()]*\)?\d*", re.IGNORECASE)


def _bracket_period(texts: list[str]) -> Period | None:
    """The period bracketed values stand for, when the caption or nearby text says so."""
    for t in texts:
        for m in _BRACKET_CLAUSE.finditer(t):
            ps = {p for p, _ in half_or_quarter_periods(m.group())}
            if len(ps) == 1:
                return ps.pop()
            p = title_period(m.group())
            if p:
                return p
    return None


def _heading_above(lines: list[str], start: int, max_up: int = 25) -> str | None:
    """Nearest short heading above a table without title or caption (a label of last resort)."""
    for i in range(start - 1, max(0, start - max_up), -1):
        t = lines[i - 1].strip()
        if re.match(r"^(terug naar|naar boven|ga naar)\b", t, re.I):
            continue  # navigation of a web page
        question_heading = t.endswith("?") and len(t.split()) <= 8  # "Wat heeft het gekost?"
        if t and (question_heading or not is_prose(t)) and len(t.split()) <= 8 and not t.endswith((".", ":", ",")) \
                and re.search(r"[A-Za-z]", t) and not re.match(r"^[\d\s]+$", t) and find_unit(t)[2].strip(" ()"):
            return t  # (a unit note such as "Bedragen x € 1.000" names no table)
    return None


_PEILDATUM = re.compile(r"peildatum\s*:?\s*(?P<d>\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d|\d{1,2}\s+\w+\s+(?:19|20)\d\d)",
                        re.IGNORECASE)


def _notes_after(lines: list[str], end: int, max_down: int = 8) -> list[str]:
    """The note lines right below a table ("* voorlopige cijfers", "Bron: …", "peildatum 1-10-2021")."""
    out: list[str] = []
    for t in lines[end:end + max_down]:
        s = t.strip()
        if s and is_prose(s) and not s.startswith(("*", "Bron", "bron", "Peildatum", "peildatum")):
            break
        if s:
            out.append(s)
    return out


_NOTE_LINE = re.compile(r"^\s*(?:\*{1,3}\s*\S|[a-z]\)\s|(?:Bron|Bronnen|Toelichting|Noot|Opmerking|Peildatum)\b\s*:?)",
                        re.IGNORECASE)


def _unit_above(lines: list[str], start: int, claimed: set[int], max_up: int = 8) -> tuple[str | None, float]:
    """A unit note in the lines just above a table ("Bedragen x € 1.000", "Eenheid: per 1.000 inwoners"),
    not past another table."""
    seen = 0
    for i in range(start - 1, 0, -1):
        if i in claimed:
            break
        t = lines[i - 1].strip()
        if not t:
            continue
        seen += 1
        if is_prose(t) and len(t.split()) > 8:
            # "Bedragen x € 1.000. Lasten staan als negatief bedrag …": a note that starts with the unit
            u, s, _rest = find_unit(t[:40])
            if u and re.match(r"^\(?\s*(bedragen|alle bedragen|x|×|in)\b", t, re.I):
                return u, s
            break
        if seen > max_up or caption_at(t) and i < start - 1:
            break
        u, s, _rest = find_unit(t)
        if u:
            return u, s
        m = re.match(r"^\s*(?:eenheid|maat|meeteenheid)\s*:\s*(.+)$", t, re.I)
        if m:
            from assistant.extract.columns import unit_of

            return unit_of(m.group(1)) or m.group(1).strip(), 1.0
    return None, 1.0


def _notes_end(lines: list[str], end: int) -> int:
    """A table's range goes on over the notes right below it ("Bron: …", "Toelichting: …", "* voorlopig")."""
    last, k, blanks = end, end, 0
    while k < len(lines) and blanks <= 2:
        t = lines[k].strip()
        if not t:
            blanks += 1
        elif _NOTE_LINE.match(t):
            last, blanks = k + 1, 0
        else:
            break
        k += 1
    return last


def _continued_star_note(lines: list[str], end: int, label: str, max_down: int = 40) -> list[str]:
    """A table broken over a page ("Tabel 4.1 … (vervolg)") gives its "* voorlopig" note once, under its last
    part: that note, when no other table's caption comes first."""
    for t in lines[end:end + max_down]:
        s = t.strip()
        c = caption_at(s)
        if c and c[0] != label:
            return []
        if s.startswith("*") and not s.startswith("**") and PROVISIONAL.search(s):
            return [s]
    return []


def _star_means_provisional(notes: list[str]) -> bool:
    return any(n.startswith("*") and not n.startswith("**") and PROVISIONAL.search(n) for n in notes)


_YEARLY_DATE = re.compile(r"\bpeildatum\s*:?\s*(\d{1,2})\s+(" + "|".join(MONTHS_NL)
                          + r")\b(?!\s+(?:19|20)\d\d)(?!\s+(?:van\s+)?(?:het\s+)?(?:volgende|daaropvolgende|jaar\s+erna))",
                          re.IGNORECASE)


def _yearly_date(notes: list[str]) -> tuple[int, int] | None:
    """(month, day) of a stand without a year in a title or note ("peildatum 1 januari", "stand per 31 december")."""
    for n in notes:
        m = _YEARLY_DATE.search(n)
        if m and (m.group(1), m.group(2).lower()) != ("31", "december"):  # the year's end stands for the year
            return MONTHS_NL.index(m.group(2).lower()) + 1, int(m.group(1))
    return None


def _peildatum(notes: list[str]) -> Period | None:
    for n in notes:
        m = _PEILDATUM.search(n)
        if m:
            p = title_period("per " + m["d"])
            if p is not None and p.kind == "date":
                return p
    return None


_COLUMN_NOTE = re.compile(r"^\s*(?P<col>[^=.:]{3,40}?)\s*=\s*[^=]*?\bpeildatum\s*:?\s*(?P<d>\d{1,2}[-./]\d{1,2}[-./]"
                          r"(?:19|20)\d\d|\d{1,2}\s+\w+\s+(?:19|20)\d\d)", re.IGNORECASE)


def _column_peildata(lines: list[str], d: TableDraft) -> dict[str, Period]:
    """"Doelgroep = geschat aantal … (peildatum 1 januari 2024)" below a table: the year of that column, which its
    header leaves open (the other columns name their own periods)."""
    out: dict[str, Period] = {}
    labels = {co.column.label for co in d.cells if co.column.period is None}
    for t in lines[d.line_end:d.line_end + 3]:
        for part in re.split(r"(?<=[.)])\s+(?=[A-Z])", t):
            m = _COLUMN_NOTE.match(part)
            if not m:
                continue
            p = title_period("per " + m["d"])
            head = m["col"].strip().lower()
            for lab in labels:
                if p is not None and lab.lower().startswith(head):
                    out[lab] = year(p.start.year)
    return out


_THIS_YEAR = re.compile(r"^(?:dit|huidig|lopend)e?\s+jaar$", re.I)
_LAST_YEAR = re.compile(r"^(?:vorig|voorgaand)e?\s+jaar$", re.I)


def _relative_year_columns(d: TableDraft, doc_period: Period | None) -> dict[str, Period]:
    """"Vorig jaar | Dit jaar | Verschil" in a report over part of a year: this year so far and the same months a
    year earlier; the difference column is this year's."""
    labels = {co.column.label for co in d.cells if co.column.period is None}
    if doc_period is None or not any(_THIS_YEAR.match(x) for x in labels):
        return {}
    now = year_to_date(doc_period.end) if doc_period.kind != "year" else year(doc_period.end.year)
    try:
        before = year_to_date(doc_period.end.replace(year=doc_period.end.year - 1)) if doc_period.kind != "year" \
            else year(doc_period.end.year - 1)
    except ValueError:  # 29 February
        return {}
    out: dict[str, Period] = {}
    for co in d.cells:
        lab = co.column.label
        if lab not in labels:
            continue
        if _THIS_YEAR.match(lab) or co.column.period_kind == "afwijking":
            out[lab] = now
        elif _LAST_YEAR.match(lab):
            out[lab] = before
    return out


def _measure_class(unit: str | None) -> str:
    u = (unit or "").lower()
    if u.startswith("€") or u in ("bedrag", "euro"):
        return "geld"
    if u == "%":
        return "percentage"
    if u.startswith("per "):
        return "per_inwoners"
    if u in ("weken", "dagen", "uren", "uur", "maanden"):
        return "duur"
    if u == "rapportcijfer":
        return "rapportcijfer"
    if u == "gemiddelde":
        return "gemiddelde"
    if u == "verhouding":
        return "verhouding"
    if u == "index":
        return "index"
    return "aantal"


def _period_above(lines: list[str], start: int, max_up: int = 4) -> Period | None:
    """The one period a short title line just above a table names ("Vergelijking met andere gebieden, 2022" over a
    subtitle), up to a sheet's name line ("Blad: Vergelijking 2022"), never across prose or another table."""
    seen = 0
    for i in range(start - 1, 0, -1):
        t = lines[i - 1].strip()
        if not t:
            continue
        seen += 1
        if seen > max_up or is_prose(t) and len(t.split()) > 12 or "\t" in t:
            return None
        p = title_period(re.sub(r"^blad:\s*", "", t, flags=re.I))
        if p is not None:
            return p
        if t.lower().startswith("blad:"):
            return None
    return None


def _money_table(d: TableDraft) -> bool:
    """A "Wat heeft het gekost" table: rows of lasten, baten or saldo under rekening/begroting columns."""
    rows = " ".join({" ".join(co.row_path) for co in d.cells}).lower()
    cols = " ".join({co.column.label for co in d.cells}).lower()
    return bool(re.search(r"\b(lasten|baten|saldo)\b", rows)) and \
        bool(re.search(r"rekening|begroting|realisatie|raming|jaarrekening", cols))


def line_start_caption(cap: tuple[str, str, int, int] | None, start: int) -> int:
    """A caption above the table belongs to its line range."""
    return cap[2] if cap and cap[2] < start else start


def _sibling_year(d: TableDraft) -> Period | None:
    """A column without a period ("Norm") next to columns of one year ("Q1 2023", "Q2 2023"): that year."""
    years = {p.start.year for co in d.cells for p in [co.period or co.column.period] if p is not None}
    years |= {p.end.year for co in d.cells for p in [co.period or co.column.period] if p is not None}
    return year(years.pop()) if len(years) == 1 else None


def title_place(title: str, munis) -> str | None:
    """The region or the one municipality a table's title names ("Jeugdhulpbudget, Zuid-Holland Zuid")."""
    if not title:
        return None
    r = region_in(title)
    if r is not None:
        return r.name
    named = {k for k in munis.known_names() if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", title)}
    return named.pop() if len(named) == 1 else None


_COUNT_COLUMN = re.compile(r"\b(cliënten|clienten|personen|inwoners|jongeren|jeugdigen|kinderen|huishoudens|aantal|"
                           r"deelnemers|trajecten|aanvragen|meldingen|indicaties|voorzieningen|uitkeringen)\b", re.I)
_MONEY_COLUMN = re.compile(r"\b(lasten|baten|kosten|uitgaven|budget|bedrag|saldo|rekening|begroting|euro)\b|€", re.I)


def _bbv(co: CellOut, fig: Figure, ctx: Context) -> str | None:
    """The unit of a BBV beleidsindicator in a table of indicators (its title says so, or the row carries its BBV
    number "(27)"): the standard's unit, when the figure fits it (a share is at most 100)."""
    u = bbv_unit(co.row_label)
    if u is None:
        return None
    line = ctx.lines[co.row_line - 1] if co.row_line and co.row_line <= len(ctx.lines) else ""
    indicator_table = re.search(r"indicator", f"{fig.title or ''} {fig.label or ''}", re.I) is not None
    if not (indicator_table or re.search(r"\(\d{1,2}\)", line)):
        return None
    if u == "%" and co.cell.value is not None and abs(co.cell.value) > 100:
        return None
    return u


def _facts(d: TableDraft, fig: Figure, ctx: Context, pages: list[int | None] | None, unit: str,
           period_fallback: Period | None, bperiod: Period | None, notes: list[str],
           place: str | None = None) -> list[Fact]:
    """The facts of one table: one per value cell, plus bracketed shares and earlier-period values."""
    out: list[Fact] = []
    star_provisional = _star_means_provisional(notes)
    peil = _peildatum(notes)
    yearly = _yearly_date(notes)  # "(peildatum 1 januari)": every year's figure is the stand on that day
    periods = sorted({p for co in d.cells for p in [co.period or co.column.period] if p is not None})
    last = periods[-1] if periods else None
    # a budget table's bare years after its budget years are the multi-year forecast ("Begroting 2025 | 2026 |
    # 2027 | 2028": meerjarenraming)
    budget_ends = [co.column.period.end for co in d.cells
                   if co.column.period_kind in ("begroting", "raming") and co.column.period is not None]
    plan_until = max(budget_ends) if budget_ends else None

    def make(co: CellOut, cell: Cell, raw: str, period: Period | None, fact_unit: str, line: int) -> Fact:
        col = co.column
        kind = col.period_kind or (d.period_kind if col.period is None and co.period is None else None)
        if kind is None and plan_until is not None and period is not None and period.start > plan_until \
                and co.period is None:
            kind = "raming"
        muni = col.municipality if col.municipality != DOC_MUNICIPALITY else None
        row_muni = co.municipality if co.municipality != DOC_MUNICIPALITY else None
        own = DOC_MUNICIPALITY in (col.municipality, co.municipality)
        muni = muni or row_muni or (None if own else place)  # the document's own municipality: no scope of its own
        note = None
        if col.provisional or co.provisional or (cell.starred and star_provisional):
            note = "voorlopig"
            if kind in (None, "realisatie", "resultaat"):
                kind = "voorlopig"  # a realised figure that is not final yet
        if peil is not None and period is not None and period == last and period.contains(peil) \
                and peil.start != period.end:
            note = f"{note + ', ' if note else ''}peildatum {peil.dutch()}"
        ref = None
        if co.position is not None and line in ctx.cell_refs and co.position < len(ctx.cell_refs[line]):
            ref = ctx.cell_refs[line][co.position]
        return Fact(
            figure_id=fig.figure_id, doc_id=fig.doc_id, file_name=fig.file_name, row_label=co.row_label,
            row_path=" > ".join(co.row_path), column_label=col.label, raw=raw, line=line,
            value=cell.value, status=cell.status if cell.value is None else None,
            period_label=period.label if period else None, period_start=period.start if period else None,
            period_end=period.end if period else None, period_kind=kind,
            municipality=muni, measure=_measure_class(fact_unit), unit=fact_unit, page=_page(pages, line),
            cell_ref=ref, period_note=note, marker=cell.marker, unit_text=co.unit_text)

    col_peil = _column_peildata(ctx.lines, d)
    col_peil.update(_relative_year_columns(d, ctx.doc_period))
    for co in d.cells:
        col = co.column
        period = co.period or col.period or col_peil.get(col.label) or period_fallback
        if yearly is not None and period is not None and period.kind == "year":
            try:
                period = on_date(date(period.start.year, *yearly))
            except ValueError:
                pass
        table_unit = unit
        # (with the periods in the rows the measure is the row: "Wmo - Cliënten" beside "Wmo - Lasten")
        what = co.row_label if only_period(col.label or "") else col.label
        if unit.startswith("€") and _COUNT_COLUMN.search(what) and not _MONEY_COLUMN.search(what):
            table_unit = "aantal"  # "Cliënten 2021" beside "Lasten 2021 (x € 1.000)": the note is the money column's
        fact_unit = co.unit or co.cell.unit or col.unit or table_unit or _bbv(co, fig, ctx) or "aantal"
        if co.cell.value is None and co.cell.status and ":" in co.cell.status:
            fact_unit = "verhouding"  # "79:21" is kept as text, never as a number
        br = co.cell.bracket
        raw = co.raw or co.cell.raw
        if br is not None and re.fullmatch(r"\(\s*(?:19|20)\d\d\s*\)", br.raw.strip()):
            # "11,9 (2023)": the year of the measurement, cell by cell ("Laatste meting | Vorige meting")
            out.append(make(co, co.cell, re.sub(r"\s*\(\s*\d{4}\s*\)\s*$", "", raw), year(int(br.value)),
                            fact_unit, co.line))
            continue
        out.append(make(co, co.cell, raw, period, fact_unit, co.line))
        if br is None:
            continue
        line = co.bracket_line or co.line
        if br.unit == "%" and fact_unit != "%":
            out.append(make(co, br, br.raw, period, "%", line))  # "48 (9%)": the count and its share
        elif bperiod is not None:
            out.append(make(co, br, br.raw, bperiod, fact_unit, line))  # "234 (206)": the earlier period
    return out


def extract_document(lines: list[str], doc_id: str, file_name: str, pages: list[int | None] | None = None,
                     municipalities: list[str] | None = None, default_period: Period | None = None,
                     cell_refs: dict[int, list[str]] | None = None) -> Extraction:
    """Extract figures/facts, commitments and document references from one document's lines."""
    lines = [ln.rstrip("\r\n") for ln in lines]
    footnotes = find_footnotes(lines)
    munis = Municipalities(lines, municipalities)
    not_tables = {k + 1 for k in commitments.table_lines(lines)}  # a toezeggingenlijst holds no figures
    ext = Extraction()
    claimed: set[int] = set()
    # a page printed in two columns is read column by column (page_columns.views), each with its own claims
    views = page_columns.views(lines)
    for n, view in enumerate(views):
        ctx = Context(lines=view, footnotes=footnotes, municipalities=munis, cell_refs=cell_refs or {},
                      default_year=default_period.start.year if default_period is not None
                      and default_period.kind == "year" else None,
                      period_year=default_period.end.year if default_period is not None else None,
                      doc_period=default_period)
        ctx.claimed |= not_tables
        before = len(ext.figures)
        _read_view(ext, view, ctx, doc_id, file_name, pages, default_period)
        claimed |= ctx.claimed
        if len(views) > 1:
            ext.figure_view.update({f.figure_id: n for f in ext.figures[before:]})
    if len(views) > 1:
        ext.views = views
    ext.commitments = commitments.find(lines, doc_id, file_name, pages)
    ext.references = references.find(lines, doc_id, file_name, pages)
    _keyvalue_tables(ext, lines, doc_id, file_name, pages, default_period, claimed)
    return ext


def _read_view(ext: Extraction, lines: list[str], ctx: Context, doc_id: str, file_name: str,
               pages: list[int | None] | None, default_period: Period | None) -> None:
    """The tables of one view of the document (the whole text, or one column of two-column pages)."""
    footnotes = ctx.footnotes
    munis = ctx.municipalities
    # The column-major family first (it claims only what it can prove), then the one table reader.
    drafts: list[TableDraft] = vertical.find(ctx)
    drafts += read_tables(lines, ctx, default_period.start.year if default_period else None)
    drafts.sort(key=lambda d: d.line_start)
    resolve_abbreviations([co.column for d in drafts for co in d.cells], munis)
    for d in drafts:
        if not d.cells and d.status != "not_read":
            continue
        fig_id = f"{doc_id}:fig{len(ext.figures) + 1:03d}"
        others = ctx.claimed - d.claimed
        cap = _caption_for(d, lines, others)
        label = title = source = None
        fig_period = None
        unit, scale = d.unit, d.scale
        bracket_texts: list[str] = []
        line_end = d.line_end
        if cap:
            label, text, cap_start, cap_end = cap
            bracket_texts.append(text)
            text = _BRACKET_CLAUSE.sub(" ", text)
            rest, source = split_source(text)
            rest, _marks = strip_footnote_marks(rest.strip(), set(footnotes))
            u, s, rest = find_unit(rest)
            if u and not unit:
                unit, scale = u, s
            title = rest.strip(" :") or None
            fig_period = title_period(title or "")
            line_end = max(line_end, cap_end) if cap_end > d.line_end else line_end
        if not unit:
            unit, scale = _unit_above(lines, d.line_start, others)
        if not unit and _money_table(d):
            unit = "bedrag"  # lasten and baten against rekening and begroting, the unit not printed: money
        own_title = strip_navigation(d.title)
        if not own_title:
            own_title, _ = title_above(lines, d.line_start)
            own_title = strip_navigation(own_title)
            if own_title and (caption_at(own_title) or own_title == title):
                own_title = None
        if own_title:
            u, s, rest = find_unit(own_title)
            if u and not unit:
                unit, scale = u, s
            rest2, src2 = split_source(rest)
            source = source or src2
            own_title = rest2.strip() or None
            if not fig_period and own_title:
                fig_period = title_period(own_title)
        if not fig_period:
            fig_period = _period_above(lines, d.line_start)
        if not source:
            source, _ = source_below(lines, d.line_end)
        line_end = _notes_end(lines, line_end)
        title = title or own_title
        label = label or own_title or _heading_above(lines, d.line_start) or f"Tabel r. {d.line_start}"
        start = d.line_start
        bracket_texts.append(" ".join(ln.strip() for ln in lines[max(0, start - 12):start - 1]))
        bperiod = _bracket_period(bracket_texts) if any(c.cell.bracket for c in d.cells) else None
        period_fallback = fig_period or d.period or _sibling_year(d) or default_period

        fig = Figure(figure_id=fig_id, doc_id=doc_id, file_name=file_name, label=label, title=title or label,
                     line_start=min(start, line_start_caption(cap, start)), line_end=line_end, source_note=source,
                     unit=unit, scale=scale, page=_page(pages, start), layout=d.layout, status=d.status,
                     status_note=d.status_note, row_starts=sorted({co.row_line for co in d.cells if co.row_line}),
                     header_lines=list(d.header_lines))
        ext.figures.append(fig)
        notes = _notes_after(lines, d.line_end) + [title or "", own_title or ""]
        if not _star_means_provisional(notes):
            notes += _continued_star_note(lines, d.line_end, label)
        place = title_place(f"{title or ''} {own_title or ''}", ctx.municipalities)
        ext.facts += _facts(d, fig, ctx, pages, unit or "", period_fallback, bperiod, notes, place)




# A field that allocates money ("Budget € 50.000", "Inzet Zwaar (€ 275.000)", "€ 40.000 per jaar") is a budget.
_BUDGET_FIELD = re.compile(r"budget|begro|inzet|middelen|beschikbaar|per jaar|jaarlijks|subsidie|reserv", re.I)


def _keyvalue_tables(ext: Extraction, lines: list[str], doc_id: str, file_name: str,
                     pages: list[int | None] | None, default_period: Period | None, claimed: set[int]) -> None:
    """Repeated key-value blocks ("Doelgroep … / Plan … / Inzet Zwaar (€ 275.000)"): one small table per
    block; a field value with an amount is a fact (column: the key; raw: the value as printed)."""
    for b in keyvalue.find_blocks(lines):
        if any(ln in claimed for ln in range(b.start, b.end + 1)):
            continue
        fields = [(k, v, ln) for k, v, ln in b.fields if keyvalue.amount_in(v) is not None]
        fig_id = f"{doc_id}:fig{len(ext.figures) + 1:03d}"
        fig = Figure(figure_id=fig_id, doc_id=doc_id, file_name=file_name, label=b.name, title=b.name,
                     line_start=b.start, line_end=b.end, unit="€", page=_page(pages, b.start), layout="keyvalue",
                     status="read")
        if not fields:
            continue
        ext.figures.append(fig)
        per = default_period
        for key, value, ln in fields:
            src = lines[ln - 1]
            raw = value if value in src else (re.search(r"€\s*[\d.,]+", src) or re.search(r".+", src)).group()
            ext.facts.append(Fact(
                figure_id=fig_id, doc_id=doc_id, file_name=file_name, row_label=b.name, row_path=b.name,
                column_label=key, raw=raw, line=ln, value=keyvalue.amount_in(value),
                period_label=per.label if per else None, period_start=per.start if per else None,
                period_end=per.end if per else None, period_kind=_BUDGET_FIELD.search(f"{key} {value}") and "begroting"
                or None, measure="geld", unit="€",
                page=_page(pages, ln)))
