"""Read-only routes for the original reports: the file itself and a line viewer for text formats.

GET /originelen/<file name>            the kept original (PDF inline, so #page=N works; ?download=1 saves)
GET /bronnen/<file name>?van=A&tot=B   the document's lines with A..B marked, scrolled there (#r<A>)

The file name is only a key into the documents table; what is served comes from
Assistant.original_path, which never points outside the data directory's originals folder. When
the app has a login, these routes ask for it too (Gradio's own session cookie).
"""

from __future__ import annotations

import inspect
from html import escape
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import HTTPException, Request
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute

ORIGINALS = "/originelen"
VIEWER = "/bronnen"
MEDIA = {".pdf": "application/pdf", ".txt": "text/plain", ".md": "text/plain",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
INLINE = {".pdf", ".txt", ".md"}  # HTML originals are only downloaded: never run a report's scripts here


def original_url(file_name: str, page: int | None = None, download: bool = False) -> str:
    url = f"{ORIGINALS}/{quote(file_name)}"
    if download:
        url += "?download=1"
    if page and Path(file_name).suffix.lower() == ".pdf":
        url += f"#page={page}"
    return url


def viewer_url(file_name: str, first: int, last: int | None = None) -> str:
    last = last or first
    return f"{VIEWER}/{quote(file_name)}?van={first}&tot={last}#r{first}"


def source_url(file_name: str, page: int | None, lines: list[int]) -> str:
    """Where a citation opens: a PDF at its page, anything else in the line viewer at its lines."""
    if Path(file_name).suffix.lower() == ".pdf" and page:
        return original_url(file_name, page)
    if lines:
        return viewer_url(file_name, lines[0], lines[-1])
    return original_url(file_name)


async def logged_in(request: Request) -> bool:
    """True without a login; with one, whether this request carries a session Gradio handed out.

    Gradio's own check (routes.App.create_app, get_current_user): an auth_dependency when the app has
    one, else the access-token cookie looked up in the app's tokens. Anything unexpected: closed.
    """
    app = request.app
    auth, dependency = getattr(app, "auth", None), getattr(app, "auth_dependency", None)
    if auth is None and dependency is None:
        return True
    if dependency is not None:
        user = dependency(request)
        if inspect.isawaitable(user):
            user = await user
        return user is not None
    cookie_id, tokens = getattr(app, "cookie_id", None), getattr(app, "tokens", None)
    if cookie_id is None or not isinstance(tokens, dict):
        return False
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{cookie_id}")
    return token is not None and tokens.get(token) is not None


def _charset(path: Path) -> str:
    try:
        path.read_bytes().decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "windows-1252"


VIEWER_CSS = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1b1b1b; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ddd; padding: 8px 12px; }
h1 { font-size: 1.1rem; margin: 0 0 4px; overflow-wrap: anywhere; }
header p { margin: 0; font-size: .9rem; }
main { padding: 8px 12px 40vh; }
.r { display: flex; gap: 10px; white-space: pre-wrap; overflow-wrap: anywhere; scroll-margin-top: 30vh;
     font-size: .95rem; line-height: 1.45; }
.nr { color: #6b6b6b; min-width: 3.5em; text-align: right; user-select: none; flex: none; }
.r.gemarkeerd { background: #fff0a8; }
.pagina { color: #555; border-top: 1px dashed #bbb; margin: 10px 0 4px; font-size: .85rem; padding-top: 2px; }
a { color: #0b57d0; }
"""


def viewer_html(view: Any, info: dict[str, Any], download: str) -> str:
    """The whole document, line by line; the cited lines marked; page breaks shown."""
    rows, page = [], None
    for ln in view.lines:
        if ln.page and ln.page != page:
            page = ln.page
            rows.append(f'<div class="pagina" id="pagina-{page}">pagina {page}</div>')
        cls = "r gemarkeerd" if ln.highlighted else "r"
        rows.append(f'<div class="{cls}" id="r{ln.line_no}"><span class="nr" aria-hidden="true">{ln.line_no}</span>'
                    f"<span>{escape(ln.text) or '&nbsp;'}</span></div>")
    title = escape(info.get("title") or view.doc)
    where = f"regel {view.first}" if view.first == view.last else f"regels {view.first}–{view.last}"
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{title} – {where}</title><style>{VIEWER_CSS}</style></head><body>"
            f'<header><h1>{title}</h1><p>Gemarkeerd: {where}. '
            f'<a href="{escape(download)}">Origineel downloaden</a></p></header>'
            f'<main aria-label="Tekst van het document">{"".join(rows)}</main></body></html>')


def routes(assistant: Any) -> list[APIRoute]:
    """The two read-only routes on `assistant` (for FastAPI(routes=...))."""

    async def original(file_name: str, request: Request, download: int = 0) -> FileResponse:
        if not await logged_in(request):
            raise HTTPException(status_code=401, detail="Log eerst in.")
        path = assistant.original_path(file_name)
        if path is None:
            raise HTTPException(status_code=404, detail="Dit document is niet (meer) beschikbaar.")
        suffix = Path(file_name).suffix.lower()
        media = MEDIA.get(suffix, "application/octet-stream")
        if media == "text/plain":
            media += f"; charset={_charset(path)}"
        inline = suffix in INLINE and not download
        headers = {"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=300"}
        if suffix != ".pdf":
            headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
        return FileResponse(path, media_type=media, filename=file_name, headers=headers,
                            content_disposition_type="inline" if inline else "attachment")

    async def viewer(file_name: str, request: Request, van: int = 1, tot: int = 0) -> HTMLResponse:
        if not await logged_in(request):
            raise HTTPException(status_code=401, detail="Log eerst in.")
        info = next((d for d in assistant.documents() if d.get("file_name") == file_name), None)
        if not info:
            raise HTTPException(status_code=404, detail="Dit document is niet (meer) ingelezen.")
        first = max(1, van)
        last = max(first, tot or first)
        view = assistant.source(file_name, first, last, context=10**6)
        html = viewer_html(view, info, original_url(file_name, download=True))
        return HTMLResponse(html, headers={"X-Content-Type-Options": "nosniff",
                                           "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"})

    return [APIRoute(ORIGINALS + "/{file_name}", original, methods=["GET"], include_in_schema=False),
            APIRoute(VIEWER + "/{file_name}", viewer, methods=["GET"], include_in_schema=False)]
