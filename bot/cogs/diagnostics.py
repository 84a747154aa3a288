"""Start-up diagnostics: every setting checked against what Discord shows, told in the log.

Each problem is one sentence naming the setting to fix (``QUESTIONS_CHANNELS``,
``ANNOUNCEMENTS_CHANNEL``, ``ORGANISER_ROLE``, ``DISCORD_GUILD_ID``...), logged as a warning at
ready and when the bot joins a server. The bot keeps running: slash commands work anywhere.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord_app.checks import (
    ANNOUNCEMENT_PERMISSIONS,
    find_channel,
    find_role,
    missing_permissions,
    role_is_an_id,
)
from bot.discord_app.errors import EventCog, permission_names
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

# What the bot needs in a questions channel, and what it needs there to be useful at all.
QUESTION_CHANNEL_PERMISSIONS = (
    "view_channel",
    "send_messages",
    "embed_links",
    "read_message_history",
)
OPTIONAL_PERMISSIONS = ("add_reactions",)


def guild_problems(settings: Settings, guild: discord.Guild) -> list[str]:
    """Every configuration problem in one server, each naming the setting to fix."""
    problems: list[str] = []
    me = guild.me
    where = f"server {guild.name!r}"
    for wanted in settings.questions_channels:
        channel = find_channel(guild, wanted)
        if channel is None:
            problems.append(
                f"QUESTIONS_CHANNELS: no channel {wanted!r} in {where}; create it or change "
                "QUESTIONS_CHANNELS in .env (free-text questions elsewhere need a mention)"
            )
            continue
        if me is not None:
            missing = missing_permissions(channel, me, QUESTION_CHANNEL_PERMISSIONS)
            if missing:
                lacks = permission_names(missing)
                problems.append(
                    f"QUESTIONS_CHANNELS: the bot lacks {lacks} in #{channel.name} "
                    f"({where}); grant them to the bot's role in the channel settings"
                )
            optional = missing_permissions(channel, me, OPTIONAL_PERMISSIONS)
            if optional and not missing:
                lacks = permission_names(optional)
                problems.append(
                    f"QUESTIONS_CHANNELS: the bot lacks {lacks} in #{channel.name} "
                    f"({where}); it cannot mark rate-limited questions with a reaction"
                )
    named_channels = [
        ("ANNOUNCEMENTS_CHANNEL", settings.announcements_channel),
        ("SCHEDULE_UPDATES_CHANNEL", settings.schedule_updates_channel),
        ("ORGANISER_CHANNEL", settings.organiser_channel),
        *(("ROOM_CHANNELS", name) for name in settings.room_channels.values()),
    ]
    for setting, wanted in named_channels:
        if not wanted:
            continue
        channel = find_channel(guild, wanted)
        if channel is None:
            problems.append(
                f"{setting}: no channel {wanted!r} in {where}; create it or change {setting} "
                "in .env"
            )
        elif me is not None:
            missing = missing_permissions(channel, me, ANNOUNCEMENT_PERMISSIONS)
            if missing:
                problems.append(
                    f"{setting}: the bot lacks {permission_names(missing)} in #{channel.name} "
                    f"({where})"
                )
    if settings.organiser_role and find_role(guild, settings.organiser_role) is None:
        problems.append(
            f"ORGANISER_ROLE: no role {settings.organiser_role!r} in {where}; create it or change "
            "ORGANISER_ROLE in .env (organiser commands are refused until then)"
        )
    return problems


def configuration_problems(bot: EventBot) -> list[str]:
    """Problems across the servers the bot is in (or only ``DISCORD_GUILD_ID`` when set)."""
    settings = bot.settings
    problems: list[str] = []
    guilds = list(bot.guilds)
    if settings.guild_id is not None:
        target = bot.get_guild(settings.guild_id)
        if target is None:
            problems.append(
                f"DISCORD_GUILD_ID={settings.guild_id}: the bot is not in that server; invite it "
                f"with {bot.invite_url() or 'the invite URL (see docs/discord-setup.md)'} or fix "
                "DISCORD_GUILD_ID in .env"
            )
            return problems
        guilds = [target]
    elif not guilds:
        problems.append(
            "the bot is in no server yet; invite it with "
            f"{bot.invite_url() or 'the invite URL (see docs/discord-setup.md)'}"
        )
    if settings.organiser_role and settings.guild_id is None and not role_is_an_id(settings):
        problems.append(
            f"ORGANISER_ROLE {settings.organiser_role!r} is a role name and DISCORD_GUILD_ID is "
            "not set: a role of that name in any server counts, so /kb reload (which changes "
            "the bot everywhere) is refused; set DISCORD_GUILD_ID, or ORGANISER_ROLE to the "
            "role's id"
        )
    for guild in guilds:
        problems.extend(guild_problems(settings, guild))
    return problems


class DiagnosticsCog(EventCog):
    """Logs, at ready, who the bot is and what to fix; then each server it (re)joins, once."""

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self._checked_guilds: set[int] = set()

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        bot = self.bot
        log.info(
            "logged in as %s (id %s), serving %s (%d entries) in %d server(s)",
            bot.user,
            bot.user.id if bot.user else "?",
            bot.kb.event.name,
            len(bot.kb),
            len(bot.guilds),
        )
        if not bot.free_text_enabled:
            log.warning(
                "message content intent is off: plain messages in the questions channel are not "
                "read. Slash commands, DMs and messages that mention the bot still work."
            )
        url = bot.invite_url()
        if url:
            log.info("invite URL: %s", url)
        for problem in configuration_problems(bot):
            log.warning("configuration: %s", problem)
        self._checked_guilds.update(guild.id for guild in bot.guilds)

    @commands.Cog.listener()
    async def on_guild_join(self, guild: discord.Guild) -> None:
        log.info("joined server %r (%s)", guild.name, guild.id)
        self._check_guild(guild)

    @commands.Cog.listener()
    async def on_guild_available(self, guild: discord.Guild) -> None:
        self._check_guild(guild)

    def _check_guild(self, guild: discord.Guild) -> None:
        """Log the configuration problems of a server the bot (re)joins, once per server."""
        settings = self.bot.settings
        if guild.id in self._checked_guilds or settings.guild_id not in (None, guild.id):
            return
        self._checked_guilds.add(guild.id)
        for problem in guild_problems(settings, guild):
            log.warning("configuration: %s", problem)


async def setup(bot: EventBot) -> None:
    await bot.add_cog(DiagnosticsCog(bot))


__all__ = ["DiagnosticsCog", "configuration_problems", "guild_problems"]
