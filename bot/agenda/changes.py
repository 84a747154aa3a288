"""What changed in the schedule between two knowledge bases: new, cancelled, moved sessions.

Pure. Sessions are matched by id. Only the schedule counts: a session's time (start, end) and
room. A session that gains a time is *added* to the schedule, one that loses its time or
disappears is *cancelled*; a title or abstract edit is not a schedule change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.kb.model import KnowledgeBase, Session

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
    old: KnowledgeBase, new: KnowledgeBase, *, since: datetime | None = None
) -> list[ScheduleChange]:
    """The schedule changes from ``old`` to ``new``, in time order.

    ``since`` (aware): ignore changes to sessions over before it (both the old and the new
    version ended, or started when no end is known, before ``since``), so a reload during the
    event does not announce edits to the past.
    """
    if since is not None and (since.tzinfo is None or since.utcoffset() is None):
        raise ValueError("since: expected an aware datetime (with a time zone)")
    before = {s.id: s for s in old.sessions}
    after = {s.id: s for s in new.sessions}
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
        changes = [c for c in changes if not _over(c, since)]
    changes.sort(key=_key)
    return changes


def _over(change: ScheduleChange, since: datetime) -> bool:
    versions = [v for v in (change.session, change.old) if v is not None and _on_schedule(v)]

    def ended(session: Session) -> bool:
        finish = session.end or session.start
        return finish is not None and finish <= since

    return bool(versions) and all(ended(v) for v in versions)


__all__ = ["ChangeKind", "ScheduleChange", "diff_schedules"]
