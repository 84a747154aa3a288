"""Diffing two knowledge bases' schedules: new, cancelled, moved in time or room."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC

from agenda_helpers import at, make_kb, moved, session

from bot.agenda.changes import (
    announced_sessions,
    diff_schedules,
    mass_cancellation,
    schedule_slot,
    title_json,
)
from bot.kb.model import Text

A = session("a", at(10, 0))
B = session("b", at(11, 0), room="Room B")
C = session("c", at(12, 0))


def summary(changes) -> list[tuple[str, str, bool, bool]]:
    return [(c.kind, c.session_id, c.time_changed, c.room_changed) for c in changes]


def test_no_change() -> None:
    assert diff_schedules(make_kb(A, B), make_kb(A, B)) == []


def test_text_edits_are_not_schedule_changes() -> None:
    edited = replace(A, title=Text.of("New title"), abstract=Text.of("..."))
    assert diff_schedules(make_kb(A), make_kb(edited)) == []


def test_added_cancelled_moved() -> None:
    old = make_kb(A, B)
    new = make_kb(moved(A, start=at(10, 30), end=at(11, 0)), C)
    assert summary(diff_schedules(old, new)) == [
        ("moved", "a", True, False),
        ("cancelled", "b", False, False),
        ("added", "c", False, False),
    ]


def test_moved_room_and_time() -> None:
    new_b = moved(B, room="Main", start=at(11, 30), end=at(12, 0))
    (change,) = diff_schedules(make_kb(B), make_kb(new_b))
    assert (change.kind, change.time_changed, change.room_changed) == ("moved", True, True)
    assert change.old == B and change.session == new_b


def test_room_only() -> None:
    (change,) = diff_schedules(make_kb(B), make_kb(moved(B, room="Main")))
    assert (change.time_changed, change.room_changed) == (False, True)


def test_longer_session_is_a_time_change() -> None:
    (change,) = diff_schedules(make_kb(A), make_kb(moved(A, end=at(11, 0))))
    assert change.kind == "moved" and change.time_changed


def test_losing_or_gaining_a_time() -> None:
    unscheduled = moved(A, start=None, end=None)
    assert summary(diff_schedules(make_kb(A), make_kb(unscheduled))) == [
        ("cancelled", "a", False, False)
    ]
    assert summary(diff_schedules(make_kb(unscheduled), make_kb(A))) == [
        ("added", "a", False, False)
    ]
    assert diff_schedules(make_kb(unscheduled), make_kb()) == []


def test_changes_in_time_order() -> None:
    old = make_kb(C)
    new = make_kb(A, B)
    assert [c.session_id for c in diff_schedules(old, new)] == ["a", "b", "c"]


def test_past_sessions_ignored_with_since() -> None:
    old = make_kb(A, B)
    new = make_kb(moved(A, room="Elsewhere"), moved(B, room="Elsewhere"))
    assert [c.session_id for c in diff_schedules(old, new, since=at(10, 45))] == ["b"]
    # a past session moved into the future still counts
    new_a = moved(A, start=at(15, 0), end=at(15, 30))
    assert [c.session_id for c in diff_schedules(make_kb(A), make_kb(new_a), since=at(12))] == ["a"]


def test_shipped_knowledge_against_itself(kb) -> None:
    assert diff_schedules(kb, kb) == []


# -- what was announced ------------------------------------------------------------------------


def announced(*sessions):
    return {s.id: (schedule_slot(s), title_json(s)) for s in sessions if s.start}


def test_announced_sessions_round_trip_to_no_change() -> None:
    kb = make_kb(A, B, C, session("unscheduled", None))
    assert diff_schedules(announced_sessions(announced(*kb.sessions), kb.sessions), kb) == []


def test_changes_against_what_was_announced() -> None:
    """A session gone from the files is still named (its title was stored with its slot)."""
    before = announced(A, B)
    new = make_kb(moved(A, room="Room Z"), C)
    changes = diff_schedules(announced_sessions(before, new.sessions), new)
    assert summary(changes) == [
        ("moved", "a", False, True),
        ("cancelled", "b", False, False),
        ("added", "c", False, False),
    ]
    assert changes[1].session.title.pick("en") == B.title.pick("en")


def test_slots_are_the_same_instant_in_any_zone() -> None:
    utc = replace(A, start=A.start.astimezone(UTC), end=A.end.astimezone(UTC))
    assert schedule_slot(utc) == schedule_slot(A) and schedule_slot(session("x", None)) == ""


def test_mass_cancellation_is_most_of_the_schedule_at_once() -> None:
    assert mass_cancellation(87, 120)
    assert not mass_cancellation(60, 120), "half is not most"
    assert not mass_cancellation(2, 3), "a couple of cancellations of a tiny event"
    assert mass_cancellation(3, 4)
