"""Error handling for interactions: friendly ephemeral messages for users, context in the log.

Layers, as in discord.py: a cog's ``cog_app_command_error`` (every cog derives from
:class:`EventCog`) and the tree's ``on_error`` (:class:`EventTree`) both call
:func:`report_interaction_error`, which answers at most once per interaction. Views and
dynamic buttons call it too. Nothing here re-raises: one bad command never stops the bot.
"""

from __future__ import annotations

import logging
import math
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.discord_app.lifecycle import track_interaction
from bot.discord_app.privacy import user_ref
from bot.i18n import t

log = logging.getLogger(__name__)

_REPORTED = "event_bot_error_reported"


def interaction_language(interaction: discord.Interaction) -> str:
    """``"fr"`` or ``"en"`` from the user's Discord client language."""
    locale = getattr(interaction, "locale", None)
    return "fr" if str(getattr(locale, "value", locale) or "").startswith("fr") else "en"


def describe_interaction(interaction: discord.Interaction) -> str:
    """``command=/session find user=123 guild=456 channel=789 options={...}`` for the log."""
    command = interaction.command
    name = getattr(command, "qualified_name", None) or dict(interaction.data or {}).get("custom_id")
    options = getattr(interaction, "namespace", None)
    shown = {k: v for k, v in vars(options).items()} if options is not None else {}
    return (
        f"command={name!r} "
        f"{user_ref(interaction.client, interaction.user.id if interaction.user else None)} "
        f"guild={interaction.guild_id} channel={interaction.channel_id} "
        f"interaction={interaction.id} options={shown!r}"
    )


def permission_names(names: list[str]) -> str:
    """Permissions as Discord's settings name them: ``send_messages`` -> "Send Messages"."""
    return ", ".join(name.replace("_", " ").title() for name in names)


class NotOrganiser(app_commands.CheckFailure):
    """An organiser command used by a member without ``ORGANISER_ROLE`` where it counts;
    ``reason`` is the i18n key of the refusal (``organisers_only``, or why the role does not
    count here: ``organisers_event_server_only``, ``organisers_global_needs_guild``)."""

    def __init__(self, role: str, reason: str = "organisers_only") -> None:
        self.role = role
        self.reason = reason
        super().__init__(f"not in the organiser role {role!r} ({reason})")


def user_message(error: BaseException, language: str) -> tuple[str, bool]:
    """The message for the user, and whether the error is unexpected (log a traceback)."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, app_commands.CommandOnCooldown):
        return t("command_cooldown", language, seconds=max(1, math.ceil(error.retry_after))), False
    if isinstance(error, NotOrganiser):
        return t(error.reason, language, role=error.role), False
    if isinstance(error, app_commands.NoPrivateMessage):
        return t("guild_only", language), False
    if isinstance(error, app_commands.BotMissingPermissions):
        return t(
            "bot_missing_permissions",
            language,
            permissions=permission_names(list(error.missing_permissions)),
        ), False
    if isinstance(error, discord.Forbidden):
        return t("bot_missing_permissions", language, permissions=str(error.text or "403")), False
    if isinstance(error, app_commands.CheckFailure | commands.CheckFailure):
        return t("check_failed", language), False
    return t("error_generic", language), True


async def send_ephemeral(interaction: discord.Interaction, message: str) -> None:
    """Tell the user ``message`` privately, whether or not the interaction was answered."""
    embed = discord.Embed(description=message, colour=discord.Colour.red())
    kwargs: dict[str, Any] = {
        "embed": embed,
        "ephemeral": True,
        "allowed_mentions": discord.AllowedMentions.none(),
    }
    try:
        if interaction.response.is_done():
            await interaction.followup.send(**kwargs)
        else:
            await interaction.response.send_message(**kwargs)
    except discord.HTTPException as exc:
        log.warning(
            "could not send the error message to the user (%s): %s",
            describe_interaction(interaction),
            exc,
        )


async def report_interaction_error(
    interaction: discord.Interaction, error: BaseException, *, where: str = ""
) -> None:
    """Log ``error`` with the interaction's context and tell the user, once."""
    if interaction.extras.get(_REPORTED):
        return
    interaction.extras[_REPORTED] = True
    message, unexpected = user_message(error, interaction_language(interaction))
    context = describe_interaction(interaction) + (f" in {where}" if where else "")
    original = getattr(error, "original", error)
    if unexpected:
        log.error(
            "interaction failed: %s: %s",
            context,
            original,
            exc_info=(type(original), original, original.__traceback__),
        )
    else:
        log.info("interaction refused: %s: %s", context, original)
    await send_ephemeral(interaction, message)


class EventTree(app_commands.CommandTree):
    """The command tree: the last line of error handling for every slash command, and where
    every command's task is counted in flight (a stop lets it finish)."""

    async def interaction_check(self, interaction: discord.Interaction, /) -> bool:
        track_interaction(interaction)
        return True

    async def on_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_interaction_error(interaction, error, where="tree")


class EventCog(commands.Cog):
    """Base class of the bot's cogs: shared error handling with context."""

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: app_commands.AppCommandError
    ) -> None:
        await report_interaction_error(interaction, error, where=type(self).__name__)


__all__ = [
    "EventCog",
    "EventTree",
    "NotOrganiser",
    "describe_interaction",
    "interaction_language",
    "permission_names",
    "report_interaction_error",
    "send_ephemeral",
    "user_message",
]
