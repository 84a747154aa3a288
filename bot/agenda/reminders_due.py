"""Which "starting soon" reminders are due: pure functions, the clock passed in.

A session's reminder is due from ``start - lead`` until shortly after ``start`` (``late``):
a scheduler that ticks every few seconds, or that was down for a while, posts it at its first
tick in that window and never after the session is well under way. Each reminder has a
:func:`reminder_key` ``(session id, start)``: the store records ``(key, target)`` once, so a
restart, a knowledge reload or a second scheduler never posts it twice, while a session moved
to another time gets a new key and is reminded at its new time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.kb.model import KnowledgeBase, Session

DEFAULT_LATE = timedelta(minutes=1)
"""How long after a session's start its reminder may still be posted."""


@dataclass(frozen=True)
class DueReminder:
    """A session whose reminder is due, when it was due, and its idempotency key."""

    session: Session
    remind_at: datetime
    start: datetime

    @property
    def key(self) -> tuple[str, str]:
        return reminder_key(self.session)

    def minutes_left(self, now: datetime) -> int:
        """Whole minutes until the start, rounded up, never negative."""
        seconds = (self.start - now).total_seconds()
        return max(0, int(-(-seconds // 60)))


def _aware(when: datetime, name: str = "now") -> datetime:
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"{name}: reminders need an aware datetime (with a time zone)")
    return when


def reminder_key(session: Session) -> tuple[str, str]:
    """``(session id, start as UTC ISO)``: the same instant gives the same key in any zone."""
    if session.start is None:
        raise ValueError(f"session {session.id!r} has no start time")
    start = _aware(session.start, "session.start").astimezone(UTC)
    return session.id, start.strftime("%Y-%m-%dT%H:%M:%SZ")


def due_reminders(
    sessions: KnowledgeBase | Iterable[Session],
    now: datetime,
    lead: timedelta,
    *,
    late: timedelta = DEFAULT_LATE,
) -> list[DueReminder]:
    """Reminders due at ``now``: sessions with ``start - lead <= now < start + late``.

    Soonest start first. ``lead``: how long before the start to remind (``reminder_minutes``);
    ``late``: how long after the start a missed reminder is still worth posting.
    """
    now = _aware(now)
    if lead < timedelta(0):
        raise ValueError("lead: expected a positive or zero delay")
    items = sessions.sessions if isinstance(sessions, KnowledgeBase) else tuple(sessions)
    due: list[DueReminder] = []
    for session in items:
        if session.start is None:
            continue
        start = _aware(session.start, "session.start")
        at = start - lead
        if at <= now < start + late:
            due.append(DueReminder(session, at, start))
    due.sort(key=lambda d: (d.start, d.session.room, d.session.id))
    return due


__all__ = [
    "DEFAULT_LATE",
    "DueReminder",
    "due_reminders",
    "reminder_key",
]
