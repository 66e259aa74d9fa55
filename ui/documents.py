"""Tab "Documenten": ingested reports, upload with progress, removal."""

from __future__ import annotations

import logging
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr
import pandas as pd

from assistant.errors import dutch_message
from assistant.text import format_size
from ui.errors import dutch_errors
from ui.render import file_results_html

log = logging.getLogger(__name__)

ACCEPTED = [".pdf", ".docx", ".txt", ".md"]
COLUMNS = ["Bestand", "Titel", "Gemeente", "Periode", "Soort", "Passages", "Figuren", "Cijfers"]


def documents_frame(docs: list[dict[str, Any]]) -> pd.DataFrame:
    return pd.DataFrame([[d.get("file_name"), d.get("title"), d.get("municipality"), d.get("period_label"),
                          d.get("kind"), d.get("n_chunks"), d.get("n_figures"), d.get("n_facts")] for d in docs],
                        columns=COLUMNS)


def _staged(files: list[str]) -> tuple[Path, list[Path]]:
    """Copies uploads to one temp folder under their own names: the name becomes the document key."""
    folder = Path(tempfile.mkdtemp(prefix="upload-"))
    out = []
    for f in files:
        src = Path(f)
        dst = folder / src.name
        shutil.copyfile(src, dst)
        out.append(dst)
    return folder, out


def too_large(files: list[str], max_mb: int) -> dict[str, str]:
    """Dutch refusals for uploads above the size limit (ASSISTANT_MAX_UPLOAD_MB), by upload path."""
    out = {}
    for f in files:
        size = Path(f).stat().st_size
        if size > max_mb * 1024 * 1024:
            out[f] = (f"‘{Path(f).name}’ is te groot ({format_size(size)}; de grens is {max_mb} MB) "
                      "en is niet ingelezen.")
    return out


def build_documents_tab(assistant) -> tuple[Any, list[Any]]:
    """Lay out and wire the tab; returns (refresh fn, its outputs) for the tab's select event."""
    docs = assistant.documents()
    table = gr.DataFrame(documents_frame(docs), interactive=False, wrap=True, elem_id="documenten",
                         label="Ingelezen rapportages",
                         column_widths=["17%", "35%", "12%", "9%", "9%", "6%", "6%", "6%"])
    with gr.Row(equal_height=False):
        with gr.Column():
            upload = gr.File(label="Rapportage toevoegen (PDF, DOCX, TXT of MD)", file_count="multiple",
                             file_types=ACCEPTED, elem_id="upload")
            ingest_btn = gr.Button("Inlezen", variant="primary", elem_id="inlezen")
            result = gr.HTML("", elem_id="inlees-resultaat")
        with gr.Column():
            choice = gr.Dropdown([d["file_name"] for d in docs], label="Rapportage verwijderen",
                                 elem_id="verwijder-keuze")
            remove_btn = gr.Button("Verwijderen", variant="stop", elem_id="verwijder")
            removed = gr.HTML("", elem_id="verwijder-resultaat")

    @dutch_errors
    def refresh():
        d = assistant.documents()
        return documents_frame(d), gr.Dropdown(choices=[x["file_name"] for x in d], value=None)

    @dutch_errors
    def ingest(files: list[str] | None, progress: gr.Progress = gr.Progress()):  # noqa: B008 - Gradio's idiom
        if not files:
            gr.Warning("Kies eerst een of meer bestanden.", title="Let op")
            return "", *refresh(), None
        bad = [Path(f).name for f in files if Path(f).suffix.lower() not in ACCEPTED]
        large = too_large(files, assistant.settings.max_upload_mb)
        good = [f for f in files if Path(f).suffix.lower() in ACCEPTED and f not in large]
        folder, paths = _staged(good)
        try:
            progress(0, desc="Inlezen gestart")
            results = assistant.ingest(paths, progress=lambda frac, msg: progress(frac, desc=msg)) if paths else []
        except Exception as e:  # noqa: BLE001 - the earlier documents stay; tell the user
            log.exception("ingest failed")
            gr.Warning("Het inlezen is mislukt; eerder ingelezen documenten zijn ongewijzigd.", title="Let op")
            results = []
            bad_run = dutch_message(e)
        else:
            bad_run = ""
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        html = file_results_html(results)
        if bad_run:
            html += ('<p class="ingest-fout">Fout: het inlezen is mislukt; eerder ingelezen documenten zijn '
                     f'ongewijzigd. {escape(bad_run)}</p>')
        if large:
            html += ('<ul class="ingest-resultaten">' + "".join(
                f'<li class="ingest-fout">Fout: {escape(m)}</li>' for m in large.values()) + "</ul>")
        if bad:
            html += ('<ul class="ingest-resultaten">' + "".join(
                f'<li class="ingest-fout">Fout: ‘{escape(b)}’ heeft geen ondersteund formaat (PDF, DOCX, TXT of MD).</li>'
                for b in bad) + "</ul>")
        if any(r.failed for r in results) or bad or large:
            gr.Warning("Niet alle bestanden konden worden ingelezen; zie de meldingen.", title="Let op")
        return html, *refresh(), None

    @dutch_errors
    def remove(name: str | None):
        if not name:
            return '<p class="ingest-fout">Kies eerst een rapportage.</p>', *refresh()
        ok = assistant.remove(name)
        msg = (f'<p class="ingest-ok">‘{escape(name)}’ is verwijderd.</p>' if ok
               else f'<p class="ingest-fout">Fout: ‘{escape(name)}’ is niet ingelezen; er is niets verwijderd.</p>')
        return msg, *refresh()

    ingest_btn.click(ingest, [upload], [result, table, choice, upload], api_visibility="private",
                     concurrency_limit=1, concurrency_id="beheer")
    remove_btn.click(remove, [choice], [removed, table, choice], api_visibility="private",
                     concurrency_limit=1, concurrency_id="beheer")
    return refresh, [table, choice]
