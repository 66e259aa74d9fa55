"""One writing process at a time: an exclusive flock on `<data_dir>/write.lock`.

flock belongs to an open file, so two Assistants in one process exclude each other as well. The
lock file names its holder, for the message a waiting process shows.
"""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

from assistant.errors import StoreBusyError

LOCK_NAME = "write.lock"


class WriteLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / LOCK_NAME
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def holder(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def try_acquire(self) -> bool:
        """Take the lock if it is free right now."""
        if self._fd is not None:
            raise RuntimeError("write lock is already held by this object")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            return False
        os.ftruncate(fd, 0)
        os.write(fd, f"PID {os.getpid()}\n".encode())
        self._fd = fd
        return True

    def acquire(self, timeout: float) -> None:
        """Wait up to `timeout` seconds; then a Dutch StoreBusyError naming the holder."""
        deadline = time.monotonic() + timeout
        while not self.try_acquire():
            if time.monotonic() >= deadline:
                who = self.holder()
                raise StoreBusyError(
                    "Er wordt op dit moment al ingelezen of verwijderd" + (f" door een ander proces ({who})"
                                                                           if who else "")
                    + "; probeer het over een paar minuten opnieuw. Er is niets gewijzigd.")
            time.sleep(0.1)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
