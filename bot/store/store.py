"""The SQLite store: question log, ratings, scheduled announcements, reminders.

One :class:`Store` per process, opened once (``await Store.open(...)`` in ``setup_hook``) and
closed on shutdown (``await store.close()``). Every database call runs on aiosqlite's worker
thread, so nothing here blocks the event loop.

This module opens and closes the store and runs its question writer; the connection and its
transactions are in :mod:`bot.store.connection`, each concern is a mixin in its own module
(listed in ``docs/database.md``).

Durability contract: ``await store.log_question(...)`` returns only after the row is committed.
Questions are written by one writer task in batches (one transaction per batch: group commit),
so many concurrent callers share each commit. The database runs in WAL mode, so a killed
process (SIGKILL, crash, OOM) loses nothing that was committed. With the default
``synchronous="FULL"`` a commit is also fsynced, so a power cut or OS crash loses nothing
committed either; group commit makes that one fsync per batch, not per
question (see ``docs/database.md`` for the measured cost). ``synchronous="NORMAL"`` skips that
fsync: a process kill still loses nothing, but an OS crash may lose the last transactions (the
database stays consistent). A batch that finds the database locked by another process past the
busy timeout is kept and retried for up to :data:`LOCK_RETRY_SECONDS` before its callers get
a :class:`StoreError`: a brief lock delays questions, it does not lose them.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import sqlite3
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

import aiosqlite

from bot.store.connection import Synchronous, guarded
from bot.store.errors import StoreError, classify
from bot.store.meta import Meta
from bot.store.models import SOURCES, Clock, to_db_time, utc_now
from bot.store.opening import (
    close_quietly,
    connect,
    prepare,
    quiet_driver_log,
    require_file,
    resolve_secret,
)
from bot.store.question_log import QuestionLog
from bot.store.question_stats import QuestionStatistics
from bot.store.reminder_claims import ReminderClaims
from bot.store.retention import Retention
from bot.store.schedule_changes import ScheduleChanges
from bot.store.scheduled_announcements import ScheduledAnnouncements
from bot.store.subscriptions import Subscriptions

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

LOCK_RETRY_SECONDS = 30.0
"""How long a batch of questions is kept and retried while another process holds the database
locked (past the busy timeout), before its callers get a :class:`StoreError`."""
LOCK_RETRY_FIRST_PAUSE = 0.05
LOCK_RETRY_MAX_PAUSE = 1.0

MAX_TEXT_CHARS = 4000
"""Longer question texts are cut (Discord messages are at most 4,000 characters)."""

_QUESTION_COLUMNS = (
    "asked_at, guild_id, channel_id, source, user_key, user_id, text, matched_kind, "
    "matched_id, score, answered, alternatives, latency_ms, message_id"
)
_INSERT_QUESTION = (
    f"INSERT INTO questions ({_QUESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)

_Waiter = tuple[tuple[Any, ...], asyncio.Future[int]]
"""A question row queued for the writer, and the future its caller awaits."""


class Store(
    QuestionLog,
    QuestionStatistics,
    ScheduledAnnouncements,
    ScheduleChanges,
    ReminderClaims,
    Subscriptions,
    Retention,
    Meta,
):
    """The bot's database. Build it with :meth:`open` or :meth:`from_settings`.

    Times in and out are aware datetimes (stored as UTC). Users are passed as Discord user ids
    and stored as pseudonymous keys (:meth:`user_key`); the raw id is stored only for questions
    when ``store_raw_user_ids`` is set, and for reminder subscriptions (a DM needs it).
    """

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: Path,
        *,
        secret: str,
        key_problem: str | None = None,
        store_raw_user_ids: bool,
        retention_days: int,
        clock: Clock,
        max_batch: int,
        schema_version: int,
        lock_retry: float = LOCK_RETRY_SECONDS,
        busy_timeout: float = 5.0,
        synchronous: Synchronous = "FULL",
    ) -> None:
        super().__init__(
            conn,
            path,
            secret=secret,
            key_problem=key_problem,
            clock=clock,
            busy_timeout=busy_timeout,
            synchronous=synchronous,
        )
        self.store_raw_user_ids = store_raw_user_ids
        self.retention_days = retention_days
        self.schema_version = schema_version
        self._max_batch = max_batch
        self._lock_retry = lock_retry
        self._pending: list[_Waiter] = []
        self._wake = asyncio.Event()
        self._closing = False
        self._writer: asyncio.Task[None] | None = None
        self._maintenance: asyncio.Task[None] | None = None

    # ------------------------------------------------------------------ lifecycle

    @classmethod
    async def open(
        cls,
        path: str | Path,
        *,
        user_key_secret: str = "",
        store_raw_user_ids: bool = False,
        retention_days: int = 90,
        clock: Clock | None = None,
        busy_timeout: float = 5.0,
        synchronous: Synchronous = "FULL",
        create: bool = True,
        max_batch: int = 1000,
        maintenance_interval: float | None = 6 * 3600.0,
        lock_retry: float = LOCK_RETRY_SECONDS,
        require_key: bool = True,
    ) -> Self:
        """Open (creating it if ``create``) and migrate the database at ``path``.

        Raises :class:`StoreError` with a message saying what to fix when the database is
        missing (``create=False``), locked by another process (after ``busy_timeout``
        seconds), read-only, not a database or corrupt, from a newer version of the bot, or
        another program's database. An existing file is never deleted, reset or rewritten
        in those cases.

        ``maintenance_interval``: seconds between retention purges run in the background
        (first one right after opening); ``None`` disables them (call :meth:`purge_expired`).

        ``lock_retry``: seconds a batch of questions is kept and retried while the database is
        locked by another process, before :meth:`log_question` fails (0: fail at once).

        User keys: the database remembers which secret its keys are made with (the generated
        one itself, or a check value of ``user_key_secret``) and never changes it. When the
        configured secret disagrees, or none is configured for a database keyed with one,
        ``require_key`` makes opening fail (``kind="key"``); without it the store opens for
        what needs no key (reports) and :meth:`user_key` (erasure...) raises instead.
        """
        path = Path(path)
        quiet_driver_log()
        if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"synchronous: expected NORMAL or FULL, got {synchronous!r}")
        if retention_days < 1:
            raise ValueError(f"retention_days: expected at least 1, got {retention_days}")
        require_file(path, create=create)
        conn = await connect(path, busy_timeout)
        try:
            version = await prepare(conn, path, synchronous)
            secret, key_problem = await resolve_secret(conn, path, user_key_secret, create)
            if key_problem is not None and require_key:
                raise StoreError("key", key_problem, path)
        except BaseException as exc:
            await close_quietly(conn)
            if isinstance(exc, sqlite3.Error | OSError):
                raise classify(exc, path, opening=True) from exc
            raise
        store = cls(
            conn,
            path,
            secret=secret,
            key_problem=key_problem,
            store_raw_user_ids=store_raw_user_ids,
            retention_days=retention_days,
            clock=clock or utc_now,
            max_batch=max_batch,
            schema_version=version,
            lock_retry=lock_retry,
            busy_timeout=busy_timeout,
            synchronous=synchronous,
        )
        store._writer = asyncio.create_task(store._run_writer(), name="store-writer")
        store._writer.add_done_callback(store._writer_done)
        if maintenance_interval is not None:
            store._maintenance = asyncio.create_task(
                store._run_maintenance(maintenance_interval), name="store-maintenance"
            )
        return store

    @classmethod
    async def from_settings(
        cls, settings: Settings, *, clock: Clock | None = None, **options: Any
    ) -> Self:
        """:meth:`open` with ``DATABASE_PATH``, ``USER_KEY_SECRET``, ``STORE_RAW_USER_IDS`` and
        ``RETENTION_DAYS`` from the settings; ``options`` go to :meth:`open`."""
        return await cls.open(
            settings.database_path,
            user_key_secret=settings.user_key_secret,
            store_raw_user_ids=settings.store_raw_user_ids,
            retention_days=settings.retention_days,
            clock=clock,
            **options,
        )

    async def close(self) -> None:
        """Write what is queued, stop the background tasks and close the database. Idempotent."""
        if self._closed:
            return
        self._closed = True
        if self._maintenance is not None:
            self._maintenance.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._maintenance
        self._closing = True
        self._wake.set()
        if self._writer is not None:
            with contextlib.suppress(Exception):
                await self._writer
        async with self._write_lock:
            with contextlib.suppress(Exception):
                await self._conn.execute("PRAGMA optimize")
            await close_quietly(self._conn)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    # ------------------------------------------------------------------ the question writer

    @guarded
    async def log_question(
        self,
        *,
        text: str,
        source: str,
        answered: bool,
        guild_id: int | None = None,
        channel_id: int | None = None,
        user_id: int | None = None,
        matched_kind: str | None = None,
        matched_id: str | None = None,
        score: float | None = None,
        alternatives: Sequence[str] = (),
        latency_ms: float | None = None,
        message_id: int | None = None,
        asked_at: datetime | None = None,
    ) -> int:
        """Log one question; returns its id once the row is committed (see the module doc).

        ``source``: ``text`` (a message), ``ask`` (``/ask``) or ``console``. ``answered``:
        ``False`` when the bot refused. ``alternatives``: what was offered instead, as
        ``"kind:id"`` strings. ``user_id`` is stored as a pseudonymous key (and raw only with
        ``store_raw_user_ids``). ``asked_at`` defaults to the clock.
        """
        if source not in SOURCES:
            raise ValueError(f"source: expected one of {sorted(SOURCES)}, got {source!r}")
        when = to_db_time(asked_at if asked_at is not None else self.now(), "asked_at")
        key = None if user_id is None else self.user_key(user_id)
        raw = int(user_id) if user_id is not None and self.store_raw_user_ids else None
        row = (
            when,
            None if guild_id is None else int(guild_id),
            None if channel_id is None else int(channel_id),
            source,
            key,
            raw,
            str(text)[:MAX_TEXT_CHARS],
            matched_kind,
            matched_id,
            None if score is None else float(score),
            1 if answered else 0,
            json.dumps([str(a) for a in alternatives], ensure_ascii=False),
            None if latency_ms is None else float(latency_ms),
            None if message_id is None else int(message_id),
        )
        future: asyncio.Future[int] = asyncio.get_running_loop().create_future()
        self._pending.append((row, future))
        self._wake.set()
        return await future

    async def _run_writer(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._pending:
                batch = self._pending[: self._max_batch]
                del self._pending[: self._max_batch]
                await self._write_batch(batch)
            if self._closing:
                return

    async def _insert_questions(self, rows: list[tuple[Any, ...]]) -> int:
        """Insert ``rows`` in one transaction; returns the last id."""
        async with self._transaction() as conn:
            await conn.executemany(_INSERT_QUESTION, rows)
            last = (await self._fetchall("SELECT last_insert_rowid()"))[0][0]
        return int(last)

    async def _write_batch(self, batch: list[_Waiter]) -> None:
        """Commit one batch of questions. While the database is locked by another process
        (past the busy timeout) the batch is kept and retried with a growing pause, for up to
        ``lock_retry`` seconds in all; only then, or on any other error, do its callers get a
        :class:`StoreError`."""
        rows = [row for row, _ in batch]
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self._lock_retry
        pause = LOCK_RETRY_FIRST_PAUSE
        attempts = 0
        while True:
            attempts += 1
            try:
                last = await self._insert_questions(rows)
                break
            except Exception as exc:
                error = classify(exc, self.path)
                left = deadline - loop.time()
                if error.kind == "locked" and left > 0:
                    if attempts == 1:
                        log.warning(
                            "database locked: keeping %d question(s) and retrying for up to "
                            "%g s (%s)",
                            len(batch),
                            self._lock_retry,
                            error,
                        )
                    await asyncio.sleep(min(pause, left))
                    pause = min(pause * 2, LOCK_RETRY_MAX_PAUSE)
                    continue
                log.error(
                    "could not log %d question(s)%s: %s",
                    len(batch),
                    f" after {attempts} attempts" if attempts > 1 else "",
                    error,
                )
                for _, future in batch:
                    if not future.done():  # one exception object per waiter: tracebacks differ
                        future.set_exception(StoreError(error.kind, str(error), error.path))
                return
        if attempts > 1:
            log.info(
                "database unlocked: logged %d question(s) after %d attempts", len(batch), attempts
            )
        # AUTOINCREMENT ids are consecutive within one statement run under the write lock.
        first = last - len(rows) + 1
        for offset, (_, future) in enumerate(batch):
            if not future.done():
                future.set_result(first + offset)

    def _writer_done(self, task: asyncio.Task[None]) -> None:
        error = StoreError("closed", f"the question writer for {self.path} stopped", self.path)
        if not task.cancelled() and task.exception() is not None:
            log.error("question writer failed", exc_info=task.exception())
        self._closed = True
        pending, self._pending = self._pending, []
        for _, future in pending:
            if not future.done():
                future.set_exception(error)

    async def _run_maintenance(self, interval: float) -> None:
        while True:
            try:
                report = await self.purge_expired()
                if report.total:
                    log.info(
                        "retention: deleted %d question(s), %d announcement(s), %d reminder(s), "
                        "%d subscription(s) older than %s",
                        report.questions,
                        report.announcements,
                        report.reminders,
                        report.subscriptions,
                        report.cutoff.isoformat(),
                    )
            except StoreError as exc:
                log.error("retention purge failed: %s", exc)
            await asyncio.sleep(interval)
