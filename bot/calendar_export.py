"""Sessions as an iCalendar (.ics) file, for calendar apps and the Discord ``/session`` command.

Each session with a time becomes a VEVENT with a stable UID (``<session id>@<event id>``,
so re-exporting after a schedule change updates the entry in the reader's calendar instead
of duplicating it), DTSTART/DTEND in the event's time zone (with its VTIMEZONE, so every
app shows the right local time), SUMMARY, LOCATION (room, venue), DESCRIPTION (speakers,
abstract, link), URL and CATEGORIES. No Discord here: the caller attaches the bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

from icalendar import Calendar
from icalendar import Event as CalendarEvent

from bot.kb.model import KnowledgeBase, Session

PRODID = "-//event-bot//schedule export//EN"
MAX_DESCRIPTION = 4000


def session_uid(kb: KnowledgeBase, session: Session) -> str:
    """The session's calendar UID: stable across exports and re-imports."""
    return f"{session.id}@{kb.event.id}"


def _description(kb: KnowledgeBase, session: Session, language: str | None) -> str:
    parts: list[str] = []
    speakers = ", ".join(s.name for s in kb.speakers_of(session))
    if speakers:
        parts.append(f"{'Intervenants' if language == 'fr' else 'Speakers'}: {speakers}")
    if session.track:
        parts.append(f"Track: {session.track}")
    abstract = session.abstract.pick(language)
    if abstract:
        if len(abstract) > MAX_DESCRIPTION:
            abstract = abstract[: MAX_DESCRIPTION - 1].rstrip() + "…"
        parts.append(abstract)
    if session.url:
        parts.append(session.url)
    return "\n\n".join(parts)


def _location(kb: KnowledgeBase, session: Session, language: str | None) -> str:
    """The room, then the event's place (:meth:`bot.kb.model.Event.place`)."""
    return ", ".join(part for part in (session.room, kb.event.place(language)) if part)


def sessions_to_ics(
    kb: KnowledgeBase,
    sessions: Iterable[Session] | None = None,
    *,
    language: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """An .ics calendar of ``sessions`` (default: all of ``kb``'s), in ``language`` (fr/en).

    Sessions without a start time are left out; raises ``ValueError`` when none is left
    (a calendar needs at least one event). ``stamp`` is the DTSTAMP (default: now, UTC).
    """
    chosen = [s for s in (kb.sessions if sessions is None else sessions) if s.start is not None]
    if not chosen:
        raise ValueError("no session with a start time to put in a calendar")
    zone = kb.event.tz
    stamp = (stamp or datetime.now(UTC)).astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", kb.event.name)
    calendar.add("x-wr-timezone", kb.event.timezone)
    for session in chosen:
        assert session.start is not None
        item = CalendarEvent()
        item.add("uid", session_uid(kb, session))
        item.add("dtstamp", stamp)
        item.add("dtstart", session.start.astimezone(zone))
        if session.end is not None:
            item.add("dtend", session.end.astimezone(zone))
        item.add("summary", session.title.pick(language) or session.id)
        location = _location(kb, session, language)
        if location:
            item.add("location", location)
        description = _description(kb, session, language)
        if description:
            item.add("description", description)
        if session.url.startswith(("http://", "https://")):
            item.add("url", session.url)
        categories = [c for c in (session.track, session.format) if c]
        if categories:
            item.add("categories", categories)
        calendar.add_component(item)
    starts = [s.start for s in chosen if s.start is not None]
    ends = [s.end or s.start for s in chosen if s.start is not None]
    # A year either side: the VTIMEZONE then holds the transitions around the event (a
    # VTIMEZONE with none is invalid), without decades of history.
    calendar.add_missing_timezones(
        first_date=min(starts).astimezone(zone).date() - timedelta(days=366),
        last_date=max(e for e in ends if e is not None).astimezone(zone).date()
        + timedelta(days=366),
    )
    return calendar.to_ical()


__all__ = ["PRODID", "session_uid", "sessions_to_ics"]
