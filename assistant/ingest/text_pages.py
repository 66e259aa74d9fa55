"""Page numbers for plain-text reports: form feeds (as pdftotext writes them) or page marker lines.

A text file converted from a PDF keeps its pages when the converter wrote a form feed (\\f) between
them, or a marker line such as "--- pagina 3 ---" or "[pagina 3]" at the top of each page. Without
either there are no pages, and a citation names its section instead.
"""

from __future__ import annotations

import re

MARKER = re.compile(r"^\s*(?:[-=\[]{1,5}\s*)?(?:pagina|page|blz\.?)\s+(\d{1,4})(?:\s*[-=\]]{1,5})?\s*$", re.I)


def text_pages(lines: list[str]) -> list[int | None] | None:
    """The page number of every line, or None when the text carries no page information."""
    if any("\f" in ln for ln in lines):
        pages: list[int | None] = []
        page = 1
        for ln in lines:
            if ln.startswith("\f"):
                page += len(ln) - len(ln.lstrip("\f"))  # the line opens a new page
                pages.append(page)
                page += ln.lstrip("\f").count("\f")
            else:
                pages.append(page)
                page += ln.count("\f")
        return pages if len(set(pages)) > 1 else None  # a form feed after the last text opens no page
    marks = [(i, int(m.group(1))) for i, ln in enumerate(lines) if (m := MARKER.match(ln))]
    if len(marks) < 2 or any(b[1] <= a[1] for a, b in zip(marks, marks[1:], strict=False)):
        return None  # one stray "pagina 9" in running text is no page structure
    pages = []
    current = max(marks[0][1] - 1, 1)
    it = iter(marks)
    nxt = next(it, None)
    for i in range(len(lines)):
        if nxt is not None and i == nxt[0]:
            current = nxt[1]
            nxt = next(it, None)
        pages.append(current)
    return pages
