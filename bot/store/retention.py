"""Keeping data no longer than needed: the retention purge, and erasing one user on request.

Both end with a WAL checkpoint, so deleted text leaves the files at once (with
``secure_delete`` on, see :func:`bot.store.opening.prepare`, freed pages are zeroed too).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.store.connection import StoreConnection, guarded
from bot.store.models import ErasureReport, PurgeReport, to_db_time

log = logging.getLogger(__name__)

ERASED_KEY = "erased"
"""Replaces an erased user's key on announcements they authored."""

_PURGE_CHUNK = 5000
"""Questions deleted per transaction: a large purge never holds the write lock for long."""


class Retention(StoreConnection):
    retention_days: int

    @guarded
    async def purge_expired(
        self, *, now: datetime | None = None, days: int | None = None
    ) -> PurgeReport:
        """Delete questions (with their ratings), finished announcements, sent reminders and
        subscriptions older than ``days`` (default: ``retention_days``). Deletes in chunks, so
        a large purge never holds the write lock for long."""
        days = self.retention_days if days is None else days
        if days < 1:
            raise ValueError(f"days: expected at least 1, got {days}")
        cutoff = (now if now is not None else self.now()) - timedelta(days=days)
        limit = to_db_time(cutoff, "now")
        questions = 0
        while True:
            async with self._transaction() as conn:
                cursor = await conn.execute(
                    "DELETE FROM questions WHERE id IN (SELECT id FROM questions "
                    "WHERE asked_at < ? LIMIT ?)",
                    (limit, _PURGE_CHUNK),
                )
                deleted = cursor.rowcount
            questions += deleted
            if deleted < _PURGE_CHUNK:
                break
        async with self._transaction() as conn:
            announcements = (
                await conn.execute(
                    "DELETE FROM announcements WHERE status != 'pending' AND due_at < ?",
                    (limit,),
                )
            ).rowcount
            reminders = (
                await conn.execute("DELETE FROM sent_reminders WHERE sent_at < ?", (limit,))
            ).rowcount
            subscriptions = (
                await conn.execute(
                    "DELETE FROM reminder_subscriptions WHERE created_at < ?", (limit,)
                )
            ).rowcount
        report = PurgeReport(cutoff, questions, announcements, reminders, subscriptions)
        if report.total:
            await self._checkpoint("retention purge")
        return report

    @guarded
    async def erase_user(self, user_id: int) -> ErasureReport:
        """Erase one user's data on request: their questions (and the ratings those got),
        their ratings, reminder subscriptions and sent reminders; their key on announcements
        they wrote is replaced by ``"erased"``. In one transaction."""
        key = self.user_key(user_id)
        uid = int(user_id)
        async with self._transaction() as conn:
            ratings = (
                await conn.execute("DELETE FROM ratings WHERE user_key = ?", (key,))
            ).rowcount
            questions = (
                await conn.execute(
                    "DELETE FROM questions WHERE user_key = ? OR user_id = ?", (key, uid)
                )
            ).rowcount
            subscriptions = (
                await conn.execute("DELETE FROM reminder_subscriptions WHERE user_id = ?", (uid,))
            ).rowcount
            reminders = (
                await conn.execute("DELETE FROM sent_reminders WHERE target = ?", (f"user:{uid}",))
            ).rowcount
            announcements = (
                await conn.execute(
                    "UPDATE announcements SET author_key = ? WHERE author_key = ?",
                    (ERASED_KEY, key),
                )
            ).rowcount
        await self._checkpoint("erasure")
        return ErasureReport(questions, ratings, subscriptions, reminders, announcements)

    async def _checkpoint(self, why: str) -> bool:
        """Copy the WAL into the database and truncate it (``wal_checkpoint(TRUNCATE)``), so
        deleted text does not linger in the WAL file until the store closes. ``False`` (and a
        warning) when a reader in another process keeps it from completing: the WAL is
        truncated at the next checkpoint then."""
        async with self._write_lock:
            rows = await self._fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = bool(rows and rows[0][0])
        if busy:
            log.warning(
                "%s: the WAL could not be truncated now (another connection is reading); "
                "the deleted rows stay in %s-wal until the next checkpoint",
                why,
                self.path.name,
            )
        return not busy
