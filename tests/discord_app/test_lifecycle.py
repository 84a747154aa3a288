"""The parts of a stop that need no process: handlers in flight and background loops."""

from __future__ import annotations

import asyncio

from discord.ext import tasks

from bot.discord_app.lifecycle import InFlight, stop_loop


async def test_drain_waits_for_every_handler_in_flight() -> None:
    in_flight = InFlight()
    finished = []

    async def handler(seconds: float) -> None:
        in_flight.track_current()
        await asyncio.sleep(seconds)
        finished.append(seconds)

    handlers = [asyncio.create_task(handler(s)) for s in (0.01, 0.05)]
    await asyncio.sleep(0)
    assert len(in_flight) == 2
    assert await in_flight.drain(timeout=5) == 0
    assert sorted(finished) == [0.01, 0.05] and len(in_flight) == 0
    await asyncio.gather(*handlers)


async def test_drain_cancels_what_outlives_the_timeout_or_a_hurry() -> None:
    in_flight = InFlight()
    cleaned = []

    async def stuck() -> None:
        in_flight.track_current()
        try:
            await asyncio.sleep(3600)
        finally:
            cleaned.append(True)

    task = asyncio.create_task(stuck())
    await asyncio.sleep(0)
    assert await in_flight.drain(timeout=0.05) == 1
    assert task.cancelled() and cleaned == [True]

    task = asyncio.create_task(stuck())
    await asyncio.sleep(0)
    drain = asyncio.create_task(in_flight.drain(timeout=3600))
    await asyncio.sleep(0.01)
    assert not drain.done()
    in_flight.hurry()
    assert await asyncio.wait_for(drain, 2) == 1
    assert task.cancelled()


async def test_stop_loop_returns_once_the_tick_cleaned_up() -> None:
    given_back = []

    @tasks.loop(seconds=60)
    async def scheduler() -> None:
        try:
            await asyncio.sleep(3600)  # a post that hangs
        except asyncio.CancelledError:
            await asyncio.sleep(0.01)  # a database write giving the claim back
            given_back.append(True)
            raise

    scheduler.start()
    await asyncio.sleep(0.01)
    await stop_loop(scheduler)
    assert given_back == [True]
    assert not scheduler.is_running()
