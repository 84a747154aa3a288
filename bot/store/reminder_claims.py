"""Sent reminders: each ``(session, start, target)`` is claimed by exactly one sender, then
confirmed once sent; a claim left unconfirmed by a stopped process is taken over only while
Discord still remembers the nonce (so a reminder is never posted twice)."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from bot.store.connection import StoreConnection, guarded
from bot.store.models import to_db_time

log = logging.getLogger(__name__)

REMINDER_TAKEOVER_AFTER = timedelta(seconds=20)
"""An unconfirmed reminder claim younger than this may still be in flight in another
process: it is left alone."""
REMINDER_TAKEOVER_BEFORE = timedelta(minutes=2)
"""An unconfirmed reminder claim older than this is not sent again: Discord only remembers a
nonce for a few minutes, so a second send might post twice."""

_KEY = "session_id = ? AND start = ? AND target = ?"


def _reminder_key(session_id: str, start: str | datetime, target: str) -> tuple[str, str, str]:
    """The row's key; a ``start`` datetime is stored as UTC ISO, text as it is."""
    start_key = to_db_time(start, "start") if isinstance(start, datetime) else str(start)
    return str(session_id), start_key, str(target)


class ReminderClaims(StoreConnection):
    @guarded
    async def claim_reminder(
        self, session_id: str, start: str | datetime, target: str, *, now: datetime | None = None
    ) -> bool:
        """Record that the reminder for ``(session_id, start, target)`` is being sent; ``True``
        only for the one caller that recorded it first (insert-or-ignore). ``start``: the
        session's start (a datetime is stored as UTC ISO; pass the same type every time).
        ``target``: e.g. ``"channel:<id>"`` or ``"user:<id>"`` (erased with the user).

        The claim carries :attr:`claim_token` until :meth:`confirm_reminder`. A claim another
        process left unconfirmed (it stopped between the claim and the send) is taken over
        once it is :data:`REMINDER_TAKEOVER_AFTER` old, while it is younger than
        :data:`REMINDER_TAKEOVER_BEFORE`: sent again with the same nonce, Discord returns
        the first message if that process did send it. An older one is not sent again."""
        key = _reminder_key(session_id, start, target)
        current = now if now is not None else self.now()
        sent = to_db_time(current, "now")
        cursor = await self._write(
            "INSERT OR IGNORE INTO sent_reminders (session_id, start, target, sent_at, "
            "claim_token) VALUES (?, ?, ?, ?, ?)",
            (*key, sent, self.claim_token),
        )
        if cursor.rowcount == 1:
            return True
        cursor = await self._write(
            f"UPDATE sent_reminders SET claim_token = ?, sent_at = ? WHERE {_KEY} "
            "AND claim_token IS NOT NULL AND claim_token != ? "
            "AND sent_at <= ? AND sent_at >= ?",
            (
                self.claim_token,
                sent,
                *key,
                self.claim_token,
                to_db_time(current - REMINDER_TAKEOVER_AFTER, "now"),
                to_db_time(current - REMINDER_TAKEOVER_BEFORE, "now"),
            ),
        )
        if cursor.rowcount == 1:
            log.warning(
                "the reminder for %s at %s was claimed by a process that stopped before "
                "confirming it: sending it again (same nonce)",
                session_id,
                key[1],
            )
            return True
        return False

    @guarded
    async def reminder_in_flight(
        self, session_id: str, start: str | datetime, target: str, *, now: datetime | None = None
    ) -> bool:
        """Whether another process claimed this reminder without confirming it, recently
        enough that :meth:`claim_reminder` may still take it over (ask again later)."""
        key = _reminder_key(session_id, start, target)
        current = now if now is not None else self.now()
        rows = await self._fetchall(
            f"SELECT 1 FROM sent_reminders WHERE {_KEY} "
            "AND claim_token IS NOT NULL AND claim_token != ? AND sent_at >= ?",
            (*key, self.claim_token, to_db_time(current - REMINDER_TAKEOVER_BEFORE, "now")),
        )
        return bool(rows)

    @guarded
    async def confirm_reminder(self, session_id: str, start: str | datetime, target: str) -> None:
        """The claimed reminder was sent (or refused for good): never sent again."""
        await self._write(
            f"UPDATE sent_reminders SET claim_token = NULL WHERE {_KEY} AND claim_token = ?",
            (*_reminder_key(session_id, start, target), self.claim_token),
        )

    @guarded
    async def release_reminder(self, session_id: str, start: str | datetime, target: str) -> bool:
        """Give back a claimed reminder whose sending failed for a passing reason (a timeout,
        Discord's 5xx), so the next :meth:`claim_reminder` for it succeeds and sends again.
        ``False`` if this store did not claim it."""
        cursor = await self._write(
            f"DELETE FROM sent_reminders WHERE {_KEY} AND claim_token = ?",
            (*_reminder_key(session_id, start, target), self.claim_token),
        )
        return cursor.rowcount == 1
