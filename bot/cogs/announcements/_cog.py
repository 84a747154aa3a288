"""The announcement commands: ``/announce``, ``/announcements list|cancel`` (organisers).

``/announce message: [at:] [channel:] [ping:]`` shows a private preview (:mod:`.preview`);
confirming posts it now or stores it for :mod:`.scheduler`. ``at`` is read by
:func:`bot.agenda.when.parse_when` in the event's time zone ("14:30", "2017-06-13 14:30",
"in 10 minutes"). A role is pinged only when ``ping`` names one; no other mention ever pings.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING, Any

import discord
from discord import app_commands

from bot.agenda.when import WhenError, parse_when
from bot.cogs.announcements.preview import AnnouncePreview, preview_text
from bot.cogs.announcements.render import (
    LISTED,
    announcement_embed,
    announcement_message,
    choice_label,
    pending_embed,
)
from bot.cogs.announcements.scheduler import AnnouncementScheduler
from bot.discord_app.checks import (
    ORGANISER_PERMISSIONS,
    find_channel,
    is_organiser,
    missing_permissions,
    organiser_only,
    store_of,
    store_or_tell,
)
from bot.discord_app.errors import (
    EventCog,
    interaction_language,
    permission_names,
    send_ephemeral,
)
from bot.discord_app.privacy import user_ref
from bot.i18n import t
from bot.render.embeds import timestamp
from bot.render.limits import truncate
from bot.store import Store, StoreError

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

MAX_ANNOUNCEMENT_CHARS = 2000
POST_PERMISSIONS = ("view_channel", "send_messages", "embed_links")


def unescape(text: str) -> str:
    """Slash options have no line breaks: ``\\n`` typed in the message becomes one."""
    return text.replace("\\n", "\n").strip()


class AnnouncementsCog(EventCog):
    """``/announce``, ``/announcements list|cancel``; the scheduler posts the stored ones.
    Without a store (``bot.store``), announcements can be posted now, not scheduled."""

    announcements = app_commands.Group(
        name="announcements",
        description="Scheduled announcements (organisers)",
        guild_only=True,
        default_permissions=ORGANISER_PERMISSIONS,
    )

    def __init__(self, bot: EventBot) -> None:
        self.bot = bot
        self.scheduler = AnnouncementScheduler(bot)

    @property
    def store(self) -> Store | None:
        return store_of(self.bot)

    async def cog_load(self) -> None:
        if self.store is None:
            log.warning("no database (bot.store): announcements can be posted now, not scheduled")
        else:
            await self.scheduler.warn_unconfirmed(self.store)
        self.scheduler.start()

    async def cog_unload(self) -> None:
        await self.scheduler.stop()

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
        missing = missing_permissions(target, guild.me, POST_PERMISSIONS)
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
            try:
                due_at = parse_when(at, self.bot.now(), self.bot.kb.event.tz)
            except WhenError as error:
                await send_ephemeral(interaction, error.message(language))
                return
            if due_at <= self.bot.now():
                due_at = None  # "now", or a time in the last minute
        if due_at is not None and self.store is None:
            await send_ephemeral(interaction, t("store_unavailable", language))
            return
        kb = self.bot.kb
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
            content=preview_text(language, target.mention, due_at, ping),
            embed=announcement_embed(text, event_name=kb.event.name, language=kb.event.language),
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
        role_id = preview.ping.id if preview.ping is not None else None
        if preview.due_at is None or preview.due_at <= self.bot.now():
            posted = await channel.send(**announcement_message(self.bot.kb, preview.text, role_id))
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
        self.scheduler.invalidate()
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
        store = await store_or_tell(self.bot, interaction)
        if store is None:
            return
        pending = await store.pending_announcements(interaction.guild_id)
        unconfirmed = [
            item
            for item in await store.unconfirmed_announcements(interaction.guild_id)
            if item.id not in self.scheduler.in_flight
        ]
        pending = unconfirmed + pending
        if not pending:
            await interaction.response.send_message(
                t("announcements_none", language), ephemeral=True
            )
            return
        await interaction.response.send_message(
            embed=pending_embed(pending, language),
            ephemeral=True,
            allowed_mentions=discord.AllowedMentions.none(),
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
            label = choice_label(item, zone)
            if current and current.strip().lstrip("#") not in label:
                continue
            out.append(app_commands.Choice(name=truncate(label, 100), value=item.id))
        return out[:LISTED]

    @organiser_only
    @announcements.command(name="cancel", description="Cancel a scheduled announcement")
    @app_commands.describe(id="The announcement's number (see /announcements list)")
    @app_commands.autocomplete(id=pending_autocomplete)
    async def cancel_announcement(
        self, interaction: discord.Interaction, id: app_commands.Range[int, 1]
    ) -> None:
        language = interaction_language(interaction)
        store = await store_or_tell(self.bot, interaction)
        if store is None:
            return
        if await store.cancel_announcement(id, guild_id=interaction.guild_id):
            self.scheduler.invalidate()
            log.info(
                "announcement #%d cancelled by %s", id, user_ref(self.bot, interaction.user.id)
            )
            await interaction.response.send_message(
                t("announcements_cancelled", language, id=id), ephemeral=True
            )
        else:
            await send_ephemeral(interaction, t("announcements_not_pending", language, id=id))


__all__ = ["AnnouncementsCog"]
