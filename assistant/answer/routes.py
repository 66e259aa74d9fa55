"""The routes of the answer engine, registered in one place (adding a route touches this module and its own)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from assistant.answer.commitments import CommitmentRoute
from assistant.answer.context import Knowledge
from assistant.answer.figure_route import FigureRoute
from assistant.answer.passages import TablePassageRoute, TextRoute


@dataclass
class Routes:
    commitments: CommitmentRoute
    figures: FigureRoute
    text: TextRoute
    table: TablePassageRoute


def make_routes(kb: Knowledge, lines_of, llm: Any = None) -> Routes:
    figures = FigureRoute(kb, lines_of)
    if llm is not None:
        from assistant.answer.llm import ModelChooser

        figures.chooser = ModelChooser(llm)
    return Routes(commitments=CommitmentRoute(kb), figures=figures, text=TextRoute(kb), table=TablePassageRoute(kb))
