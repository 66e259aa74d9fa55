"""Split a loaded document into retrieval chunks with exact line provenance.

The chunker follows the document: it finds tables (with their captions), big pull quotes and
section headings first, then packs the remaining prose paragraphs into chunks of roughly
100-200 words that never cross a heading. Every non-blank line ends up in exactly one chunk and
a chunk's text is exactly the non-blank lines of its range (trailing whitespace stripped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.extract.blocks import is_unit_note
from assistant.records import Chunk, LoadedDocument

# Prose chunk sizing (words). A chunk is flushed once it holds FLUSH_AT words; a paragraph is
# started in a fresh chunk when it would push the current one past MAX_WORDS.
FLUSH_AT = 150
MAX_WORDS = 220
MIN_WORDS_BEFORE_SPLIT = 50
TINY_WORDS = 25
INTRO_WORDS = 60
LONG_PARAGRAPH = 260

CAPTION_RE = re.compile(r"^\s*\*?(Figuur|Tabel|Grafiek|Figure|Table)\s+(\d+[a-z]?)\s*[:.\-–]", re.I)
SOURCE_NOTE_RE = re.compile(r"^\s*\*{0,2}\s*(Toelichting|Bron|Noot|Opmerking)\b\s*:?", re.I)
MD_HEADING_RE = re.compile(r"^\s{0,3}(#{1,6})\s+(\S.*?)\s*#*\s*$")
BULLET_RE = re.compile(r"^\s*([•●▪■◦‣∙·\-–—*]+|\d{1,2}[.)])\s")
NUMERIC_TOKEN_RE = re.compile(
    r"^\(?[-+]?[€$]?\s?\d[\d.,]*\s?%?\)?\d?$|^\(?(-|–|nnb|n\.n\.b\.|n\.b\.?\d?|n\.v\.t\.|nvt|geheim)\)?$", re.I
)
REAL_NUMBER_RE = re.compile(r"\d")
QUOTE_CHARS = "“”\"'‘’„«»"
SENTENCE_END_RE = re.compile(r"[.!?][”’\"')\]]*\d?\s*$")
_TRAILING_FUNCTION_WORDS = frozenset(
    "de het een van op in met voor en te om aan bij naar dat die door of als wordt worden is zijn "
    "was waren heeft hebben wij we ze zij ook maar dan uit tot over onder tussen hun haar zich".split()
)
_PRONOUNS = frozenset("we wij ik zij ze hij u jij en maar want dus omdat".split())
# "Portefeuillehouders: wethouder …", "Peildatum: 1 juli": a field of the page, not a heading ("Uitgelicht: …" is)
_META_LINE = re.compile(r"^(?:portefeuillehouders?|wethouders?|bron|bronnen|datum|auteurs?|status|contactpersoon"
                        r"|peildatum|eenheid|kenmerk|onderwerp|aan|van|cc|bijlagen?|zaaknummer|blad)\s*:\s+\S", re.I)
LEAF_HEADING_RE = re.compile(r"^(Uitgelicht\b|Conclusie\b|Kader\b)", re.I)


@dataclass
class TableSpan:
    """A table as the table reader found it: 1-based inclusive lines, its label, the lines rows start on."""

    start: int
    end: int
    label: str = ""
    row_starts: list[int] = field(default_factory=list)


@dataclass
class _Span:
    """A block kept whole: a table with its caption, or a pull quote."""

    start: int  # 0-based, inclusive
    end: int
    kind: str  # table | quote
    figure: str = ""


@dataclass
class _Heading:
    line: int  # 0-based first line
    end: int  # 0-based last line (caps headings may wrap)
    text: str
    level: int
    duplicate: bool = False


@dataclass
class _Open:
    lines: list[int] = field(default_factory=list)
    words: int = 0


def _words(s: str) -> int:
    return len(s.split())


def _is_blank(s: str) -> bool:
    return not s.strip()


def _numeric_tokens(s: str) -> tuple[int, int, int]:
    """(numeric-ish tokens, real numbers, all tokens) of a line."""
    toks = s.split()
    num = sum(1 for t in toks if NUMERIC_TOKEN_RE.match(t.strip(",;")))
    real = sum(1 for t in toks if NUMERIC_TOKEN_RE.match(t.strip(",;")) and REAL_NUMBER_RE.search(t))
    return num, real, len(toks)


def _letters(s: str) -> str:
    return "".join(ch for ch in s if ch.isalpha())


def _is_caps_line(s: str) -> bool:
    """An all-capitals line of words (a heading or a pull quote), not a table row."""
    st = s.strip()
    if not st or "\t" in st or CAPTION_RE.match(st) or BULLET_RE.match(st):
        return False
    if st[0] in "➤►▶→>" or "](" in st:
        return False  # a navigation link, not a heading
    letters = _letters(st)
    if len(letters) < 3 or not letters.isupper():
        return False
    toks = st.split()
    # real words, not a row of codes like "H1 H2 H1"
    wordy = sum(1 for t in toks if len(_letters(t)) >= 3)
    codes = sum(1 for t in toks if any(ch.isdigit() for ch in t))
    return wordy >= 1 and codes * 2 <= len(toks)


def _norm(s: str) -> str:
    return re.sub(r"[^0-9a-zà-ÿ]+", "", s.lower())


def _sentence_case(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return s[:1].upper() + s[1:].lower() if s else s


def _clean_heading(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().strip("*").strip()


class _Chunker:
    def __init__(self, doc: LoadedDocument, doc_id: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.lines = doc.lines
        self.n = len(self.lines)
        self.claimed: list[_Span | None] = [None] * self.n

    # ----------------------------------------------------------------- spans
    def _claim(self, span: _Span) -> None:
        for i in range(span.start, span.end + 1):
            self.claimed[i] = span

    def _free(self, i: int) -> bool:
        return 0 <= i < self.n and self.claimed[i] is None

    def _claim_tables(self, tables: list[TableSpan]) -> None:
        """Claim the tables the table reader found; a big table is split at its row starts so that a chunk
        stays small enough to embed, each part keeping the table's label."""
        for t in tables:
            start, end = t.start - 1, t.end - 1
            if start < 0 or end >= self.n or start > end:
                continue
            if not all(self._free(i) for i in range(start, end + 1)):
                free = [i for i in range(start, end + 1) if self._free(i)]
                if not free:
                    continue
                start, end = free[0], free[-1]
            cuts = self._row_cuts(start, end, [r - 1 for r in t.row_starts])
            for k, (a, b) in enumerate(cuts):
                figure = t.label if k == 0 else f"{t.label} (vervolg)"
                self._claim(_Span(a, b, "table", figure[:120]))

    def _row_cuts(self, start: int, end: int, rows: list[int]) -> list[tuple[int, int]]:
        words = sum(_words(self.lines[i]) for i in range(start, end + 1))
        rows = sorted(r for r in rows if start < r <= end)
        if words <= MAX_WORDS or not rows:
            return [(start, end)]
        out: list[tuple[int, int]] = []
        a = start
        count = 0
        prev = start
        for r in rows + [end + 1]:
            piece = sum(_words(self.lines[i]) for i in range(prev, r))
            if count and count + piece > FLUSH_AT:
                out.append((a, prev - 1))
                a, count = prev, 0
            count += piece
            prev = r
        out.append((a, end))
        return [(x, y) for x, y in out if x <= y]

    def _find_quotes(self) -> None:
        """Runs of capitals lines: a pull quote when long (3+ lines, or opens with a quote mark)."""
        i = 0
        while i < self.n:
            if not (self._free(i) and _is_caps_line(self.lines[i])):
                i += 1
                continue
            run = [i]
            j = i + 1
            while j < self.n:
                if self._free(j) and _is_caps_line(self.lines[j]) and not self.lines[j][:1].isspace():
                    run.append(j)
                    j += 1
                elif (
                    _is_blank(self.lines[j])
                    and j + 1 < self.n
                    and self._free(j + 1)
                    and _is_caps_line(self.lines[j + 1])
                    and not self.lines[j + 1][:1].isspace()
                    and not _is_blank(self.lines[j - 1])
                ):
                    j += 1
                else:
                    break
            text = " ".join(self.lines[k].strip() for k in run)
            first = self.lines[run[0]].strip()
            if first[:1] in QUOTE_CHARS or len(run) >= 3 or _words(text) > 12:
                self._claim(_Span(run[0], run[-1], "quote"))
            i = run[-1] + 1

    # -------------------------------------------------------------- headings
    def _find_headings(self) -> dict[int, _Heading]:
        heads: dict[int, _Heading] = {}
        lines = self.lines
        # capitals and markdown headings first; they do not depend on context
        i = 0
        while i < self.n:
            s = lines[i]
            if not self._free(i) or _is_blank(s):
                i += 1
                continue
            md = MD_HEADING_RE.match(s)
            if md:
                heads[i] = _Heading(i, i, _clean_heading(md.group(2)), len(md.group(1)))
            elif _is_caps_line(s):
                end = i
                if (
                    i + 1 < self.n
                    and self._free(i + 1)
                    and _is_caps_line(lines[i + 1])
                    and not lines[i + 1][:1].isspace()
                ):
                    end = i + 1
                text = " ".join(lines[k].strip() for k in range(i, end + 1))
                heads[i] = _Heading(i, end, _sentence_case(text), 1)
                i = end + 1
                continue
            i += 1
        # short capitalised lines introducing prose, decided bottom-up ("followed by a heading")
        for i in range(self.n - 1, -1, -1):
            if i in heads or not self._free(i) or _is_blank(lines[i]):
                continue
            if self._plain_heading(i, heads):
                # "4 Programma …" over "4.4 Wat heeft het gekost?": a numbered heading nests by its number
                num = re.match(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+[A-Z]", lines[i])
                level = min(num.group(1).count(".") + 1, 4) if num else 2
                heads[i] = _Heading(i, i, _clean_heading(lines[i]), level)
        return heads

    def _next_nonblank(self, i: int) -> int | None:
        j = i + 1
        while j < self.n and _is_blank(self.lines[j]):
            j += 1
        return j if j < self.n else None

    def _prev_nonblank(self, i: int) -> int | None:
        j = i - 1
        while j >= 0 and _is_blank(self.lines[j]):
            j -= 1
        return j if j >= 0 else None

    def _heading_shape(self, i: int) -> bool:
        """A short capitalised line without final punctuation (context not considered)."""
        raw = self.lines[i]
        s = raw.strip()
        if not (2 <= len(s) <= 80) or _words(s) > 10 or "\t" in raw:
            return False
        body = re.sub(r"^\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+(?=[A-Z])", "", s)  # "4.4  Wat heeft het gekost?"
        if not body[:1].isupper() or s[-1] in ".,;:!-–" or s.endswith("..."):
            return False
        if CAPTION_RE.match(s) or SOURCE_NOTE_RE.match(s) or BULLET_RE.match(s) or s[0] in QUOTE_CHARS:
            return False
        if "|" in s or re.match(r"^Snel naar\b", s, re.I) or is_unit_note(s) or _META_LINE.match(s):
            return False  # navigation, or a table's unit note ("Bedragen x € 1.000")
        num, _, _ = _numeric_tokens(s)
        if num > 1:
            return False
        if s.count(",") >= 2 or re.search(r"[.!?]\s+\S", s):
            return False  # more than one clause: prose
        words = s.lower().split()
        if words[-1] in _TRAILING_FUNCTION_WORDS or words[0] in _PRONOUNS:
            return False  # a wrapped prose line ("... wordt een"), or a sentence ("We tellen")
        return True

    def _plain_heading(self, i: int, heads: dict[int, _Heading]) -> bool:
        if not self._heading_shape(i):
            return False
        raw = self.lines[i]
        if i > 0 and re.match(r"^\s*(Bron|Toelichting)\s*:\s*$", self.lines[i - 1], re.I):
            return False  # the text of a "Bron:" note on the next line
        # the line must start a block: preceded by a blank, a heading, a span or a finished sentence
        p = i - 1
        if p >= 0 and not _is_blank(self.lines[p]):
            prev = self.lines[p].strip()
            ok = (
                p in heads
                or (self._free(p) and self._heading_shape(p))
                or any(h.end == p for h in heads.values() if h.line <= p)
                or not self._free(p)
                or SENTENCE_END_RE.search(prev)
                or prev.endswith((":", "●", "”"))
                or raw.startswith(" ") and not raw.startswith("  ")
                or re.match(r"^\d{1,2}$", prev)  # a chapter or page number
            )
            if not ok:
                return False
        # ... and it must introduce prose, a table or another heading
        n = self._next_nonblank(i)
        if n is None:
            return False
        nxt = self.lines[n].strip()
        if n in heads:
            return True
        if not self._free(n):
            span = self.claimed[n]
            return span is not None and span.kind == "table" and span.start == n
        if nxt[:1].islower():
            return False
        if CAPTION_RE.match(nxt) or SOURCE_NOTE_RE.match(nxt):
            return False
        return self._prose_start(n)

    def _prose_start(self, n: int) -> bool:
        """Does line n open a paragraph of running text?"""
        nxt = self.lines[n].strip()
        w = _words(nxt)
        if BULLET_RE.match(nxt) or nxt[:1] in "●•":
            return w >= 5
        if w >= 10 or (w >= 6 and SENTENCE_END_RE.search(nxt)):
            return True
        follow = self.lines[n + 1].strip() if n + 1 < self.n else ""
        return w >= 6 and (follow[:1].islower() or _words(follow) >= 5)

    # ---------------------------------------------------------------- levels
    def _assign_levels(self, heads: dict[int, _Heading]) -> None:
        order = sorted(heads)
        prev: _Heading | None = None
        prev_group = False
        for i in order:
            h = heads[i]
            if prev is not None and h.line - prev.end <= 8 and self._same_heading(prev.text, h.text):
                h.duplicate = True
                continue
            if h.level == 2:
                nxt_i = self._next_nonblank(h.end)
                followed_by_heading = nxt_i is not None and nxt_i in heads
                if h.text.endswith("?") or LEAF_HEADING_RE.match(h.text):
                    h.level = 4
                elif prev_group and prev is not None and self._next_nonblank(prev.end) == h.line:
                    h.level = 3
                else:
                    h.level = 2  # a new topic; a group heading when another heading follows
                prev_group = followed_by_heading and h.level == 2
            else:
                prev_group = False
            prev = h

    @staticmethod
    def _same_heading(a: str, b: str) -> bool:
        na, nb = _norm(a), _norm(b)
        if len(na) < 4 or len(nb) < 4:
            return na == nb
        return na in nb or nb in na

    # ----------------------------------------------------------------- build
    def run(self, tables: list[TableSpan]) -> list[Chunk]:
        self._claim_tables(tables)
        self._find_quotes()
        heads = self._find_headings()
        self._assign_levels(heads)
        return self._build(heads)

    def _build(self, heads: dict[int, _Heading]) -> list[Chunk]:
        chunks: list[Chunk] = []
        path: list[tuple[int, str]] = []
        pending: list[int] = []  # heading lines waiting for the chunk they introduce
        cur = _Open()
        section_id = 0
        last_section_of_chunk: list[int] = []

        def section() -> str:
            return " > ".join(t for _, t in path)

        def emit(lines: list[int], kind: str, figure: str = "") -> None:
            nonlocal pending
            all_lines = sorted(pending + lines)
            pending = []
            chunks.append(self._make_chunk(len(chunks), all_lines, section(), figure, kind))
            last_section_of_chunk.append(section_id)

        def flush() -> None:
            nonlocal cur
            if not cur.lines:
                return
            kind = "list" if self._mostly_bullets(cur.lines) else "prose"
            # a tiny tail joins the chunk before it when both sit in the same section
            if (
                (cur.words < TINY_WORDS and chunks and chunks[-1].kind in ("prose", "list") or cur.words <= 3)
                and not pending
                and chunks
                and last_section_of_chunk[-1] == section_id
                and self._contiguous(chunks[-1].line_end, cur.lines[0])
                and _words(chunks[-1].text) + cur.words <= MAX_WORDS + 40
            ):
                prev = chunks.pop()
                last_section_of_chunk.pop()
                merged = list(range(prev.line_start - 1, prev.line_end)) + cur.lines
                merged = [k for k in merged if not _is_blank(self.lines[k])]
                chunks.append(self._make_chunk(len(chunks), merged, prev.section, prev.figure, prev.kind))
                last_section_of_chunk.append(section_id)
            else:
                emit(cur.lines, kind)
            cur = _Open()

        i = 0
        paragraph_words = self._paragraph_words()
        while i < self.n:
            s = self.lines[i]
            if _is_blank(s):
                if cur.words >= FLUSH_AT:
                    flush()
                i += 1
                continue
            span = self.claimed[i]
            if span is not None:
                # a short introduction ("In de onderstaande figuur ...") stays with its table
                if span.kind == "table" and cur.lines and cur.words < INTRO_WORDS:
                    pending.extend(cur.lines)
                    cur = _Open()
                flush()
                emit(list(range(span.start, span.end + 1)), span.kind, span.figure)
                i = span.end + 1
                continue
            if i in heads:
                h = heads[i]
                flush()
                if not h.duplicate:
                    section_id += 1
                    while path and path[-1][0] >= h.level:
                        path.pop()
                    path.append((h.level, h.text))
                pending.extend(range(h.line, h.end + 1))
                i = h.end + 1
                continue
            # prose line; at a paragraph start decide whether it still fits the open chunk
            if (i == 0 or _is_blank(self.lines[i - 1]) or i - 1 in heads) and cur.lines:
                pw = paragraph_words.get(i, 0)
                if cur.words + pw > MAX_WORDS and cur.words >= MIN_WORDS_BEFORE_SPLIT:
                    flush()
            cur.lines.append(i)
            cur.words += _words(s)
            # a very long paragraph is cut after a finished sentence
            if cur.words >= LONG_PARAGRAPH and SENTENCE_END_RE.search(s):
                flush()
            i += 1
        flush()
        if pending:
            if chunks and self._contiguous(chunks[-1].line_end, pending[0]):
                prev = chunks.pop()
                merged = [k for k in range(prev.line_start - 1, prev.line_end) if not _is_blank(self.lines[k])]
                chunks.append(self._make_chunk(len(chunks), merged + pending, prev.section, prev.figure, prev.kind))
            else:
                emit([], "prose")
        return chunks

    def _contiguous(self, line_end_1based: int, next_idx: int) -> bool:
        """True when only blank lines lie between a chunk's end and line index next_idx."""
        return all(_is_blank(self.lines[k]) for k in range(line_end_1based, next_idx))

    def _paragraph_words(self) -> dict[int, int]:
        """Word count of each paragraph (blank-separated run of free lines), keyed by first line."""
        out: dict[int, int] = {}
        i = 0
        while i < self.n:
            if _is_blank(self.lines[i]) or not self._free(i):
                i += 1
                continue
            j = i
            w = 0
            while j < self.n and not _is_blank(self.lines[j]) and self._free(j):
                w += _words(self.lines[j])
                j += 1
            out[i] = w
            i = j
        return out

    def _mostly_bullets(self, idx: list[int]) -> bool:
        bullets = sum(1 for k in idx if BULLET_RE.match(self.lines[k]))
        return bullets >= 2 and bullets * 2 >= len(idx)

    def _make_chunk(self, seq: int, idx: list[int], section: str, figure: str, kind: str) -> Chunk:
        idx = sorted(k for k in idx if not _is_blank(self.lines[k]))
        text = "\n".join(self.lines[k].rstrip() for k in idx)
        start, end = idx[0] + 1, idx[-1] + 1
        return Chunk(
            doc_id=self.doc_id,
            seq=seq,
            file_name=self.doc.file_name,
            line_start=start,
            line_end=end,
            text=text,
            page=self.doc.page_of(start),
            section=section,
            figure=figure,
            kind=kind,
        )


def chunk_document(doc: LoadedDocument, doc_id: str, tables: list[TableSpan] | None = None) -> list[Chunk]:
    """Chunks covering every non-blank line of `doc` exactly once, in document order.

    `tables` are the tables the table reader found (assistant.extract): each one is kept whole in a chunk
    of its own (split at row starts when it is big), so chunker and extractor never disagree on a table.
    """
    if not any(not _is_blank(s) for s in doc.lines):
        return []
    return _Chunker(doc, doc_id).run(tables or [])
