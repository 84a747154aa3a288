"""Session reminders and schedule-change posts.

- **Starting soon**: a :mod:`discord.ext.tasks` loop posts a reminder ``REMINDER_MINUTES``
  before each session to the announcements channel and, when ``ROOM_CHANNELS`` maps the
  session's room to a channel, to that channel too. Which sessions are due is
  :func:`bot.agenda.reminders_due.due_reminders` (pure); each post is first claimed in the store
  under ``(session id, start, target)`` (insert-once), so a restart, a knowledge reload or a
  second bot never posts it twice, and a moved session is reminded at its new time. A send
  that fails for a passing reason (timeout, network, Discord 5xx) gives the claim back and is
  retried at the next tick with the same nonce, until the reminder's window closes (shortly
  after the session starts), when it is logged as not delivered. A reminder claimed by a
  process that stopped before sending it is sent by the next one (same nonce: Discord does not
  post twice when the first one did go out), if that comes within two minutes.
- **Subscriptions**: ``/remind session:`` subscribes the user to a direct message before that
  session; ``/reminders list`` and ``/reminders cancel session:`` manage them. (They are their
  own commands, not ``/session`` subcommands, because the ``/session`` group belongs to the
  agenda cog.) A DM that fails (closed DMs, left the server) is logged and skipped.
- **Schedule updates**: when the knowledge base is replaced (``/kb reload``, the watcher),
  :meth:`RemindersCog.on_knowledge_replaced` posts what changed (new, cancelled, moved in time
  or room) to ``SCHEDULE_UPDATES_CHANNEL``, in as many messages as Discord's size limits
  need (a long list is never cut). The loop also notices a replaced knowledge base by itself,
  so a reload path that calls no hook is covered; each change is posted once.

Everything persistent goes through ``bot.store`` (a :class:`bot.store.Store`); without one,
reminders are off and the commands say the database is unavailable.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import tasks

from bot.agenda.changes import (
    ScheduleChange,
    announced_sessions,
    diff_schedules,
    is_over,
    mass_cancellation,
    schedule_slot,
    scheduled_count,
    title_json,
)
from bot.agenda.reminders_due import DueReminder, due_reminders
from bot.discord_app.autocomplete import Choice, safe_choices
from bot.discord_app.checks import find_channel, store_of
from bot.discord_app.delivery import failed_for_good, nonce_for
from bot.discord_app.errors import EventCog, interaction_language, send_ephemeral
from bot.discord_app.lifecycle import stop_loop
from bot.discord_app.lookup import choice_label, entry_choices, resolve
from bot.discord_app.privacy import target_ref, user_ref
from bot.discord_app.replies import find_or_suggest, quote
from bot.i18n import t
from bot.kb.model import KnowledgeBase, Session
from bot.render.embeds import (
    DESCRIPTION_LIMIT,
    TOTAL_LIMIT,
    fit_embed,
    fit_embeds,
    timestamp,
    truncate,
)
from bot.render.text import session_people
from bot.store import Store, StoreError

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger("bot.reminders")

TICK_SECONDS = 20.0
"""How often the loop looks for due reminders (a pure computation over the knowledge base;
the database is touched only when a reminder is due)."""

SUBSCRIBERS_REFRESH = timedelta(minutes=1)
"""How long a session's subscriber list read from the database is reused while its reminder
is due (this bot's own /remind changes are seen at once)."""

REMINDER_COLOUR = discord.Colour.green()
UPDATE_COLOUR = discord.Colour.orange()
NO_MENTIONS = discord.AllowedMentions.none()
MAX_LISTED = 25


def event_guilds(bot: Any) -> list[discord.Guild]:
    """The servers to post in: ``DISCORD_GUILD_ID`` when set, else every server."""
    guild_id = bot.settings.guild_id
    if guild_id is not None:
        guild = bot.get_guild(guild_id)
        return [guild] if guild is not None else []
    return list(bot.guilds)


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


# -- rendering -----------------------------------------------------------------------------------


def reminder_embed(
    kb: KnowledgeBase, session: Session, language: str, *, dm: bool = False
) -> discord.Embed:
    """ "Starting soon: <title>" with a Discord timestamp, the room and who presents."""
    assert session.start is not None
    description = t(
        "reminder_starts",
        language,
        relative=timestamp(session.start, "R"),
        time=timestamp(session.start, "t"),
    )
    if dm:
        description = f"{t('reminder_dm_intro', language)}\n{description}"
    embed = discord.Embed(
        title=truncate(t("reminder_title", language, title=session.title.pick(language)), 256),
        url=session.url or None,
        description=description,
        colour=REMINDER_COLOUR,
    )
    if session.room:
        embed.add_field(name=t("room", language), value=truncate(session.room, 1024), inline=True)
    people = session_people(kb, session)
    if people:
        label = t("speakers", language) if session.speakers else t("presented_by", language)
        embed.add_field(name=label, value=truncate(people, 1024), inline=True)
    embed.set_footer(text=kb.event.name)
    return fit_embed(embed)


def _where(session: Session, language: str) -> str:
    parts = []
    if session.start is not None:
        parts.append(timestamp(session.start, "f"))
    if session.room:
        parts.append(f"{t('room', language)} {session.room}")
    return ", ".join(parts)


def change_line(change: ScheduleChange, language: str) -> str:
    """One line per change, with Discord timestamps."""
    session = change.session
    title = f"**{truncate(session.title.pick(language), 150)}**"
    if change.kind == "added":
        return t("change_added", language, session=f"{title}, {_where(session, language)}")
    if change.kind == "cancelled":
        return t("change_cancelled", language, session=f"{title}, {_where(session, language)}")
    old = change.old
    assert old is not None
    now_parts, was_parts = [], []
    if change.time_changed and session.start is not None and old.start is not None:
        now_parts.append(timestamp(session.start, "f"))
        was_parts.append(timestamp(old.start, "f"))
    if change.room_changed:
        now_parts.append(f"{t('room', language)} {session.room or '-'}")
        was_parts.append(f"{t('room', language)} {old.room or '-'}")
    return t(
        "change_moved",
        language,
        session=f"{title}, {', '.join(now_parts)}",
        old=", ".join(was_parts),
    )


CHANGES_EMBEDS_PER_MESSAGE = 2
"""Schedule-update embeds per message: each holds up to a share of Discord's 6000 characters
per message (:func:`bot.render.embeds.fit_embeds` gives each embed an equal share)."""


def change_groups(
    changes: list[ScheduleChange], event_name: str, language: str
) -> list[tuple[list[ScheduleChange], list[discord.Embed]]]:
    """The changes as messages, each a list of embeds within every Discord limit (10 embeds
    and 6000 characters per message, 4096 per description), with the changes each message
    holds; every change is in one of them, in order, however long the list."""
    per_message = CHANGES_EMBEDS_PER_MESSAGE
    budget = TOTAL_LIMIT // per_message  # what fit_embeds allows each embed of a full message
    overhead = len(_changes_embed([], event_name, language))  # title and footer
    room = min(budget - overhead, DESCRIPTION_LIMIT)
    embeds: list[tuple[list[ScheduleChange], discord.Embed]] = []
    lines: list[str] = []
    held: list[ScheduleChange] = []
    size = 0
    for change in changes:
        line = truncate(change_line(change, language), min(1000, room))
        grown = size + 1 + len(line) if lines else len(line)  # the description with this line
        if lines and grown > room:
            embeds.append((held, _changes_embed(lines, event_name, language)))
            lines, held, grown = [], [], len(line)
        lines.append(line)
        held.append(change)
        size = grown
    if lines:
        embeds.append((held, _changes_embed(lines, event_name, language)))
    groups = []
    for i in range(0, len(embeds), per_message):
        part = embeds[i : i + per_message]
        groups.append(([c for held, _ in part for c in held], fit_embeds([e for _, e in part])))
    return groups


def changes_messages(
    changes: list[ScheduleChange], event_name: str, language: str
) -> list[list[discord.Embed]]:
    """The embeds of each message of :func:`change_groups`."""
    return [embeds for _, embeds in change_groups(changes, event_name, language)]


def _changes_embed(lines: list[str], event_name: str, language: str) -> discord.Embed:
    embed = discord.Embed(
        title=t("changes_title", language),
        description="\n".join(lines),
        colour=UPDATE_COLOUR,
    )
    embed.set_footer(text=truncate(event_name, 256))
    return fit_embed(embed)


def _change_slots(change: ScheduleChange) -> str:
    new = "" if change.kind == "cancelled" else schedule_slot(change.session)
    return f"{change.session_id}>{new}"


@dataclass
class ScheduleSync:
    """What one schedule sync did: ``posted`` changes, and cancellations ``held`` because
    they cancel most of the ``scheduled`` sessions at once (a half-written file?), waiting for
    an organiser (``/kb reload`` shows :meth:`confirmation_prompt` with buttons)."""

    posted: list[ScheduleChange] = field(default_factory=list)
    held: list[ScheduleChange] = field(default_factory=list)
    scheduled: int = 0
    resume: Callable[[bool], Awaitable[ScheduleSync]] | None = None

    def confirmation_prompt(self, language: str) -> str | None:
        if not self.held:
            return None
        return t("changes_held", language, count=len(self.held), total=self.scheduled)

    async def confirm(self, post: bool, language: str) -> str:
        """The organiser's answer: post the held cancellations, or take them as announced."""
        assert self.resume is not None
        count = len(self.held)
        await self.resume(post)
        return t("changes_held_posted" if post else "changes_held_dropped", language, count=count)


async def send_changes(
    bot: Any, changes: list[ScheduleChange], kb: KnowledgeBase
) -> tuple[list[ScheduleChange], list[ScheduleChange]]:
    """Post ``changes`` to ``SCHEDULE_UPDATES_CHANNEL`` in every event server. Returns
    ``(done, retry)``: ``retry`` holds the changes of messages that reached no channel because
    of a passing failure (timeout, network, 5xx), to post again with the same nonce; ``done``
    the others (posted, or refused for good, which is logged)."""
    wanted = bot.settings.schedule_updates_channel
    if not changes:
        return [], []
    if not wanted:
        log.info("%d schedule change(s); SCHEDULE_UPDATES_CHANNEL is not set", len(changes))
        return list(changes), []
    channels = []
    for guild in event_guilds(bot):
        channel = find_channel(guild, wanted)
        if channel is None or not hasattr(channel, "send"):
            log.warning(
                "SCHEDULE_UPDATES_CHANNEL: no channel %r in server %s; %d change(s) not posted",
                wanted,
                guild.id,
                len(changes),
            )
            continue
        channels.append((guild, channel))
    groups = change_groups(changes, kb.event.name, kb.event.language)
    done: list[ScheduleChange] = []
    retry: list[ScheduleChange] = []
    for number, (held, embeds) in enumerate(groups, 1):
        reached, passing = False, False
        for guild, channel in channels:
            nonce = nonce_for("s", channel.id, *(_change_slots(c) for c in held))
            try:
                await channel.send(embeds=embeds, allowed_mentions=NO_MENTIONS, nonce=nonce)
                reached = True
            except Exception as exc:  # one message failing must not stop the others
                passing = passing or not failed_for_good(exc)
                log.error(
                    "cannot post schedule changes (message %d of %d) in #%s (%s): %s: %s%s",
                    number,
                    len(groups),
                    channel,
                    guild.id,
                    type(exc).__name__,
                    exc,
                    "; will retry" if not failed_for_good(exc) else "",
                )
        (retry if passing and not reached else done).extend(held)
    if done:
        log.info("posted %d schedule change(s)", len(done))
    return done, retry


async def post_schedule_changes(
    bot: Any, old_kb: KnowledgeBase, new_kb: KnowledgeBase
) -> ScheduleSync:
    """Without a database: post the changes from ``old_kb`` to ``new_kb`` (changes to sessions
    already over are left out), holding mass cancellations for an organiser's answer like
    :meth:`RemindersCog.sync_schedule` does. With a database, that method diffs against what
    was announced instead."""
    changes = diff_schedules(old_kb, new_kb, since=bot.now())
    result = ScheduleSync(scheduled=scheduled_count(old_kb))
    cancelled = [c for c in changes if c.kind == "cancelled"]
    if mass_cancellation(len(cancelled), result.scheduled):
        _log_held(len(cancelled), result.scheduled)
        result.held = cancelled
        changes = [c for c in changes if c.kind != "cancelled"]

        async def resume(post: bool) -> ScheduleSync:
            done = (await send_changes(bot, cancelled, new_kb))[0] if post else []
            return ScheduleSync(posted=done)

        result.resume = resume
    done, _ = await send_changes(bot, changes, new_kb)
    result.posted = done if bot.settings.schedule_updates_channel else []
    return result


def _log_held(count: int, scheduled: int) -> None:
    log.warning(
        "schedule updates: this knowledge base cancels %d of the %d announced sessions at "
        "once; these cancellations are NOT posted until an organiser confirms (/kb reload "
        "shows a button). A half-written file?",
        count,
        scheduled,
    )


async def on_knowledge_replaced(bot: Any, old_kb: KnowledgeBase, new_kb: KnowledgeBase) -> Any:
    """The hook to call after the knowledge base was replaced: posts the schedule changes once
    (through the reminders cog when it is loaded, so its own check does not repeat them)."""
    # by name, not isinstance: load_extension re-executes this module, so the loaded cog's
    # class may not be the RemindersCog seen here
    cog = bot.get_cog(RemindersCog.__cog_name__) if hasattr(bot, "get_cog") else None
    if cog is not None and hasattr(cog, "on_knowledge_replaced"):
        return await cog.on_knowledge_replaced(bot, old_kb, new_kb)
    return await post_schedule_changes(bot, old_kb, new_kb)


# -- the cog -------------------------------------------------------------------------------------


class LeftServer(Exception):
    """A subscriber is no longer in the event's server: no DM."""


class RemindersCog(EventCog):
    """Starting-soon posts, DM subscriptions (``/remind``, ``/reminders``), schedule updates."""

    reminders = app_commands.Group(
        name="reminders", description="Your session reminders", guild_only=True
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self._handled: set[tuple[tuple[str, str], str]] = set()
        # reminders given back after a passing failure: mark -> attempts so far
        self._retrying: dict[tuple[tuple[str, str], str], int] = {}
        self._subscribers: dict[tuple[int, str], tuple[datetime, list[int]]] = {}
        self._last_kb: KnowledgeBase = bot.kb
        self._synced_kb: KnowledgeBase | None = None  # the knowledge last synced to the store
        self._sync_again = False  # changes were given back: sync at the next tick
        self._sync_lock = asyncio.Lock()

    async def cog_load(self) -> None:
        self._last_kb = self.bot.kb
        store = store_of(self.bot)
        if store is None:
            log.warning(
                "no database (bot.store): starting-soon reminders and /remind are off; "
                "schedule updates are still posted"
            )
        else:
            await self._baseline(store)
        self.scheduler.start()

    async def _baseline(self, store: Store) -> None:
        """At start: on a new database, take the schedule as already announced; and warn about
        schedule changes a stopped process claimed but may not have posted."""
        slots = {s.id: (schedule_slot(s), title_json(s)) for s in self.bot.kb.sessions if s.start}
        try:
            if await store.seed_announced_schedule(slots):
                log.info("schedule updates: %d session(s) taken as announced", len(slots))
            for slot in await store.unconfirmed_schedule_changes():
                log.warning(
                    "the schedule change of session %s may not have been posted: it was claimed "
                    "but not confirmed (the bot stopped in between?); it is not posted again",
                    slot.session_id,
                )
        except StoreError as exc:
            log.error("schedule updates: cannot read what was announced: %s", exc)

    async def cog_unload(self) -> None:
        await stop_loop(self.scheduler)

    # -- loop -------------------------------------------------------------------------------

    @tasks.loop(seconds=TICK_SECONDS)
    async def scheduler(self) -> None:
        try:
            await self.check_knowledge()
        except Exception:
            log.exception("schedule-change check failed")
        try:
            await self.send_due()
        except Exception:
            log.exception("reminder tick failed; retrying at the next tick")

    @scheduler.before_loop
    async def _before_scheduler(self) -> None:
        await self.bot.wait_until_ready()

    async def check_knowledge(self) -> list[ScheduleChange]:
        """Post schedule changes if the knowledge base was replaced without the hook; with a
        database, also at the first tick (changes made while the bot was down) and after a
        post was given back."""
        current = self.bot.kb
        if store_of(self.bot) is not None:
            if current is self._synced_kb and not self._sync_again:
                return []
            return (await self.sync_schedule()).posted
        if current is self._last_kb:
            return []
        return (await self.on_knowledge_replaced(self.bot, self._last_kb, current)).posted

    async def on_knowledge_replaced(
        self, bot: Any, old_kb: KnowledgeBase, new_kb: KnowledgeBase
    ) -> ScheduleSync:
        """Hook called by ``/kb reload`` and the watcher (see ``bot.cogs.knowledge_admin``)."""
        if store_of(self.bot) is not None:
            return await self.sync_schedule()  # every reload: it may confirm held changes
        if new_kb is self._last_kb:
            return ScheduleSync()  # already handled (by the loop or an earlier call)
        self._last_kb = new_kb
        return await post_schedule_changes(self.bot, old_kb, new_kb)

    async def sync_schedule(
        self, *, confirmed: bool = False, post_held: bool = True
    ) -> ScheduleSync:
        """Post the changes between the schedule as announced (in the store) and the running
        one, each exactly once: a change is claimed in the store (compare-and-set on the
        session's announced slot) before it is posted, so a restart or a second bot on the
        same database never posts it again, and a change made while the bot was down is
        posted at start. Changes to sessions already over are recorded, not posted.

        When the changes cancel most of the announced schedule at once (what a half-written
        file looks like), the cancellations are held, not claimed: ``confirmed`` (an
        organiser's answer) posts them, or with ``post_held=False`` records them silently.
        """
        store = store_of(self.bot)
        assert store is not None
        async with self._sync_lock:
            kb = self.bot.kb
            self._synced_kb, self._last_kb, self._sync_again = kb, kb, False
            announced = await store.announced_schedule()
            old = announced_sessions(
                {sid: (a.slot, a.title) for sid, a in announced.items()}, kb.sessions
            )
            now = self.bot.now()
            changes = diff_schedules(old, kb.sessions)
            scheduled = sum(1 for a in announced.values() if a.slot)
            cancelled = [c for c in changes if c.kind == "cancelled" and not is_over(c, now)]
            result = ScheduleSync(scheduled=scheduled)
            if not confirmed and mass_cancellation(len(cancelled), scheduled):
                result.held = cancelled
                result.resume = lambda post: self.sync_schedule(confirmed=True, post_held=post)
                held = {c.session_id for c in cancelled}
                changes = [c for c in changes if c.session_id not in held]
                _log_held(len(cancelled), scheduled)
            silent = {c.session_id for c in cancelled} if confirmed and not post_held else set()
            posting = [not is_over(c, now) and c.session_id not in silent for c in changes]
            rows = [
                (
                    c.session_id,
                    announced[c.session_id].slot if c.session_id in announced else "",
                    "" if c.kind == "cancelled" else schedule_slot(c.session),
                    title_json(c.session),
                )
                for c in changes
            ]
            claimed = await store.claim_schedule_changes(rows, post=posting)
            to_post = [
                c for c, mine, p in zip(changes, claimed, posting, strict=True) if mine and p
            ]
            titles = {
                s.id: title_json(s)
                for s in kb.sessions
                if s.id in announced and announced[s.id].title != title_json(s)
            }
            if titles:
                await store.refresh_schedule_titles(titles)
            done, retry = await send_changes(self.bot, to_post, kb)
            if done:
                await store.confirm_schedule_changes([c.session_id for c in done])
            if retry:
                by_id = {row[0]: row for row in rows}
                await store.release_schedule_changes(
                    [
                        (sid, old_slot, new_slot, announced[sid].title if sid in announced else "")
                        for sid, old_slot, new_slot, _ in (by_id[c.session_id] for c in retry)
                    ]
                )
                self._sync_again = True
            result.posted = done if self.bot.settings.schedule_updates_channel else []
            return result

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
                    embed = reminder_embed(kb, session, language)
                    sent += await self._remind(
                        store,
                        reminder,
                        f"channel:{channel.id}",
                        now,
                        _sender(channel, embed),
                    )
                for user_id in await self._subscribers_of(store, guild.id, session.id, now):
                    embed = reminder_embed(kb, session, language, dm=True)
                    sent += await self._remind(
                        store,
                        reminder,
                        f"user:{user_id}",
                        now,
                        self._dm_sender(store, guild, user_id, embed),
                    )
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
            self._subscribers.clear()
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
        self,
        store: Store,
        reminder: DueReminder,
        target: str,
        now: datetime,
        send: Callable[[str], Awaitable[None]],
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
    ) -> Callable[[str], Awaitable[None]]:
        async def send(nonce: str) -> None:
            await self._check_member(store, guild, user_id)
            user = self.bot.get_user(user_id) or await self.bot.fetch_user(user_id)
            await user.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce)

        return send

    # -- /remind ----------------------------------------------------------------------------

    async def session_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        language = interaction_language(interaction)
        now = self.bot.now()

        def upcoming() -> list[tuple[str, str]]:
            choices = entry_choices(self.bot.answerer, ("session",), current, language)
            kb = self.bot.kb
            keep = []
            for label, value in choices:
                session = kb.session(value)
                if session is not None and session.start is not None and session.start > now:
                    keep.append((label, value))
            return keep

        return await safe_choices(interaction, upcoming)

    @app_commands.command(name="remind", description="Get a direct message before a session")
    @app_commands.guild_only()
    @app_commands.describe(session="The session (start typing its title or a speaker)")
    @app_commands.autocomplete(session=session_autocomplete)
    async def remind(
        self, interaction: discord.Interaction, session: app_commands.Range[str, 1, 200]
    ) -> None:
        language = interaction_language(interaction)
        store = store_of(self.bot)
        if store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        found = await find_or_suggest(
            self.bot, interaction, "session", session, "not_found_session"
        )
        if not isinstance(found, Session):
            return
        title = quote(found.title.pick(language), 150)
        if found.start is None:
            await send_ephemeral(interaction, t("remind_unscheduled", language, title=title))
            return
        if found.start <= self.bot.now():
            await send_ephemeral(interaction, t("remind_over", language, title=title))
            return
        assert interaction.guild_id is not None
        added = await store.subscribe(
            guild_id=interaction.guild_id, user_id=interaction.user.id, session_id=found.id
        )
        self._subscribers.clear()
        if not added:
            message = t("remind_already", language, title=title)
        else:
            message = t(
                "remind_subscribed",
                language,
                minutes=self.bot.settings.reminder_minutes,
                title=title,
                time=f"{timestamp(found.start, 'f')}, {timestamp(found.start, 'R')}",
            )
        await interaction.response.send_message(
            message, ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    # -- /reminders list|remove -------------------------------------------------------------

    @reminders.command(name="list", description="The sessions you asked to be reminded of")
    async def list_reminders(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        store = store_of(self.bot)
        if store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        assert interaction.guild_id is not None
        ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        if not ids:
            await interaction.response.send_message(
                t("reminders_none", language), ephemeral=True, allowed_mentions=NO_MENTIONS
            )
            return
        kb = self.bot.kb
        lines = []
        for session in _sorted_sessions(kb, ids)[:MAX_LISTED]:
            lines.append(
                f"**{quote(session.title.pick(language), 150)}**, {_where(session, language)}"
            )
        unknown = [i for i in ids if kb.session(i) is None]
        lines.extend(f"`{quote(i, 80)}`" for i in unknown[: max(0, MAX_LISTED - len(lines))])
        if len(ids) > MAX_LISTED:
            lines.append(t("and_more", language, count=len(ids) - MAX_LISTED))
        embed = discord.Embed(
            title=t("reminders_title", language),
            description=truncate("\n".join(lines), 4096),
            colour=REMINDER_COLOUR,
        )
        await interaction.response.send_message(
            embed=fit_embed(embed), ephemeral=True, allowed_mentions=NO_MENTIONS
        )

    async def subscribed_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[Choice]:
        store = store_of(self.bot)
        if store is None or interaction.guild_id is None:
            return []
        try:
            ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        except StoreError:
            log.exception("autocomplete: cannot list reminders")
            return []
        language = interaction_language(interaction)
        kb = self.bot.kb
        folded = (current or "").casefold().strip()

        def build() -> list[tuple[str, str]]:
            out = []
            for session_id in ids:
                session = kb.session(session_id)
                label = choice_label(kb, session, language) if session else session_id
                if folded and folded not in label.casefold() and folded not in session_id:
                    continue
                out.append((truncate(label, 100), session_id[:100]))
            return out[:25]

        return await safe_choices(interaction, build)

    @reminders.command(name="cancel", description="Stop a session reminder")
    @app_commands.describe(session="One of your reminders")
    @app_commands.autocomplete(session=subscribed_autocomplete)
    async def remove_reminder(
        self, interaction: discord.Interaction, session: app_commands.Range[str, 1, 200]
    ) -> None:
        language = interaction_language(interaction)
        store = store_of(self.bot)
        if store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        assert interaction.guild_id is not None
        ids = await store.subscriptions(interaction.guild_id, interaction.user.id)
        session_id = session if session in ids else None
        if session_id is None:
            found = resolve(self.bot.answerer, "session", session).entry
            session_id = found.id if found is not None else session
        entry = self.bot.kb.session(session_id)
        title = quote(entry.title.pick(language) if entry else session_id, 150)
        removed = await store.unsubscribe(
            guild_id=interaction.guild_id, user_id=interaction.user.id, session_id=session_id
        )
        self._subscribers.clear()
        key = "reminders_removed" if removed else "reminders_not_subscribed"
        await interaction.response.send_message(
            t(key, language, title=title), ephemeral=True, allowed_mentions=NO_MENTIONS
        )


def _sender(channel: Any, embed: discord.Embed) -> Callable[[str], Awaitable[None]]:
    async def send(nonce: str) -> None:
        await channel.send(embed=embed, allowed_mentions=NO_MENTIONS, nonce=nonce)

    return send


def _sorted_sessions(kb: KnowledgeBase, ids: Iterable[str]) -> list[Session]:
    wanted = set(ids)
    return [s for s in kb.sessions if s.id in wanted]


async def setup(bot: EventBot) -> None:
    await bot.add_cog(RemindersCog(bot))


__all__ = [
    "RemindersCog",
    "change_line",
    "on_knowledge_replaced",
    "post_schedule_changes",
    "reminder_embed",
    "store_of",
]
