"""Row paths: group headings and sub-total groups above the rows of a table, for every table family.

A heading row (a label without values) opens a group; consecutive headings nest. A heading after data
rows replaces the group at its own level: it is a sibling of the first heading when it has the same
shape (numbered "2." after "1.", capitals after capitals, a trailing colon after a trailing colon) or
names one of the decentralised domains (Jeugd, Wmo, Werk en inkomen: the domain thesaurus), otherwise
of the deepest one. A numbered row with values ("1. Jeugd 117 204 …") or "…, waarvan:"
opens a sub-total group whose children are the rows that add up to it (decided on the majority of
columns, as reports do not always add up everywhere). Bullet rows under a heading belong to it only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.extract.blocks import is_bullet, strip_bullet
from assistant.extract.cells import Cell
from assistant.thesaurus import domain_of

_ENUM = re.compile(r"^\s*(\d{1,2})[.)]\s+(?=\S)")
_TOTAL = re.compile(r"^(eind|sub|generaal\s)?totaal\b|^total\b", re.IGNORECASE)
_BBV_NO = re.compile(r"\s*\((?:\d{1,3}[a-z]?|bbv\s*\d{1,3})\)\s*\*?$", re.IGNORECASE)
_NATIONAL_IN_LABEL = re.compile(r"\s*\((?:landelijk|nederland|nl)[:\s]+(?P<v>-?\d[\d.,]*\s?%?)\)", re.IGNORECASE)


@dataclass
class RowItem:
    """One row as read from a table, before row paths are assigned."""

    label: str  # as printed (row numbers and codes already split off)
    cells: list[Cell] = field(default_factory=list)  # value cells, one per value column
    lines: list[int] = field(default_factory=list)  # 1-based line of each cell
    line: int = 0  # 1-based line of the label
    heading: bool = False  # a label without values: a group heading
    texts: dict[int, str] = field(default_factory=dict)  # text cells by column index (Eenheid, Periode, Bron)
    period_text: str = ""  # the row's own "Periode" cell ("1e helft 2023")
    unit_text: str = ""  # the row's own "Eenheid" cell ("per 10.000 inwoners")
    place_text: str = ""  # the row's own "Gemeente"/"Regio" cell (long-format exports: one row per place)
    units: list[str | None] = field(default_factory=list)  # a unit word printed after a value
    national: Cell | None = None  # "(landelijk 9,1)" inside the label
    national_line: int = 0
    positions: list[int] = field(default_factory=list)  # grid tables: the column index of each cell
    bracket_lines: dict[int, int] = field(default_factory=dict)  # cell index -> line of its bracketed share


def clean_label(label: str, footnotes: set[int]) -> tuple[str, bool, bool]:
    """(label, is_bullet, is_enumerated): strips bullets, "1. " numbering, BBV numbers "(29)" and glued
    footnote marks ("Jeugdwet2" when footnote 2 exists)."""
    bullet = is_bullet(label)
    text = strip_bullet(label) if bullet else label.strip()
    enum = bool(_ENUM.match(text))
    if enum:
        text = _ENUM.sub("", text)
    text = _BBV_NO.sub("", text)
    m = re.search(r"(?<=[a-zà-ÿ)])(\d{1,2})\*?$", text)
    if m and int(m.group(1)) in footnotes:
        text = text[: m.start()]
    text = text.rstrip("*").strip()
    if len(text.split()) <= 2 and not re.search(r"waarvan", text, re.I):
        text = re.sub(r"(?<=\w)\s*:$", "", text)  # "Lasten:" heading its rows is the group "Lasten"
    return " ".join(text.split()), bullet, enum


def _closes(label: str, group: str) -> bool:
    """A total row that names its group ("Totaal lasten" under "Lasten")."""
    m = _TOTAL.match(label)
    return bool(m) and label[m.end():].strip(" :").lower() == group.strip(" :").lower()


def national_in_label(label: str) -> tuple[str, str | None]:
    """("Kinderen in uitkeringsgezin", "9,1") for "Kinderen in uitkeringsgezin (landelijk 9,1)"."""
    m = _NATIONAL_IN_LABEL.search(label)
    if not m:
        return label, None
    return (label[:m.start()] + label[m.end():]).strip(), m["v"].strip()


def _shape(text: str) -> tuple[bool, bool, bool]:
    letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", text)
    return bool(_ENUM.match(text)), len(letters) >= 3 and letters.isupper(), text.rstrip().endswith(":")


def _majority(flags) -> bool:
    fl = list(flags)
    return sum(fl) * 2 > len(fl)


@dataclass
class PathedRow:
    item: RowItem
    label: str
    path: list[str]


_PART_OF = re.compile(r"^(?:[-–]\s*)?(?:waarvan|waaronder|w\.v\.|w\.o\.)\s+\S", re.IGNORECASE)


def assign_paths(items: list[RowItem], footnotes: set[int]) -> list[PathedRow]:
    """Row paths for the data rows of one table (headings themselves are not returned)."""
    out: list[PathedRow] = []
    groups: list[tuple[str, tuple[bool, bool, bool]]] = []
    bullet_parent = False
    fresh_heading = False
    heading_run = 0
    sum_group: dict | None = None
    for it in items:
        label, bullet, enum = clean_label(it.label, footnotes)
        if not label:
            continue
        if it.heading:
            heading_run += 1
            if bullet_parent:
                groups.pop()
                bullet_parent = False
            sum_group = None
            shape = _shape(it.label)
            if fresh_heading or heading_run > 1:
                groups.append((label, shape))
            elif groups and ((shape == groups[0][1] and any(shape)) or domain_of(label)):
                groups[:] = [(label, shape)]  # a sibling of the top heading, or a domain (Jeugd, Wmo, …)
            elif groups:
                groups[-1] = (label, shape)
            else:
                groups.append((label, shape))
            fresh_heading = True
            continue
        if fresh_heading:
            bullet_parent = bullet
            fresh_heading = False
        elif bullet_parent and not bullet:
            groups.pop()
            bullet_parent = False
        heading_run = 0
        parent_like = enum or label.endswith(":") or bool(re.search(r",?\s*waarvan\s*:?\s*$", label))
        values = [c.value for c in it.cells]
        if sum_group is not None and (parent_like or _TOTAL.match(label) or len(values) != len(sum_group["parent"])):
            sum_group = None
        path = [g for g, _ in groups]
        if sum_group is not None and not parent_like:
            new = [s + (v or 0.0) for s, v in zip(sum_group["sums"], values, strict=True)]
            if _majority(a > p + 1e-6 for a, p in zip(new, sum_group["parent"], strict=True)):
                sum_group = None  # more than the parent: not one of its parts
            else:
                path.append(sum_group["element"])
                sum_group["sums"] = new
        clean = re.sub(r",?\s*waarvan\s*:?\s*$", "", label).rstrip(":").strip() or label
        if _PART_OF.match(clean) and out and not _PART_OF.match(out[-1].label) and sum_group is None:
            path = list(out[-1].path)  # "waarvan luxe verzuim" under "Meldingen relatief verzuim": a part of it
        elif _PART_OF.match(clean) and out and _PART_OF.match(out[-1].label):
            path = list(out[-1].path[:-1])  # the next part of the same row
        out.append(PathedRow(it, clean, path + [clean]))
        if groups and _closes(clean, groups[-1][0]):
            groups.pop()  # "Totaal lasten" ends the group "Lasten": a "Saldo" row below it is no part of it
            bullet_parent = False
        if sum_group is not None and _majority(abs(a - p) < 1e-6 for a, p in
                                               zip(sum_group["sums"], sum_group["parent"], strict=True)):
            sum_group = None
        if parent_like and values and all(v is not None for v in values):
            sum_group = {"element": label if label.endswith(":") else clean, "parent": values,
                         "sums": [0.0] * len(values)}
    return out


# ---- labels broken over lines ---------------------------------------------------------------------

# Words a label does not end with: the label goes on on the next line ("Jongeren met een delict voor de")
_OPEN_END = re.compile(r"(?:(?<=[A-Za-zÀ-ÿ])-|[,/(]|\b(?:en|of|van|de|het|een|der|met|zonder|voor|bij|in|op|tot|t/m|naar|na|per|"
                       r"over|uit|aan|om|door|tegen|onder|inclusief|exclusief|excl\.|incl\.|t\.o\.v\.|en/of))$",
                       re.IGNORECASE)
# Group headings of financial tables ("Lasten" / "Baten") besides the domains of the thesaurus
_GROUP_WORDS = re.compile(r"^(?:lasten|baten|uitgaven|inkomsten|toevoegingen|onttrekkingen|reserves|"
                          r"mutaties reserves|investeringen|opbrengsten|kosten)\s*:?$", re.IGNORECASE)


def open_ended(label: str) -> bool:
    """A label line that cannot end a label: a word break, a comma, a preposition or article at its end."""
    return bool(_OPEN_END.search(label.strip()))


def heading_shaped(text: str) -> bool:
    """A label line that reads as a group heading: a domain (Jeugd, Wmo), a financial side (Lasten, Baten),
    capitals, a numbered heading or a trailing colon."""
    t = text.strip()
    enum, caps, colon = _shape(t)
    return enum or caps or colon or bool(_GROUP_WORDS.match(t)) or domain_of(t) is not None


def wrapped_label_role(text: str, prev_label: str | None, next_label: str | None, more_rows: bool = True,
                       width: int = 0, deeper: bool = False) -> str:
    """What a line with a label and no values is in a table body: "continue" (the rest of the label of the row
    just above it, whose values stood on its first line), "start" (the first part of the label of the row just
    below it) or "heading" (a group heading).

    `prev_label` is the label of the data row directly above (no blank line between), `next_label` the label
    of the data row directly below, None when there is none; `more_rows`: whether any data row follows;
    `width`: the length of the longest label line of the table (a broken label fills its column); `deeper`: the
    line is indented deeper than the rows above and below it.
    """
    t = text.strip()
    if prev_label is not None and deeper and len(t.split()) <= 3:
        return "continue"  # "6.71 Maatwerkdienstverlening  241.377 …" / "     18+": a heading is not indented
        # deeper than the rows it heads
    if prev_label is not None and (t[:1].islower() or open_ended(prev_label)):
        return "continue"  # "Jongeren met jeugdhulp zonder  1.046 ..." / "verblijf"
    if prev_label is not None and re.fullmatch(r"\([^()]*\)", t) and not re.search(r"\)\s*$", prev_label):
        return "continue"  # "Personen met een bijstandsuitkering  388,2 …" / "(per 10.000 inwoners 18+)": its unit
    if next_label is not None and (next_label[:1].islower() or open_ended(t)):
        return "start"  # "Jeugdbeschermings- en jeugd-" / "reclasseringsmaatregelen  61 ..."
    if not more_rows and prev_label is not None and not t.endswith(":"):
        return "continue"  # the last line of the table: a heading over no rows is none
    if heading_shaped(t) or prev_label is None or _TOTAL.match(prev_label):
        return "heading"
    if next_label is not None and len(t) >= 0.7 * width:
        return "start"  # between two rows, as wide as the label column: the first line of a long label
    return "heading"
