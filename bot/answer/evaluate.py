"""Regression cases for the answering engine: question -> expected entry, or "refuse".

Organisers keep their own cases (``python -m bot eval CASES.yaml``); the test suite keeps
tables of its own. A case is a mapping:

- ``q``: the question;
- ``expect``: ``kind:id`` (or a bare id matching any kind), a list of them (any one is
  right: a topic with several good answers), or ``refuse``;
- ``also`` (optional): the answers of the question's other parts, in order ("when does it
  start and where is it?");
- ``type`` (optional): the pattern the case tests, for per-type figures;
- ``now`` (optional): the clock; ``note`` (optional): why.

Every outcome is one of three: **right**, **refused** (the bot said it does not know a
question it should have answered) or **wrong** (it answered, and not with what was
expected: a confident wrong answer, the one attendees never forgive; answering a question it
should have refused counts here too).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.answer.engine import Answer, Answerer
from bot.kb.model import KnowledgeBase
from bot.kb.schema import parse_datetime
from bot.kb.yaml_source import LineDict, LineList, YamlError, read_yaml

REFUSE = "refuse"
RIGHT, REFUSED, WRONG = "right", "refused", "wrong"


@dataclass(frozen=True)
class Case:
    question: str
    expect: str | tuple[str, ...]
    line: int = 0
    now: str = ""
    also: tuple[str | tuple[str, ...], ...] = ()
    type: str = ""

    @property
    def refusal(self) -> bool:
        return self.expect == REFUSE

    @property
    def expected(self) -> tuple[str, ...]:
        return (self.expect,) if isinstance(self.expect, str) else self.expect

    @property
    def label(self) -> str:
        return "|".join(self.expected)


def _matches(answer: Answer, expected: Iterable[str]) -> bool:
    """Whether ``answer`` is one of ``expected`` (``kind:id`` or a bare id)."""
    if not answer.answered:
        return False
    got = f"{answer.kind}:{answer.id}"
    return any(got == want if ":" in want else answer.id == want for want in expected)


def _expected_of(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else value


@dataclass(frozen=True)
class Outcome:
    case: Case
    answer: Answer

    @property
    def got(self) -> str:
        return f"{self.answer.kind}:{self.answer.id}" if self.answer.answered else REFUSE

    @property
    def verdict(self) -> str:
        """``right``, ``refused`` or ``wrong`` (see the module docstring)."""
        if self.case.refusal:
            return WRONG if self.answer.answered else RIGHT
        if not self.answer.answered:
            return REFUSED
        if not _matches(self.answer, self.case.expected):
            return WRONG
        parts = self.answer.parts[1:]
        for index, want in enumerate(self.case.also):
            if index >= len(parts):
                return REFUSED
            wanted = _expected_of(want)
            if wanted == (REFUSE,):
                if parts[index].answered:
                    return WRONG
            elif not _matches(parts[index], wanted):
                return REFUSED if not parts[index].answered else WRONG
        return RIGHT

    @property
    def ok(self) -> bool:
        return self.verdict == RIGHT


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
    def confidently_wrong(self) -> tuple[int, int]:
        """Answers that were wrong (including answers to must-refuse questions), of all."""
        return sum(o.verdict == WRONG for o in self.outcomes), len(self.outcomes)

    @property
    def wrongly_refused(self) -> tuple[int, int]:
        chosen = [o for o in self.outcomes if not o.case.refusal]
        return sum(o.verdict == REFUSED for o in chosen), len(chosen)

    @property
    def score(self) -> float:
        total = len(self.outcomes)
        return 100.0 * sum(o.ok for o in self.outcomes) / total if total else 100.0

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.ok]

    def by_type(self) -> dict[str, dict[str, int]]:
        """``{type: {"n", "right", "refused", "wrong"}}`` (cases without a type: ``"-"``)."""
        table: dict[str, dict[str, int]] = {}
        for outcome in self.outcomes:
            row = table.setdefault(
                outcome.case.type or "-", {"n": 0, RIGHT: 0, REFUSED: 0, WRONG: 0}
            )
            row["n"] += 1
            row[outcome.verdict] += 1
        return dict(sorted(table.items()))


class CasesError(Exception):
    pass


_KEYS = {"q", "expect", "also", "type", "now", "note"}


def _expectation(value: object) -> str | tuple[str, ...] | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, list) and value and all(isinstance(v, str) and v.strip() for v in value):
        items = tuple(v.strip() for v in value)
        return items[0] if len(items) == 1 else items
    return None


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
        expect = _expectation(item.get("expect"))
        if expect is None:
            raise CasesError(
                f"{path}:{line}: each case needs expect: kind:id, an id, a list of them, or refuse"
            )
        unknown = set(item) - _KEYS
        if unknown:
            raise CasesError(
                f"{path}:{line}: unknown key(s) {sorted(unknown)}; expected {sorted(_KEYS)}"
            )
        also_raw = item.get("also") or []
        also = [_expectation(v if isinstance(v, list) else str(v)) for v in also_raw]
        if not isinstance(also_raw, list) or any(a is None for a in also):
            raise CasesError(f"{path}:{line}: also: must be a list of expected answers")
        cases.append(
            Case(
                item["q"],
                expect,
                line,
                str(item.get("now") or ""),
                tuple(a for a in also if a is not None),
                str(item.get("type") or ""),
            )
        )
    return cases


def unknown_ids(kb: KnowledgeBase, cases: list[Case]) -> list[tuple[Case, str]]:
    """Expected ids that the knowledge base does not have: a typo in the cases, not a miss."""
    known = {f"{kind}:{entry.id}" for kind, entry in kb.entries()}
    bare = {entry.id for _, entry in kb.entries()}
    out = []
    for case in cases:
        for value in (case.expect, *case.also):
            for want in _expected_of(value):
                if want == REFUSE:
                    continue
                if (want not in known) if ":" in want else (want not in bare):
                    out.append((case, want))
    return out


def evaluate(answerer: Answerer, cases: list[Case]) -> Report:
    outcomes = []
    for case in cases:
        now = parse_datetime(case.now, answerer.kb.event.tz) if case.now else None
        outcomes.append(Outcome(case, answerer.ask(case.question, now=now)))
    return Report(tuple(outcomes))
