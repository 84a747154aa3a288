"""Hostile knowledge files are refused in bounded time and memory, with short messages.

An alias bomb is a few hundred bytes whose aliases stand for millions of values; printing
one (``{value!r}`` in a message) used to take minutes and gigabytes. The limits are made
small here (``MAX_NODES``) so the tests stay cheap; ``benchmarks/bench_hostile_kb.py``
measures 1 MB files against the real limits.
"""

from __future__ import annotations

import asyncio
import pickle
from datetime import UTC
from pathlib import Path

import pytest

from bot.cli import main
from bot.kb import KnowledgeBase, KnowledgeError, load_knowledge, yaml_source
from bot.kb.isolated import load_isolated
from bot.kb.schema import (
    Problem,
    Problems,
    Where,
    datetime_converter,
    list_of,
    shown,
    to_date,
    to_id,
    to_link,
    to_minutes,
    to_str,
    to_url,
)
from bot.kb.yaml_source import YamlError, parse_yaml

EVENT = """\
event:
  id: conf
  name: Conf
  timezone: UTC
  date: "2030-01-01"
"""


def bomb(levels: int, *, key: str = "duration") -> str:
    """A session whose ``key`` is ``9 ** levels`` copies of "lol", written in a few lines."""
    first = ", ".join(["lol"] * 9)
    lines = ["sessions:", "  - id: s", "    title: T", f"    aliases: &a0 [{first}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"    x{level}: &a{level} [{refs}]")
    lines.append(f"    {key}: *a{levels - 1}")
    return "\n".join(lines) + "\n"


def write(folder: Path, sessions: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "event.yaml").write_text(EVENT, encoding="utf-8")
    (folder / "sessions.yaml").write_text(sessions, encoding="utf-8")
    return folder


def problems(folder: Path) -> list[str]:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(folder)
    return [str(problem) for problem in caught.value.problems]


def test_an_alias_bomb_is_refused_with_a_short_message(tmp_path: Path) -> None:
    # 9 ** 7 = 4.8 million values from 400 bytes: printing them was a 30 MB message
    folder = write(tmp_path / "k", bomb(7))
    assert (folder / "sessions.yaml").stat().st_size < 500
    found = problems(folder)
    assert found == [
        f"{folder / 'sessions.yaml'}:9: with its aliases (*name) expanded, this holds more "
        "than 100,000 values: refused (a YAML alias bomb?); write the values out, or split "
        "the file"
    ]


def test_a_merge_key_bomb_is_refused(tmp_path: Path) -> None:
    text = "x0: &m0 {a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7, h: 8, i: 9}\n"
    for level in range(1, 9):
        text += f"x{level}: &m{level} {{<<: [" + ", ".join([f"*m{level - 1}"] * 9) + "]}\n"
    with pytest.raises(YamlError, match="alias bomb"):
        parse_yaml(text, "merge.yaml")


def test_the_limit_counts_values_as_they_are_composed(monkeypatch) -> None:
    monkeypatch.setattr(yaml_source, "MAX_NODES", 1000)
    with pytest.raises(YamlError, match=r"holds more than 1,000 values.*split it") as caught:
        parse_yaml("tags: [" + ", ".join(["a"] * 2000) + "]\n", "big.yaml")
    assert caught.value.line == 1
    # explicitly tagged values skip the composer's count; the expansion check still sees them
    with pytest.raises(YamlError, match=r"holds more than 1,000 values"):
        parse_yaml("tags: [" + ", ".join(["!!str a"] * 2000) + "]\n", "big.yaml")
    assert len(parse_yaml("tags: [" + ", ".join(["a"] * 900) + "]\n")["tags"]) == 900


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: " + "[" * 300 + "]" * 300, "nested more than 64 levels deep"),
        ("a: &x [*x]", "an alias refers to the list or mapping it is in"),
        ("a: " + "9" * 5000, "a number of more than 40 digits"),
        ("a: !!timestamp 2017-13-45", "a value cannot be read"),
    ],
    ids=["deep", "recursive", "huge-int", "bad-timestamp"],
)
def test_other_hostile_values_are_problems_not_crashes(text: str, message: str) -> None:
    # deep nesting was a RecursionError and a long number a ValueError: a traceback in `check`
    with pytest.raises(YamlError, match=message):
        parse_yaml(text + "\n", "x.yaml")


HUGE = list(range(10))
for _ in range(5):
    HUGE = [HUGE] * 10  # a million leaves, shared like an alias expansion


@pytest.mark.parametrize(
    "convert",
    [
        to_minutes,
        to_date,
        datetime_converter(UTC),
        to_url,
        to_link,
        to_id,
        to_str,
        list_of(to_str),
    ],
    ids=["minutes", "date", "datetime", "url", "link", "id", "str", "list"],
)
@pytest.mark.parametrize(
    "value", [HUGE, "x" * 1_000_000, 10**39], ids=["nested", "long", "longest-int"]
)
def test_messages_never_print_a_whole_value(convert, value) -> None:
    problems = Problems()
    convert(value, Where("f.yaml", 3, "sessions[0].field"), problems)
    assert all(len(p.message) < 300 for p in problems), [p.message[:300] for p in problems]


def test_shown_names_containers_and_clips_strings() -> None:
    assert shown([1, 2]) == "a list" and shown({"a": 1}) == "a mapping"
    assert shown("x" * 200) == repr("x" * 80) + "…"
    assert shown(12) == "12" and shown(None) == "None" and shown(10**100) == "a very long number"


def test_check_reports_a_bomb_with_exit_2_and_no_traceback(tmp_path: Path, capsys) -> None:
    folder = write(tmp_path / "k", bomb(8))
    assert main(["check", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "alias bomb" in err and "Traceback" not in err and len(err) < 1000


def test_a_long_unique_list_is_checked_in_linear_time(tmp_path: Path) -> None:
    # 20,000 distinct tags: a quadratic "is it listed twice?" did 200 million comparisons
    tags = ", ".join(f"t{n}" for n in range(20_000))
    folder = write(tmp_path / "k", f"sessions:\n  - id: s\n    title: T\n    tags: [{tags}]\n")
    assert len(load_knowledge(folder).session("s").tags) == 20_000


# -- reloading in a child process ------------------------------------------------------------


async def test_load_isolated_returns_what_the_loader_returns(tmp_path: Path) -> None:
    good = write(tmp_path / "good", "sessions:\n  - id: s\n    title: T\n")
    loaded = await load_isolated(good)
    assert isinstance(loaded, KnowledgeBase) and loaded == load_knowledge(good)
    bad = write(tmp_path / "bad", bomb(8))
    refused = await load_isolated(bad)
    assert isinstance(refused, KnowledgeError)
    assert [str(p) for p in refused.problems] == problems(bad)


async def test_a_reload_past_its_deadline_is_stopped_and_reported(tmp_path: Path) -> None:
    folder = write(tmp_path / "k", "sessions: []\n")
    result = await load_isolated(folder, timeout=0.001)
    assert isinstance(result, KnowledgeError)
    assert "took longer than 0.001 s and was stopped" in str(result)


async def test_the_event_loop_runs_while_a_reload_loads(tmp_path: Path) -> None:
    folder = write(tmp_path / "k", "sessions: []\n")
    ticks = 0

    async def ticker() -> None:
        nonlocal ticks
        while True:
            ticks += 1
            await asyncio.sleep(0)

    task = asyncio.create_task(ticker())
    try:
        assert isinstance(await load_isolated(folder), KnowledgeBase)
    finally:
        task.cancel()
    assert ticks > 10, "the loop waited on a pipe, not on the loader"


def test_knowledge_errors_survive_pickling() -> None:
    error = KnowledgeError([Problem("a.yaml", 3, "wrong")])
    copy = pickle.loads(pickle.dumps(error))
    assert copy.problems == error.problems and str(copy) == str(error)
