"""A flood through simcord: 1,000 messages from 50 users in the questions channel.

The bot must keep to its cooldowns (per user and per channel), answer every question the
cooldowns allow, account for every question (all reach the question listeners, the question
log's hook, rate-limited ones as not answered), never ping anyone (checked by the
``world`` fixture), and keep answering slash commands during the flood. When the question
log's cog is loaded, every answered question must also be in its database.

Without the run's quicker settling poll (``quick_settle`` in :mod:`simcord_fixtures`), the
900 unanswered messages would cost 45 s of real time.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

import pytest
from simcord_checks import bot_messages

from bot.answer.chatter import is_chatter
from bot.discord_app.hooks import QuestionEvent
from bot.store import Store

USERS = 50
MESSAGES = 1_000
STEP_SECONDS = 0.1  # the flood lasts 100 s of bot time: 10 messages a second
DURATION = MESSAGES * STEP_SECONDS
USER_COOLDOWN = 10.0
CHANNEL_COOLDOWN = 2.0
HANG_GUARD_SECONDS = 120.0

QUESTIONS = (
    "where is the linuxkit talk?",
    "who talks about security?",
    "is there wifi?",
    "c'est quand la keynote ?",
    "@everyone when is the kubernetes session?",
    "<@&123456789012345678> what's on now?",
    "what is nomad?",
    "qui parle de sécurité ?",
    "[click](https://evil.example) helm charts when?",
    "```monitoring with prometheus```",
    "where is the service mesh talk " + "please " * 30,
    "Z̷̢̛̖̗a̸l̶g̵o̷ storage talk?",
    "\u202ewhere is the closing panel?",
)


def reference_decisions(senders: list[int], times: list[datetime]) -> list[bool]:
    """Which messages the cooldown rules allow: an independent model of the rules."""
    last_user: dict[int, datetime] = {}
    last_channel: datetime | None = None
    allowed = []
    for user, now in zip(senders, times, strict=True):
        user_ok = user not in last_user or (now - last_user[user]).total_seconds() >= USER_COOLDOWN
        channel_ok = (
            last_channel is None or (now - last_channel).total_seconds() >= CHANNEL_COOLDOWN
        )
        ok = user_ok and channel_ok
        if ok:
            last_user[user] = now
            last_channel = now
        allowed.append(ok)
    return allowed


@pytest.mark.bot(cooldown_seconds=USER_COOLDOWN, channel_cooldown_seconds=CHANNEL_COOLDOWN)
async def test_a_flood_of_questions(
    world, caplog: pytest.LogCaptureFixture, tmp_path: Path
) -> None:
    bot = world.bot
    # The question log: when its cog is loaded, give it a database of its own.
    logged_to_store = bot.get_cog("QuestionsCog") is not None
    opened = None
    if logged_to_store and getattr(bot, "store", None) is None:
        opened = bot.store = await Store.open(tmp_path / "q.sqlite3", maintenance_interval=None)
    known = lambda word: bool(bot.answerer.index.lookup(word))  # noqa: E731
    assert not [q for q in QUESTIONS if is_chatter(q, known)]
    heard: list[QuestionEvent] = []

    async def listener(event: QuestionEvent) -> None:
        heard.append(event)

    bot.question_listeners.append(listener)
    members = [world.guild.add_member(world.env.create_user(f"user{i}")) for i in range(USERS)]
    senders: list[int] = []
    times: list[datetime] = []
    sent_ids: list[int] = []
    slash_calls = 0
    # A guard against a hang, not a speed check (speed is for benchmarks/): the flood takes a
    # few seconds of real time, and a stuck cooldown or settle would otherwise stall the run.
    async with asyncio.timeout(HANG_GUARD_SECONDS):
        caplog.set_level(logging.INFO, logger="bot")
        for number in range(MESSAGES):
            # Bursty: a few users post many times in a row, then others.
            member = members[(number * 7 + number // 40) % USERS]
            text = QUESTIONS[number % len(QUESTIONS)]
            times.append(bot.now())
            senders.append(member.id)
            message = await member.send(world.questions, text)
            sent_ids.append(message.id)
            if number % 100 == 50:
                res = await world.bob.slash(world.general, "session now")
                slash_calls += 1
                assert res.response is not None and res.response.embeds
                asker = members[number // 100]  # /ask has its own per-user cooldown
                res = await asker.slash(world.general, "ask", question="is there wifi?")
                assert res.response.embeds[0].title == "Is there wifi?"
            world.clock.advance(STEP_SECONDS)

    expected = reference_decisions(senders, times)
    answered_ids = {
        e.message_id for e in heard if e.source == "free-text" and e.answer.reason != "rate-limited"
    }
    allowed_ids = {m for m, ok in zip(sent_ids, expected, strict=True) if ok}

    # Within the cooldowns, and every allowed question answered.
    assert answered_ids == allowed_ids
    assert DURATION / CHANNEL_COOLDOWN * 0.8 <= len(answered_ids) <= DURATION / CHANNEL_COOLDOWN + 1
    replies = [
        m for m in bot_messages(world.env) if m.channel_id == world.questions.id and m.embeds
    ]
    replied_to = Counter(int(m.reference["message_id"]) for m in replies)
    assert set(replied_to) == allowed_ids
    assert max(replied_to.values()) == 1  # one reply per question, never more

    answer_times = sorted(t for t, ok in zip(times, expected, strict=True) if ok)
    gaps = [(b - a).total_seconds() for a, b in pairwise(answer_times)]
    assert min(gaps) >= CHANNEL_COOLDOWN
    per_user: dict[int, list[datetime]] = {}
    for user, when, ok in zip(senders, times, expected, strict=True):
        if ok:
            per_user.setdefault(user, []).append(when)
    for stamps in per_user.values():
        assert all((b - a) >= timedelta(seconds=USER_COOLDOWN) for a, b in pairwise(stamps))

    # Every question accounted for: all reach the listeners (the question log), rate-limited
    # ones as not answered.
    limited = [r for r in caplog.records if r.getMessage().startswith("free text rate-limited")]
    assert len(limited) == MESSAGES - len(allowed_ids)
    assert len(heard) == MESSAGES + slash_calls  # + the /ask calls
    assert all(e.text and e.answer is not None for e in heard)
    held_back = [e for e in heard if e.answer.reason == "rate-limited"]
    assert len(held_back) == len(limited)
    assert not any(e.answer.answered for e in held_back)

    if logged_to_store:
        stored = await bot.store.questions()
        assert len(stored) == len(heard)
        asked = {" ".join(q.split()) for q in QUESTIONS}
        assert {" ".join(q.text.split()) for q in stored} <= asked | {"is there wifi?"}
    if opened is not None:
        await opened.close()
        bot.store = None

    # Rate-limited users get at most a reaction, never a message.
    bot_posts = [m for m in bot_messages(world.env) if m.channel_id == world.questions.id]
    assert len(bot_posts) == len(allowed_ids)

    reacted = [
        message_id
        for message_id in sent_ids
        if world.env.backend.get_message(world.questions.id, message_id).reactions
    ]
    assert not set(reacted) & allowed_ids
    windows = DURATION / max(USER_COOLDOWN, CHANNEL_COOLDOWN) + 1
    assert 0 < len(reacted) <= USERS * windows  # one reaction per user per window at most

    # The token never leaves in a request body, a message or the log.
    token = bot.settings.discord_token
    assert token and token not in caplog.text
    for request in world.env.http_requests:
        assert token not in repr(request.json) and token not in repr(request.params)
    for message in bot_messages(world.env):
        assert token not in repr(message.content) + repr(message.embeds)

    # Slash commands kept being answered during the flood.
    assert slash_calls == MESSAGES // 100
