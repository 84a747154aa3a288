"""Small knowledge bases built in code for the agenda tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.kb.model import Event, KnowledgeBase, Session, Text

PARIS = ZoneInfo("Europe/Paris")


def at(hour: int, minute: int = 0, day: int = 13) -> datetime:
    """A time on the wall clock in Paris, June 2017."""
    return datetime(2017, 6, day, hour, minute, tzinfo=PARIS)


def session(ident: str, start: datetime | None, minutes: int = 30, room: str = "Main") -> Session:
    end = start + timedelta(minutes=minutes) if start is not None else None
    return Session(id=ident, title=Text.of(ident.title()), start=start, end=end, room=room)


def make_kb(*sessions: Session) -> KnowledgeBase:
    event = Event(
        id="conf",
        name="Conf",
        timezone="Europe/Paris",
        start_date=date(2017, 6, 13),
        end_date=date(2017, 6, 13),
    )
    return KnowledgeBase(event=event, sessions=tuple(sessions))


def moved(s: Session, **changes: object) -> Session:
    return replace(s, **changes)
