"""``/tool name:``: what a tool is, its links, the sessions that discussed it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord_app.autocomplete import Choice, entry_autocomplete
from bot.discord_app.errors import EventCog
from bot.discord_app.replies import send_entry
from bot.render.embeds import tool_embed

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot


class ToolsCog(EventCog):
    def __init__(self, bot: EventBot) -> None:
        self.bot = bot

    async def name_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        return await entry_autocomplete(self.bot, interaction, "tool", current)

    @app_commands.command(
        name="tool", description="What a tool is, its links, which sessions discussed it"
    )
    @app_commands.describe(name="Start typing a tool's name")
    @app_commands.autocomplete(name=name_autocomplete)
    async def tool(
        self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]
    ) -> None:
        await send_entry(self.bot, interaction, "tool", name, tool_embed, "not_found_tool")


async def setup(bot: EventBot) -> None:
    await bot.add_cog(ToolsCog(bot))
