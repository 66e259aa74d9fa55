"""Toezeggingen (commitments) in any numbering and any of the usual layouts.

Numbers: "T2018-063", "TZ-2019-12", "TZ 2022-031", "T2023-08", and a plain "12" in the Nr. column of a
toezeggingenlijst. Layouts:
- blocks: the number at the start of a line, then the commitment text, then (after a blank line or a
  " - ") its fulfilment, optionally a status word;
- fixed-width columns (a PDF or text export that keeps the layout): a header line with column names such
  as Nr. / Datum / Omschrijving / Portefeuillehouder / Stand van zaken / Afgedaan, separated by runs of
  spaces; every entry starts with its number in the first column and continues on the next lines;
- grid rows (tab-separated, from Word, HTML or spreadsheets) under such a header;
- key-value blocks: "Nummer: T24.02" / "Datum vergadering: …" / "Toezegging: …" / "Stand van zaken: …" /
  "Status: afgedaan", one line per field (a tab or spaces after the colon), one block per commitment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.extract.blocks import caption_at, join_lines
from assistant.records import Commitment

# "T2018-063", "TZ-2019-12", "TZ 2022-031", "T19-4": a letter code, a year, a serial number
NUMBER_RE = r"(?:TZ|T)[\s-]?(?:19|20)?\d{2}[-./]\d{1,4}"
NUMBER = re.compile(rf"^\s*(?P<nr>{NUMBER_RE})\b\s*[-–:]?\s*(?P<rest>.*)$")
ANY_NUMBER = re.compile(rf"\b{NUMBER_RE}\b")
_STATUS = re.compile(r"\b(nog niet afgedaan|niet afgedaan|afgedaan|loopt|afgehandeld|afgerond|gereed|voldaan|in behandeling|in uitvoering|lopend|"
                     r"openstaand|doorlopend|vervallen|samengevoegd)\b", re.IGNORECASE)

# column names of a toezeggingenlijst, by role
_COLUMNS = {
    "number": re.compile(r"^(nr\.?|nummer|no\.?|#|kenmerk|code)$", re.I),
    "date": re.compile(r"^(datum|vergaderdatum|datum vergadering|vergadering|toegezegd op)$", re.I),
    "text": re.compile(r"^(omschrijving|toezegging|onderwerp|omschrijving toezegging|inhoud)$", re.I),
    "owner": re.compile(r"^(portefeuillehouder|wethouder|verantwoordelijk|pfh\.?|bestuurder|toezegger)$", re.I),
    "fulfilment": re.compile(r"^(stand van zaken|voortgang|afdoening|toelichting|status|invulling|reactie college)$",
                             re.I),
    "done": re.compile(r"^(afgedaan( ja/nee)?|afgerond|gereed|afdoen)$", re.I),
}


def normalise_number(text: str) -> str:
    """"TZ 2022-031" -> "TZ-2022-031", "T 2018 - 063" -> "T2018-063" (the printed serial is kept)."""
    t = re.sub(r"\s+", "", text.upper())
    m = re.fullmatch(r"(TZ|T)-?((?:19|20)?\d{2})([-./])(\d{1,4})", t)
    if not m:
        return text.strip()
    sep = "-" if m.group(1) == "TZ" else ""
    # "T24.02" keeps its dot: that is how the list and the council refer to it
    return f"{m.group(1)}{sep}{m.group(2)}{'.' if m.group(3) == '.' else '-'}{m.group(4)}"


def serial_of(number: str) -> int | None:
    """The serial number within the list: "TZ-2023-23" -> 23, "12" -> 12."""
    m = re.search(r"(\d{1,4})$", number.strip())
    return int(m.group(1)) if m else None


def _page(pages: list[int | None] | None, k: int) -> int | None:
    return pages[k] if pages and k < len(pages) else None


def _paragraphs(lines: list[str], start: int, end: int) -> list[tuple[int, int, str]]:
    """(first line, last line, text) of blank-separated paragraphs in lines[start:end] (0-based)."""
    out, cur, first = [], [], None
    for k in range(start, end):
        t = lines[k].strip()
        if t:
            if first is None:
                first = k
            cur.append(t)
        elif cur:
            out.append((first, k - 1, join_lines(cur)))
            cur, first = [], None
    if cur:
        out.append((first, end - 1, join_lines(cur)))
    return out


def _status_of(text: str) -> str | None:
    t = text.strip(" .").lower()
    if t in ("ja", "j", "yes", "x"):
        return "afgedaan"
    if t in ("nee", "n", "no"):
        return "openstaand"
    m = _STATUS.search(text)
    return m.group(1).lower() if m else None


# ---- fixed-width and grid tables -------------------------------------------------------------------


@dataclass
class _Header:
    line: int  # 0-based
    roles: list[tuple[str, int]]  # (role, start offset) for fixed width; (role, cell index) for grid
    grid: bool


def _header_roles(cells: list[str]) -> list[str | None]:
    out: list[str | None] = []
    for c in cells:
        t = " ".join(c.split()).strip(" :")
        role = next((r for r, rx in _COLUMNS.items() if rx.match(t)), None)
        out.append(role)
    return out


def _find_headers(lines: list[str]) -> list[_Header]:
    out: list[_Header] = []
    for k, raw in enumerate(lines):
        if "\t" in raw:
            cells = raw.split("\t")
            roles = _header_roles(cells)
            if sum(1 for r in roles if r) >= 3 and "text" in roles:
                out.append(_Header(k, [(r, i) for i, r in enumerate(roles) if r], True))
            continue
        parts = [(m.group(), m.start()) for m in re.finditer(r"\S+(?: \S+)*", raw)]
        if len(parts) < 3 or not re.search(r"\S {2,}\S", raw):
            continue
        roles = _header_roles([p for p, _ in parts])
        if sum(1 for r in roles if r) >= 3 and "text" in roles:
            out.append(_Header(k, [(r, pos) for (_, pos), r in zip(parts, roles, strict=True) if r], False))
    return out


def _slice(line: str, starts: list[int]) -> list[str]:
    """Cells of a fixed-width line: text between column starts (a word crossing a boundary stays left)."""
    out = []
    for i, a in enumerate(starts):
        b = starts[i + 1] if i + 1 < len(starts) else len(line)
        # move a boundary left to the start of the word it cuts
        while 0 < a < len(line) and line[a - 1] != " " and line[a] != " ":
            a -= 1
        while 0 < b < len(line) and line[b - 1] != " " and line[b] != " ":
            b -= 1
        out.append(line[a:b].strip() if a < len(line) else "")
    return out


def _table_entries(lines: list[str], h: _Header, doc_id: str, file_name: str,
                   pages: list[int | None] | None) -> tuple[list[Commitment], set[int]]:
    roles = [r for r, _ in h.roles]
    out: list[Commitment] = []
    used: set[int] = set()
    cur: dict[str, list[str]] | None = None
    cur_start = cur_end = 0

    def flush() -> None:
        if cur is None:
            return
        number = " ".join(cur.get("number", [])).strip()
        text = join_lines(cur.get("text", []))
        if not number or not text:
            return
        fulfil = join_lines(cur.get("fulfilment", []))
        done = " ".join(cur.get("done", [])).strip()
        status = _status_of(done) if done else (_status_of(fulfil) if fulfil and len(fulfil.split()) <= 3 else None)
        out.append(Commitment(number=normalise_number(number), doc_id=doc_id, file_name=file_name, text=text,
                              fulfilment=fulfil, status=status, line_start=cur_start + 1, line_end=cur_end + 1,
                              page=_page(pages, cur_start), made_on=" ".join(cur.get("date", [])).strip() or None,
                              owner=join_lines(cur.get("owner", [])) or None))

    starts = [pos for _, pos in h.roles]
    k = h.line + 1
    blanks = 0
    while k < len(lines):
        raw = lines[k]
        if not raw.strip():
            blanks += 1
            if blanks > 3:
                break
            k += 1
            continue
        blanks = 0
        if set(raw.strip()) <= set("-=_ ") or re.fullmatch(r"\s*(ja/nee|j/n)\s*", raw, re.I):
            k += 1
            continue
        if h.grid:
            cells = raw.split("\t")
            vals = [cells[i].strip() if i < len(cells) else "" for _, i in h.roles]
        else:
            vals = _slice(raw, starts)
        first = vals[0] if roles and roles[0] == "number" else ""
        starts_entry = bool(first) and (ANY_NUMBER.fullmatch(first) or re.fullmatch(r"\d{1,4}[.)]?", first))
        if starts_entry:
            flush()
            cur = {}
            cur_start = k
        elif not h.grid and re.search(r"\bpagina\s+\d+(\s+van\s+\d+)?\s*$", raw, re.I):
            k += 1  # a page footer between entries
            continue
        elif cur is None:
            k += 1  # text between the header and the first entry
            continue
        elif first or (h.grid and not any(vals)):
            break  # a line that is not an entry and not a continuation: the table has ended
        for role, v in zip(roles, vals, strict=True):
            if v:
                cur.setdefault(role, []).append(v.rstrip(".") if role == "number" else v)
        cur_end = k
        used.add(k)
        k += 1
    flush()
    return out, used


# ---- block style -------------------------------------------------------------------------------------


def _block_entries(lines: list[str], skip: set[int], doc_id: str, file_name: str,
                   pages: list[int | None] | None) -> list[Commitment]:
    starts = [k for k, t in enumerate(lines) if k not in skip and NUMBER.match(t)]
    out: list[Commitment] = []
    for idx, k in enumerate(starts):
        end = starts[idx + 1] if idx + 1 < len(starts) else len(lines)
        for j in range(k + 1, end):  # a caption or a new section ends the last entry
            if caption_at(lines[j]) or lines[j].startswith(" >") or j in skip:
                end = j
                break
        end = min(end, k + 40)
        m = NUMBER.match(lines[k])
        paras = _paragraphs(lines, k + 1, end)
        rest = m["rest"].strip()
        if rest:  # text on the number's own line belongs to the commitment
            if paras and paras[0][0] == k + 1:
                paras[0] = (k, paras[0][1], join_lines([rest, paras[0][2]]))
            else:
                paras.insert(0, (k, k, rest))
        if not paras:
            continue
        text = paras[0][2]
        fulfil = paras[1][2] if len(paras) > 1 and len(paras[1][2].split()) <= 120 else ""
        last = paras[1][1] if fulfil else paras[0][1]
        if not fulfil:
            # "T2019-014 - De wethouder heeft toegezegd …. Stand van zaken: …" in one paragraph
            sm = re.search(r"\b(stand van zaken|stand|voortgang|invulling|afdoening)\s*:\s*", text, re.I)
            if sm:
                text, fulfil = text[:sm.start()].strip(), text[sm.end():].strip()
        status = None
        if len(paras) > 2 and len(paras[2][2].split()) <= 3 and _STATUS.search(paras[2][2]):
            status, last = paras[2][2], paras[2][1]
        elif fulfil and _STATUS.fullmatch(fulfil.strip(" .")):
            status = fulfil.strip(" .")
        elif fulfil:
            status = _status_of(fulfil) if re.search(r"\b(is|zijn|wordt|staat)\s+(nog\s+)?(afgedaan|afgerond|"
                                                       r"openstaand|lopend)\b", fulfil, re.I) else None
        out.append(Commitment(number=normalise_number(m["nr"]), doc_id=doc_id, file_name=file_name, text=text,
                              fulfilment=fulfil, status=status, line_start=k + 1, line_end=last + 1,
                              page=_page(pages, k)))
    return out


# ---- key-value style ("Nummer: T24.02" / "Toezegging: …" / "Stand van zaken: …" / "Status: afgedaan") --------

_KV_LINE = re.compile(r"^\s*(?P<key>[A-Za-zÀ-ÿ][\w /.-]{1,40}?)\s*:\s*(?:\t\s*)?(?P<value>\S.*)$")
_KV_KEYS = {
    "number": re.compile(r"^(nr\.?|nummer|no\.?|kenmerk|code|toezeggingsnummer|nummer toezegging)$", re.I),
    "date": re.compile(r"^(datum|datum vergadering|vergaderdatum|vergadering|toegezegd op|datum toezegging)$", re.I),
    "subject": re.compile(r"^(onderwerp|titel)$", re.I),
    "text": re.compile(r"^(toezegging|omschrijving|omschrijving toezegging|inhoud|inhoud toezegging)$", re.I),
    "owner": _COLUMNS["owner"],
    "fulfilment": re.compile(r"^(stand van zaken|voortgang|afdoening|toelichting|invulling|reactie college)$", re.I),
    "done": re.compile(r"^(status|afgedaan( ja/nee)?|afgerond)$", re.I),
}


def _kv_field(line: str) -> tuple[str, str] | None:
    m = _KV_LINE.match(line)
    if not m:
        return None
    key = " ".join(m["key"].split())
    role = next((r for r, rx in _KV_KEYS.items() if rx.match(key)), None)
    return (role, m["value"].strip()) if role else None


def _keyvalue_entries(lines: list[str], skip: set[int], doc_id: str, file_name: str,
                      pages: list[int | None] | None) -> tuple[list[Commitment], set[int]]:
    """Blocks of "Key: value" lines, one block per commitment, the number in a "Nummer:" field."""
    out: list[Commitment] = []
    used: set[int] = set()
    k = 0
    while k < len(lines):
        f = _kv_field(lines[k]) if k not in skip else None
        if f is None:
            k += 1
            continue
        block: list[tuple[int, str, str]] = []
        j = k
        while j < len(lines) and j not in skip:
            fj = _kv_field(lines[j])
            if fj is not None:
                if any(r == fj[0] for _, r, _v in block) and fj[0] == "number":
                    break  # the next commitment's number
                block.append((j, *fj))
            elif lines[j].strip() and block:
                # a value that runs on over the next line
                jk, r, v = block[-1]
                block[-1] = (j, r, join_lines([v, lines[j].strip()]))
            elif not lines[j].strip():
                break
            j += 1
        fields: dict[str, str] = {}
        for _j, r, v in block:
            fields.setdefault(r, v)
        number = fields.get("number", "")
        if ANY_NUMBER.fullmatch(number) and ("text" in fields or "subject" in fields) and len(block) >= 3:
            text = fields.get("text") or fields["subject"]
            if "text" in fields and "subject" in fields:
                text = f"{fields['subject']}: {fields['text']}"
            fulfil = fields.get("fulfilment", "")
            status = _status_of(fields["done"]) if "done" in fields else None
            out.append(Commitment(number=normalise_number(number), doc_id=doc_id, file_name=file_name, text=text,
                                  fulfilment=fulfil, status=status, line_start=k + 1, line_end=block[-1][0] + 1,
                                  page=_page(pages, k), made_on=fields.get("date"), owner=fields.get("owner")))
            used |= set(range(k, block[-1][0] + 1))
        k = max(j, k + 1)
    return out, used


# ---- one cell per paragraph (a web page saved as text: "Nr." / "Datum" / "Toezegging" / … then the cells) -------

def _cell_entries(lines: list[str], skip: set[int], doc_id: str, file_name: str,
                  pages: list[int | None] | None) -> tuple[list[Commitment], set[int]]:
    paras = [p for p in _paragraphs(lines, 0, len(lines)) if not any(k in skip for k in range(p[0], p[1] + 1))]
    out: list[Commitment] = []
    used: set[int] = set()
    i = 0
    while i < len(paras):
        roles: list[str | None] = []
        j = i
        while j < len(paras) and len(paras[j][2].split()) <= 4:
            role = _header_roles([paras[j][2]])[0]
            if role is None:
                break
            roles.append(role)
            j += 1
        if len(roles) < 3 or "text" not in roles or roles[0] != "number":
            i += 1
            continue
        n = len(roles)
        k = j
        while k + n <= len(paras) and ANY_NUMBER.fullmatch(paras[k][2].strip()):
            cells = {r: paras[k + m][2] for m, r in enumerate(roles) if r}
            done = cells.get("done", "")
            fulfil = cells.get("fulfilment", "")
            status = _status_of(done) if done else (_status_of(fulfil) if fulfil and len(fulfil.split()) <= 3 else None)
            first, last = paras[k][0], paras[k + n - 1][1]
            out.append(Commitment(number=normalise_number(cells["number"]), doc_id=doc_id, file_name=file_name,
                                  text=cells.get("text", ""), fulfilment=fulfil, status=status, line_start=first + 1,
                                  line_end=last + 1, page=_page(pages, first), made_on=cells.get("date"),
                                  owner=cells.get("owner")))
            used |= set(range(paras[i][0], last + 1))
            k += n
        i = max(k, i + 1)
    return out, used


# ---- lead style ("Toezegging 2023-017 (commissie …, 16 mei 2023): het college zou … Stand van zaken: …") ------

_LEAD = re.compile(rf"^\s*Toezegging\s+(?:nr\.?\s*|nummer\s+)?(?P<nr>{NUMBER_RE}|(?:19|20)\d{{2}}[-./]\d{{1,4}}"
                   r"|\d{1,4}(?=\s*[:(]))\s*(?P<sep>[(:–-])\s*(?P<rest>.*)$")
_OPEN_PHRASE = re.compile(r"\b(?:staat|is)\s+(?:nog\s+)?open\b|\bnog\s+niet\s+afgedaan\b|\bloopt\s+nog\b", re.I)
_DONE_PHRASE = re.compile(r"\b(?:is|zijn|wordt|werd)\s+(?:hiermee\s+|daarmee\s+)?(?:afgedaan|afgerond|nagekomen)\b", re.I)


def _lead_entries(lines: list[str], skip: set[int], doc_id: str, file_name: str,
                  pages: list[int | None] | None) -> tuple[list[Commitment], set[int]]:
    """Commitments written as running text, each opening with "Toezegging <nummer>" (also in a double-spaced
    dump): the text up to "Stand van zaken:", the fulfilment after it, the status in its own words."""
    starts = [k for k, t in enumerate(lines) if k not in skip and _LEAD.match(t)]
    out: list[Commitment] = []
    used: set[int] = set()
    for idx, k in enumerate(starts):
        end = starts[idx + 1] if idx + 1 < len(starts) else min(len(lines), k + 40)
        # a double-spaced dump puts a blank line after every line: there a paragraph ends at two blank lines
        window = lines[k:min(len(lines), k + 12)]
        double = sum(1 for t in window if not t.strip()) * 2 >= len(window) - 1
        parts: list[str] = []
        last = k
        blanks = 0
        for j in range(k, end):
            if j in skip:
                break
            t = lines[j].strip()
            if not t:
                blanks += 1
                if blanks > (1 if double else 0) and parts and re.search(r"[.!?]$", parts[-1]):
                    break  # the paragraph of this toezegging has ended
                continue
            if j > k and (caption_at(t) or re.match(r"^\d{1,2}(?:\.\d{1,2})*\s{1,}[A-Z]", t)) and \
                    re.search(r"[.!?]$", parts[-1] if parts else "."):
                break  # a numbered heading after a finished sentence
            blanks = 0
            parts.append(t)
            last = j
        m = _LEAD.match(lines[k])
        text = join_lines([m["rest"]] + parts[1:]) if m["rest"] else join_lines(parts[1:])
        if m["sep"] == "(":
            text = "(" + text  # "(commissie …, 16 mei 2023): …" keeps its bracket
        sm = re.search(r"\b(stand van zaken|voortgang|afdoening)\s*:\s*", text, re.I)
        fulfil = ""
        if sm:
            text, fulfil = text[:sm.start()].strip(), text[sm.end():].strip()
        status = "afgedaan" if _DONE_PHRASE.search(fulfil) else ("open" if _OPEN_PHRASE.search(fulfil) else None)
        first = re.match(r"^\s*([\w ]{3,25}?)\s*[.;:,]", fulfil)
        if status is None and first and _STATUS.fullmatch(first.group(1).strip()):
            status = first.group(1).strip().lower()  # "Stand van zaken: afgedaan. Het onderzoek …"
        made_on = None
        meeting = re.match(r"^\(([^)]*)\)\s*:?\s*", text)
        if meeting:
            made_on, text = meeting.group(1), text[meeting.end():]
        if len(text.split()) < 3:
            continue
        out.append(Commitment(number=normalise_number(m["nr"]), doc_id=doc_id, file_name=file_name, text=text,
                              fulfilment=fulfil, status=status, line_start=k + 1, line_end=last + 1,
                              page=_page(pages, k), made_on=made_on))
        used |= set(range(k, last + 1))
    return out, used


def find(lines: list[str], doc_id: str, file_name: str, pages: list[int | None] | None) -> list[Commitment]:
    out: list[Commitment] = []
    used: set[int] = set()
    for h in _find_headers(lines):
        if h.line in used:
            continue
        entries, lines_used = _table_entries(lines, h, doc_id, file_name, pages)
        if entries:
            out += entries
            used |= lines_used | {h.line}
    kv, kv_used = _keyvalue_entries(lines, used, doc_id, file_name, pages)
    out += kv
    used |= kv_used
    cl, cl_used = _cell_entries(lines, used, doc_id, file_name, pages)
    out += cl
    used |= cl_used
    lead, lead_used = _lead_entries(lines, used, doc_id, file_name, pages)
    out += lead
    used |= lead_used
    out += _block_entries(lines, used, doc_id, file_name, pages)
    seen: set[str] = set()
    unique = []
    for c in sorted(out, key=lambda c: c.line_start):
        if c.number not in seen:
            seen.add(c.number)
            unique.append(c)
    return unique


def table_lines(lines: list[str]) -> set[int]:
    """0-based lines that belong to a commitments table or key-value list (the table reader leaves them alone)."""
    used: set[int] = set()
    for h in _find_headers(lines):
        _entries, got = _table_entries(lines, h, "", "", None)
        if got:
            used |= got | {h.line}
    _kv, kv_used = _keyvalue_entries(lines, used, "", "", None)
    _cl, cl_used = _cell_entries(lines, used | kv_used, "", "", None)
    return used | kv_used | cl_used
