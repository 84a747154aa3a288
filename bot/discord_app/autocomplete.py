"""Autocomplete glue: turn ``(label, value)`` pairs into choices, and never fail the user."""

from __future__ import annotations

import logging
from collections.abc import Callable

import discord
from discord import app_commands

log = logging.getLogger("bot.discord")

Choice = app_commands.Choice[str]


def to_choices(pairs: list[tuple[str, str]]) -> list[Choice]:
    return [app_commands.Choice(name=name, value=value) for name, value in pairs]


async def safe_choices(
    interaction: discord.Interaction, build: Callable[[], list[tuple[str, str]]]
) -> list[Choice]:
    """``build()`` as choices; on error, log with context and offer no choice."""
    try:
        return to_choices(build())
    except Exception:
        log.exception(
            "autocomplete failed (command=%s user=%s guild=%s)",
            getattr(interaction.command, "qualified_name", None),
            interaction.user.id,
            interaction.guild_id,
        )
        return []


__all__ = ["Choice", "safe_choices", "to_choices"]
