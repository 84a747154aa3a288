"""The running bot writes its heartbeat every 30 s (virtual time), and that it stopped."""

from __future__ import annotations

import discord
import pytest

from bot.discord_app.factory import EventBot, create_bot
from bot.store import Store
from bot.store.heartbeat import KEY, Heartbeat, assess


@pytest.fixture
def simcord_bot(request, settings, kb, clock, store) -> EventBot:
    marker = request.node.get_closest_marker("bot")
    options = {"store": store, "heartbeat": True, **(marker.kwargs if marker else {})}
    return create_bot(settings, kb, clock=clock, **options)


async def beat(store: Store) -> Heartbeat:
    text = await store.get_meta(KEY)
    assert text is not None
    return Heartbeat.from_json(text)


async def test_heartbeat_every_30_seconds_then_stopped(world, store: Store) -> None:
    first = await beat(store)
    assert first.connected and not first.stopped
    assert first.entries == len(world.bot.kb) and first.knowledge == "TestConf 2030"
    assert assess(first, discord.utils.utcnow())[0]
    await world.env.advance_time(31)
    second = await beat(store)
    assert second.at > first.at and assess(second, discord.utils.utcnow())[0]
    await world.env.advance_time(30 * 4)
    assert (discord.utils.utcnow() - (await beat(store)).at).total_seconds() <= 30
    cog = world.bot.get_cog("HealthCog")
    await world.bot.remove_cog("HealthCog")  # what closing the bot does
    last = await beat(store)
    assert last.stopped and not last.connected and cog.beats >= 6
    healthy, why = assess(last, discord.utils.utcnow())
    assert not healthy and "stopped" in why


@pytest.mark.bot(store=None)
async def test_a_bot_without_a_store_writes_nothing(simcord_env) -> None:
    cog = simcord_env.bot.get_cog("HealthCog")
    assert cog is not None and not cog.beat.is_running()


@pytest.mark.bot(heartbeat=False)
async def test_no_heartbeat_unless_asked(simcord_env, store: Store) -> None:
    await simcord_env.advance_time(60)
    assert await store.get_meta(KEY) is None
