"""``python -m bot health`` (the heartbeat, read-only) and ``python -m bot backup`` (the
SQLite backup API, consistent while the bot writes)."""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import socket
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.cli import backup_cmd, health_cmd
from bot.store import Store, StoreError
from bot.store.backup import backup_database
from bot.store.heartbeat import KEY, Heartbeat, assess, read_heartbeat

ROOT = Path(__file__).resolve().parents[2]
NOW = datetime(2030, 5, 14, 10, 0, tzinfo=UTC)
BEAT = Heartbeat(
    at=NOW, pid=42, host="box", connected=True, guilds=1, knowledge="TestConf", entries=30
)


@pytest.mark.parametrize(
    ("heartbeat", "seconds_later", "healthy", "words"),
    [
        (BEAT, 5, True, "connected to Discord (1 server(s)), serving 'TestConf' (30 entries)"),
        (BEAT, 90, True, "heartbeat 90 s ago"),
        (BEAT, 91, False, "last heartbeat 91 s ago"),
        (dataclasses.replace(BEAT, connected=False), 5, False, "not connected to Discord"),
        (dataclasses.replace(BEAT, entries=0), 5, False, "no knowledge base"),
        (dataclasses.replace(BEAT, stopped=True), 5, False, "the bot stopped"),
        (None, 0, False, "no heartbeat yet"),
    ],
)
def test_assess(heartbeat, seconds_later: int, healthy: bool, words: str) -> None:
    ok, why = assess(heartbeat, NOW + timedelta(seconds=seconds_later))
    assert ok is healthy and words in why


def test_heartbeat_round_trips_as_json() -> None:
    assert Heartbeat.from_json(BEAT.to_json()) == BEAT


def parse(module, *argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    module.register(parser.add_subparsers())
    return parser.parse_args(list(argv))


async def write_beat(path: Path, beat: Heartbeat | None) -> None:
    async with await Store.open(path, maintenance_interval=None) as store:
        if beat is not None:
            await store.put_meta(KEY, beat.to_json())


def test_health_command(tmp_path: Path, capsys) -> None:
    db = tmp_path / "bot.sqlite3"
    args = parse(health_cmd, "health", "--database", str(db))
    assert health_cmd.run(args) == 1
    assert "no database at" in capsys.readouterr().out
    asyncio.run(write_beat(db, None))
    assert health_cmd.run(args) == 1
    assert "no heartbeat yet" in capsys.readouterr().out
    fresh = dataclasses.replace(BEAT, at=datetime.now(UTC) - timedelta(seconds=10))
    asyncio.run(write_beat(db, fresh))
    assert health_cmd.run(args) == 0
    assert capsys.readouterr().out.startswith("healthy: connected to Discord")
    asyncio.run(write_beat(db, dataclasses.replace(fresh, at=fresh.at - timedelta(seconds=100))))
    assert health_cmd.run(args) == 1
    assert "is not running or is stuck" in capsys.readouterr().out
    db.write_bytes(b"not a database at all" * 100)
    assert health_cmd.run(args) == 1
    assert "cannot read" in capsys.readouterr().out


def test_health_through_the_real_entry_point(tmp_path: Path) -> None:
    """What Docker's HEALTHCHECK runs: DATABASE_PATH from the environment, read-only."""
    db = tmp_path / "bot.sqlite3"
    asyncio.run(write_beat(db, dataclasses.replace(BEAT, at=datetime.now(UTC))))
    before = db.read_bytes()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "health", "--json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "DATABASE_PATH": str(db)},
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert '"healthy": true' in done.stdout
    assert db.read_bytes() == before  # read-only: the database is left as it was


async def test_backup_is_consistent_while_the_bot_writes(tmp_path: Path) -> None:
    db = tmp_path / "bot.sqlite3"
    async with await Store.open(db, maintenance_interval=None) as store:
        for i in range(200):  # committed, still in the WAL (no checkpoint yet)
            await store.log_question(text=f"q{i}", source="text", answered=True)
        assert (tmp_path / "bot.sqlite3-wal").stat().st_size > 0
        stop = asyncio.Event()

        async def keep_writing() -> int:
            written = 0
            while not stop.is_set():
                await store.log_question(text="more", source="text", answered=False)
                written += 1
            return written

        writer = asyncio.create_task(keep_writing())
        counts = []
        for n in range(3):
            report = await asyncio.to_thread(backup_database, db, tmp_path / f"copy{n}.sqlite3")
            counts.append(report.questions)
            assert report.schema_version == store.schema_version
        stop.set()
        more = await writer
    assert 200 <= counts[0] <= counts[1] <= counts[2] <= 200 + more
    for n in range(3):
        with sqlite3.connect(tmp_path / f"copy{n}.sqlite3") as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == counts[n]
    assert not list(tmp_path.glob(".copy*"))  # no temporary file left


def test_backup_command_and_its_refusals(tmp_path: Path, capsys) -> None:
    db = tmp_path / "bot.sqlite3"
    asyncio.run(write_beat(db, None))
    target = tmp_path / "backups"
    target.mkdir()
    assert backup_cmd.run(parse(backup_cmd, "backup", str(target), "--database", str(db))) == 0
    (made,) = target.iterdir()
    assert made.name.startswith("questions-") and made.suffix == ".sqlite3"
    assert "0 question(s), schema" in capsys.readouterr().out
    again = parse(backup_cmd, "backup", str(made), "--database", str(db))
    assert backup_cmd.run(again) == 2
    assert "exists" in capsys.readouterr().err
    assert (
        backup_cmd.run(parse(backup_cmd, "backup", str(made), "--force", "--database", str(db)))
        == 0
    )
    with pytest.raises(StoreError, match="the database itself"):
        backup_database(db, db, overwrite=True)
    with pytest.raises(StoreError, match="no database"):
        backup_database(tmp_path / "nope.sqlite3", tmp_path / "x")
    with pytest.raises(StoreError, match="no folder"):
        backup_database(db, tmp_path / "missing" / "x.sqlite3")


async def test_the_running_bot_writes_a_heartbeat(tmp_path: Path) -> None:
    """The heartbeat cog writes through the store's own API (the Discord side is in
    tests/cogs/health/test_health_cog.py)."""
    db = tmp_path / "bot.sqlite3"
    async with await Store.open(db, maintenance_interval=None) as store:
        await store.put_meta(KEY, BEAT.to_json())
        assert await store.get_meta(KEY) == BEAT.to_json()
        assert read_heartbeat(db) == BEAT  # read while the bot holds the database open
    assert socket.gethostname()
