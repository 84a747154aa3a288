"""Every real export in shared/data/schedules: imported, loaded back, checked against the source."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest
from import_helpers import SCHEDULES, real_file

from bot.importers import ScheduleImportError, import_schedule, parse_schedule
from bot.kb import KnowledgeBase, load_knowledge

NOT_SCHEDULES = {"schedule.schema.json", "schedule.xml.xsd"}


def _real_exports() -> list[str]:
    if not SCHEDULES.is_dir():
        return []
    return sorted(
        p.name
        for p in SCHEDULES.iterdir()
        if p.suffix in (".json", ".xml") and p.name not in NOT_SCHEDULES
    )


def _source_events(path: Path) -> list[dict]:
    """The events of an export as the source has them: id, start instant or local start."""
    if path.suffix == ".json":
        document = json.loads(path.read_text(encoding="utf-8"))
        days = document["schedule"]["conference"]["days"]
        return [
            {
                "id": str(e["id"]),
                "date": e["date"],
                "duration": e["duration"],
                "room": e["room"],
                "persons": e["persons"],
                "track": e["track"],
            }
            for day in days
            for events in day["rooms"].values()
            for e in events
        ]
    root = SafeET.parse(path).getroot()
    out = []
    for day in root.iter("day"):
        for event in day.iter("event"):
            out.append(
                {
                    "id": event.get("id"),
                    "date": f"{day.get('date')}T{event.findtext('start')}",
                    "duration": event.findtext("duration"),
                    "room": event.findtext("room"),
                    "persons": [p.get("id") for p in event.iter("person")],
                    "track": event.findtext("track"),
                }
            )
    return out


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, KnowledgeBase]:
    """Each valid real export imported once into its own folder, and loaded back."""
    if not SCHEDULES.is_dir():
        pytest.skip(f"the real schedule exports are not here: {SCHEDULES.resolve()}")
    loaded = {}
    for name in _real_exports():
        if name.startswith("invalid"):
            continue
        out = tmp_path_factory.mktemp(name.replace(".", "-"))
        import_schedule(SCHEDULES / name, out)
        loaded[name] = load_knowledge(out)
    return loaded


@pytest.mark.parametrize("name", _real_exports() or ["(no exports found)"])
def test_every_real_export_imports_or_is_refused(name: str, imported, tmp_path: Path) -> None:
    path = real_file(name)
    if name.startswith("invalid"):
        with pytest.raises(ScheduleImportError) as caught:
            import_schedule(path, tmp_path / "out")
        assert name in caught.value.place
        assert not (tmp_path / "out").exists()
        return
    kb = imported[name]
    events = _source_events(path)
    assert len(kb.sessions) == len(events)
    for event in events:
        session = kb.session(event["id"])
        assert session is not None, event["id"]
        start = datetime.fromisoformat(event["date"])
        if start.tzinfo is None:  # FOSDEM: the day's date and a local time
            assert session.start.astimezone(kb.event.tz).replace(tzinfo=None) == start
        else:  # the ISO date with its offset, not "start" plus a guess
            assert session.start == start
            assert session.start.utcoffset() == start.utcoffset()
        hours, minutes = map(int, event["duration"].split(":")[:2])
        assert session.duration.total_seconds() == (hours * 60 + minutes) * 60
        assert session.track == (event["track"] or "")
        assert len(session.speakers) == len(event["persons"])


@pytest.mark.parametrize(
    ("name", "sessions", "zone", "first_day", "last_day"),
    [
        ("pretalx-rc3.json", 48, "Etc/GMT-1", "2020-12-27", "2020-12-30"),
        ("frab-camp2019.json", 79, "Europe/Berlin", "2019-08-21", "2019-08-26"),
        ("fosdem-2024.xml", 674, "Europe/Brussels", "2024-02-03", "2024-02-04"),
    ],
)
def test_counts_zone_and_dates(imported, name, sessions, zone, first_day, last_day) -> None:
    real_file(name)
    kb = imported[name]
    assert len(kb.sessions) == sessions
    assert kb.event.timezone == zone
    assert str(kb.event.start_date) == first_day
    assert str(kb.event.end_date) == last_day
    assert set(kb.event.rooms) >= {s.room for s in kb.sessions if s.room}


def test_rc3_has_no_zone_name_so_the_fixed_offset_is_kept(imported) -> None:
    real_file("pretalx-rc3.json")
    kb = imported["pretalx-rc3.json"]
    session = kb.session("15")
    assert session.start.isoformat() == "2020-12-27T11:30:00+01:00"
    assert session.room == "r3s - Monheim/Rhein"
    assert [kb.speaker(i).name for i in session.speakers] == ["Chris Fiege", "Kasa"]
    assert session.speakers == ("SCD9VJ", "MCQKPV")  # pretalx codes


def test_rc3_with_an_explicit_zone_keeps_every_instant() -> None:
    path = real_file("pretalx-rc3.json")
    default = parse_schedule(path)
    berlin = parse_schedule(path, timezone="Europe/Berlin")
    assert berlin.event["timezone"] == "Europe/Berlin"
    assert [s["start"] for s in berlin.sessions] == [s["start"] for s in default.sessions]


def test_sessions_without_speakers_and_speakers_in_several_sessions(imported) -> None:
    real_file("frab-camp2019.json")
    kb = imported["frab-camp2019.json"]
    assert kb.session("10390").speakers == ()
    several = [s for s in kb.speakers if len(kb.sessions_of_speaker(s.id)) > 1]
    assert several, "Camp 2019 has speakers with several sessions"
    assert len({s.id for s in kb.speakers}) == len(kb.speakers)
    rc3 = imported["pretalx-rc3.json"]
    assert rc3.session("17").speakers == ()


def test_html_abstracts_become_readable_text(imported) -> None:
    real_file("fosdem-2024.xml")
    fosdem = imported["fosdem-2024.xml"]
    for session in fosdem.sessions:
        text = session.abstract.pick()
        assert not re.search(r"</?(p|a|li|ul|br|em|strong|code)\b", text), session.id
        assert "&lt;" not in text and "&amp;" not in text
    turtle = fosdem.session("10528").abstract.pick()
    assert turtle.startswith("Turtlestitch is based on a browser-based")
    camp = imported["frab-camp2019.json"]
    dns = next(s for s in camp.sessions if "DPRIVE" in s.abstract.pick())
    assert (
        "working group (https://datatracker.ietf.org/wg/dprive/documents/)" in dns.abstract.pick()
    )


def test_markdown_abstracts_are_kept_as_written(imported) -> None:
    real_file("pretalx-rc3.json")
    text = imported["pretalx-rc3.json"].session("15").abstract.pick()
    assert "[Gluon](https://gluon.readthedocs.io/)" in text
    assert "\r" not in text


def test_fosdem_overlap_keeps_every_session_and_time(imported) -> None:
    real_file("fosdem-2024.xml")
    kb = imported["fosdem-2024.xml"]
    navigating = kb.session("10826")
    assert navigating.room == ""  # 17:30-18:15 in UB4.136, over 10837 and 10843
    assert "UB4.136" in navigating.keywords
    assert navigating.abstract.pick().startswith("Room: UB4.136")
    assert kb.session("10837").room == kb.session("10843").room == "UB4.136"
    data = parse_schedule(real_file("fosdem-2024.xml"))
    assert len(data.overlaps) == 1 and "10826" in data.overlaps[0]


def test_overlaps_can_be_refused(tmp_path: Path) -> None:
    with pytest.raises(ScheduleImportError) as caught:
        import_schedule(real_file("fosdem-2024.xml"), tmp_path / "out", overlaps="refuse")
    assert re.search(r"fosdem-2024\.xml:\d+$", caught.value.place)
    assert "overlaps" in caught.value.message
    assert not (tmp_path / "out").exists()
