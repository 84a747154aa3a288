"""Retention purge and erasure on request."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

import bot.store.retention as retention
from bot.store import Store, StoreError

from .helpers import START, FakeClock


async def test_purge_deletes_only_what_is_older_than_retention(
    store: Store, clock: FakeClock
) -> None:
    old = await store.log_question(text="old", source="text", answered=True, user_id=1)
    await store.rate(old, 2, True)
    old_done = await store.schedule_announcement(
        guild_id=1, channel_id=2, author_id=3, text="done", due_at=START
    )
    await store.claim_due_announcements(now=START)
    old_pending = await store.schedule_announcement(
        guild_id=1, channel_id=2, author_id=3, text="still pending", due_at=START
    )
    await store.claim_reminder("s1", START, "channel:2")
    await store.subscribe(guild_id=1, user_id=5, session_id="s1")

    clock.advance(days=95)
    recent = await store.log_question(text="recent", source="text", answered=True, user_id=1)
    await store.rate(recent, 2, False)
    await store.claim_reminder("s2", clock.now, "channel:2")

    report = await store.purge_expired()  # retention_days defaults to 90
    assert report.cutoff == clock.now - timedelta(days=90)
    assert (report.questions, report.announcements, report.reminders, report.subscriptions) == (
        1,
        1,
        1,
        1,
    )
    assert await store.get_question(old) is None
    assert [q.id for q in await store.questions()] == [recent]
    assert await store.get_announcement(old_done) is None
    assert await store.get_announcement(old_pending) is not None
    assert not await store.claim_reminder("s2", clock.now, "channel:2")
    assert await store.claim_reminder("s1", START, "channel:2")  # forgotten, so claimable
    stats = await store.stats()
    assert (stats.helpful, stats.not_helpful) == (0, 1)  # the old rating went with its question

    assert (await store.purge_expired()).total == 0
    assert (await store.purge_expired(days=1, now=clock.now + timedelta(days=2))).questions == 1


async def test_purge_works_in_chunks(
    store: Store, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(retention, "_PURGE_CHUNK", 10)
    await asyncio.gather(
        *(store.log_question(text=f"q{n}", source="text", answered=True) for n in range(35))
    )
    clock.advance(days=100)
    keep = await store.log_question(text="keep", source="text", answered=True)
    assert (await store.purge_expired()).questions == 35
    assert [q.id for q in await store.questions()] == [keep]


async def test_background_maintenance_purges_after_opening(db_path: Path) -> None:
    clock = FakeClock()
    async with await Store.open(db_path, clock=clock, maintenance_interval=None) as store:
        await store.log_question(text="old", source="text", answered=True)
    clock.advance(days=91)
    async with await Store.open(db_path, clock=clock, maintenance_interval=3600) as store:
        for _ in range(100):
            if not await store.questions():
                break
            await asyncio.sleep(0.01)
        assert await store.questions() == []


async def test_erase_user_removes_their_data_only(store: Store) -> None:
    mine = [
        await store.log_question(text=f"mine {n}", source="text", answered=True, user_id=7)
        for n in range(3)
    ]
    theirs = await store.log_question(text="theirs", source="text", answered=True, user_id=8)
    await store.rate(mine[0], 8, True)  # someone else's rating on my question
    await store.rate(theirs, 7, False)  # my rating on someone else's question
    await store.rate(theirs, 9, True)
    await store.subscribe(guild_id=1, user_id=7, session_id="s1")
    await store.subscribe(guild_id=1, user_id=8, session_id="s1")
    await store.claim_reminder("s1", START, "user:7")
    await store.claim_reminder("s1", START, "user:8")
    ann = await store.schedule_announcement(
        guild_id=1, channel_id=2, author_id=7, text="hello", due_at=START
    )

    report = await store.erase_user(7)
    assert (report.questions, report.ratings, report.subscriptions, report.reminders) == (
        3,
        1,
        1,
        1,
    )
    assert report.announcements == 1
    for qid in mine:
        assert await store.get_question(qid) is None
    kept = await store.get_question(theirs)
    assert kept is not None and (kept.helpful, kept.not_helpful) == (1, 0)
    assert await store.subscribers(1, "s1") == [8]
    announcement = await store.get_announcement(ann)
    assert announcement is not None and announcement.author_key == retention.ERASED_KEY
    assert (await store.erase_user(7)).total == 0
    assert await store.claim_reminder("s1", START, "user:7")  # the record is gone
    assert not await store.claim_reminder("s1", START, "user:8")


async def test_erase_also_matches_raw_ids(db_path: Path) -> None:
    async with await Store.open(
        db_path, user_key_secret="old", store_raw_user_ids=True, maintenance_interval=None
    ) as store:
        await store.log_question(text="x", source="text", answered=True, user_id=7)
    async with await Store.open(db_path, user_key_secret="old", maintenance_interval=None) as store:
        assert (await store.erase_user(7)).questions == 1
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 0


async def test_erasure_with_another_secret_refuses_and_erases_nothing(db_path: Path) -> None:
    async with await Store.open(db_path, user_key_secret="old", maintenance_interval=None) as s:
        await s.log_question(text="x", source="text", answered=True, user_id=7)
    with pytest.raises(StoreError) as caught:
        await Store.open(db_path, user_key_secret="new", maintenance_interval=None)
    assert caught.value.kind == "key" and "not the secret" in str(caught.value)
    async with await Store.open(
        db_path, user_key_secret="new", maintenance_interval=None, require_key=False
    ) as store:
        with pytest.raises(StoreError, match="not the secret"):
            await store.erase_user(7)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM questions").fetchone()[0] == 1


async def test_a_database_keyed_before_key_checks_existed_is_not_rekeyed(db_path: Path) -> None:
    """An older database keyed with a configured secret has no check value: without the
    secret, nothing may generate a new one for it."""
    async with await Store.open(db_path, user_key_secret="old", maintenance_interval=None) as s:
        await s.log_question(text="x", source="text", answered=True, user_id=7)
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'user_key_check'")
    with pytest.raises(StoreError, match="USER_KEY_SECRET that is not set here"):
        await Store.open(db_path, maintenance_interval=None)
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT key FROM meta").fetchall() == []


def on_disk(db_path: Path) -> bytes:
    """Every byte of the database: the file, its WAL and shared memory."""
    parts = [db_path, db_path.with_name(db_path.name + "-wal")]
    return b"".join(p.read_bytes() for p in parts if p.exists())


async def test_erased_text_leaves_the_files_at_once(store: Store, db_path: Path) -> None:
    """Not in the WAL until the store closes, not in the database's free pages either."""
    secret = "MY-PHONE-IS-0612345678"
    await store.log_question(text=f"call me {secret}", source="text", answered=False, user_id=7)
    await store.log_question(text="hello", source="text", answered=False, user_id=8)
    assert secret.encode() in on_disk(db_path)
    await store.erase_user(7)
    assert secret.encode() not in on_disk(db_path)
    assert db_path.with_name(db_path.name + "-wal").stat().st_size == 0, "truncated"


async def test_purged_text_leaves_the_files_at_once(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    old = "AN-OLD-QUESTION-WITH-A-NAME"
    await store.log_question(text=old, source="text", answered=False, user_id=7)
    clock.advance(days=200)
    await store.log_question(text="recent", source="text", answered=False, user_id=7)
    assert (await store.purge_expired()).questions == 1
    assert old.encode() not in on_disk(db_path)
