"""Posting one claimed announcement: posted (its message id recorded), given back to the
store for the next tick (a passing failure: timeout, network, Discord 5xx), or skipped for
good (the channel is gone, the bot may not post there). A retry carries the same nonce, so
Discord does not post twice when the first attempt did reach it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from bot.cogs.announcements.render import announcement_message
from bot.discord_app.delivery import failed_for_good
from bot.store import Announcement, Store

if TYPE_CHECKING:
    from bot.discord_app.factory import EventBot

log = logging.getLogger(__name__)

ON_TIME = timedelta(minutes=1)
"""An announcement posted at most this long after its time is on time (no "late" note)."""


def nonce_of(announcement: Announcement) -> str:
    """Discord returns the first message instead of posting again when a send is repeated
    with the same nonce (within a few minutes): a retry after a timeout whose request did
    reach Discord does not post twice. At most 25 characters."""
    return f"a{announcement.id}-{int(announcement.due_at.timestamp())}"[:25]


async def release(store: Store, announcement: Announcement) -> None:
    """Give a claimed announcement back so the next tick posts it; never raises."""
    try:
        await store.release_announcement(announcement.id)
    except Exception:
        log.exception(
            "announcement #%d: could not be given back for a retry; it stays marked posted "
            "without a message: post it by hand",
            announcement.id,
        )


async def post_claimed(
    bot: EventBot, store: Store, announcement: Announcement, now: datetime
) -> bool:
    """Post one claimed announcement; returns whether it was posted. On failure it is given
    back to the store (the next tick retries) unless the failure is final (the channel is
    gone, or the bot may not post there)."""
    late = now - announcement.due_at > ON_TIME
    try:
        channel = bot.get_channel(announcement.channel_id)
        if channel is None:
            channel = await bot.fetch_channel(announcement.channel_id)
        message = await channel.send(  # type: ignore[union-attr]
            **announcement_message(
                bot.kb,
                announcement.text,
                announcement.ping_role_id,
                posted_late_for=announcement.due_at if late else None,
            ),
            nonce=nonce_of(announcement),
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
        await release(store, announcement)
        return False
    except BaseException:  # cancelled mid-send (the bot is stopping): retried after a restart
        await asyncio.shield(release(store, announcement))
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


__all__ = ["ON_TIME", "nonce_of", "post_claimed", "release"]
