"""Conventions that keep the engine easy to change: every tuned number says what raising or
lowering it trades off, and no engine module grows past a size a newcomer can read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ANSWER = Path(__file__).resolve().parents[2] / "bot" / "answer"
MODULES = sorted(ANSWER.glob("*.py"))
MAX_LINES = 450


def _undocumented_numbers(path: Path) -> list[str]:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    found = []
    for position, node in enumerate(body):
        if not (isinstance(node, ast.Assign) and len(node.targets) == 1):
            continue
        target = node.targets[0]
        value = node.value
        numeric = isinstance(value, ast.Constant) and type(value.value) in (int, float)
        if not (isinstance(target, ast.Name) and target.id.isupper() and numeric):
            continue
        after = body[position + 1] if position + 1 < len(body) else None
        documented = (
            isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        )
        if not documented:
            found.append(target.id)
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_every_tuned_number_explains_itself(path: Path) -> None:
    assert _undocumented_numbers(path) == [], f"{path.name}: give each a docstring"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_engine_modules_stay_readable(path: Path) -> None:
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{path.name}: {lines} lines; split it along a seam"


def test_the_convention_check_finds_an_undocumented_number(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text('DOCUMENTED = 1\n"""Why."""\n\nBARE = 0.5\n', encoding="utf-8")
    assert _undocumented_numbers(sample) == ["BARE"]
