"""Small state the bot keeps in the ``meta`` table, such as its heartbeat."""

from __future__ import annotations

from bot.store.connection import StoreConnection, guarded


class Meta(StoreConnection):
    @guarded
    async def put_meta(self, key: str, value: str) -> None:
        """Set one ``meta`` value (small state the bot keeps, such as its heartbeat)."""
        await self._write(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (str(key), str(value)),
        )

    @guarded
    async def get_meta(self, key: str) -> str | None:
        rows = await self._fetchall("SELECT value FROM meta WHERE key = ?", (str(key),))
        return str(rows[0][0]) if rows else None
