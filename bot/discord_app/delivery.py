"""Posting to Discord so that a passing failure loses nothing and a retry posts nothing twice.

Every scheduled post (announcements, starting-soon reminders, schedule updates) is claimed in
the store before it is sent. When the send fails for a passing reason (a timeout, a network
error, Discord's 5xx) the claim is given back and the next tick sends again, with the same
``nonce``: Discord returns the first message instead of posting a second one when the first
attempt did reach it (discord.py sets ``enforce_nonce`` with a nonce). A final refusal (the
channel is gone, the bot may not post there, the user closed their DMs) is never retried.
"""

from __future__ import annotations

import hashlib
from typing import Any

import discord

NONCE_CHARS = 25
"""Discord's limit for a message nonce."""


def failed_for_good(error: BaseException) -> bool:
    """Whether a failed post is final: the channel is gone (404), the bot may not post there
    (403) or Discord refused the message itself (another 4xx, rate limits aside). Timeouts,
    network errors, Discord's 5xx and anything else are worth retrying."""
    if not isinstance(error, discord.HTTPException):
        return False
    return 400 <= error.status < 500 and error.status != 429


def event_guilds(bot: Any) -> list[discord.Guild]:
    """The servers to post in: ``DISCORD_GUILD_ID`` when set, else every server."""
    guild_id = bot.settings.guild_id
    if guild_id is not None:
        guild = bot.get_guild(guild_id)
        return [guild] if guild is not None else []
    return list(bot.guilds)


def nonce_for(kind: str, *parts: object) -> str:
    """A stable nonce for one post: the same parts give the same nonce in every process and
    after a restart. ``kind`` is one letter; the rest is a digest of the parts."""
    digest = hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return (kind + digest)[:NONCE_CHARS]


__all__ = ["NONCE_CHARS", "event_guilds", "failed_for_good", "nonce_for"]
