"""Start-up checks (:mod:`bot.cogs.diagnostics`): each problem names the setting to fix."""

from __future__ import annotations

import discord
import pytest

from bot.cogs.diagnostics import configuration_problems


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
