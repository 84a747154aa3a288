"""What an announcement looks like in Discord: the embed as posted (and previewed), whom it
may ping, and the organisers' list of the scheduled ones."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, tzinfo
from typing import Any

import discord

from bot.i18n import t
from bot.kb.model import KnowledgeBase
from bot.render.embeds import timestamp
from bot.render.limits import fit_embed, listing_embed, truncate
from bot.store import Announcement

ANNOUNCEMENT_COLOUR = discord.Colour.gold()
LISTED = 25
"""Scheduled announcements shown by ``/announcements list`` (and offered by autocomplete)."""


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


def announcement_message(
    kb: KnowledgeBase, text: str, role_id: int | None, *, posted_late_for: datetime | None = None
) -> dict[str, Any]:
    """What ``channel.send`` takes to post the announcement: the role's mention (the only
    ping), the embed in the event's language."""
    embed = announcement_embed(
        text, event_name=kb.event.name, language=kb.event.language, posted_late_for=posted_late_for
    )
    return {
        "content": f"<@&{role_id}>" if role_id else None,
        "embed": embed,
        "allowed_mentions": ping_mentions(role_id),
    }


def pending_embed(pending: Sequence[Announcement], language: str) -> discord.Embed:
    """``/announcements list``: each one's number, time, channel, role and text, those that
    may not have been posted flagged."""
    lines = []
    for item in pending[:LISTED]:
        ping = f" · <@&{item.ping_role_id}>" if item.ping_role_id else ""
        summary = discord.utils.escape_mentions(truncate(" ".join(item.text.split()), 90))
        warning = f"\n{t('announcements_unconfirmed', language)}" if item.unconfirmed else ""
        lines.append(
            f"**#{item.id}** · {timestamp(item.due_at, 'f')} ({timestamp(item.due_at, 'R')})"
            f" · <#{item.channel_id}>{ping}\n{summary}{warning}"
        )
    if len(pending) > LISTED:
        lines.append(t("and_more", language, count=len(pending) - LISTED))
    return listing_embed(t("announcements_list_title", language), lines, ANNOUNCEMENT_COLOUR)


def choice_label(item: Announcement, zone: tzinfo) -> str:
    """An autocomplete choice: ``#3 13/06 14:30 Lunch is served`` (on one line)."""
    label = f"#{item.id} {item.due_at.astimezone(zone):%d/%m %H:%M} {item.text}"
    return " ".join(label.split())


__all__ = [
    "ANNOUNCEMENT_COLOUR",
    "announcement_embed",
    "announcement_message",
    "choice_label",
    "pending_embed",
    "ping_mentions",
]
