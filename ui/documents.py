"""Tab "Documenten": the ingested reports by title, what was read from each, the originals, upload, removal."""

from __future__ import annotations

import logging
import shutil
import tempfile
from html import escape
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.answer.compose import period_text
from assistant.errors import dutch_message
from assistant.numbers import format_dutch_number
from assistant.text import format_size
from ui.errors import dutch_errors
from ui.originals import original_url

log = logging.getLogger(__name__)

ACCEPTED = [".pdf", ".docx", ".txt", ".md"]
HEADERS = ["Titel", "Gemeente", "Periode", "Soort", "Wat is gelezen", "Origineel"]


def _count(n: int, one: str, many: str) -> str:
    return f"{format_dutch_number(n)} {one if n == 1 else many}"


def read_summary(d: dict[str, Any]) -> str:
    """'66 passages · 9 tabellen gelezen · 3 toezeggingen', with a warning when tables were not read."""
    parts = [_count(d.get("n_chunks") or 0, "passage", "passages")]
    ok, partly, missed = (d.get("n_tables_read") or 0), (d.get("n_tables_partly") or 0), \
        (d.get("n_tables_not_read") or 0)
    parts.append(_count(ok, "tabel gelezen", "tabellen gelezen"))
    if d.get("n_facts"):
        parts.append(_count(d["n_facts"], "cijfer", "cijfers"))
    parts.append(_count(d.get("n_commitments") or 0, "toezegging", "toezeggingen"))
    html = escape(" · ".join(parts))
    warn = []
    if partly:
        warn.append(_count(partly, "tabel deels gelezen", "tabellen deels gelezen"))
    if missed:
        warn.append(_count(missed, "tabel niet gelezen", "tabellen niet gelezen"))
    if warn:
        html += f'<br><span class="document-waarschuwing">Let op: {escape(", ".join(warn))}</span>'
    return html


def documents_html(docs: list[dict[str, Any]], has_original: Any = lambda name: True) -> str:
    """One row per report: the title (never the hashed file name), period in words, what was read, links."""
    if not docs:
        return '<p class="bron-leeg">Er zijn nog geen rapportages ingelezen.</p>'
    th = "".join(f'<th scope="col">{h}</th>' for h in HEADERS)
    rows = []
    for d in sorted(docs, key=lambda d: (d.get("title") or d["file_name"]).lower()):
        title = escape(d.get("title") or d["file_name"])
        name = d["file_name"]
        links = (f'<a href="{escape(original_url(name))}" target="_blank" rel="noopener">Openen'
                 f'<span class="sr-alleen"> {title} (nieuw tabblad)</span></a> · '
                 f'<a href="{escape(original_url(name, download=True))}" download>Downloaden'
                 f'<span class="sr-alleen"> {title}</span></a>') if has_original(name) else \
            '<span class="bron-leeg">niet bewaard; lees het bestand opnieuw in</span>'

        cells = [("Titel", f"<strong>{title}</strong>"), ("Gemeente", escape(d.get("municipality") or "onbekend")),
                 ("Periode", escape(period_text(d.get("period_label")) or "onbekend")),
                 ("Soort", escape(d.get("kind") or "")), ("Wat is gelezen", read_summary(d)), ("Origineel", links)]
        rows.append("<tr>" + "".join(f'<td data-label="{h}">{v}</td>' for h, v in cells) + "</tr>")
    return (f'<div class="cijfertabel-houder"><table class="cijfertabel documententabel">'
            f"<caption>{_count(len(docs), 'ingelezen rapportage', 'ingelezen rapportages')}</caption>"
            f"<thead><tr>{th}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def removal_choices(docs: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(title, file name) pairs: the dropdown shows titles; same titles get their period to tell them apart."""
    titles = [d.get("title") or d["file_name"] for d in docs]
    out = []
    for d, t in zip(docs, titles, strict=True):
        if titles.count(t) > 1:
            t = f"{t} ({period_text(d.get('period_label')) or d['file_name']})"
        out.append((t, d["file_name"]))
    return sorted(out, key=lambda p: p[0].lower())


def file_results_html(results: list) -> str:
    """One Dutch line per ingested file; failures styled as errors."""
    items = []
    for r in results:
        cls = "ingest-fout" if r.failed else "ingest-ok"
        prefix = "Fout: " if r.failed else ""
        items.append(f'<li class="{cls}">{prefix}{escape(r.message)}</li>')
    return f'<ul class="ingest-resultaten">{"".join(items)}</ul>' if items else ""


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


def build_documents_tab(assistant: Any) -> tuple[Any, list[Any]]:
    """Lay out and wire the tab; returns (refresh fn, its outputs) for the tab's select event."""
    docs = assistant.documents()
    def has_original(name: str) -> bool:
        return assistant.original_path(name) is not None

    table = gr.HTML(documents_html(docs, has_original), elem_id="documenten")
    with gr.Row(equal_height=False):
        with gr.Column(min_width=280):
            upload = gr.File(label="Rapportage toevoegen (PDF, DOCX, TXT of MD)", file_count="multiple",
                             file_types=ACCEPTED, elem_id="upload")
            ingest_btn = gr.Button("Inlezen", variant="primary", elem_id="inlezen")
            result = gr.HTML("", elem_id="inlees-resultaat")
        with gr.Column(min_width=280):
            choice = gr.Dropdown(removal_choices(docs), value=None, label="Rapportage verwijderen",
                                 elem_id="verwijder-keuze", info="Kies de rapportage op titel.")
            remove_btn = gr.Button("Verwijderen…", variant="stop", elem_id="verwijder")
            with gr.Group(visible=False, elem_id="verwijder-bevestiging") as confirm_box:
                confirm_text = gr.Markdown("", elem_id="verwijder-vraag")
                with gr.Row():
                    confirm_btn = gr.Button("Ja, verwijderen", variant="stop", elem_id="verwijder-ja")
                    cancel_btn = gr.Button("Annuleren", variant="secondary", elem_id="verwijder-nee")
            removed = gr.HTML("", elem_id="verwijder-resultaat")

    @dutch_errors
    def refresh():
        d = assistant.documents()
        return documents_html(d, has_original), gr.Dropdown(choices=removal_choices(d), value=None)

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
        if any(r.failed for r in results) or bad or large or bad_run:
            gr.Warning("Niet alle bestanden konden worden ingelezen; zie de meldingen.", title="Let op")
        return html, *refresh(), None

    def _title(name: str | None) -> str:
        return next((t for t, n in removal_choices(assistant.documents()) if n == name), name or "")

    @dutch_errors
    def ask_confirm(name: str | None):
        if not name:
            return gr.Group(visible=False), "", '<p class="ingest-fout">Kies eerst een rapportage.</p>'
        return (gr.Group(visible=True),
                f"Weet u zeker dat u **‘{_title(name)}’** wilt verwijderen? Ook de passages, cijfers en "
                "toezeggingen uit deze rapportage verdwijnen.", "")

    @dutch_errors
    def remove(name: str | None):
        if not name:
            return gr.Group(visible=False), '<p class="ingest-fout">Kies eerst een rapportage.</p>', *refresh()
        title = _title(name)
        ok = assistant.remove(name)
        msg = (f'<p class="ingest-ok">‘{escape(title)}’ is verwijderd.</p>' if ok
               else f'<p class="ingest-fout">Fout: ‘{escape(title)}’ is niet ingelezen; er is niets verwijderd.</p>')
        return gr.Group(visible=False), msg, *refresh()

    ingest_btn.click(ingest, [upload], [result, table, choice, upload], api_visibility="private",
                     concurrency_limit=1, concurrency_id="beheer")
    remove_btn.click(ask_confirm, [choice], [confirm_box, confirm_text, removed], api_visibility="private")
    cancel_btn.click(lambda: gr.Group(visible=False), None, [confirm_box], api_visibility="private")
    confirm_btn.click(remove, [choice], [confirm_box, removed, table, choice], api_visibility="private",
                      concurrency_limit=1, concurrency_id="beheer")
    return refresh, [table, choice]
