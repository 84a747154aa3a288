"""``python -m bot questions``: output, exports, erase/purge, and clear errors (exit 2)."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import os
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from bot.agenda.when import parse_since
from bot.cli import questions_cmd
from bot.store import Store

from .helpers import START, FakeClock

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"

ENV = (
    "DATABASE_PATH",
    "USER_KEY_SECRET",
    "STORE_RAW_USER_IDS",
    "RETENTION_DAYS",
    "DISCORD_TOKEN",
)


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no .env from the developer's checkout
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot")
    questions_cmd.register(parser.add_subparsers(dest="command"))
    return parser.parse_args(["questions", *argv])


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    code = questions_cmd.run(parse(*argv), out=out)
    return code, out.getvalue()


async def _seed(path: Path) -> None:
    clock = FakeClock()
    async with await Store.open(path, clock=clock, maintenance_interval=None) as store:
        for n in range(6):
            clock.advance(minutes=20)
            qid = await store.log_question(
                text=f"who talked about linux kit {n}",
                source="text",
                answered=True,
                user_id=7 if n < 2 else 8,
                matched_kind="session",
                matched_id="linuxkit",
                latency_ms=5.0 + n,
            )
            await store.rate(qid, 100 + n, n % 2 == 0)
        await store.log_question(
            text="keynote when",
            source="ask",
            answered=True,
            matched_kind="session",
            matched_id="keynote",
            user_id=8,
        )
        for text in ("C'est où le vestiaire ?", "c'est ou le vestiaire", "wifi password"):
            clock.advance(minutes=5)
            await store.log_question(text=text, source="text", answered=False, user_id=9)


@pytest.fixture
def seeded(tmp_path: Path) -> Path:
    path = tmp_path / "q.sqlite3"
    asyncio.run(_seed(path))
    return path


def test_default_shows_stats_and_top(seeded: Path) -> None:
    code, out = run("--database", str(seeded), "--tz", "Europe/Paris")
    assert code == 0
    assert "Questions, all time (times in Europe/Paris)" in out
    assert "total          10" in out
    assert "answered       7 (70%)" in out
    assert "3 helpful, 3 not helpful (50% helpful)" in out
    assert "busiest hours  13:00 (5), 12:00 (3), 11:00 (2)" in out  # UTC+2 in June
    assert "session:linuxkit" in out and "who talked about linux kit 5" in out
    assert "3 refused: see --unanswered" in out


def test_unanswered(seeded: Path) -> None:
    code, out = run("--database", str(seeded), "--unanswered")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Unanswered")
    assert "wifi password" in lines[2] and lines[2].split()[0] == "1"
    assert "c'est ou le vestiaire" in lines[3] and lines[3].split()[0] == "2"


def test_top_since(seeded: Path) -> None:
    since = (START + timedelta(minutes=90)).isoformat()
    code, out = run("--database", str(seeded), "--top", "--since", since)
    assert code == 0
    assert "  1      2  session:linuxkit" in out
    assert "  2      1  session:keynote" in out


def test_csv_to_file_and_stdout(seeded: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.csv"
    code, out = run("--database", str(seeded), "--csv", str(target))
    assert code == 0 and "wrote 10 question(s)" in out
    with open(target, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 10 and rows[-1]["text"] == "wifi password"
    code, out = run(
        "--database",
        str(seeded),
        "--csv",
        "-",
        "--since",
        "20m",
        "--now",
        (START + timedelta(hours=2, minutes=30)).isoformat(),
    )
    assert code == 0
    assert len(list(csv.DictReader(io.StringIO(out)))) == 2


def test_erase_user_uses_the_bots_key(seeded: Path) -> None:
    code, out = run("--database", str(seeded), "--erase-user", "7")
    assert code == 0 and "erased user 7: 2 question(s)" in out
    code, out = run("--database", str(seeded))
    assert "total          8" in out


def meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT key, value FROM meta"))


def count(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0]


async def _seed_with_secret(path: Path, secret: str) -> None:
    async with await Store.open(path, user_key_secret=secret, maintenance_interval=None) as s:
        await s.log_question(
            text="who talks about linuxkit?", source="text", answered=True, user_id=7
        )


def test_erase_without_the_bots_configured_key_refuses_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The probe: run from a folder without the bot's .env. It hashed with a newly
    generated secret, erased 0 questions, exited 0, and stored that secret."""
    path = tmp_path / "q.sqlite3"
    asyncio.run(_seed_with_secret(path, "the-bots-secret"))
    before = meta(path)
    assert "user_key_secret" not in before and "user_key_check" in before
    code, out = run("--database", str(path), "--erase-user", "7")
    assert code == 2 and out == ""
    err = capsys.readouterr().err
    assert "made with a USER_KEY_SECRET that is not set here" in err
    assert meta(path) == before, "no secret written, nothing overwritten"
    assert count(path) == 1
    code, _ = run("--database", str(path))  # reports need no key
    assert code == 0


def test_erase_with_a_key_that_disagrees_refuses_loudly(
    seeded: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    before = meta(seeded)
    monkeypatch.setenv("USER_KEY_SECRET", "another-secret")
    code, out = run("--database", str(seeded), "--erase-user", "7")
    assert code == 2 and "erased" not in out
    assert "USER_KEY_SECRET does not match the key" in capsys.readouterr().err
    assert meta(seeded) == before and count(seeded) == 10


def test_erase_with_the_bots_configured_key_erases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "q.sqlite3"
    asyncio.run(_seed_with_secret(path, "the-bots-secret"))
    monkeypatch.setenv("USER_KEY_SECRET", "the-bots-secret")
    code, out = run("--database", str(path), "--erase-user", "7")
    assert code == 0 and "erased user 7: 1 question(s)" in out
    assert count(path) == 0


def test_purge(seeded: Path) -> None:
    code, out = run("--database", str(seeded), "--purge", "--now", "2017-12-31")
    assert code == 0 and "(90 days): 10 question(s)" in out


def test_database_from_settings(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DATABASE_PATH", str(seeded))
    code, out = run("--top")
    assert code == 0 and "session:linuxkit" in out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: None, "no database at"),
        (lambda p: p.write_bytes(os.urandom(4096)), "not a database / corrupt: move it aside"),
    ],
)
def test_unusable_database_exits_2_with_a_clear_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], make, message: str
) -> None:
    path = tmp_path / "bad.sqlite3"
    make(path)
    code, _ = run("--database", str(path))
    assert code == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and message in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("argv", "message"),
    [(("--since", "yesterday"), "--since"), (("--tz", "Mars/Olympus"), "unknown time zone")],
)
def test_bad_arguments_exit_2(
    seeded: Path, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], message: str
) -> None:
    code, _ = run("--database", str(seeded), *argv)
    assert code == 2
    assert message in capsys.readouterr().err


def test_parse_since() -> None:
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    assert parse_since("7d", START, paris) == START - timedelta(days=7)
    assert parse_since("90m", START, paris) == START - timedelta(minutes=90)
    assert parse_since("2017-06-13T11:00", START, paris) == START
    assert parse_since("2017-06-13T09:00+00:00", START, paris) == START
    for huge in ("999999d", "99999999999d", "0001-01-01x"):
        with pytest.raises(ValueError, match="7d, 12h, 30m"):
            parse_since(huge, START, paris)


HOSTILE = '\x1b]0;pwned\x07\x1b[2J\x1b[31m=HYPERLINK("http://x")\r\u202egnirts'


async def _seed_hostile(path: Path) -> None:
    async with await Store.open(path, clock=FakeClock(), maintenance_interval=None) as store:
        await store.log_question(text=HOSTILE, source="text", answered=False, user_id=1)
        await store.log_question(
            text=f"linuxkit {HOSTILE}",
            source="text",
            answered=True,
            matched_kind="session",
            matched_id="linuxkit",
            user_id=2,
        )
        await store.log_question(text="\x1b=1+1", source="text", answered=False, user_id=3)


@pytest.mark.parametrize("report", [["--unanswered"], ["--top"], [], ["--csv", "-"]])
def test_attendee_text_reaches_the_terminal_without_control_characters(
    tmp_path: Path, report: list[str]
) -> None:
    path = tmp_path / "q.sqlite3"
    asyncio.run(_seed_hostile(path))
    code, out = run("--database", str(path), *report)
    assert code == 0
    unsafe = [c for c in out if (ord(c) < 32 and c not in "\n") or c in "\x7f\u202e"]
    assert unsafe == [], out
    if report == ["--unanswered"]:
        assert "=HYPERLINK" in out and "gnirts" in out  # the text is still shown


def test_csv_cells_never_start_a_formula_even_behind_control_characters(tmp_path: Path) -> None:
    path = tmp_path / "q.sqlite3"
    asyncio.run(_seed_hostile(path))
    status, out = run("--database", str(path), "--csv", "-")
    assert status == 0
    texts = [row["text"] for row in csv.DictReader(io.StringIO(out))]
    assert texts[0] == ']0;pwned[2J[31m=HYPERLINK("http://x")gnirts', "harmless once ESC is gone"
    assert texts[2] == "'=1+1", "the formula was hidden behind an ESC"


def _seed_titles(path: Path) -> None:
    async def seed() -> None:
        async with await Store.open(path, maintenance_interval=None) as store:
            for kind, entry_id in (("session", "cormack-linuxkit"), ("session", "7207")):
                await store.log_question(
                    text="q", source="text", answered=True, matched_kind=kind, matched_id=entry_id
                )

    asyncio.run(seed())


def test_top_shows_titles_from_the_knowledge_base(tmp_path: Path) -> None:
    database = tmp_path / "titles.sqlite3"
    _seed_titles(database)
    code, out = run("--database", str(database), "--top", "--knowledge", str(KNOWLEDGE))
    assert code == 0
    assert "LinuxKit" in out and "session:cormack-linuxkit" not in out
    assert "session:7207" in out  # not (or no longer) in the knowledge base: its id


def test_top_without_a_loadable_knowledge_base_shows_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    database = tmp_path / "titles.sqlite3"
    _seed_titles(database)
    code, out = run("--database", str(database), "--top", "--knowledge", str(tmp_path / "none"))
    assert code == 0
    assert "session:cormack-linuxkit" in out
    assert "entries are shown by id" in capsys.readouterr().err
