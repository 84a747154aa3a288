"""Regression cases for the answering engine: question -> expected entry, or "refuse".

Organisers keep their own cases (``python -m bot eval CASES.yaml``); the test suite keeps a
table of its own. A case is ``{q: "...", expect: "session:linuxkit"}`` (``kind:id``, or a bare
id matching any kind) or ``{q: "...", expect: refuse}``; ``now:`` optionally sets the clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from bot.answer.engine import Answer, Answerer
from bot.kb.schema import parse_datetime
from bot.kb.yaml_source import LineDict, LineList, YamlError, read_yaml

REFUSE = "refuse"


@dataclass(frozen=True)
class Case:
    question: str
    expect: str
    line: int = 0
    now: str = ""

    @property
    def refusal(self) -> bool:
        return self.expect == REFUSE


@dataclass(frozen=True)
class Outcome:
    case: Case
    answer: Answer

    @property
    def got(self) -> str:
        return f"{self.answer.kind}:{self.answer.id}" if self.answer.answered else REFUSE

    @property
    def ok(self) -> bool:
        if self.case.refusal:
            return not self.answer.answered
        if not self.answer.answered:
            return False
        if ":" in self.case.expect:
            return self.got == self.case.expect
        return self.answer.id == self.case.expect


@dataclass(frozen=True)
class Report:
    outcomes: tuple[Outcome, ...]

    def _rate(self, refusals: bool) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if o.case.refusal is refusals]
        return sum(o.ok for o in chosen), len(chosen)

    @property
    def answered_right(self) -> tuple[int, int]:
        return self._rate(False)

    @property
    def refused_right(self) -> tuple[int, int]:
        return self._rate(True)

    @property
    def score(self) -> float:
        total = len(self.outcomes)
        return 100.0 * sum(o.ok for o in self.outcomes) / total if total else 100.0

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]


class CasesError(Exception):
    pass


def read_cases(path: Path) -> list[Case]:
    """Read a cases file; raise :class:`CasesError` with ``file:line`` on a bad one."""
    try:
        data = read_yaml(path)
    except YamlError as exc:
        raise CasesError(str(exc)) from exc
    if isinstance(data, LineDict) and "cases" in data:
        data = data["cases"]
    if not isinstance(data, LineList):
        raise CasesError(f"{path}:1: expected a list of cases like - {{q: ..., expect: ...}}")
    cases = []
    for index, item in enumerate(data):
        line = data.line_of(index)
        if not isinstance(item, LineDict) or not isinstance(item.get("q"), str):
            raise CasesError(f"{path}:{line}: each case needs q: (the question, a string)")
        expect = item.get("expect")
        if not isinstance(expect, str) or not expect.strip():
            raise CasesError(f"{path}:{line}: each case needs expect: kind:id, an id, or refuse")
        unknown = set(item) - {"q", "expect", "now", "note"}
        if unknown:
            raise CasesError(
                f"{path}:{line}: unknown key(s) {sorted(unknown)}; expected q, expect, now, note"
            )
        cases.append(Case(item["q"], expect.strip(), line, str(item.get("now") or "")))
    return cases


def evaluate(answerer: Answerer, cases: list[Case]) -> Report:
    outcomes = []
    for case in cases:
        now = parse_datetime(case.now, answerer.kb.event.tz) if case.now else None
        outcomes.append(Outcome(case, answerer.ask(case.question, now=now)))
    return Report(tuple(outcomes))
