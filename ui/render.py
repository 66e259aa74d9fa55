"""HTML/Markdown for answers, source chips and passage views (pure functions, no Gradio)."""

from __future__ import annotations

from html import escape

from assistant.models import Answer, Citation, SourceView

# After a passage is shown: scroll its box (not the page) to the first cited line.
SCROLL_TO_MARK = """() => { for (const box of document.querySelectorAll('.bron-tekst')) {
  const m = box.querySelector('mark.bron-regel');
  if (m) { box.scrollTop = m.closest('.bron-lijn').offsetTop - box.offsetTop - 40; } } }"""


def where(c: Citation) -> str:
    """'pagina 3, regels 10–12' — the human locator of a citation."""
    parts = []
    if c.page:
        parts.append(f"pagina {c.page}")
    if c.lines:
        first, last = c.lines[0], c.lines[-1]
        parts.append(f"regel {first}" if first == last else f"regels {first}–{last}")
    return ", ".join(parts)


def chip_label(i: int, c: Citation) -> str:
    """Button text of source chip i (1-based)."""
    title = c.title or c.doc
    if len(title) > 48:
        title = title[:47] + "…"
    loc = where(c)
    return f"[{i}] {title}" + (f" · {loc}" if loc else "")


def answer_markdown(a: Answer) -> str:
    """The assistant's chat message: answer text, numbered sources, suggestions when refused."""
    # Answer text quotes the reports and may echo the question: shown as text, never as HTML.
    out = [escape(a.answer.strip(), quote=False) or "(geen antwoord)"]
    if a.notice:
        out.append(f"*{escape(a.notice, quote=False)}*")
    if a.citations:
        chips = " ".join(
            f'<span class="bron-chip-tekst" title="{escape(c.doc)}">[{i}] {escape(c.title or c.doc)}'
            f"{' · ' + escape(where(c)) if where(c) else ''}</span>"
            for i, c in enumerate(a.citations, 1))
        out.append(f"**Bronnen:** {chips}")
    if a.refused and a.suggestions:
        lines = ["**Misschien bedoelt u:**"]
        for s in a.suggestions[:5]:
            quote = s.quote.replace("\n", " ")[:160]
            lines.append(f"- *{escape(s.title or s.doc, quote=False)}* ({where(s)}): {escape(quote, quote=False)}")
        out.append("\n".join(lines))
    return "\n\n".join(out)


def source_html(view: SourceView | None, c: Citation | None = None) -> str:
    """The passage around a citation with the cited lines marked <mark class="bron-regel">."""
    if view is None or not view.lines:
        if c is not None and c.quote:
            return (f'<div class="bron-passage"><div class="bron-kop">{escape(c.title or c.doc)}'
                    f' <span class="bron-plaats">{escape(where(c))}</span></div>'
                    f'<blockquote><mark class="bron-regel">{escape(c.quote)}</mark></blockquote></div>')
        return '<div class="bron-passage bron-leeg">Deze passage is niet (meer) beschikbaar.</div>'
    pages = sorted({ln.page for ln in view.lines if ln.highlighted and ln.page})
    if not pages and c is not None and c.page:
        pages = [c.page]
    loc = []
    if pages:
        loc.append("pagina " + "–".join(str(p) for p in (pages[0], pages[-1]) if p) if len(pages) > 1
                   else f"pagina {pages[0]}")
    loc.append(f"regel {view.first}" if view.first == view.last else f"regels {view.first}–{view.last}")
    rows = []
    for ln in view.lines:
        text = escape(ln.text) or "&nbsp;"
        if ln.highlighted:
            text = f'<mark class="bron-regel">{text}</mark>'
        rows.append(f'<div class="bron-lijn"><span class="regelnr">{ln.line_no}</span>{text}</div>')
    head = (f'<div class="bron-kop"><strong class="bron-titel">{escape(view.title or view.doc)}</strong>'
            f' <span class="bron-plaats">{escape(", ".join(loc))}</span>'
            f'<div class="bron-bestand">{escape(view.doc)}'
            f"{' · ' + escape(c.locator) if c is not None and c.locator else ''}</div></div>")
    return f'<div class="bron-passage">{head}<div class="bron-tekst">{"".join(rows)}</div></div>'


def file_results_html(results: list) -> str:
    """One Dutch line per ingested file; failures styled as errors."""
    items = []
    for r in results:
        cls = "ingest-fout" if r.failed else "ingest-ok"
        prefix = "Fout: " if r.failed else ""
        items.append(f'<li class="{cls}">{prefix}{escape(r.message)}</li>')
    return f'<ul class="ingest-resultaten">{"".join(items)}</ul>' if items else ""
