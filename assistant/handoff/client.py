"""Hand an ingest or a remove to the running server and follow its progress."""

from __future__ import annotations

import http.client
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from assistant.errors import RemoteError
from assistant.handoff.registry import ServerInfo

Progress = Callable[[float, str], None]

# Between two progress lines the server may embed a batch or publish a generation: be patient.
READ_TIMEOUT_S = 600.0


class RemoteWriter:
    def __init__(self, info: ServerInfo) -> None:
        self.info = info

    def ingest(self, paths: list[Path] | None, progress: Progress | None = None) -> list[Any]:
        from assistant.ingest.pipeline import FileResult

        body = {"paths": None if paths is None else [str(Path(p).absolute()) for p in paths]}
        result = self._run("/v1/ingest", body, progress)
        return [FileResult(**r) for r in result.get("results", [])]

    def remove(self, file_name: str) -> bool:
        return bool(self._run("/v1/remove", {"file_name": file_name}, None).get("removed"))

    def _run(self, path: str, body: dict[str, Any], progress: Progress | None) -> dict[str, Any]:
        for event in self._events(path, body):
            kind = event.get("event")
            if kind == "progress" and progress:
                progress(float(event.get("fraction") or 0.0), str(event.get("message") or ""))
            elif kind == "result":
                return event
            elif kind == "error":
                raise RemoteError(str(event.get("message") or "De webinterface kon dit niet uitvoeren."))
        raise RemoteError("De verbinding met de draaiende webinterface viel weg voordat die klaar was; kijk met "
                          "'status' of het inlezen is gelukt.")

    def _events(self, path: str, body: dict[str, Any]) -> Iterator[dict[str, Any]]:
        con = http.client.HTTPConnection("127.0.0.1", self.info.port, timeout=READ_TIMEOUT_S)
        accepted = False
        try:
            con.request("POST", path, body=json.dumps(body).encode("utf-8"),
                        headers={"Authorization": f"Bearer {self.info.token}", "Content-Type": "application/json"})
            resp = con.getresponse()
            if resp.status != 200:
                try:
                    message = json.loads(resp.read() or b"{}").get("error")
                except ValueError:
                    message = None
                raise RemoteError(message or f"De draaiende webinterface weigerde de opdracht (HTTP {resp.status}).")
            while True:
                line = resp.readline()
                if not line:
                    return
                if line.strip():
                    event = json.loads(line)
                    accepted = True
                    yield event
        except OSError as e:
            if accepted:
                raise RemoteError("De verbinding met de draaiende webinterface viel weg; het werk gaat daar door. "
                                  "Kijk met 'status' of het klaar is.", str(e)) from e
            raise RemoteError(f"De draaiende webinterface (proces {self.info.pid}) is niet bereikbaar; er is "
                              "niets gewijzigd.", str(e)) from e
        finally:
            con.close()
