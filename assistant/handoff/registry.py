"""`<data_dir>/server.json`: where the writing server listens, guarded by a lock it holds while alive.

The server holds an exclusive flock on `server.lock` for its whole life. A process that can take that
lock knows no server is running, whatever a stale server.json says (a killed server leaves one).
"""

from __future__ import annotations

import fcntl
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

INFO_NAME = "server.json"
LOCK_NAME = "server.lock"


@dataclass(frozen=True)
class ServerInfo:
    pid: int
    port: int
    token: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


class Registration:
    """The running server's claim on a data directory; `release()` (or process exit) gives it up."""

    def __init__(self, data_dir: Path, fd: int) -> None:
        self.data_dir = Path(data_dir)
        self._fd: int | None = fd

    def publish(self, port: int, token: str) -> None:
        info = {"pid": os.getpid(), "port": port, "token": token}
        tmp = self.data_dir / f".{INFO_NAME}.{uuid.uuid4().hex[:8]}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # the token is for this user only
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(info, fh)
        os.replace(tmp, self.data_dir / INFO_NAME)

    def release(self) -> None:
        if self._fd is None:
            return
        try:
            info = _read(self.data_dir)
            if info is not None and info.pid == os.getpid():
                (self.data_dir / INFO_NAME).unlink(missing_ok=True)
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None


def claim(data_dir: Path) -> Registration | None:
    """Become the data directory's server, unless a live one exists already (then None)."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        return None
    return Registration(data_dir, fd)


def find(data_dir: Path) -> ServerInfo | None:
    """The live server of this data directory, if any."""
    data_dir = Path(data_dir)
    info = _read(data_dir)
    if info is None:
        return None
    lock = data_dir / LOCK_NAME
    try:
        fd = os.open(lock, os.O_RDONLY)
    except OSError:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return info  # held: the server that wrote server.json is alive
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None  # nobody holds it: server.json is stale
    finally:
        os.close(fd)


def _read(data_dir: Path) -> ServerInfo | None:
    try:
        raw = json.loads((data_dir / INFO_NAME).read_text(encoding="utf-8"))
        return ServerInfo(pid=int(raw["pid"]), port=int(raw["port"]), token=str(raw["token"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
