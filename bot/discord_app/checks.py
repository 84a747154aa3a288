"""What the cogs check before they act: who is an organiser (the check every organiser
command carries), which channel or role a setting names, whether the bot may post there, and
whether free text in a channel is meant for the bot. (What is checked once at start, every
setting against the servers, is :mod:`bot.cogs.diagnostics`.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import discord
from discord import app_commands

from bot.discord_app.errors import NotOrganiser, interaction_language, send_ephemeral
from bot.i18n import t
from bot.settings import Settings
from bot.store import Store

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

ANNOUNCEMENT_PERMISSIONS = ("view_channel", "send_messages", "embed_links")
"""What the bot needs in a channel it posts announcements, reminders or updates in."""


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


def role_is_an_id(settings: Settings) -> bool:
    """Whether ``ORGANISER_ROLE`` gives the role by its id (unique across Discord)."""
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
    if global_power and settings.guild_id is None and not role_is_an_id(settings):
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


async def store_or_tell(bot: object, interaction: discord.Interaction) -> Store | None:
    """The bot's open store; without one, the user is told privately that the database is
    unavailable, and it is ``None``."""
    store = store_of(bot)
    if store is None:
        await send_ephemeral(interaction, t("store_unavailable", interaction_language(interaction)))
    return store


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


def missing_permissions(channel: object, member: object, wanted: Iterable[str]) -> list[str]:
    """Which of the ``wanted`` permissions (``send_messages``...) ``member`` lacks in
    ``channel``; none when either is unknown (no member, a channel without permissions)."""
    if member is None or not hasattr(channel, "permissions_for"):
        return []
    granted = channel.permissions_for(member)
    return [p for p in wanted if not getattr(granted, p, False)]


__all__ = [
    "ANNOUNCEMENT_PERMISSIONS",
    "ORGANISER_PERMISSIONS",
    "find_channel",
    "find_role",
    "global_organiser_only",
    "is_organiser",
    "is_questions_channel",
    "missing_permissions",
    "organiser_only",
    "role_is_an_id",
    "store_of",
    "store_or_tell",
]
