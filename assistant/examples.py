"""Example questions built from what is ingested, so they work for any municipality's reports.

Figure rows (with their municipality and period), a toezegging and a text subject are turned into
Dutch questions; each is asked once and kept only when it gets the answer it was built from.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from assistant.answer.compose import lower_first
from assistant.periods import from_label

if TYPE_CHECKING:
    from assistant.api import Assistant

MAX_FIGURE_TRIES = 10
MAX_TEXT_TRIES = 5
LABEL_OK = re.compile(r"^[^\W\d_][^\d%<>=+/|]*$")
DETERMINERS = frozenset(["de", "het", "een", "elke", "ieder", "iedere", "alle", "totaal", "waarvan", "onze", "ons"])
PLURAL = re.compile(r"\w{3,}(en|ers|s)$")
GENERIC_SUBJECTS = re.compile(r"^(samenvatting|leeswijzer|inleiding|inhoud\w*|voorwoord|colofon|bijlage\w*|tot slot|"
                              r"algemeen|overig\w*|bronnen|toelichting|stand van zaken)\b", re.I)


def _period_words(label: str) -> str:
    try:
        return from_label(label).dutch()
    except ValueError:
        return label


def figure_questions(a: Assistant) -> list[tuple[str, float, str]]:
    """(question, expected value, file name), newest report first, one row per report in turn."""
    facts = a.db.query(
        "SELECT f.figure_id, f.file_name, f.row_path, f.period_label, f.period_start, f.value, "
        "d.municipality, d.ingested_at FROM facts f JOIN figures g USING (figure_id) "
        "JOIN documents d ON d.doc_id = f.doc_id "
        "WHERE f.value IS NOT NULL AND f.period_label IS NOT NULL "
        "AND (f.municipality IS NULL OR f.municipality = d.municipality) "
        "AND coalesce(g.status, 'read') = 'read' AND coalesce(f.unit, g.unit, 'aantal') = 'aantal' "
        "AND (f.period_kind IS NULL OR f.period_kind IN ('realisatie', 'resultaat'))")
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for f in facts:
        groups[(f["figure_id"], f["row_path"])].append(f)
    label_count: dict[str, int] = defaultdict(int)
    for _, path in groups:
        label_count[path.split(" > ")[-1].strip().lower()] += 1
    per_doc: dict[str, list[tuple[int, str, float, str]]] = defaultdict(list)
    newest: dict[str, Any] = {}
    for (_, path), fs in groups.items():
        label = re.sub(r"^aantal\s+", "", path.split(" > ")[-1].strip(), flags=re.I)
        words = label.split()
        if not (2 <= len(words) <= 6 and LABEL_OK.match(label)) or words[0].lower() in DETERMINERS:
            continue
        latest = max(f["period_start"] for f in fs)
        at = [f for f in fs if f["period_start"] == latest]
        if len(at) != 1:
            continue  # several columns for one period: the question would be ambiguous
        f = at[0]
        place = f" in {f['municipality']}" if f.get("municipality") else ""
        q = f"Hoeveel {lower_first(label)} waren er{place} in {_period_words(f['period_label'])}?"
        # unique labels first, then ones that start with a plural ("cliënten ..."), then longer series
        rank = (label_count[label.lower()] > 1) * 100 + (not PLURAL.search(words[0])) * 50 \
            - len({x["period_label"] for x in fs})
        per_doc[f["file_name"]].append((rank, q, float(f["value"]), f["file_name"]))
        newest[f["file_name"]] = f["ingested_at"]
    ordered_docs = sorted(per_doc, key=lambda d: (newest[d], d), reverse=True)
    queues = [sorted(per_doc[d]) for d in ordered_docs]
    out: list[tuple[str, float, str]] = []
    while any(queues):
        for qu in queues:
            if qu:
                _, q, v, doc = qu.pop(0)
                out.append((q, v, doc))
    return out


def text_subjects(a: Assistant) -> list[str]:
    rows = a.db.query("SELECT c.section, count(*) AS n, max(d.ingested_at) AS newest FROM chunks c "
                      "JOIN documents d USING (doc_id) WHERE c.kind = 'prose' AND coalesce(c.section, '') <> '' "
                      "GROUP BY c.section ORDER BY newest DESC, n DESC")
    out: list[str] = []
    for r in rows:
        part = r["section"].split(" > ")[-1].strip()
        if ":" in part and len(part.split(":")[0].split()) == 1:
            part = part.split(":", 1)[1].strip()  # "Uitgelicht: ontwikkelingen ..." -> "ontwikkelingen ..."
        if part.endswith("?") or GENERIC_SUBJECTS.match(part) or not (2 <= len(part.split()) <= 6) \
                or not LABEL_OK.match(part) or part.split()[0].lower() in DETERMINERS:
            continue
        q = f"Wat staat er in de rapportages over {lower_first(part)}?"
        if q not in out:
            out.append(q)
    return out


def example_questions(a: Assistant, n: int = 4) -> list[str]:
    """Up to n checked questions: figures first, then a toezegging and a text subject."""
    figures: list[str] = []
    for q, value, doc in figure_questions(a)[:MAX_FIGURE_TRIES]:
        ans = a.ask(q)
        if not ans.refused and any(r.get("value") == value and r.get("file_name") == doc for r in ans.rows):
            figures.append(q)
        if len(figures) >= max(n - 2, 1):
            break
    others: list[str] = []
    numbers = a.db.query("SELECT number FROM commitments ORDER BY number DESC LIMIT 2")
    for r in numbers:
        q = f"Wat houdt toezegging {r['number']} in?"
        ans = a.ask(q)
        if ans.route == "commitment" and not ans.refused:
            others.append(q)
            break
    for q in text_subjects(a)[:MAX_TEXT_TRIES]:
        ans = a.ask(q)
        if ans.route == "text" and not ans.refused:
            others.append(q)
            break
    return (figures + others)[:n]
