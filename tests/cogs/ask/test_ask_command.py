"""``/ask``, through simcord (free-text questions: :mod:`test_free_text`)."""

from __future__ import annotations

from simcord_checks import labels


async def test_ask(world):
    res = await world.bob.slash(world.general, "ask", question="where is the linuxkit talk?")
    assert not res.ephemeral
    assert res.response.embeds[0].title == "Docker's new LinuxKit"


async def test_ask_unsure_offers_buttons(world):
    res = await world.bob.slash(world.general, "ask", question="pipelines and mesh")
    assert res.response.embeds[0].title == "Sorry, I don't know that."
    assert labels(res.response) == ["Continuous delivery pipelines", "Service mesh in practice"]


async def test_ask_in_french(world, french):
    res = await world.bob.slash(world.general, "ask", question="wifi")
    (embed,) = res.response.embeds
    assert embed.title == "Y a-t-il du wifi ?"
    res = await world.bob.slash(world.general, "ask", question="is there wifi at the venue?")
    assert res.response.embeds[0].title == "Is there wifi?"


async def test_ask_refuses_long_questions(world):
    res = await world.bob.slash(world.general, "ask", question="where " * 100)
    assert res.ephemeral
    assert "too long" in res.response.embeds[0].description
