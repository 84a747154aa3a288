"""Sending the "starting soon" reminders: to channels, and by DM to who asked with ``/remind``.

A reminder is posted ``REMINDER_MINUTES`` before each session to the announcements channel
and, when ``ROOM_CHANNELS`` maps the session's room to a channel, to that channel too; each
subscriber gets a DM. Which sessions are due is :func:`bot.agenda.reminders_due.due_reminders`
(pure). Each send is first claimed in the store under ``(session id, start, target)``
(insert-once), so a restart, a knowledge reload or a second bot never sends it twice, and a
moved session is reminded at its new time. A send that fails for a passing reason (timeout,
network, Discord 5xx) gives the claim back and is retried at the next tick with the same
nonce, until the reminder's window closes (shortly after the session starts), when it is
logged as not delivered. A reminder claimed by a process that stopped before sending it is
sent by the next one (same nonce: Discord does not post twice when the first one did go out),
if that comes within two minutes. A DM that fails for good (closed DMs) is logged and
skipped; a subscriber who left the server is dropped.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import discord

from bot.agenda.reminders_due import DueReminder, due_reminders
from bot.cogs.reminders.render import reminder_embed
from bot.discord_app.checks import find_channel, store_of
from bot.discord_app.delivery import event_guilds, failed_for_good, nonce_for
from bot.discord_app.privacy import target_ref, user_ref
from bot.discord_app.replies import NO_MENTIONS
from bot.kb.model import Session
from bot.store import Store

log = logging.getLogger(__name__)

SUBSCRIBERS_REFRESH = timedelta(minutes=1)
"""How long a session's subscriber list read from the database is reused while its reminder
is due (this bot's own /remind changes are seen at once)."""

Send = Callable[[str], Awaitable[None]]
"""Sends one reminder, given its nonce."""
Mark = tuple[tuple[str, str], str]
"""A reminder's key and its target (``channel:<id>`` or ``user:<id>``)."""


class LeftServer(Exception):
    """A subscriber is no longer in the event's server: no DM."""


def room_channel_name(settings: Any, room: str) -> str | None:
    """The channel ``ROOM_CHANNELS`` maps ``room`` to (room names compared case-insensitively)."""
    if not room:
        return None
    for name, channel in settings.room_channels.items():
        if name.strip().casefold() == room.strip().casefold():
            return channel
    return None


def reminder_channels(bot: Any, guild: discord.Guild, session: Session) -> list[Any]:
    """Where a session's reminder goes in ``guild``: announcements, then its room's channel."""
    settings = bot.settings
    wanted = [settings.announcements_channel, room_channel_name(settings, session.room)]
    channels: list[Any] = []
    for name in wanted:
        if not name:
            continue
        channel = find_channel(guild, name)
        if channel is None or not hasattr(channel, "send"):
            log.debug("reminder channel %r not found in %s", name, guild.id)
            continue
        if all(c.id != channel.id for c in channels):
            channels.append(channel)
    return channels


class StartingSoon:
    """Sends the reminders due at each tick (:meth:`send_due`); call
    :meth:`forget_subscribers` when a subscription changes."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self._handled: set[Mark] = set()
        self._retrying: dict[Mark, int] = {}  # given back after a passing failure: attempts
        self._subscribers: dict[tuple[int, str], tuple[datetime, list[int]]] = {}

    def forget_subscribers(self) -> None:
        self._subscribers.clear()

    async def send_due(self) -> int:
        """Send every reminder due now (channels, then subscribers); returns how many."""
        now = self.bot.now()
        lead = timedelta(minutes=self.bot.settings.reminder_minutes)
        kb = self.bot.kb
        due = due_reminders(kb, now, lead)
        self._give_up_closed(due)
        store = store_of(self.bot)
        if not due or store is None:
            return 0
        sent = 0
        language = kb.event.language
        for reminder in due:
            session = reminder.session
            for guild in event_guilds(self.bot):
                for channel in reminder_channels(self.bot, guild, session):
                    send = _sender(channel, reminder_embed(kb, session, language))
                    sent += await self._remind(store, reminder, f"channel:{channel.id}", now, send)
                for user_id in await self._subscribers_of(store, guild.id, session.id, now):
                    embed = reminder_embed(kb, session, language, dm=True)
                    send = self._dm_sender(store, guild, user_id, embed)
                    sent += await self._remind(store, reminder, f"user:{user_id}", now, send)
        return sent

    async def _check_member(self, store: Store, guild: discord.Guild, user_id: int) -> None:
        """Raise :class:`LeftServer` when a subscriber is no longer in the event's server (they
        may share another server with the bot, where a DM would still reach them): their
        subscriptions there are dropped. A passing failure of the check (timeout, 5xx) raises
        as is: the reminder is retried at the next tick."""
        if guild.get_member(user_id) is not None:
            return
        try:
            await guild.fetch_member(user_id)  # no members intent needed for one member
        except discord.NotFound:
            dropped = await store.drop_subscriber(guild.id, user_id)
            self.forget_subscribers()
            log.info(
                "%s left server %s: no reminder sent, %d subscription(s) dropped",
                user_ref(self.bot, user_id),
                guild.id,
                dropped,
            )
            raise LeftServer from None

    async def _subscribers_of(
        self, store: Store, guild_id: int, session_id: str, now: datetime
    ) -> list[int]:
        cached = self._subscribers.get((guild_id, session_id))
        if cached is not None and timedelta(0) <= now - cached[0] < SUBSCRIBERS_REFRESH:
            return cached[1]
        user_ids = await store.subscribers(guild_id, session_id)
        self._subscribers[(guild_id, session_id)] = (now, user_ids)
        return user_ids

    def _give_up_closed(self, due: list[DueReminder]) -> None:
        """Log, once, the retried reminders whose window closed without a delivery."""
        still_due = {reminder.key for reminder in due}
        for mark in [m for m in self._retrying if m[0] not in still_due]:
            attempts = self._retrying.pop(mark)
            (session_id, start), target = mark
            log.error(
                "reminder for %s at %s to %s not delivered: %d attempt(s) failed before the "
                "session started; gave up",
                session_id,
                start,
                target_ref(self.bot, target),
                attempts,
            )

    async def _remind(
        self, store: Store, reminder: DueReminder, target: str, now: datetime, send: Send
    ) -> int:
        mark = (reminder.key, target)
        if mark in self._handled:
            return 0
        session_id, start = reminder.session.id, reminder.start
        claimed = await store.claim_reminder(session_id, start, target, now=now)
        if not claimed:
            # sent before (a restart, another bot), or being sent by another process: one
            # that stopped before confirming may be taken over at a later tick
            if not await store.reminder_in_flight(session_id, start, target, now=now):
                self._handled.add(mark)
            return 0
        try:
            await send(nonce_for("r", session_id, reminder.key[1], target))
        except LeftServer:
            self._handled.add(mark)
            await self._confirm(store, reminder, target)
            return 0
        except Exception as exc:
            if failed_for_good(exc):  # closed DMs, channel gone, no permission: not retried
                self._handled.add(mark)
                self._retrying.pop(mark, None)
                await self._confirm(store, reminder, target)
                level = logging.INFO if target.startswith("user:") else logging.ERROR
                log.log(
                    level,
                    "reminder for %s at %s to %s not delivered: %s",
                    session_id,
                    start.isoformat(),
                    target_ref(self.bot, target),
                    exc,
                )
                return 0
            # passing (timeout, network, 5xx): give the claim back, retry at the next tick
            await self._release(store, reminder, target)
            attempts = self._retrying[mark] = self._retrying.get(mark, 0) + 1
            log.warning(
                "reminder for %s at %s to %s: sending failed (%s: %s); will retry at the next "
                "tick (attempt %d)",
                session_id,
                start.isoformat(),
                target_ref(self.bot, target),
                type(exc).__name__,
                exc,
                attempts,
            )
            return 0
        except BaseException:  # cancelled mid-send (the bot is stopping): retried after a restart
            await asyncio.shield(self._release(store, reminder, target))
            raise
        self._handled.add(mark)
        self._retrying.pop(mark, None)
        await self._confirm(store, reminder, target)
        log.info("reminder for %s sent to %s", session_id, target_ref(self.bot, target))
        return 1

    async def _confirm(self, store: Store, reminder: DueReminder, target: str) -> None:
        """Mark a claimed reminder done; never raises (unconfirmed, a stopped process's
        successor would send it again, with the same nonce)."""
        try:
            await store.confirm_reminder(reminder.session.id, reminder.start, target)
        except Exception as exc:
            log.error(
                "reminder for %s to %s: sent, but not confirmed in the database (%s)",
                reminder.session.id,
                target_ref(self.bot, target),
                exc,
            )

    async def _release(self, store: Store, reminder: DueReminder, target: str) -> None:
        """Give a claimed reminder back so the next tick sends it; never raises."""
        try:
            await store.release_reminder(reminder.session.id, reminder.start, target)
        except Exception:
            log.exception(
                "reminder for %s to %s: could not be given back for a retry; not delivered",
                reminder.session.id,
                target_ref(self.bot, target),
            )

    def _dm_sender(
        self, store: Store, guild: discord.Guild, user_id: int, embed: discord.Embed
    ) -> Send:
        async def send(nonce: str) -> None:
            await self._check_member(store, guild, user_id)
            user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
            await user.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce)

        return send


def _sender(channel: Any, embed: discord.Embed) -> Send:
    async def send(nonce: str) -> None:
        await channel.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce)

    return send


__all__ = ["LeftServer", "StartingSoon", "reminder_channels", "room_channel_name"]
