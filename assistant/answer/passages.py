"""Answers from passages: the text route, and the fallback to a table passage when no figure was accepted.

Text answers quote whole sentences (never fragments) that cover the question's content words, each with
its source marker. A figure question whose number stands only in prose is answered from such a sentence
when it holds a number of the kind asked and names the period asked. When a figure question finds no
accepted row, the best table passage is shown as a small table (its header and the matching row); it
counts as an answer only when the row plainly matches the question, otherwise it is offered with the
refusal, so the assistant is never worse than its own retriever.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.answer.context import Ask, Knowledge
from assistant.answer.intent import DEVIATION, VERSUS_PLAN, WHY
from assistant.answer.matching import Weights, content_terms, coverage
from assistant.answer.text_tools import sentences_with_lines
from assistant.models import Answer, Citation, Passage
from assistant.periods import scan

MIN_SURE = 0.62  # coverage of the question's content words by the best unit, for a number from prose
MIN_SURE_PROSE = 0.8  # ... and to give that number as the answer rather than show the sentence
MIN_TEXT = 0.4  # ... for an explanation (quoting the closest sentences is never worse than the passage)
MIN_SECOND = 0.5  # ... by further units quoted with it
MIN_TABLE_ROW = 0.8  # coverage of the question by a table row shown as the answer
MIN_ASKED_SIMILARITY = 0.93  # e5 cosine of two why-questions that ask the same (with half their words shared)
MIN_ASKED = 0.75  # a question in the report this close to the user's is the user's question
PAIR_COST = 0.04  # two sentences must explain more than one to be quoted together
DEVIATION_HEADING = re.compile(r"\b(voordelig|nadelig|voordeel|nadeel|afwijking\w*|verschil\w*|toelichting|analyse)\b", re.I)
CAUSAL = re.compile(r"\b(doordat|omdat|oorzaak|oorzaken|veroorzaakt|kom(?:t|en)(?: \w+){0,2} door(?:dat)?"
                    r"|als gevolg van|dankzij|te verklaren|verklaart|toe te schrijven"
                    r"|^door (?:het|de|een|meer|minder|hogere|lagere)"
                    r"|daardoor|hierdoor|verklaard|verklaring|vanwege|te maken met|het gevolg)\b", re.I)
_NUMBER = re.compile(r"(?<![\w.,])\d[\d.,]*\d?%?")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")
# a note under a table's rows explains its signs ("x = geheim: …", "* voorlopige cijfers"): quotable, unlike a row
_TABLE_NOTE = re.compile(r"^\s*(?:\*{1,3}\s*\w|(?:x|\.|-|–|n\.?v\.?t\.?|n\.?n\.?b\.?)\s*[=:]\s*\w"
                         r"|(?:noot|toelichting|opmerking)\s*:)", re.I)
CONTINUES = re.compile(r"^(Dit|Dat|Daardoor|Hierdoor|Daarmee|Hiermee|Zij|Ze|Deze|Die|Daarbij|Daarnaast|Ook)\b")


@dataclass
class Sentence:
    text: str
    first: int
    last: int
    passage: Passage
    rank: int
    score: float
    next: tuple[str, int, int] | None = None
    pair: bool = False  # the unit is this sentence and the next one


def _table_like(text: str) -> bool:
    toks = text.split()
    nums = sum(1 for t in toks if any(ch.isdigit() for ch in t))
    return len(toks) > 90 or (len(toks) >= 8 and nums / len(toks) > 0.35)


_REFERENCE = re.compile(r"\b(?:paragraaf|hoofdstuk|figuur|tabel|bijlage|grafiek|artikel|pagina|blz\.?|p\.)\s*"
                        r"\d[\d.]*", re.I)


def _is_sentence(text: str) -> bool:
    """A sentence to quote: long enough, not a heading ("Samenkracht en burgerparticipatie"), not a table run."""
    if len(text) < 25 or _table_like(text) or text.rstrip().endswith("?"):
        return False  # a question in the report is a heading, not an answer
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) / len(letters) > 0.6:
        return False  # a heading in capitals
    if re.search(r"\b(?:pagina|blz\.?|pag\.)\s*\d+\b", text, re.I) and not text.rstrip().endswith((".", "!", ":")):
        return False  # a running page header or footer ("Programma 3 … - pagina 41 Programmabegroting 2025")
    return len(text.split()) >= 6 or text.rstrip().endswith((".", "!", "?", ":"))


_CATEGORY_TOKEN = re.compile(r"(?<![\w.,])\d{1,3}\s*[-–]\s*\d{1,3}(?=\s*(?:jaar|%))|(?<![\w.,])\d{1,3}[+-](?!\d)")


def _wanted_number(ask: Ask, text: str) -> bool:
    # an age or share category in a label ("12-18 jaar", "65+") is no figure
    bare = _YEAR.sub("", _REFERENCE.sub("", _CATEGORY_TOKEN.sub(" ", text)))
    if "percentage" in ask.intent.measures:
        return bool(re.search(r"\d\s*%|\bprocent\b", text))
    if "geld" in ask.intent.measures:
        return bool(re.search(r"€|\beuro\b|\bmiljoen\b", text)) and bool(_NUMBER.search(bare))
    if ask.intent.measures and ask.intent.measures <= {"aantal", "duur"}:
        # a count: a number that is no amount of money and no percentage
        bare = re.sub(r"€\s*[\d.,]+(?:\s*(?:miljoen|mln|duizend))?|[\d.,]+\s*(?:%|procent|euro|miljoen)", " ", bare)
    return bool(_NUMBER.search(bare))


_UNKNOWN = re.compile(r"(?:^|\s)(?:-|–|—|\.|n\.?\s?n\.?\s?b\.?|nnb|n\.?b\.?|n\.?v\.?t\.?|x|\*\*|…|geheim|onbekend)"
                      r"(?=\s|$)", re.I)  # a cell without a number: the row cannot be the answer as it stands
_RATE_WORDS = re.compile(r"\bper\s+(?:1\.?000|10\.?000|100\.?000|duizend)\b|%|\bprocent\b|\baandeel\b", re.I)


def _measure_fits(ask: Ask, row_text: str) -> bool:
    """A row "per 1.000 inwoners" or in % does not answer "hoeveel cliënten", and the other way round."""
    wants_rate = bool(ask.intent.measures & {"percentage", "per_inwoners"})
    return wants_rate == bool(_RATE_WORDS.search(row_text)) or not ask.intent.measures


def _names_exact_period(ask: Ask, text: str) -> bool:
    """The text names the period asked itself (the quarter, half or month, not only its year)."""
    from assistant.periods import scan

    found = [p for p in scan(text) if p.period is not None]
    named = {p.period.label for p in found}
    # "in het eerste halfjaar van 2022" names a half, not the year 2022 (nor its end)
    rest = text
    for p in sorted(found, key=lambda p: -p.start):
        year_end = p.period.kind == "date" and (p.period.end.month, p.period.end.day) == (12, 31)
        if p.period.kind not in ("year", "range") and not year_end:  # "per 31 december 2016" is the year's stand
            rest = rest[:p.start] + " " * (p.end - p.start) + rest[p.end:]
    for m in ask.mentions:
        if m.period.label in named:
            continue
        if m.point == "end" and any(p.period.end == m.period.end for p in found):
            continue  # "eind 2022": the second half or 31 December shows it
        if m.period.kind in ("year", "range") and any(str(y) in rest for y in range(m.period.start.year,
                                                                                      m.period.end.year + 1)):
            continue
        return False
    return True


def _names_period(ask: Ask, text: str) -> bool:
    if not ask.mentions:
        return True
    return any(str(m.period.start.year) in text or str(m.period.end.year) in text for m in ask.mentions)


_DEFINITION = re.compile(
    r"\bwat\s+(?:\w+\s+){0,5}?(?:bedoel\w*|verst\w+)\s+(?:\w+\s+){0,4}?(?:met|onder)\s+(?P<a>[^?]+?)\s*\??$"
    r"|\bwat\s+(?:betekent|is)\s+(?P<b>(?:een|de|het)\s+[^?]+?|[^?\s]+)\s*\??$"
    r"|\bwaar\s+staat\s+(?P<c>[^?]+?)\s+voor\s*\??$|\bwat\s+houdt\s+(?P<d>[^?]+?)\s+in\s*\??$", re.IGNORECASE)
_GLOSSARY_LINE = re.compile(r"^\s*(?:[-•*]\s*|\d+[.)]\s*)?(?P<t>[^:;.?!]{2,60}?)\s*(?::|\s[-–]\s)\s*\S")
_ARTICLES = re.compile(r"^(?:een|de|het|'t)\s+", re.IGNORECASE)


def defined_term(question: str) -> str | None:
    """The term a question asks the meaning of ("Wat bedoelt … met een melding Wmo?" -> "melding Wmo")."""
    m = _DEFINITION.search(question.strip())
    if not m:
        return None
    t = next(g for g in m.groups() if g)
    t = _ARTICLES.sub("", t.strip()).strip(" '\"‘’“”")
    t = re.sub(r"\s+(?:in|volgens|bij)\s+(?:de|het)\s+.*$", "", t)  # "… in de monitor": where, not what
    return t if 0 < len(t.split()) <= 6 else None


def _same_term(a: str, b: str) -> bool:
    def norm(x: str) -> str:
        return " ".join(_ARTICLES.sub("", x.strip().lower()).replace("-", " ").split())
    return norm(a) == norm(b)


class TextRoute:
    name = "text"

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def passages(self, ask: Ask, k: int = 8) -> list[Passage]:
        """The closest passages; a passage that stands word for word in several reports is kept once."""
        seen: set[str] = set()
        out = []
        for p in self.kb.store.search(ask.question, k, doc_ids=ask.allowed_docs, qvec=ask.qvec):
            key = " ".join(p.text.split())
            if key not in seen:
                seen.add(key)
                out.append(p)
        return out

    def sentences(self, ask: Ask, passages: list[Passage]) -> list[Sentence]:
        """Units to quote (one sentence, or a sentence and the next), best first. A unit's score is the share
        of the question's content words it covers (with its section heading), less a small cost for the
        passage's rank; an explanation question prefers units that give a cause."""
        out: list[Sentence] = []
        numbered_by_passage = []
        for p in passages:
            rows = self.kb.store.lines_of(p.doc, p.lines[0], p.lines[1])
            numbered_by_passage.append((p, sentences_with_lines(passage_lines(p.text, rows))))
        weights = Weights(s for _, sents in numbered_by_passage for s, _, _ in sents)
        terms = ask.terms or content_terms(ask.question)
        why = WHY.search(ask.question) is not None
        deviation = why and (ask.intent.op == "versus_plan" or VERSUS_PLAN.search(ask.question) is not None
                             or DEVIATION.search(ask.question) is not None)
        for rank, (p, sents) in enumerate(numbered_by_passage):
            # the heading and the report's title say what a sentence is about ("volgens het jaarverslag")
            last_heading = p.section.split(" > ")[-1] if p.section else ""
            if last_heading.rstrip().endswith("?"):
                last_heading = ""  # a question as heading is answered right below it (_answered_questions)
            heading = f"{last_heading} {p.title}"
            off_period = ask.mentions and not self._doc_overlaps(ask, p)
            tables = self._table_ranges(p.doc)
            headings = {h.strip() for h in (p.section or "").split(" > ")}
            usable = [i for i, (text, a, b) in enumerate(sents) if _is_sentence(text) and text.strip() not in headings
                      and (_TABLE_NOTE.match(text) or not any(lo <= a and b <= hi for lo, hi in tables))]
            for i in usable:
                text, first, last = sents[i]
                nxt = sents[i + 1] if i + 1 < len(sents) else None
                units = [(text, last, False)]
                if nxt and i + 1 in usable:
                    units.append((f"{text} {nxt[0]}", nxt[2], True))
                for utext, ulast, pair in units:
                    cov, _ = coverage(terms, f"{utext} {heading}", weights)
                    causal = why and CAUSAL.search(utext) is not None
                    # a cause is rare in a report: for a why-question its passage's rank counts half
                    score = cov * (1.0 - (0.015 if causal else 0.03) * rank) - (PAIR_COST if pair else 0.0)
                    if off_period and not _names_period(ask, utext):
                        score *= 0.85  # a report about other years, and the sentence names no year asked
                    if why:
                        # a why-question is answered by a sentence that gives a cause, not one that restates it
                        score = score + 0.08 if causal else score * 0.92
                    last_text = nxt[0] if pair and nxt else text
                    if len(last_text.split()) <= 6 and DEVIATION.search(last_text):
                        score *= 0.8  # "Wmo (€ 498.000 voordelig)." heads its explanation: quote it with the next
                    if deviation and (DEVIATION_HEADING.search(p.section or "")
                                      or (DEVIATION.search(utext) and CAUSAL.search(utext))):
                        score += 0.1  # "Toelichting op de verschillen" / "Jeugd (nadeel € 917.000)": the explanation
                    out.append(Sentence(utext, first, ulast, p, rank, score,
                                        None if pair else nxt, pair))
            out += self._answered_questions(ask, p, sents, usable, rank)
            out += self._definitions(ask, p, rank)
        out.sort(key=lambda s: -s.score)
        return out

    def _definitions(self, ask: Ask, p: Passage, rank: int) -> list[Sentence]:
        """"Wat bedoelt de monitor met een melding Wmo?": a list of terms in the report ("Begrippen") defines it
        on a line of its own ("Melding Wmo: een hulpvraag van …")."""
        term = defined_term(ask.question)
        if not term:
            return []
        out = []
        for row in self.kb.store.lines_of(p.doc, p.lines[0], p.lines[1]):
            text = row["text"] or ""
            m = _GLOSSARY_LINE.match(text)
            if m and _same_term(m.group("t"), term):
                out.append(Sentence(text.strip(), row["line_no"], row["line_no"], p, rank, 1.3 - 0.03 * rank, None,
                                    False))
        return out

    def _answered_questions(self, ask: Ask, p: Passage, sents: list[tuple[str, int, int]], usable: list[int],
                            rank: int) -> list[Sentence]:
        """A report that asks the question itself ("3.1 Waarom groeide de jeugdhulp meer dan verwacht?") answers
        it in the sentences right after: those are quoted, up to three, as one unit."""
        asked = content_terms(ask.question, ask.scope.words + [m.text for m in ask.mentions])
        asked = [replace(t, weight=1.0, verb=False) for t in asked]  # here the verb is the point of the question
        out = []
        for i, (text, _first, _last) in enumerate(sents):
            # (the answer may open with a sentence full of figures: "X kost in 2025 € 585.000 meer dan in 2024.")
            if not text.rstrip().endswith("?") or not (i + 1 in usable or (
                    i + 1 < len(sents) and sents[i + 1][0].rstrip().endswith(".") and len(sents[i + 1][0].split()) >= 6)):
                continue
            cov, _ = coverage(asked, re.sub(r"^\s*[\d.]+\s+", "", text))
            if cov < MIN_ASKED and not (cov >= 0.5 and self._same_question(ask, text)):
                continue
            after, size = [], 0
            for j in range(i + 1, len(sents)):  # the answer runs on until the next question or about 700 characters
                t = sents[j][0]
                if t.rstrip().endswith("?") or (after and size + len(t) > 700) or len(after) >= 6:
                    break
                after.append(j)
                size += len(t)
            body = " ".join(sents[j][0] for j in after)
            out.append(Sentence(body, sents[after[0]][1], sents[after[-1]][2], p, rank,
                                1.2 + 0.1 * cov - 0.03 * rank, None, True))
        return out

    def _same_question(self, ask: Ask, text: str) -> bool:
        """The report asks the user's why-question in other words ("Waarom groeit het aantal jongeren met jeugdhulp?"
        for "Waarom krijgen steeds meer jongeren jeugdhulp?"): both ask why, and their embeddings are very close."""
        if not (WHY.search(ask.question) and WHY.search(text)) or ask.qvec is None or self.kb.store.embed_query is None:
            return False
        try:
            v = self.kb.store.embed_query(re.sub(r"^\s*[\d.]+\s+", "", text))
        except Exception:  # noqa: BLE001 - without an embedding the words alone decide
            return False
        dot = sum(a * b for a, b in zip(ask.qvec, v, strict=False))
        norm = (sum(a * a for a in ask.qvec) ** 0.5) * (sum(b * b for b in v) ** 0.5)
        return bool(norm) and dot / norm >= MIN_ASKED_SIMILARITY

    def _table_ranges(self, doc: str) -> list[tuple[int, int]]:
        """Lines of the tables the reader found: a header or a row is no sentence to quote."""
        return [(f.get("line_start") or 0, f.get("line_end") or 0) for f in self.kb.figures.values()
                if f.get("file_name") == doc and f.get("layout") != "keyvalue"]

    def _doc_overlaps(self, ask: Ask, p: Passage) -> bool:
        doc = next((d for d in self.kb.documents if d.file_name == p.doc or d.doc_id == p.doc), None)
        if doc is None or doc.period_start is None:
            return True
        return any(doc.period_start <= m.period.end and m.period.start <= doc.period_end for m in ask.mentions)

    def _doc_covers(self, ask: Ask, p: Passage) -> bool:
        """A sentence that names no period speaks of its report's period ("het afgelopen halfjaar")."""
        doc = next((d for d in self.kb.documents if d.file_name == p.doc or d.doc_id == p.doc), None)
        if doc is None or doc.period_start is None or not ask.mentions:
            return not ask.mentions
        return all(doc.period_start <= m.period.start and m.period.end <= doc.period_end for m in ask.mentions)

    def answer(self, ask: Ask, passages: list[Passage]) -> tuple[Answer, list[str]] | None:
        sents = self.sentences(ask, passages)
        floor = MIN_TEXT
        if ask.intent.asks_number:
            floor = MIN_SURE
            sents = [s for s in sents if _wanted_number(ask, s.text) and (
                _names_period(ask, s.text) or _names_period(ask, s.passage.section) or self._doc_covers(ask, s.passage))]
        if not sents or sents[0].score < floor:
            return None
        ans, sources = self._compose(ask, sents)
        if ask.intent.asks_number and not self._sure_number(ask, sents[0]):
            # a number in a sentence that only resembles the question is shown, not given as the answer
            ans.refused = True
            ans.route = "none"
            ans.answer = ("Ik vond geen tabelcijfer dat zeker bij de vraag past. Deze zin uit de rapportage komt het "
                          "dichtst bij:\n" + ans.answer)
        return ans, sources

    def _sure_number(self, ask: Ask, s: Sentence) -> bool:
        """A figure from prose counts as the answer when the sentence covers the question's words well, names
        the period asked (or its report is about that period), and holds the kind of number asked."""
        if s.score < MIN_SURE_PROSE:
            return False
        if ask.intent.op in ("highest", "lowest") and not re.search(
                r"\b(hoogst\w*|meest\w*|grootst\w*|laagst\w*|minst\w*|kleinst\w*|piek\w*)\b", s.text, re.I):
            return False  # "welke maand het meest": a sentence that names no top or bottom does not say which
        if ask.intent.op not in ("value", "share", "highest", "lowest"):
            # a comparison, difference or trend is answered with its operands: one number in a sentence is not it
            bare = _YEAR.sub("", _REFERENCE.sub("", s.text))
            if len(_NUMBER.findall(bare)) < 2:
                return False
            if ask.intent.op == "trend":
                from assistant.periods import scan

                if len({p.period.label for p in scan(s.text) if p.period is not None}) < 2:
                    return False  # a development over the years names the years
        doc = next((d for d in self.kb.documents if d.file_name == s.passage.doc), None)
        for name in ask.scope.municipalities:
            # a report about several municipalities: the sentence must name the one asked about
            if doc is not None and doc.municipality != name and name.lower() not in s.text.lower():
                return False
        if ask.mentions and not _names_exact_period(ask, s.text):
            # the report may be about the period asked, but a sentence that names another period is about that one
            from assistant.periods import scan

            if any(p.period is not None for p in scan(s.text)) or not self._doc_covers(ask, s.passage):
                return False
        # the number must stand in a sentence that is itself about the question, not only next to one
        terms = ask.terms or content_terms(ask.question)
        parts = [part for part, _, _ in sentences_with_lines([(0, s.text)])]
        for i, part in enumerate(parts):
            # "… leerlingen in het praktijkonderwijs. Dit zijn 104 leerlingen": a sentence that points back with
            # "Dit"/"Dat" is about what the sentence before it names
            about = f"{parts[i - 1]} {part}" if i and CONTINUES.match(part) else part
            if _wanted_number(ask, part) and coverage(terms, about)[0] >= 0.6:
                return True
        return False

    def _compose(self, ask: Ask, sents: list[Sentence]) -> tuple[Answer, list[str]]:
        best = sents[0].score
        chosen = [sents[0]]
        for s in sents[1:]:
            if len(chosen) >= 2 or s.score < max(MIN_SECOND, best - 0.15):
                break
            if any(s.passage.doc == c.passage.doc and s.first <= c.last and c.first <= s.last for c in chosen):
                continue
            if len({c.passage.chunk_id for c in chosen} | {s.passage.chunk_id}) > 2:
                continue
            chosen.append(s)
        chosen.sort(key=lambda s: (s.rank, s.first))
        cites: list[Citation] = []
        index: dict[str, int] = {}
        parts = []
        for s in chosen:
            text, last = s.text, s.last
            if s.next and CONTINUES.match(s.next[0]) and len(s.next[0]) < 300:
                text, last = f"{text} {s.next[0]}", s.next[2]
            key = s.passage.chunk_id
            if key not in index:
                c = s.passage.citation(quote=text, lines=[s.first, last])
                c.row_lines = list(range(s.first, last + 1))
                cites.append(c)
                index[key] = len(cites)
            else:
                c = cites[index[key] - 1]
                c.lines = [min(c.lines[0], s.first), max(c.lines[1], last)]
                c.quote = f"{c.quote} {text}"[:600]
                c.row_lines = sorted(set(c.row_lines) | set(range(s.first, last + 1)))
            parts.append(f"{text} [{index[key]}]")
        title = chosen[0].passage.title or chosen[0].passage.doc
        answer = " ".join(parts)
        context = f"Uit ‘{title}’." if best >= MIN_SURE else (
            f"Uit ‘{title}’. Dit zijn de zinnen die het best bij de vraag passen; lees de bron voor het hele verhaal.")
        ans = Answer(question=ask.question, answer=answer, route="text", citations=cites, context=context)
        return ans, [s.passage.text for s in chosen] + [c.quote for c in cites]


class TablePassageRoute:
    """A figure question without an accepted row: the best table passage, shown as header and row."""

    name = "table_passage"

    def __init__(self, kb: Knowledge) -> None:
        self.kb = kb

    def answer(self, ask: Ask, passages: list[Passage]) -> tuple[Answer, bool] | None:
        """(answer, sure): sure when the row plainly matches the question (then it is given as the answer)."""
        terms = ask.terms or content_terms(ask.question)
        best = None
        for rank, p in enumerate(passages[:6]):
            fig = self._figure_at(p)
            if fig is None:
                continue  # only a table passage: a sentence with a number is the text route's job
            a = max(p.lines[0], fig.get("line_start") or p.lines[0])
            b = min(p.lines[1], fig.get("line_end") or p.lines[1])
            rows = [{"line_no": n, "text": t} for n, t in passage_lines(p.text, self.kb.store.lines_of(p.doc, a, b))]
            header_nos = set((fig or {}).get("header_lines") or [])
            head = [r for r in rows if r["line_no"] in header_nos]
            title = (fig or {}).get("title") or p.figure or p.section.split(" > ")[-1]
            for r in rows:
                t = " ".join(r["text"].split())
                if not _NUMBER.search(_YEAR.sub("", t)) or r["line_no"] in header_nos:
                    continue
                cov, _ = coverage(terms, f"{t} {title}")
                own, _ = coverage(terms, t)
                score = cov + 0.2 * own - 0.02 * rank
                if best is None or score > best[0]:
                    best = (score, cov, p, r, head, title, fig)
        if best is None or best[1] < 0.6:
            return None
        _score, cov, p, r, head, title, fig = best
        header_text = " / ".join(" ".join(h["text"].split()) for h in head)
        row_text = " ".join(r["text"].split())
        sure = cov >= MIN_TABLE_ROW and _wanted_number(ask, row_text) and _measure_fits(ask, row_text) and (
            _names_exact_period(ask, f"{header_text} {title}") if ask.mentions else False) and not _UNKNOWN.search(row_text)
        if sure:
            # a row with fewer numbers than its header has periods left a cell empty: which one is unknown
            n_periods = sum(1 for m in scan(header_text) if m.period is not None or m.unit)
            n_values = sum(1 for x in row_text.split() if _NUMBER.fullmatch(x) and not _YEAR.fullmatch(x))
            sure = not (n_periods and n_values < n_periods)
        status = (fig or {}).get("status") or "not_read"
        if sure and status != "read" and not self.kb.store.query(
                "SELECT 1 FROM facts f JOIN documents d USING (doc_id) WHERE d.file_name = ? AND f.line = ? LIMIT 1",
                [p.doc, r["line_no"]]):
            sure = False  # a row the reader could not align (a cell left out): its numbers cannot be placed
        lead = ("In deze tabel staat de rij die bij de vraag past" if sure else
                "Ik vond geen cijfer dat zeker bij de vraag past. De tabelrij die er het dichtst bij komt")
        why = {"not_read": " (de kolommen van deze tabel kon ik niet betrouwbaar lezen)",
               "partly": " (deze tabel kon ik maar deels lezen)"}.get(status, "")
        text = f"{lead}{why}, uit ‘{title}’ [1]:\n"
        if header_text:
            text += f"{header_text}\n"
        text += row_text
        c = p.citation(quote=(header_text + " / " if header_text else "") + row_text,
                       lines=[min([r["line_no"]] + [h["line_no"] for h in head]), r["line_no"]])
        c.row_lines = [r["line_no"]]
        c.header_lines = [h["line_no"] for h in head]
        c.highlight = [x for x in row_text.split() if _NUMBER.fullmatch(x)][:8]
        ans = Answer(question=ask.question, answer=text, route="text", citations=[c], refused=not sure,
                     context="Tabelrij uit de bron.")
        return ans, sure

    def _figure_at(self, p: Passage) -> dict | None:
        for f in self.kb.figures.values():
            if f.get("file_name") == p.doc and f.get("line_start", 0) <= p.lines[1] and \
                    f.get("line_end", 0) >= p.lines[0]:
                return f
        return None


def passage_lines(text: str, rows: list[dict]) -> list[tuple[int, str]]:
    """The numbered lines of a passage. Usually the document's lines of its range; on a page printed in two
    columns the passage holds one column only (its lines are parts of the document's lines), so the passage's
    own text is numbered by the document line each part stands in."""
    orig = [(r["line_no"], r["text"]) for r in rows]
    own = [t.strip() for t in text.split("\n") if t.strip()]
    if [t.strip() for _, t in orig if t.strip()] == own or not own:
        return orig
    out: list[tuple[int, str]] = []
    j = 0
    for t in own:
        k = j
        while k < len(orig) and t not in orig[k][1]:
            k += 1
        if k == len(orig):
            continue  # a label the chunker added ("Tabel 3 (vervolg)")
        out.append((orig[k][0], t))
        j = k + 1
    return out if out else orig
