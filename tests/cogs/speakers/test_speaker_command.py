"""``/speaker`` and its autocomplete, through simcord."""

from __future__ import annotations

from simcord_checks import field


async def test_speaker(world):
    choices = await world.bob.autocomplete(world.general, "speaker", "name", "zoe")
    assert choices == [{"name": "Zoé Durand", "value": "zoe-durand"}]
    res = await world.bob.slash(world.general, "speaker", name="zoe-durand")
    (embed,) = res.response.embeds
    assert embed.title == "Zoé Durand"
    assert embed.description == "Security engineer\n\nZoé hardens containers."
    assert field(embed, "Company") == "Acme"
    sessions = field(embed, "Sessions")
    assert "**Opening keynote: securing containers**" in sessions
    assert "**Closing panel**" in sessions and "<t:" in sessions


async def test_speaker_typed_and_unknown(world):
    res = await world.bob.slash(world.general, "speaker", name="justin")
    assert res.response.embeds[0].title == "Justin Cormack"
    res = await world.bob.slash(world.general, "speaker", name="Nobody Atall")
    assert res.ephemeral
    assert res.response.embeds[0].title == "No speaker matches “Nobody Atall”."
