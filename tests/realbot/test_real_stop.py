"""Stopping the real bot process (SIGTERM, Ctrl-C) loses nothing.

``python -m bot`` runs with its real discord.py client against a Discord fake on 127.0.0.1
(:mod:`fake_discord`): questions arrive on the gateway, replies are posted over HTTP. The
process is stopped at chosen moments after a reply; then every question that got a reply
must be in the question log, a claimed announcement must be posted or given back, the
gateway must have been closed with 1000, and the process must exit 0 saying "Stopped.".
"""

from __future__ import annotations

import asyncio
import signal
import sqlite3
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fake_discord import CHANNELS, GUILD_ID, FakeDiscord, Post
from realbot import RealBot

from bot.store import Store

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

QUESTIONS = 10
STOP_AFTER_REPLY = 3  # the stop comes after this many replies were acknowledged
REPLY_DELAY = 0.03  # Discord's time to answer a post: several handlers are in flight at once
ANNOUNCEMENT = "Lunch is served in the hall"


@pytest.fixture
async def fake():
    server = FakeDiscord()
    await server.start()
    yield server
    await server.stop()


async def schedule_announcement(database: Path) -> None:
    """One announcement already due when the bot starts: its scheduler claims it at once."""
    async with await Store.open(database, maintenance_interval=None) as store:
        await store.schedule_announcement(
            guild_id=GUILD_ID,
            channel_id=CHANNELS["announcements"],
            author_id=1,
            text=ANNOUNCEMENT,
            due_at=datetime.now(UTC) - timedelta(seconds=5),
        )


def read_log(database: Path) -> tuple[dict[int, int | None], str]:
    """``{question message id: reply message id}`` and the announcement's status."""
    with sqlite3.connect(database) as conn:
        questions = dict(conn.execute("SELECT message_id, reply_message_id FROM questions"))
        (status,) = conn.execute("SELECT status FROM announcements").fetchone()
    return questions, status


def is_reply(post: Post) -> bool:
    return post.channel_id == CHANNELS["questions"]


def is_announcement(post: Post) -> bool:
    return post.channel_id == CHANNELS["announcements"]


def assert_stopped_cleanly(bot: RealBot, code: int, fake: FakeDiscord) -> None:
    assert code == 0, bot.log[-3000:]
    assert fake.close_code == 1000, "the gateway was not closed with 1000"
    assert "Stopped." in bot.log
    for bad in ("Traceback", "is closed", "Task was destroyed"):
        assert bad not in bot.log, bot.log[-3000:]
    assert not Path(f"{bot.database}-wal").exists(), "the database was not closed"


def assert_announcement_kept(fake: FakeDiscord, status: str) -> None:
    """Posted (and Discord answered) exactly once, or given back to be posted later."""
    answered = [p for p in fake.posts if is_announcement(p) and p.answered.is_set()]
    if status == "posted":
        assert len(answered) == 1
    else:
        assert status == "pending" and answered == []


@pytest.mark.parametrize(
    ("sig", "delay"),
    [(signal.SIGTERM, 0.0), (signal.SIGINT, 0.02), (signal.SIGTERM, 0.15)],
    ids=["sigterm-at-once", "sigint-20ms-later", "sigterm-150ms-later"],
)
async def test_a_stop_after_replies_loses_no_answered_question(
    fake: FakeDiscord, tmp_path: Path, sig: signal.Signals, delay: float
) -> None:
    bot_box: list[RealBot] = []
    acknowledged: list[int] = []
    loop = asyncio.get_running_loop()

    def on_post(post: Post) -> None:
        if is_reply(post):
            acknowledged.append(post.reply_to or 0)
            if len(acknowledged) == STOP_AFTER_REPLY:
                loop.call_later(delay, bot_box[0].signal, sig)

    async def slow_replies(post: Post) -> None:
        await asyncio.sleep(REPLY_DELAY)

    fake.on_post = on_post
    fake.before_answer = slow_replies
    bot = RealBot(fake, tmp_path)
    await schedule_announcement(bot.database)
    async with bot:
        bot_box.append(bot)
        for number in range(QUESTIONS):
            await fake.say("questions", 7000 + number, f"what is draft? ({number})")
        code = await bot.exit_code(timeout=20)

    assert_stopped_cleanly(bot, code, fake)
    assert len(acknowledged) >= STOP_AFTER_REPLY
    logged, status = read_log(bot.database)
    missing = [message for message in acknowledged if message not in logged]
    assert not missing, f"{len(missing)} answered question(s) missing from the log"
    assert_announcement_kept(fake, status)


async def test_a_second_signal_stops_at_once_and_keeps_what_was_acknowledged(
    fake: FakeDiscord, tmp_path: Path
) -> None:
    """Discord never answers the replies nor the announcement: the first signal waits for
    them (up to DRAIN_SECONDS), the second one ends the wait; nothing is lost either way."""
    fake.hold = lambda post: True
    bot = RealBot(fake, tmp_path)
    await schedule_announcement(bot.database)
    async with bot:
        asked = [await fake.say("questions", 7100 + n, "what is helm?") for n in range(3)]
        # discord.py sends one post per channel at a time until Discord tells it its rate
        # limits: the first reply is held here, the two others wait behind it in the bot.
        for _ in range(200):
            if any(map(is_reply, fake.posts)) and any(map(is_announcement, fake.posts)):
                break
            await asyncio.sleep(0.05)
        bot.signal(signal.SIGTERM)
        await asyncio.sleep(0.5)
        assert bot.running, "the first signal waits for the replies in flight"
        started = asyncio.get_running_loop().time()
        bot.signal(signal.SIGINT)
        code = await bot.exit_code(timeout=10)
        took = asyncio.get_running_loop().time() - started

    assert_stopped_cleanly(bot, code, fake)
    assert "received again: stopping at once" in bot.log
    assert took < 6, f"the second signal took {took:.1f} s to stop the bot"
    logged, status = read_log(bot.database)
    assert set(asked) <= set(logged), "a question is logged before its reply is sent"
    assert status == "pending", "the unsent announcement was given back"
