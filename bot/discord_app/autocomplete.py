"""Autocomplete glue: turn ``(label, value)`` pairs into choices, and never fail the user."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import discord
from discord import app_commands

from bot.discord_app.errors import interaction_language
from bot.discord_app.lookup import entry_choices
from bot.discord_app.privacy import user_ref

log = logging.getLogger(__name__)

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
            "autocomplete failed (command=%s %s guild=%s)",
            getattr(interaction.command, "qualified_name", None),
            user_ref(interaction.client, interaction.user.id),
            interaction.guild_id,
        )
        return []


async def entry_autocomplete(
    bot: Any, interaction: discord.Interaction, kind: str, current: str
) -> list[Choice]:
    """Choices for entries of ``kind`` matching what the user typed, in their language; read
    from ``bot.answerer`` at each keystroke, so a reload shows at once."""
    language = interaction_language(interaction)
    return await safe_choices(
        interaction, lambda: entry_choices(bot.answerer, (kind,), current, language)
    )


__all__ = ["Choice", "entry_autocomplete", "safe_choices", "to_choices"]
