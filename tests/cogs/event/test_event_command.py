"""``/event``, through simcord."""

from __future__ import annotations

from simcord_checks import field


async def test_event(world):
    res = await world.bob.slash(world.general, "event")
    assert not res.ephemeral
    (embed,) = res.response.embeds
    assert embed.title == "TestConf 2030"
    assert embed.description == "Two days about containers."
    assert "<t:" in field(embed, "When") and ":R>" in field(embed, "When")
    assert field(embed, "Where") == "Main hall, Lyon"
    assert field(embed, "Organised by") == "Acme"


async def test_event_in_french(world, french):
    res = await world.bob.slash(world.general, "event")
    (embed,) = res.response.embeds
    assert field(embed, "Où") == "Grand hall, Lyon"
    assert embed.description == "Deux jours sur les conteneurs."
