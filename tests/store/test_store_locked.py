"""Questions survive a database briefly locked by another process.

Another copy of the bot, a backup or a ``sqlite3`` shell may hold the write lock for longer
than the busy timeout. The question writer keeps the batch and retries with a short backoff
(for up to ``lock_retry`` seconds) instead of dropping it; ``log_question`` still returns only
once the row is committed. Errors that a retry cannot fix fail at once, as before.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest

from bot.store import Store, StoreError

from .helpers import FakeClock


def hold_lock(path: Path) -> sqlite3.Connection:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    holder.execute("INSERT INTO meta VALUES ('held', 'by another process')")
    return holder


def release(holder: sqlite3.Connection) -> None:
    holder.execute("ROLLBACK")
    holder.close()


async def test_questions_wait_for_a_lock_held_past_the_busy_timeout(
    store: Store, db_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    await store.log_question(text="before", source="text", answered=True)
    holder = hold_lock(db_path)  # the store's busy timeout is 0.5 s; the lock lasts 1.5 s
    asyncio.get_running_loop().call_later(1.5, release, holder)
    started = time.monotonic()
    ids = await asyncio.gather(
        *(store.log_question(text=f"during {n}", source="text", answered=False) for n in range(3))
    )
    waited = time.monotonic() - started
    assert 1.4 <= waited < 3.0
    assert "retrying" in caplog.text
    # committed when log_question returned: another connection sees every row
    with sqlite3.connect(db_path) as reader:
        texts = [row[0] for row in reader.execute("SELECT text FROM questions ORDER BY id")]
    assert texts == ["before", "during 0", "during 1", "during 2"]
    by_id = {q.id: q.text for q in await store.questions()}
    assert [by_id[qid] for qid in ids] == ["during 0", "during 1", "during 2"]


async def test_a_lock_held_too_long_fails_then_the_store_recovers(
    db_path: Path, clock: FakeClock
) -> None:
    store = await Store.open(
        db_path, clock=clock, maintenance_interval=None, busy_timeout=0.1, lock_retry=0.4
    )
    try:
        holder = hold_lock(db_path)
        started = time.monotonic()
        try:
            with pytest.raises(StoreError) as caught:
                await store.log_question(text="lost", source="text", answered=False)
        finally:
            release(holder)
        assert caught.value.kind == "locked"
        assert 0.4 <= time.monotonic() - started < 2.0, "retried for lock_retry, no longer"
        qid = await store.log_question(text="after", source="text", answered=True)
        assert [q.id for q in await store.questions()] == [qid]
    finally:
        await store.close()


async def test_other_errors_are_not_retried(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import bot.store.store as store_module

    monkeypatch.setattr(store_module, "_INSERT_QUESTION", "INSERT INTO nowhere VALUES (?)")
    started = time.monotonic()
    with pytest.raises(StoreError) as caught:
        await store.log_question(text="q", source="text", answered=True)
    assert "nowhere" in str(caught.value)
    assert time.monotonic() - started < 0.5
