"""Public result types of the Assistant API (pydantic, so they serialise to the JSON contract)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

Route = Literal["sql", "text", "commitment", "none"]


class Citation(BaseModel):
    doc: str  # file name as ingested
    title: str = ""
    lines: list[int] = Field(default_factory=list)  # [first, last], 1-based inclusive
    page: int | None = None
    locator: str = ""  # "Figuur 3", a section heading, a toezegging number
    quote: str = ""


class Answer(BaseModel):
    question: str
    answer: str
    route: Route = "none"
    sql: str | None = None
    citations: list[Citation] = Field(default_factory=list)
    refused: bool = False
    elapsed_ms: float = 0.0
    # Figure answers: the rows behind the answer, and a series per row label over the periods.
    columns: list[str] = Field(default_factory=list)
    rows: list[dict[str, Any]] = Field(default_factory=list)
    chart: dict[str, Any] | None = None
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
            "citations": [c.model_dump() for c in self.citations],
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

    def citation(self, quote: str | None = None, lines: list[int] | None = None) -> Citation:
        return Citation(doc=self.doc, title=self.title, lines=lines or self.lines, page=self.page,
                        locator=self.figure or self.section.split(" > ")[-1] if (self.figure or self.section) else "",
                        quote=quote if quote is not None else self.text[:400])


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
