"""The database file deleted or replaced while the store holds it open: SQLite keeps writing
to the unlinked file and every write "succeeds", then is lost at exit. The store notices on
the next write, before acknowledging it."""

from __future__ import annotations

import logging
import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.store import Store, StoreError


def texts(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return [row[0] for row in conn.execute("SELECT text FROM questions ORDER BY id")]


async def ask(store: Store, text: str) -> int:
    return await store.log_question(text=text, source="console", answered=True)


@pytest.mark.parametrize("what", ["file", "folder"])
async def test_a_deleted_database_is_written_back_and_nothing_is_lost(
    store: Store, db_path: Path, caplog, what: str
) -> None:
    caplog.set_level(logging.ERROR, logger="bot.store.connection")
    await ask(store, "before")
    if what == "file":
        db_path.unlink()  # `rm questions.sqlite3`: its -wal and -shm stay behind
    else:
        shutil.rmtree(db_path.parent)
    assert await ask(store, "after") == 2
    assert "was deleted while the bot was running: written back" in caplog.text
    assert texts(db_path) == ["before", "after"], "the acknowledged write is in the file"
    await ask(store, "later")
    assert await store.announced_schedule() == {}
    await store.close()
    assert texts(db_path) == ["before", "after", "later"]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


async def test_a_replaced_database_stops_the_store_and_keeps_a_copy(
    store: Store, db_path: Path, caplog
) -> None:
    await ask(store, "mine")
    aside = db_path.with_name("aside.sqlite3")
    db_path.rename(aside)
    with sqlite3.connect(db_path) as other:  # someone puts another database there
        other.execute("CREATE TABLE theirs (x)")
    with pytest.raises(StoreError, match="was replaced while the bot ran"):
        await ask(store, "not acknowledged")
    assert store.closed
    assert "replaced by another file" in caplog.text
    (saved,) = db_path.parent.glob("questions.sqlite3.recovered-*")
    assert texts(saved) == ["mine", "not acknowledged"]
    with sqlite3.connect(db_path) as other:
        assert [r[0] for r in other.execute("SELECT name FROM sqlite_master")] == ["theirs"]
    with pytest.raises(StoreError):
        await store.subscribe(guild_id=1, user_id=2, session_id="s")
