"""Variants of the format seen in real exports, on small hand-made files."""

from __future__ import annotations

import json
from datetime import UTC
from pathlib import Path

import pytest
from import_helpers import small_schedule, write_json

from bot.importers import import_schedule, parse_schedule
from bot.kb import load_knowledge

PRETALX_XML = """<?xml version='1.0' encoding='utf-8'?>
<schedule>
  <generator name="pretalx" version="2024.1.0"/>
  <version>0.3</version>
  <conference>
    <title>Night Conf</title><acronym>nightconf</acronym>
    <start>2025-03-29</start><end>2025-03-30</end><days>2</days>
    <timeslot_duration>00:05</timeslot_duration>
    <time_zone_name>Europe/Paris</time_zone_name>
    <track name="Hardware" color="#ff0000" slug="hardware"/>
  </conference>
  <day index="1" date="2025-03-29"
       start="2025-03-29T06:00:00+01:00" end="2025-03-30T05:59:00+02:00">
    <room name="Hall A" guid="b379c473-93b9-4eae-9a09-d482e86cede3">
      <event guid="8079583e-8321-506c-95af-fd2903a5f075" id="25" code="G9JGWY">
        <room>Hall A</room><title>Before the switch</title><subtitle/><type>Talk</type>
        <date>2025-03-29T23:30:00+01:00</date><start>23:30</start><duration>01:00</duration>
        <abstract>&lt;p&gt;Late &lt;b&gt;night&lt;/b&gt;.&lt;/p&gt;</abstract>
        <slug>nightconf-25-before</slug>
        <track>Hardware</track><language>en</language>
        <persons>
          <person id="26" code="NQTF8Y" guid="0c16ffaa-709d-599f-959f-9a38b911361a"
            >Brian Robinson</person>
        </persons>
        <links><link href="https://example.org/slides.pdf">Slides</link></links>
        <url>https://example.org/nightconf/talk/G9JGWY/</url>
      </event>
      <event guid="2d64f8e2-26ee-529f-b5ab-3b3f326e31b9" id="26" code="3NEFSQ">
        <room>Hall A</room><title>After the switch</title><type>Talk</type>
        <date>2025-03-30T03:30:00+02:00</date><start>03:30</start><duration>00:30</duration>
        <abstract/><track/><persons/>
      </event>
    </room>
  </day>
</schedule>
"""

PENTABARF_XML = """<?xml version="1.0" encoding="UTF-8"?>
<schedule>
  <conference><title>Old Conf</title><city>Vienna</city><start>2025-06-13</start>
    <end>2025-06-13</end><day_change>09:00:00</day_change></conference>
  <day index="1" date="2025-06-13">
    <room name="Saal 1">
      <event id="1"><start>22:00</start><duration>01:00</duration><room>Saal 1</room>
        <title>Late talk</title><track>Main</track><type>talk</type><abstract/><persons/></event>
      <event id="2"><start>01:00</start><duration>00:30</duration><room>Saal 1</room>
        <title>After midnight</title><track>Main</track><type>talk</type><abstract/>
        <persons><person id="9">Ada</person></persons></event>
    </room>
  </day>
</schedule>
"""

HUB_V2 = {
    "$schema": "../schema2.json",
    "schedule": {
        "version": "2024-12-26 20:23",
        "conference": {
            "acronym": "38c3",
            "title": "38C3",
            "start": "2024-12-27T09:30:00+00:00",
            "end": "2024-12-30T17:45:00+00:00",
            "time_zone_name": "Europe/Berlin",
            "tracks": [{"name": "Hardware & Making", "slug": "hardware-making"}],
            "rooms": [
                {
                    "name": "Saal 1",
                    "guid": "ba692ba3-421b-5371-8309-60acc34a3c05",
                    "description": {"en": "Lecture hall", "de": "Hörsaal"},
                }
            ],
            "days": [
                {
                    "index": 1,
                    "date": "2024-12-27",
                    "start": "2024-12-27T09:30:00+00:00",
                    "end": "2024-12-28T06:00:00+01:00",
                }
            ],
        },
        "events": [
            {
                "type": "talk",
                "guid": "b1740c2f-0c44-5f1b-89ed-456a9eecf0b8",
                "start": "2024-12-28T00:15:00+01:00",
                "end": "2024-12-28T00:55:00+01:00",
                "room": {"name": "Saal 1", "guid": "ba692ba3-421b-5371-8309-60acc34a3c05"},
                "slug": "38c3-ai-for-nfs",
                "title": "A Competitive Time-Trial AI for Need for Speed:",
                "subtitle": "Most Wanted Using Deep Reinforcement Learning",
                "language": "en",
                "track": {"slug": "hardware-making"},
                "abstract": "All challenges.",
                "participants": [
                    {
                        "guid": "51766dc0-326b-554c-993b-0b1ffa9e6a1e",
                        "name": "Sebastian Schwarz",
                        "role": "speaker",
                    }
                ],
                "links": [{"type": "activitypub", "url": "https://example.net/@handle"}],
            }
        ],
        "persons": [
            {
                "guid": "51766dc0-326b-554c-993b-0b1ffa9e6a1e",
                "name": "Sebastian Schwarz",
                "biography": "Data scientist.",
            }
        ],
    },
}


def test_pretalx_xml_with_dates_across_a_daylight_saving_switch(tmp_path: Path) -> None:
    source = tmp_path / "schedule.xml"
    source.write_text(PRETALX_XML, encoding="utf-8")
    import_schedule(source, tmp_path / "out")
    kb = load_knowledge(tmp_path / "out")
    before, after = kb.session("25"), kb.session("26")
    assert before.start.isoformat() == "2025-03-29T23:30:00+01:00"
    assert after.start.isoformat() == "2025-03-30T03:30:00+02:00"
    elapsed = after.start.astimezone(UTC) - before.start.astimezone(UTC)
    assert elapsed.total_seconds() == 3 * 3600  # 23:30 CET -> 03:30 CEST
    assert before.abstract.pick() == "Late night."
    assert before.speakers == ("NQTF8Y",) and after.speakers == ()
    assert before.links[0].url == "https://example.org/slides.pdf"
    assert before.url == "https://example.org/nightconf/talk/G9JGWY/"
    assert kb.event.tracks == ("Hardware",) and after.track == ""


def test_pentabarf_xml_without_dates_uses_day_change_and_city(tmp_path: Path) -> None:
    source = tmp_path / "old.xml"
    source.write_text(PENTABARF_XML, encoding="utf-8")
    data = parse_schedule(source)
    assert data.zone.name == "Europe/Vienna"
    late, night = data.sessions
    assert late["start"] == "2025-06-13T22:00+02:00"
    assert night["start"] == "2025-06-14T01:00+02:00"  # before day_change: the next morning
    assert data.event["end_date"] == "2025-06-14"
    assert night["speakers"] == ["9"]
    import_schedule(source, tmp_path / "out")
    assert len(load_knowledge(tmp_path / "out").sessions) == 2


def test_xml_without_any_zone_asks_for_one(tmp_path: Path) -> None:
    source = tmp_path / "old.xml"
    source.write_text(PENTABARF_XML.replace("<city>Vienna</city>", ""), encoding="utf-8")
    with pytest.raises(Exception, match="--timezone"):
        parse_schedule(source)
    assert parse_schedule(source, timezone="Europe/Vienna").sessions[0]["start"].endswith("+02:00")


def test_schedule_version_2_flat_events(tmp_path: Path) -> None:
    source = write_json(tmp_path / "hub.json", HUB_V2)
    import_schedule(source, tmp_path / "out")
    kb = load_knowledge(tmp_path / "out")
    (session,) = kb.sessions
    assert session.id == "b1740c2f-0c44-5f1b-89ed-456a9eecf0b8"
    assert session.title.pick().endswith(
        "Need for Speed: Most Wanted Using Deep Reinforcement Learning"
    )
    assert session.duration.total_seconds() == 40 * 60
    assert session.room == "Saal 1" and session.track == "Hardware & Making"
    (speaker,) = kb.speakers
    assert speaker.name == "Sebastian Schwarz" and speaker.bio.pick() == "Data scientist."
    assert str(kb.event.start_date) == "2024-12-27" and kb.event.timezone == "Europe/Berlin"


def test_dates_without_offsets_are_read_in_the_event_zone(tmp_path: Path) -> None:
    document = small_schedule()
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"][0]
    event["date"] = "2025-06-13T11:00:00"
    data = parse_schedule(write_json(tmp_path / "s.json", document))
    assert data.sessions[0]["start"] == "2025-06-13T11:00+02:00"


def test_subtitle_and_zero_duration(tmp_path: Path) -> None:
    document = small_schedule()
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"][0]
    event.update(subtitle="secure and lean", duration="00:00")
    data = parse_schedule(write_json(tmp_path / "s.json", document))
    assert data.sessions[0]["abstract"].startswith("secure and lean\n\nSecure & lean.")
    assert data.sessions[0]["duration"] == 1
    assert any("zero duration" in w for w in data.warnings)


@pytest.mark.parametrize(
    "nasty",
    [
        "\ud83d lone surrogate",
        "nel\x85",
        "line\u2028sep",
        "- dash",
        "null",
        "yes",
        "a: b",
        "#x",
        "'quote\"",
        "😀",
        "\ufeffbom",
        "{x}",
        "1e3",
        "x" * 3000,
    ],
)
def test_any_text_survives_the_yaml(tmp_path: Path, nasty: str) -> None:
    document = small_schedule()
    event = document["schedule"]["conference"]["days"][0]["rooms"]["Main stage"][0]
    event.update(title=f"T {nasty}", abstract=nasty, track=nasty, room=nasty)
    event["persons"][0]["public_name"] = f"P {nasty}"
    source = tmp_path / "s.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    result = import_schedule(source, tmp_path / "out")
    session = load_knowledge(tmp_path / "out").session("101")
    assert session.title.pick() == result.data.sessions[0]["title"]
    assert session.room == result.data.sessions[0]["room"]
    assert session.title.pick().startswith("T ")
