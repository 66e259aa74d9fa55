"""Tab "Vragen": question box, chat with source chips, passage view, table, chart and SQL."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

import gradio as gr

from assistant.models import Answer, Citation
from ui.figures import SERIES, X, Y, chart_frame, period_order, table_frame
from ui.render import SCROLL_TO_MARK, answer_markdown, chip_label, source_html

log = logging.getLogger(__name__)

MAX_CHIPS = 8  # fixed pool of chip buttons; answers rarely cite more
MAX_HISTORY = 6  # earlier answers passed to ask() for follow-ups ("en in 2017?")

EXAMPLES = [
    "Hoeveel ondersteuningsplannen zijn er in H1 2018 in totaal opgesteld?",
    "Hoeveel cliënten had de Participatiewet in H1 2018?",
    "Wat waren de totale lasten van programma 3 in 2017?",
    "Welke toezeggingen zijn er gedaan over mantelzorg?",
]

EMPTY_SOURCE = '<div class="bron-passage bron-leeg">Klik op een bron om de passage te zien.</div>'


def _chip_updates(citations: list[Citation], prefix: str = "") -> list[Any]:
    return [gr.Button(value=prefix + chip_label(i + 1, citations[i]), visible=True) if i < len(citations)
            else gr.Button(value="", visible=False) for i in range(MAX_CHIPS)]


def _figure_updates(a: Answer | None) -> list[Any]:
    table = table_frame(a) if a else None
    chart = chart_frame(a) if a else None
    table_upd = gr.DataFrame(value=table, visible=True) if table is not None else gr.DataFrame(
        value=None, visible=False)
    if chart is not None:
        # Colour (and legend) only when there is more than one series to tell apart.
        color = SERIES if chart[SERIES].nunique() > 1 else None
        plot_upd = gr.LinePlot(value=chart, x=X, y=Y, color=color, sort=period_order(chart), visible=True,
                               x_title="Periode", y_title="Waarde")
    else:
        plot_upd = gr.LinePlot(value=None, visible=False)
    sql_upd = gr.Code(value=a.sql if a and a.sql else "")
    acc_upd = gr.Accordion(visible=bool(a and a.sql))
    return [table_upd, plot_upd, acc_upd, sql_upd]


def build_chat_tab(assistant) -> None:
    """Lay out and wire the Vragen tab inside the current gr.Blocks/gr.Tab context."""
    history = gr.State([])  # list[Answer] for follow-up questions, per browser session
    citations = gr.State([])  # list[Citation] of the latest answer, for the chips

    with gr.Row(equal_height=False):
        with gr.Column(scale=3):
            chat = gr.Chatbot(label="Gesprek", height=420, elem_id="gesprek", buttons=["copy"],
                              placeholder="Stel een vraag over Jeugdwet, Wmo of Participatiewet.")
            with gr.Row(elem_id="bron-chips"):
                chips = [gr.Button("", visible=False, size="sm", variant="secondary",
                                   elem_classes=["bron-chip"], elem_id=f"bron-chip-{i + 1}")
                         for i in range(MAX_CHIPS)]
            with gr.Row():
                question = gr.Textbox(placeholder="Bijvoorbeeld: hoeveel jongeren kregen jeugdhulp in 2017?",
                                      show_label=False, scale=5, max_lines=4, elem_id="vraag",
                                      max_length=2000, autofocus=True)
                send = gr.Button("Vraag", variant="primary", scale=1, elem_id="verstuur")
            with gr.Row():
                clear = gr.Button("Nieuw gesprek", size="sm", variant="secondary", elem_id="nieuw-gesprek")
            gr.Examples(EXAMPLES, inputs=[question], label="Voorbeeldvragen")
        with gr.Column(scale=2):
            passage = gr.HTML(EMPTY_SOURCE, label="Bronpassage", elem_id="bron-passage")
    table = gr.DataFrame(visible=False, label="Cijfers", interactive=False, elem_id="cijfers", wrap=True)
    plot = gr.LinePlot(visible=False, label="Verloop over de perioden", elem_id="grafiek", height=300)
    with gr.Accordion("Toon SQL", open=False, visible=False, elem_id="sql-accordion") as sql_acc:
        sql_code = gr.Code(language="sql", label="SQL", interactive=False, elem_id="sql")

    def respond(q: str, messages: list, past: list[Answer]):
        q = (q or "").strip()
        if not q:
            gr.Warning("Typ eerst een vraag.", title="Let op")
            return (gr.Textbox(), messages, past, [], *_chip_updates([]), gr.HTML(), *_figure_updates(None))
        try:
            ans = assistant.ask(q, past[-MAX_HISTORY:])
        except Exception:  # noqa: BLE001 - the user gets a Dutch message, the log the trace
            log.exception("ask failed for %r", q)
            ans = Answer(question=q, answer="Er ging iets mis bij het beantwoorden van deze vraag. "
                         "Probeer het opnieuw of formuleer de vraag anders.", refused=True)
        messages = [*messages, {"role": "user", "content": escape(q, quote=False)},  # shown as text, not HTML
                    {"role": "assistant", "content": answer_markdown(ans)}]
        # A refusal has no sources, but its suggestions are worth a click too (marked as such).
        shown = ans.citations or ans.suggestions[:MAX_CHIPS]
        prefix = "" if ans.citations else "Misschien: "
        first = _source_for(ans.citations, 0) if ans.citations else EMPTY_SOURCE
        return ("", messages, [*past, ans], shown, *_chip_updates(shown, prefix), first, *_figure_updates(ans))

    def _source_for(cits: list[Citation], i: int) -> str:
        if i >= len(cits):
            return EMPTY_SOURCE
        c = cits[i]
        view = None
        if c.lines:
            try:
                view = assistant.source(c.doc, c.lines[0], c.lines[-1])
            except Exception:  # noqa: BLE001 - e.g. the report was removed meanwhile
                log.exception("source failed for %s", c)
        return source_html(view, c)

    outputs = [question, chat, history, citations, *chips, passage, table, plot, sql_acc, sql_code]
    # One concurrency group for both triggers: the queue limit counts all questions together.
    send.click(respond, [question, chat, history], outputs, api_name="vraag", concurrency_id="vraag").then(
        None, js=SCROLL_TO_MARK)
    question.submit(respond, [question, chat, history], outputs, api_visibility="private",
                    concurrency_id="vraag").then(None, js=SCROLL_TO_MARK)

    for i, chip in enumerate(chips):
        chip.click(lambda cits, i=i: _source_for(cits, i), [citations], [passage], api_visibility="private").then(
            None, js=SCROLL_TO_MARK)

    def reset():
        return ([], [], [], *_chip_updates([]), EMPTY_SOURCE, *_figure_updates(None))

    clear.click(reset, None, [chat, history, citations, *chips, passage, table, plot, sql_acc, sql_code],
                api_visibility="private")
