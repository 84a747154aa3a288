"""The command line as a user runs it: real subprocesses, the shipped knowledge base."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import COMMANDS, main, with_command

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _database_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The console logs to DATABASE_PATH: keep it out of the repository."""
    monkeypatch.setenv("DATABASE_PATH", str(tmp_path / "questions.sqlite3"))


def run(
    *args: str, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
        timeout=60,
    )


def test_no_token_opens_the_console_and_answers_stdin_lines() -> None:
    done = run(stdin="when is the linuxkit talk?\n\nqui parle de sécurité ?\n")
    assert done.returncode == 0, done.stderr
    assert "DISCORD_TOKEN" in done.stdout
    assert "LinuxKit" in done.stdout
    assert "Traceback" not in done.stderr


def test_console_logs_every_question(tmp_path: Path) -> None:
    database = tmp_path / "questions.sqlite3"
    done = run(stdin="what is draft?\nrecette de la tarte tatin\n")
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(database) as conn:
        rows = conn.execute("SELECT source, text, answered, matched_id FROM questions").fetchall()
    assert rows == [
        ("console", "what is draft?", 1, "draft"),
        ("console", "recette de la tarte tatin", 0, None),
    ]


def test_console_without_a_usable_database_still_answers(tmp_path: Path) -> None:
    database = tmp_path / "broken.sqlite3"
    database.write_bytes(b"not a database" * 200)
    done = run(stdin="what is draft?\n", env={"DATABASE_PATH": str(database)})
    assert done.returncode == 0
    assert "warning: questions are not logged" in done.stderr
    assert "Draft" in done.stdout
    assert database.read_bytes() == b"not a database" * 200


def test_ask_json_stdin_gives_one_object_per_line_in_order() -> None:
    questions = ["what is Draft?", "", "what is the weather like", "who is jason hanson"]
    done = run("ask", "--json", "-", stdin="\n".join(questions) + "\n")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == len(questions)
    objects = [json.loads(line) for line in lines]
    for obj in objects:
        # the stable keys, and the ones added since (lists, partial answers, evidence)
        assert {"answered", "kind", "id", "title", "text", "score", "alternatives"} <= set(obj)
        assert {"sessions", "reason", "missing", "fact", "premise", "evidence"} <= set(obj)
    assert objects[0]["id"] == "draft"
    assert objects[1]["answered"] is False
    assert objects[2]["answered"] is False
    assert objects[3]["id"] == "jason-hansen"


def test_ask_with_now(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--json", "--now", "2017-06-13T09:45", "what's on now?"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "session" and answer["answered"]
    assert main(["ask", "--now", "yesterday", "what's on now?"]) == 2


def test_kb_json_lists_every_entry(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert {e["kind"] for e in entries} == {"event", "session", "speaker", "company", "tool", "faq"}
    assert all(set(e) == {"kind", "id", "title", "aliases", "text"} for e in entries)


def test_check_valid_and_invalid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    (tmp_path / "event.yaml").write_text("event:\n  id: x\n  name: X\n", encoding="utf-8")
    assert main(["check", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'event.yaml'}:2:" in err
    assert "timezone" in err


def test_eval_prints_failures_and_honours_min(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- {q: what is draft, expect: 'tool:draft'}\n"
        "- {q: what is draft, expect: 'tool:helm'}\n"
        "- {q: recette de la tarte tatin, expect: refuse}\n",
        encoding="utf-8",
    )
    assert main(["eval", str(cases)]) == 0
    out = capsys.readouterr().out
    assert "tool:helm" in out and "66.7%" in out
    assert main(["eval", str(cases), "--min", "90"]) == 1
    cases.write_text("- {q: 1}\n", encoding="utf-8")
    assert main(["eval", str(cases)]) == 2


def test_broken_knowledge_gives_file_line_not_traceback(tmp_path: Path) -> None:
    (tmp_path / "bad.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    done = run("ask", "--knowledge", str(tmp_path), "hello")
    assert done.returncode == 2
    assert "bad.yaml:" in done.stderr and "Traceback" not in done.stderr


# -- --knowledge before and after every command ------------------------------------------------

KNOWLEDGE_COMMANDS = {
    "run": [],
    "chat": [],
    "ask": ["hello"],
    "kb": [],
    "check": [],
    "eval": ["cases.yaml"],
    "export": ["ics"],
}


DATABASE_ONLY = {"health", "backup"}
"""Commands that read only the database (``--knowledge`` before them is accepted and unused)."""


def test_every_command_takes_knowledge() -> None:
    """A new command must say how it takes --knowledge (the README promises it everywhere)."""
    assert set(KNOWLEDGE_COMMANDS) | {"questions", "import"} | DATABASE_ONLY == set(COMMANDS)


@pytest.mark.parametrize("command", sorted(DATABASE_ONLY))
def test_database_only_commands_accept_knowledge_before_them(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = [str(tmp_path / "copy.sqlite3")] if command == "backup" else []
    argv = ["--knowledge", str(tmp_path), command, *target, "--database", str(tmp_path / "x")]
    assert main(argv) in (1, 2)  # no database there: said, not a usage error
    captured = capsys.readouterr()
    assert "no database at" in captured.out + captured.err


@pytest.mark.parametrize("command", sorted(KNOWLEDGE_COMMANDS))
@pytest.mark.parametrize("before", [True, False], ids=["before", "after"])
def test_knowledge_before_or_after_any_command(
    command: str,
    before: bool,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the checkout
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    (tmp_path / "cases.yaml").write_text("- {q: what is draft, expect: refuse}\n", "utf-8")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "bad.yaml").write_text("event: [unclosed\n", encoding="utf-8")
    option = ["--knowledge", str(broken)]
    rest = [command, *KNOWLEDGE_COMMANDS[command]]
    assert main([*option, *rest] if before else [*rest, *option]) == 2
    assert "bad.yaml" in capsys.readouterr().err


def test_knowledge_alone_runs_the_console(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO("what is draft?\n"))
    assert main(["--knowledge", str(ROOT / "knowledge"), "--now", "2017-06-13T10:00"]) == 0
    assert "Draft" in capsys.readouterr().out
    assert with_command(["--knowledge", "d", "ask", "x"]) == ["--knowledge", "d", "ask", "x"]
    assert with_command(["--knowledge=d", "--now", "x"]) == ["--knowledge=d", "run", "--now", "x"]
    assert with_command([]) == ["run"]
