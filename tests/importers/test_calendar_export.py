"""The .ics export: valid for calendar apps, parsed back with icalendar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest
from import_helpers import real_file, small_schedule, write_json

from bot.calendar_export import session_uid, sessions_to_ics
from bot.importers import import_schedule
from bot.kb import KnowledgeBase, load_knowledge

STAMP = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def democonf(tmp_path: Path) -> KnowledgeBase:
    source = write_json(tmp_path / "democonf.json", small_schedule())
    import_schedule(source, tmp_path / "kb")
    return load_knowledge(tmp_path / "kb")


def _events(data: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    return list(calendar.walk("VEVENT"))


def test_every_session_becomes_an_event(democonf: KnowledgeBase) -> None:
    data = sessions_to_ics(democonf, stamp=STAMP)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    events = _events(data)
    assert [str(e["UID"]) for e in events] == [
        "101@democonf-2025",
        "102@democonf-2025",
        "103@democonf-2025",
    ]
    linuxkit = events[0]
    start = linuxkit["DTSTART"].dt
    assert start.tzinfo is not None and start.utcoffset() == timedelta(hours=2)
    assert start == democonf.session("101").start
    assert str(linuxkit["DTSTART"].params["TZID"]) == "Europe/Paris"
    assert linuxkit["DTEND"].dt - start == timedelta(minutes=30)
    assert str(linuxkit["SUMMARY"]) == "LinuxKit"
    assert str(linuxkit["LOCATION"]) == "Main stage"
    assert "Speakers: Justin Cormack" in str(linuxkit["DESCRIPTION"])
    assert str(linuxkit["URL"]) == "https://example.org/democonf/talk/ABC123/"
    assert linuxkit["DTSTAMP"].dt == STAMP


def test_vtimezone_is_included_and_valid(democonf: KnowledgeBase) -> None:
    calendar = icalendar.Calendar.from_ical(sessions_to_ics(democonf))
    zones = list(calendar.walk("VTIMEZONE"))
    assert [str(z["TZID"]) for z in zones] == ["Europe/Paris"]
    assert zones[0].walk("STANDARD") and zones[0].walk("DAYLIGHT")


def test_uid_is_stable_and_language_chosen(democonf: KnowledgeBase) -> None:
    lunch = democonf.session("102")
    first = sessions_to_ics(democonf, [lunch], language="fr")
    again = sessions_to_ics(democonf, [lunch], language="fr", stamp=datetime.now(UTC))
    (a,), (b,) = _events(first), _events(again)
    assert a["UID"] == b["UID"] == session_uid(democonf, lunch)
    assert str(a["SUMMARY"]) == "Déjeuner"
    assert str(_events(sessions_to_ics(democonf, [lunch], language="en"))[0]["SUMMARY"]) == "Lunch"


def test_sessions_without_time_are_left_out(democonf: KnowledgeBase) -> None:
    from dataclasses import replace

    untimed = replace(democonf.session("101"), start=None, end=None)
    with pytest.raises(ValueError, match="no session"):
        sessions_to_ics(democonf, [untimed])
    assert len(_events(sessions_to_ics(democonf, [untimed, democonf.session("103")]))) == 1


def test_real_exports_round_trip(tmp_path: Path) -> None:
    import_schedule(real_file("pretalx-rc3.json"), tmp_path / "rc3")
    kb = load_knowledge(tmp_path / "rc3")
    events = _events(sessions_to_ics(kb))
    assert len(events) == 48
    by_uid = {str(e["UID"]): e for e in events}
    gluon = by_uid["15@rc3-channels-2020"]
    assert gluon["DTSTART"].dt == datetime.fromisoformat("2020-12-27T11:30:00+01:00")
    assert gluon["DTSTART"].dt.tzinfo is not None
    assert str(gluon["LOCATION"]) == "r3s - Monheim/Rhein"
    assert str(gluon["SUMMARY"]).startswith("Der faule Admin")
