"""Public result types of the Assistant API (pydantic, so they serialise to the JSON contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Route = Literal["sql", "text", "commitment", "none"]

# The keys of a citation in the evaluation contract (eval/CONTRACT.md); the other fields are for the UI.
CONTRACT_CITATION_KEYS = ("doc", "title", "lines", "page", "locator", "quote")


class Citation(BaseModel):
    doc: str  # file name as ingested
    title: str = ""
    lines: list[int] = Field(default_factory=list)  # [first, last], 1-based inclusive
    page: int | None = None
    locator: str = ""  # "Figuur 3", a section heading, a toezegging number
    quote: str = ""
    # Presentation details, not part of the contract:
    row_lines: list[int] = Field(default_factory=list)  # the line(s) holding the cited figure or sentence
    header_lines: list[int] = Field(default_factory=list)  # the table's header lines, shown above the row
    highlight: list[str] = Field(default_factory=list)  # texts to mark inside the cited lines (raw cells)
    section: str = ""  # section path, the locator of last resort for text files without pages


class Headline(BaseModel):
    """The figure an answer is about, written for people: shown first and large."""

    value: str  # "1.408", "€ 34,0 miljoen", "7,9%"
    label: str = ""  # "cliënten Jeugdwet"
    period: str = ""  # "eerste helft 2018"
    municipality: str = ""
    notation: str = ""  # the table's own notation when it differs: "€ 33.976 × 1.000"

    def text(self) -> str:
        parts = [f"{self.value} {self.label}".strip()]
        if self.municipality:
            parts.append(self.municipality)
        if self.period:
            parts.append(self.period)
        return ", ".join(parts)


class ChartPoint(BaseModel):
    period: str  # period label: "2018-H1", "2017", "2023-03"
    period_text: str  # in words: "1e helft 2018"
    value: float


class ChartSeries(BaseModel):
    name: str  # row (and municipality) of the series
    kind: str = ""  # period kind: realisatie, begroting, ...
    points: list[ChartPoint] = Field(default_factory=list)


class Chart(BaseModel):
    title: str  # names the row and the municipality
    unit: str = ""  # axis title: "aantal", "€ x 1.000", "%"
    y_from_zero: bool = True  # counts and amounts start at 0
    series: list[ChartSeries] = Field(default_factory=list)


class Scope(BaseModel):
    """What an answer was restricted to: from the question or from the UI/CLI filters."""

    municipality: str | None = None
    year: int | None = None


class Answer(BaseModel):
    question: str
    answer: str
    route: Route = "none"
    sql: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    elapsed_ms: float = 0.0
    # Figure answers: the headline figure, one sentence of context, the rows behind the answer.
    headline: Headline | None = None
    context: str = ""
    derivation: str = ""  # a computed number with its operands: "1.310 − 1.250 = 60"
    columns: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    chart: Chart | None = None
    scope: Scope = Field(default_factory=Scope)
    suggestions: list[Citation] = Field(default_factory=list)  # closest passages when refused
    notice: str | None = None  # e.g. "vraag ingekort tot 500 tekens"

    def contract(self, qid: str | None = None) -> dict[str, Any]:
        """The object `ask --json` prints (eval/CONTRACT.md)."""
        out: dict[str, Any] = {}
        if qid is not None:
            out["id"] = qid
        out.update({
            "question": self.question,
            "answer": self.answer,
            "route": self.route,
            "sql": self.sql,
            "citations": [c.model_dump(include=set(CONTRACT_CITATION_KEYS)) for c in self.citations],
            "refused": self.refused,
            "elapsed_ms": round(self.elapsed_ms, 1),
        })
        return out


class Passage(BaseModel):
    chunk_id: str
    doc: str
    title: str = ""
    lines: list[int]
    page: int | None = None
    section: str = ""
    figure: str = ""
    text: str
    score: float = 0.0
    municipality: str | None = None
    kind: str = "prose"  # prose | table | list | quote

    def citation(self, quote: str | None = None, lines: list[int] | None = None) -> Citation:
        return Citation(doc=self.doc, title=self.title, lines=lines or self.lines, page=self.page,
                        locator=self.figure or self.section.split(" > ")[-1] if (self.figure or self.section) else "",
                        quote=quote if quote is not None else self.text[:400], section=self.section)


class SourceLine(BaseModel):
    line_no: int
    page: int | None = None
    text: str
    highlighted: bool = False


class SourceView(BaseModel):
    doc: str
    title: str = ""
    first: int
    last: int
    lines: list[SourceLine]
