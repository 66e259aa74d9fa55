"""Login with a lockout: after repeated wrong passwords an account is refused for a while.

Gradio calls `LoginGuard(username, password)` for every login attempt (its `auth` callable). During a
lockout even the right password is refused, so guessing gains nothing; the lockout is per user name.
"""

from __future__ import annotations

import hmac
import logging
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)

MAX_TRACKED = 1000  # user names remembered at once (guesses at random names must not grow memory)


class LoginGuard:
    def __init__(self, user: str, password: str, max_failures: int = 5, lockout_s: float = 900.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._user = user
        self._password = password
        self.max_failures = max(1, max_failures)
        self.lockout_s = lockout_s
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._locked_until: dict[str, float] = {}
        self._lock = threading.Lock()

    def message(self) -> str:
        """The Dutch note on the login page."""
        minutes = max(1, round(self.lockout_s / 60))
        return (f"Na {self.max_failures} mislukte pogingen wordt inloggen voor deze gebruiker {minutes} "
                f"{'minuut' if minutes == 1 else 'minuten'} geblokkeerd.")

    def locked(self, username: str) -> bool:
        with self._lock:
            until = self._locked_until.get(username)
            if until is None:
                return False
            if self._clock() >= until:
                del self._locked_until[username]
                return False
            return True

    def __call__(self, username: str, password: str) -> bool:
        if self.locked(username):
            log.warning("login refused: %r is locked out", username)
            return False
        ok = hmac.compare_digest(username.encode(), self._user.encode()) & hmac.compare_digest(
            password.encode(), self._password.encode())
        with self._lock:
            if ok:
                self._failures.pop(username, None)
                return True
            if len(self._failures) >= MAX_TRACKED and username not in self._failures:
                self._failures.clear()
            n = self._failures.get(username, 0) + 1
            if n >= self.max_failures:
                self._failures.pop(username, None)
                self._locked_until[username] = self._clock() + self.lockout_s
                log.warning("login: %r locked out for %.0f s after %d failures", username, self.lockout_s, n)
            else:
                self._failures[username] = n
            return False
