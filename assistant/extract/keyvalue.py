"""Key-value blocks: the same short schema repeated for several items ("Doelgroep …", "Plan …", "Inzet …").

Policy booklets and programme pages describe each item (a beleidsaccent, a project, a doel) with the same
fields: a capitalised key at the start of a line and its value after it. A schema counts when at least two
blocks in the document use the same keys in the same order. Each block becomes a small table of its own
(label: the heading above the block); a value that holds an amount or a count becomes a fact with the
key as its column and the whole value text as its raw cell ("Zwaar (€ 275.000)"), so words in the value
stay searchable next to the number.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from assistant.extract.blocks import is_prose
from assistant.numbers import parse_dutch_number

_FIELD = re.compile(r"^\s*(?P<key>[A-Z][a-zà-ÿ]{2,20}(?: [a-zà-ÿ]{2,12})?)\s*:?\s+(?P<value>\S.{0,140})$")
# question words start headings ("Wanneer zijn / we tevreden?"), not fields
_NOT_KEYS = frozenset({"Wanneer", "Hoe", "Wat", "Waarom", "Welke", "Wie", "Waar", "Hoeveel", "In", "De", "Het",
                       "Een", "We", "Wij", "Dit", "Dat", "Deze", "Er", "Ook", "Om", "Voor", "Met", "Op", "Bij",
                       # captions, unit notes and page furniture are no fields ("Tabel 1 …", "Bedragen x € 1.000")
                       "Tabel", "Figuur", "Grafiek", "Bijlage", "Bron", "Bronnen", "Bedragen", "Pagina", "Noot"})
_AMOUNT = re.compile(r"€\s*(?P<n>\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:\s*(?P<mult>miljoen|mln|duizend))?")
_MULT = {"miljoen": 1e6, "mln": 1e6, "duizend": 1e3}


@dataclass
class Block:
    name: str
    name_line: int  # 1-based
    fields: list[tuple[str, str, int]]  # (key, value, 1-based line)

    @property
    def start(self) -> int:
        """The first field line: the heading above (the block's name) stays a heading of the text."""
        return min(ln for _, _, ln in self.fields)

    @property
    def end(self) -> int:
        return max(ln for _, _, ln in self.fields)


def _caps(text: str) -> bool:
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", text)
    return len(letters) >= 3 and letters.isupper()


_FUNCTION_WORDS = frozenset("door van en met voor in op de het een aan naar bij over tot om als of te".split())


def _open_end(text: str) -> bool:
    """A heading line that cannot end there ("VOORKOMEN ZORGMIJDING DOOR"): the next line continues it."""
    words = text.strip().lower().split()
    return bool(words) and (words[-1] in _FUNCTION_WORDS or words[-1].endswith("-"))


def _heading_name(text: str) -> str:
    t = " ".join(text.split())
    t = re.sub(r"^(accent|thema|project|doel)\s+\d+[.:]?\s+", "", t, flags=re.I)
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", t)
    if letters.isupper() and len(letters) >= 4:
        t = t.lower()
        t = t[:1].upper() + t[1:]
    return t


def _field(raw: str) -> tuple[str, str] | None:
    t = raw.strip()
    m = _FIELD.match(raw)
    if m and m["key"].split()[0] not in _NOT_KEYS and not is_prose(t) and len(t.split()) <= 16:
        return m["key"], m["value"].strip()
    return None


def _candidates(lines: list[str]) -> list[list[tuple[str, str, int]]]:
    """Runs of fields (blank lines between them allowed, nothing else). A field is "Key value" on one
    line (the value may continue on the next lines), or a key that other blocks use, alone on its line,
    with its value in the lines below it."""
    inline = Counter(f[0] for raw in lines if (f := _field(raw)))
    known = {k for k, n in inline.items() if n >= 2}
    runs: list[list[tuple[str, str, int]]] = []
    cur: list[tuple[str, str, int]] = []
    gap = 0
    i = 0
    while i < len(lines):
        t = lines[i].strip()
        if not t:
            gap += 1
            if gap > 2 and cur:
                runs.append(cur)
                cur = []
            i += 1
            continue
        f = _field(lines[i])
        if f and not (cur and gap == 0 and f[0] not in known and inline[f[0]] < 2):
            cur.append((f[0], f[1], i + 1))
            gap = 0
            i += 1
            continue
        if t.rstrip(":") in known:
            # "Doelgroep" alone, its value in the next lines (after at most one blank line)
            j = i + 1
            if j < len(lines) and not lines[j].strip():
                j += 1
            parts = []
            while j < len(lines) and lines[j].strip() and len(parts) < 6:
                nf = _field(lines[j])
                if nf and nf[0] in known:
                    break
                parts.append(lines[j].strip())
                j += 1
            if parts:
                cur.append((t.rstrip(":"), " ".join(parts), i + 1))
                gap = 0
                i = j
                continue
        if cur and gap == 0 and len(t.split()) <= 12 and not is_prose(t):
            k, v, ln = cur[-1]
            cur[-1] = (k, f"{v} {t}", ln)  # the value continues on the next line
            i += 1
            continue
        if cur:
            runs.append(cur)
            cur = []
        gap = 0
        i += 1
    if cur:
        runs.append(cur)
    # only keys that recur make a schema; a capitalised word inside a value is not a key
    runs = [[f for f in r if f[0] in known or inline[f[0]] >= 2] for r in runs]
    return [r for r in runs if len(r) >= 2]


def find_blocks(lines: list[str]) -> list[Block]:
    runs = _candidates(lines)
    signatures = Counter(tuple(k for k, _, _ in r) for r in runs)
    out: list[Block] = []
    for r in runs:
        sig = tuple(k for k, _, _ in r)
        if signatures[sig] < 2 or len(set(sig)) < 2:
            continue
        first = r[0][2]
        name, name_line = "", first
        for j in range(first - 2, max(-1, first - 5), -1):
            t = lines[j].strip()
            if t:
                if len(t.split()) <= 10 and not is_prose(t):
                    name, name_line = t, j + 1
                    # a heading in capitals broken over two lines
                    k = j - 1
                    if k >= 0 and _caps(t) and _caps(lines[k]) and len(lines[k].split()) <= 8 and \
                            _open_end(lines[k]):
                        name, name_line = f"{lines[k].strip()} {t}", k + 1
                    name = _heading_name(name)
                break
        if not name:
            name = r[0][1]
        out.append(Block(name, name_line, list(r)))
    return out


def amount_in(value: str) -> float | None:
    """The euro amount in a field value ("Zwaar (€ 275.000)" -> 275000)."""
    m = _AMOUNT.search(value)
    if not m:
        return None
    v = parse_dutch_number(m["n"])
    if v is None:
        return None
    return v * _MULT.get((m["mult"] or "").lower(), 1.0)
