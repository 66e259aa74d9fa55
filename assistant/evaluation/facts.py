"""Score the table reader against a hand-checked gold list of facts (precision, recall, per family).

Gold format (one JSON object per line in gold_facts.jsonl, one per table in tables.jsonl): see
tests/fixtures/reports/*/. A fact the reader stores counts as right when a gold fact of the same document
has its value (or the same missing-value text), its row (the gold row label is part of the fact's row path,
or the other way round), its period (or, without one, its column), and its municipality (the fact's column
or row municipality, else the document's). Every other stored fact is wrong: the gold lists every cell of
every table, so a fact from prose, a footnote mark or a misaligned column is counted as a mistake.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest.catalog import load_aliases
from assistant.records import Extraction, Fact, Figure


def _norm(text: str | None) -> str:
    t = unicodedata.normalize("NFKD", (text or "").lower())
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9%]+", "", t)


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def _value_ok(f: Fact, g: dict) -> bool:
    if g.get("value") is None:
        return f.value is None and _norm(f.status or f.raw) == _norm(g.get("raw"))
    return f.value is not None and abs(f.value - float(g["value"])) <= 1e-6 * max(1.0, abs(float(g["value"])))


def _row_ok(f: Fact, g: dict) -> bool:
    fr, fl = _norm(f.row_path), _norm(f.row_label)
    gr, gp = _norm(g.get("row")), _norm(g.get("row_path") or g.get("row"))
    # a table with periods in its rows: the gold may name the row by its period, the reader by its measure
    return bool(gr) and (gr in fr or fl in gp or gr == fl or _norm(f.column_label).startswith(gr))


def _year_end(label: str | None) -> str | None:
    """"2022-12-31" (a stand on 31 December) stands for the year 2022, as reports and their readers take it."""
    m = re.fullmatch(r"(\d{4})-12-31", label or "")
    return m.group(1) if m else label


def _same_span(a: str | None, b: str | None) -> bool:
    """Two labels of one stretch of time ("2024-H1" and "2024-01-01..2024-06-30")."""
    from assistant.periods import from_label

    try:
        pa, pb = (from_label(a) if a else None), (from_label(b) if b else None)
    except ValueError:
        return False
    return pa is not None and pb is not None and (pa.start, pa.end) == (pb.start, pb.end)


def _period_ok(f: Fact, g: dict) -> bool:
    if g.get("period"):
        if f.period_label != g["period"] and _year_end(f.period_label) != _year_end(g["period"]) \
                and not _same_span(f.period_label, g["period"]):
            return False
    elif g.get("column") and _norm(g["column"]) not in _norm(f.column_label) \
            and _norm(f.column_label) not in _norm(g["column"]):
        return False
    gk, fk = g.get("period_kind"), f.period_kind
    if gk and fk and gk != fk and {gk, fk} != {"realisatie", "resultaat"}:
        return False
    # two columns of one period (a count and its share, "Rekening 2022" and "Verschil"): the unit tells;
    # and an amount is never a count (a wrong unit makes a wrong answer)
    if g.get("unit") == "%" and f.unit not in ("%", None) or f.unit == "%" and g.get("unit") not in ("%", None):
        return False
    gu, fu = (g.get("unit") or ""), (f.unit or "")
    if gu.startswith("€") != fu.startswith("€") and g.get("value") is not None:
        return False
    if gu.startswith("€") and fu.startswith("€") and ("1000" in gu.replace(".", "")) != ("1000" in fu.replace(".", "")):
        return False
    if gu.startswith("per ") != fu.startswith("per ") and g.get("value") is not None:
        return False
    return True


def _municipality_ok(f: Fact, g: dict, doc_municipality: str | None) -> bool:
    want = g.get("municipality")
    if not want:
        return True
    have = f.municipality or doc_municipality
    aliases = load_aliases()  # gold may say "Den Haag" where the catalog says "'s-Gravenhage"
    return _norm(aliases.get(have or "", have)) == _norm(aliases.get(want, want)) or (want.lower().startswith("regio") and _norm(f.municipality or "").startswith(
        "regio"))


@dataclass
class DocScore:
    doc: str
    stored: int = 0
    right: int = 0
    gold: int = 0
    found: int = 0
    wrong: list[Fact] = field(default_factory=list)
    missed: list[dict] = field(default_factory=list)


@dataclass
class TableScore:
    doc: str
    table: str
    family: list[str]
    expect: str
    status: str  # what the reader said: read | partly | not_read | missing
    gold: int
    found: int
    stored: int
    right: int


def score_document(ext: Extraction, golds: list[dict], tables: list[dict], doc_municipality: str | None,
                   sheets: list[tuple[str, int, int]] | None = None) -> tuple[DocScore, list[TableScore]]:
    sheet_lines = {name: [a, b] for name, a, b in (sheets or [])}
    tables = [dict(t, lines=t.get("lines") or sheet_lines.get(t.get("sheet") or "")) for t in tables]
    ds = DocScore(doc=golds[0]["doc"] if golds else (tables[0]["doc"] if tables else ""), gold=len(golds))
    used: set[int] = set()
    fact_table: dict[int, str] = {}
    gold_by_table: dict[str, list[int]] = defaultdict(list)
    for gi, g in enumerate(golds):
        gold_by_table[g["table"]].append(gi)
    for fi, f in enumerate(ext.facts):
        ds.stored += 1
        hit = None
        for gi, g in enumerate(golds):
            if gi in used:
                continue
            if _value_ok(f, g) and _row_ok(f, g) and _period_ok(f, g) and _municipality_ok(f, g, doc_municipality):
                hit = gi
                break
        if hit is None:
            ds.wrong.append(f)
        else:
            used.add(hit)
            ds.right += 1
            fact_table[fi] = golds[hit]["table"]
    ds.found = len(used)
    ds.missed = [g for gi, g in enumerate(golds) if gi not in used]
    # per table: the reader's figure that overlaps the gold table's lines (or sheet)
    out: list[TableScore] = []
    for t in tables:
        fig = _figure_for(ext.figures, t)
        gis = gold_by_table.get(t["table"], [])
        stored = sum(1 for f in ext.facts if fig is not None and f.figure_id == fig.figure_id)
        right = sum(1 for fi, tb in fact_table.items() if tb == t["table"])
        fam = t.get("family") or []
        out.append(TableScore(t["doc"], t["table"], fam if isinstance(fam, list) else [fam], t.get("expect", "read"),
                              fig.status if fig is not None else "missing", len(gis),
                              sum(1 for gi in gis if gi in used), stored, right))
    return ds, out


def _figure_for(figures: list[Figure], t: dict) -> Figure | None:
    lines = t.get("lines")
    best, overlap = None, 0
    for fig in figures:
        if lines:
            a, b = lines
            ov = min(b, fig.line_end) - max(a, fig.line_start) + 1
        else:
            ov = 1 if t.get("sheet") and t["sheet"].lower() in (fig.title or fig.label or "").lower() else 0
        if ov > overlap:
            best, overlap = fig, ov
    return best
