"""The answer card in the chat: the figure first and large, one sentence of context, then the rest.

Works on whatever the API returns: with Answer.headline/context/derivation filled it shows those;
without them it falls back to the answer text. Every [n] becomes a link that opens source card n
of this answer (href "#bron-<answer>-<n>"; Gradio's sanitizer keeps class and href only).
"""

from __future__ import annotations

import re
from html import escape

from assistant.models import Answer, Citation

MARKER = re.compile(r"\[(\d{1,2})\]")
QUOTED = re.compile(r"“(.+?)”\s*\[(\d{1,2})\]", re.S)
COMMITMENT_LINE = re.compile(r"^(T\d{4}-\d{3}): (.*)$")
NO_ANSWER = "(geen antwoord)"


def marker_link(answer_index: int, n: int) -> str:
    return (f'<a class="bron-ref" href="#bron-{answer_index}-{n}"><span class="sr-alleen">bron </span>'
            f"[{n}]</a>")


def with_markers(text: str, answer_index: int, n_citations: int) -> str:
    """Escape `text` and turn its [n] into links to the answer's source cards."""
    def link(m: re.Match[str]) -> str:
        n = int(m.group(1))
        return marker_link(answer_index, n) if 1 <= n <= n_citations else m.group(0)

    return MARKER.sub(link, escape(text))


def _fallback_context(a: Answer) -> str:
    """One sentence naming the source, when the engine gave no context sentence."""
    c: Citation = a.citations[0]
    where = c.locator.split(":")[0].strip() if c.locator else "de tabel"
    title = c.title or "de rapportage"
    return f"Uit {where} in ‘{title}’ [1]."


def _headline_html(a: Answer, index: int) -> str:
    h = a.headline
    assert h is not None
    rest = ", ".join(p for p in (h.label, h.municipality, h.period) if p)
    parts = [f'<p class="kerncijfer"><strong class="getal">{escape(h.value)}</strong>'
             f'{" " + escape(rest) if rest else ""}</p>']
    context = a.context or (_fallback_context(a) if a.citations else "")
    if context:
        parts.append(f'<p class="context">{with_markers(context, index, len(a.citations))}</p>')
    if a.derivation:
        parts.append(f'<p class="afleiding">Berekening: {escape(a.derivation)}</p>')
    elif len(a.rows) > 1 and not a.context:
        # several rows (a comparison) and no context sentence yet: the text lists them all
        parts.append(_text_html(a.answer, index, len(a.citations)))
    return "".join(parts)


def _text_html(text: str, index: int, n: int) -> str:
    """Quoted sentences one per paragraph, each with its marker; other text as paragraphs."""
    quotes = QUOTED.findall(text)
    if quotes:
        return "".join(f'<p class="citaat">“{escape(s.strip())}” {marker_link(index, int(k)) if int(k) <= n else ""}'
                       "</p>" for s, k in quotes)
    paras = []
    for line in text.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        m = COMMITMENT_LINE.match(line)
        if m:
            paras.append(f"<p><strong>{escape(m.group(1))}</strong>: {with_markers(m.group(2), index, n)}</p>")
        elif line.startswith("- "):
            paras.append(f'<p class="opsomming">• {with_markers(line[2:], index, n)}</p>')
        else:
            paras.append(f"<p>{with_markers(line, index, n)}</p>")
    return "".join(paras)


def answer_html(a: Answer, index: int) -> str:
    """The chat message for answer number `index` (0-based position in the session's answers)."""
    body = _headline_html(a, index) if a.headline else _text_html(a.answer or NO_ANSWER, index, len(a.citations))
    parts = [f'<div class="antwoord-kaart">{body or escape(NO_ANSWER)}</div>']
    if a.notice and not a.answer.startswith(a.notice):
        parts.append(f'<p class="melding"><em>{escape(a.notice)}</em></p>')
    return "".join(parts)


def answer_text(a: Answer) -> str:
    """Plain text of the answer for the Markdown download: the headline first when there is one."""
    if a.headline:
        lines = [a.headline.text()]
        if a.context:
            lines.append(a.context)
        if a.derivation:
            lines.append(f"Berekening: {a.derivation}")
        if not a.context:
            lines.append(a.answer)
        return "\n\n".join(lines)
    return a.answer
