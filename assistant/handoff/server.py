"""The writing server's loopback endpoint: ingest and remove for other processes, with progress.

Bound to 127.0.0.1 only, and every request must carry the random token from server.json (a file
only the server's user can read). Progress streams back as one JSON object per line.
"""

from __future__ import annotations

import hmac
import json
import logging
import os
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from assistant.errors import dutch_message
from assistant.handoff import registry

if TYPE_CHECKING:
    from assistant.api import Assistant

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        log.info("handoff %s", format % args)

    # ---- plumbing ------------------------------------------------------------------------------

    def _authorised(self) -> bool:
        given = self.headers.get("Authorization", "")
        expected = f"Bearer {self.server.token}"
        if hmac.compare_digest(given.encode(), expected.encode()):
            return True
        self._reply(401, {"error": "Niet gemachtigd: het token ontbreekt of klopt niet."})
        return False

    def _reply(self, code: int, body: dict[str, Any]) -> None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _body(self) -> dict[str, Any] | None:
        try:
            n = int(self.headers.get("Content-Length", "0"))
        except ValueError:
            n = -1
        if not 0 <= n <= MAX_BODY:
            self._reply(400, {"error": "Ongeldige aanvraag."})
            return None
        try:
            body = json.loads(self.rfile.read(n) or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            self._reply(400, {"error": "Ongeldige aanvraag."})
            return None
        return body

    def _stream(self, work) -> None:
        """Run `work(emit)` and stream what it emits; a vanished client does not stop the work."""
        self.send_response(200)
        self.send_header("Content-Type", "application/x-ndjson; charset=utf-8")
        self.send_header("Connection", "close")
        self.end_headers()
        gone = False

        def emit(event: dict[str, Any]) -> None:
            nonlocal gone
            if gone:
                return
            try:
                self.wfile.write((json.dumps(event, ensure_ascii=False) + "\n").encode("utf-8"))
                self.wfile.flush()
            except OSError:
                gone = True  # the caller stopped listening (Ctrl-C); the work goes on

        emit({"event": "accepted", "pid": self.server.pid})
        try:
            emit({"event": "result", **work(emit)})
        except Exception as e:  # noqa: BLE001 - reported to the caller in Dutch
            log.exception("handed-off work failed")
            emit({"event": "error", "message": dutch_message(e)})

    # ---- endpoints -----------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if not self._authorised():
            return
        if self.path == "/v1/health":
            self._reply(200, {"ok": True, "pid": self.server.pid})
        else:
            self._reply(404, {"error": "Onbekend adres."})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        if not self._authorised():
            return
        body = self._body()
        if body is None:
            return
        assistant = self.server.assistant
        if self.path == "/v1/ingest":
            raw = body.get("paths")
            paths = None if raw is None else [Path(str(p)) for p in raw]

            def work(emit):
                results = assistant.ingest(paths, progress=lambda frac, msg: emit(
                    {"event": "progress", "fraction": round(float(frac), 4), "message": msg}))
                return {"results": [r.__dict__ for r in results]}

            self._stream(work)
        elif self.path == "/v1/remove":
            name = str(body.get("file_name") or "")
            self._stream(lambda emit: {"removed": assistant.remove(name)})
        else:
            self._reply(404, {"error": "Onbekend adres."})


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, assistant: Assistant, token: str) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.assistant = assistant
        self.token = token
        self.pid = os.getpid()


class ControlServer:
    """Start with `start()`: claims the data directory (returns False if another server has it)."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self._registration: registry.Registration | None = None
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def port(self) -> int | None:
        return self._server.server_address[1] if self._server else None

    def start(self) -> bool:
        reg = registry.claim(self.assistant.settings.data_dir)
        if reg is None:
            return False
        token = secrets.token_urlsafe(32)
        self._server = _Server(self.assistant, token)
        self._thread = threading.Thread(target=self._server.serve_forever, name="handoff", daemon=True)
        self._thread.start()
        reg.publish(self._server.server_address[1], token)
        self._registration = reg
        self.assistant.serving = True
        return True

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._registration is not None:
            self._registration.release()
            self._registration = None
        self.assistant.serving = False
