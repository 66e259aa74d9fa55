"""The Gradio app: three tabs on one Assistant, plus `serve` for `python -m assistant serve`."""

from __future__ import annotations

import json
import logging
import os
import signal
from typing import Any

# Before gradio is imported: no telemetry from a municipal machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from ui import originals  # noqa: E402
from ui.assets import CSS, HEAD  # noqa: E402
from ui.auth import LoginGuard  # noqa: E402
from ui.chat import build_chat_tab  # noqa: E402
from ui.commitments import build_commitments_tab  # noqa: E402
from ui.documents import build_documents_tab  # noqa: E402
from ui.gradio_nl import dutch_i18n  # noqa: E402

log = logging.getLogger(__name__)

TITLE = "Vraagbaak sociaal domein"
CONCURRENCY = 4  # questions answered at once; more wait in the queue


def upload_limit_script(max_mb: int) -> str:
    """Refuse a too large file in the browser, before it is sent, with a Dutch notice.

    The server refuses it as well (max_file_size); this only puts the message in Dutch.
    """
    message = json.dumps(f"is groter dan {max_mb} MB en wordt niet verstuurd. Kies een kleiner bestand.")
    return f"""<script>
(() => {{
  const limit = {max_mb * 1024 * 1024};
  const notify = (names) => {{
    let box = document.getElementById('upload-te-groot');
    if (!box) {{
      box = document.createElement('div');
      box.id = 'upload-te-groot';
      box.setAttribute('role', 'alert');
      box.style.cssText = 'position:fixed;top:12px;right:12px;z-index:10000;max-width:420px;padding:10px 14px;'
        + 'background:#fdecea;color:#8a1c12;border:1px solid #f5c2bd;border-radius:6px;font:14px sans-serif';
      document.body.appendChild(box);
    }}
    box.textContent = 'Fout: ' + names.map(n => '‘' + n + '’').join(', ') + ' ' + {message};
    clearTimeout(box._timer);
    box._timer = setTimeout(() => box.remove(), 15000);
  }};
  const refuse = (files, ev) => {{
    const big = Array.from(files || []).filter(f => f.size > limit);
    if (!big.length) return false;
    ev.stopImmediatePropagation();
    ev.preventDefault();
    notify(big.map(f => f.name));
    return true;
  }};
  document.addEventListener('change', ev => {{
    const t = ev.target;
    if (t instanceof HTMLInputElement && t.type === 'file' && refuse(t.files, ev)) t.value = '';
  }}, true);
  document.addEventListener('drop', ev => {{ if (ev.dataTransfer) refuse(ev.dataTransfer.files, ev); }}, true);
}})();
</script>"""


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


def launch(app: gr.Blocks, host: str, port: int | None, auth: Any = None,
           prevent_thread_lock: bool = False, max_upload_mb: int | None = None, auth_message: str | None = None) -> None:
    """Launch with the app's CSS, head script and routes (Gradio 6 takes css/head at launch) and, if given,
    the upload size limit."""
    head = HEAD + (upload_limit_script(max_upload_mb) if max_upload_mb else "")
    app.launch(server_name=host, server_port=port, auth=auth, prevent_thread_lock=prevent_thread_lock,
               css=CSS, head=head, footer_links=[], show_error=False, quiet=prevent_thread_lock,
               auth_message=auth_message or "Log in om de Vraagbaak te gebruiken.", i18n=dutch_i18n(),
               max_file_size=f"{max_upload_mb}mb" if max_upload_mb else None,
               app_kwargs={"routes": list(getattr(app, "extra_routes", []))})


def _stop_like_ctrl_c(signum: int, frame: Any) -> None:
    """SIGTERM (a service manager stopping us) ends like Ctrl-C, so serve() gives up the writer role."""
    raise KeyboardInterrupt


def serve(port: int | None = None) -> None:
    """Start the web interface: take the writer role, ingest the bundled corpus on first run, warm up, serve."""
    from assistant.api import Assistant
    from assistant.errors import AssistantError
    from assistant.handoff.server import ControlServer

    signal.signal(signal.SIGTERM, _stop_like_ctrl_c)
    assistant = Assistant()
    s = assistant.settings
    control = ControlServer(assistant)
    if control.start():
        print("Inlezen en verwijderen vanaf de opdrachtregel worden aan deze webinterface doorgegeven.", flush=True)
    else:
        other = assistant.writer_server
        print("Een andere webinterface op deze gegevensmap verzorgt het inlezen"
              + (f" (proces {other.pid})" if other else "") + "; deze geeft dat werk aan haar door.", flush=True)
    try:
        if not assistant.documents():
            print("Eerste start: de meegeleverde rapportages worden ingelezen (dit duurt even)...", flush=True)
            for r in assistant.ingest():
                print(("FOUT: " if r.failed else "") + r.message, flush=True)
        print(assistant.check_stores().summary(), flush=True)
        assistant.warm_up()
        auth, message = None, None
        if s.auth_user and s.auth_password:
            guard = LoginGuard(s.auth_user, s.auth_password, s.login_max_failures, s.login_lockout_s)
            auth, message = guard, guard.message()
        elif s.auth_user:
            log.warning("ASSISTANT_AUTH_USER is gezet zonder ASSISTANT_AUTH_PASSWORD; inloggen staat uit.")
        app = build_app(assistant)
        print(f"Vraagbaak draait op http://{s.host}:{port or s.port}", flush=True)
        try:
            launch(app, s.host, port or s.port, auth=auth, auth_message=message, max_upload_mb=s.max_upload_mb)
        except OSError as e:  # Gradio: "Cannot find empty port ..."
            raise AssistantError(f"De webinterface kan niet starten op {s.host}:{port or s.port}: die poort is al "
                                 "in gebruik of niet beschikbaar. Kies een andere poort met --port of "
                                 "ASSISTANT_PORT.", str(e)) from e
    finally:
        control.stop()
