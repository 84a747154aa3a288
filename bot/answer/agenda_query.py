"""The agenda in free text: sessions for a room, a day and a time, and what comes next.

Resolves the constraints a question names (:class:`~bot.answer.timeexpr.TimeFinding` and
room names) against the knowledge base, in the event's time zone, with the clock passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bot.agenda.timeline import event_days, scheduled
from bot.answer.timeexpr import TimeFinding
from bot.kb.model import KnowledgeBase, Session

SOON_MINUTES = 30
"""With "around 14:00" (or nothing running at 14:00), sessions starting this many minutes
after the time asked count too. Raising it lists more talks that had not begun yet."""

EARLY_MINUTES = 15
"""With "around 14:00", sessions starting this many minutes before count too."""


@dataclass(frozen=True)
class Slot:
    """What a question asked of the agenda, resolved: the day (None: every day) and rooms."""

    day: date | None
    rooms: tuple[str, ...]
    clock: int | None
    window: tuple[int, int] | None


def _start(session: Session) -> datetime:
    """The start of a scheduled session (every session here comes from ``scheduled``)."""
    assert session.start is not None
    return session.start


def _finish(session: Session) -> datetime:
    assert session.end is not None
    return session.end


def _minutes(moment: datetime, kb: KnowledgeBase) -> int:
    local = moment.astimezone(kb.event.tz)
    return local.hour * 60 + local.minute


def start_minutes(kb: KnowledgeBase, session: Session) -> int:
    """When a scheduled session starts, in minutes since midnight (event time)."""
    return _minutes(_start(session), kb)


def _local_day(moment: datetime, kb: KnowledgeBase) -> date:
    return moment.astimezone(kb.event.tz).date()


def resolve_day(kb: KnowledgeBase, times: TimeFinding, now: datetime | None) -> date | None:
    """The event day the question means, or None when it names none (or none matches)."""
    days = event_days(kb)
    if times.date is not None:
        year, month, day = times.date
        if not month:  # "on the 27th": the event day of that number
            return next((d for d in days if d.day == day), None)
        try:
            return date(year or kb.event.start_date.year, month, day)
        except ValueError:
            return None
    if times.weekday is not None:
        matching = [d for d in days if d.weekday() == times.weekday]
        if matching:
            return matching[0]
        return _following_weekday(kb.event.start_date, times.weekday)
    if times.relative_day in {"first", "second"}:
        index = 0 if times.relative_day == "first" else 1
        return days[index] if index < len(days) else None
    if times.relative_day and now is not None:
        today = _local_day(now, kb)
        return today + timedelta(days=1) if times.relative_day == "tomorrow" else today
    if (times.clock is not None or times.window is not None) and len(days) > 1 and now is not None:
        today = _local_day(now, kb)
        if today in days:
            return today
    if len(days) == 1:
        return days[0]
    return None


def _following_weekday(start: date, weekday: int) -> date:
    return start + timedelta(days=(weekday - start.weekday()) % 7)


def slot_of(
    kb: KnowledgeBase, rooms: tuple[str, ...], times: TimeFinding, now: datetime | None
) -> Slot:
    return Slot(resolve_day(kb, times, now), rooms, times.clock, times.window)


def in_slot(kb: KnowledgeBase, slot: Slot, approx: bool = False) -> list[Session]:
    """Sessions matching ``slot``: running at its time (or starting soon after), in its
    window, on its day, in its rooms; by start time then room."""
    found = [s for s in scheduled(kb) if not slot.rooms or s.room in slot.rooms]
    if slot.day is not None:
        found = [s for s in found if _local_day(_start(s), kb) == slot.day]
    if slot.window is not None:
        low, high = slot.window
        found = [s for s in found if _minutes(_start(s), kb) < high and _end(s, kb) > low]
    if slot.clock is not None:
        point = slot.clock
        running = [s for s in found if _minutes(_start(s), kb) <= point < _end(s, kb)]
        soon = [s for s in found if point < _minutes(_start(s), kb) <= point + SOON_MINUTES]
        if approx:
            early = [
                s
                for s in found
                if point - EARLY_MINUTES <= _minutes(_start(s), kb) <= point + SOON_MINUTES
            ]
            running = [*running, *(s for s in early if s not in running)]
        found = running or soon
    return sorted(found, key=lambda s: (_start(s), s.room))


def _end(session: Session, kb: KnowledgeBase) -> int:
    """End in minutes since the start's midnight (a session past midnight ends after 1440)."""
    return _minutes(_start(session), kb) + int(
        (_finish(session) - _start(session)).total_seconds() // 60
    )


def now_in(kb: KnowledgeBase, when: datetime, rooms: tuple[str, ...] = ()) -> list[Session]:
    """Sessions running at ``when`` (in ``rooms`` when given)."""
    return [
        s
        for s in scheduled(kb)
        if _start(s) <= when < _finish(s) and (not rooms or s.room in rooms)
    ]


def next_in(kb: KnowledgeBase, when: datetime, rooms: tuple[str, ...] = ()) -> list[Session]:
    """The sessions starting next after ``when`` (all those at the earliest such start)."""
    upcoming = [s for s in scheduled(kb) if _start(s) > when and (not rooms or s.room in rooms)]
    if not upcoming:
        return []
    first = min(_start(s) for s in upcoming)
    return [s for s in upcoming if _start(s) == first]


def after(kb: KnowledgeBase, session: Session) -> list[Session]:
    """What follows ``session`` in its room (the next start there, at or after its end)."""
    if session.start is None or session.end is None:
        return []
    later = [
        s
        for s in scheduled(kb)
        if s.room == session.room and s.id != session.id and _start(s) >= _finish(session)
    ]
    if not later:
        return []
    first = min(_start(s) for s in later)
    return [s for s in later if _start(s) == first]


def programme(kb: KnowledgeBase) -> list[Session]:
    """Every session in the order of the day: the scheduled ones by start, then the others
    in the order the knowledge lists them."""
    timed = sorted(scheduled(kb), key=_start)
    placed = {s.id for s in timed}
    return [*timed, *(s for s in kb.sessions if s.id not in placed)]


def first_or_last(kb: KnowledgeBase, day: date | None, last: bool) -> list[Session]:
    """The day's first (or last) sessions: all those at its earliest (latest) start."""
    sessions = scheduled(kb)
    days = event_days(kb)
    chosen = day if day in days else days[0]
    sessions = [s for s in sessions if _local_day(_start(s), kb) == chosen]
    if not sessions:
        return []
    edge = max(_start(s) for s in sessions) if last else min(_start(s) for s in sessions)
    return [s for s in sessions if _start(s) == edge]
