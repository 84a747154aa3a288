"""The console's question log: the same SQLite store as the bot, source ``console``.

The console is synchronous (it reads stdin line by line); the store is asyncio. A private
event loop runs each write to completion, so every answered question is committed before
the next prompt. A database that cannot be opened is reported once and the console carries
on without a log: trying the bot must never fail because of it.
"""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.answer.engine import Answer
from bot.settings import Settings
from bot.store import Store, StoreError


class ConsoleLog:
    """Logs console questions; use as a context manager."""

    def __init__(self, settings: Settings, stderr: TextIO = sys.stderr) -> None:
        self.settings = settings
        self.stderr = stderr
        self.store: Store | None = None
        self._runner = asyncio.Runner()

    def __enter__(self) -> ConsoleLog:
        try:
            self.store = self._runner.run(
                Store.from_settings(self.settings, maintenance_interval=None)
            )
        except StoreError as exc:
            print(f"warning: questions are not logged: {exc}", file=self.stderr)
        return self

    def log(self, question: str, answer: Answer, latency_ms: float) -> None:
        if self.store is None:
            return
        try:
            self._runner.run(
                self.store.log_question(
                    text=question,
                    source="console",
                    answered=answer.answered,
                    matched_kind=answer.kind if answer.answered else None,
                    matched_id=answer.id if answer.answered else None,
                    score=answer.score,
                    alternatives=[f"{a.kind}:{a.id}" for a in answer.alternatives],
                    latency_ms=latency_ms,
                )
            )
        except StoreError as exc:
            print(f"warning: question not logged: {exc}", file=self.stderr)
            self.store = None

    def __exit__(self, *exc_info: object) -> None:
        try:
            if self.store is not None:
                self._runner.run(self.store.close())
        finally:
            self._runner.close()
