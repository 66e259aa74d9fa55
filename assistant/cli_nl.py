"""Dutch for argparse's own strings ("usage:", "positional arguments", "options", its error messages).

argparse looks its strings up through gettext at the moment it prints them; `install()` puts a
Dutch lookup in front, so `python -m assistant --help` and every error reads Dutch.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable

ARGPARSE_NL: dict[str, str] = {
    "usage: ": "gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "optional arguments": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fout: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argument %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "deze argumenten ontbreken: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze: %(value)r (kies uit %(choices)s)",
    "invalid %(type)s value: %(value)r": "ongeldige waarde voor %(type)s: %(value)r",
    "expected one argument": "verwacht één waarde",
    "expected at least one argument": "verwacht minstens één waarde",
    "expected at most one argument": "verwacht hoogstens één waarde",
    "ambiguous option: %(option)s could match %(matches)s": "dubbelzinnige optie: %(option)s kan %(matches)s zijn",
    "not allowed with argument %s": "niet toegestaan samen met argument %s",
    "one of the arguments %s is required": "een van deze argumenten is nodig: %s",
    "ignored explicit argument %r": "genegeerde waarde %r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
}
NGETTEXT_NL: dict[str, tuple[str, str]] = {
    "expected %s argument": ("verwacht %s waarde", "verwacht %s waarden"),
}


def _gettext(original: Callable[[str], str]) -> Callable[[str], str]:
    def dutch(message: str) -> str:
        return ARGPARSE_NL.get(message, original(message))

    return dutch


def _ngettext(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def dutch(singular: str, plural: str, n: int) -> str:
        if singular in NGETTEXT_NL:
            one, many = NGETTEXT_NL[singular]
            return one if n == 1 else many
        return original(singular, plural, n)

    return dutch


def install() -> None:
    """Make argparse speak Dutch (idempotent)."""
    if getattr(argparse, "_dutch_installed", False):
        return
    argparse._ = _gettext(argparse._)  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext(argparse.ngettext)  # type: ignore[attr-defined]
    argparse._dutch_installed = True  # type: ignore[attr-defined]


class DutchFormatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the epilog's line breaks (examples) and shows defaults only where a help text asks."""
