"""Tab "Vragen": filters, chat with answer cards, source cards, passage view, chart, table, downloads, SQL."""

from __future__ import annotations

import logging
from html import escape
from typing import Any

import gradio as gr

from assistant.models import Answer
from ui.answer_card import answer_html
from ui.assets import FOCUS_CARD, SCROLL_TO_MARK, SOURCES_JS
from ui.chart import chart_html
from ui.downloads import csv_file, markdown_file
from ui.figures import table_html
from ui.sources import EMPTY_CARDS, EMPTY_PASSAGE, Resolved, cards_html, passage_html, resolve

log = logging.getLogger(__name__)

MAX_SOURCES = 8
MAX_HISTORY = 6  # earlier answers passed to ask() for follow-ups ("en in 2017?")
N_EXAMPLES = 4
ALL_MUNICIPALITIES = "Alle gemeenten"
ALL_YEARS = "Alle jaren"


def _filters(gemeente: str | None, jaar: str | None) -> tuple[str | None, int | None]:
    municipality = None if not gemeente or gemeente == ALL_MUNICIPALITIES else gemeente
    year = int(jaar) if jaar and str(jaar).isdigit() else None
    return municipality, year


def _sources_of(a: Answer) -> list:
    return (a.citations or a.suggestions)[:MAX_SOURCES]


def _place(assistant: Any, a: Answer) -> str:
    """The municipality a chart is about: the headline's, the filter's, else its report's."""
    if a.headline and a.headline.municipality:
        return a.headline.municipality
    if a.scope.municipality:
        return a.scope.municipality
    docs = {c.doc for c in a.citations}
    munis = {d.get("municipality") for d in assistant.documents() if d.get("file_name") in docs}
    return next(iter(munis)) if len(munis) == 1 and None not in munis else ""


def build_chat_tab(assistant: Any) -> tuple[Any, list[Any]]:
    """Lay out and wire the tab; returns (refresh fn, its outputs): filter choices and example questions."""
    history = gr.State([])  # list[Answer] of this browser session: follow-ups and older source cards

    with gr.Row(elem_id="filters", equal_height=True):
        gemeente = gr.Dropdown([ALL_MUNICIPALITIES], value=ALL_MUNICIPALITIES, label="Gemeente",
                               elem_id="filter-gemeente", scale=1, min_width=150,
                               info="Beperk de vraag tot de rapportages van één gemeente.")
        jaar = gr.Dropdown([ALL_YEARS], value=ALL_YEARS, label="Jaar", elem_id="filter-jaar", scale=1,
                           min_width=120, info="Beperk de vraag tot één jaar.")
    with gr.Row(equal_height=False, elem_id="vragen-rij"):
        with gr.Column(scale=3, min_width=300):
            chat = gr.Chatbot(label="Gesprek", height="auto", min_height=200, max_height=560, elem_id="gesprek",
                              buttons=["copy"],
                              latex_delimiters=[],
                              placeholder="Stel een vraag over Jeugdwet, Wmo of Participatiewet.")
            question = gr.Textbox(label="Uw vraag", placeholder="Bijvoorbeeld: hoeveel jongeren kregen jeugdhulp "
                                  "in 2017?", max_lines=4, elem_id="vraag", max_length=2000, autofocus=True)
            with gr.Row():
                send = gr.Button("Vraag", variant="primary", elem_id="verstuur", scale=2, min_width=100)
                clear = gr.Button("Nieuw gesprek", variant="secondary", elem_id="nieuw-gesprek", scale=1,
                                  min_width=100)
            gr.Markdown("**Voorbeeldvragen** (gemaakt uit de ingelezen rapportages)", elem_id="voorbeelden-kop")
            examples = [gr.Button("", visible=False, size="sm", variant="secondary", elem_classes=["voorbeeld"],
                                  elem_id=f"voorbeeld-{i + 1}") for i in range(N_EXAMPLES)]
        with gr.Column(scale=2, min_width=300):
            cards = gr.HTML(EMPTY_CARDS, js_on_load=SOURCES_JS, elem_id="bronkaarten")
            passage = gr.HTML(EMPTY_PASSAGE, elem_id="bron-passage")
    with gr.Column(elem_id="cijfers-blok"):
        chart = gr.HTML("", elem_id="grafiek")
        table = gr.HTML("", elem_id="cijfers")
        with gr.Row():
            csv_btn = gr.DownloadButton("Cijfers downloaden (CSV)", visible=False, elem_id="download-csv",
                                        variant="secondary", size="sm")
            md_btn = gr.DownloadButton("Antwoord met bronnen downloaden (Markdown)", visible=False,
                                       elem_id="download-md", variant="secondary", size="sm")
        with gr.Accordion("Toon SQL", open=False, visible=False, elem_id="sql-accordion") as sql_acc:
            sql_code = gr.Code(language="sql", label="SQL", interactive=False, elem_id="sql")

    def _resolved(a: Answer) -> list[Resolved]:
        return [resolve(assistant, c) for c in _sources_of(a)]

    def _answer_updates(a: Answer | None, index: int) -> list[Any]:
        """cards, passage, chart, table, csv, markdown, sql accordion, sql code for one answer."""
        if a is None:
            return [EMPTY_CARDS, EMPTY_PASSAGE, "", "", gr.DownloadButton(value=None, visible=False),
                    gr.DownloadButton(value=None, visible=False), gr.Accordion(visible=False), ""]
        res = _resolved(a)
        first = passage_html(assistant, res[0], 1) if res and a.citations else EMPTY_PASSAGE
        csv = csv_file(a)
        return [cards_html(res, index, active=1 if a.citations else None, suggestions=not a.citations), first,
                chart_html(a.chart, _place(assistant, a), a.headline.label if a.headline else ""), table_html(a),
                gr.DownloadButton(value=str(csv) if csv else None, visible=csv is not None),
                gr.DownloadButton(value=str(markdown_file(a, res)), visible=True),
                gr.Accordion(visible=bool(a.sql)), a.sql or ""]

    def respond(q: str, messages: list, past: list[Answer], gem: str, yr: str):
        q = (q or "").strip()
        if not q:
            gr.Warning("Typ eerst een vraag.", title="Let op")
            return (gr.Textbox(), messages, past, *[gr.skip()] * 8)
        municipality, year = _filters(gem, yr)
        try:
            ans = assistant.ask(q, past[-MAX_HISTORY:], municipality=municipality, year=year)
        except Exception:  # noqa: BLE001 - the user gets a Dutch message, the log the trace
            log.exception("ask failed for %r", q)
            ans = Answer(question=q, answer="Er ging iets mis bij het beantwoorden van deze vraag. "
                         "Probeer het opnieuw of formuleer de vraag anders.", refused=True)
        index = len(past)
        messages = [*messages, {"role": "user", "content": escape(q, quote=False)},  # shown as text, not HTML
                    {"role": "assistant", "content": answer_html(ans, index)}]
        return ("", messages, [*past, ans], *_answer_updates(ans, index))

    def open_source(past: list[Answer], evt: gr.EventData):
        try:
            index, n = int(getattr(evt, "antwoord", None)), int(getattr(evt, "bron", None))
            a = past[index]
        except (TypeError, ValueError, IndexError):
            return gr.skip(), gr.skip()
        res = _resolved(a)
        if not 1 <= n <= len(res):
            return gr.skip(), gr.skip()
        return (cards_html(res, index, active=n, suggestions=not a.citations),
                passage_html(assistant, res[n - 1], n))

    outputs = [question, chat, history, cards, passage, chart, table, csv_btn, md_btn, sql_acc, sql_code]
    inputs = [question, chat, history, gemeente, jaar]
    # One concurrency group for every trigger: the queue limit counts all questions together.
    send.click(respond, inputs, outputs, api_name="vraag", concurrency_id="vraag").then(None, js=SCROLL_TO_MARK)
    question.submit(respond, inputs, outputs, api_visibility="private", concurrency_id="vraag").then(
        None, js=SCROLL_TO_MARK)
    for ex in examples:
        ex.click(respond, [ex, chat, history, gemeente, jaar], outputs, api_visibility="private",
                 concurrency_id="vraag").then(None, js=SCROLL_TO_MARK)
    cards.click(open_source, [history], [cards, passage], api_visibility="private").then(None, js=FOCUS_CARD)

    def reset():
        return ([], [], *_answer_updates(None, 0))

    clear.click(reset, None, [chat, history, cards, passage, chart, table, csv_btn, md_btn, sql_acc, sql_code],
                api_visibility="private")

    def refresh(gem: str | None = None, yr: str | None = None):
        munis = [ALL_MUNICIPALITIES, *assistant.municipalities()]
        years = [ALL_YEARS, *[str(y) for y in assistant.years()]]
        try:
            qs = assistant.example_questions(N_EXAMPLES)
        except Exception:  # noqa: BLE001 - examples are a help, never a reason to fail the page
            log.exception("example questions failed")
            qs = []
        ex_upd = [gr.Button(value=qs[i], visible=True) if i < len(qs) else gr.Button(value="", visible=False)
                  for i in range(N_EXAMPLES)]
        return (gr.Dropdown(choices=munis, value=gem if gem in munis else ALL_MUNICIPALITIES),
                gr.Dropdown(choices=years, value=yr if yr in years else ALL_YEARS), *ex_upd)

    return refresh, [gemeente, jaar], [gemeente, jaar, *examples]
