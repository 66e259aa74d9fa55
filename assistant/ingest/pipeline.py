"""Ingestion: files -> (load, catalog, chunk, extract, embed) -> DuckDB, Chroma and BM25.

Each file is staged completely in memory first; only then are the stores touched: new vectors
first, then a copy of the published DuckDB generation takes the document and is published together
with its BM25 index (assistant.storage.writer), then the old vectors are dropped. DuckDB decides what
exists, so a crash between the steps leaves at worst unused vectors or files that the consistency
check removes, never missing or half-written rows. Every file is one generation: readers see each
report as soon as it is in.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from dataclasses import replace as dc_replace
from pathlib import Path
from typing import Any

from assistant.embeddings.base import Embedder
from assistant.ingest.catalog import detect_document_info, load_catalog_overrides, load_municipalities
from assistant.ingest.chunking import TableSpan, chunk_document
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoaderError, load_document
from assistant.ingest.originals import drop_original, keep_original
from assistant.periods import from_label
from assistant.records import Chunk, DocumentInfo, Extraction, FigureRow, LoadedDocument
from assistant.storage.database import Database
from assistant.storage.writer import StoreWriter
from assistant.text import format_size

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Bump when chunking or extraction changes what a file turns into: such files are processed again
# (their embeddings stay cached, so this is cheap).
PIPELINE_VERSION = "57"


@dataclass
class FileResult:
    file_name: str
    status: str  # ingested | replaced | unchanged | skipped | failed
    message: str  # Dutch, for the user
    n_chunks: int = 0
    n_facts: int = 0

    @property
    def failed(self) -> bool:
        return self.status == "failed"


def _count(n: int, one: str, many: str) -> str:
    """'1 passage', '1.095 cijfers': Dutch singular/plural and thousands separators."""
    from assistant.numbers import format_dutch_number

    return f"{format_dutch_number(n)} {one if n == 1 else many}"


def index_text(section: str | None, figure: str | None, text: str) -> str:
    """The text that is embedded and BM25-indexed: section path and figure label give context."""
    head = " | ".join(p for p in (section, figure) if p)
    return f"{head}\n{text}" if head else text


def embedding_input(chunk: Chunk) -> str:
    return index_text(chunk.section, chunk.figure, chunk.text)


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def vector_metadata(chunk: Any, text_hash: str) -> dict[str, Any]:
    """The metadata stored with a chunk's vector (a Chunk or a chunks row); text_hash ties it to the text."""
    get = chunk.get if isinstance(chunk, dict) else lambda k: getattr(chunk, k)
    return {"doc_id": get("doc_id"), "file_name": get("file_name"), "line_start": get("line_start"),
            "line_end": get("line_end"), "page": get("page"), "section": get("section"), "figure": get("figure"),
            "text_hash": text_hash}


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[FileResult]]:
    """Files as given, folders expanded to their supported files (sorted, catalog.toml used, not read).

    Also returns a Dutch note for everything in a folder that is passed over (another file type, a
    subfolder) and a failure for a folder with nothing to read.
    """
    out: list[Path] = []
    notes: list[FileResult] = []
    for p in paths:
        p = Path(p)
        if not p.is_dir():
            out.append(p)
            continue
        found = 0
        for f in sorted(p.iterdir()):
            if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES:
                out.append(f)
                found += 1
            elif f.name == "catalog.toml":
                continue
            elif f.is_dir():
                notes.append(FileResult(f.name, "skipped", f"De submap '{f.name}' in '{p.name}' is overgeslagen "
                                        "(submappen worden niet doorzocht)."))
            else:
                kind = f"'{f.suffix}'" if f.suffix else "zonder extensie"
                notes.append(FileResult(f.name, "skipped", f"'{f.name}' in de map '{p.name}' is overgeslagen: "
                                        f"bestandstype {kind} wordt niet ondersteund "
                                        f"({', '.join(SUPPORTED_SUFFIXES)})."))
        if not found:
            notes.append(FileResult(p.name, "failed", f"De map '{p.name}' bevat geen bestanden die kunnen worden "
                                    f"ingelezen ({', '.join(SUPPORTED_SUFFIXES)})."))
    return out, notes


def extract_and_chunk(doc: LoadedDocument, doc_id: str, info: DocumentInfo | None = None,
                      municipalities: list[str] | None = None) -> tuple[Extraction, list[Chunk]]:
    """Read the tables (and commitments, references) of a document, then chunk it around those tables."""
    from assistant.extract import extract_document  # the heaviest module; only ingest needs it

    info = info or detect_document_info(doc, doc_id)
    default_period = from_label(info.period_label) if info.period_label else None
    extraction = extract_document(doc.lines, doc_id, doc.file_name, doc.pages,
                                  municipalities=municipalities if municipalities is not None else load_municipalities(),
                                  default_period=default_period, cell_refs=doc.cell_refs)
    # the chunker keeps every table the reader found (read or not) whole: one table detector
    tables = [TableSpan(f.line_start, f.line_end, f.label, f.row_starts) for f in extraction.figures]
    if not extraction.views:
        chunks = chunk_document(doc, doc_id, tables)
    else:
        # two-column pages: each column is chunked as the reader read it, so a passage is one column's text
        chunks = []
        for n, view in enumerate(extraction.views):
            mine = [t for t, f in zip(tables, extraction.figures, strict=True) if extraction.figure_view.get(f.figure_id) == n]
            text = view if n == 0 else [ln.strip() for ln in view]  # the right column without its indent
            chunks += chunk_document(dc_replace(doc, lines=text), doc_id, mine)
        chunks.sort(key=lambda c: (c.line_start, c.line_end))
        for seq, c in enumerate(chunks):
            c.seq = seq
    for f in extraction.figures:  # a table titled "(x € 1.000)" is about the section it stands in
        f.section = next((c.section for c in chunks if c.line_start <= f.line_start <= c.line_end and c.section),
                         None)
    return extraction, chunks


def figure_rows(extraction: Extraction, info: DocumentInfo) -> list[FigureRow]:
    """The figure index entries of a document: one per table row, in words (row path, table title and
    label, column labels, unit, document title, municipality) so that a question finds its row by keyword
    and by meaning."""
    from collections import defaultdict

    figs = {f.figure_id: f for f in extraction.figures}
    groups: dict[tuple[str, str], list] = defaultdict(list)
    for fact in extraction.facts:
        groups[(fact.figure_id, fact.row_path)].append(fact)
    out: list[FigureRow] = []
    for n, ((fig_id, path), facts) in enumerate(groups.items()):
        fig = figs.get(fig_id)
        if fig is None:
            continue
        # column words say what is counted ("Nieuwe vragen", "Rekening 2022"); bare period codes say nothing
        cols = list(dict.fromkeys(f.column_label for f in facts
                                  if f.column_label and re.search(r"[A-Za-zÀ-ÿ]{3,}", f.column_label)))
        units = list(dict.fromkeys(f.unit for f in facts if f.unit))
        scopes = list(dict.fromkeys(f.municipality or info.municipality or "" for f in facts))
        title = fig.title if fig.title and fig.title != fig.label else ""
        section = " > ".join((fig.section or "").split(" > ")[-2:])
        parts = [path.replace(" > ", ", "), title, fig.label, section, "; ".join(cols[:8]), ", ".join(units),
                 info.title or "", info.municipality or ""]
        text = " | ".join(p for p in parts if p)
        out.append(FigureRow(row_id=f"{fig_id}:r{n:04d}", figure_id=fig_id, doc_id=fig.doc_id, row_path=path,
                             text=text, text_hash=text_hash(text), scopes="|".join(s for s in scopes if s),
                             measures="|".join(dict.fromkeys(f.measure or "" for f in facts)),
                             periods="|".join(dict.fromkeys(f.period_label or "" for f in facts))))
    return out


def _reading_notes(doc, extraction) -> str:
    """Dutch notes for the user: tables that were not (fully) read, sheets that hold no table."""
    notes = []
    partly = [f for f in extraction.figures if f.status == "partly"]
    not_read = [f for f in extraction.figures if f.status == "not_read"]
    if partly:
        notes.append(f"{len(partly)} tabel(len) deels gelezen")
    if not_read:
        notes.append(f"{len(not_read)} tabel(len) niet gelezen (zie 'figures --doc')")
    for name, first, last in doc.sheets:
        if not any(first <= f.line_start <= last and f.status != "not_read" for f in extraction.figures):
            notes.append(f"blad '{name}' bevat geen tabel met cijfers en is alleen als tekst ingelezen")
    return (" " + "; ".join(notes) + ".") if notes else ""


class _FileProgress:
    """Progress of file i of n, with the stage inside the file: large files show where they are."""

    def __init__(self, progress: Progress | None, i: int, n: int, name: str) -> None:
        self.progress, self.i, self.n, self.name = progress, i, max(n, 1), name

    def __call__(self, within: float, what: str) -> None:
        if self.progress:
            self.progress((self.i + min(max(within, 0.0), 0.99)) / self.n, f"{self.name}: {what}")


class Ingestor:
    def __init__(self, writer: StoreWriter, current: Callable[[], Database], embedder: Callable[[], Embedder],
                 embedding_key: str, max_file_bytes: int | None = None, max_text_chars: int | None = None,
                 embed_batch: int = 16, originals_dir: Path | None = None) -> None:
        """`current` gives a reader on the published generation; `embedder` loads the model when needed;
        `originals_dir` keeps the original files for the UI (None: not kept)."""
        self.writer = writer
        self.originals_dir = originals_dir
        self.current = current
        self._embedder = embedder
        self.embedding_key = embedding_key
        self.max_file_bytes = max_file_bytes
        self.max_text_chars = max_text_chars
        self.embed_batch = embed_batch
        self._municipalities: list[str] | None = None
        self._pending: dict[str, list[float]] = {}  # embeddings computed for the next generation
        self._step = _FileProgress(None, 0, 1, "")

    @property
    def db(self) -> Database:
        """The published generation, for reading; writes go to a staged copy (see _publish)."""
        return self.current()

    @property
    def vectors(self):
        return self.writer.vectors

    @property
    def municipalities(self) -> list[str]:
        if self._municipalities is None:
            self._municipalities = load_municipalities()
        return self._municipalities

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> list[FileResult]:
        files, results = expand_paths(paths)
        overrides_by_dir: dict[Path, dict[str, dict]] = {}
        for i, path in enumerate(files):
            self._step = _FileProgress(progress, i, len(files), path.name)
            self._step(0.0, "tekst lezen")
            try:
                refused = self._check_file(path)
                if refused is not None:
                    results.append(refused)
                    continue
                folder = path.parent.resolve()
                if folder not in overrides_by_dir:
                    overrides_by_dir[folder] = load_catalog_overrides(folder)
                res = self._ingest_one(path, overrides_by_dir[folder].get(path.name))
            except LoaderError as e:
                res = FileResult(path.name, "failed", str(e))
            except Exception as e:  # noqa: BLE001 - one bad file must not stop the others
                from assistant.errors import dutch_message

                log.exception("ingest of %s failed", path)
                res = FileResult(path.name, "failed",
                                 f"Het bestand '{path.name}' kon niet worden verwerkt: {dutch_message(e)} "
                                 "Eerder ingelezen documenten zijn ongewijzigd.")
            finally:
                self._pending = {}
            results.append(res)
        if progress:
            progress(1.0, "Klaar")
        return results

    def _check_file(self, path: Path) -> FileResult | None:
        """A Dutch refusal for a path that does not exist or a file above the size limit."""
        if not path.exists():
            return FileResult(path.name, "failed", f"Het bestand '{path.name}' bestaat niet (gezocht: {path}).")
        size = path.stat().st_size
        if self.max_file_bytes is not None and size > self.max_file_bytes:
            return FileResult(path.name, "failed", f"Het bestand '{path.name}' is te groot ({format_size(size)}; de grens is "
                              f"{format_size(self.max_file_bytes)}) en is overgeslagen.")
        return None

    def _check_text(self, doc: LoadedDocument) -> FileResult | None:
        n_chars = sum(len(line) + 1 for line in doc.lines)
        if self.max_text_chars is None or n_chars <= self.max_text_chars:
            return None
        return FileResult(doc.file_name, "failed", f"Het bestand '{doc.file_name}' bevat te veel tekst voor één "
                          f"rapportage ({format_size(n_chars)}; de grens is {format_size(self.max_text_chars)}) en is overgeslagen. "
                          "Splits het bestand, of verhoog de grens als dit echt één rapportage is.")

    def _ingest_one(self, path: Path, override: dict | None) -> FileResult:
        doc = load_document(path)
        if (refused := self._check_text(doc)) is not None:
            return refused
        doc_id = doc.sha256[:16]
        old = self.db.document_by_file(doc.file_name)
        if old and old["doc_id"] == doc_id and old.get("pipeline_version") == PIPELINE_VERSION:
            self._keep_original(path, doc_id, None)  # stores from before originals were kept
            return FileResult(doc.file_name, "unchanged", f"'{doc.file_name}' is ongewijzigd en overgeslagen.")

        # ---- stage: everything computed before any store is touched
        self._step(0.05, f"{len(doc.lines)} regels: passages, tabellen en cijfers")
        info = detect_document_info(doc, doc_id, override)
        extraction, chunks = extract_and_chunk(doc, doc_id, info, self.municipalities)
        inputs = [embedding_input(c) for c in chunks]
        hashes = [text_hash(t) for t in inputs]
        extraction.rows = figure_rows(extraction, info)
        vectors = self._embed(inputs + [r.text for r in extraction.rows],
                              hashes + [r.text_hash for r in extraction.rows])[:len(chunks)]

        # ---- swap: new vectors, then a new DuckDB generation (with its BM25 index), then drop the old vectors
        self._step(0.95, "opslaan")
        self.vectors.upsert(
            ids=[c.chunk_id for c in chunks],
            vectors=vectors,
            documents=[c.text for c in chunks],
            metadatas=[vector_metadata(c, h) for c, h in zip(chunks, hashes, strict=True)],
        )
        old_ids = self.db.chunk_ids_of(old["doc_id"]) if old else []
        self._publish(lambda staged: staged.replace_document(info, doc, chunks, hashes, extraction, PIPELINE_VERSION))
        stale = [i for i in old_ids if i not in {c.chunk_id for c in chunks}]
        if stale:
            self.vectors.delete(stale)
        self.writer.finish()
        self._keep_original(path, doc_id, old["doc_id"] if old else None)
        verb = "vervangen" if old else "ingelezen"
        message = (f"'{doc.file_name}' {verb}: {_count(len(chunks), 'passage', 'passages')}, "
                   f"{_count(len(extraction.facts), 'cijfer', 'cijfers')}.")
        message += _reading_notes(doc, extraction)
        return FileResult(doc.file_name, "replaced" if old else "ingested", message,
                          n_chunks=len(chunks), n_facts=len(extraction.facts))

    def _embed(self, inputs: list[str], hashes: list[str]) -> list[list[float]]:
        """Vectors for all inputs: from the cache, else embedded in batches (kept for the next generation)."""
        cached = self.db.cached_embeddings(self.embedding_key, hashes)
        cached.update({h: v for h, v in self._pending.items() if h in set(hashes)})
        todo = list({h: t for h, t in zip(hashes, inputs, strict=True) if h not in cached}.items())
        if todo:
            embedder = self._embedder()
            for start in range(0, len(todo), self.embed_batch):
                self._step(0.15 + 0.8 * start / len(todo), f"passages insluiten {start}/{len(todo)}")
                batch = todo[start:start + self.embed_batch]
                fresh = embedder.embed_documents([t for _, t in batch])
                new = {h: list(map(float, v)) for (h, _), v in zip(batch, fresh, strict=True)}
                self._pending.update(new)
                cached.update(new)
        return [list(cached[h]) for h in hashes]

    def _publish(self, write: Callable[[Database], None]) -> None:
        """`write` a staged copy of the published generation (plus the new embeddings), then publish it."""
        staged = self.writer.begin()
        try:
            staged.put_embeddings(self.embedding_key, self._pending)
            write(staged)
        except BaseException:
            self.writer.abort(staged)
            raise
        self.writer.commit(staged)
        self._pending = {}

    def remove(self, file_name: str) -> bool:
        old = self.db.document_by_file(file_name)
        if not old:
            return False
        ids = self.db.chunk_ids_of(old["doc_id"])
        self._publish(lambda staged: staged.remove_document(file_name))
        if ids:
            self.vectors.delete(ids)
        self.writer.finish()
        if self.originals_dir is not None:
            drop_original(self.originals_dir, old["doc_id"])
        return True

    def _keep_original(self, path: Path, doc_id: str, old_doc_id: str | None) -> None:
        """Keep the file for the UI's "open the original"; a replaced version's copy goes."""
        if self.originals_dir is None:
            return
        try:
            keep_original(path, self.originals_dir, doc_id)
        except OSError:  # the answer still stands without it; the UI then offers no link
            log.exception("could not keep the original of %s", path)
        if old_doc_id and old_doc_id != doc_id:
            drop_original(self.originals_dir, old_doc_id)
