"""Scheduled announcements (claim once), sent reminders (insert once), subscriptions."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from pathlib import Path

import pytest

from bot.store import Store

from .helpers import START, FakeClock


async def schedule(store: Store, minutes: float, text: str = "hello", **fields) -> int:
    fields.setdefault("guild_id", 1)
    fields.setdefault("channel_id", 2)
    fields.setdefault("author_id", 3)
    return await store.schedule_announcement(
        text=text, due_at=START + timedelta(minutes=minutes), **fields
    )


async def test_schedule_list_and_cancel(store: Store) -> None:
    later = await schedule(store, 30, "later", ping_role_id=99)
    sooner = await schedule(store, 10, "sooner")
    other = await schedule(store, 5, "other guild", guild_id=2)
    pending = await store.pending_announcements(guild_id=1)
    assert [a.id for a in pending] == [sooner, later]
    first = await store.get_announcement(later)
    assert first is not None
    assert (first.status, first.ping_role_id, first.created_at) == ("pending", 99, START)
    assert first.author_key == store.user_key(3)
    assert [a.id for a in await store.pending_announcements()] == [other, sooner, later]

    assert not await store.cancel_announcement(later, guild_id=2)  # not that guild's
    assert await store.cancel_announcement(later, guild_id=1)
    assert not await store.cancel_announcement(later)  # already cancelled
    cancelled = await store.get_announcement(later)
    assert cancelled is not None and cancelled.status == "cancelled"


async def test_claim_due_posts_each_once_and_skips_stale(store: Store) -> None:
    stale = await schedule(store, -120, "the bot was down")
    due = await schedule(store, -5, "due")
    due_now = await schedule(store, 0, "due now")
    future = await schedule(store, 10, "future")

    to_post, skipped = await store.claim_due_announcements(now=START, grace=timedelta(minutes=30))
    assert [a.id for a in to_post] == [due, due_now]
    assert all(a.status == "posted" and a.posted_at == START for a in to_post)
    assert [a.id for a in skipped] == [stale]
    assert skipped[0].status == "skipped"
    assert await store.claim_due_announcements(now=START) == ([], [])

    assert await store.record_announcement_message(due, 1234)
    posted = await store.get_announcement(due)
    assert posted is not None and posted.posted_message_id == 1234
    assert not await store.cancel_announcement(due)
    assert not await store.record_announcement_message(future, 1)  # not claimed

    # Posting failed before anything was sent: give it back, the next run gets it again.
    assert await store.release_announcement(due_now)
    assert not await store.release_announcement(due)  # already has a message
    again, _ = await store.claim_due_announcements(now=START + timedelta(minutes=10))
    assert [a.id for a in again] == [due_now, future]


async def test_claim_once_under_concurrency_in_one_store(store: Store) -> None:
    ids = {await schedule(store, -n) for n in range(30)}
    results = await asyncio.gather(*(store.claim_due_announcements(now=START) for _ in range(20)))
    claimed = [a.id for to_post, _ in results for a in to_post]
    assert sorted(claimed) == sorted(ids)


async def test_claim_once_across_two_connections(db_path: Path, clock: FakeClock) -> None:
    """Two schedulers with their own connections (as two processes would have)."""
    first = await Store.open(db_path, clock=clock, maintenance_interval=None)
    second = await Store.open(db_path, clock=clock, maintenance_interval=None)
    try:
        ids = set()
        for round_ in range(5):
            ids |= {await schedule(first, -n - round_ * 10) for n in range(10)}
        calls = [s.claim_due_announcements(now=START) for s in (first, second) for _ in range(10)]
        results = await asyncio.gather(*calls)
        claimed = [a.id for to_post, _ in results for a in to_post]
        assert sorted(claimed) == sorted(ids)
    finally:
        await first.close()
        await second.close()


async def test_claim_reminder_insert_once(store: Store) -> None:
    start = START + timedelta(hours=1)
    assert await store.claim_reminder("linuxkit", start, "channel:5")
    assert not await store.claim_reminder("linuxkit", start, "channel:5")
    assert await store.claim_reminder("linuxkit", start, "user:9")  # another target
    assert await store.claim_reminder("linuxkit", start + timedelta(days=1), "channel:5")
    # a datetime is stored as UTC ISO; the same instant in another zone is the same key
    from zoneinfo import ZoneInfo

    assert not await store.claim_reminder(
        "linuxkit", start.astimezone(ZoneInfo("Europe/Paris")), "channel:5"
    )
    assert await store.claim_reminder("keynote", "2017-06-13T09:00", "channel:5")
    assert not await store.claim_reminder("keynote", "2017-06-13T09:00", "channel:5")


async def test_claim_reminder_has_one_winner_under_concurrency(
    db_path: Path, clock: FakeClock
) -> None:
    first = await Store.open(db_path, clock=clock, maintenance_interval=None)
    second = await Store.open(db_path, clock=clock, maintenance_interval=None)
    try:
        calls = [s.claim_reminder("linuxkit", START, "channel:5") for s in (first, second) * 25]
        assert sorted(await asyncio.gather(*calls)) == [False] * 49 + [True]
    finally:
        await first.close()
        await second.close()


async def test_subscriptions(store: Store) -> None:
    assert await store.subscribe(guild_id=1, user_id=10, session_id="linuxkit")
    assert not await store.subscribe(guild_id=1, user_id=10, session_id="linuxkit")
    assert await store.subscribe(guild_id=1, user_id=11, session_id="*")
    assert await store.subscribe(guild_id=1, user_id=12, session_id="keynote")
    assert await store.subscribe(guild_id=2, user_id=13, session_id="linuxkit")
    assert await store.subscribers(1, "linuxkit") == [10, 11]
    assert await store.subscribers(1, "keynote") == [11, 12]
    assert await store.subscribers(2, "linuxkit") == [13]
    assert await store.subscriptions(1, 10) == ["linuxkit"]
    assert await store.unsubscribe(guild_id=1, user_id=10, session_id="linuxkit")
    assert not await store.unsubscribe(guild_id=1, user_id=10, session_id="linuxkit")
    assert await store.subscribers(1, "linuxkit") == [11]


async def test_due_time_must_be_aware(store: Store) -> None:
    with pytest.raises(ValueError, match="due_at"):
        await store.schedule_announcement(
            guild_id=1, channel_id=2, author_id=3, text="x", due_at=START.replace(tzinfo=None)
        )


async def test_a_claim_left_without_a_message_is_unconfirmed(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    """A process that stops between the claim and the post: at most once (never posted
    again), but the row stays marked so the organisers can be told."""
    crashed, recorded, given_back, refused = [await schedule(store, 1, t) for t in "abcd"]
    other = await Store.open(db_path, clock=clock, maintenance_interval=None)
    try:
        claimed, _ = await other.claim_due_announcements(now=START + timedelta(minutes=2))
        assert {a.id for a in claimed} == {crashed, recorded, given_back, refused}
        await other.record_announcement_message(recorded, 555)
        await other.release_announcement(given_back)
        await other.skip_announcement(refused)
        mine = await other.unconfirmed_announcements(others_only=True)
        assert mine == [], "its own claims are in flight, not lost"
    finally:
        await other.close()  # "crashes" with one claimed announcement not posted
    (left,) = await store.unconfirmed_announcements(others_only=True)
    assert left.id == crashed and left.unconfirmed and left.status == "posted"
    assert [a.id for a in await store.unconfirmed_announcements(guild_id=1)] == [crashed]
    assert await store.unconfirmed_announcements(guild_id=2) == []
    assert [a.id for a in await store.pending_announcements()] == [given_back]
    assert (await store.get_announcement(refused)).status == "skipped"
    assert not (await store.get_announcement(recorded)).unconfirmed
    again, _ = await store.claim_due_announcements(now=START + timedelta(minutes=3))
    assert [a.id for a in again] == [given_back], "the unconfirmed one is never claimed again"


# -- schedule changes announced once -------------------------------------------------------------


async def test_a_schedule_change_is_claimed_by_exactly_one_process(
    store: Store, db_path: Path, clock: FakeClock
) -> None:
    assert await store.seed_announced_schedule({"a": ("10|11|Main", '{"*": "A"}')})
    assert not await store.seed_announced_schedule({"b": ("x", "{}")}), "seeded once only"
    assert set(await store.announced_schedule()) == {"a"}
    other = await Store.open(db_path, clock=clock, maintenance_interval=None)
    try:
        move = ("a", "10|11|Main", "12|13|Main", '{"*": "A"}')
        add = ("c", "", "14|15|Main", '{"*": "C"}')
        results = await asyncio.gather(
            store.claim_schedule_changes([move, add], post=[True, True]),
            other.claim_schedule_changes([move, add], post=[True, True]),
        )
        assert sorted(results) == [[False, False], [True, True]]
        winner, loser = (store, other) if results[0] == [True, True] else (other, store)
        assert [s.session_id for s in await loser.unconfirmed_schedule_changes()] == ["a", "c"]
        await winner.confirm_schedule_changes(["a"])
        await winner.release_schedule_changes([(*add[:3], "")])  # the post of c failed
        assert [s.session_id for s in await loser.unconfirmed_schedule_changes()] == []
        slots = await loser.announced_schedule()
        assert (slots["a"].slot, slots["c"].slot) == ("12|13|Main", "")
        assert await loser.claim_schedule_changes([add], post=[True]) == [True], "given back"
        cancel = ("a", "12|13|Main", "", '{"*": "A"}')
        assert await loser.claim_schedule_changes([cancel], post=[False]) == [True]
        assert await winner.claim_schedule_changes([cancel], post=[False]) == [False]
        await loser.refresh_schedule_titles({"c": '{"*": "C2"}'})
        assert (await winner.announced_schedule())["c"].title == '{"*": "C2"}'
    finally:
        await other.close()
