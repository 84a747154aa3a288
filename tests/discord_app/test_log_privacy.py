"""No secret and no raw Discord user id reaches the log, at any level.

Attendees and an organiser do what produces log lines about people (rate-limited questions,
refused organiser commands, DM reminders, a failing command, announcements), with every
logger at DEBUG and the bot's logging policy applied as the runner applies it. The bot's own
lines name people by a keyed hash; aiosqlite's and discord.py's DEBUG lines (SQL parameters,
payloads) are held back.
"""

from __future__ import annotations

import logging

import pytest
from eventbot_fixtures import DAY1, at
from simcord_checks import SimClock, manager

from bot.discord_app.factory import EventBot, create_bot
from bot.discord_app.privacy import PAYLOAD_LOGGERS, quiet_payload_loggers, user_ref
from bot.store import Store

OURS = ("bot", *PAYLOAD_LOGGERS)  # not simcord's own transcript of the fake Discord
SECRET = "pepper-secret-that-must-never-be-logged"


@pytest.fixture
def clock() -> SimClock:
    return SimClock(at(DAY1, 9, 10))


@pytest.fixture
async def store(tmp_path):
    opened = await Store.open(
        tmp_path / "bot.sqlite3", user_key_secret=SECRET, maintenance_interval=None
    )
    yield opened
    await opened.close()


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


@pytest.fixture
def logging_policy():
    """The runner's policy (quiet payload loggers), undone after the test."""
    saved = {name: logging.getLogger(name).level for name in PAYLOAD_LOGGERS}
    quiet_payload_loggers()
    yield
    for name, level in saved.items():
        logging.getLogger(name).setLevel(level)


def everything_logged(caplog) -> str:
    parts = []
    for record in caplog.records:
        if record.name.startswith(OURS):
            parts += [record.getMessage(), repr(record.args), record.exc_text or ""]
    return "\n".join(parts)


async def test_no_secret_and_no_raw_user_id_in_the_log_at_debug(
    world, store: Store, monkeypatch, caplog, logging_policy
) -> None:
    caplog.set_level(logging.DEBUG)
    bob, alice = world.bob, world.alice
    carol = manager(world.env, world.guild)  # sees the organiser commands, is no organiser
    await bob.send(world.questions, "when is the linuxkit talk?")
    await bob.send(world.questions, "and where is it?")  # rate-limited: logged at INFO
    await carol.slash(world.general, "announce", message="free beer")  # refused
    await carol.slash(world.general, "kb reload")  # refused
    await bob.slash(world.general, "remind", session="keynote")
    await bob.slash(world.general, "ask", question="x" * 400)  # too long, logged

    def boom(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(world.bot.answerer, "ask", boom)
    await alice.slash(world.general, "ask", question="is there wifi?")  # fails, logged
    monkeypatch.undo()
    world.env.errors.clear()
    result = await alice.slash(world.general, "announce", message="Soon", at="in 2 minutes")
    await alice.click(result.response.message, label="Schedule")
    await world.env.advance_time(30 * 60)  # the announcement, the keynote's DM reminder
    assert bob.user.dm_channel.history(), "the DM reminder went out"
    await store.erase_user(bob.id)

    logged = everything_logged(caplog)
    assert user_ref(world.bot, bob.id) in logged, "people are still named, by keyed hash"
    assert "rate-limited" in logged and "interaction refused" in logged
    for user in (bob, alice, carol):
        assert str(user.id) not in logged, user
    assert SECRET not in logged
    assert "x" * 400 not in logged, "no SQL parameter (question text) either"
