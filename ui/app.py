"""The Gradio app: three tabs on one Assistant, plus `serve` for `python -m assistant serve`."""

from __future__ import annotations

import logging
import os

# Before gradio is imported: no telemetry from a municipal machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from ui import originals  # noqa: E402
from ui.assets import CSS, HEAD  # noqa: E402
from ui.chat import build_chat_tab  # noqa: E402
from ui.commitments import build_commitments_tab  # noqa: E402
from ui.documents import build_documents_tab  # noqa: E402
from ui.gradio_nl import dutch_i18n  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "Vraagbaak sociaal domein"
CONCURRENCY = 4  # questions answered at once; more wait in the queue


def build_app(assistant) -> gr.Blocks:
    """The UI on an Assistant; uses only its public API (ask, source, commitments, documents, ingest, remove,
    original_path, municipalities, years, example_questions)."""
    with gr.Blocks(title=TITLE, analytics_enabled=False) as app:
        gr.Markdown(f"## {TITLE}\nVragen over Jeugdwet, Wmo en Participatiewet, beantwoord uit de ingelezen "
                    "rapportages — met bronnen.", elem_id="kop")
        with gr.Tabs():
            with gr.Tab("Vragen", id="vragen") as v_tab:
                refresh_v, v_inputs, v_outputs = build_chat_tab(assistant)
            with gr.Tab("Toezeggingen", id="toezeggingen") as t_tab:
                refresh_c, c_inputs, c_outputs = build_commitments_tab(assistant)
            with gr.Tab("Documenten", id="documenten") as d_tab:
                refresh_d, d_outputs = build_documents_tab(assistant)
        # Uploads and removals change the lists, filters and examples; reload them when a tab is opened.
        app.load(refresh_v, v_inputs, v_outputs, api_visibility="private")
        v_tab.select(refresh_v, v_inputs, v_outputs, api_visibility="private")
        t_tab.select(refresh_c, c_inputs, c_outputs, api_visibility="private")
        d_tab.select(refresh_d, None, d_outputs, api_visibility="private")
    app.queue(default_concurrency_limit=CONCURRENCY)
    app.extra_routes = originals.routes(assistant)  # read-only originals and the line viewer
    return app


def launch(app: gr.Blocks, host: str, port: int | None, auth: tuple[str, str] | None = None,
           prevent_thread_lock: bool = False) -> None:
    """Launch with the app's CSS, head script and routes (Gradio 6 takes css/head at launch)."""
    app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=prevent_thread_lock,
               css=CSS, head=HEAD, footer_links=[], show_error=False, quiet=prevent_thread_lock,
               auth_message="Log in om de Vraagbaak te gebruiken.", i18n=dutch_i18n(),
               app_kwargs={"routes": list(getattr(app, "extra_routes", []))})


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
