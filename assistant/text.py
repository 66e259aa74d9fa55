"""Text from outside made safe to process and print; sizes written for people."""

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


def format_size(n_bytes: float) -> str:
    """A size in Dutch notation: '1,4 MB', '100 MB', '300 kB'."""
    mb = n_bytes / 1024 / 1024
    if mb < 1:
        return f"{n_bytes / 1024:.0f} kB"
    return f"{mb:.0f} MB" if mb >= 10 or mb == int(mb) else f"{mb:.1f} MB".replace(".", ",")
