"""Source cards and the passage view, in the style of a cited-answer tool.

A card: number, the document title in full, where (PDF page; else page marker or section; the
figure), the cited line(s) with the number marked, and a link that opens the original there.
The passage view shows the table header above the cited row and scrolls to the row.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html import escape
from typing import Any

from assistant.models import Citation, SourceLine
from ui.originals import source_url

log = logging.getLogger(__name__)

CONTEXT_LINES = 6
MAX_QUOTE = 420
MAX_HEADER_SHOWN = 6  # more header lines (stacked period headers) are joined into one line

EMPTY_CARDS = '<p class="bron-leeg">De bronnen van het antwoord verschijnen hier.</p>'
EMPTY_PASSAGE = '<div class="bron-passage bron-leeg">Kies een bron om de passage te zien.</div>'
GONE = '<div class="bron-passage bron-leeg">Deze passage is niet (meer) beschikbaar.</div>'


@dataclass
class Resolved:
    """A citation with its lines read from the store: the target lines are the ones to mark."""

    citation: Citation
    target: list[int] = field(default_factory=list)
    target_lines: list[SourceLine] = field(default_factory=list)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def locate_quote(lines: list[SourceLine], quote: str) -> list[int] | None:
    """The line numbers (first, last) of `lines` that hold `quote` (a sentence spread over lines)."""
    q = _norm(quote)
    if len(q) < 8:
        return None
    text, starts = "", []
    for ln in lines:
        starts.append(len(text))
        text += _norm(ln.text) + " "
    head, tail = q[:50], q[-30:]
    i = text.find(head)
    if i < 0:
        return None
    j = text.find(tail, i)
    end = j + len(tail) if j >= 0 else i + len(head)

    def line_at(pos: int) -> int:
        k = max(x for x in range(len(starts)) if starts[x] <= pos)
        return lines[k].line_no

    return [line_at(i), line_at(max(i, end - 1))]


def resolve(assistant: Any, c: Citation) -> Resolved:
    """Which lines of the source hold the cited row or sentence (row_lines, else the quote, else all)."""
    r = Resolved(c)
    if not c.lines and not c.row_lines:
        return r
    try:
        if c.row_lines:
            r.target = [c.row_lines[0], c.row_lines[-1]]
        else:
            block = assistant.source(c.doc, c.lines[0], c.lines[-1], context=0)
            r.target = locate_quote(block.lines, c.quote) or [c.lines[0], c.lines[-1]]
        view = assistant.source(c.doc, r.target[0], r.target[-1], context=0)
        r.target_lines = [ln for ln in view.lines if ln.text.strip()]
    except Exception:  # noqa: BLE001 - e.g. the report was removed meanwhile: the quote still shows
        log.exception("source lines failed for %s", c.doc)
    return r


def mark_numbers(escaped: str, highlight: list[str]) -> str:
    """Wrap each highlight text (a raw cell such as "1.408") in <mark class="bron-getal">."""
    for h in sorted({h for h in highlight if h.strip()}, key=len, reverse=True):
        pat = re.compile(r"(?<![\w.,])" + re.escape(escape(h)) + r"(?![\w]|[.,]\d)")
        escaped = pat.sub(lambda m: f'<mark class="bron-getal">{m.group(0)}</mark>', escaped)
    return escaped


def where_text(c: Citation, page: int | None = None) -> str:
    """'pagina 2 · Tabel 1' or '§ Schuldhulpverlening · Figuur 4': a place a reader can find."""
    parts = []
    page = page or c.page
    if page:
        parts.append(f"pagina {page}")
    section = c.section.split(" > ")[-1].strip() if c.section else ""
    locator = c.locator.strip()
    if not page and section:
        parts.append(f"§ {section}")
    if locator and locator != section:
        parts.append(locator)
    return " · ".join(parts)


def _page_of(r: Resolved) -> int | None:
    return next((ln.page for ln in r.target_lines if ln.page), None) or r.citation.page


def link_html(c: Citation, page: int | None, target: list[int]) -> str:
    url = source_url(c.doc, page, target or c.lines)
    what = f"Open het origineel op pagina {page}" if page and c.doc.lower().endswith(".pdf") else \
        "Open de bron in het document"
    return (f'<a class="bron-link" href="{escape(url)}" target="_blank" rel="noopener">{what}'
            '<span class="sr-alleen"> (opent in een nieuw tabblad)</span></a>')


def _quote_html(r: Resolved) -> str:
    c = r.citation
    if r.target_lines and c.row_lines:
        text = " ".join(ln.text.strip() for ln in r.target_lines)
    else:
        text = c.quote or " ".join(ln.text.strip() for ln in r.target_lines)
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > MAX_QUOTE:
        text = text[:MAX_QUOTE].rsplit(" ", 1)[0] + " …"
    return mark_numbers(escape(text), c.highlight)


def cards_html(resolved: list[Resolved], answer_index: int, active: int | None = None,
               suggestions: bool = False) -> str:
    """All source cards of one answer; `active` (1-based) is the one shown in the passage view."""
    if not resolved:
        return EMPTY_CARDS
    items = []
    for n, r in enumerate(resolved, 1):
        c = r.citation
        page = _page_of(r)
        cls = "bron-kaart actief" if n == active else "bron-kaart"
        current = ' aria-current="true"' if n == active else ""
        items.append(
            f'<li class="{cls}" id="bron-kaart-{n}">'
            f'<button type="button" class="bron-open" data-antwoord="{answer_index}" data-bron="{n}"{current} '
            f'aria-controls="bron-passage">'
            f'<span class="bron-nr" aria-hidden="true">{n}</span>'
            f'<span class="bron-inhoud"><span class="sr-alleen">Bron {n}: </span>'
            f'<span class="bron-titel">{escape(c.title or c.doc)}</span>'
            f'<span class="bron-plaats">{escape(where_text(c, page))}</span>'
            f'<span class="bron-citaat">{_quote_html(r)}</span></span></button>'
            f"{link_html(c, page, r.target)}</li>")
    head = ('<p class="bron-kop-lijst">Misschien helpen deze passages verder:</p>' if suggestions
            else '<p class="bron-kop-lijst">Bronnen</p>')
    return f'{head}<ol class="bronkaarten">{"".join(items)}</ol>'


def _lines_html(lines: list[SourceLine], highlight: list[str], marked: bool) -> str:
    out = []
    for ln in lines:
        text = escape(ln.text) or "&nbsp;"
        if ln.highlighted and marked:
            text = f'<mark class="bron-regel">{mark_numbers(text, highlight)}</mark>'
            cls = "bron-lijn bron-rij"
        else:
            cls = "bron-lijn"
        out.append(f'<div class="{cls}"><span class="regelnr" aria-hidden="true">{ln.line_no}</span>'
                   f"<span>{text}</span></div>")
    return "".join(out)


def _header_html(header: list[SourceLine]) -> str:
    shown = [ln for ln in header if ln.text.strip()]
    if not shown:
        return ""
    if len(shown) > MAX_HEADER_SHOWN:
        joined = " ".join(ln.text.strip() for ln in shown)
        shown = [SourceLine(line_no=shown[0].line_no, page=shown[0].page, text=joined)]
    return ('<div class="tabelkop" role="group" aria-label="Kop van de tabel">'
            '<span class="tabelkop-titel">Kop van de tabel</span>'
            f"{_lines_html(shown, [], marked=False)}</div>")


def passage_html(assistant: Any, r: Resolved, n: int) -> str:
    """The passage around source n: table header, then the cited row(s) marked, in context."""
    c = r.citation
    target = r.target or (c.lines[:1] + c.lines[-1:] if c.lines else [])
    if not target:
        if c.quote:
            return (f'<div class="bron-passage"><div class="bron-kop">{escape(c.title or c.doc)}</div>'
                    f'<blockquote><mark class="bron-regel">{escape(c.quote)}</mark></blockquote></div>')
        return GONE
    try:
        view = assistant.source(c.doc, target[0], target[-1], context=CONTEXT_LINES)
        header = []
        if c.header_lines and view.lines and c.header_lines[-1] < view.lines[0].line_no:
            header = assistant.source(c.doc, c.header_lines[0], c.header_lines[-1], context=0).lines
        elif c.header_lines and view.lines:
            # the header is within the context: show it above, and the context only from below it
            header = [ln for ln in view.lines if ln.line_no in set(c.header_lines)]
            view.lines = [ln for ln in view.lines if ln.line_no > c.header_lines[-1]]
    except Exception:  # noqa: BLE001 - removed meanwhile
        log.exception("passage failed for %s", c.doc)
        return GONE
    if not view.lines:
        return GONE
    page = _page_of(r)
    loc = [where_text(c, page)]
    loc.append(f"regel {target[0]}" if target[0] == target[-1] else f"regels {target[0]}–{target[-1]}")
    head = (f'<div class="bron-kop"><span class="bron-nr" aria-hidden="true">{n}</span>'
            f'<span><strong class="bron-titel">{escape(c.title or view.title or c.doc)}</strong> '
            f'<span class="bron-plaats">{escape(" · ".join(p for p in loc if p))}</span></span></div>')
    body = _lines_html(view.lines, c.highlight, marked=True)
    return (f'<div class="bron-passage" role="region" aria-label="Bronpassage {n}">{head}{_header_html(header)}'
            f'<div class="bron-tekst" tabindex="0" aria-label="Tekst rond de bron">{body}</div>'
            f"{link_html(c, page, target)}</div>")
