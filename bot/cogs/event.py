"""``/event``: what, when, where, who organises."""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord
from discord import app_commands

from bot.discord_app.errors import EventCog, interaction_language
from bot.discord_app.replies import Reply, send_reply
from bot.render.embeds import event_embed

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot


class EventInfoCog(EventCog):
    def __init__(self, bot: EventBot) -> None:
        self.bot = bot

    @app_commands.command(name="event", description="The event: what, when, where, who organises")
    async def event(self, interaction: discord.Interaction) -> None:
        kb = self.bot.kb
        embed = event_embed(kb, kb.event, interaction_language(interaction))
        await send_reply(interaction, Reply([embed]))


async def setup(bot: EventBot) -> None:
    await bot.add_cog(EventInfoCog(bot))
