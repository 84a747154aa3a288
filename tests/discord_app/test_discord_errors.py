"""Error paths: friendly ephemeral errors, logs with context, the bot carries on; commands
synced to the configured server at start. (The start-up checks that name the setting to fix
are in ``tests/cogs/diagnostics``.)"""

from __future__ import annotations

import logging

import discord
import simcord
from discord import app_commands
from eventbot_fixtures import DAY1, FakeClock, at, make_kb

from bot.discord_app.factory import create_bot
from bot.discord_app.privacy import user_ref
from bot.settings import Settings

QUESTION = "where is the linuxkit talk?"


def replies(world, channel) -> list[discord.Message]:
    return [m for m in channel.history() if m.author.id == world.bot.user.id]


def boom(*args, **kwargs):
    raise RuntimeError("boom")


async def test_a_failing_command_answers_privately_and_the_bot_carries_on(
    world, monkeypatch, caplog
):
    monkeypatch.setattr(world.bot.answerer, "ask", boom)
    res = await world.bob.slash(world.general, "ask", question="is there wifi?")
    assert res.ephemeral
    assert res.response.embeds[0].description.startswith("Sorry, something went wrong")
    (error,) = world.env.errors
    assert isinstance(error, app_commands.CommandInvokeError)
    assert "interaction failed: command='ask'" in caplog.text
    who = user_ref(world.bot, world.bob.id)  # a keyed hash, never the raw id
    assert who in caplog.text and "options={'question'" in caplog.text
    assert str(world.bob.id) not in caplog.text
    assert caplog.text.count("interaction failed") == 1  # reported once, not per layer
    monkeypatch.undo()
    res = await world.bob.slash(world.general, "ask", question="is there wifi?")
    assert res.response.embeds[0].title == "Is there wifi?"


async def test_a_failing_free_text_answer_is_logged_with_context(world, monkeypatch, caplog):
    monkeypatch.setattr(world.bot.answerer, "ask", boom)
    asked = await world.alice.send(world.questions, QUESTION)
    assert replies(world, world.questions) == []
    (error,) = world.env.errors
    assert str(error) == "boom"
    assert f"error in on_message (message={asked.id}" in caplog.text
    monkeypatch.undo()
    world.clock.advance(60)
    await world.alice.send(world.questions, QUESTION)
    assert len(replies(world, world.questions)) == 1


async def test_a_reply_that_discord_refuses_is_logged_not_raised(world, caplog):
    world.env.inject_error(
        "POST", "/channels/*/messages", status=403, code=50013, message="Missing Permissions"
    )
    await world.alice.send(world.questions, QUESTION)
    assert replies(world, world.questions) == []
    assert "could not reply to message" in caplog.text
    world.clock.advance(60)
    await world.alice.send(world.questions, QUESTION)
    assert len(replies(world, world.questions)) == 1


async def test_autocomplete_failure_offers_nothing(world, monkeypatch, caplog):
    monkeypatch.setattr(world.bot.answerer, "suggest", boom)
    for command, option in (("session find", "query"), ("speaker", "name"), ("tool", "name")):
        assert await world.bob.autocomplete(world.general, command, option, "x") == []
    assert caplog.text.count("autocomplete failed") == 3


async def test_commands_are_synced_to_the_configured_guild_at_start(caplog):
    guild_id = 987654321012345678
    settings = Settings(discord_token="x.y.z", guild_id=guild_id)
    bot = create_bot(settings, make_kb(), clock=FakeClock(at(DAY1, 10)))
    env = simcord.Env(bot)
    guild = env.create_guild("Conf", id=guild_id)
    channel = guild.create_text_channel("general")
    caplog.set_level(logging.INFO, logger="bot")
    await env.start()
    try:
        with env.time_context():
            member = guild.add_member(env.create_user("carol"))
            res = await member.slash(channel, "event")  # no tree.sync() by the test
            assert res.response.embeds[0].title == "TestConf 2030"
        assert f"slash commands to guild {guild_id}" in caplog.text
    finally:
        await env.shutdown()
    env.raise_errors()
