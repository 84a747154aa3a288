"""The programme at ``SCHEDULE_URL``, kept in sync while the bot runs.

Every ``SCHEDULE_POLL_MINUTES`` (and once right after start), :class:`ScheduleSyncCog` runs
one :meth:`bot.importers.sync.ScheduleSync.sync`: a conditional fetch, and when the programme
changed, the same import as ``python -m bot import``. A programme that was written is then
reloaded exactly like ``/kb reload`` (through the knowledge cog, so the schedule changes are
posted to ``SCHEDULE_UPDATES_CHANNEL`` by the reminders cog's hook, and reminders follow the
new times). A fault keeps the running programme; organisers are told once in
``ORGANISER_CHANNEL`` (and again when it works), not at every poll. ``/kb sync [force]``
(declared with the other ``/kb`` commands) calls :meth:`ScheduleSyncCog.sync_now`.
"""

from __future__ import annotations

import dataclasses
import logging
from typing import TYPE_CHECKING

import aiohttp
import discord
from discord.ext import tasks

from bot.cogs.knowledge_admin import knowledge_directory, problem_lines
from bot.discord_app.checks import find_channel
from bot.discord_app.delivery import event_guilds
from bot.discord_app.errors import EventCog
from bot.i18n import t
from bot.importers.sync import ScheduleSync, SyncFault, SyncOutcome
from bot.kb import KnowledgeError
from bot.kb.watcher import reload_knowledge
from bot.render.embeds import COLOUR, ERROR_COLOUR, timestamp
from bot.render.limits import fit_embed, truncate

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

NO_MENTIONS = discord.AllowedMentions.none()
PROBLEM_CHARS = 1500


def _url(sync: ScheduleSync) -> str:
    return "`" + truncate(sync.shown_url, 300).replace("`", "\u02cb") + "`"


def outcome_text(outcome: SyncOutcome, sync: ScheduleSync, language: str, bot: EventBot) -> str:
    """What a sync did, for ``/kb sync`` and for the organisers' channel."""
    url = _url(sync)
    if outcome.fault is not None:
        since = (
            timestamp(sync.last_success, "R")
            if sync.last_success is not None
            else t("sync_never", language)
        )
        text = t(
            "sync_failed",
            language,
            problem=truncate(outcome.fault.message, PROBLEM_CHARS),
            since=since,
        )
        if outcome.fault.kind == "empty":
            text += "\n" + t("sync_empty_hint", language)
        return text
    result = outcome.result
    if outcome.status == "updated" and result is not None:
        text = t(
            "sync_updated",
            language,
            url=url,
            sessions=len(result.data.sessions),
            added=len(result.added),
            removed=len(result.removed),
            changed=len(result.changed),
        )
        channel = bot.settings.schedule_updates_channel
        if channel:
            text += " " + t("sync_posted_in", language, channel=channel)
        return text
    return t("sync_unchanged", language, url=url)


class ScheduleSyncCog(EventCog):
    """Polls ``SCHEDULE_URL`` and applies a changed programme (nothing when it is unset)."""

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        settings = bot.settings
        self.sync: ScheduleSync | None = None
        if settings.schedule_url:
            self.sync = ScheduleSync(
                settings.schedule_url,
                lambda: knowledge_directory(bot),
                timeout=settings.schedule_timeout_seconds,
                max_bytes=settings.schedule_max_bytes,
                timezone=settings.schedule_timezone,
                keep_event=settings.schedule_keep_event,
                clock=bot.now,
            )

    async def cog_load(self) -> None:
        if self.sync is None:
            return
        minutes = self.bot.settings.schedule_poll_minutes
        if minutes:
            self.poll.change_interval(minutes=minutes)
        self.poll.start()
        log.info(
            "following the programme at %s (%s)",
            self.sync.shown_url,
            f"every {minutes} min" if minutes else "at start and on /kb sync",
        )

    async def cog_unload(self) -> None:
        self.poll.cancel()

    @tasks.loop(minutes=5)
    async def poll(self) -> None:
        try:
            await self.run_sync(origin="poll")
        except Exception:  # a poll must never end the loop
            log.exception("schedule sync failed unexpectedly; trying again at the next poll")
        if not self.bot.settings.schedule_poll_minutes:
            self.poll.stop()  # SCHEDULE_POLL_MINUTES=0: once at start only

    @poll.before_loop
    async def _before_poll(self) -> None:
        await self.bot.wait_until_ready()

    # -- one sync ---------------------------------------------------------------------------

    async def run_sync(self, *, force: bool = False, origin: str = "poll") -> SyncOutcome:
        """Fetch, import, reload; tell organisers about a new fault or a recovery."""
        assert self.sync is not None
        outcome = await self.sync.sync(force=force)
        if outcome.status == "updated":
            outcome = await self._reload(outcome, origin)
        self._log(outcome, origin)
        if outcome.notify or outcome.recovered:
            await self.tell_organisers(outcome)
        return outcome

    async def _reload(self, outcome: SyncOutcome, origin: str) -> SyncOutcome:
        """Serve the folder the import just wrote, like ``/kb reload`` (hooks included)."""
        assert self.sync is not None
        admin = self.bot.get_cog("KnowledgeAdminCog")
        where = f"schedule sync ({origin})"
        if admin is not None and hasattr(admin, "reload"):
            result = await admin.reload(origin=where)
        else:  # pragma: no cover - the knowledge cog is always loaded with this one
            result = reload_knowledge(knowledge_directory(self.bot))
            if not isinstance(result, KnowledgeError):
                self.bot.replace_knowledge(result)
        if not isinstance(result, KnowledgeError):
            return outcome
        # Validated a moment ago, yet the folder does not load: another file changed since.
        lines = problem_lines(result, knowledge_directory(self.bot))
        fault = SyncFault(
            "reload",
            f"{self.sync.shown_url} was imported, but the knowledge folder does not load: "
            + "; ".join(lines[:3]),
            "reload",
            tuple(lines[:10]),
        )
        failed = self.sync.fail(fault, forced=outcome.forced)
        return dataclasses.replace(failed, result=outcome.result, recovered=outcome.recovered)

    def _log(self, outcome: SyncOutcome, origin: str) -> None:
        assert self.sync is not None
        if outcome.fault is not None:
            if outcome.notify:
                log.warning("schedule sync (%s): %s", origin, outcome.fault.message)
                for problem in outcome.fault.problems[1:]:
                    log.warning("  %s", problem)
            else:
                log.info(
                    "schedule sync (%s) still failing (%d in a row): %s",
                    origin,
                    self.sync.failures,
                    outcome.fault.message,
                )
            return
        if outcome.recovered:
            log.info("schedule sync (%s) works again", origin)
        if outcome.status == "updated" and outcome.result is not None:
            log.info("schedule sync (%s): programme updated\n%s", origin, outcome.result.summary())
        else:
            log.debug(
                "schedule sync (%s): unchanged%s",
                origin,
                " (304)" if outcome.not_modified else "",
            )

    # -- telling organisers -----------------------------------------------------------------

    async def tell_organisers(self, outcome: SyncOutcome) -> int:
        """Post a new fault, or a recovery, to ``ORGANISER_CHANNEL``; returns the posts."""
        assert self.sync is not None
        wanted = self.bot.settings.organiser_channel
        if not wanted:
            return 0
        language = self.bot.kb.event.language
        text = outcome_text(outcome, self.sync, language, self.bot)
        if outcome.fault is None:
            text = t("sync_recovered", language, url=_url(self.sync), summary=text)
        embed = fit_embed(
            discord.Embed(
                title=t("sync_title", language),
                description=truncate(text, 4000),
                colour=ERROR_COLOUR if outcome.fault is not None else COLOUR,
            )
        )
        posted = 0
        for guild in event_guilds(self.bot):
            channel = find_channel(guild, wanted)
            if channel is None or not hasattr(channel, "send"):
                log.warning("ORGANISER_CHANNEL: no channel %r in server %s", wanted, guild.id)
                continue
            try:
                await channel.send(embed=embed, allowed_mentions=NO_MENTIONS)
                posted += 1
            except (discord.HTTPException, aiohttp.ClientError, OSError, TimeoutError) as exc:
                log.error("cannot tell organisers in #%s (%s): %s", channel, guild.id, exc)
        return posted

    # -- /kb sync ---------------------------------------------------------------------------

    async def sync_now(self, *, force: bool, user_id: int, language: str) -> discord.Embed:
        """Run a sync for ``/kb sync`` and describe it (the command itself lives with the
        other ``/kb`` commands in the knowledge cog)."""
        if self.sync is None:
            text, colour = t("sync_off", language), ERROR_COLOUR
        else:
            origin = f"/kb sync{' force' if force else ''} by user {user_id}"
            outcome = await self.run_sync(force=force, origin=origin)
            text = outcome_text(outcome, self.sync, language, self.bot)
            colour = ERROR_COLOUR if outcome.fault is not None else COLOUR
        embed = discord.Embed(
            title=t("sync_title", language), description=truncate(text, 4000), colour=colour
        )
        return fit_embed(embed)


async def setup(bot: EventBot) -> None:
    await bot.add_cog(ScheduleSyncCog(bot))


__all__ = ["ScheduleSyncCog", "outcome_text"]
