"""The private preview of ``/announce``: the exact embed, where and when it goes, whom it
pings, and Post/Schedule and Cancel buttons. Nothing is posted or stored before the organiser
confirms; what confirming does is the owner's (:meth:`PreviewOwner.confirm_announcement`)."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Protocol

import discord

from bot.discord_app.errors import interaction_language, send_ephemeral
from bot.discord_app.lifecycle import track_interaction
from bot.i18n import t
from bot.render.embeds import timestamp

PREVIEW_TIMEOUT = 600.0
PostChannel = discord.TextChannel | discord.Thread | discord.VoiceChannel | discord.StageChannel
"""The channels an announcement can be posted in (text chat, threads included)."""


class PreviewOwner(Protocol):
    """What the preview defers to (the announcements cog)."""

    async def confirm_announcement(
        self, preview: AnnouncePreview, interaction: discord.Interaction
    ) -> str: ...

    async def cog_app_command_error(
        self, interaction: discord.Interaction, error: discord.app_commands.AppCommandError
    ) -> None: ...


def preview_text(
    language: str, channel: str, due_at: datetime | None, ping: discord.Role | None
) -> str:
    """The lines above the previewed embed: where and when it goes, whom it pings."""
    lines = [
        t("announce_preview_now", language, channel=channel)
        if due_at is None
        else t(
            "announce_preview_at",
            language,
            channel=channel,
            time=timestamp(due_at, "F"),
            relative=timestamp(due_at, "R"),
        ),
        t("announce_preview_ping", language, role=ping.mention)
        if ping is not None
        else t("announce_preview_no_ping", language),
    ]
    return f"**{t('announce_preview_title', language)}**\n" + "\n".join(lines)


class AnnouncePreview(discord.ui.View):
    """Post/Schedule and Cancel under the preview; only its author may press them, once."""

    def __init__(
        self,
        owner: PreviewOwner,
        *,
        author_id: int,
        language: str,
        text: str,
        channel: PostChannel,
        due_at: datetime | None,
        ping: discord.Role | None,
    ) -> None:
        super().__init__(timeout=PREVIEW_TIMEOUT)
        self.owner = owner
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
        await self.owner.cog_app_command_error(interaction, error)  # type: ignore[arg-type]

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
        message = await self.owner.confirm_announcement(self, interaction)
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


__all__ = ["AnnouncePreview", "PostChannel", "PreviewOwner", "preview_text"]
