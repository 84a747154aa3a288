"""Slash commands are synced at start only when they changed (a hash of the payload is kept
in the store), and ``@bot sync clear`` sticks across restarts."""

from __future__ import annotations

import logging
from pathlib import Path

import discord
import simcord
from discord import app_commands
from discord.ext import commands
from eventbot_fixtures import DAY1, FakeClock, at, make_kb

from bot.discord_app.factory import SYNC_CLEARED, EventBot, create_bot
from bot.settings import Settings
from bot.store import Store

GUILD_ID = 987654321012345678


class Extra(commands.Cog):
    @app_commands.command(name="extra", description="A command added by an update")
    async def extra(self, interaction: discord.Interaction) -> None:
        await interaction.response.send_message("extra")


class Run:
    """One start of the bot on ``store``: how many times it synced, and its environment."""

    def __init__(self, store: Store, *, extra: bool = False) -> None:
        settings = Settings(discord_token="x.y.z", guild_id=GUILD_ID)
        self.bot: EventBot = create_bot(
            settings,
            make_kb(),
            clock=FakeClock(at(DAY1, 10)),
            store=store,
            extra_cogs=[Extra()] if extra else [],
        )
        self.syncs: list[object] = []
        sync = self.bot.tree.sync

        async def counting(*, guild=None):
            self.syncs.append(guild.id if guild else None)
            return await sync(guild=guild)

        self.bot.tree.sync = counting  # type: ignore[method-assign]
        self.env = simcord.Env(self.bot)
        self.guild = self.env.create_guild("Conf", id=GUILD_ID)
        self.channel = self.guild.create_text_channel("general")

    async def __aenter__(self) -> Run:
        await self.env.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.env.shutdown()
        self.env.raise_errors()


async def test_sync_at_start_only_when_the_commands_changed(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with await Store.open(tmp_path / "q.sqlite3", maintenance_interval=None) as store:
        async with Run(store) as first:
            assert first.syncs == [GUILD_ID]
        async with Run(store) as second:
            assert second.syncs == [], "nothing changed: no sync"
        assert "unchanged since the last sync" in caplog.text
        async with Run(store, extra=True) as updated:
            assert updated.syncs == [GUILD_ID], "a new command: synced"
        async with Run(store, extra=True) as again:
            assert again.syncs == []


async def test_sync_clear_sticks_until_the_owner_syncs_again(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.INFO, logger="bot")
    async with await Store.open(tmp_path / "q.sqlite3", maintenance_interval=None) as store:
        async with Run(store) as first:
            owner = first.guild.add_member(first.env.create_user("owner"))
            first.bot.owner_id = owner.id
            with first.env.time_context():
                await owner.send(first.channel, f"{first.bot.user.mention} sync clear")
            assert "restarts keep it removed" in first.channel.last_message.content
        assert await store.get_meta(f"commands_synced:{GUILD_ID}") == SYNC_CLEARED
        async with Run(store) as restarted:
            assert restarted.syncs == [], "the cleared copy is not brought back at start"
            assert "sync clear" in caplog.text
            owner = restarted.guild.add_member(restarted.env.create_user("owner"))
            restarted.bot.owner_id = owner.id
            with restarted.env.time_context():
                await owner.send(restarted.channel, f"{restarted.bot.user.mention} sync")
            assert restarted.syncs == [GUILD_ID]
        async with Run(store) as later:
            assert later.syncs == [], "synced by the owner: the hash is known again"
