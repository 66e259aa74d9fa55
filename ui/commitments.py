"""Tab "Toezeggingen": searchable, filterable table of commitments; a selection shows its passage."""

from __future__ import annotations

import logging
from typing import Any

import gradio as gr
import pandas as pd

from assistant.models import Citation
from ui.assets import SCROLL_TO_MARK
from ui.errors import dutch_errors
from ui.sources import passage_html, resolve

log = logging.getLogger(__name__)

COLUMNS = ["Nummer", "Toezegging", "Afdoening", "Status", "Document"]
ALL = "Alle"
EMPTY = '<div class="bron-passage bron-leeg">Selecteer een toezegging om de bronpassage te zien.</div>'


def commitments_frame(rows: list[dict[str, Any]], status: str | None = None) -> pd.DataFrame:
    if status and status != ALL:
        rows = [r for r in rows if (r.get("status") or "onbekend") == status]
    return pd.DataFrame([[r.get("number"), r.get("text"), r.get("fulfilment"), r.get("status") or "onbekend",
                          r.get("title") or r.get("file_name")] for r in rows], columns=COLUMNS)


def status_choices(rows: list[dict[str, Any]]) -> list[str]:
    return [ALL, *sorted({r.get("status") or "onbekend" for r in rows})]


def build_commitments_tab(assistant) -> tuple[Any, list[Any], list[Any]]:
    """Lay out the tab; returns (refresh fn, its inputs, its outputs) for the tab's select event."""
    rows = assistant.commitments()
    with gr.Row():
        search = gr.Textbox(label="Zoeken", placeholder="nummer of trefwoord, bijv. T2018-063 of mantelzorg",
                            scale=3, elem_id="toezegging-zoek")
        status = gr.Dropdown(status_choices(rows), value=ALL, label="Status", scale=1, elem_id="toezegging-status")
    count = gr.Markdown(f"{len(rows)} toezeggingen", elem_id="toezegging-aantal")
    table = gr.DataFrame(commitments_frame(rows), interactive=False, wrap=True, elem_id="toezeggingen",
                         column_widths=["12%", "38%", "30%", "8%", "12%"], max_height=420,
                         label="Toezeggingen (kies een rij voor de bronpassage)", show_label=True)
    passage = gr.HTML(EMPTY, elem_id="toezegging-passage")

    @dutch_errors
    def refresh(text: str, st: str):
        found = assistant.commitments((text or "").strip() or None)
        frame = commitments_frame(found, st)
        choices = status_choices(assistant.commitments())
        return frame, f"{len(frame)} toezeggingen", gr.Dropdown(choices=choices, value=st if st in choices else ALL)

    @dutch_errors
    def show(evt: gr.SelectData) -> str:
        number = (evt.row_value or [None])[0]
        match = [r for r in assistant.commitments(number) if r.get("number") == number] if number else []
        if not match:
            return EMPTY
        r = match[0]
        c = Citation(doc=r["file_name"], title=r.get("title") or "", page=r.get("page"), locator=number,
                     lines=[r["line_start"], r["line_end"]] if r.get("line_start") else [], quote=r.get("text") or "")
        return passage_html(assistant, resolve(assistant, c), 1)

    outs = [table, count, status]
    search.submit(refresh, [search, status], outs, api_visibility="private")
    search.change(refresh, [search, status], outs, api_visibility="private", trigger_mode="always_last")
    status.input(refresh, [search, status], outs, api_visibility="private")
    table.select(show, None, [passage], api_visibility="private").then(None, js=SCROLL_TO_MARK)
    return refresh, [search, status], outs
