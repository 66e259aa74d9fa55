"""Copy-on-write generations of the DuckDB file: one writer and any number of reading processes.

DuckDB lets one process write a database file, or several processes read it, never both at once. So
the published file is never written. A writer copies it to a new generation file, writes the copy and
publishes it by atomically replacing the symlink `assistant.duckdb` (rename(2)). Readers open the file
the link points to, read-only; a process that still has the previous generation open keeps reading it
(an unlinked open file stays readable) until it notices that the link moved and reopens.

A generation's file name is its state id: the BM25 index and the vector store record the name of the
generation they were built from, so a mismatch after a crash can be seen and repaired.
"""

from __future__ import annotations

import os
import re
import shutil
import uuid
from pathlib import Path

GEN_DIR = "duckdb"
_GEN_NAME = re.compile(r"^assistant-(\d+)-[0-9a-f]+\.duckdb$")
_LINK_TMP = ".assistant.duckdb.link-"


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:  # directories cannot be fsynced on every platform
        pass
    finally:
        os.close(fd)


def _companions(path: Path) -> list[Path]:
    """The files DuckDB keeps beside a database: its write-ahead log and spill folder."""
    return [path.with_name(path.name + ".wal"), path.with_name(path.name + ".tmp")]


class Generations:
    """The published DuckDB file (`link`) and its generation files in `<data_dir>/duckdb/`."""

    def __init__(self, link: Path) -> None:
        self.link = Path(link).absolute()
        self.dir = self.link.parent / GEN_DIR

    # ---- reading -------------------------------------------------------------------------------

    def current(self) -> Path:
        """The published database file; an empty one is published first when there is none."""
        for _ in range(20):
            if self.link.is_symlink():
                target = self.link.parent / os.readlink(self.link)
                if target.exists():
                    return target
                continue  # a writer replaced the link between readlink and exists: read it again
            if self.link.exists():
                return self.link  # a store from before generations: read in place until the next write
            self._publish_empty()
        raise FileNotFoundError(2, "published database keeps moving", str(self.link))

    @staticmethod
    def state_of(path: Path) -> str:
        return Path(path).name

    # ---- writing (callers hold the write lock) -------------------------------------------------

    def stage(self) -> Path:
        """A private copy of the published generation, to be written and then published."""
        src = self.current()
        dst = self._new_path(src)
        shutil.copyfile(src, dst)
        wal = src.with_name(src.name + ".wal")
        if wal.exists():  # only a store from before generations can have one: keep its last writes
            shutil.copyfile(wal, dst.with_name(dst.name + ".wal"))
        return dst

    def publish(self, path: Path) -> None:
        """Make `path` (closed, checkpointed) the published generation in one atomic step."""
        path = Path(path)
        if path.with_name(path.name + ".wal").exists():
            raise RuntimeError(f"{path.name} still has a write-ahead log; it was not closed cleanly")
        _fsync(path)
        tmp = self.link.parent / f"{_LINK_TMP}{uuid.uuid4().hex[:8]}"
        os.symlink(os.path.relpath(path, self.link.parent), tmp)
        os.replace(tmp, self.link)
        _fsync(self.link.parent)

    def discard(self, path: Path) -> None:
        for p in [Path(path), *_companions(Path(path))]:
            if p.is_dir():
                shutil.rmtree(p, ignore_errors=True)
            elif p.exists():
                p.unlink()

    def leftovers(self) -> list[Path]:
        """Generation files that are not published: older versions and copies of an interrupted write."""
        current = self.current() if (self.link.exists() or self.link.is_symlink()) else None
        out = []
        if self.dir.is_dir():
            keep = {current.name} if current is not None else set()
            keep |= {p.name for p in _companions(current)} if current is not None else set()
            out += [p for p in sorted(self.dir.iterdir()) if p.name not in keep]
        out += sorted(self.link.parent.glob(f"{_LINK_TMP}*"))
        legacy_wal = self.link.with_name(self.link.name + ".wal")
        if self.link.is_symlink() and legacy_wal.exists():  # copied into the first generation
            out.append(legacy_wal)
        return out

    def cleanup(self) -> list[str]:
        """Remove every leftover (callers hold the write lock, so nobody is writing one); their names."""
        removed = []
        for p in self.leftovers():
            if p.is_dir() and not p.is_symlink():
                shutil.rmtree(p, ignore_errors=True)
            else:
                p.unlink(missing_ok=True)
            removed.append(p.name)
        return removed

    # ---- internals -------------------------------------------------------------------------------

    def _new_path(self, previous: Path | None) -> Path:
        self.dir.mkdir(parents=True, exist_ok=True)
        m = _GEN_NAME.match(previous.name) if previous is not None else None
        seq = int(m.group(1)) + 1 if m else 1
        return self.dir / f"assistant-{seq:06d}-{uuid.uuid4().hex[:6]}.duckdb"

    def _publish_empty(self) -> None:
        """First use: publish a database with the empty schema, unless another process just did."""
        from assistant.storage.database import connect

        path = self._new_path(None)
        con = connect(path, read_only=False)
        con.execute("CHECKPOINT")
        con.close()
        _fsync(path)
        try:
            os.symlink(os.path.relpath(path, self.link.parent), self.link)  # fails if one exists
        except FileExistsError:
            self.discard(path)
            return
        _fsync(self.link.parent)
