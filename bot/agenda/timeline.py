"""What is on now, what comes next, and the agenda by day, room or track.

Pure functions over a :class:`KnowledgeBase` and an aware ``datetime`` passed in: the clock
is always the caller's (``--now`` on the CLI, an injected clock in the bot), never the host's.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from bot.kb.model import KnowledgeBase, Session
from bot.textfold import fold

Clock = Callable[[], datetime]


def system_clock() -> datetime:
    return datetime.now(UTC)


def _aware(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("agenda functions need an aware datetime (with a time zone)")
    return when


def scheduled(kb: KnowledgeBase) -> list[Session]:
    return list(kb.scheduled_sessions)


def sessions_at(kb: KnowledgeBase, when: datetime) -> list[Session]:
    """Sessions running at ``when`` (start inclusive, end exclusive), by start then room."""
    when = _aware(when)
    return [s for s in scheduled(kb) if s.start and s.end and s.start <= when < s.end]


def next_sessions(kb: KnowledgeBase, when: datetime, limit: int = 5) -> list[Session]:
    """Sessions starting after ``when``; the earliest start time first, all rooms at that time."""
    when = _aware(when)
    upcoming = [s for s in scheduled(kb) if s.start and s.start > when]
    return upcoming[:limit]


def event_days(kb: KnowledgeBase) -> list[date]:
    return list(kb.session_days) or [kb.event.start_date]


def filter_sessions(
    kb: KnowledgeBase,
    day: date | None = None,
    room: str | None = None,
    track: str | None = None,
) -> list[Session]:
    """The agenda, optionally for one day (event time zone), room or track (accent-insensitive)."""
    result = list(kb.sessions)
    if day is not None:
        result = [s for s in result if s.start and s.start.astimezone(kb.event.tz).date() == day]
    if room:
        wanted = fold(room).strip()
        result = [s for s in result if fold(s.room) == wanted or wanted in fold(s.room)]
    if track:
        wanted = fold(track).strip()
        result = [s for s in result if fold(s.track) == wanted or wanted in fold(s.track)]
    return result


def event_status(kb: KnowledgeBase, when: datetime) -> str:
    """``"before"``, ``"during"`` or ``"after"`` the event, in its time zone."""
    today = _aware(when).astimezone(kb.event.tz).date()
    if today < kb.event.start_date:
        return "before"
    if today > kb.event.end_date:
        return "after"
    return "during"
