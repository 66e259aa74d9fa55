"""Text from outside (questions, JSON lines, file names) made safe to process and to print."""

from __future__ import annotations


def safe_text(value: object) -> str:
    """A str that encodes as UTF-8: lone surrogates ("\\ud800") become U+FFFD, None becomes ""."""
    if value is None:
        return ""
    text = value if isinstance(value, str) else str(value)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        # via UTF-16: a surrogate pair becomes its character, a lone surrogate one U+FFFD
        return text.encode("utf-16-le", errors="surrogatepass").decode("utf-16-le", errors="replace")
