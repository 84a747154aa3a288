"""``/session find``, ``/session now``, ``/session next`` and ``/session agenda`` with their
autocompletes, through simcord (``/session ics``: :mod:`test_session_ics`)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from eventbot_fixtures import DAY1, DAY2, at, make_kb, session
from simcord_checks import field, labels

from bot.kb.model import KnowledgeBase

# -- /session find --------------------------------------------------------------------------------


async def test_session_find_through_autocomplete(world):
    choices = await world.bob.autocomplete(world.general, "session find", "query", "linux")
    assert choices[0]["value"] == "linuxkit-talk"
    assert choices[0]["name"] == "14/05 10:30 Beta · Docker's new LinuxKit"
    res = await world.bob.slash(world.general, "session find", query=choices[0]["value"])
    (embed,) = res.response.embeds
    assert embed.title == "Docker's new LinuxKit"
    assert embed.description == "LinuxKit builds lean, secure systems."
    start = int(at(DAY1, 10, 30).timestamp())
    when = field(embed, "When")
    assert f"<t:{start}:f>" in when and f"<t:{start}:R>" in when
    assert field(embed, "Room") == "Beta"
    assert field(embed, "Speakers") == "Justin Cormack (Docker Inc)"
    assert field(embed, "Tools") == "LinuxKit"


async def test_session_autocomplete_is_accent_insensitive_and_fuzzy(world):
    typed = await world.bob.autocomplete(world.general, "session find", "query", "securiser")
    assert typed[0]["value"] == "keynote"
    typo = await world.bob.autocomplete(world.general, "session find", "query", "kubernets")
    assert typo[0]["value"] == "k8s-prod"
    empty = await world.bob.autocomplete(world.general, "session find", "query", "")
    assert len(empty) == 9


def crowded_kb() -> KnowledgeBase:
    base = make_kb()
    long_title = "A very long session title about containers " * 6
    extra = tuple(
        session(f"s{n:02d}", f"{long_title} number {n}", DAY1, 8 + n % 10, room="Alpha")
        for n in range(60)
    )
    return KnowledgeBase(
        event=base.event,
        sessions=base.sessions + extra,
        speakers=base.speakers,
        companies=base.companies,
        tools=base.tools,
    )


@pytest.mark.bot(kb=crowded_kb())
async def test_autocomplete_respects_discord_limits(world):
    choices = await world.bob.autocomplete(world.general, "session find", "query", "containers")
    assert 0 < len(choices) <= 25
    assert all(1 <= len(c["name"]) <= 100 and len(c["value"]) <= 100 for c in choices)


async def test_session_find_accepts_typed_text(world):
    res = await world.bob.slash(world.general, "session find", query="kubernetes in prod")
    assert res.response.embeds[0].title == "Kubernetes in production"


async def test_session_find_by_a_speakers_surname_or_a_tool_opens_the_session(world):
    # Typed text and Enter, no autocomplete pick: the same engine as questions, then links.
    res = await world.bob.slash(world.general, "session find", query="cormack")
    assert res.response.embeds[0].title == "Docker's new LinuxKit"
    res = await world.bob.slash(world.general, "session find", query="linuxkit")
    assert res.response.embeds[0].title == "Docker's new LinuxKit"
    res = await world.bob.slash(world.general, "speaker", name="the linuxkit talk")
    assert res.response.embeds[0].title.startswith("Justin Cormack")


async def test_session_find_unknown_says_not_found_with_did_you_mean(world):
    res = await world.bob.slash(world.general, "session find", query="pipelines mesh")
    assert res.ephemeral
    (embed,) = res.response.embeds
    assert embed.title == "No session matches “pipelines mesh”."
    assert "Did you mean:" in embed.description
    assert labels(res.response) == ["Continuous delivery pipelines", "Service mesh in practice"]
    clicked = await world.bob.click(res.response, label="Service mesh in practice")
    assert clicked.acknowledged
    edited = world.env.backend.get_message(res.response.channel_id, res.response.id)
    assert edited.embeds[0]["title"] == "Service mesh in practice"
    assert edited.components == []


async def test_session_find_nothing_close(world):
    res = await world.bob.slash(world.general, "session find", query="blockchain")
    assert res.ephemeral
    assert res.response.embeds[0].title == "No session matches “blockchain”."
    assert res.response.components == []


# -- /session now, next ---------------------------------------------------------------------------


async def test_session_now(world):
    res = await world.bob.slash(world.general, "session now")
    (embed,) = res.response.embeds
    assert embed.title == "On now"
    assert [f.name for f in embed.fields] == ["Kubernetes in production", "Docker's new LinuxKit"]
    assert "<t:" in embed.fields[1].value and "Room Beta" in embed.fields[1].value


async def test_session_next(world):
    res = await world.bob.slash(world.general, "session next")
    (embed,) = res.response.embeds
    assert embed.title == "Next up"
    assert [f.name for f in embed.fields] == ["Helm charts for everyone"]


async def test_session_now_follows_the_clock(world):
    world.clock.now = at(DAY1, 12, 30)
    res = await world.bob.slash(world.general, "session now")
    assert "Nothing is on right now" in res.response.embeds[0].description
    world.clock.now = at(DAY1, 9, 0) - timedelta(days=30)
    res = await world.bob.slash(world.general, "session now")
    assert res.response.embeds[0].description == "TestConf 2030 starts on 14 May 2030."
    world.clock.now = at(DAY2, 23, 0) + timedelta(days=1)
    res = await world.bob.slash(world.general, "session next")
    assert "the programme is over" in res.response.embeds[0].description


async def test_session_now_in_french(world, french):
    res = await world.bob.slash(world.general, "session now")
    assert res.response.embeds[0].title == "En ce moment"
    assert "Salle Alpha" in res.response.embeds[0].fields[0].value


# -- /session agenda ------------------------------------------------------------------------------


async def test_agenda_is_paginated_with_buttons(world):
    res = await world.bob.slash(world.general, "session agenda")
    first = res.response
    assert first.embeds[0].title == "Agenda"
    assert len(first.embeds[0].fields) == 6
    assert first.embeds[0].footer.text == "TestConf 2030 · Page 1/2"
    assert labels(first) == ["Previous", "Next"]
    await world.bob.click(first, label="Next")
    page = world.env.backend.get_message(first.channel_id, first.id)
    assert page.embeds[0]["footer"]["text"] == "TestConf 2030 · Page 2/2"
    assert len(page.embeds[0]["fields"]) == 3
    await world.bob.click(first, label="Previous")
    page = world.env.backend.get_message(first.channel_id, first.id)
    assert page.embeds[0]["footer"]["text"] == "TestConf 2030 · Page 1/2"


async def test_agenda_buttons_belong_to_the_invoker(world):
    res = await world.bob.slash(world.general, "session agenda")
    other = await world.alice.click(res.response, label="Next")
    assert other.ephemeral
    assert "belong to whoever ran the command" in other.response.embeds[0].description
    page = world.env.backend.get_message(res.response.channel_id, res.response.id)
    assert page.embeds[0]["footer"]["text"] == "TestConf 2030 · Page 1/2"


async def test_agenda_filters_and_their_autocomplete(world):
    days = await world.bob.autocomplete(world.general, "session agenda", "day", "")
    assert [d["value"] for d in days] == [DAY1.isoformat(), DAY2.isoformat()]
    assert days[1]["name"] == "2 - 15 May 2030"
    rooms = await world.bob.autocomplete(world.general, "session agenda", "room", "bet")
    assert rooms[0]["value"] == "Beta"
    tracks = await world.bob.autocomplete(world.general, "session agenda", "track", "secu")
    assert tracks[0]["value"] == "Security"

    res = await world.bob.slash(world.general, "session agenda", day=DAY2.isoformat())
    (embed,) = res.response.embeds
    assert [f.name for f in embed.fields] == [
        "Service mesh in practice",
        "Persistent storage for containers",
        "Closing panel",
    ]
    assert embed.description == "Filters: Day: 15 May 2030"
    assert res.response.components == []
    res = await world.bob.slash(world.general, "session agenda", day="1", room="beta")
    names = [f.name for f in res.response.embeds[0].fields]
    assert names == [
        "Docker's new LinuxKit",
        "Helm charts for everyone",
        "Monitoring with Prometheus",
    ]
    res = await world.bob.slash(world.general, "session agenda", track="security")
    assert [f.name for f in res.response.embeds[0].fields] == [
        "Opening keynote: securing containers"
    ]


async def test_agenda_bad_day_and_no_match(world):
    res = await world.bob.slash(world.general, "session agenda", day="someday")
    assert res.ephemeral
    assert "Unknown day “someday”" in res.response.embeds[0].description
    res = await world.bob.slash(world.general, "session agenda", room="Gamma")
    assert "No session matches." in res.response.embeds[0].description
