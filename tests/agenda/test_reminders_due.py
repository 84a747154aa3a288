"""Which reminders are due: the window, the key, moved sessions, the host's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from agenda_helpers import at, make_kb, moved, session

from bot.agenda.reminders_due import due_reminders, reminder_key

LEAD = timedelta(minutes=5)


def ids(due) -> list[str]:
    return [d.session.id for d in due]


def test_due_from_lead_before_start_until_just_after() -> None:
    kb = make_kb(session("keynote", at(10, 0)))
    assert ids(due_reminders(kb, at(9, 54), LEAD)) == []
    assert ids(due_reminders(kb, at(9, 55), LEAD)) == ["keynote"]
    assert ids(due_reminders(kb, at(9, 59), LEAD)) == ["keynote"]
    assert ids(due_reminders(kb, at(10, 0), LEAD)) == ["keynote"]
    assert ids(due_reminders(kb, at(10, 0) + timedelta(seconds=59), LEAD)) == ["keynote"]
    assert ids(due_reminders(kb, at(10, 1), LEAD)) == []


def test_just_before_the_window_is_not_due() -> None:
    kb = make_kb(session("keynote", at(10, 0)))
    assert due_reminders(kb, at(9, 55) - timedelta(seconds=1), LEAD) == []


def test_zero_lead_reminds_at_the_start() -> None:
    kb = make_kb(session("keynote", at(10, 0)))
    assert due_reminders(kb, at(9, 59), timedelta(0)) == []
    assert ids(due_reminders(kb, at(10, 0), timedelta(0))) == ["keynote"]


def test_parallel_sessions_soonest_first_then_room() -> None:
    kb = make_kb(
        session("b", at(10, 2), room="B"),
        session("a", at(10, 2), room="A"),
        session("early", at(10, 0)),
        session("later", at(11, 0)),
        session("unscheduled", None),
    )
    assert ids(due_reminders(kb, at(9, 58), LEAD)) == ["early", "a", "b"]


def test_minutes_left_rounds_up() -> None:
    kb = make_kb(session("keynote", at(10, 0)))
    (due,) = due_reminders(kb, at(9, 55) + timedelta(seconds=30), LEAD)
    assert due.minutes_left(at(9, 55) + timedelta(seconds=30)) == 5
    assert due.minutes_left(at(10, 0) + timedelta(seconds=30)) == 0
    assert due.remind_at == at(9, 55)


def test_key_is_the_same_instant_in_any_zone() -> None:
    s = session("keynote", at(10, 0))
    utc = moved(s, start=s.start.astimezone(UTC))
    assert reminder_key(s) == reminder_key(utc) == ("keynote", "2017-06-13T08:00:00Z")


def test_moved_session_gets_a_new_key_and_a_new_time() -> None:
    s = session("keynote", at(10, 0))
    later = moved(s, start=at(11, 0), end=at(11, 30))
    assert reminder_key(s) != reminder_key(later)
    kb = make_kb(later)
    assert due_reminders(kb, at(9, 56), LEAD) == []
    assert ids(due_reminders(kb, at(10, 56), LEAD)) == ["keynote"]


def test_unscheduled_session_has_no_reminder() -> None:
    s = session("tba", None)
    assert due_reminders([s], at(9, 0), LEAD) == []
    with pytest.raises(ValueError):
        reminder_key(s)


def test_naive_now_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        due_reminders(make_kb(), datetime(2017, 6, 13, 9, 55), LEAD)


def test_same_result_whatever_the_host_zone(host_tz: str, kb) -> None:
    """The shipped event (Europe/Paris): the first session's reminder at the same UTC instant."""
    first = next(s for s in kb.sessions if s.start is not None)
    when = first.start - LEAD
    assert ids(due_reminders(kb, when.astimezone(UTC), LEAD))[:1] == [first.id]
    earlier = due_reminders(kb, (when - timedelta(seconds=1)).astimezone(UTC), LEAD)
    assert all(d.session.start != first.start for d in earlier)
    assert first.start.astimezone(kb.event.tz).utcoffset() == timedelta(hours=2)
