"""The schedule as last announced to attendees, so each change is posted once, even across
restarts and by two processes at a time (a compare-and-set on the announced slot)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from bot.store.connection import StoreConnection, guarded
from bot.store.models import AnnouncedSlot, to_db_time

_SCHEDULE_BASELINE_KEY = "schedule_baseline"
"""``meta`` key set when the announced schedule was first seeded."""


class ScheduleChanges(StoreConnection):
    @guarded
    async def announced_schedule(self) -> dict[str, AnnouncedSlot]:
        """The schedule as last announced, by session id (see :meth:`claim_schedule_changes`)."""
        rows = await self._fetchall(
            "SELECT session_id, slot, title, claim_token FROM announced_schedule"
        )
        return {row[0]: AnnouncedSlot(*row) for row in rows}

    @guarded
    async def seed_announced_schedule(self, slots: Mapping[str, tuple[str, str]]) -> bool:
        """Take ``slots`` (session id -> ``(slot, title)``) as the announced schedule, the first
        time only (a new database, or one from before schedule changes were kept): nothing
        is announced for a schedule attendees already had. ``True`` if this call seeded it."""
        now = to_db_time(self.now(), "clock()")
        async with self._transaction() as conn:
            cursor = await conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                (_SCHEDULE_BASELINE_KEY, now),
            )
            if cursor.rowcount != 1:
                return False
            await conn.executemany(
                "INSERT OR IGNORE INTO announced_schedule (session_id, slot, title, "
                "updated_at) VALUES (?, ?, ?, ?)",
                [(sid, slot, title, now) for sid, (slot, title) in slots.items()],
            )
        return True

    @guarded
    async def claim_schedule_changes(
        self, changes: Sequence[tuple[str, str, str, str]], *, post: Sequence[bool]
    ) -> list[bool]:
        """Claim schedule changes: each ``(session_id, old_slot, new_slot, title)`` moves that
        session's announced slot from ``old_slot`` to ``new_slot`` (``""``: not on the
        schedule) only if it still is ``old_slot`` — a compare-and-set, so when two processes
        (or a restart) see the same change, exactly one claims it. Returns, per change,
        whether this caller claimed it and must post it. ``post[i]`` false applies a change
        silently (a session already over); true marks it with :attr:`claim_token` until
        :meth:`confirm_schedule_changes` (a crash in between leaves it
        :meth:`unconfirmed_schedule_changes`). One transaction."""
        now = to_db_time(self.now(), "clock()")
        claimed: list[bool] = []
        async with self._transaction() as conn:
            for (session_id, old, new, title), posting in zip(changes, post, strict=True):
                token = self.claim_token if posting else None
                cursor = await conn.execute(
                    "UPDATE announced_schedule SET slot = ?, title = ?, claim_token = ?, "
                    "updated_at = ? WHERE session_id = ? AND slot = ?",
                    (new, title, token, now, session_id, old),
                )
                done = cursor.rowcount == 1
                if not done and old == "":
                    cursor = await conn.execute(
                        "INSERT OR IGNORE INTO announced_schedule (session_id, slot, title, "
                        "claim_token, updated_at) VALUES (?, ?, ?, ?, ?)",
                        (session_id, new, title, token, now),
                    )
                    done = cursor.rowcount == 1
                claimed.append(done)
        return claimed

    @guarded
    async def confirm_schedule_changes(self, session_ids: Sequence[str]) -> None:
        """The changes claimed for ``session_ids`` were posted (or refused for good)."""
        async with self._transaction() as conn:
            await conn.executemany(
                "UPDATE announced_schedule SET claim_token = NULL WHERE session_id = ? "
                "AND claim_token = ?",
                [(sid, self.claim_token) for sid in session_ids],
            )

    @guarded
    async def release_schedule_changes(self, changes: Sequence[tuple[str, str, str, str]]) -> None:
        """Give back claimed changes whose post failed for a passing reason: each
        ``(session_id, old_slot, new_slot, old_title)`` goes back to ``old_slot``, so the next
        sync claims (and posts) it again."""
        now = to_db_time(self.now(), "clock()")
        async with self._transaction() as conn:
            await conn.executemany(
                "UPDATE announced_schedule SET slot = ?, title = ?, claim_token = NULL, "
                "updated_at = ? WHERE session_id = ? AND slot = ? AND claim_token = ?",
                [(old, title, now, sid, new, self.claim_token) for sid, old, new, title in changes],
            )

    @guarded
    async def refresh_schedule_titles(self, titles: Mapping[str, str]) -> None:
        """Keep the stored titles current (a title edit is not a schedule change)."""
        async with self._transaction() as conn:
            await conn.executemany(
                "UPDATE announced_schedule SET title = ? WHERE session_id = ? AND title != ?",
                [(title, sid, title) for sid, title in titles.items()],
            )

    @guarded
    async def unconfirmed_schedule_changes(self) -> list[AnnouncedSlot]:
        """Schedule changes another process claimed but never confirmed posting (it stopped
        in between): they may not have been posted, and are not posted again."""
        rows = await self._fetchall(
            "SELECT session_id, slot, title, claim_token FROM announced_schedule "
            "WHERE claim_token IS NOT NULL AND claim_token != ? ORDER BY session_id",
            (self.claim_token,),
        )
        return [AnnouncedSlot(*row) for row in rows]
