"""``/session ics [session]``: an .ics file for one session or the whole agenda, through simcord.

The attachment is read back with icalendar: aware DTSTART in the event's zone, SUMMARY, and
a UID that stays the same from one call to the next (so a calendar app updates, not duplicates).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from eventbot_fixtures import DAY1, PARIS, at, make_kb
from icalendar import Calendar

from bot.kb.model import KnowledgeBase


def untimed_kb() -> KnowledgeBase:
    """The test event, with the closing panel not scheduled yet."""
    kb = make_kb()
    sessions = tuple(
        replace(s, start=None, end=None) if s.id == "closing" else s for s in kb.sessions
    )
    return replace(kb, sessions=sessions)


def all_untimed_kb() -> KnowledgeBase:
    kb = make_kb()
    return replace(kb, sessions=tuple(replace(s, start=None, end=None) for s in kb.sessions))


async def ics_of(res) -> tuple[str, Calendar]:
    """The reply's one attachment: its file name and the parsed calendar."""
    assert res.ephemeral
    (attachment,) = res.response.attachments
    data = await attachment.read()
    return attachment.filename, Calendar.from_ical(data)


def events_of(calendar: Calendar) -> list:
    return [c for c in calendar.walk("VEVENT")]


async def test_one_session_through_autocomplete(world):
    choices = await world.bob.autocomplete(world.general, "session ics", "session", "linux")
    assert choices and choices[0]["value"] == "linuxkit-talk"
    res = await world.bob.slash(world.general, "session ics", session=choices[0]["value"])
    assert "Docker's new LinuxKit" in res.response.content
    filename, calendar = await ics_of(res)
    assert filename == "linuxkit-talk.ics"
    (event,) = events_of(calendar)
    assert str(event["SUMMARY"]) == "Docker's new LinuxKit"
    start = event.decoded("DTSTART")
    assert start.tzinfo is not None and start.utcoffset() is not None
    assert start == at(DAY1, 10, 30)
    assert start.astimezone(PARIS).hour == 10
    assert event.decoded("DTEND") == at(DAY1, 11, 15)
    assert str(event["UID"]) == "linuxkit-talk@testconf-2030"
    assert "Beta" in str(event["LOCATION"])
    assert calendar.walk("VTIMEZONE"), "the event's zone travels with the file"


async def test_session_typed_with_a_typo(world):
    res = await world.bob.slash(world.general, "session ics", session="kubernets in production")
    _, calendar = await ics_of(res)
    (event,) = events_of(calendar)
    assert str(event["SUMMARY"]) == "Kubernetes in production"


async def test_uid_is_stable_across_calls(world):
    first = await world.bob.slash(world.general, "session ics", session="helm-charts")
    world.clock.advance(3600)
    second = await world.alice.slash(world.general, "session ics", session="helm-charts")
    (one,) = events_of((await ics_of(first))[1])
    (two,) = events_of((await ics_of(second))[1])
    assert str(one["UID"]) == str(two["UID"]) == "helm-charts@testconf-2030"
    assert one.decoded("DTSTART") == two.decoded("DTSTART")


async def test_whole_agenda(world):
    res = await world.bob.slash(world.general, "session ics")
    assert "TestConf 2030" in res.response.content and "9 sessions" in res.response.content
    filename, calendar = await ics_of(res)
    assert filename == "testconf-2030.ics"
    events = events_of(calendar)
    kb = world.bot.kb
    assert sorted(str(e["UID"]) for e in events) == sorted(
        f"{s.id}@{kb.event.id}" for s in kb.sessions
    )
    by_uid = {str(e["UID"]): e for e in events}
    keynote = by_uid["keynote@testconf-2030"]
    assert str(keynote["SUMMARY"]) == "Opening keynote: securing containers"
    assert keynote.decoded("DTSTART") == at(DAY1, 9, 30)
    assert all(e.decoded("DTSTART").tzinfo is not None for e in events)
    again = await world.alice.slash(world.general, "session ics")
    uids = sorted(str(e["UID"]) for e in events_of((await ics_of(again))[1]))
    assert uids == sorted(by_uid)


async def test_whole_agenda_in_french(world, french):
    res = await world.bob.slash(world.general, "session ics")
    assert "Tout le programme de TestConf 2030" in res.response.content
    _, calendar = await ics_of(res)
    keynote = next(e for e in events_of(calendar) if str(e["UID"]).startswith("keynote@"))
    assert str(keynote["SUMMARY"]) == "Keynote : sécuriser"
    assert "Grand hall" in str(keynote["LOCATION"])


async def test_unknown_session_is_friendly(world):
    res = await world.bob.slash(world.general, "session ics", session="blockchain")
    assert res.ephemeral
    assert res.response.attachments == []
    (embed,) = res.response.embeds
    assert embed.title == "No session matches “blockchain”."
    assert world.env.errors == []


async def test_unknown_session_offers_the_closest(world):
    res = await world.bob.slash(world.general, "session ics", session="pipelines mesh")
    assert res.ephemeral and res.response.attachments == []
    assert "Did you mean:" in res.response.embeds[0].description


@pytest.mark.bot(kb=untimed_kb())
async def test_untimed_session_gets_a_message_not_a_file(world):
    res = await world.bob.slash(world.general, "session ics", session="closing")
    assert res.ephemeral
    assert res.response.attachments == []
    (embed,) = res.response.embeds
    assert embed.description == (
        "“Closing panel” has no time yet, so there is nothing to put in a calendar."
    )
    assert world.env.errors == []
    # The whole agenda leaves it out and keeps the others.
    whole = await world.bob.slash(world.general, "session ics")
    assert "8 sessions" in whole.response.content
    uids = {str(e["UID"]) for e in events_of((await ics_of(whole))[1])}
    assert "closing@testconf-2030" not in uids and len(uids) == 8


@pytest.mark.bot(kb=all_untimed_kb())
async def test_agenda_without_any_time(world, french):
    res = await world.bob.slash(world.general, "session ics")
    assert res.ephemeral and res.response.attachments == []
    assert res.response.embeds[0].description == (
        "Aucune session n'a encore d'horaire : pas d'agenda à donner pour l'instant."
    )


async def test_agenda_file_is_rebuilt_after_a_reload(world):
    first = await world.bob.slash(world.general, "session ics")
    kb = world.bot.kb
    renamed = tuple(
        replace(s, title=type(s.title).of("Helm for all")) if s.id == "helm-charts" else s
        for s in kb.sessions
    )
    world.bot.replace_knowledge(replace(kb, sessions=renamed))
    second = await world.bob.slash(world.general, "session ics")
    titles = {str(e["UID"]): str(e["SUMMARY"]) for e in events_of((await ics_of(second))[1])}
    assert titles["helm-charts@testconf-2030"] == "Helm for all"
    before = {str(e["UID"]): str(e["SUMMARY"]) for e in events_of((await ics_of(first))[1])}
    assert before["helm-charts@testconf-2030"] == "Helm charts for everyone"
