"""Originals: each ingested file is kept, read-only, as <data dir>/originals/<doc_id><suffix>.

The web interface serves it from there ("open the report at page 12"). Only this module writes the
folder; a name in it is always derived from a content hash, never from user input.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from pathlib import Path

FOLDER = "originals"
_DOC_ID = re.compile(r"^[0-9a-f]{8,64}$")


def _stored_name(doc_id: str, suffix: str) -> str:
    if not _DOC_ID.match(doc_id):
        raise ValueError(f"not a document id: {doc_id!r}")
    return doc_id + suffix.lower()


def keep_original(src: Path, folder: Path, doc_id: str) -> Path:
    """Copy `src` into `folder` under its document id (atomically; read-only); returns the copy."""
    folder.mkdir(parents=True, exist_ok=True)
    dst = folder / _stored_name(doc_id, Path(src).suffix)
    if dst.exists():
        return dst
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".kopie-")
    os.close(fd)
    try:
        shutil.copyfile(src, tmp)
        os.chmod(tmp, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
        os.replace(tmp, dst)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return dst


def find_original(folder: Path, doc_id: str) -> Path | None:
    """The stored original of a document, or None; never a path outside `folder`."""
    if not _DOC_ID.match(doc_id or "") or not folder.is_dir():
        return None
    root = folder.resolve()
    for p in sorted(folder.glob(doc_id + ".*")):
        resolved = p.resolve()
        if resolved.parent == root and resolved.is_file():
            return resolved
    return None


def drop_original(folder: Path, doc_id: str) -> None:
    """Delete the stored original of a document (nothing when there is none)."""
    p = find_original(folder, doc_id)
    if p is not None:
        os.chmod(p, stat.S_IRUSR | stat.S_IWUSR)
        p.unlink(missing_ok=True)
