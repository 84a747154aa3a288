"""Reload the knowledge base when its files change: a polling watcher, no Discord, no threads.

:class:`KnowledgeWatcher` looks at the knowledge directory's ``*.yaml`` files (name, size and
modification time: a cheap fingerprint, no file is read) every ``interval`` seconds. A change
is acted on only once the files have stayed the same for ``debounce`` seconds, so an editor
saving several files, or writing one in several steps, gives one reload, not a burst of
half-written ones; and a load during which the files changed again is thrown away (the next
settled state is loaded instead). The callback then receives either a freshly loaded and validated
:class:`~bot.kb.model.KnowledgeBase` or the :class:`~bot.kb.loader.KnowledgeError` that says
which ``file:line`` is wrong; keeping the running knowledge base on error is the caller's job
(the Discord cog does exactly that).

The clock is injected (``clock``, monotonic seconds), so tests drive :meth:`check` by hand.
:func:`reload_knowledge` is the single "load, never raise" step shared with ``/kb reload``.
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
import logging
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from bot.kb.loader import KnowledgeError, knowledge_files, load_knowledge
from bot.kb.model import KnowledgeBase
from bot.kb.schema import Problem

log = logging.getLogger(__name__)

Fingerprint = tuple[tuple[str, int, int], ...]
ReloadResult = KnowledgeBase | KnowledgeError
ReloadCallback = Callable[[ReloadResult], Awaitable[None] | None]
Reload = Callable[[Path], Awaitable[ReloadResult]]

DEFAULT_INTERVAL = 2.0
DEFAULT_DEBOUNCE = 1.0


def fingerprint(directory: str | Path) -> Fingerprint:
    """``(name, size, mtime_ns)`` of every knowledge file; ``()`` when the directory is gone."""
    path = Path(directory)
    try:
        if not path.is_dir():
            return ()
        out = []
        for file in knowledge_files(path):
            try:
                stat = file.stat()
            except OSError:
                continue  # removed between listing and stat: the next poll sees it
            out.append((file.name, stat.st_size, stat.st_mtime_ns))
        return tuple(out)
    except OSError:
        return ()


def reload_knowledge(
    directory: str | Path, loader: Callable[[Path], KnowledgeBase] = load_knowledge
) -> ReloadResult:
    """Load and validate ``directory``; return the knowledge base or the error, never raise.

    Anything unexpected (a file vanishing mid-read, a bug in validation) becomes a
    :class:`KnowledgeError` too, so a reload can never take the running bot down.
    """
    path = Path(directory)
    try:
        return loader(path)
    except KnowledgeError as error:
        return error
    except Exception as error:  # never let a reload crash the caller
        log.exception("unexpected error while loading the knowledge base from %s", path)
        return KnowledgeError([Problem(str(path), 0, f"could not load: {error!r}")])


class KnowledgeWatcher:
    """Poll ``directory``; after a debounced change, call ``callback`` with the reload result.

    ``callback`` may be a plain function or a coroutine function. Use :meth:`check` from your
    own loop (the Discord cog runs it in a ``tasks.loop``), or :meth:`start`/:meth:`stop` for
    an asyncio task of its own.
    """

    def __init__(
        self,
        directory: str | Path,
        callback: ReloadCallback,
        *,
        interval: float = DEFAULT_INTERVAL,
        debounce: float = DEFAULT_DEBOUNCE,
        clock: Callable[[], float] = time.monotonic,
        loader: Callable[[Path], KnowledgeBase] = load_knowledge,
        reload: Reload | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.callback = callback
        self.interval = max(0.01, float(interval))
        self.debounce = max(0.0, float(debounce))
        self.clock = clock
        self.loader = loader
        # how to load: by default ``loader`` in a worker thread; the bot passes
        # bot.kb.isolated.load_isolated (a child process: nothing can stall its event loop)
        self.reload = reload
        self._seen: Fingerprint = fingerprint(self.directory)
        self._pending: Fingerprint | None = None
        self._pending_since = 0.0
        self._task: asyncio.Task[None] | None = None
        self.reloads = 0

    def reset(self) -> None:
        """Take the files as they are now as the baseline (after a manual ``/kb reload``)."""
        self._seen = fingerprint(self.directory)
        self._pending = None

    def due(self) -> bool:
        """Advance the debounce state; True when a settled change should be reloaded now."""
        now = self.clock()
        current = fingerprint(self.directory)
        if current == self._seen:
            self._pending = None  # changed and changed back: nothing to do
            return False
        if current != self._pending:
            self._pending, self._pending_since = current, now
            return self.debounce <= 0
        return now - self._pending_since >= self.debounce

    async def check(self) -> ReloadResult | None:
        """One poll: reload and call back when a change has settled, else return None."""
        if not self.due():
            return None
        settled = self._pending
        if self.reload is not None:
            result = await self.reload(self.directory)
        else:
            result = await asyncio.to_thread(reload_knowledge, self.directory, self.loader)
        after = fingerprint(self.directory)
        if settled is not None and after != settled:
            # written to while loading (a save still going on): not stable, wait again
            self._pending, self._pending_since = after, self.clock()
            return None
        self._seen = settled if settled is not None else after
        self._pending = None
        self.reloads += 1
        try:
            outcome = self.callback(result)
            if inspect.isawaitable(outcome):
                await outcome
        except Exception:
            log.exception("knowledge watcher callback failed for %s", self.directory)
        return result

    async def run(self) -> None:
        """Poll forever, every ``interval`` seconds."""
        while True:
            try:
                await self.check()
            except Exception:  # a poll must never end the loop
                log.exception("knowledge watcher poll failed for %s", self.directory)
            await asyncio.sleep(self.interval)

    def start(self) -> asyncio.Task[None]:
        if self._task is None or self._task.done():
            self._task = asyncio.get_running_loop().create_task(self.run())
        return self._task

    async def stop(self) -> None:
        task, self._task = self._task, None
        if task is not None and not task.done():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()


__all__ = [
    "KnowledgeWatcher",
    "ReloadResult",
    "fingerprint",
    "reload_knowledge",
]
