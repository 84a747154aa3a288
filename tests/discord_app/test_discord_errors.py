"""Error paths: friendly ephemeral errors, logs with context, the bot carries on; start-up
checks that name the setting to fix; command sync."""

from __future__ import annotations

import logging

import discord
import pytest
import simcord
from discord import app_commands
from discord.ext import commands
from eventbot_fixtures import DAY1, FakeClock, at, make_kb

from bot.cogs.diagnostics import configuration_problems
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


async def test_configuration_problems_name_the_setting(simcord_env, caplog):
    env = simcord_env
    guild = env.create_guild("Bare")
    await env.settle()
    assert "ORGANISER_ROLE: no role 'Organiser'" in caplog.text
    assert "QUESTIONS_CHANNELS: no channel 'questions'" in caplog.text
    assert "ANNOUNCEMENTS_CHANNEL: no channel 'announcements'" in caplog.text
    guild.create_text_channel(
        "questions",
        overwrites={env.bot.user: discord.PermissionOverwrite(send_messages=False)},
    )
    guild.create_text_channel("announcements")
    guild.create_role("organiser")
    problems = configuration_problems(env.bot)
    assert problems == [
        "ORGANISER_ROLE 'Organiser' is a role name and DISCORD_GUILD_ID is not set: a role of "
        "that name in any server counts, so /kb reload (which changes the bot everywhere) is "
        "refused; set DISCORD_GUILD_ID, or ORGANISER_ROLE to the role's id",
        "QUESTIONS_CHANNELS: the bot lacks Send Messages, Embed Links in #questions "
        "(server 'Bare'); grant them to the bot's role in the channel settings",
    ]


@pytest.mark.bot(guild_id=424242)
async def test_guild_not_joined(simcord_env, caplog):
    problems = configuration_problems(simcord_env.bot)
    assert problems[0].startswith("DISCORD_GUILD_ID=424242: the bot is not in that server")
    assert "scope=bot+applications.commands" in problems[0]
    simcord_env.inject_error(
        "PUT", "/applications/*/guilds/*/commands", status=403, code=50001, message="Missing Access"
    )
    assert await simcord_env.bot.sync_guild_commands() is None
    assert "DISCORD_GUILD_ID=424242: cannot register slash commands there" in caplog.text


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


async def test_owner_can_sync_commands_by_mention(world):
    world.bot.owner_id = world.alice.id
    mention = world.bot.user.mention
    await world.alice.send(world.general, f"{mention} sync")
    (reply,) = replies(world, world.general)
    assert reply.content.startswith("Synced") and reply.content.endswith("commands to Conf.")
    await world.alice.send(world.general, f"{mention} sync global")
    assert replies(world, world.general)[-1].content.startswith("Synced")
    assert "globally" in replies(world, world.general)[-1].content
    await world.bob.send(world.general, f"{mention} sync global")
    assert len(replies(world, world.general)) == 2
    assert any(isinstance(e, commands.NotOwner) for e in world.env.errors)
