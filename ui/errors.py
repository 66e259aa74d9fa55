"""Every UI action ends in a Dutch message: a handler that fails shows it as a notice, never a trace."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import gradio as gr

from assistant.errors import dutch_message

log = logging.getLogger(__name__)

F = TypeVar("F", bound=Callable[..., Any])


def dutch_errors(fn: F) -> F:
    """Wrap a Gradio handler: an exception becomes gr.Error with a Dutch message (details in the log)."""

    @functools.wraps(fn)  # keeps the signature Gradio inspects (gr.Progress, gr.SelectData)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as e:  # noqa: BLE001 - the user gets a Dutch message, the log the trace
            log.exception("UI action %s failed", fn.__name__)
            raise gr.Error(dutch_message(e), title="Fout") from None

    return wrapper  # type: ignore[return-value]
