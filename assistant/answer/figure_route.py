"""The figure route: candidate rows from the figure index, accepted only when measure, period, scope and
words fit; then the cells the question asks for, SQL over `fact_view`, and a Dutch answer with sources.

Acceptance, per candidate row (best candidates first):
- words: the question's content words are covered by the row path, the table title and the column labels
  (lexically, through the thesaurus, or by embedding similarity with a high lexical share);
- measure: a question for a number of people never gets an amount, a percentage question never a count;
- scope: the facts are about the municipality asked (their column or row municipality, else their
  document's); a figure of another municipality is never the answer;
- period: the period asked, or the latest one when none is asked (and the answer says which); periods of
  the same kind for comparisons (realised with realised; budget against realised only when asked).
When no candidate passes, the route returns a Miss that says why, so the refusal can say what the reports
do hold.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace

from assistant.answer import derive
from assistant.answer.compose import (
    amount,
    fact_line,
    figure_citation,
    headline,
    num,
    period_words,
    row_words,
    source_phrase,
    value_text,
    when_words,
)
from assistant.answer.context import Ask, Knowledge
from assistant.answer.intent import ATTAINED, DEVIATION, HIGHEST, LOWEST, TARGET_KIND
from assistant.answer.matching import Term, categories, coverage
from assistant.answer.question_periods import PeriodMention
from assistant.answer.sql_guard import sql_literal
from assistant.answer.store import FACT_COLUMNS, FactRow
from assistant.extract.columns import USE_OF_BUDGET
from assistant.models import Answer, Chart, ChartPoint, ChartSeries
from assistant.periods import Period, label_words

_PERSONS = re.compile(r"\b(kinderen|jongeren|jeugdigen|mensen|inwoners|cliënten|clienten|personen|huishoudens|gezinnen"
                      r"|ouderen|volwassenen|leerlingen|deelnemers|kandidaten|uitkeringsgerechtigden|statushouders"
                      r"|mantelzorgers|vrijwilligers|gebruikers|bezoekers|aanvragers|werkzoekenden)\b", re.I)
_THINGS = re.compile(r"(plannen|indicaties|meldingen|aanvragen|voorzieningen|trajecten|beschikkingen|contacten|gesprekken"
                     r"|adviezen|zaken|dossiers|verwijzingen|subsidies)\b", re.I)
SUM_WORDS = re.compile(r"\b(samen|opgeteld|bij elkaar|in totaal|gezamenlijk\w*)\b", re.I)
_TOTAL_ROW = re.compile(r"^\s*(totaal|saldo|totale|eindtotaal|subtotaal|resultaat)\b|\btotaal\s*$", re.I)
MIN_COVERAGE = 0.72  # share of the question's content words a row must explain
MIN_COVERAGE_SIM = 0.55
MIN_COVERAGE_NAMED = 0.6  # ... or this share when the question names the row's whole label  # ... or this share together with a high embedding similarity
MIN_SIMILARITY = 0.86
CANDIDATES = 30
MAX_LIST = 8
REALISED = (None, "realisatie", "resultaat", "voorlopig")


@dataclass
class Miss:
    """Why no figure could be given; the refusal says what the reports do hold instead."""

    reason: str  # words | measure | scope | period | kind | none
    row: str = ""
    figure: str = ""
    have: list[str] = field(default_factory=list)  # periods, measures or scopes that are there
    facts: list[FactRow] = field(default_factory=list)


@dataclass
class Pick:
    facts: list[FactRow]
    coverage: float
    similarity: float
    all_facts: list[FactRow]  # every fact of the row (for the chart and "what is there")
    precision: float = 1.0  # share of the row label the question names
    title_precision: float = 1.0  # share of the table title's words (numbers too) the question names
    row_named: bool = True  # the row itself (label, columns, cells) explains a question word, or says nothing
    row_specific: float = 0.0  # how much of what the table's title leaves open the row's own label explains


def _row_specific(facts: list[FactRow], terms: list[Term]) -> float:
    """Of the question words the table's title and section do not explain, the share the row's label does: of two
    rows of "Uitstroom uit de bijstand naar reden", "Werk" answers "uitstroom naar werk", "Totaal uitstroom" not."""
    f0 = facts[0]
    around = f"{f0.figure_title or ''} {f0.figure_label or ''} {f0.figure_section or ''}"
    left = [t for t in terms if coverage([t], around)[0] < 0.5]
    return coverage(left, f0.row_path)[0] if left else 0.0


# (a reserve mutation row, "Onttrekkingen aan reserves", says something of its own: it is no side of the programme)
_MONEY_SIDES = frozenset("lasten baten saldo totaal resultaat uitgaven inkomsten kosten opbrengsten".split())


# words of a total row that name the table, not a part of it ("Totaal taakvelden programma 6")
_GENERIC_ROW_WORDS = frozenset("aantal aantallen bedrag bedragen generaal algemeen programma taakvelden".split())


def _both_ends(question: str) -> bool:
    """"de meeste …, en welke de minste?": both ends of the ranking are asked."""
    return HIGHEST.search(question) is not None and LOWEST.search(question) is not None


def _only_category(label: str) -> bool:
    """A row label that is nothing but an age group or band ("18 tot 65 jaar", "85 jaar of ouder", "<50%")."""
    from assistant.answer.matching import content_terms

    return bool(categories(label)) and not [t for t in content_terms(label) if not t.stem.startswith("#")]


def _row_named(facts: list[FactRow], terms: list[Term]) -> bool:
    """Whether the row itself answers to the question, not only its table's title: some question word in its path,
    column labels or worded cells; a row whose label says nothing of its own ("Totaal", "Aantal") counts."""
    from assistant.answer.matching import content_terms

    f0 = facts[0]
    label = f0.row_path.split(" > ")[-1]
    # "Totaal", "Lasten", "Saldo" say nothing of their own: the table's title says what they are of; "totaal
    # aantal geplaatst" does
    rest = _TOTAL_ROW.sub(" ", re.sub(r"\([^)]*\)", " ", label))
    own = [t for t in content_terms(rest) if t.word not in _MONEY_SIDES and t.word not in _GENERIC_ROW_WORDS]
    if not own:
        return True
    cols = " ".join(dict.fromkeys(f.column_label or "" for f in facts))
    worded = " ".join(dict.fromkeys(f.raw or "" for f in facts if re.search(r"[A-Za-zÀ-ÿ]{3,}", f.raw or "")))
    return coverage(terms, f"{f0.row_path} {cols} {worded}")[0] > 0


def _core_text(facts: list[FactRow]) -> str:
    """The words a row answers to: its path, its table's title and label, column labels, units, the
    document's title (which names the programme or monitor)."""
    f0 = facts[0]
    cols = " ".join(dict.fromkeys(f.column_label for f in facts if f.column_label and
                                  re.search(r"[A-Za-zÀ-ÿ]{3,}", f.column_label)))
    units = " ".join(dict.fromkeys(f"{f.unit or ''} {f.unit_text or ''}" for f in facts))
    title = f0.figure_title or ""
    # words printed in a cell next to its number ("Zwaar (€ 275.000)") describe the row too
    worded = " ".join(dict.fromkeys(re.sub(r"[\d.,€%()+-]+", " ", f.raw or "") for f in facts
                                    if re.search(r"[A-Za-zÀ-ÿ]{3,}", f.raw or "")))
    # the last two headings above the table and the top one, which names the programme ("4 Programma Zorg en welzijn")
    parts = (f0.figure_section or "").split(" > ")
    section = " ".join(dict.fromkeys(parts[:1] + parts[-2:]))
    return f"{f0.row_path} {title} {f0.figure_label} {section} {cols} {units} {worded} {f0.document_title}"


def _label_precision(facts: list[FactRow], question: str, side: str | None = None) -> float:
    """How much of the row's own label the question names: "Overige onderdelen …" for a question about
    "lasten" is a weaker match than "Lasten". A question about money spent ("wat heeft … gekost") names the row
    "Lasten" in other words."""
    from assistant.answer.matching import content_terms

    label = re.sub(r"\([^)]*\)", " ", facts[0].row_path.split(" > ")[-1])  # "(%)", "(BBV)" name no subject
    label_terms = content_terms(label)
    if not label_terms:
        return 0.5  # "Totaal", "Overig": the label names nothing the question could
    cov, _ = coverage(label_terms, f"{question} {side}" if side else question)
    return cov


def _title_precision(facts: list[FactRow], question: str) -> float:
    """"Totaal Programma 3" fits "lasten van programma 3" better than "Beleidsveld: Maatschappelijke
    ondersteuning" does, when both tables have a row "Totaal lasten"."""
    from assistant.answer.matching import NOISE
    from assistant.answer.text_tools import STOPWORDS, stem, words

    title = facts[0].figure_title or facts[0].figure_label or ""
    toks = [w for w in words(title) if w not in STOPWORDS and stem(w) not in NOISE and w not in NOISE]
    if not toks:
        return 1.0
    have = {stem(w) for w in words(question)} | set(words(question))
    return sum(1 for w in toks if w in have or stem(w) in have) / len(toks)


def _fetch(kb: Knowledge, figure_ids: list[str]) -> dict[tuple[str, str], list[FactRow]]:
    if not figure_ids:
        return {}
    rows = kb.store.query(f"SELECT {FACT_COLUMNS} FROM fact_view WHERE figure_id IN (SELECT unnest(?))",
                          [figure_ids])
    out: dict[tuple[str, str], list[FactRow]] = defaultdict(list)
    for r in rows:
        f = FactRow.from_row(r)
        out[(f.figure_id, f.row_path)].append(f)
    return out


# ---- period matching ---------------------------------------------------------------------------------


def matches(f: FactRow, m: PeriodMention) -> bool:
    p = f.period
    if p is None:
        return False
    if p.label == m.period.label:
        return True
    if m.point == "end":
        return p.end == m.period.end or (p.kind == "year" and p.start.year == m.period.end.year)
    if m.point == "start":
        return p.start == m.period.start
    if m.period.kind in ("year", "range") or m.whole_year:
        return m.period.contains(p) and p.kind in ("year",)
    if m.period.kind == "half":
        return p.kind == "quarter" and False
    return False


def _within(f: FactRow, m: PeriodMention) -> bool:
    """A finer period inside the one asked (halves of an asked year), when the table has no year figure."""
    p = f.period
    if p is None or not m.period.contains(p) or p.kind not in ("half", "quarter", "month", "date"):
        return False
    # "eind 2022" is the end of the year: the second half may show it, the first half never does
    if m.point == "end":
        return p.end == m.period.end
    if m.point == "start":
        return p.start == m.period.start
    return True


# ---- selecting the cells -----------------------------------------------------------------------------


def _same_kind(a: FactRow, b: FactRow) -> bool:
    """Two facts of one kind: the same period kind, or both realised (realisatie, voorlopig, none)."""
    return a.period_kind == b.period_kind or (a.period_kind in REALISED and b.period_kind in REALISED)


def _kind_ok(f: FactRow, kinds: set[str]) -> bool:
    if "realisatie" in kinds and f.period_kind in REALISED:
        return True
    return f.period_kind in kinds


def _column_choice(facts: list[FactRow], terms: list[Term], row_cov_text: str) -> list[FactRow]:
    """Columns the question names ("nieuwe vragen", "gemiddelde wachttijd"), when the row has several."""
    labels = {f.column_label for f in facts if f.column_label and re.search(r"[A-Za-zÀ-ÿ]{3,}", f.column_label)
              and f.period_label and f.column_label != f.period_label
              and not (f.municipality and f.municipality.lower() in f.column_label.lower())}  # a place column
    if len(labels) < 2:
        return facts
    scored = {lab: coverage(terms, lab)[0] for lab in labels}
    best = max(scored.values())
    if best <= 0.2:
        return facts
    keep = {lab for lab, s in scored.items() if s >= best - 1e-9}
    return [f for f in facts if f.column_label in keep or f.column_label not in labels]


def _latest(facts: list[FactRow], whole_year: bool = False) -> list[FactRow]:
    """The facts of the latest period; with `whole_year`, of the latest whole year when there is one (places are
    compared over a year: a share over the first half of a year is no match for a yearly figure)."""
    dated = [f for f in facts if f.period is not None]
    if whole_year:
        dated = [f for f in dated if f.period.kind == "year"] or dated  # type: ignore[union-attr]
    if not dated:
        return facts
    end = max(f.period.end for f in dated)  # type: ignore[union-attr]
    return [f for f in dated if f.period.end == end]  # type: ignore[union-attr]


_REALISED_ASKED = re.compile(r"\b(werkelijk\w*|gerealiseerd\w*|realisatie|rekening|uitgekomen|uitgegeven|besteed)\b",
                             re.I)
_FORECAST = re.compile(r"prognose|verwacht|raming|verwachting|eindejaars|forecast", re.I)
_FORECAST_COLUMN = re.compile(r"prognose|verwacht|eindejaars|forecast", re.I)  # a forecast, never a budget
_ORIGINAL = re.compile(r"\b(primitie\w*|oorspronkelijk\w*|vastgestelde begroting|eerste begroting)\b", re.I)


def _plan_columns(facts: list[FactRow], question: str = "") -> list[FactRow]:
    """Of several budget columns for one period, the amended one ("na wijziging", "actuele", "bijgestelde"),
    or the original one when the question asks for it ("oorspronkelijke", "primitieve")."""
    # the budget columns to choose from; a forecast ("Prognose 2024") is none of them
    budget = [f for f in facts if f.period_kind == "begroting" or (
        f.period_kind == "raming" and not _FORECAST_COLUMN.search(f.column_label or ""))]
    if _ORIGINAL.search(question):
        original = [f for f in budget if re.search(r"primitie|oorspronkelijk|vastgesteld", f.column_label or "", re.I)]
        if original:
            drop = {id(f) for f in budget if f not in original}
            return [f for f in facts if id(f) not in drop]
    amended = [f for f in budget if re.search(r"na wijziging|na bijstelling|actuee?l|bijgesteld|gewijzigd",
                                              f.column_label or "", re.I)]
    if amended:
        drop = {id(f) for f in budget if f not in amended}
        return [f for f in facts if id(f) not in drop]
    return facts


def select(facts: list[FactRow], ask: Ask) -> tuple[list[FactRow], Miss | None]:
    it = ask.intent
    row = facts[0].row_path
    fig = facts[0].figure_label
    pool = [f for f in facts]
    # a row's difference column answers only a question about a change or a deviation: a share asked ("welk
    # percentage …") is not the "+3,7%" beside a count
    if it.op not in ("difference", "versus_plan", "trend") and not DEVIATION.search(ask.question) and \
            not re.search(r"\b(verschil|afwijking|mutatie|veranderd|gestegen|gedaald|toegenomen|afgenomen)\b",
                          ask.question, re.I):
        pool = [f for f in pool if f.period_kind != "afwijking"] or pool
    # measure
    relative = {"percentage", "per_inwoners"}
    if it.measures and it.measures <= relative:
        # "het aandeel bijstandsontvangers" said of a column of bijstand per 1.000 inwoners: the column the question
        # names decides between the two relative measures
        named = _column_choice(pool, ask.terms, "")
        if len(named) < len(pool) and {f.measure for f in named} <= relative \
                and not any(f.measure in it.measures for f in named):
            pool = named
            it = replace(it, measures=it.measures | {f.measure for f in named if f.measure})
    if it.measures:
        fit = [f for f in pool if (f.measure or "aantal") in it.measures]
        if not fit and it.measures == {"aantal"} and (ATTAINED.search(ask.question) or TARGET_KIND.search(ask.question)) \
                and any(f.period_kind == "streefwaarde" for f in pool):
            fit = pool  # "het doel voor het aantal cliënten": the target sets the measure (per 10.000 inwoners)
        if not fit:
            return [], Miss("measure", row, fig, sorted({f.measure or "aantal" for f in pool}), pool)
        pool = fit
    # "per inwoner" asked: the amounts per inhabitant when the row has them, never its totals
    per_head = [f for f in pool if (f.unit or "") == "€ per inwoner"]
    if per_head and re.search(r"\bper\s+inwoner\b", ask.question, re.I):
        pool = per_head
    elif per_head and len(per_head) < len(pool):
        pool = [f for f in pool if f not in per_head]
    # a municipality against Nederland: shares and rates, never absolute counts ("4.615 against 584.155")
    if it.op == "versus_national" and not it.measures:
        rates = [f for f in pool if (f.measure or "aantal") in ("percentage", "per_inwoners", "rapportcijfer",
                                                                  "gemiddelde", "duur")]
        if not rates:
            return [], Miss("measure", row, fig, sorted({f.measure or "aantal" for f in pool}), pool)
        pool = rates
    # scope (a "which municipality had the highest …" question looks at all of them)
    if ask.wanted is not None and it.op not in ("highest", "lowest", "versus_places"):
        fit = [f for f in pool if (f.scope or "") in ask.wanted]
        if it.op == "versus_national":
            fit += [f for f in pool if f.scope == "Nederland" and f not in fit]
        if not fit:
            return [], Miss("scope", row, fig, sorted({f.scope or "" for f in pool}), pool)
        pool = fit
    elif it.op not in ("highest", "lowest", "versus_municipality", "versus_national"):
        national = [f for f in pool if f.scope == "Nederland"]
        if national and len(national) < len(pool) and not ask.scope.national:
            pool = [f for f in pool if f.scope != "Nederland"]  # the national column is a reference, not an answer
    # columns named in the question, differences only when asked
    if it.op == "value" and DEVIATION.search(ask.question):
        # "welk tekort verwacht …": the difference column (begroting against prognose or rekening) is the answer
        pool = [f for f in pool if f.period_kind == "afwijking"] or pool
    elif not re.search(r"\b(verschil|afwijking|mutatie)\b", ask.question, re.I):
        pool = [f for f in pool if f.period_kind != "afwijking"] or pool
    if it.op == "versus_plan":  # "lager dan de raming na wijziging" names the plan column, not the realised one
        # (a forecast, "Prognose 2024", is the other side of the comparison, not a budget to choose from)
        plan = [f for f in pool if f.period_kind in ("begroting", "raming")
                and not _FORECAST_COLUMN.search(f.column_label or "")]
        pool = [f for f in pool if f not in plan] + _column_choice(plan, ask.terms, "")
    else:
        pool = _column_choice(pool, ask.terms, "")
    # money spent or received: the lasten or the baten columns/rows, when the row has both
    if it.side and any((f.measure or "") == "geld" for f in pool):
        words = r"lasten|uitgaven|kosten" if it.side == "lasten" else r"baten|inkomsten|opbrengst"
        other = r"baten|inkomsten|opbrengst|saldo|resultaat" if it.side == "lasten" else \
            r"lasten|uitgaven|kosten|saldo|resultaat"
        side = [f for f in pool if re.search(words, f"{f.column_label or ''} {f.row_path}", re.I)]
        if side and len(side) < len(pool):
            pool = side
        elif not side and (re.search(rf"^(?:totaal |totale )?(?:{other})\b", pool[0].row_label, re.I)
                           or re.search(rf"(?:^|> )(?:{other})\b[^>]*>", pool[0].row_path, re.I)):
            return [], Miss("measure", row, fig, sorted({f.row_label for f in pool}), pool)
    elif re.search(r"\b(saldo|netto)\b", ask.question, re.I) and any((f.measure or "") == "geld" for f in pool):
        # "per saldo", "netto": the saldo columns of a Lasten | Baten | Saldo table
        net = [f for f in pool if re.search(r"\bsaldo\b", f.column_label or "", re.I)]
        if net and len(net) < len(pool):
            pool = net
    # period kind
    kinds = it.kinds
    if pool and all(f.period_kind == "afwijking" for f in pool):
        kinds = set(kinds) | {"afwijking"}  # a deviation asked ("welk tekort verwacht …"): its own column
    if it.op == "versus_plan":
        pool = _plan_columns([f for f in pool if _kind_ok(f, {"realisatie", "begroting", "raming"})], ask.question)
    elif it.op == "trend" and kinds == {"realisatie"} and not _REALISED_ASKED.search(ask.question):
        pass  # a trend chooses its series itself: realised figures, or the budget years when it runs into them
    else:
        fit = [f for f in pool if _kind_ok(f, kinds)]
        if kinds == {"realisatie"} and not _REALISED_ASKED.search(ask.question):
            # a year a budget report has only budgeted ("hoeveel trekt X in 2025 uit"): its budget, named as such
            for m in ask.mentions:
                if not any(matches(f, m) or _within(f, m) for f in fit):
                    fit += [f for f in pool if f.period_kind in ("begroting", "raming") and matches(f, m)]
        if fit:
            pool = fit
        elif kinds != {"realisatie"}:
            return [], Miss("kind", row, fig, sorted({f.period_kind or "realisatie" for f in pool}), pool)
        pool = _plan_columns(pool, ask.question)
    # periods
    if ask.year and not ask.mentions:
        pool = [f for f in pool if f.period and f.period.start.year <= ask.year <= f.period.end.year] or []
        if not pool:
            return [], Miss("period", row, fig, sorted({f.period_label or "" for f in facts}), facts)
    mentions = ask.mentions
    if "index" in it.measures:
        # "de index ten opzichte van 2020" names the base year of "Index (2020=100)", not a period of its own
        mentions = [m for m in mentions if not any(f"{m.period.start.year}=" in (f.column_label or "").replace(" ", "")
                                                   for f in pool)]
    if mentions and it.op != "trend":
        chosen: list[FactRow] = []
        missing = []
        by_period = it.op in ("highest", "lowest") and it.over == "period"
        for m in mentions:
            # "in welke maand van het eerste halfjaar": the months inside the half, not the half's total
            hit = [f for f in pool if _within(f, m) and f.period != m.period] if by_period else []
            if not hit:
                hit = [f for f in pool if matches(f, m)]
                if m.point == "end" and any(f.period and f.period.kind == "date" for f in hit):
                    hit = [f for f in hit if f.period and f.period.kind == "date"]  # "eind 2023": the stand, not the flow
            if not hit:
                hit = [f for f in pool if _within(f, m)]
            if hit:
                chosen += [f for f in hit if f not in chosen]
            else:
                missing.append(m)
        if missing and it.op == "difference" and chosen is not None:
            # "gestegen ten opzichte van 2022?" where the row has no 2022 figure but a column "Verschil 2023 t.o.v.
            # 2022": the latest figure and that printed difference
            own = [f for f in facts if f.period_kind == "afwijking" and f.value is not None and all(
                re.search(rf"\b{m.period.start.year}\b", f.column_label or "") for m in missing)]
            latest = _latest([f for f in pool if f.period_kind != "afwijking" and f.value is not None])
            if own and latest and all(f.period_label == own[0].period_label for f in latest[:1]):
                return latest[:1] + own[:1], None
        if missing:
            return [], Miss("period", row, fig, sorted({f.period_label or "" for f in pool}), pool)
        pool = chosen
    elif it.op == "trend":
        # "sinds 2021" bounds the start, "tot en met 2028" the end, "van H2 2017 naar H1 2018" both
        upto = [m for m in ask.mentions if re.search(rf"\b(?:tot en met|t/m|tot)\s+{re.escape(m.text)}", ask.question,
                                                     re.I)]
        froms = [m for m in ask.mentions if m not in upto]
        if froms:
            first = min(froms, key=lambda m: m.period.start)
            if not any(f.period and f.period.start <= first.period.end and first.period.start <= f.period.end
                       for f in pool):
                # "sinds 2017" from a row that begins in 2020 is not the development asked about
                return [], Miss("period", row, fig, sorted({f.period_label or "" for f in pool}), pool)
            start = first.period.start
            pool = [f for f in pool if f.period and f.period.start >= start] or pool
        ends = upto or (froms if len(froms) >= 2 else [])
        if ends:
            end = max(m.period.end for m in ends)
            pool = [f for f in pool if f.period and f.period.end <= end] or pool
    elif it.op == "difference":
        pool = _last_two(pool)
    elif not (it.op in ("highest", "lowest") and it.over == "period"):
        pool = _latest(pool, whole_year=it.op in ("versus_national", "versus_municipality", "versus_places"))
    return pool, None


def _period_parts(ask: Ask, facts: list[FactRow]) -> list[FactRow]:
    """"In het eerste kwartaal samen": the months of one row that exactly make up the one period asked (flows only,
    never stands on a date, one place and one kind), else []."""
    if len(ask.mentions) != 1 or len(facts) < 2:
        return []
    want = ask.mentions[0].period
    # one row of one kind (a provisional last month is still a realised figure)
    if len({(f.figure_id, f.row_path, f.scope, "realisatie" if f.period_kind in (None, "voorlopig") else f.period_kind,
             f.measure, f.unit) for f in facts}) != 1:
        return []
    parts = sorted(facts, key=lambda f: f.period.start if f.period else want.start)
    if any(f.period is None or f.period.kind == "date" or f.value is None or not want.contains(f.period)
           or f.period == want for f in parts):
        return []
    if parts[0].period.start != want.start or parts[-1].period.end != want.end:  # type: ignore[union-attr]
        return []
    for a, b in zip(parts, parts[1:], strict=False):
        if (b.period.start - a.period.end).days != 1:  # type: ignore[union-attr]
            return []  # a gap or an overlap
    return parts


def _total_fit(label: str, side: str | None) -> int:
    """Which total answers a question about a whole table: the lasten total for money spent, the baten total for
    money received, else the saldo (what it costs on balance), else any total."""
    low = label.lower()
    if side == "lasten":
        return 2 if re.search(r"lasten|uitgaven|kosten", low) else 0
    if side == "baten":
        return 2 if re.search(r"baten|inkomsten", low) else 0
    if "saldo" in low:
        return 2 if "reserve" not in low else 1  # the saldo of lasten and baten before the reserve mutations
    return 1 if not re.search(r"baten|lasten", low) else 0


def _one_per_scope(facts: list[FactRow]) -> list[FactRow]:
    """One value per municipality: its total column when it has several ("PGB", "ZIN", "totaal")."""
    by: dict[str | None, list[FactRow]] = defaultdict(list)
    for f in facts:
        if f.value is not None:
            by[f.scope].append(f)
    out = []
    for fs in by.values():
        total = [f for f in fs if re.search(r"\btota(a)?l\b", f.column_label or "", re.I)]
        out.append(total[0] if total else fs[0] if len(fs) == 1 else None)
    return [f for f in out if f is not None]


def _is_region(name: str | None) -> bool:
    from assistant.regions import regions

    low = (name or "").lower()
    return low.startswith(("regio ", "jeugdregio", "arbeidsmarktregio")) or any(
        low == r.name.lower() or low in (a.lower() for a in r.aliases) for r in regions())


def _beside(f0: FactRow, facts: list[FactRow]) -> list[FactRow]:
    """A count with its share, or a share with its count ("412 (3,8%)", a % column next to a count column):
    the same row, period and place."""
    other = "aantal" if f0.measure == "percentage" else "percentage"

    def same_indicator(f: FactRow) -> bool:
        a, b = (re.sub(r"\([^)]*\)|%", " ", x.column_label or "").lower().split() for x in (f0, f))
        return a == b or (bool(a) and bool(b) and len(set(a) & set(b)) / max(len(set(a)), len(set(b))) >= 0.6)

    return [f for f in facts if f is not f0 and f.measure == other and f.value is not None
            and f.period_label == f0.period_label and f.scope == f0.scope
            and f.period_kind == f0.period_kind and same_indicator(f)][:1]


def _child_first(ok: list[Pick], terms: list[Term]) -> list[Pick]:
    """"Uitstroom uit de bijstand" and its "waarvan naar werk" match "vonden … werk" equally: the sub-row whose own
    label names a question word its parent's label does not is the row asked."""
    top = ok[0]
    path = top.facts[0].row_path
    own_top = path.split(" > ")[-1]
    for p in ok[1:]:
        child = p.facts[0].row_path
        if not child.startswith(path + " > ") or round(p.coverage, 1) != round(top.coverage, 1):
            continue
        own = child.split(" > ")[-1]
        if any(coverage([t], own)[0] >= 0.8 and coverage([t], own_top)[0] < 0.5 for t in terms):
            return [p] + [q for q in ok if q is not p]
    return ok


def _year_to_date(facts: list[FactRow], row: list[FactRow]) -> list[FactRow]:
    """"dit jaar tegen vorig jaar" in a report halfway a year (Q1 | Q2 | Q1+Q2 2024 | t/m juni 2023 | 2023): the
    longest period from the start of each year (Q1+Q2, not Q2), and a partial year against the same months a year
    earlier (t/m juni 2023, not all of 2023)."""
    dated = [f for f in facts if f.period is not None]
    years = {f.period.start.year for f in dated}  # type: ignore[union-attr]
    if len(years) < 2 or len(dated) != len(facts):
        return facts
    out: list[FactRow] = []
    for y in sorted(years):
        chosen_y = [f for f in dated if f.period.start.year == y]  # type: ignore[union-attr]
        reach = max(f.period.end for f in chosen_y)  # type: ignore[union-attr]
        # the quarters Q1 | Q2 | Q3 chosen, the row's "t/m Q3" column is the year so far
        pool = chosen_y + [g for g in row if g.period is not None and g.value is not None and g not in chosen_y
                           and g.period.start.year == y and g.period.end <= reach and g.scope == chosen_y[0].scope
                           and g.measure == chosen_y[0].measure and g.period_kind in REALISED]
        mine = [f for f in pool if f.period.start.month == 1 and f.period.start.day == 1]  # type: ignore
        if not mine:
            return facts
        out.append(max(mine, key=lambda f: f.period.end))  # type: ignore[union-attr]
    last = out[-1]
    pieces = sum(1 for f in dated if f.period.start.year == last.period.start.year)  # type: ignore[union-attr]
    if last.period.kind != "year" and pieces > 1:  # type: ignore[union-attr]  # a whole year asked, a part there
        end = last.period.end  # type: ignore[union-attr]
        for i, f in enumerate(out[:-1]):
            try:
                same_end = end.replace(year=f.period.start.year)  # type: ignore[union-attr]
            except ValueError:
                continue
            twin = [g for g in row if g.period is not None and g.value is not None and g.scope == f.scope
                    and g.period.start == f.period.start and g.period.end == same_end  # type: ignore[union-attr]
                    and g.measure == f.measure and g.period_kind in REALISED]
            if twin:
                out[i] = twin[0]
    return out


def _last_two(facts: list[FactRow]) -> list[FactRow]:
    """"Is het gestegen?" without a period: the latest period against the one before it (same kind)."""
    dated = sorted({f.period for f in facts if f.period is not None}, key=lambda p: p.end)
    if len(dated) < 2:
        return facts
    keep = set(dated[-2:])
    return [f for f in facts if f.period in keep]


# ---- the route -----------------------------------------------------------------------------------


@dataclass
class FigureAnswer:
    answer: Answer
    allowed: list[float]
    sources: list[str]


class FigureRoute:
    name = "figures"

    def __init__(self, kb: Knowledge, lines_of) -> None:
        self.kb = kb
        self.lines_of = lines_of
        self.chooser = None  # a ModelChooser when a chat model is configured

    def candidates(self, ask: Ask) -> list[Pick]:
        kb = self.kb
        cands = kb.index.search(ask.question, ask.qvec, k=CANDIDATES, allowed_docs=ask.allowed_docs)
        groups = _fetch(kb, list(dict.fromkeys(c.row.figure_id for c in cands)))
        picks: list[Pick] = []
        # what the question says in other words ("vonden werk": uitstroom) names a row's label too
        asked_words = " ".join([ask.question] + [t.word for t in ask.terms if t.group.startswith("alt:")])
        for c in cands:
            facts = groups.get((c.row.figure_id, c.row.row_path))
            if not facts:
                continue
            core = _core_text(facts)
            if not re.search(r"\bzonder\b", ask.question, re.I):
                core = re.sub(r"\bzonder\s+[\w-]+", " ", core, flags=re.I)  # "zonder verblijf" is not about verblijf
            cov, _missed = coverage(ask.terms, core, kb.weights)
            if cov > 0 and coverage(ask.terms, core, kb.weights, related=False)[0] == 0:
                # matched only through words of the same concept ("regiotaxi" for a row of "hulpmiddelen"): another
                # member of the concept may be meant, so the words alone do not make the row sure
                cov *= 0.85
            # a table of one row ("Jaar | Aantal cliënten" under "Jongeren met jeugdhulp"): its title is its subject
            single = self._rows_per_figure().get(c.row.figure_id, 0) <= 1
            picks.append(Pick(facts, cov, c.similarity, facts, _label_precision(facts, asked_words, ask.intent.side),
                              _title_precision(facts, ask.question), single or _row_named(facts, ask.terms),
                              _row_specific(facts, ask.terms)))
        # a table's total and saldo rows go along with any of its rows found: a question that names the table and
        # no row ("het sociaal domein") asks for its total, which may rank below its other rows
        seen = {(c.row.figure_id, c.row.row_path) for c in cands}
        sim = {c.row.figure_id: max(c.similarity, 0.0) for c in cands}
        for (fid, path), facts in groups.items():
            if (fid, path) in seen or not _TOTAL_ROW.search(facts[0].row_label):
                continue
            cov, _missed = coverage(ask.terms, _core_text(facts), kb.weights)
            picks.append(Pick(facts, cov, sim.get(fid, 0.0), facts, _label_precision(facts, asked_words, ask.intent.side),
                              _title_precision(facts, ask.question), _row_named(facts, ask.terms),
                              _row_specific(facts, ask.terms)))
        return picks

    def _rows_per_figure(self) -> dict[str, int]:
        if getattr(self, "_row_counts_kb", None) is not self.kb:
            counts: dict[str, int] = defaultdict(int)
            for r in self.kb.index.rows:
                counts[r.figure_id] += 1
            self._row_counts, self._row_counts_kb = counts, self.kb
        return self._row_counts

    def accepted(self, picks: list[Pick], ask: Ask | None = None) -> list[Pick]:
        ok = [p for p in picks if p.coverage >= MIN_COVERAGE or (p.coverage >= MIN_COVERAGE_SIM and
                                                                 p.similarity >= MIN_SIMILARITY)
              or (p.coverage >= MIN_COVERAGE_NAMED and p.precision >= 0.99)]  # the row's whole label is named
        # a number category the question names ("12 tot 18 jaar", "80-100%") must stand in the row or its columns:
        # the row of all ages is not the answer for one age group
        cats = [t for t in (ask.terms if ask is not None else []) if t.stem.startswith("#")]
        if cats:
            ok = [p for p in ok if coverage(cats, _core_text(p.facts))[0] >= 0.99]
        # a row the question matches only through its table's title ("programma sociaal domein") is not the row
        # asked about; the table's total may be (_total_instead)
        any_of = bool(ask and re.search(r"\b(?:een|één|1) of meer\b|\b(?:minstens|ten minste) (?:een|één)\b",
                                        ask.question, re.I))
        # "een of meer voorzieningen" names the row of unique people over all kinds ("Totaal unieke cliënten")
        named = [p for p in ok if p.row_named or (any_of and re.search(r"\b(uniek\w*|totaal)\b",
                                                                         p.facts[0].row_label, re.I))]
        totals: list[Pick] = []
        if ask is not None and ok:
            # ... but only when the title explains the question well: a word left over ("beschikbaar") asks for
            # a row the table does not have
            totals = [p for p in picks if _TOTAL_ROW.search(p.facts[0].row_label) and p.coverage >= MIN_COVERAGE
                      and p.facts[0].figure_id in {q.facts[0].figure_id for q in ok} and p not in named]
            if not named:
                named, totals = totals, []
            else:  # as a fallback only the totals of the reports the named rows stand in
                totals = [p for p in totals if p.facts[0].doc_id in {q.facts[0].doc_id for q in named}]
        ok = named
        persons = bool(ask and _PERSONS.search(ask.question))
        end = bool(ask and any(m.point == "end" for m in ask.mentions))
        net = bool(ask and re.search(r"\b(saldo|netto)\b", ask.question, re.I))
        youth = bool(ask and re.search(r"\b(jeugd\w*|jongeren|kinderen|minderjarig\w*)", ask.question, re.I))
        adult = bool(ask and re.search(r"\b(volwassen\w*|meerderjarig\w*|18\+)", ask.question, re.I)) and not youth

        def table_fit(p: Pick) -> tuple[int, int]:
            counted = 1
            if persons:
                # "hoeveel kinderen": a table that counts people before one that counts plans or indications
                words = f"{p.facts[0].figure_title or ''} {p.facts[0].row_path} {p.facts[0].column_label or ''}"
                counted = 0 if _THINGS.search(words) and not _PERSONS.search(words) else 1
            # "eind 2016": a table of stands on a date before one of flows over the year
            stand = 1 if end and any(f.period is not None and f.period.kind == "date" for f in p.facts) else 0
            return counted, stand

        def fit(p: Pick) -> tuple:
            counted, stand = table_fit(p)
            # a question that names no age group or band asks the whole: "18 tot 65 jaar" after "Totaal"
            whole = 1 if cats or not _only_category(p.facts[0].row_label) else 0
            # a row that explains every question word well before one that half-explains one ("vervoersindicaties":
            # the row "Vervoersvoorziening" of a table of indicaties, not any row of that table)
            core = _core_text(p.facts)
            complete = 1 if ask is not None and all(coverage([t], core)[0] >= 0.8 for t in ask.terms
                                                    if not t.group and t.weight >= 1.0) else 0
            # of a table's total rows, the one the question's side asks for (the saldo when it names none)
            total = _total_fit(p.facts[0].row_label, ask.intent.side if ask else None) \
                if _TOTAL_ROW.search(p.facts[0].row_label) else 0
            # "per saldo", "netto": the saldo row is the one asked for ("per saldo" names no subject word)
            saldo = 1 if net and re.search(r"\bsaldo\b", p.facts[0].row_label, re.I) else 0
            # the BBV taakvelden split by age ("Maatwerkdienstverlening 18-" is youth care, "18+" adults)
            label = p.facts[0].row_label
            if (youth and "18-" in label) or (adult and "18+" in label):
                saldo = 1
            # "een of meer voorzieningen": the row of unique people over all kinds, not one kind of them
            if any_of and re.search(r"\b(uniek\w*|totaal|in totaal)\b", p.facts[0].row_label, re.I):
                saldo = 1
            return round(p.coverage, 1), complete, saldo, whole, round(p.precision, 1), counted, stand, \
                round(p.row_specific, 1), total, p.similarity

        ok.sort(key=fit, reverse=True)
        if ok:
            # the same row label in several tables ("Totaal lasten" per beleidsveld and for the programme): the
            # table whose title the question names
            top = ok[0]
            label = top.facts[0].row_label.lower()
            same = [p for p in ok if p.facts[0].row_label.lower() == label and round(p.coverage, 1) ==
                    round(top.coverage, 1) and round(p.precision, 1) == round(top.precision, 1)]
            best = max(same, key=lambda p: (table_fit(p), round(p.title_precision, 1), p.similarity))
            if best is not top:
                ok = [best] + [p for p in ok if p is not best]
            if ask is not None:
                ok = _child_first(ok, ask.terms)
        # after the rows the question names, the totals of the tables it names: tried when no named row has the
        # period asked ("begin 2024": a table of stands on 1 January beside one of years)
        return ok + sorted(totals, key=fit, reverse=True)

    def _total_instead(self, ok: list[Pick], p: Pick, ask: Ask) -> tuple[Pick, list[FactRow]] | None:
        """The question names the table, not a row of it ("het sociaal domein"): its total or saldo row."""
        if p.precision >= 0.5 or _TOTAL_ROW.search(p.facts[0].row_label):
            return None
        top = round(p.coverage, 1)
        totals = [q for q in ok if round(q.coverage, 1) == top and q.facts[0].figure_id == p.facts[0].figure_id
                  and _TOTAL_ROW.search(q.facts[0].row_label)]
        totals.sort(key=lambda q: -_total_fit(q.facts[0].row_label, ask.intent.side))
        if ask.intent.side:
            totals = [q for q in totals if _total_fit(q.facts[0].row_label, ask.intent.side)]
        for q in totals:
            chosen, miss = select(q.facts, ask)
            if chosen and not miss:
                return q, chosen
        return None

    def _labels(self) -> dict[str, list[tuple[str, str]]]:
        """Row labels of two words or more, lower case -> (figure, row path): rows a question can name."""
        if getattr(self, "_label_map", None) is None or self._label_kb is not self.kb:
            out: dict[str, list[tuple[str, str]]] = defaultdict(list)
            for r in self.kb.index.rows:
                label = re.sub(r"\s*\([^)]*\)\s*$", "", r.row_path.split(" > ")[-1]).strip().lower()
                if len(label) >= 8 and len(label.split()) >= 2:
                    out[label].append((r.figure_id, r.row_path))
            self._label_map, self._label_kb = out, self.kb
        return self._label_map

    def _named_rows(self, ask: Ask) -> FigureAnswer | None:
        """"Hoeveel meer budget heeft A dan B?", "A en B samen": two rows the question names by their labels."""
        ql = " ".join(ask.question.lower().split())
        found = [(label, keys) for label, keys in self._labels().items()
                 if re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", ql)]
        found = [(lab, k) for lab, k in found if not any(lab != o and lab in o for o, _ in found)]
        if len(found) < 2:
            return None
        found.sort(key=lambda x: ql.index(x[0]))
        rows: list[FactRow] = []
        for _label, keys in found[:2]:
            groups = _fetch(self.kb, list(dict.fromkeys(f for f, _ in keys)))
            best = None
            for key in keys:
                facts = groups.get(key)
                if not facts:
                    continue
                chosen, miss = select(facts, replace(ask, intent=replace(ask.intent, op="value")))
                if chosen and not miss and len({f.period_label for f in chosen}) == 1:
                    best = chosen[0]
                    break
            if best is None:
                return None
            rows.append(best)
        a, b = rows
        if a.measure != b.measure or a.unit != b.unit:
            return None  # like with like only
        pick = Pick([a], 1.0, 1.0, [a, b])
        if SUM_WORDS.search(ask.question):
            derived = derive.total([a, b], [row_words(a), row_words(b)])
        else:
            derived = derive.versus_other(a, b, row_words(a), row_words(b))
        return self._build_from(ask, pick, [a, b], derived)

    def _versus_whole(self, ask: Ask, ok: list[Pick]) -> FigureAnswer | None:
        """"Is het aandeel in Weesp hoger dan in heel Amsterdam?": a part the question names by its row (a wijk,
        a stadsdeel) against the whole municipality, the total row of the same table, for one period."""
        if len(ask.scope.municipalities) != 1 or ask.scope.regions:
            return None
        whole = r"(?:(?:heel|geheel|de\s+hele|de\s+gehele|het\s+hele|de\s+(?:hele\s+)?gemeente|de\s+stad)\s+)?"
        if not any(re.search(rf"\b(?:dan|met|t\.o\.v\.|opzichte\s+van)\s+(?:in\s+|voor\s+)?{whole}{re.escape(w)}\b",
                             ask.question, re.I) for w in ask.scope.words):
            return None
        part = next((p for p in ok if p.row_named and not _TOTAL_ROW.search(p.facts[0].row_label)), None)
        if part is None:
            return None
        name = ask.scope.municipalities[0].lower()
        value_ask = replace(ask, intent=replace(ask.intent, op="value"))
        a_facts, miss = select(part.facts, value_ask)
        if miss or len(a_facts) != 1 or a_facts[0].value is None:
            return None
        a = a_facts[0]
        for (_fig, path), fs in _fetch(self.kb, [a.figure_id]).items():
            label = path.split(" > ")[-1].lower()
            if path.count(" > ") or not (_TOTAL_ROW.search(label) or label.startswith(name) or name in label.split()):
                continue
            same = [f for f in fs if f.period_label == a.period_label and f.column_label == a.column_label
                    and f.unit == a.unit and f.measure == a.measure and f.value is not None]
            if len(same) == 1:
                b = same[0]
                return self._build_from(ask, Pick([a], 1.0, 1.0, [a, b]), [a, b],
                                        derive.versus_other(a, b, row_words(a), row_words(b)))
        return None

    def _row_extreme(self, ask: Ask, ok: list[Pick]) -> FigureAnswer | Miss | None:
        """"Wie verwees de meeste jongeren?": the best table's rows (totals left out) for one period and column,
        the highest or lowest of them."""
        if not ok:
            return None
        value_ask = replace(ask, intent=replace(ask.intent, op="value"))
        # the best table whose rows make one column of comparable cells for the period asked
        for top in [p for n, p in enumerate(ok) if p.facts[0].figure_id not in
                    {q.facts[0].figure_id for q in ok[:n]}][:3]:
            rows: list[FactRow] = []
            refs: list[FactRow] = []
            for (_fig, path), fs in _fetch(self.kb, [top.facts[0].figure_id]).items():
                label = path.split(" > ")[-1]
                if _TOTAL_ROW.search(label) or re.search(r"\btotaal\b", label, re.I):
                    continue
                # the whole municipality or the country below its wijken: a reference shown beside, not a part
                ref = label.lower() in ("nederland", "landelijk") or label.lower() == (fs[0].scope or "").lower()
                chosen, miss = select(fs, value_ask)
                if chosen and not miss and len(chosen) == 1 and chosen[0].value is not None:
                    (refs if ref else rows).append(chosen[0])
            keys = {(f.column_label, f.period_label, f.period_kind, f.scope, f.unit) for f in rows}
            if len(rows) < 2 or len(keys) != 1:
                continue  # not one column of comparable cells
            rows.sort(key=lambda f: amount(f) or 0, reverse=ask.intent.op == "highest")
            refs = [f for f in refs if (f.column_label, f.period_label, f.unit) == (rows[0].column_label,
                                                                                     rows[0].period_label, rows[0].unit)]
            derived = derive.extreme(rows, ask.intent.op == "highest", row_words, _both_ends(ask.question))
            return self._build_from(ask, Pick(rows, top.coverage, top.similarity, rows), rows[:MAX_LIST] + refs,
                                    derived)
        return None

    def answer(self, ask: Ask) -> FigureAnswer | Miss:
        if ask.intent.op in ("difference", "versus_municipality", "sum", "value") and \
                re.search(r"\b(meer|minder|hoger|lager|dan|samen|verschil)\b", ask.question, re.I):
            named = self._named_rows(ask)
            if named is not None:
                return named
        picks = self.candidates(ask)
        ok = self.accepted(picks, ask)
        if self.chooser is not None and picks:
            ok = self._model_order(ask, picks, ok)
        if ask.intent.op in ("highest", "lowest") and ask.intent.over == "row":
            # the table the question is about; the noun after "welke" names the rows' kind ("welke vorm van
            # jeugdhulp", "welk taakveld"), not what the table holds
            kind = re.search(r"\b(?:welke|welk)\s+(\w+)", ask.question, re.I)
            if kind:
                ask = replace(ask, terms=[t for t in ask.terms if t.word != kind.group(1).lower()])
                picks = self.candidates(ask)
                ok = self.accepted(picks, ask)
            tables = ok or [p for p in picks if p.coverage >= MIN_COVERAGE_SIM and p.similarity >= MIN_SIMILARITY]
            got = self._row_extreme(ask, tables)
            return got if got is not None else Miss("words", "", "")
        if ask.intent.op in ("difference", "versus_municipality", "value") and ok:
            got = self._versus_whole(ask, ok)
            if got is not None:
                return got
        if not ok:
            best = max(picks, key=lambda p: p.coverage, default=None)
            return Miss("words", best.facts[0].row_path if best else "", best.facts[0].figure_label if best else "")
        misses: list[Miss] = []
        top_cov = ok[0].coverage
        ok = self._exact_first(ok, ask, top_cov)
        for i, p in enumerate(ok):
            if p.coverage < top_cov - 0.25:
                break
            chosen, miss = select(p.facts, ask)
            if miss:
                misses.append(miss)
                continue
            if not chosen:
                continue
            total = self._total_instead(ok, p, ask)
            if total is not None:
                p, chosen = total
            if all(f.value is None for f in chosen):
                return Miss("status", p.facts[0].row_path, p.facts[0].figure_label,
                            sorted({f.raw for f in chosen}), chosen)
            extra = self._siblings(ok, i, ask) if ask.wanted is None else []
            places = [{m} for m in ask.scope.municipalities] + [{r.name, *r.aliases} for r in ask.scope.regions]
            if ask.intent.op == "versus_municipality" and len(places) >= 2:
                # "Had A of B meer …": each municipality's own report may hold its figure; all of them, or none
                def lacking(facts: list[FactRow], places: list[set[str]] = places) -> list[set[str]]:
                    return [pl for pl in places if not pl & {f.scope for f in facts}]
                if lacking(chosen):
                    want = set().union(*lacking(chosen))
                    extra = [fs for fs in self._siblings(ok, i, ask) if {f.scope for f in fs} & want]
                    if lacking(chosen + [f for fs in extra for f in fs]) or \
                            len({(f.measure, f.unit) for fs in [chosen, *extra] for f in fs}) != 1:
                        misses.append(Miss("scope", p.facts[0].row_path, p.facts[0].figure_label,
                                           sorted({f.scope or "" for f in p.facts}), p.facts))
                        continue
                    chosen, extra = chosen + [f for fs in extra for f in fs], []
            built = self._build(ask, p, chosen, extra)
            if built is not None:
                return built
        return _most_telling(misses)

    def _exact_first(self, ok: list[Pick], ask: Ask, top_cov: float) -> list[Pick]:
        """"Dit jaar tot en met augustus": a row with a cell for exactly that period (a running total) before a row
        whose months only add up to it."""
        if ask.intent.op != "value" or len(ask.mentions) != 1:
            return ok
        want = ask.mentions[0].period
        near = [p for p in ok[:6] if p.coverage >= top_cov - 0.25]
        first, _ = select(near[0].facts, ask) if near else ([], None)
        if not first or any(f.period == want for f in first):
            return ok
        for p in near[1:]:
            if p.facts[0].figure_id != near[0].facts[0].figure_id:
                continue
            chosen, miss = select(p.facts, ask)
            if chosen and not miss and all(f.period == want for f in chosen):
                return [p] + [q for q in ok if q is not p]
        return ok

    def _model_order(self, ask: Ask, picks: list[Pick], ok: list[Pick]) -> list[Pick]:
        """Let the chat model choose among the top candidates; its choice must be a candidate that the
        offline tests do not reject on measure, scope or period (select() still applies)."""
        top = picks[:8]
        listing = []
        for p in top:
            f0 = p.facts[0]
            periods = ", ".join(dict.fromkeys(f.period_label or "" for f in p.facts))[:80]
            scopes = ", ".join(dict.fromkeys(f.scope or "" for f in p.facts))[:60]
            cols = "; ".join(dict.fromkeys(f.column_label for f in p.facts))[:80]
            listing.append(f"{f0.row_path} | {f0.figure_label} {f0.figure_title or ''} | {cols} | {periods} | "
                           f"{scopes}")
        choice = self.chooser.choose(ask.question, listing)
        if choice is None or choice.route != "figure" or choice.row is None or not 0 <= choice.row < len(top):
            return ok
        chosen = top[choice.row]
        if chosen.coverage < MIN_COVERAGE_SIM:
            return ok  # the model may choose among rows that fit, not bring in one that does not
        if choice.operation != "value" and ask.intent.op == "value":
            ask.intent.op = choice.operation
        return [chosen] + [p for p in ok if p is not chosen]

    def _siblings(self, ok: list[Pick], i: int, ask: Ask) -> list[list[FactRow]]:
        """The same row in other municipalities' reports, when the question names no municipality."""
        p = ok[i]
        label = p.facts[0].row_label.lower()
        scope = {f.scope for f in p.facts}
        out = []
        for q in ok[i + 1:]:
            if q.facts[0].row_label.lower() != label or abs(q.coverage - p.coverage) > 0.05:
                continue
            if {f.scope for f in q.facts} & scope:
                continue
            chosen, miss = select(q.facts, ask)
            if chosen and not miss:
                out.append(chosen)
                scope |= {f.scope for f in q.facts}
        return out[:MAX_LIST - 1]

    # ---- building the answer -------------------------------------------------------------------

    def _build(self, ask: Ask, pick: Pick, chosen: list[FactRow], siblings: list[list[FactRow]]) -> FigureAnswer | None:
        it = ask.intent
        derived = derive.Derived()
        shown = list(chosen)
        op = it.op
        if op == "difference" and len(chosen) == 2 and chosen[1].period_kind == "afwijking" \
                and chosen[0].period_kind != "afwijking" and chosen[1].value is not None:
            # the row's own printed difference ("Verschil 2023 t.o.v. 2022": ▼ 2,4%), in words
            d = chosen[1]
            word = "een stijging" if d.value > 0 else ("een daling" if d.value < 0 else "geen verandering")
            size = num(abs(d.value)) + ("%" if (d.unit or "") == "%" else "")
            derived = derive.Derived(lines=[f"Dat is {word} van {size} ({d.column_label}, zoals in de tabel)."],
                                     values=[abs(d.value)])
        elif op == "difference":
            shown, derived = self._difference(ask, pick, chosen)
        elif op == "trend":
            until = max((m.period for m in ask.mentions), key=lambda p: p.end, default=None)
            years = bool(re.search(r"\b(jaren|jaarlijks|per jaar|door de jaren)\b", ask.question, re.I))
            shown, derived = self._trend(chosen, it.kinds, until, years)
            if not derived.lines and not ask.mentions:
                return None  # one figure is no development: another table may hold the series
        elif op == "versus_plan":
            shown, derived = self._versus_plan(chosen, it.expected, pick.all_facts)
        elif op in ("versus_national", "versus_municipality"):
            shown, derived = self._versus(ask, chosen)
        elif op == "versus_places":
            shown, derived = self._versus_places(ask, chosen)
        elif op in ("highest", "lowest"):
            if it.over == "period":
                derived = derive.extreme(chosen, op == "highest", lambda f: period_words(f.period_label),
                                         _both_ends(ask.question))
            else:
                places = [f for f in chosen if f.scope != "Nederland" and not _is_region(f.scope)] or chosen
                if len({f.scope for f in places}) < 2:
                    places = self._places_in_rows(ask, pick, chosen) or places
                shown = places
                derived = derive.extreme(places, op == "highest", lambda f: f.scope or row_words(f),
                                         _both_ends(ask.question))
        elif op == "sum":
            shown, derived = self._sum(ask, pick, chosen)
        elif op == "share":
            shown, derived = self._share(ask, pick, chosen)
        if not shown:
            return None
        if op in ("value", "share") and len(shown) == 1 and shown[0].measure in ("percentage", "aantal"):
            shown += _beside(shown[0], pick.all_facts)
        if op == "value" and len({f.row_path for f in shown}) == 1 and len({f.period_label for f in shown}) == 1:
            shown += self._parts(shown[0])  # "waarvan luxe verzuim": the part the table gives with the row
        return self._build_from(ask, pick, shown, derived, siblings)

    def _build_from(self, ask: Ask, pick: Pick, shown: list[FactRow], derived: derive.Derived,
                    siblings: list[list[FactRow]] | None = None) -> FigureAnswer | None:
        """The answer from the facts to show: lines, headline, citations, and the SQL the numbers come from."""
        op = ask.intent.op
        groups = [shown] + (siblings or [])
        all_facts = [f for g in groups for f in g]
        if len(all_facts) > MAX_LIST * 2:
            all_facts = all_facts[:MAX_LIST * 2]
        multi_scope = len({f.scope for f in all_facts}) > 1
        lines: list[str] = []
        if derived.headline_value and len(all_facts) > 1:
            lines.append(f"{derived.headline_value} ({derived.headline_label or row_words(all_facts[0])}).")
        if len(all_facts) == 1:
            f = all_facts[0]
            people, notation = value_text(f)
            when = when_words(f)
            lines.append(f"{people}{' (' + notation + ')' if notation else ''} – {row_words(f)}"
                         f"{', ' + f.scope if f.scope else ''}{', ' + when if when else ''}.")
        else:
            for f in all_facts:
                lines.append(f"- {fact_line(f, with_scope=multi_scope or bool(f.scope))}")
        extra: list[FactRow] = []
        if op in ("value", "share") and len({(f.row_path, f.period_label, f.scope) for f in all_facts}) == 1:
            shown_ids = {f.fact_id for f in all_facts}
            extra = [g for g in self._comparison(all_facts[0], pick.all_facts) if g.fact_id not in shown_ids]
        if extra:
            lines.append("Ter vergelijking:")
            lines += [f"- {fact_line(g, with_scope=bool(g.scope))}" for g in extra]
            f0 = all_facts[0]
            if f0.period_kind == "afwijking":
                # a printed deviation ("1.270-"): the budget and the realisation or forecast it comes from, computed
                same = [g for g in extra if g.row_path == f0.row_path and g.period_label == f0.period_label
                        and g.measure == f0.measure]
                plan = next((g for g in same if g.period_kind == "begroting"), None)
                real = next((g for g in same if g.period_kind in REALISED or g.period_kind == "raming"), None)
                if plan is not None and real is not None:
                    one = derive.versus_plan(plan, real, forecast=real.period_kind == "raming")
                    derived.lines += one.lines
                    derived.values += one.values
                extra_cmp: list[FactRow] = []
            else:
                extra_cmp = extra
            for g in extra_cmp:
                if g.row_path != f0.row_path or g.measure != f0.measure or g.period is None or f0.period is None \
                        or (g.period != f0.period and f0.period.contains(g.period)):
                    continue  # another row, or a piece of the period shown: nothing to compare
                if g.period_kind == "begroting" and f0.period_kind in REALISED:
                    one = derive.versus_plan(g, f0) if g.period_label == f0.period_label else derive.Derived()
                elif _same_kind(g, f0):
                    one = derive.difference(g, f0, period_words(g.period_label), period_words(f0.period_label))
                elif g.period_kind == "streefwaarde" and f0.period_kind in REALISED and g.period_label == f0.period_label:
                    one = derive.versus_target(g, f0)
                else:
                    continue  # a target against a realisation: both shown, no "daling" between them
                derived.lines += one.lines
                derived.values += one.values
        lines += derived.lines
        if not ask.mentions and op == "value" and all_facts[0].period_label:
            lines.append(f"Dit is het meest recente cijfer in de tabel ({period_words(all_facts[0].period_label)}).")
        if ask.wanted is None and multi_scope and not ask.scope.named and op == "value":
            lines.append("De vraag noemt geen gemeente; hierboven staat het cijfer per gemeente.")
        cites = []
        by_fig: dict[str, list[FactRow]] = defaultdict(list)
        for f in all_facts + extra:
            by_fig[f.figure_id].append(f)
        for fig_id, fs in by_fig.items():
            meta = self.kb.figures.get(fig_id, {})
            cites.append(figure_citation(fs, self.lines_of, meta.get("header_lines") or []))
        lines.append(source_phrase(all_facts[0], 1) if len(cites) == 1 else
                     "Bronnen: " + "; ".join(f"{c.locator} in ‘{c.title or c.doc}’ [{i}]" for i, c in
                                             enumerate(cites, 1)) + ".")
        ids = sorted({f.fact_id for f in all_facts + extra})
        sql = (f"SELECT {FACT_COLUMNS} FROM fact_view WHERE fact_id IN ({', '.join(str(i) for i in ids)}) "
               "ORDER BY figure_id, row_path, period_start, fact_id")
        sql, rows = self.kb.store.run_sql(sql)
        if not rows:
            return None
        by_id = {r["fact_id"]: FactRow.from_row(r) for r in rows}
        if any(i not in by_id for i in ids):
            return None  # the answer is built from what the SQL returned, nothing else
        first = by_id[all_facts[0].fact_id]
        hl = headline(first)
        if derived.headline_value and op not in ("value",):
            hl.value = derived.headline_value
            if derived.headline_label:
                hl.label = derived.headline_label
        context = source_phrase(first, 1)
        ans = Answer(question=ask.question, answer="\n".join(lines), route="sql", sql=sql, citations=cites,
                     headline=hl, context=context, derivation=" ".join(derived.lines),
                     columns=list(rows[0].keys()), rows=rows, chart=self._chart(pick.all_facts, first))
        allowed = [f.value for f in by_id.values() if f.value is not None] + derived.values
        allowed += [f.scale for f in by_id.values() if f.scale] + [1000.0, 1_000_000.0]
        sources = [c.quote for c in cites] + [c.locator for c in cites] + [
            f"{f.period_label or ''} {f.row_path} {f.column_label} {f.period_note or ''} {f.scope or ''} "
            f"{f.unit_text or ''} {f.unit or ''} {f.figure_title or ''}"
            for f in by_id.values()] + [period_words(f.period_label) for f in by_id.values()]
        return FigureAnswer(ans, allowed, sources)

    def _difference(self, ask: Ask, pick: Pick, chosen: list[FactRow]) -> tuple[list[FactRow], derive.Derived]:
        facts = [f for f in chosen if f.value is not None]
        same_kind = [f for f in facts if f.period_kind in REALISED] or facts
        if ask.mentions and all(m.period is not None and m.period.kind == "year" for m in ask.mentions):
            same_kind = _year_to_date(same_kind, pick.all_facts)  # whole years asked, a part of one there
        by_period = {}
        for f in sorted(same_kind, key=lambda f: (f.period.start if f.period else None) or 0):  # type: ignore
            by_period.setdefault(f.period_label, f)
        pts = list(by_period.values())
        if len(pts) == 1:
            # one period asked ("gestegen ten opzichte van …?"): compare with the period before it, same kind
            f = pts[0]
            earlier = [g for g in pick.all_facts if g.period and f.period and g.period.end < f.period.start and
                       g.period.kind == f.period.kind and g.period_kind == f.period_kind and g.scope == f.scope and
                       g.column_label.split()[-1:] != [] and g.measure == f.measure]
            if earlier:
                pts = [max(earlier, key=lambda g: g.period.end), f]  # type: ignore[union-attr]
        if len(pts) < 2:
            return chosen, derive.Derived()
        a, b = pts[0], pts[-1]
        d = derive.difference(a, b, period_words(a.period_label), period_words(b.period_label))
        return [a, b], d

    def _trend(self, chosen: list[FactRow], kinds: set[str] | None = None,
               until: Period | None = None, years: bool = False) -> tuple[list[FactRow], derive.Derived]:
        # realised figures, or for a question about the budget years (meerjarenraming, or a trend "tot en met" a
        # year no realised figure reaches) the budget and its forecast: one kind of series, never both
        plan = bool(kinds) and not (kinds & set(REALISED))
        realised_end = max((f.period.end for f in chosen if f.period and f.period_kind in REALISED
                            and f.value is not None), default=None)
        if until is not None and (realised_end is None or until.end > realised_end):
            plan = plan or any(f.period_kind in ("begroting", "raming") for f in chosen)
        keep = {"begroting", "raming"} if plan else REALISED
        series = sorted([f for f in chosen if f.value is not None and f.period and f.period_kind in keep],
                        key=lambda f: (f.period.start, f.period_kind != "begroting"))  # type: ignore[union-attr]
        # one length of period: years with years, halves with halves (never a half after a quarter)
        lengths = Counter(f.period.kind for f in series)  # type: ignore[union-attr]
        if lengths:
            order = ["year", "half", "quarter", "month", "schoolyear", "date", "range"]
            best = max(lengths, key=lambda k: (lengths[k], -order.index(k) if k in order else -99))
            if years and best != "year":
                return [], derive.Derived()  # "de afgelopen jaren": a row of half years is no answer
            # no period inside another (a quarter inside its half year): the longer one stays
            series = [f for f in series if not any(g is not f and g.period != f.period and  # type: ignore
                                                   g.period.contains(f.period) for g in series)]  # type: ignore
        by_p = {}
        for f in series:
            by_p.setdefault(f.period_label, f)
        series = list(by_p.values())
        if len(series) < 2:
            return chosen, derive.Derived()
        d = derive.trend(series, lambda f: period_words(f.period_label))
        return series, d

    def _versus_plan(self, chosen: list[FactRow], expected: bool = False,
                     all_facts: list[FactRow] | None = None) -> tuple[list[FactRow], derive.Derived]:
        all_facts = all_facts or chosen
        plan = [f for f in chosen if f.period_kind in ("begroting", "raming") and f.value is not None]
        real = [f for f in chosen if f.period_kind in REALISED and f.value is not None]
        forecast = [f for f in plan if f.period_kind == "raming" and _FORECAST.search(f.column_label or "")]
        if expected and forecast:
            # "naar verwachting duurder dan begroot": the forecast for the year against its budget
            real = forecast
            plan = [f for f in plan if f not in forecast]
        budgets = [f for f in plan if f not in forecast]
        if forecast and budgets and not any(p.period_label == r.period_label for r in real for p in budgets):
            # the year is not over (realised only up to a quarter): its forecast against its budget
            real, plan = forecast, budgets
        for r in sorted(real, key=lambda f: f.period.start if f.period else 0, reverse=True):  # type: ignore
            same = [p for p in plan if p.period_label == r.period_label]
            if same:
                d = derive.versus_plan(same[0], r, forecast=r.period_kind == "raming")
                # the table's own difference column ("Verschil -762"), with its sign convention, goes along
                own = [f for f in all_facts if f.period_kind == "afwijking" and f.value is not None
                       and f.period_label == r.period_label and f.scope == r.scope]
                if own:
                    shown = own[0].raw
                    if shown.strip().startswith("(") and own[0].value < 0:
                        shown += f" (tussen haakjes: negatief, {num(own[0].value)})"  # accounting notation
                    d.lines.append(f"In de tabel staat als {own[0].column_label.lower() or 'verschil'}: {shown}.")
                    return [same[0], r, own[0]], d
                return [same[0], r], d
        return chosen, derive.Derived()

    def _places_in_rows(self, ask: Ask, pick: Pick, chosen: list[FactRow]) -> list[FactRow]:
        """A table with one row per municipality ("Tytsjerksteradiel 10,8%"): the same column in each row."""
        if not chosen:
            return []
        col, period = chosen[0].column_label, chosen[0].period_label
        out = []
        for (_fig, _path), fs in _fetch(self.kb, [pick.facts[0].figure_id]).items():
            same = [f for f in fs if f.column_label == col and f.period_label == period and f.value is not None]
            if same and same[0].scope and same[0].scope != "Nederland" and not _is_region(same[0].scope):
                out.append(same[0])
        return out if len({f.scope for f in out}) >= 2 else []

    def _comparison(self, f: FactRow, row: list[FactRow]) -> list[FactRow]:
        """What a council member weighs one figure against, from the same table: the same period a year earlier,
        for spending the budget of that period (and the share used), and for a "waarvan" row its whole."""
        out: list[FactRow] = []

        def same(g: FactRow) -> bool:
            return g.scope == f.scope and g.value is not None and g.period is not None and g is not f

        p = f.period
        base = re.search(r"\b((?:19|20)\d\d)\s*=\s*100\b", f.column_label or "")
        if f.measure == "index" and base and p is not None:
            # "Index (2020=100)": the figures of the base year and of the year the index is for
            years = {int(base.group(1)), p.start.year}
            return sorted([g for g in row if same(g) and g.measure != "index" and g.period.kind == "year"
                           and g.period.start.year in years and _same_kind(g, f)], key=lambda g: g.period.start)[:2]
        if f.measure == "percentage" and USE_OF_BUDGET.search(f.column_label or ""):
            # a share of the budget used ("Uitputting 54%"): the amount spent and the budget it is a share of
            ops = [g for g in row if same(g) and g.measure == "geld" and g.period is not None and p is not None
                   and (g.period == p or g.period.contains(p) or p.contains(g.period))]
            plan = [g for g in ops if g.period_kind == "begroting"]
            spent = [g for g in ops if g.period_kind in REALISED]
            return _plan_columns(plan)[:1] + spent[:1]
        if f.period_kind == "afwijking":
            # a difference column: the budget and the realisation or forecast it is the difference of
            ops = [g for g in row if same(g) and g.period_label == f.period_label and g.measure == f.measure
                   and g.period_kind in ("begroting", "raming", "realisatie", "voorlopig", None)]
            return sorted(ops, key=lambda g: g.period_kind != "begroting")[:3]
        if p is not None:
            try:
                start, end = p.start.replace(year=p.start.year - 1), p.end.replace(year=p.end.year - 1)
            except ValueError:  # 29 February
                start = end = None
            out += [g for g in row if same(g) and g.period.start == start and g.period.end == end
                    and g.measure == f.measure and _same_kind(g, f)][:1]
            if f.period_kind in REALISED:
                # a figure against its target for the same period ("Doel 2024")
                out += [g for g in row if same(g) and g.period_kind == "streefwaarde" and g.period_label == f.period_label
                        and g.measure == f.measure][:1]
                # spending against the budget of its year (also halfway the year); a count against its own plan
                plans = [g for g in row if same(g) and g.period_kind == "begroting" and g.measure == f.measure
                         and (g.period == p or (f.measure == "geld" and g.period.start <= p.start
                                                and p.end <= g.period.end))]
                out += _plan_columns(plans)[:1]
                out += [g for g in row if same(g) and g.measure == "percentage" and g.period_label == f.period_label
                        and USE_OF_BUDGET.search(g.column_label or "")][:1]
        if p is not None:
            # a half year printed beside its quarters ("Q1 | Q2 | Q1+Q2"): the pieces it adds up
            pieces = sorted([g for g in row if same(g) and g.period != p and p.contains(g.period)
                             and g.period.kind != p.kind and g.measure == f.measure and _same_kind(g, f)],
                            key=lambda g: g.period.start)
            kinds = {g.period.kind for g in pieces}
            if 2 <= len(pieces) <= 4 and len(kinds) == 1:
                out += pieces
        if p is not None and f.period_kind not in REALISED:
            # a target or budget against the latest realised figure of the same row
            done = [g for g in row if same(g) and g.period_kind in REALISED and g.measure == f.measure
                    and g.period.end <= p.end]
            out += sorted(done, key=lambda g: g.period.end)[-1:]
        if " > " in f.row_path and re.match(r"^(?:waarvan|waaronder|w\.v\.|met|zonder)\b",
                                           f.row_path.split(" > ")[-1], re.I):
            parent = f.row_path.rsplit(" > ", 1)[0]
            for (_fig, path), fs in _fetch(self.kb, [f.figure_id]).items():
                if path == parent:
                    out += [g for g in fs if same(g) and g.column_label == f.column_label
                            and g.period_label == f.period_label][:1]
        return out[:6]

    def _parts(self, f: FactRow) -> list[FactRow]:
        """The "waarvan …" rows printed under a row, for the same column and period."""
        out = []
        for (_fig, path), fs in _fetch(self.kb, [f.figure_id]).items():
            if path.startswith(f.row_path + " > ") and re.match(r"^(?:waarvan|waaronder)\b", path.split(" > ")[-1], re.I):
                out += [g for g in fs if g.column_label == f.column_label and g.period_label == f.period_label
                        and g.scope == f.scope and g.value is not None][:1]
        return out[:3]

    def _versus_places(self, ask: Ask, chosen: list[FactRow]) -> tuple[list[FactRow], derive.Derived]:
        """The municipality asked against every other place of the row (its neighbours, the region, Nederland)."""
        own = set(ask.scope.municipalities) or {d.municipality for d in self.kb.documents
                                                 if d.doc_id == (chosen[0].doc_id if chosen else None)}
        per = _one_per_scope(chosen)
        mine = [f for f in per if f.scope in own]
        others = [f for f in per if f.scope not in own]
        if len(mine) != 1 or not others:
            return [], derive.Derived()  # not one value of the municipality against others: no comparison
        d = derive.Derived()
        for o in others:
            one = derive.versus_other(mine[0], o, mine[0].scope or "", o.scope or "")
            d.lines += one.lines
            d.values += one.values
        return mine + others, d

    def _versus(self, ask: Ask, chosen: list[FactRow]) -> tuple[list[FactRow], derive.Derived]:
        names = [[n] for n in ask.scope.municipalities] + [[r.name, *r.aliases] for r in ask.scope.regions]
        if ask.intent.op == "versus_national" or ask.scope.national:
            names.append(["Nederland"])  # "… zich tot Flevoland en heel Nederland": the national figure too
        picked = []
        for alts in names:
            low = {a.lower() for a in alts}
            hit = _one_per_scope([f for f in chosen if (f.scope or "").lower() in low and f.value is not None])
            if hit:
                picked.append(hit[0])
        if len(picked) == 2:
            return picked, derive.versus_other(picked[0], picked[1], picked[0].scope or "", picked[1].scope or "")
        if len(picked) > 2:  # "Barneveld tegenover Ede en Nederland": the first against each of the others
            d = derive.Derived()
            for o in picked[1:]:
                one = derive.versus_other(picked[0], o, picked[0].scope or "", o.scope or "")
                d.lines += one.lines
                d.values += one.values
            return picked, d
        return chosen, derive.Derived()

    def _sum(self, ask: Ask, pick: Pick, chosen: list[FactRow]) -> tuple[list[FactRow], derive.Derived]:
        per_scope = _one_per_scope(chosen)
        if len(per_scope) >= 2 and len({f.scope for f in per_scope}) == len(per_scope):
            return per_scope, derive.total(per_scope, [f.scope or row_words(f) for f in per_scope])
        parts = _period_parts(ask, chosen)
        if parts:
            return parts, derive.total(parts, [period_words(f.period_label) for f in parts])
        # several rows of one table named in the question ("Jeugdwet en Wmo samen")
        siblings = _fetch(self.kb, [pick.facts[0].figure_id])
        named = []
        ql = ask.question.lower()
        from assistant.answer.matching import content_terms

        for (_fig, path), fs in siblings.items():
            label = path.split(" > ")[-1].lower()
            if _TOTAL_ROW.search(label) or "totaal" in label:
                continue  # a sum of named parts never adds their total to them
            terms = content_terms(label)
            named_here = terms and terms[0].stem in {t.stem for t in content_terms(ql)} and \
                coverage(terms, ql)[0] >= 0.5
            if len(label) >= 3 and (re.search(rf"(?<!\w){re.escape(label)}(?!\w)", ql) or named_here):
                sel, miss = select(fs, ask)
                if sel and not miss and len(sel) == 1:
                    named.append(sel[0])
        if len(named) >= 2:
            return named, derive.total(named, [row_words(f) for f in named])
        grouped = self._category(ask, chosen)
        if len(grouped) >= 2:
            return grouped, derive.total(grouped, [row_words(f) for f in grouped])
        return chosen, derive.Derived()

    def _category(self, ask: Ask, chosen: list[FactRow]) -> list[FactRow]:
        """"Samen het budget van de accenten met zware inzet": the cells of one column, across the rows (or the
        repeated blocks) of one document, whose printed text names a word of the question that only some of
        them have ("Zwaar (€ 275.000)")."""
        from assistant.answer.text_tools import stems, token_match

        if not chosen:
            return []
        f0 = chosen[0]
        layout = self.kb.figures.get(f0.figure_id, {}).get("layout")
        figs = [fid for fid, m in self.kb.figures.items() if m.get("doc_id") == f0.doc_id and m.get("layout") == layout] \
            if layout == "keyvalue" else [f0.figure_id]
        pool = [f for fs in _fetch(self.kb, figs).values() for f in fs
                if f.column_label == f0.column_label and f.measure == f0.measure and f.value is not None]
        col_stems = set(stems(f0.column_label or ""))
        for t in ask.terms:
            if t.stem in col_stems or t.weight < 1.0:
                continue
            hit = [f for f in pool if any(token_match(t.stem, w) >= 0.9
                                          for w in stems(re.sub(r"[\d.,€%]+", " ", f.raw or "")))]
            if 2 <= len(hit) < len(pool):
                return hit
        return []

    def _share(self, ask: Ask, pick: Pick, chosen: list[FactRow]) -> tuple[list[FactRow], derive.Derived]:
        if len(chosen) != 1 or chosen[0].measure == "percentage":
            return chosen, derive.Derived()
        part = chosen[0]
        siblings = _fetch(self.kb, [part.figure_id])
        for (_fig, path), fs in siblings.items():
            if re.match(r"^(eind)?totaal\b", path.split(" > ")[-1], re.I):
                whole = [f for f in fs if f.period_label == part.period_label and f.column_label == part.column_label]
                if whole:
                    return [part, whole[0]], derive.share(part, whole[0])
        return chosen, derive.Derived()

    def _chart(self, facts: list[FactRow], first: FactRow) -> Chart | None:
        """One series per (row, municipality, period kind): never a sum over kinds."""
        series: dict[tuple, ChartSeries] = {}
        for f in facts:
            if f.value is None or not f.period_label or f.measure != first.measure or f.unit != first.unit:
                continue
            if f.column_label != first.column_label and f.period_label == first.period_label and \
                    f.scope == first.scope and f.period_kind == first.period_kind:
                continue  # another column of the same period: not this series
            key = (f.scope or "", f.period_kind or "", f.column_label if not f.period_label else "")
            name = row_words(f) + (f" ({f.scope})" if f.scope else "")
            if f.period_kind and f.period_kind not in REALISED:
                name += f" – {f.period_kind}"
            s = series.setdefault(key, ChartSeries(name=name, kind=f.period_kind or "realisatie"))
            if any(p.period == f.period_label for p in s.points):
                continue
            s.points.append(ChartPoint(period=f.period_label, period_text=label_words(f.period_label),
                                       value=float(f.value)))
        useful = [s for s in series.values() if len(s.points) >= 2]
        if not useful:
            return None
        for s in useful:
            s.points.sort(key=lambda p: _period_sort(p.period))
        unit = (first.unit or "aantal").replace("1000000", "1.000.000").replace("1000", "1.000")
        title = row_words(first) + (f", {first.scope}" if first.scope else "")
        return Chart(title=title, unit=unit, y_from_zero=first.measure != "percentage" or True, series=useful[:6])


def _period_sort(label: str) -> tuple:
    from assistant.periods import from_label

    try:
        p = from_label(label)
        return (p.start, p.end)
    except ValueError:
        return (label,)


def _most_telling(misses: list[Miss]) -> Miss:
    order = {"status": -1, "period": 0, "measure": 1, "kind": 2, "scope": 3, "words": 4, "none": 5}
    return min(misses, key=lambda m: order.get(m.reason, 9)) if misses else Miss("none")


def describe_have(miss: Miss) -> str:
    """What the reports do hold for the row that came closest (Dutch)."""
    if not miss.row:
        return ""
    row = miss.row.split(" > ")[-1]
    where = f"‘{row}’ ({miss.figure})" if miss.figure else f"‘{row}’"
    if miss.reason == "period" and miss.have:
        periods = ", ".join(period_words(p) for p in miss.have if p)
        return f"Voor {where} staan cijfers over {periods}."
    if miss.reason == "measure" and miss.have:
        words = {"aantal": "aantallen", "geld": "bedragen", "percentage": "percentages",
                 "per_inwoners": "cijfers per 1.000 of 10.000 inwoners", "duur": "duur (weken/dagen)"}
        return f"{where} geeft alleen {', '.join(words.get(m, m) for m in miss.have)}."
    if miss.reason == "scope" and miss.have:
        return f"{where} gaat over {', '.join(h for h in miss.have if h)}."
    if miss.reason == "status" and miss.have:
        when = ", ".join(dict.fromkeys(when_words(f) for f in miss.facts if when_words(f)))
        return (f"In {where} staat voor {when or 'die periode'} geen getal maar ‘{', '.join(miss.have)}’ "
                "(niet bekend of niet van toepassing).")
    if miss.reason == "kind" and miss.have:
        return f"{where} geeft {', '.join(miss.have)}."
    return ""


def _fmt(v: float) -> str:
    return num(v)


__all__ = ["FigureRoute", "FigureAnswer", "Miss", "describe_have", "select", "matches", "sql_literal"]
