"""Ingestion: files -> (load, catalog, chunk, extract, embed) -> DuckDB, Chroma and BM25.

Each file is staged completely in memory first; only then are the stores touched, new vectors
before the DuckDB swap and old vectors after it. DuckDB decides what exists, so a crash between
the steps leaves at worst unused vectors, never missing or half-written rows.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from assistant.embeddings.base import Embedder
from assistant.ingest.catalog import detect_document_info, load_catalog_overrides, load_municipalities
from assistant.ingest.chunking import TableSpan, chunk_document
from assistant.ingest.loaders import SUPPORTED_SUFFIXES, LoaderError, load_document
from assistant.ingest.originals import drop_original, keep_original
from assistant.periods import from_label
from assistant.records import Chunk, DocumentInfo, Extraction, FigureRow, LoadedDocument
from assistant.storage.bm25 import BM25Index
from assistant.storage.database import Database
from assistant.storage.vectorstore import VectorStore

log = logging.getLogger(__name__)

Progress = Callable[[float, str], None]

# Bump when chunking or extraction changes what a file turns into: such files are processed again
# (their embeddings stay cached, so this is cheap).
PIPELINE_VERSION = "9"


@dataclass
class FileResult:
    file_name: str
    status: str  # ingested | replaced | unchanged | failed
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


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders expanded to their supported files (sorted, catalog.toml skipped)."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            out += sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(p)
    return out


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
    return extraction, chunk_document(doc, doc_id, tables)


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
        parts = [path.replace(" > ", ", "), title, fig.label, "; ".join(cols[:8]), ", ".join(units),
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


class Ingestor:
    def __init__(self, db: Database, embedder: Embedder, vectors: VectorStore, bm25_path: Path,
                 originals_dir: Path | None = None) -> None:
        self.db = db
        self.embedder = embedder
        self.vectors = vectors
        self.bm25_path = bm25_path
        self.originals_dir = originals_dir  # where the original files are kept for the UI (None: not kept)
        self._municipalities: list[str] | None = None

    @property
    def municipalities(self) -> list[str]:
        if self._municipalities is None:
            self._municipalities = load_municipalities()
        return self._municipalities

    def ingest(self, paths: Iterable[Path], progress: Progress | None = None) -> list[FileResult]:
        files = expand_paths(paths)
        results: list[FileResult] = []
        overrides_by_dir: dict[Path, dict[str, dict]] = {}
        changed = False
        for i, path in enumerate(files):
            if progress:
                progress(i / max(len(files), 1), f"Bezig met {path.name}")
            folder = path.parent.resolve()
            if folder not in overrides_by_dir:
                overrides_by_dir[folder] = load_catalog_overrides(folder)
            try:
                res = self._ingest_one(path, overrides_by_dir[folder].get(path.name))
            except LoaderError as e:
                res = FileResult(path.name, "failed", str(e))
            except Exception as e:  # noqa: BLE001 - one bad file must not stop the others
                log.exception("ingest of %s failed", path)
                res = FileResult(path.name, "failed",
                                 f"Het bestand '{path.name}' kon niet worden verwerkt ({type(e).__name__}); "
                                 "eerder ingelezen documenten zijn ongewijzigd.")
            changed |= res.status in ("ingested", "replaced")
            results.append(res)
        if changed or not BM25Index.load(self.bm25_path):
            self.rebuild_bm25()
        if progress:
            progress(1.0, "Klaar")
        return results

    def _ingest_one(self, path: Path, override: dict | None) -> FileResult:
        doc = load_document(path)
        doc_id = doc.sha256[:16]
        old = self.db.document_by_file(doc.file_name)
        if old and old["doc_id"] == doc_id and old.get("pipeline_version") == PIPELINE_VERSION:
            self._keep_original(path, doc_id, None)  # stores from before originals were kept
            return FileResult(doc.file_name, "unchanged", f"'{doc.file_name}' is ongewijzigd en overgeslagen.")

        # ---- stage: everything computed before any store is touched
        info = detect_document_info(doc, doc_id, override)
        extraction, chunks = extract_and_chunk(doc, doc_id, info, self.municipalities)
        inputs = [embedding_input(c) for c in chunks]
        hashes = [text_hash(t) for t in inputs]
        vectors = self._embed(inputs, hashes)
        extraction.rows = figure_rows(extraction, info)
        self._embed([r.text for r in extraction.rows], [r.text_hash for r in extraction.rows])

        # ---- swap: new vectors, then the DuckDB transaction, then drop the old vectors
        self.vectors.upsert(
            ids=[c.chunk_id for c in chunks],
            vectors=vectors,
            documents=[c.text for c in chunks],
            metadatas=[{"doc_id": doc_id, "file_name": c.file_name, "line_start": c.line_start,
                        "line_end": c.line_end, "page": c.page, "section": c.section, "figure": c.figure}
                       for c in chunks],
        )
        old_ids = self.db.chunk_ids_of(old["doc_id"]) if old else []
        self.db.replace_document(info, doc, chunks, hashes, extraction, PIPELINE_VERSION)
        stale = [i for i in old_ids if i not in {c.chunk_id for c in chunks}]
        if stale:
            self.vectors.delete(stale)
        self._keep_original(path, doc_id, old["doc_id"] if old else None)
        verb = "vervangen" if old else "ingelezen"
        message = (f"'{doc.file_name}' {verb}: {_count(len(chunks), 'passage', 'passages')}, "
                   f"{_count(len(extraction.facts), 'cijfer', 'cijfers')}.")
        message += _reading_notes(doc, extraction)
        return FileResult(doc.file_name, "replaced" if old else "ingested", message,
                          n_chunks=len(chunks), n_facts=len(extraction.facts))

    def _embed(self, inputs: list[str], hashes: list[str]) -> list[list[float]]:
        cached = self.db.cached_embeddings(self.embedder.key, hashes)
        todo = [(h, t) for h, t in zip(hashes, inputs, strict=True) if h not in cached]
        if todo:
            fresh = self.embedder.embed_documents([t for _, t in todo])
            new = {h: list(map(float, v)) for (h, _), v in zip(todo, fresh, strict=True)}
            self.db.put_embeddings(self.embedder.key, new)
            cached.update(new)
        return [list(cached[h]) for h in hashes]

    def remove(self, file_name: str) -> bool:
        old = self.db.document_by_file(file_name)
        if not old:
            return False
        ids = self.db.chunk_ids_of(old["doc_id"])
        self.db.remove_document(file_name)
        if ids:
            self.vectors.delete(ids)
        if self.originals_dir is not None:
            drop_original(self.originals_dir, old["doc_id"])
        self.rebuild_bm25()
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

    def rebuild_bm25(self) -> None:
        rows = self.db.all_chunks()
        if not rows:
            BM25Index.build(["-"], [""]).save(self.bm25_path)
            return
        texts = [index_text(r["section"], r["figure"], r["text"]) for r in rows]
        BM25Index.build([r["chunk_id"] for r in rows], texts).save(self.bm25_path)
