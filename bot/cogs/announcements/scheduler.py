"""Posting the scheduled announcements when they are due, each at most once.

A :mod:`discord.ext.tasks` loop claims the due ones (the store marks each row posted in the
statement that selects it, so a restart or a second bot never posts one twice) and posts each
on its own (:mod:`.posting`: a passing failure is given back and retried at the next tick,
without holding up the others). One overdue by more than :data:`.posting.ON_TIME` (the bot was
down) is posted with a "posted late" note, or skipped when overdue by more than
``ANNOUNCEMENT_GRACE_MINUTES``. An announcement claimed by a process that stopped before
posting it (a crash, a kill) is not posted again: it stays marked, is logged when the bot
starts, and ``/announcements list`` shows it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from discord.ext import tasks

from bot.cogs.announcements.posting import ON_TIME, post_claimed, release
from bot.discord_app.checks import store_of
from bot.discord_app.lifecycle import stop_loop
from bot.store import Announcement, Store, StoreError

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

TICK_SECONDS = 15.0
"""How often the scheduler looks for due announcements (in memory: no database access)."""

REFRESH = timedelta(minutes=5)
"""How often the scheduler re-reads the next due time from the database, in case another
process scheduled or cancelled one (this bot's own changes are seen at once)."""


class AnnouncementScheduler:
    """The loop that posts due announcements; :meth:`invalidate` after scheduling or
    cancelling one. ``in_flight``: the ids this process claimed and is posting."""

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self._next_due: datetime | None = None
        self._refresh_at: datetime | None = None  # None: read the database at the next tick
        self.in_flight: set[int] = set()

    def start(self) -> None:
        self.loop.start()

    async def stop(self) -> None:
        await stop_loop(self.loop)  # a post cut short gives its claim back first

    @tasks.loop(seconds=TICK_SECONDS)
    async def loop(self) -> None:
        try:
            await self.post_due()
        except Exception:
            log.exception("announcement scheduler tick failed; retrying at the next tick")

    @loop.before_loop
    async def _before_loop(self) -> None:
        await self.bot.wait_until_ready()

    async def warn_unconfirmed(self, store: Store) -> None:
        """At start: say which announcements a stopped process claimed but may not have
        posted (they are not posted again: at most once)."""
        try:
            unconfirmed = await store.unconfirmed_announcements(others_only=True)
        except StoreError as exc:
            log.error("cannot check for announcements left unposted: %s", exc)
            return
        for item in unconfirmed:
            log.warning(
                "announcement #%d (guild %s, channel %s, due %s) may not have been posted: it "
                "was claimed for posting at %s but no message was recorded (the bot stopped in "
                "between?). It is not posted again; check the channel and post it by hand if "
                "it is missing (/announcements list shows it)",
                item.id,
                item.guild_id,
                item.channel_id,
                item.due_at.isoformat(),
                item.posted_at.isoformat() if item.posted_at else "?",
            )

    def grace(self) -> timedelta:
        return ON_TIME + timedelta(minutes=self.bot.settings.announcement_grace_minutes)

    def invalidate(self) -> None:
        """Re-read the next due time at the next tick (after scheduling or cancelling)."""
        self._refresh_at = None

    async def _nothing_due(self, store: Store, now: datetime) -> bool:
        """Whether no announcement can be due at ``now``, reading the database only every
        :data:`REFRESH` (a tick is then free: virtual time and the real bot stay cheap)."""
        if self._refresh_at is None or now >= self._refresh_at:
            pending = await store.pending_announcements()
            self._next_due = min((a.due_at for a in pending), default=None)
            self._refresh_at = now + REFRESH
        return self._next_due is None or now < self._next_due

    async def post_due(self) -> list[Announcement]:
        """Claim and post the announcements due now; returns those posted."""
        store = store_of(self.bot)
        if store is None:
            return []
        now = self.bot.now()
        if await self._nothing_due(store, now):
            return []
        self.invalidate()
        to_post, skipped = await store.claim_due_announcements(now=now, grace=self.grace())
        for announcement in skipped:
            log.warning(
                "announcement #%d (guild %s, channel %s) was due %s, more than %s ago (the bot "
                "was offline): skipped, not posted; raise ANNOUNCEMENT_GRACE_MINUTES to post "
                "late ones",
                announcement.id,
                announcement.guild_id,
                announcement.channel_id,
                announcement.due_at.isoformat(),
                self.grace(),
            )
        posted = []
        remaining = list(to_post)
        self.in_flight.update(a.id for a in to_post)
        try:
            while remaining:
                announcement = remaining[0]
                try:
                    if await post_claimed(self.bot, store, announcement, now):
                        posted.append(announcement)
                except Exception:
                    # post_claimed handles its own failures; this keeps one announcement's
                    # unforeseen error from stranding the others claimed in this tick
                    log.exception("announcement #%d: unexpected error", announcement.id)
                remaining.pop(0)
        finally:
            if len(remaining) > 1:  # cancelled (the bot is stopping): give back the untried
                await asyncio.shield(_release_all(store, remaining[1:]))
            self.in_flight.difference_update(a.id for a in to_post)
        return posted


async def _release_all(store: Store, announcements: list[Announcement]) -> None:
    for announcement in announcements:
        await release(store, announcement)


__all__ = ["AnnouncementScheduler"]
