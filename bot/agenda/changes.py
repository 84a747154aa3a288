"""What changed in the schedule between two knowledge bases: new, cancelled, moved sessions.

Pure. Sessions are matched by id. Only the schedule counts: a session's time (start, end) and
room. A session that gains a time is *added* to the schedule, one that loses its time or
disappears is *cancelled*; a title or abstract edit is not a schedule change.

What was announced is kept as one :func:`schedule_slot` string per session (its time and
room); :func:`announced_sessions` turns those back into sessions, so the running schedule
can be diffed against what attendees were last told, across restarts and processes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Literal

from bot.kb.model import KnowledgeBase, Session, Text

ChangeKind = Literal["added", "cancelled", "moved"]


@dataclass(frozen=True)
class ScheduleChange:
    """One change. ``session`` is the new version (the old one when cancelled)."""

    kind: ChangeKind
    session: Session
    old: Session | None = None
    time_changed: bool = False
    room_changed: bool = False

    @property
    def session_id(self) -> str:
        return self.session.id

    @property
    def sort_time(self) -> datetime | None:
        return self.session.start or (self.old.start if self.old else None)


def _on_schedule(session: Session | None) -> bool:
    return session is not None and session.start is not None


def _key(change: ScheduleChange) -> tuple:
    order = {"cancelled": 0, "moved": 1, "added": 2}[change.kind]
    when = change.sort_time
    return (when is None, when or datetime.min, order, change.session.room, change.session_id)


def diff_schedules(
    old: KnowledgeBase | Iterable[Session],
    new: KnowledgeBase | Iterable[Session],
    *,
    since: datetime | None = None,
) -> list[ScheduleChange]:
    """The schedule changes from ``old`` to ``new``, in time order.

    ``since`` (aware): ignore changes to sessions over before it (both the old and the new
    version ended, or started when no end is known, before ``since``), so a reload during the
    event does not announce edits to the past.
    """
    if since is not None and (since.tzinfo is None or since.utcoffset() is None):
        raise ValueError("since: expected an aware datetime (with a time zone)")
    before = {s.id: s for s in _sessions(old)}
    after = {s.id: s for s in _sessions(new)}
    changes: list[ScheduleChange] = []
    for session_id in dict.fromkeys([*before, *after]):
        was, now = before.get(session_id), after.get(session_id)
        was_on, now_on = _on_schedule(was), _on_schedule(now)
        if now_on and not was_on:
            assert now is not None
            changes.append(ScheduleChange("added", now, was))
        elif was_on and not now_on:
            assert was is not None
            changes.append(ScheduleChange("cancelled", was, now))
        elif was_on and now_on:
            assert was is not None and now is not None
            time_changed = (was.start, was.end) != (now.start, now.end)
            room_changed = was.room != now.room
            if time_changed or room_changed:
                changes.append(
                    ScheduleChange(
                        "moved", now, was, time_changed=time_changed, room_changed=room_changed
                    )
                )
    if since is not None:
        changes = [c for c in changes if not is_over(c, since)]
    changes.sort(key=_key)
    return changes


def _sessions(source: KnowledgeBase | Iterable[Session]) -> Iterable[Session]:
    return source.sessions if isinstance(source, KnowledgeBase) else source


def is_over(change: ScheduleChange, since: datetime) -> bool:
    """Whether ``change`` only touches a session over before ``since`` (not worth posting)."""
    versions = [v for v in (change.session, change.old) if v is not None and _on_schedule(v)]

    def ended(session: Session) -> bool:
        finish = session.end or session.start
        return finish is not None and finish <= since

    return bool(versions) and all(ended(v) for v in versions)


# -- what was announced ------------------------------------------------------------------------

MASS_CANCELLATION_MIN = 3
"""A reload is a mass cancellation when it cancels at least this many sessions..."""
MASS_CANCELLATION_SHARE = 0.5
"""...and more than this share of the sessions on the announced schedule. That is what a
half-written file looks like; real cancellations come a few at a time."""


def schedule_slot(session: Session) -> str:
    """A session's place in the schedule as one string: start, end (UTC) and room; ``""``
    when it has no time (not on the schedule). Equal slots mean nothing to announce."""
    if session.start is None:
        return ""
    end = session.end or session.start
    return "|".join(
        (session.start.astimezone(UTC).isoformat(), end.astimezone(UTC).isoformat(), session.room)
    )


def title_json(session: Session) -> str:
    """The session's title as stored with its slot (to name it once it is cancelled)."""
    return json.dumps(dict(session.title.values), ensure_ascii=False, sort_keys=True)


def announced_sessions(
    announced: Mapping[str, tuple[str, str]], current: Iterable[Session]
) -> list[Session]:
    """The schedule as announced: ``announced`` maps a session id to its ``(slot, title
    JSON)``. A session still in ``current`` keeps everything but its time and room; one gone
    from it is rebuilt from its title."""
    by_id = {s.id: s for s in current}
    out = []
    for session_id, (slot, title) in announced.items():
        if not slot:
            continue
        start_text, end_text, room = slot.split("|", 2)
        start, end = datetime.fromisoformat(start_text), datetime.fromisoformat(end_text)
        known = by_id.get(session_id)
        if known is not None:
            out.append(replace(known, start=start, end=end, room=room))
        else:
            out.append(
                Session(
                    id=session_id, title=Text.of(json.loads(title)), start=start, end=end, room=room
                )
            )
    return out


def mass_cancellation(cancelled: int, scheduled: int) -> bool:
    """Whether cancelling ``cancelled`` of ``scheduled`` sessions at once looks like a broken
    file rather than a decision (see :data:`MASS_CANCELLATION_SHARE`)."""
    return cancelled >= MASS_CANCELLATION_MIN and cancelled > scheduled * MASS_CANCELLATION_SHARE


def scheduled_count(sessions: KnowledgeBase | Iterable[Session]) -> int:
    return sum(1 for s in _sessions(sessions) if s.start is not None)


__all__ = [
    "ChangeKind",
    "ScheduleChange",
    "announced_sessions",
    "diff_schedules",
    "is_over",
    "mass_cancellation",
    "schedule_slot",
    "scheduled_count",
    "title_json",
]
