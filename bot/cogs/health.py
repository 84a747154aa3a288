"""The heartbeat ``python -m bot health`` reads (see :mod:`bot.store.heartbeat`).

Every 30 seconds the bot writes to its database whether it is connected to Discord and which
knowledge base it serves; when it stops cleanly it writes that it stopped. The runner turns
it on (``create_bot(heartbeat=True)``); without a store there is nothing to write (and
``health`` says so).
"""

from __future__ import annotations

import logging
import os
import socket
from typing import TYPE_CHECKING

import discord
from discord.ext import commands, tasks

from bot.discord_app.checks import store_of
from bot.discord_app.errors import EventCog
from bot.store import StoreError
from bot.store.heartbeat import INTERVAL_SECONDS, KEY, Heartbeat

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)


class HealthCog(EventCog):
    """Writes the heartbeat while the bot runs."""

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self.connected = False
        self.beats = 0

    async def cog_load(self) -> None:
        if getattr(self.bot, "heartbeat", False) and store_of(self.bot) is not None:
            self.beat.start()

    async def cog_unload(self) -> None:
        self.beat.cancel()
        if self.beats:
            await self.write(stopped=True)

    @commands.Cog.listener()
    async def on_ready(self) -> None:
        self.connected = True

    @commands.Cog.listener()
    async def on_resumed(self) -> None:
        self.connected = True

    @commands.Cog.listener()
    async def on_disconnect(self) -> None:
        self.connected = False

    def heartbeat(self, *, stopped: bool = False) -> Heartbeat:
        kb = self.bot.kb
        return Heartbeat(
            at=discord.utils.utcnow(),  # wall time (virtual in simcord), not the event clock
            pid=os.getpid(),
            host=socket.gethostname(),
            connected=self.connected and not self.bot.is_closed() and not stopped,
            guilds=len(self.bot.guilds),
            knowledge=kb.event.name,
            entries=len(kb),
            stopped=stopped,
        )

    async def write(self, *, stopped: bool = False) -> bool:
        store = store_of(self.bot)
        if store is None or store.closed:
            return False
        try:
            await store.put_meta(KEY, self.heartbeat(stopped=stopped).to_json())
        except StoreError as exc:  # health turns stale, which is the point
            log.error("cannot write the heartbeat: %s", exc)
            return False
        self.beats += 1
        return True

    @tasks.loop(seconds=INTERVAL_SECONDS)
    async def beat(self) -> None:
        await self.write()

    @beat.before_loop
    async def _before_beat(self) -> None:
        await self.bot.wait_until_ready()
        self.connected = True


async def setup(bot: EventBot) -> None:
    await bot.add_cog(HealthCog(bot))


__all__ = ["HealthCog"]
