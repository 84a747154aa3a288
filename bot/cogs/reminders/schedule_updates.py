"""Telling attendees what changed in the programme: new, cancelled, or moved in time or room.

When the knowledge base is replaced (``/kb reload``, the watcher, a schedule sync), the
changes are posted to ``SCHEDULE_UPDATES_CHANNEL``, in as many messages as Discord's size
limits need (a long list is never cut). The reminders loop also notices a replaced knowledge
base by itself (:meth:`ScheduleUpdates.check_knowledge`), so a reload path that calls no hook
is covered. Each change is posted once: with a store, what was announced is kept there and
each change claimed before it is posted (a restart or a second bot never posts it again, a
change made while the bot was down is posted at start); without one, the old and the new
knowledge base are compared. A change that cancels most of the schedule at once (a
half-written file?) is held until an organiser answers (:class:`ChangesOutcome`).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

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
from bot.cogs.reminders.render import change_groups
from bot.discord_app.checks import find_channel, store_of
from bot.discord_app.delivery import event_guilds, failed_for_good, nonce_for
from bot.discord_app.replies import NO_MENTIONS
from bot.i18n import t
from bot.kb.model import KnowledgeBase
from bot.store import Store, StoreError

log = logging.getLogger(__name__)


def _change_slots(change: ScheduleChange) -> str:
    new = "" if change.kind == "cancelled" else schedule_slot(change.session)
    return f"{change.session_id}>{new}"


@dataclass
class ChangesOutcome:
    """What one schedule update did: ``posted`` changes, and cancellations ``held`` because
    they cancel most of the ``scheduled`` sessions at once (a half-written file?), waiting for
    an organiser (``/kb reload`` shows :meth:`confirmation_prompt` with buttons)."""

    posted: list[ScheduleChange] = field(default_factory=list)
    held: list[ScheduleChange] = field(default_factory=list)
    scheduled: int = 0
    resume: Callable[[bool], Awaitable[ChangesOutcome]] | None = None

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
) -> ChangesOutcome:
    """Without a database: post the changes from ``old_kb`` to ``new_kb`` (changes to sessions
    already over are left out), holding mass cancellations for an organiser's answer like
    :meth:`ScheduleUpdates.sync` does. With a database, that method diffs against what
    was announced instead."""
    changes = diff_schedules(old_kb, new_kb, since=bot.now())
    result = ChangesOutcome(scheduled=scheduled_count(old_kb))
    cancelled = [c for c in changes if c.kind == "cancelled"]
    if mass_cancellation(len(cancelled), result.scheduled):
        _log_held(len(cancelled), result.scheduled)
        result.held = cancelled
        changes = [c for c in changes if c.kind != "cancelled"]

        async def resume(post: bool) -> ChangesOutcome:
            done = (await send_changes(bot, cancelled, new_kb))[0] if post else []
            return ChangesOutcome(posted=done)

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


class ScheduleUpdates:
    """Posts each schedule change once (see the module doc). ``check_knowledge`` at every
    tick of the reminders loop; ``on_knowledge_replaced`` after a reload."""

    def __init__(self, bot: Any) -> None:
        self.bot = bot
        self._last_kb: KnowledgeBase = bot.kb
        self._synced_kb: KnowledgeBase | None = None  # the knowledge last synced to the store
        self._sync_again = False  # changes were given back: sync at the next tick
        self._lock = asyncio.Lock()

    def start(self) -> None:
        """Take the running knowledge base as the one announced (without a store)."""
        self._last_kb = self.bot.kb

    async def baseline(self, store: Store) -> None:
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

    async def check_knowledge(self) -> list[ScheduleChange]:
        """Post schedule changes if the knowledge base was replaced without the hook; with a
        database, also at the first tick (changes made while the bot was down) and after a
        post was given back."""
        current = self.bot.kb
        if store_of(self.bot) is not None:
            if current is self._synced_kb and not self._sync_again:
                return []
            return (await self.sync()).posted
        if current is self._last_kb:
            return []
        return (await self.on_knowledge_replaced(self._last_kb, current)).posted

    async def on_knowledge_replaced(
        self, old_kb: KnowledgeBase, new_kb: KnowledgeBase
    ) -> ChangesOutcome:
        """After ``/kb reload`` and the watcher replaced the knowledge base (the cog's hook)."""
        if store_of(self.bot) is not None:
            return await self.sync()  # every reload: it may confirm held changes
        if new_kb is self._last_kb:
            return ChangesOutcome()  # already handled (by the loop or an earlier call)
        self._last_kb = new_kb
        return await post_schedule_changes(self.bot, old_kb, new_kb)

    async def sync(self, *, confirmed: bool = False, post_held: bool = True) -> ChangesOutcome:
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
        async with self._lock:
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
            result = ChangesOutcome(scheduled=scheduled)
            if not confirmed and mass_cancellation(len(cancelled), scheduled):
                result.held = cancelled
                result.resume = lambda post: self.sync(confirmed=True, post_held=post)
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


__all__ = ["ChangesOutcome", "ScheduleUpdates", "post_schedule_changes", "send_changes"]
