"""Scheduled announcements: stored pending, claimed once when due, then marked with the
message they were posted as (or skipped, or given back)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from bot.store.connection import StoreConnection, guarded
from bot.store.models import Announcement, from_db_time, maybe_time, to_db_time

_COLUMNS = (
    "id, guild_id, channel_id, author_key, text, ping_role_id, due_at, status, "
    "created_at, posted_at, posted_message_id, claim_token"
)
_SELECT_ANNOUNCEMENT = f"SELECT {_COLUMNS} FROM announcements"
_RETURNING = f"RETURNING {_COLUMNS}"


def _announcement(row: Sequence[Any]) -> Announcement:
    return Announcement(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        author_key=row[3],
        text=row[4],
        ping_role_id=row[5],
        due_at=from_db_time(row[6]),
        status=row[7],
        created_at=from_db_time(row[8]),
        posted_at=maybe_time(row[9]),
        posted_message_id=row[10],
        claim_token=row[11],
    )


def _in_order(rows: Sequence[Sequence[Any]]) -> list[Announcement]:
    return sorted((_announcement(r) for r in rows), key=lambda a: (a.due_at, a.id))


class ScheduledAnnouncements(StoreConnection):
    @guarded
    async def schedule_announcement(
        self,
        *,
        guild_id: int,
        channel_id: int,
        author_id: int,
        text: str,
        due_at: datetime,
        ping_role_id: int | None = None,
    ) -> int:
        """Store a pending announcement; returns its id."""
        due = to_db_time(due_at, "due_at")
        created = to_db_time(self.now(), "clock()")
        cursor = await self._write(
            "INSERT INTO announcements (guild_id, channel_id, author_key, text, "
            "ping_role_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                int(guild_id),
                int(channel_id),
                self.user_key(author_id),
                str(text),
                None if ping_role_id is None else int(ping_role_id),
                due,
                created,
            ),
        )
        return int(cursor.lastrowid or 0)

    @guarded
    async def get_announcement(self, announcement_id: int) -> Announcement | None:
        rows = await self._fetchall(_SELECT_ANNOUNCEMENT + " WHERE id = ?", (int(announcement_id),))
        return _announcement(rows[0]) if rows else None

    @guarded
    async def pending_announcements(self, guild_id: int | None = None) -> list[Announcement]:
        """Pending announcements, soonest first."""
        sql = _SELECT_ANNOUNCEMENT + " WHERE status = 'pending'"
        params: list[Any] = []
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        rows = await self._fetchall(sql + " ORDER BY due_at, id", params)
        return [_announcement(row) for row in rows]

    @guarded
    async def cancel_announcement(
        self, announcement_id: int, *, guild_id: int | None = None
    ) -> bool:
        """Cancel a pending announcement (of ``guild_id`` if given); ``False`` if it is not
        pending (already posted, cancelled, skipped) or does not exist."""
        sql = "UPDATE announcements SET status = 'cancelled' WHERE id = ? AND status = 'pending'"
        params: list[Any] = [int(announcement_id)]
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        return (await self._write(sql, params)).rowcount == 1

    @guarded
    async def claim_due_announcements(
        self, *, now: datetime | None = None, grace: timedelta | None = None
    ) -> tuple[list[Announcement], list[Announcement]]:
        """Claim the pending announcements due at ``now``: returns ``(to_post, skipped)``.

        Claiming marks a row ``posted`` in the same statement that selects it, so two
        schedulers (tasks or processes) never both get the same row: post each one returned,
        then :meth:`record_announcement_message`. Rows overdue by more than ``grace`` (the bot
        was down) are marked ``skipped`` instead and returned second, to tell the organisers.
        A claimed row carries :attr:`claim_token` until its message is recorded or it is given
        back: one left so (the process stopped in between) is :meth:`unconfirmed_announcements`.
        """
        current = now if now is not None else self.now()
        at = to_db_time(current, "now")
        async with self._transaction() as conn:
            skipped: list[Any] = []
            if grace is not None:
                oldest = to_db_time(current - grace, "now")
                skipped = list(
                    await conn.execute_fetchall(
                        "UPDATE announcements SET status = 'skipped' "
                        f"WHERE status = 'pending' AND due_at < ? {_RETURNING}",
                        (oldest,),
                    )
                )
            claimed = list(
                await conn.execute_fetchall(
                    "UPDATE announcements SET status = 'posted', posted_at = ?, "
                    "claim_token = ? "
                    f"WHERE status = 'pending' AND due_at <= ? {_RETURNING}",
                    (at, self.claim_token, at),
                )
            )
        return _in_order(claimed), _in_order(skipped)

    @guarded
    async def record_announcement_message(self, announcement_id: int, message_id: int) -> bool:
        """Remember the message an announcement was posted as."""
        cursor = await self._write(
            "UPDATE announcements SET posted_message_id = ?, claim_token = NULL "
            "WHERE id = ? AND status = 'posted'",
            (int(message_id), int(announcement_id)),
        )
        return cursor.rowcount == 1

    @guarded
    async def release_announcement(self, announcement_id: int) -> bool:
        """Give a claimed announcement back (posting it failed before any message was
        sent), so the next scheduler run tries again. ``False`` if it was not claimed or
        already has a message."""
        cursor = await self._write(
            "UPDATE announcements SET status = 'pending', posted_at = NULL, "
            "claim_token = NULL WHERE id = ? AND status = 'posted' "
            "AND posted_message_id IS NULL",
            (int(announcement_id),),
        )
        return cursor.rowcount == 1

    @guarded
    async def skip_announcement(self, announcement_id: int) -> bool:
        """Mark a claimed announcement that Discord refused for good (channel gone, no
        permission) ``skipped``: it was not posted and will not be."""
        cursor = await self._write(
            "UPDATE announcements SET status = 'skipped', claim_token = NULL WHERE id = ? "
            "AND status = 'posted' AND posted_message_id IS NULL",
            (int(announcement_id),),
        )
        return cursor.rowcount == 1

    @guarded
    async def unconfirmed_announcements(
        self, guild_id: int | None = None, *, others_only: bool = False
    ) -> list[Announcement]:
        """Announcements claimed for posting whose message was never recorded: the process
        that claimed them stopped (a crash, a kill) between the claim and the post, or could
        not record the message. They are not posted again (at most once): tell the
        organisers they may not have been posted. ``others_only``: leave out this store's
        own claims (in flight here)."""
        sql = (
            _SELECT_ANNOUNCEMENT + " WHERE status = 'posted' AND posted_message_id IS NULL "
            "AND claim_token IS NOT NULL"
        )
        params: list[Any] = []
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        if others_only:
            sql += " AND claim_token != ?"
            params.append(self.claim_token)
        rows = await self._fetchall(sql + " ORDER BY due_at, id", params)
        return [_announcement(row) for row in rows]
