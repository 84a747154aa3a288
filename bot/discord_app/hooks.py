"""Hooks other features plug into, without touching the cogs.

Every question (free text, ``/ask``) becomes a :class:`QuestionEvent` passed to each listener
in ``bot.question_listeners`` *before* the reply is sent: the question log (a listener) has
committed the question by the time the attendee sees an answer, so a stop at any moment
never leaves an answered question out of the log. A listener may return a
:data:`ReplyLink`, called with the reply's message id once it is sent (the log keeps it for
ratings). A listener that fails is logged, never raised, so it can never stop an answer.
No Discord import here.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.answer.engine import Answer

QuestionSource = Literal["free-text", "slash", "console"]


@dataclass(frozen=True)
class QuestionEvent:
    """One question and what the bot answered.

    ``message_id`` is the question's own message (free text) or the interaction id (slash).
    ``latency_ms`` is the time the engine took to answer.
    """

    source: QuestionSource
    text: str
    answer: Answer
    latency_ms: float
    at: datetime
    language: str
    guild_id: int | None = None
    channel_id: int | None = None
    user_id: int | None = None
    message_id: int | None = None

    @property
    def answered(self) -> bool:
        return self.answer.answered


ReplyLink = Callable[[int], Awaitable[object]]
"""Called with the id of the bot's reply to a question, once it is sent."""

QuestionListener = Callable[[QuestionEvent], Awaitable[ReplyLink | None]]


def _describe(event: QuestionEvent) -> str:
    return (
        f"source={event.source}, guild={event.guild_id}, channel={event.channel_id}, "
        f"message={event.message_id}"
    )


async def notify_listeners(
    listeners: Iterable[QuestionListener], event: QuestionEvent, logger: logging.Logger
) -> list[ReplyLink]:
    """Call every listener in turn; log (with context) and swallow any failure. Returns the
    reply links they gave."""
    links: list[ReplyLink] = []
    for listener in list(listeners):
        try:
            link = await listener(event)
        except Exception:
            logger.exception(
                "question listener %r failed (%s)",
                getattr(listener, "__qualname__", listener),
                _describe(event),
            )
            continue
        if link is not None:
            links.append(link)
    return links


class PublishedQuestion:
    """A question handed to the listeners (their work goes on in its own task, so a slow
    database never holds the answer back for long): :meth:`replied` links the reply."""

    def __init__(self, work: asyncio.Future[list[ReplyLink]], event: QuestionEvent) -> None:
        self._work = work
        self.event = event

    async def settled(self, timeout: float) -> bool:
        """Wait up to ``timeout`` seconds for every listener; whether they all finished."""
        try:
            await asyncio.wait_for(asyncio.shield(self._work), timeout)
        except TimeoutError:
            return False
        return True

    async def replied(self, reply_message_id: int | None, logger: logging.Logger) -> None:
        """Wait for the listeners, then give them the reply's id (``None``: no reply was
        sent). Failures are logged, never raised."""
        links = await self._work
        if reply_message_id is None:
            return
        for link in links:
            try:
                await link(reply_message_id)
            except Exception:
                logger.exception(
                    "could not link reply %s to its question (%s)",
                    reply_message_id,
                    _describe(self.event),
                )


__all__ = [
    "PublishedQuestion",
    "QuestionEvent",
    "QuestionListener",
    "QuestionSource",
    "ReplyLink",
    "notify_listeners",
]
