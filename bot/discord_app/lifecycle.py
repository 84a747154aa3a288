"""Stopping without losing anything: the handlers in flight, the background loops, the signals.

How the bot stops (SIGTERM from ``docker stop`` or systemd, Ctrl-C, or :meth:`close`):

1. the gateway is closed with code 1000, so Discord sends no more events;
2. the handlers still working on a question or a command (:class:`InFlight`) get up to
   :data:`DRAIN_SECONDS` to finish: their answers are sent and logged;
3. the cogs are unloaded: each background loop is cancelled and waited for
   (:func:`stop_loop`), so an announcement claimed but not posted is given back to the store
   before it closes;
4. the HTTP session is closed, then the runner closes the store and exits 0.

A second signal during the drain cancels the handlers still running and goes on with 3 and 4
at once. Nothing acknowledged is lost then either: a question is logged before it is answered
(see :mod:`bot.discord_app.hooks`), and every store write comes before the reply that
confirms it.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from collections.abc import Callable
from typing import Any

import discord
from discord.ext import tasks

log = logging.getLogger(__name__)

DRAIN_SECONDS = 8.0
"""How long a stop waits for handlers in flight. Long enough for a reply over a slow network
(Discord's own request timeouts are shorter), short enough to end within the 10 seconds
``docker stop`` and systemd wait before they kill the process."""

CANCEL_GRACE_SECONDS = 1.0
"""How long cancelled handlers get to run their clean-up (``finally``) on a forced stop."""

LOOP_CLEANUP_SECONDS = 5.0
"""How long a cancelled background loop gets to give back what it claimed (a few database
writes) before the stop goes on without it."""


class InFlight:
    """The tasks handling an attendee's message or interaction right now.

    A handler calls :meth:`track_current` as it starts; the task is forgotten when it ends.
    :meth:`drain` waits for them all (a stop), :meth:`hurry` cancels them (a second signal).
    """

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()
        self._hurry = asyncio.Event()

    def __len__(self) -> int:
        return len(self._tasks)

    def track_current(self) -> None:
        """Count the running task in until it ends (a no-op outside a task)."""
        task = asyncio.current_task()
        if task is None or task in self._tasks:
            return
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self, timeout: float) -> int:
        """Wait until no handler is running, at most ``timeout`` seconds or until
        :meth:`hurry`; cancel the ones left. Returns how many were cancelled."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        hurried = asyncio.ensure_future(self._hurry.wait())
        try:
            while (others := self._others()) and not self._hurry.is_set():
                left = deadline - loop.time()
                if left <= 0:
                    break
                await asyncio.wait(
                    {*others, hurried}, timeout=left, return_when=asyncio.FIRST_COMPLETED
                )
        finally:
            hurried.cancel()
        return await self._cancel_all()

    def _others(self) -> set[asyncio.Task[Any]]:
        """The tracked tasks but the one asking (a handler that stops the bot)."""
        return self._tasks - {asyncio.current_task()}

    def hurry(self) -> None:
        """Stop waiting: the handlers still running are cancelled by :meth:`drain`."""
        self._hurry.set()

    async def _cancel_all(self) -> int:
        running = [task for task in self._others() if not task.done()]
        for task in running:
            task.cancel()
        if running:
            await asyncio.wait(running, timeout=CANCEL_GRACE_SECONDS)
        return len(running)


def track_interaction(interaction: discord.Interaction) -> None:
    """Count the task handling ``interaction`` in the bot's :class:`InFlight` (called from
    the tree's and the views' ``interaction_check``, which run in that task)."""
    in_flight = getattr(interaction.client, "in_flight", None)
    if isinstance(in_flight, InFlight):
        in_flight.track_current()


async def stop_loop(loop: tasks.Loop[Any]) -> None:
    """Cancel a :mod:`discord.ext.tasks` loop and return once its task has ended (at most
    :data:`LOOP_CLEANUP_SECONDS`): what a tick gives back on cancellation (a claimed
    announcement) reaches the store before the store is closed. ``Loop.cancel`` alone
    returns at once, and the store could close under the clean-up."""
    task = loop.get_task()
    loop.cancel()
    if task is not None and not task.done():
        await asyncio.wait({task}, timeout=LOOP_CLEANUP_SECONDS)


class StopSignals:
    """SIGTERM and SIGINT (Ctrl-C) stop the bot the same way: the first calls ``stop``, any
    later one ``hurry``. Installed on the running loop for the duration of a ``with``; where
    the loop cannot handle signals (Windows, a thread), Ctrl-C stays a KeyboardInterrupt."""

    SIGNALS = (signal.SIGINT, signal.SIGTERM)

    def __init__(self, stop: Callable[[], object], hurry: Callable[[], object]) -> None:
        self._stop = stop
        self._hurry = hurry
        self.received: list[str] = []
        self._installed: list[signal.Signals] = []

    def __enter__(self) -> StopSignals:
        loop = asyncio.get_running_loop()
        for sig in self.SIGNALS:
            try:
                loop.add_signal_handler(sig, self._received, sig)
            except (NotImplementedError, RuntimeError, ValueError):
                continue
            self._installed.append(sig)
        return self

    def __exit__(self, *exc_info: object) -> None:
        loop = asyncio.get_running_loop()
        for sig in self._installed:
            with contextlib.suppress(Exception):
                loop.remove_signal_handler(sig)
        self._installed.clear()

    def _received(self, sig: signal.Signals) -> None:
        self.received.append(sig.name)
        if len(self.received) == 1:
            log.info("%s received: stopping (send it again to stop at once)", sig.name)
            self._stop()
        else:
            log.warning("%s received again: stopping at once", sig.name)
            self._hurry()


__all__ = [
    "DRAIN_SECONDS",
    "InFlight",
    "StopSignals",
    "stop_loop",
    "track_interaction",
]
