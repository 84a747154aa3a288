"""Reminder subscriptions: who gets a direct message before which session (``"*"``: every
session). The raw Discord user id is stored: a DM needs it."""

from __future__ import annotations

from bot.store.connection import StoreConnection, guarded
from bot.store.models import to_db_time


class Subscriptions(StoreConnection):
    @guarded
    async def subscribe(self, *, guild_id: int, user_id: int, session_id: str) -> bool:
        """Subscribe a user to DM reminders for a session (``"*"``: every session). Stores the
        raw Discord user id: a DM needs it. ``False`` if already subscribed."""
        created = to_db_time(self.now(), "clock()")
        cursor = await self._write(
            "INSERT OR IGNORE INTO reminder_subscriptions (guild_id, user_id, session_id, "
            "created_at) VALUES (?, ?, ?, ?)",
            (int(guild_id), int(user_id), str(session_id), created),
        )
        return cursor.rowcount == 1

    @guarded
    async def unsubscribe(self, *, guild_id: int, user_id: int, session_id: str) -> bool:
        cursor = await self._write(
            "DELETE FROM reminder_subscriptions WHERE guild_id = ? AND user_id = ? "
            "AND session_id = ?",
            (int(guild_id), int(user_id), str(session_id)),
        )
        return cursor.rowcount == 1

    @guarded
    async def drop_subscriber(self, guild_id: int, user_id: int) -> int:
        """Delete every reminder subscription of ``user_id`` in ``guild_id`` (they left that
        server); returns how many."""
        cursor = await self._write(
            "DELETE FROM reminder_subscriptions WHERE guild_id = ? AND user_id = ?",
            (int(guild_id), int(user_id)),
        )
        return cursor.rowcount

    @guarded
    async def subscribers(self, guild_id: int, session_id: str) -> list[int]:
        """User ids to DM before ``session_id``: its subscribers and those of ``"*"``."""
        rows = await self._fetchall(
            "SELECT DISTINCT user_id FROM reminder_subscriptions WHERE guild_id = ? "
            "AND session_id IN (?, '*') ORDER BY user_id",
            (int(guild_id), str(session_id)),
        )
        return [row[0] for row in rows]

    @guarded
    async def subscriptions(self, guild_id: int, user_id: int) -> list[str]:
        """Session ids a user subscribed to (``"*"`` for all)."""
        rows = await self._fetchall(
            "SELECT session_id FROM reminder_subscriptions WHERE guild_id = ? "
            "AND user_id = ? ORDER BY session_id",
            (int(guild_id), int(user_id)),
        )
        return [row[0] for row in rows]
