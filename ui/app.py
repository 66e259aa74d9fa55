"""The Gradio app: three tabs on one Assistant, plus `serve` for `python -m assistant serve`."""

from __future__ import annotations

import logging
import os

# Before gradio is imported: no telemetry from a municipal machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from ui.chat import build_chat_tab  # noqa: E402
from ui.commitments import build_commitments_tab  # noqa: E402
from ui.documents import build_documents_tab  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "Vraagbaak sociaal domein"
CONCURRENCY = 4  # questions answered at once; more wait in the queue

CSS = """
.bron-chip { flex: 0 0 auto !important; min-width: 0 !important; font-size: 0.85em !important; }
.bron-chip-tekst { display: inline-block; background: #eef3fb; border: 1px solid #b9c9e6; border-radius: 10px;
  padding: 0 6px; margin: 1px 2px; font-size: 0.85em; }
.bron-passage { font-size: 0.9em; }
.bron-kop { margin-bottom: 6px; }
.bron-plaats, .bron-bestand { color: #555; font-size: 0.9em; }
.bron-tekst { max-height: 460px; overflow-y: auto; border: 1px solid #ddd; border-radius: 6px; padding: 6px;
  font-family: ui-monospace, monospace; white-space: pre-wrap; }
.bron-lijn { display: flex; gap: 8px; }
.regelnr { color: #999; min-width: 3em; text-align: right; user-select: none; }
mark.bron-regel { background: #ffe58a; }
.bron-leeg { color: #777; font-style: italic; }
.ingest-resultaten { list-style: none; padding-left: 0; }
.ingest-ok { color: #1a6b2f; }
.ingest-fout { color: #b00020; font-weight: 600; }
"""


def build_app(assistant) -> gr.Blocks:
    """The UI on an Assistant; uses only its public API (ask, source, commitments, documents, ingest, remove)."""
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"## {TITLE}\nVragen over Jeugdwet, Wmo en Participatiewet, beantwoord uit de ingelezen "
                    "rapportages — met bronnen.")
        with gr.Tabs():
            with gr.Tab("Vragen", id="vragen"):
                build_chat_tab(assistant)
            with gr.Tab("Toezeggingen", id="toezeggingen") as t_tab:
                refresh_c, c_inputs, c_outputs = build_commitments_tab(assistant)
            with gr.Tab("Documenten", id="documenten") as d_tab:
                refresh_d, d_outputs = build_documents_tab(assistant)
        # Uploads and removals change both lists; reload them when a tab is opened.
        t_tab.select(refresh_c, c_inputs, c_outputs, api_visibility="private")
        d_tab.select(refresh_d, None, d_outputs, api_visibility="private")
    app.queue(default_concurrency_limit=CONCURRENCY)
    return app


def launch(app: gr.Blocks, host: str, port: int | None, auth: tuple[str, str] | None = None,
           prevent_thread_lock: bool = False) -> None:
    """Launch with the app's CSS (Gradio 6 takes css at launch)."""
    app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=prevent_thread_lock,
               css=CSS, footer_links=[], show_error=False, quiet=prevent_thread_lock)


def serve(port: int | None = None) -> None:
    """Start the web interface: ingest the bundled corpus on first run, warm up, then serve."""
    from assistant.api import Assistant

    assistant = Assistant()
    s = assistant.settings
    if not assistant.documents():
        print("Eerste start: de meegeleverde rapportages worden ingelezen (dit duurt even)...", flush=True)
        for r in assistant.ingest():
            print(("FOUT: " if r.failed else "") + r.message, flush=True)
    assistant.warm_up()
    auth = (s.auth_user, s.auth_password) if s.auth_user and s.auth_password else None
    if s.auth_user and not s.auth_password:
        log.warning("ASSISTANT_AUTH_USER is gezet zonder ASSISTANT_AUTH_PASSWORD; inloggen staat uit.")
    print(f"Vraagbaak draait op http://{s.host}:{port or s.port}", flush=True)
    launch(build_app(assistant), s.host, port or s.port, auth=auth)
