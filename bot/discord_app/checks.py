"""Configuration checks against what Discord shows at start: channels, roles, permissions.

Each problem is one sentence naming the setting to fix (``QUESTIONS_CHANNELS``,
``ANNOUNCEMENTS_CHANNEL``, ``ORGANISER_ROLE``, ``DISCORD_GUILD_ID``...), logged as a warning at
ready and when the bot joins a server. The bot keeps running: slash commands work anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.discord_app.errors import NotOrganiser
from bot.settings import Settings
from bot.store import Store

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

# What the bot needs in a questions channel, and what it needs there to be useful at all.
QUESTION_CHANNEL_PERMISSIONS = (
    "view_channel",
    "send_messages",
    "embed_links",
    "read_message_history",
)
OPTIONAL_PERMISSIONS = ("add_reactions",)
ANNOUNCEMENT_PERMISSIONS = ("view_channel", "send_messages", "embed_links")


def _matches(channel: discord.abc.GuildChannel | discord.Thread, wanted: str) -> bool:
    wanted = wanted.strip().lstrip("#")
    return str(channel.id) == wanted or (channel.name or "").casefold() == wanted.casefold()


def find_channel(
    guild: discord.Guild, wanted: str
) -> discord.abc.GuildChannel | discord.Thread | None:
    """A channel or thread of ``guild`` by name (case-insensitive, ``#`` optional) or id."""
    for channel in [*guild.channels, *guild.threads]:
        if _matches(channel, wanted):
            return channel
    return None


def find_role(guild: discord.Guild, wanted: str) -> discord.Role | None:
    wanted = wanted.strip().lstrip("@")
    return next((role for role in guild.roles if _matches_role(role, wanted)), None)


def _matches_role(role: discord.Role, wanted: str) -> bool:
    return str(role.id) == wanted or role.name.casefold() == wanted.casefold()


def _role_is_an_id(settings: Settings) -> bool:
    return (settings.organiser_role or "").strip().lstrip("@").isdigit()


def is_organiser(settings: Settings, member: object, *, global_power: bool = False) -> bool:
    """Whether ``member`` has the organiser role (``ORGANISER_ROLE``: a name in any case, or
    an id), where organisers count.

    A role name is not unique: anyone can create a role called "Organiser" in a server of
    their own that the bot is in. So with ``DISCORD_GUILD_ID`` set, only members of that
    server are organisers; and a ``global_power`` (one that changes the bot in every server,
    like ``/kb reload``) also needs ``DISCORD_GUILD_ID``, unless the role is given by its id
    (ids are unique across Discord)."""
    wanted = (settings.organiser_role or "").strip().lstrip("@")
    if not wanted:
        return False
    guild = getattr(member, "guild", None)
    if settings.guild_id is not None and getattr(guild, "id", None) != settings.guild_id:
        return False
    if global_power and settings.guild_id is None and not _role_is_an_id(settings):
        return False
    return any(_matches_role(role, wanted) for role in getattr(member, "roles", ()) or ())


def refusal_key(settings: Settings, interaction: discord.Interaction) -> str:
    """The i18n key of why a member is no organiser here (it takes ``role``)."""
    if settings.guild_id is not None and interaction.guild_id != settings.guild_id:
        return "organisers_event_server_only"
    if is_organiser(settings, interaction.user):  # has the role, by name only: a global power
        return "organisers_global_needs_guild"
    return "organisers_only"


ORGANISER_PERMISSIONS = discord.Permissions(manage_guild=True)
"""Who sees the organiser commands before a server admin shows them to the organiser role
(Server Settings -> Integrations, docs/discord-setup.md): members with Manage Server, and
admins. Attendees never see them."""


def _require_organiser(interaction: discord.Interaction, *, global_power: bool = False) -> bool:
    """The organiser check: raises :class:`NotOrganiser` (or ``NoPrivateMessage`` in a DM),
    which the error layer turns into a private, localised refusal saying which rule applied
    (see :func:`is_organiser`)."""
    if interaction.guild is None:
        raise app_commands.NoPrivateMessage()
    settings = cast("EventBot", interaction.client).settings
    if not is_organiser(settings, interaction.user, global_power=global_power):
        raise NotOrganiser(settings.organiser_role, refusal_key(settings, interaction))
    return True


def _require_global_organiser(interaction: discord.Interaction) -> bool:
    return _require_organiser(interaction, global_power=True)


organiser_only = app_commands.check(_require_organiser)
"""Decorates every organiser command (with ``default_permissions`` on the command or group):
Discord hides the command from attendees, and this check still refuses anyone without
``ORGANISER_ROLE`` who can see it (an admin, a role granted in Integrations by mistake)."""

global_organiser_only = app_commands.check(_require_global_organiser)
""":data:`organiser_only` for a command that changes the bot in every server (``/kb``): a
role matched by name also needs ``DISCORD_GUILD_ID`` (see :func:`is_organiser`)."""


def store_of(bot: object) -> Store | None:
    """The bot's open store (``bot.store``, opened by the runner), or ``None`` without one."""
    store = getattr(bot, "store", None)
    return store if store is not None and not store.closed else None


def is_questions_channel(settings: Settings, channel: object) -> bool:
    """Whether free text in ``channel`` (or in a thread of it) is meant for the bot."""
    candidates = [channel]
    parent = getattr(channel, "parent", None)
    if parent is not None:
        candidates.append(parent)
    for candidate in candidates:
        name = getattr(candidate, "name", None)
        ident = getattr(candidate, "id", None)
        if name is None and ident is None:
            continue
        for wanted in settings.questions_channels:
            wanted = wanted.strip().lstrip("#")
            if str(ident) == wanted or (name or "").casefold() == wanted.casefold():
                return True
    return False


def _names(permissions: Iterable[str]) -> str:
    return ", ".join(p.replace("_", " ").title() for p in permissions)


def _missing(channel: discord.abc.GuildChannel | discord.Thread, member: discord.Member, wanted):
    granted = channel.permissions_for(member)
    return [p for p in wanted if not getattr(granted, p)]


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
            missing = _missing(channel, me, QUESTION_CHANNEL_PERMISSIONS)
            if missing:
                problems.append(
                    f"QUESTIONS_CHANNELS: the bot lacks {_names(missing)} in #{channel.name} "
                    f"({where}); grant them to the bot's role in the channel settings"
                )
            optional = _missing(channel, me, OPTIONAL_PERMISSIONS)
            if optional and not missing:
                problems.append(
                    f"QUESTIONS_CHANNELS: the bot lacks {_names(optional)} in #{channel.name} "
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
            missing = _missing(channel, me, ANNOUNCEMENT_PERMISSIONS)
            if missing:
                problems.append(
                    f"{setting}: the bot lacks {_names(missing)} in #{channel.name} ({where})"
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
    if settings.organiser_role and settings.guild_id is None and not _role_is_an_id(settings):
        problems.append(
            f"ORGANISER_ROLE {settings.organiser_role!r} is a role name and DISCORD_GUILD_ID is "
            "not set: a role of that name in any server counts, so /kb reload (which changes "
            "the bot everywhere) is refused; set DISCORD_GUILD_ID, or ORGANISER_ROLE to the "
            "role's id"
        )
    for guild in guilds:
        problems.extend(guild_problems(settings, guild))
    return problems


__all__ = [
    "configuration_problems",
    "find_channel",
    "find_role",
    "guild_problems",
    "is_questions_channel",
]
