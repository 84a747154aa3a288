"""Organiser announcements: ``/announce`` now or later, ``/announcements list|cancel``.

- ``/announce message: [at:] [channel:] [ping:]`` (organiser role only) shows a private
  preview of the exact embed with Post/Schedule and Cancel buttons; nothing is posted or
  stored before the organiser confirms. ``at`` is read by :func:`bot.agenda.when.parse_when`
  in the event's time zone ("14:30", "2017-06-13 14:30", "in 10 minutes"). A role is pinged
  only when ``ping`` names one; no other mention ever pings.
- Scheduled announcements live in the SQLite store. A :mod:`discord.ext.tasks` loop claims
  the due ones (the store marks each row posted in the statement that selects it, so a
  restart or a second bot never posts one twice) and posts them. One overdue by more than
  :data:`ON_TIME` (the bot was down) is posted with a "posted late" note, or skipped when
  overdue by more than ``ANNOUNCEMENT_GRACE_MINUTES``. Each claimed announcement is posted on
  its own: one whose post fails for a passing reason (timeout, network, Discord 5xx) is given
  back to the store and retried at the next tick, without holding up the others; one that
  can never be posted (channel gone, no permission) is logged and marked skipped. A retry
  carries the same nonce, so Discord does not post twice when the first attempt did reach it.
  Posting is at most once: an announcement claimed by a process that stopped before posting
  it (a crash, a kill) is not posted again, but it stays marked, is logged as a warning when
  the bot starts, and ``/announcements list`` shows it as "may not have been posted".

The store is ``bot.store`` (a :class:`bot.store.Store` opened by whoever runs the bot, outside
the cogs). Without one, announcements can still be posted now, but not scheduled.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands
from discord.ext import tasks

from bot.agenda.when import WhenError, parse_when
from bot.discord_app.checks import (
    ORGANISER_PERMISSIONS,
    find_channel,
    is_organiser,
    organiser_only,
    store_of,
)
from bot.discord_app.delivery import failed_for_good
from bot.discord_app.errors import (
    EventCog,
    interaction_language,
    permission_names,
    send_ephemeral,
)
from bot.discord_app.lifecycle import stop_loop, track_interaction
from bot.discord_app.privacy import user_ref
from bot.i18n import t
from bot.render.embeds import fit_embed, timestamp, truncate
from bot.store import Announcement, Store, StoreError

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger("bot.announcements")

TICK_SECONDS = 15.0
"""How often the scheduler looks for due announcements (in memory: no database access)."""

REFRESH = timedelta(minutes=5)
"""How often the scheduler re-reads the next due time from the database, in case another
process scheduled or cancelled one (this bot's own changes are seen at once)."""

ON_TIME = timedelta(minutes=1)
"""An announcement posted at most this long after its time is on time (no "late" note)."""

PREVIEW_TIMEOUT = 600.0
MAX_ANNOUNCEMENT_CHARS = 2000
POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links")
ANNOUNCEMENT_COLOUR = discord.Colour.gold()
PostChannel = discord.TextChannel | discord.Thread | discord.VoiceChannel | discord.StageChannel
"""The channels an announcement can be posted in (text chat, threads included)."""


# -- small helpers ---------------------------------------------------------------------------------


def missing_permissions(channel: Any, member: Any) -> list[str]:
    if member is None or not hasattr(channel, "permissions_for"):
        return []
    granted = channel.permissions_for(member)
    return [p for p in POST_PERMISSIONS if not getattr(granted, p, False)]


def unescape(text: str) -> str:
    """Slash options have no line breaks: ``\\n`` typed in the message becomes one."""
    return text.replace("\\n", "\n").strip()


def announcement_embed(
    text: str, *, event_name: str, language: str, posted_late_for: datetime | None = None
) -> discord.Embed:
    """The announcement as posted (also shown in the preview)."""
    description = text
    if posted_late_for is not None:
        note = t("announce_late_note", language, time=timestamp(posted_late_for, "f"))
        description = f"{text}\n\n*{note}*"
    embed = discord.Embed(
        title=t("announcement_title", language),
        description=truncate(description, 4096),
        colour=ANNOUNCEMENT_COLOUR,
    )
    embed.set_footer(text=event_name)
    return fit_embed(embed)


def ping_mentions(role_id: int | None) -> discord.AllowedMentions:
    """Only the chosen role may be pinged; never @everyone or users named in the text."""
    if role_id is None:
        return discord.AllowedMentions.none()
    return discord.AllowedMentions(
        everyone=False, users=False, roles=[discord.Object(id=role_id)], replied_user=False
    )


# -- the preview ---------------------------------------------------------------------------------


class AnnouncePreview(discord.ui.View):
    """Post/Schedule and Cancel under the preview; only its author may press them, once."""

    def __init__(
        self,
        cog: AnnouncementsCog,
        *,
        author_id: int,
        language: str,
        text: str,
        channel: PostChannel,
        due_at: datetime | None,
        ping: discord.Role | None,
    ) -> None:
        super().__init__(timeout=PREVIEW_TIMEOUT)
        self.cog = cog
        self.author_id = author_id
        self.language = language
        self.text = text
        self.channel = channel
        self.due_at = due_at
        self.ping = ping
        self.done = False
        self.message: discord.InteractionMessage | None = None
        confirm_label = "announce_post_button" if due_at is None else "announce_schedule_button"
        self.confirm.label = t(confirm_label, language)
        self.cancel.label = t("announce_cancel_button", language)

    async def interaction_check(self, interaction: discord.Interaction) -> bool:
        track_interaction(interaction)
        if interaction.user.id == self.author_id:
            return True
        await send_ephemeral(interaction, t("not_your_buttons", interaction_language(interaction)))
        return False

    async def on_error(
        self, interaction: discord.Interaction, error: Exception, item: discord.ui.Item
    ) -> None:
        await self.cog.cog_app_command_error(interaction, error)  # type: ignore[arg-type]

    async def _finish(self, interaction: discord.Interaction, message: str) -> None:
        self.done = True
        self.stop()
        await interaction.response.edit_message(
            content=message, embed=None, view=None, allowed_mentions=discord.AllowedMentions.none()
        )

    @discord.ui.button(style=discord.ButtonStyle.primary)
    async def confirm(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        if self.done:
            return
        self.done = True
        message = await self.cog.confirm_announcement(self, interaction)
        await self._finish(interaction, message)

    @discord.ui.button(style=discord.ButtonStyle.secondary)
    async def cancel(self, interaction: discord.Interaction, button: discord.ui.Button) -> None:
        if self.done:
            return
        await self._finish(interaction, t("announce_dropped", self.language))

    async def on_timeout(self) -> None:
        if self.done or self.message is None:
            return
        self.done = True
        with contextlib.suppress(discord.HTTPException):
            await self.message.edit(
                content=t("announce_expired", self.language), embed=None, view=None
            )


# -- the cog -------------------------------------------------------------------------------------


class AnnouncementsCog(EventCog):
    """``/announce``, ``/announcements list|cancel`` and the scheduler loop."""

    announcements = app_commands.Group(
        name="announcements",
        description="Scheduled announcements (organisers)",
        guild_only=True,
        default_permissions=ORGANISER_PERMISSIONS,
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self._next_due: datetime | None = None
        self._refresh_at: datetime | None = None  # None: read the database at the next tick
        self._in_flight: set[int] = set()  # claimed by this process, being posted

    @property
    def store(self) -> Store | None:
        return store_of(self.bot)

    async def cog_load(self) -> None:
        if self.store is None:
            log.warning("no database (bot.store): announcements can be posted now, not scheduled")
        else:
            await self._warn_unconfirmed(self.store)
        self.scheduler.start()

    async def _warn_unconfirmed(self, store: Store) -> None:
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

    async def cog_unload(self) -> None:
        await stop_loop(self.scheduler)  # a post cut short gives its claim back first

    # -- scheduler --------------------------------------------------------------------------

    @tasks.loop(seconds=TICK_SECONDS)
    async def scheduler(self) -> None:
        try:
            await self.post_due()
        except Exception:
            log.exception("announcement scheduler tick failed; retrying at the next tick")

    @scheduler.before_loop
    async def _before_scheduler(self) -> None:
        await self.bot.wait_until_ready()

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
        store = self.store
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
        self._in_flight.update(a.id for a in to_post)
        try:
            while remaining:
                announcement = remaining[0]
                try:
                    if await self._post_claimed(store, announcement, now):
                        posted.append(announcement)
                except Exception:
                    # _post_claimed handles its own failures; this keeps one announcement's
                    # unforeseen error from stranding the others claimed in this tick
                    log.exception("announcement #%d: unexpected error", announcement.id)
                remaining.pop(0)
        finally:
            if len(remaining) > 1:  # cancelled (the bot is stopping): give back the untried
                await asyncio.shield(self._release_all(store, remaining[1:]))
            self._in_flight.difference_update(a.id for a in to_post)
        return posted

    async def _release(self, store: Store, announcement: Announcement) -> None:
        """Give a claimed announcement back so the next tick posts it; never raises."""
        try:
            await store.release_announcement(announcement.id)
        except Exception:
            log.exception(
                "announcement #%d: could not be given back for a retry; it stays marked posted "
                "without a message: post it by hand",
                announcement.id,
            )

    async def _release_all(self, store: Store, announcements: list[Announcement]) -> None:
        for announcement in announcements:
            await self._release(store, announcement)

    def _nonce(self, announcement: Announcement) -> str:
        """Discord returns the first message instead of posting again when a send is repeated
        with the same nonce (within a few minutes): a retry after a timeout whose request did
        reach Discord does not post twice. At most 25 characters."""
        return f"a{announcement.id}-{int(announcement.due_at.timestamp())}"[:25]

    async def _post_claimed(self, store: Store, announcement: Announcement, now: datetime) -> bool:
        """Post one claimed announcement; returns whether it was posted. On failure it is given
        back to the store (the next tick retries) unless the failure is final (the channel is
        gone, or the bot may not post there)."""
        late = now - announcement.due_at > ON_TIME
        try:
            channel = self.bot.get_channel(announcement.channel_id)
            if channel is None:
                channel = await self.bot.fetch_channel(announcement.channel_id)
            kb = self.bot.kb
            embed = announcement_embed(
                announcement.text,
                event_name=kb.event.name,
                language=kb.event.language,
                posted_late_for=announcement.due_at if late else None,
            )
            role_id = announcement.ping_role_id
            message = await channel.send(  # type: ignore[union-attr]
                content=f"<@&{role_id}>" if role_id else None,
                embed=embed,
                allowed_mentions=ping_mentions(role_id),
                nonce=self._nonce(announcement),
            )
        except Exception as exc:
            if failed_for_good(exc):
                log.error(
                    "announcement #%d: not posted and not retried: channel %s is gone, the bot "
                    "may not post there, or Discord refused the message (%s). Check the channel "
                    "and the bot's permissions there (View Channel, Send Messages, Embed Links)",
                    announcement.id,
                    announcement.channel_id,
                    exc,
                )
                try:
                    await store.skip_announcement(announcement.id)
                except Exception:
                    log.exception("announcement #%d: could not be marked skipped", announcement.id)
                return False
            log.warning(
                "announcement #%d: posting failed (%s: %s); will retry at the next tick",
                announcement.id,
                type(exc).__name__,
                exc,
            )
            await self._release(store, announcement)
            return False
        except BaseException:  # cancelled mid-send (the bot is stopping): retried after a restart
            await asyncio.shield(self._release(store, announcement))
            raise
        try:
            await store.record_announcement_message(announcement.id, message.id)
        except Exception as exc:  # posted all the same: never given back, never posted twice
            log.error(
                "announcement #%d: posted as message %s, but the message id was not recorded (%s)",
                announcement.id,
                message.id,
                exc,
            )
        log.info(
            "announcement #%d posted in channel %s%s",
            announcement.id,
            announcement.channel_id,
            " (late)" if late else "",
        )
        return True

    # -- /announce --------------------------------------------------------------------------

    def default_channel(self, guild: discord.Guild) -> Any:
        wanted = self.bot.settings.announcements_channel
        return find_channel(guild, wanted) if wanted else None

    @organiser_only
    @app_commands.command(
        name="announce", description="Post an announcement now or later (organisers)"
    )
    @app_commands.guild_only()
    @app_commands.default_permissions(ORGANISER_PERMISSIONS)
    @app_commands.describe(
        message="The text to post (\\n for a new line)",
        at="When, in the event's time zone: 14:30, 2017-06-13 14:30, in 10 minutes (empty: now)",
        channel="Where to post (default: the announcements channel)",
        ping="A role to notify (no one is pinged otherwise)",
    )
    async def announce(
        self,
        interaction: discord.Interaction,
        message: app_commands.Range[str, 1, MAX_ANNOUNCEMENT_CHARS],
        at: app_commands.Range[str, 1, 100] | None = None,
        channel: discord.TextChannel | None = None,
        ping: discord.Role | None = None,
    ) -> None:
        language = interaction_language(interaction)
        guild = interaction.guild
        assert guild is not None
        text = unescape(message)
        if not text:
            await send_ephemeral(interaction, t("announce_empty", language))
            return
        target = channel or self.default_channel(guild)
        if target is None or not hasattr(target, "send"):
            await send_ephemeral(
                interaction,
                t("announce_no_channel", language, channel=self.bot.settings.announcements_channel),
            )
            return
        missing = missing_permissions(target, guild.me)
        if missing:
            await send_ephemeral(
                interaction,
                t(
                    "announce_cannot_post",
                    language,
                    channel=target.mention,
                    permissions=permission_names(missing),
                ),
            )
            return
        due_at: datetime | None = None
        if at is not None:
            kb = self.bot.kb
            try:
                due_at = parse_when(at, self.bot.now(), kb.event.tz)
            except WhenError as error:
                await send_ephemeral(interaction, error.message(language))
                return
            if due_at <= self.bot.now():
                due_at = None  # "now", or a time in the last minute
        if due_at is not None and self.store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        kb = self.bot.kb
        preview = announcement_embed(text, event_name=kb.event.name, language=kb.event.language)
        lines = [
            t("announce_preview_now", language, channel=target.mention)
            if due_at is None
            else t(
                "announce_preview_at",
                language,
                channel=target.mention,
                time=timestamp(due_at, "F"),
                relative=timestamp(due_at, "R"),
            ),
            t("announce_preview_ping", language, role=ping.mention)
            if ping is not None
            else t("announce_preview_no_ping", language),
        ]
        view = AnnouncePreview(
            self,
            author_id=interaction.user.id,
            language=language,
            text=text,
            channel=target,
            due_at=due_at,
            ping=ping,
        )
        await interaction.response.send_message(
            content=f"**{t('announce_preview_title', language)}**\n" + "\n".join(lines),
            embed=preview,
            view=view,
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
        )
        view.message = await interaction.original_response()

    async def confirm_announcement(
        self, preview: AnnouncePreview, interaction: discord.Interaction
    ) -> str:
        """Post now or store for later; returns what to tell the organiser."""
        language = preview.language
        channel = preview.channel
        mention = getattr(channel, "mention", "#?")
        now = self.bot.now()
        role_id = preview.ping.id if preview.ping is not None else None
        if preview.due_at is None or preview.due_at <= now:
            kb = self.bot.kb
            embed = announcement_embed(
                preview.text, event_name=kb.event.name, language=kb.event.language
            )
            posted = await channel.send(
                content=f"<@&{role_id}>" if role_id else None,
                embed=embed,
                allowed_mentions=ping_mentions(role_id),
            )
            log.info(
                "announcement posted by %s in channel %s",
                user_ref(self.bot, interaction.user.id),
                posted.channel.id,
            )
            return t("announce_posted", language, channel=mention, link=posted.jump_url)
        if self.store is None:
            return t("store_unavailable", language)
        assert interaction.guild_id is not None
        announcement_id = await self.store.schedule_announcement(
            guild_id=interaction.guild_id,
            channel_id=channel.id,
            author_id=interaction.user.id,
            text=preview.text,
            due_at=preview.due_at,
            ping_role_id=role_id,
        )
        self.invalidate()
        log.info(
            "announcement #%d scheduled by %s for %s in channel %s",
            announcement_id,
            user_ref(self.bot, interaction.user.id),
            preview.due_at.isoformat(),
            getattr(channel, "id", "?"),
        )
        return t(
            "announce_scheduled",
            language,
            id=announcement_id,
            channel=mention,
            time=timestamp(preview.due_at, "F"),
            relative=timestamp(preview.due_at, "R"),
        )

    # -- /announcements list|cancel ---------------------------------------------------------

    @organiser_only
    @announcements.command(name="list", description="Scheduled announcements not posted yet")
    async def list_announcements(self, interaction: discord.Interaction) -> None:
        language = interaction_language(interaction)
        if self.store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        pending = await self.store.pending_announcements(interaction.guild_id)
        unconfirmed = [
            item
            for item in await self.store.unconfirmed_announcements(interaction.guild_id)
            if item.id not in self._in_flight
        ]
        pending = unconfirmed + pending
        if not pending:
            await interaction.response.send_message(
                t("announcements_none", language), ephemeral=True
            )
            return
        lines = []
        for item in pending[:25]:
            ping = f" · <@&{item.ping_role_id}>" if item.ping_role_id else ""
            summary = discord.utils.escape_mentions(truncate(" ".join(item.text.split()), 90))
            warning = f"\n{t('announcements_unconfirmed', language)}" if item.unconfirmed else ""
            lines.append(
                f"**#{item.id}** · {timestamp(item.due_at, 'f')} ({timestamp(item.due_at, 'R')})"
                f" · <#{item.channel_id}>{ping}\n{summary}{warning}"
            )
        if len(pending) > 25:
            lines.append(t("and_more", language, count=len(pending) - 25))
        embed = discord.Embed(
            title=t("announcements_list_title", language),
            description=truncate("\n".join(lines), 4096),
            colour=ANNOUNCEMENT_COLOUR,
        )
        await interaction.response.send_message(
            embed=fit_embed(embed), ephemeral=True, allowed_mentions=discord.AllowedMentions.none()
        )

    async def pending_autocomplete(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[int]]:
        if self.store is None or not is_organiser(self.bot.settings, interaction.user):
            return []
        try:
            pending = await self.store.pending_announcements(interaction.guild_id)
        except StoreError:
            log.exception("autocomplete: cannot list pending announcements")
            return []
        zone = self.bot.kb.event.tz
        out = []
        for item in pending:
            label = f"#{item.id} {item.due_at.astimezone(zone):%d/%m %H:%M} {item.text}"
            label = " ".join(label.split())
            if current and current.strip().lstrip("#") not in label:
                continue
            out.append(app_commands.Choice(name=truncate(label, 100), value=item.id))
        return out[:25]

    @organiser_only
    @announcements.command(name="cancel", description="Cancel a scheduled announcement")
    @app_commands.describe(id="The announcement's number (see /announcements list)")
    @app_commands.autocomplete(id=pending_autocomplete)
    async def cancel_announcement(
        self, interaction: discord.Interaction, id: app_commands.Range[int, 1]
    ) -> None:
        language = interaction_language(interaction)
        if self.store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        if await self.store.cancel_announcement(id, guild_id=interaction.guild_id):
            self.invalidate()
            log.info(
                "announcement #%d cancelled by %s", id, user_ref(self.bot, interaction.user.id)
            )
            await interaction.response.send_message(
                t("announcements_cancelled", language, id=id), ephemeral=True
            )
        else:
            await send_ephemeral(interaction, t("announcements_not_pending", language, id=id))


async def setup(bot: EventBot) -> None:
    await bot.add_cog(AnnouncementsCog(bot))


__all__ = [
    "AnnouncementsCog",
    "announcement_embed",
]
