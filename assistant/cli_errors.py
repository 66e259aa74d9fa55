"""Every CLI command ends in a Dutch message and an exit code, never in a traceback; and says where its work goes."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable

from assistant.errors import dutch_message

log = logging.getLogger("assistant.cli")


def run_command(func: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run one command; a failure prints `Fout: <Dutch message>` on stderr (details with -v) and exits 1."""
    if not getattr(args, "verbose", False):  # sqlglot's English parse warnings: the user gets a Dutch message
        logging.getLogger("sqlglot").setLevel(logging.ERROR)
    try:
        return func(args)
    except KeyboardInterrupt:
        print("\nAfgebroken.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `... | head`: the reader has gone, nothing left to say
        return 0
    except Exception as e:  # noqa: BLE001 - the one place that turns failures into messages
        log.info("command %s failed", getattr(args, "command", "?"), exc_info=True)
        print(f"Fout: {dutch_message(e)}", file=sys.stderr)
        return int(getattr(e, "exit_code", 1) or 1)


def announce_handoff(assistant, write: Callable[[str], object] | None = None) -> None:
    """Say so when a write goes to the running web interface rather than being done here."""
    server = assistant.writer_server
    if server is not None:
        text = f"De webinterface draait (proces {server.pid}); het werk wordt daaraan doorgegeven."
        (write or (lambda t: print(t, file=sys.stderr)))(text)
