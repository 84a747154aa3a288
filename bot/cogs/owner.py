"""Owner-only maintenance, as mention commands so they need no slash registration:

- ``@bot sync``: sync the slash commands to this server (instant);
- ``@bot sync global``: sync them globally (every server; Discord may take an hour);
- ``@bot sync clear``: remove this server's copy (after a global sync, to avoid duplicates);
  it stays removed: the next starts do not sync it again until ``@bot sync``.

Only the application's owner (or team members) may use them; others are ignored.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

import discord
from discord.ext import commands

from bot.discord_app.errors import EventCog
from bot.discord_app.factory import SYNC_CLEARED
from bot.discord_app.privacy import user_ref

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)


class OwnerCog(EventCog):
    def __init__(self, bot: EventBot) -> None:
        self.bot = bot

    @commands.command(name="sync", hidden=True)
    @commands.is_owner()
    async def sync(self, ctx: commands.Context, scope: str = "guild") -> None:
        tree = self.bot.tree
        scope = scope.lower()
        if scope == "global":
            synced = await tree.sync()
            text = f"Synced {len(synced)} commands globally (may take up to an hour to appear)."
        elif ctx.guild is None:
            text = "Use `sync` in a server, or `sync global`."
        elif scope == "clear":
            tree.clear_commands(guild=ctx.guild)
            await tree.sync(guild=ctx.guild)
            await self.bot.remember_sync(ctx.guild.id, SYNC_CLEARED)
            text = (
                f"Removed this server's copy of the commands in {ctx.guild.name}; restarts keep "
                "it removed (`sync` brings it back)."
            )
        else:
            tree.copy_global_to(guild=ctx.guild)
            count = await self.bot.sync_to(ctx.guild)
            text = (
                f"Synced {count} commands to {ctx.guild.name}."
                if count is not None
                else f"Syncing the commands to {ctx.guild.name} failed: see the bot's log."
            )
        log.info("owner %s: sync %s: %s", user_ref(self.bot, ctx.author.id), scope, text)
        await ctx.reply(text, mention_author=False, allowed_mentions=discord.AllowedMentions.none())


async def setup(bot: EventBot) -> None:
    await bot.add_cog(OwnerCog(bot))
