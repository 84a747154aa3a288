"""Hooks other features plug into, without touching the cogs.

Every answered question (free text, ``/ask``, and later the console) becomes a
:class:`QuestionEvent` passed to each listener in ``bot.question_listeners`` after the reply
was sent. The question log registers one; a listener that fails is logged, never raised, so
it can never stop an answer. No Discord import here.
"""

from __future__ import annotations

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

    ``message_id`` is the question's own message (free text) or the interaction id (slash);
    ``reply_message_id`` is the bot's answer message, when known (to attach ratings later).
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
    reply_message_id: int | None = None

    @property
    def answered(self) -> bool:
        return self.answer.answered


QuestionListener = Callable[[QuestionEvent], Awaitable[None]]


async def notify_listeners(
    listeners: Iterable[QuestionListener], event: QuestionEvent, logger: logging.Logger
) -> None:
    """Call every listener in turn; log (with context) and swallow any failure."""
    for listener in list(listeners):
        try:
            await listener(event)
        except Exception:
            logger.exception(
                "question listener %r failed (source=%s, guild=%s, channel=%s, message=%s)",
                getattr(listener, "__qualname__", listener),
                event.source,
                event.guild_id,
                event.channel_id,
                event.message_id,
            )


__all__ = ["QuestionEvent", "QuestionListener", "QuestionSource", "notify_listeners"]
