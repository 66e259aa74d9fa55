"""Score answers against a gold question set (the format of the development set).

A municipality can check the assistant on its own reports with its own questions: one JSON object per line,
{"id", "question", "kind": figure | compare | text | commitment | unanswerable, "expected": {"numbers",
"keywords", "answer"}, "source": {"doc", "lines": [first, last]}}. The judgement follows the evaluation
contract: figure and comparison questions need every expected number in the answer (Dutch notation:
1.408 = 1408, 1,6 = 1.6); text and commitment questions need half of the key phrases or a citation that
overlaps the evidence lines; unanswerable questions need a refusal. A refusal is never a wrong answer.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

DECLINE = re.compile(
    r"kan (dit|dat|het|hier)?\s*(niet|geen)|niet (te )?vinden|geen (informatie|gegevens|antwoord|cijfers)"
    r"|niet gevonden|staat niet in|ontbreek|onbekend|niet beschikbaar",
    re.I,
)
_NUM = re.compile(r"(?<![\w.,])[-−]?\d[\d.,]*\d%?|(?<![\w.,])[-−]?\d%?")


def parse_numbers(text: str) -> list[float]:
    """Numbers in Dutch or plain notation: 1.408 -> 1408, 1,60 -> 1.6, 2,1 -> 2.1."""
    out = []
    for tok in _NUM.findall(text or ""):
        t = tok.replace("−", "-").rstrip("%")
        try:
            if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", t):
                out.append(float(t.replace(".", "").replace(",", ".")))
            elif re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", t) and "." in t:
                out.append(float(t.replace(",", "")))
            elif re.fullmatch(r"-?\d+,\d+", t):
                out.append(float(t.replace(",", ".")))
            elif re.fullmatch(r"-?\d+(\.\d+)?", t):
                out.append(float(t))
            else:
                out.append(float(t.replace(".", "").replace(",", ".")))
        except ValueError:
            continue
    return out


def has_number(answer_numbers: list[float], want: float) -> bool:
    for n in answer_numbers:
        if abs(n - want) <= max(1e-6, abs(want) * 1e-4):
            return True
        if want != int(want) and abs(n - want) < 0.051:
            return True
    return False


def overlaps(cit: dict, source: dict, slack: int = 8) -> bool:
    if not source or not cit:
        return False
    doc = str(cit.get("doc") or "")
    if source.get("doc") and not doc.endswith(source["doc"]) and source["doc"] not in doc:
        return False
    lines = cit.get("lines") or []
    if len(lines) != 2 or not source.get("lines"):
        return False
    a, b = lines
    sa, sb = source["lines"]
    return a <= sb + slack and b >= sa - slack


@dataclass
class Verdict:
    id: str
    kind: str
    correct: bool
    cite_hit: bool | None
    refused: bool
    question: str = ""
    answer: str = ""
    want: str = ""


def judge(gold: dict, ans: dict) -> Verdict:
    kind = gold["kind"]
    exp = gold.get("expected", {})
    text = ans.get("answer") or ""
    refused = bool(ans.get("refused")) or (bool(DECLINE.search(text)) and not ans.get("citations"))
    cites = ans.get("citations") or []
    cite_hit = any(overlaps(c, gold.get("source") or {}) for c in cites)
    base = dict(id=gold.get("id", ""), kind=kind, question=gold.get("question", ""), answer=text,
                want=exp.get("answer", ""))
    if kind == "unanswerable":
        return Verdict(correct=refused, cite_hit=None, refused=refused, **base)
    nums = parse_numbers(text)
    want_nums = exp.get("numbers") or []
    kws = [k.lower() for k in exp.get("keywords") or []]
    if want_nums:
        correct = all(has_number(nums, float(w)) for w in want_nums) and not refused
    else:
        kw_hits = sum(1 for k in kws if k in text.lower())
        kw_ok = (kw_hits * 2 >= len(kws)) if kws else False
        correct = (kw_ok or cite_hit) and not refused
    return Verdict(correct=correct, cite_hit=cite_hit, refused=refused, **base)


@dataclass
class Report:
    verdicts: list[Verdict] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)

    @property
    def score(self) -> float:
        return sum(v.correct for v in self.verdicts) / len(self.verdicts) if self.verdicts else 0.0

    @property
    def answered(self) -> int:
        return sum(1 for v in self.verdicts if not v.refused)

    @property
    def wrong(self) -> int:
        return sum(1 for v in self.verdicts if not v.refused and not v.correct)

    def lines(self) -> list[str]:
        """The Dutch summary `python -m assistant eval` prints: per kind, then totals."""
        by = defaultdict(list)
        for v in self.verdicts:
            by[v.kind].append(v)
        out = [f"{'soort':14} {'n':>3} {'goed':>6} {'bron':>6} {'gegeven':>8} {'fout':>5}"]
        for kind in sorted(by):
            vs = by[kind]
            cites = [v.cite_hit for v in vs if v.cite_hit is not None]
            cite = f"{sum(cites) / len(cites):.0%}" if cites else "-"
            given = sum(1 for v in vs if not v.refused)
            wrong = sum(1 for v in vs if not v.refused and not v.correct)
            out.append(f"{kind:14} {len(vs):3} {sum(v.correct for v in vs) / len(vs):6.0%} {cite:>6} {given:8} {wrong:5}")
        if self.latencies:
            s = sorted(self.latencies)
            out.append(f"tijd per vraag (ms): p50 {s[len(s) // 2]:.0f}  p95 {s[min(len(s) - 1, int(len(s) * .95))]:.0f}")
        cites = [v.cite_hit for v in self.verdicts if v.cite_hit is not None]
        if cites:
            out.append(f"bron geraakt: {sum(cites) / len(cites):.0%} ({sum(cites)}/{len(cites)})")
        out.append(f"beantwoord: {self.answered}/{len(self.verdicts)}, waarvan fout: {self.wrong}")
        out.append(f"score: {self.score:.1%} ({sum(v.correct for v in self.verdicts)}/{len(self.verdicts)})")
        return out
