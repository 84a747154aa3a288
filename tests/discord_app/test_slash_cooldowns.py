"""``/ask`` and ``/session ics`` have per-user cooldowns (``app_commands.checks.cooldown``)
with a private, localised "try again in N s"; a refused ``/ask`` is still logged."""

from __future__ import annotations

import re

import pytest
from discord import app_commands

from bot.discord_app.cooldown import ASK_RATE, ICS_RATE
from bot.discord_app.factory import EventBot, create_bot
from bot.store import Store


@pytest.fixture
def simcord_bot(settings, kb, clock, store) -> EventBot:
    return create_bot(settings, kb, clock=clock, store=store)


def refusal(result) -> str:
    assert result.ephemeral
    return result.response.embeds[0].description


async def test_ask_cooldown_is_per_user_says_when_and_logs_the_question(
    world, store: Store, locale
) -> None:
    for _ in range(ASK_RATE):
        ok = await world.bob.slash(world.general, "ask", question="is there wifi?")
        assert ok.response.embeds[0].title == "Is there wifi?"
    refused = await world.bob.slash(world.general, "ask", question="and the coffee?")
    text = refusal(refused)
    seconds = int(re.search(r"in (\d+) s", text).group(1))
    assert 1 <= seconds <= 30
    locale("fr")
    assert "réutiliser cette commande dans" in refusal(
        await world.bob.slash(world.general, "ask", question="encore ?")
    )
    other = await world.alice.slash(world.general, "ask", question="is there wifi?")
    assert other.response.embeds[0].title == "Is there wifi?", "another user is not limited"
    logged = await store.questions()
    assert [q.text for q in logged][-3:] == ["and the coffee?", "encore ?", "is there wifi?"]
    assert [q.answered for q in logged][-3:] == [False, False, True]
    assert {type(e) for e in world.env.errors} == {app_commands.CommandOnCooldown}


async def test_session_ics_cooldown(world) -> None:
    for _ in range(ICS_RATE):
        result = await world.bob.slash(world.general, "session ics")
        assert result.followups or result.response.attachments
    assert "again in" in refusal(await world.bob.slash(world.general, "session ics"))
    assert {type(e) for e in world.env.errors} == {app_commands.CommandOnCooldown}
