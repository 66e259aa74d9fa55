"""Text around tables: captions, titles, source notes, units/scales, footnotes and prose detection."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Figuur 3: …", "Tabel 6. …", "Tabel 4.1 Verplichte indicatoren" (a title after a number without separator
# must start with a capital, so that "Tabel 3 laat zien dat …" stays a sentence)
CAPTION_RE = re.compile(
    r"^\s*(?P<label>(?:Figuur|Tabel|Grafiek|Figure|Table)\s+\d+(?:\.\d+)*[a-z]?)"
    r"(?:\s*[:.\-–]\s*(?P<title>.*)|\s+(?P<title2>[A-ZÀ-Ý(].*))?$",
    re.IGNORECASE)
SOURCE_RE = re.compile(r"\(?\b(?P<src>[Bb]ron\s*:\s*[^)]*?)\s*\**\)?\s*$")
_BULLET = re.compile(r"^\s*(?:[•●▪■◦·*]+|-\s|–\s|\d+[.)]\s)\s*")


def is_blank(line: str) -> bool:
    return not line.strip()


def is_bullet(line: str) -> bool:
    return bool(re.match(r"^\s*(?:[•●▪■◦·]+|-\s|–\s)", line))


def strip_bullet(text: str) -> str:
    return re.sub(r"^\s*(?:[•●▪■◦·]+|[-–]\s)\s*", "", text).strip()


def is_prose(line: str) -> bool:
    """A running-text line: long, or a sentence ending, or starting lower-case mid-sentence."""
    t = line.strip()
    if not t:
        return False
    words = t.split()
    if len(words) >= 14:
        return True
    if t.endswith((".", "?", "!", "”", "’", '"')) and len(words) >= 4 and not re.search(r"\d\s*$", t[:-1]):
        return True
    return False


def join_lines(parts: list[str]) -> str:
    """Join text broken over lines, undoing hyphenation ("Onder-" + "steunings-" + "plannen")."""
    out = ""
    for p in parts:
        p = " ".join(p.split())
        if not p:
            continue
        if out.endswith("-") and p[:1].islower() and len(out) > 1 and out[-2].isalpha():
            word = re.split(r"[\s/(]", out[:-1])[-1]
            # "Onder-" + "steunings-" joins; "Wmo-" + "voorziening" keeps its hyphen (acronym-like word)
            acronym = bool(re.search(r"[A-Z]", word[1:])) or (len(word) <= 3 and word[:1].isupper())
            out = (out + p) if acronym else (out[:-1] + p)
        else:
            out = (out + " " + p).strip()
    return out


def caption_at(line: str) -> tuple[str, str] | None:
    """("Figuur 3", "aantal unieke cliënten ... (bron: Suite)") for a caption line."""
    m = CAPTION_RE.match(line)
    if not m:
        return None
    label = " ".join(m["label"].split())
    return label[0].upper() + label[1:], (m["title"] or m["title2"] or "").strip()


def split_source(text: str) -> tuple[str, str | None]:
    """Separate "(bron: GWS)" / "Bron: ..." from a caption or line; returns (rest, source note)."""
    m = re.search(r"\((?P<inner>[^()]*\b[Bb]ron\s*:[^()]*)\)", text)
    if m:
        inner = m["inner"]
        k = re.search(r"[Bb]ron\s*:", inner)
        src = inner[k.start():].strip()
        before = inner[:k.start()].strip().rstrip(",").strip()
        rest = text[:m.start()] + (f"({before})" if before else "") + text[m.end():]
        return " ".join(rest.split()), src
    m = re.search(r"\b[Bb]ron\s*:\s*(?P<s>.+)$", text)
    if m:
        return text[:m.start()].strip(), ("Bron: " + m["s"].strip().rstrip("*").strip())
    return text, None


def strip_footnote_marks(text: str, footnotes: set[int]) -> tuple[str, list[int]]:
    """Remove footnote marks glued to the end of a caption ("Samenleving 45", "(bron: GWS)8")."""
    m = re.search(r"(?<=[\w)’'”])\s?(\d{1,3})\s*$", text)
    if not m:
        return text, []
    digits = m.group(1)
    marks: list[int] | None = None
    if int(digits) in footnotes and len(digits) <= 2:
        marks = [int(digits)]
    elif all(int(d) in footnotes for d in digits) and len(set(digits)) == len(digits):
        marks = [int(d) for d in digits]  # "45" = marks 4 and 5
    if not marks:
        return text, []
    # a word glued to the digits ("halfjaar7") or a bracket before them, or a space + several digits
    glued = not text[m.start():m.end()].startswith(" ")
    if not glued and len(digits) == 1 and int(digits) not in footnotes:
        return text, []
    return text[:m.start()].rstrip(), marks


@dataclass
class Footnote:
    number: int
    text: str
    line: int


def find_footnotes(lines: list[str]) -> dict[int, Footnote]:
    """Footnote bodies: "4\\t In 2017 zijn ...", "1) We merken ...", "³ De evaluatie ..."."""
    sup = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
    out: dict[int, Footnote] = {}
    for i, line in enumerate(lines, start=1):
        t = line.translate(sup)
        m = re.match(r"^\s*(\d{1,2})(?:\)|\s*\t|\s{2,}|\s(?=[A-Z]))\s*(?P<body>\S.*)$", t)
        if not m:
            continue
        body = m["body"].strip()
        if len(body.split()) < 3 or not body[0].isupper():
            continue
        n = int(m.group(1))
        if n not in out:
            # continuation lines (indented with a tab) belong to the same footnote
            parts = [body]
            for nxt in lines[i:i + 4]:
                if nxt.startswith("\t") and nxt.strip():
                    parts.append(nxt.strip())
                else:
                    break
            out[n] = Footnote(n, join_lines(parts), i)
    return out


_UNIT_PATTERNS = [
    (re.compile(r"(?:bedragen\s*)?(?:x|×)\s*€\s*1\.?000\.?000\b|(?:bedragen\s*)?(?:x|×)\s*€\s*1\s+miljoen\b"
                r"|(?:bedragen\s+)?(?:in|x)\s+(?:€\s*)?miljoen(?:en)?(?:\s+euro'?s?)?", re.IGNORECASE),
     "€ x 1000000", 1_000_000.0),
    (re.compile(r"(?:bedragen\s*)?(?:x|×)\s*€\s*1\.?000\b|(?:bedragen\s*)?(?:in|x)\s*duizend(?:en)?\s*euro",
                re.IGNORECASE), "€ x 1000", 1000.0),
    (re.compile(r"\(\s*in\s+euro'?s?\s*\)|\(\s*€\s*\)|bedragen\s+in\s+(?:euro|€)", re.IGNORECASE), "€", 1.0),
    (re.compile(r"\(\s*%\s*\)|,\s*%\s*$|\bin\s+procenten\b|\(\s*(?:percentage|procent)\s+(?:van\s+(?:de\s+|alle\s+)?)?"
                r"(?:inwoners|huishoudens|jongeren|volwassenen|ouderen)\b[^()]*\)", re.IGNORECASE), "%", 1.0),
]


def find_unit(text: str) -> tuple[str | None, float, str]:
    """(unit, scale, text without the unit phrase) for "bedragen x €1000", "(in euro's)", "(%)"."""
    for rx, unit, scale in _UNIT_PATTERNS:
        m = rx.search(text)
        if m:
            rest = " ".join((text[:m.start()] + " " + text[m.end():]).split()).strip(" ,")
            rest = re.sub(r"\(\s*\)", "", rest).strip(" ,:")  # "Lasten (bedragen x € 1.000)" -> "Lasten"
            return unit, scale, rest
    return None, 1.0, text


_NAVIGATION = re.compile(r"^\s*(?:terug\s+naar\s+(?:navigatie|boven|het\s+overzicht|overzicht|de\s+inhoud|inhoud|menu|top)"
                         r"|naar\s+boven|back\s+to\s+top)\s*[-–:|>]?\s*", re.IGNORECASE)


def strip_navigation(title: str | None) -> str | None:
    """"Terug naar navigatie - Beleidsindicatoren Beleidsindicatoren" (a web page's link before its heading, saved
    as text) -> "Beleidsindicatoren"."""
    if not title:
        return title
    t = _NAVIGATION.sub("", title).strip()
    words = t.split()
    half = len(words) // 2
    if len(words) % 2 == 0 and half and words[:half] == words[half:]:
        t = " ".join(words[:half])  # the link's text and the heading it points to
    return t or title


_UNIT_NOTE = re.compile(r"^\(?\s*(?:eenheid|(?:alle\s+)?bedragen|bedrag)\b\s*(?::|x|×|in)\s*", re.I)


def is_unit_note(text: str) -> bool:
    """A line that only gives a unit ("Bedragen x € 1.000", "Eenheid: per 1.000 inwoners"): no title, no heading."""
    t = text.strip()
    if _UNIT_NOTE.match(t):
        return True
    unit, _, rest = find_unit(t)
    return unit is not None and rest.lower() in ("", "alle")


def title_above(lines: list[str], first: int, max_up: int = 4) -> tuple[str | None, int | None]:
    """A short title line just above line `first` (1-based), skipping blank lines; (title, line)."""
    cands: list[tuple[str, int]] = []
    i = first - 1
    seen = 0
    while i >= 1 and seen < max_up:
        t = lines[i - 1].strip()
        i -= 1
        if not t:
            continue
        seen += 1
        if is_prose(t) or caption_at(t) or t.lower().startswith(("bron:", "toelichting")):
            break
        if len(t.split()) > 16:
            break
        if is_unit_note(t):
            continue  # "Eenheid: aantal personen op 31 december" under a title is the unit, not the title
        cands.append((t, i + 1))
        if len(cands) >= 2:
            break
    if not cands:
        return None, None
    title, ln = cands[0]
    # a navigation line that ends with a heading found just above it: keep the heading itself
    for t, n in cands[1:]:
        if title.endswith(t) and title != t:
            return t, n
    return title, ln


def source_below(lines: list[str], last: int, max_down: int = 6) -> tuple[str | None, int | None]:
    """The "Bron: ..." note within a few lines after a table (or inside its Toelichting line)."""
    i = last + 1
    seen = 0
    while i <= len(lines) and seen < max_down:
        t = lines[i - 1].strip()
        i += 1
        if not t:
            continue
        seen += 1
        if caption_at(t):
            break
        m = re.search(r"\b[Bb]ron\s*:\s*(?P<s>.*)$", t)
        if m:
            s = m["s"].strip().rstrip("*").strip()
            if not s and i <= len(lines):  # "Bron:" with the name on the next line
                s = lines[i - 1].strip()
            if s:
                return "Bron: " + s, i - 1
    return None, None
