"""Failures as Dutch messages: one place that turns any exception into a sentence for the user.

The CLI prints these (and exits non-zero), the web interface shows them; the English detail goes to
the log only.
"""

from __future__ import annotations

import errno
import re


class AssistantError(RuntimeError):
    """A failure whose `message` is Dutch and may be shown as is."""

    exit_code = 1

    def __init__(self, message: str, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.detail = detail


class StoreBusyError(AssistantError):
    """Another process writes the stores right now."""


class RemoteError(AssistantError):
    """The running server could not do the work it was handed."""


_OS_ERRORS = {
    errno.ENOENT: "het bestand of de map bestaat niet",
    errno.EACCES: "geen toegang (onvoldoende rechten)",
    errno.EPERM: "geen toegang (onvoldoende rechten)",
    errno.EISDIR: "dit is een map, geen bestand",
    errno.ENOTDIR: "een deel van het pad is geen map",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "de schijfruimte (quotum) is op",
    errno.EFBIG: "het bestand is te groot voor het bestandssysteem",
    errno.EROFS: "de schijf is alleen-lezen",
    errno.EIO: "een leesfout op de schijf",
    errno.ENAMETOOLONG: "de bestandsnaam is te lang",
    errno.EMFILE: "te veel open bestanden",
}


def os_error_dutch(exc: OSError) -> str:
    """The reason of an OSError in Dutch ("de schijf is vol"), never the English strerror."""
    return _OS_ERRORS.get(exc.errno or -1, "een fout van het besturingssysteem")


_LOCK_PID = re.compile(r"PID (\d+)")


def _duckdb_message(text: str) -> str | None:
    low = text.lower()
    if "could not set lock" in low or "conflicting lock" in low:
        pid = _LOCK_PID.search(text)
        who = f" (proces {pid.group(1)})" if pid else ""
        return (f"De database is in gebruik door een ander programma{who}. Wacht tot dat klaar is, of stop "
                "het, en probeer het opnieuw.")
    if "no space left" in low or "disk is full" in low:
        return "De schijf is vol; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw."
    if "out of memory" in low or "memory limit" in low:
        return ("De databasevraag gebruikte meer geheugen dan is toegestaan en is afgebroken. Maak de vraag "
                "kleiner, bijvoorbeeld met minder rijen of zonder grote samenvoegingen.")
    if "permission denied" in low:
        return "De database kan niet worden geopend: geen toegang (onvoldoende rechten)."
    return None


def dutch_message(exc: BaseException) -> str:
    """A Dutch sentence for any failure; specific where we know the cause, general otherwise."""
    if isinstance(exc, AssistantError):
        return exc.message
    message = getattr(exc, "message", None)
    if isinstance(message, str) and type(exc).__module__.startswith("assistant."):
        return message  # our own errors (UnsafeSQLError, QueryError, LoaderError) already speak Dutch
    if isinstance(exc, KeyboardInterrupt):
        return "Afgebroken."
    if isinstance(exc, MemoryError):
        return "Er was onvoldoende werkgeheugen om dit af te maken; er is niets gewijzigd."
    if isinstance(exc, OSError):
        name = f" ('{exc.filename}')" if getattr(exc, "filename", None) else ""
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            return f"De schijf is vol{name}; er is niets gewijzigd. Maak ruimte vrij en probeer het opnieuw."
        return f"Dit lukte niet{name}: {os_error_dutch(exc)}."
    try:
        import duckdb
    except ImportError:  # pragma: no cover
        duckdb = None
    if duckdb is not None and isinstance(exc, duckdb.Error):
        return _duckdb_message(str(exc)) or "De database gaf een fout; er is niets gewijzigd."
    text = str(exc)
    return _duckdb_message(text) or "Er ging iets mis; er is niets gewijzigd. Probeer het opnieuw."


_HINTS = [
    (re.compile(r'column "?([^"\s]+)"? not found|column with name "?([^"\s]+)"? does not exist', re.I),
     "de kolom '{}' bestaat niet"),
    (re.compile(r'table with name "?([^"\s]+)"? does not exist', re.I), "de tabel '{}' bestaat niet"),
    (re.compile(r"function \S*?([\w]+)\(?.*does not exist|no function matches", re.I),
     "een onbekende functie of verkeerde argumenten"),
    (re.compile(r"conversion error|could not convert|type mismatch|cannot compare", re.I),
     "waarden van een verkeerd type"),
    (re.compile(r"parser error|syntax error", re.I), "een fout in de schrijfwijze"),
    (re.compile(r"out of memory|memory limit", re.I), "te veel geheugen nodig"),
    (re.compile(r"division by zero", re.I), "deling door nul"),
]


def query_error_hint(detail: str) -> str:
    """What a DuckDB error says, in a few Dutch words ("de kolom 'x' bestaat niet"); "" if unknown."""
    for pattern, text in _HINTS:
        m = pattern.search(detail or "")
        if m:
            groups = [g for g in m.groups() if g]
            return text.format(groups[0]) if "{}" in text and groups else text.replace("'{}' ", "")
    return ""
