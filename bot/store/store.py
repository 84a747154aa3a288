"""The SQLite store: question log, ratings, scheduled announcements, reminders.

One :class:`Store` per process, opened once (``await Store.open(...)`` in ``setup_hook``) and
closed on shutdown (``await store.close()``). Every database call runs on aiosqlite's worker
thread, so nothing here blocks the event loop.

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
import csv
import json
import logging
import secrets
import sqlite3
from collections.abc import AsyncIterator, Iterator, Mapping, Sequence
from datetime import UTC, datetime, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Self, TextIO

import aiosqlite

from bot.store.errors import StoreError, classify
from bot.store.keys import key_check, new_secret, user_key
from bot.store.models import (
    SOURCES,
    AnnouncedSlot,
    Announcement,
    Clock,
    ErasureReport,
    PurgeReport,
    Question,
    QuestionStats,
    TopEntry,
    UnansweredGroup,
    from_db_time,
    maybe_time,
    require_aware,
    to_db_time,
    utc_now,
)
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION
from bot.store.similar import DEFAULT_THRESHOLD, group_similar
from bot.store.vanished import (
    copy_open_database,
    copy_to_partial,
    file_identity,
    publish,
    recovered_path,
    remove_stale_sidecars,
)
from bot.textfold import printable

if TYPE_CHECKING:
    from bot.settings import Settings

log = logging.getLogger(__name__)

Synchronous = Literal["OFF", "NORMAL", "FULL", "EXTRA"]

LOCK_RETRY_SECONDS = 30.0
"""How long a batch of questions is kept and retried while another process holds the database
locked (past the busy timeout), before its callers get a :class:`StoreError`."""
LOCK_RETRY_FIRST_PAUSE = 0.05
LOCK_RETRY_MAX_PAUSE = 1.0

REMINDER_TAKEOVER_AFTER = timedelta(seconds=20)
"""An unconfirmed reminder claim younger than this may still be in flight in another
process: it is left alone."""
REMINDER_TAKEOVER_BEFORE = timedelta(minutes=2)
"""An unconfirmed reminder claim older than this is not sent again: Discord only remembers a
nonce for a few minutes, so a second send might post twice."""

MAX_TEXT_CHARS = 4000
"""Longer question texts are cut (Discord messages are at most 4,000 characters)."""

ERASED_KEY = "erased"
"""Replaces an erased user's key on announcements they authored."""

_SECRET_META_KEY = "user_key_secret"
_CHECK_META_KEY = "user_key_check"
_SCHEDULE_BASELINE_KEY = "schedule_baseline"
_PURGE_CHUNK = 5000

_QUESTION_COLUMNS = (
    "asked_at, guild_id, channel_id, source, user_key, user_id, text, matched_kind, "
    "matched_id, score, answered, alternatives, latency_ms, message_id"
)
_INSERT_QUESTION = (
    f"INSERT INTO questions ({_QUESTION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_SELECT_QUESTION = """
    SELECT q.id, q.asked_at, q.guild_id, q.channel_id, q.source, q.user_key, q.user_id, q.text,
           q.matched_kind, q.matched_id, q.score, q.answered, q.alternatives, q.latency_ms,
           q.message_id, q.reply_message_id,
           COALESCE(r.helpful, 0), COALESCE(r.not_helpful, 0)
    FROM questions AS q
    LEFT JOIN (
        SELECT question_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful
        FROM ratings GROUP BY question_id
    ) AS r ON r.question_id = q.id
"""
_SELECT_ANNOUNCEMENT = (
    "SELECT id, guild_id, channel_id, author_key, text, ping_role_id, due_at, status, "
    "created_at, posted_at, posted_message_id, claim_token FROM announcements"
)
_ANNOUNCEMENT_RETURNING = (
    "RETURNING id, guild_id, channel_id, author_key, text, ping_role_id, due_at, status, "
    "created_at, posted_at, posted_message_id, claim_token"
)

CSV_COLUMNS: tuple[str, ...] = (
    "id",
    "asked_at",
    "guild_id",
    "channel_id",
    "source",
    "user_key",
    "user_id",
    "text",
    "answered",
    "matched_kind",
    "matched_id",
    "score",
    "alternatives",
    "latency_ms",
    "message_id",
    "reply_message_id",
    "helpful",
    "not_helpful",
)


def _question(row: Sequence[Any]) -> Question:
    return Question(
        id=row[0],
        asked_at=from_db_time(row[1]),
        guild_id=row[2],
        channel_id=row[3],
        source=row[4],
        user_key=row[5],
        user_id=row[6],
        text=row[7],
        matched_kind=row[8],
        matched_id=row[9],
        score=row[10],
        answered=bool(row[11]),
        alternatives=tuple(json.loads(row[12] or "[]")),
        latency_ms=row[13],
        message_id=row[14],
        reply_message_id=row[15],
        helpful=row[16],
        not_helpful=row[17],
    )


def _announcement(row: Sequence[Any]) -> Announcement:
    return Announcement(
        id=row[0],
        guild_id=row[1],
        channel_id=row[2],
        author_key=row[3],
        text=row[4],
        ping_role_id=row[5],
        due_at=from_db_time(row[6]),
        status=row[7],
        created_at=from_db_time(row[8]),
        posted_at=maybe_time(row[9]),
        posted_message_id=row[10],
        claim_token=row[11],
    )


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements (``executescript`` would commit half-way)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]!r}")


def _csv_cell(value: Any) -> Any:
    """Attendee-written text made safe for a spreadsheet and a terminal (``--csv -``): control
    characters removed (line feeds and tabs kept), then a leading ``'`` before what a
    spreadsheet would run as a formula."""
    if not isinstance(value, str):
        return value
    value = printable(value, keep_lines=True)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def write_csv(questions: Sequence[Question], out: TextIO) -> int:
    """Write ``questions`` as CSV (header :data:`CSV_COLUMNS`, times in UTC ISO-8601)."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for q in questions:
        writer.writerow(
            [
                q.id,
                q.asked_at.isoformat(),
                q.guild_id,
                q.channel_id,
                q.source,
                q.user_key,
                q.user_id,
                _csv_cell(q.text),
                int(q.answered),
                q.matched_kind,
                q.matched_id,
                q.score,
                " ".join(q.alternatives),
                q.latency_ms,
                q.message_id,
                q.reply_message_id,
                q.helpful,
                q.not_helpful,
            ]
        )
    return len(questions)


def _where(
    since: datetime | None,
    until: datetime | None,
    guild_id: int | None,
    alias: str = "",
) -> tuple[str, list[Any]]:
    """A ``WHERE`` clause (always present, ``1`` when unconstrained) and its parameters."""
    prefix = f"{alias}." if alias else ""
    clauses: list[str] = []
    params: list[Any] = []
    if since is not None:
        clauses.append(f"{prefix}asked_at >= ?")
        params.append(to_db_time(since, "since"))
    if until is not None:
        clauses.append(f"{prefix}asked_at < ?")
        params.append(to_db_time(until, "until"))
    if guild_id is not None:
        clauses.append(f"{prefix}guild_id = ?")
        params.append(int(guild_id))
    return " WHERE " + (" AND ".join(clauses) or "1"), params


def _quiet_driver_log() -> None:
    """aiosqlite logs every call with its SQL parameters at DEBUG: the user-key secret,
    question texts, raw user ids of subscriptions. Never let those lines through, whatever
    the root level (``LOG_LEVEL=DEBUG`` included)."""
    driver = logging.getLogger("aiosqlite")
    if driver.getEffectiveLevel() < logging.INFO or driver.level == logging.NOTSET:
        driver.setLevel(logging.INFO)


async def _close_quietly(conn: aiosqlite.Connection) -> None:
    with contextlib.suppress(Exception):
        await conn.close()


class Store:
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
        self._conn = conn
        self.path = path
        self._secret = secret
        self.key_problem = key_problem
        self.store_raw_user_ids = store_raw_user_ids
        self.retention_days = retention_days
        self._clock = clock
        self._max_batch = max_batch
        self.schema_version = schema_version
        self._lock_retry = lock_retry
        self._busy_timeout = busy_timeout
        self._synchronous: Synchronous = synchronous
        self._identity = file_identity(path)
        self._pending: list[tuple[tuple[Any, ...], asyncio.Future[int]]] = []
        self._wake = asyncio.Event()
        self._write_lock = asyncio.Lock()
        self._closing = False
        self._closed = False
        self._writer: asyncio.Task[None] | None = None
        self._maintenance: asyncio.Task[None] | None = None
        # marks what this store instance claims (announcements, schedule changes), so a claim
        # left by a process that stopped before posting can be told from one in flight here
        self.claim_token = secrets.token_hex(8)

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
        _quiet_driver_log()
        if synchronous not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"synchronous: expected NORMAL or FULL, got {synchronous!r}")
        if retention_days < 1:
            raise ValueError(f"retention_days: expected at least 1, got {retention_days}")
        if path.is_dir():
            raise StoreError("io", f"database path {path} is a directory, expected a file", path)
        if not path.exists():
            if not create:
                raise StoreError(
                    "missing",
                    f"no database at {path}: the bot creates it on its first run; "
                    f"check DATABASE_PATH (or --database)",
                    path,
                )
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(
                    "read-only",
                    f"cannot create the directory {path.parent} for the database: "
                    f"{exc.strerror}: check permissions or set DATABASE_PATH",
                    path,
                ) from exc
        pending = aiosqlite.connect(path, isolation_level=None, timeout=busy_timeout)
        try:
            conn = await pending
        except (sqlite3.Error, OSError) as exc:
            # aiosqlite stops its worker thread on failure; let it finish before returning,
            # or it reports to an event loop that ``asyncio.run`` may already have closed.
            worker = getattr(pending, "_thread", None)
            if worker is not None:
                await asyncio.to_thread(worker.join, 2.0)
            raise classify(exc, path, opening=True) from exc
        try:
            version = await _prepare(conn, path, synchronous)
            secret, key_problem = await _resolve_secret(conn, path, user_key_secret, create)
            if key_problem is not None and require_key:
                raise StoreError("key", key_problem, path)
        except BaseException as exc:
            await _close_quietly(conn)
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
            await _close_quietly(self._conn)

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    @property
    def closed(self) -> bool:
        return self._closed

    def now(self) -> datetime:
        """The store's clock (injectable, for tests and ``--now``)."""
        return require_aware(self._clock(), "clock()")

    def user_key(self, user_id: int) -> str:
        """The pseudonymous key stored for a Discord user id (HMAC-SHA256, 32 hex chars).
        Raises :class:`StoreError` (``kind="key"``) when the right secret is not available
        (see :meth:`open`): a key made with another secret would match nobody's rows."""
        if self.key_problem is not None:
            raise StoreError("key", self.key_problem, self.path)
        return user_key(self._secret, user_id)

    # ------------------------------------------------------------------ internals

    def _check_open(self) -> None:
        if self._closed:
            raise StoreError("closed", f"the store for {self.path} is closed", self.path)

    @contextlib.contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except sqlite3.Error as exc:
            raise classify(exc, self.path) from exc
        except ValueError as exc:
            if "closed" in str(exc).lower() or "no active connection" in str(exc):
                raise StoreError("closed", f"the store for {self.path} is closed") from exc
            raise

    async def _rollback(self) -> None:
        if self._conn.in_transaction:
            with contextlib.suppress(Exception):
                await self._conn.execute("ROLLBACK")

    @contextlib.asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), serialised with every other write."""
        async with self._write_lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                await self._rollback()
                raise
            await self._verify_file()

    async def _write(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Cursor:
        """One statement, its own transaction (autocommit), serialised with other writes."""
        async with self._write_lock:
            cursor = await self._conn.execute(sql, params)
            await self._verify_file()
            return cursor

    async def _verify_file(self) -> None:
        """After a commit, before it is acknowledged: is the path still our file? Deleted, it
        is written back from the open connection (nothing lost) and the store carries on
        with it; replaced by another file, what this store holds is saved beside it and the
        store stops (a :class:`StoreError`: the write is not acknowledged). Runs under the
        write lock."""
        current = file_identity(self.path)
        if current == self._identity:
            return
        if current is None:
            await self._restore_deleted_file()
            return
        saved = recovered_path(self.path)
        try:
            await copy_open_database(self._conn, saved)
            kept = f"what it held is saved in {saved}"
        except (OSError, sqlite3.Error) as exc:
            kept = f"what it held could not be saved ({exc})"
        log.error(
            "the database file %s was replaced by another file while the bot was running: "
            "stopped using the database (%s); restart the bot to use the new file",
            self.path,
            kept,
        )
        self._closed = True
        await _close_quietly(self._conn)
        raise StoreError(
            "io", f"database {self.path} was replaced while the bot ran; {kept}", self.path
        )

    async def _restore_deleted_file(self) -> None:
        old = self._conn
        try:
            partial = await copy_to_partial(old, self.path)
            await _close_quietly(old)  # SQLite drops the deleted file's -wal and -shm
            remove_stale_sidecars(self.path)  # (or this does, if it could not)
            publish(partial, self.path)
            conn = await aiosqlite.connect(
                self.path, isolation_level=None, timeout=self._busy_timeout
            )
            await _prepare(conn, self.path, self._synchronous)
        except (OSError, sqlite3.Error, StoreError) as exc:
            self._closed = True
            await _close_quietly(old)
            log.error(
                "the database file %s was deleted while the bot was running and could not be "
                "written back (%s): stopped using the database; restart the bot",
                self.path,
                exc,
            )
            raise StoreError(
                "io", f"database {self.path} was deleted while the bot ran: {exc}", self.path
            ) from exc
        self._conn = conn
        self._identity = file_identity(self.path)
        log.error(
            "the database file %s was deleted while the bot was running: written back from "
            "the open connection, nothing lost. Stop the bot before moving or deleting it",
            self.path,
        )

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self._conn.execute_fetchall(sql, params))

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

    async def _write_batch(self, batch: list[tuple[tuple[Any, ...], asyncio.Future[int]]]) -> None:
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

    # ------------------------------------------------------------------ meta

    async def put_meta(self, key: str, value: str) -> None:
        """Set one ``meta`` value (small state the bot keeps, such as its heartbeat)."""
        self._check_open()
        with self._errors():
            await self._write(
                "INSERT INTO meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (str(key), str(value)),
            )

    async def get_meta(self, key: str) -> str | None:
        self._check_open()
        with self._errors():
            rows = await self._fetchall("SELECT value FROM meta WHERE key = ?", (str(key),))
        return str(rows[0][0]) if rows else None

    # ------------------------------------------------------------------ questions

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
        self._check_open()
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

    async def set_reply_message(self, question_id: int, message_id: int) -> bool:
        """Remember the bot's reply to a question; ``False`` if the question is gone."""
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "UPDATE questions SET reply_message_id = ? WHERE id = ?",
                (int(message_id), int(question_id)),
            )
            return cursor.rowcount == 1

    async def get_question(self, question_id: int) -> Question | None:
        self._check_open()
        with self._errors():
            rows = await self._fetchall(_SELECT_QUESTION + " WHERE q.id = ?", (int(question_id),))
        return _question(rows[0]) if rows else None

    async def question_for_reply(self, reply_message_id: int) -> Question | None:
        """The question the bot answered with message ``reply_message_id`` (for ratings)."""
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                _SELECT_QUESTION + " WHERE q.reply_message_id = ? ORDER BY q.id DESC LIMIT 1",
                (int(reply_message_id),),
            )
        return _question(rows[0]) if rows else None

    async def rate(
        self, question_id: int, user_id: int, helpful: bool, *, at: datetime | None = None
    ) -> bool:
        """Record (or change) one user's rating of an answer; ``False`` if the question is gone
        (purged or erased). One rating per user and question: the last click wins."""
        self._check_open()
        when = to_db_time(at if at is not None else self.now(), "at")
        with self._errors():
            cursor = await self._write(
                """
                INSERT INTO ratings (question_id, user_key, helpful, rated_at)
                SELECT ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM questions WHERE id = ?)
                ON CONFLICT (question_id, user_key)
                DO UPDATE SET helpful = excluded.helpful, rated_at = excluded.rated_at
                """,
                (int(question_id), self.user_key(user_id), int(bool(helpful)), when, question_id),
            )
            return cursor.rowcount == 1

    async def questions(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        answered: bool | None = None,
        limit: int | None = None,
        newest_first: bool = False,
    ) -> list[Question]:
        """Logged questions in a period, oldest first unless ``newest_first``."""
        self._check_open()
        where, params = _where(since, until, guild_id, "q")
        if answered is not None:
            where += " AND q.answered = ?"
            params.append(int(answered))
        order = "DESC" if newest_first else "ASC"
        sql = f"{_SELECT_QUESTION}{where} ORDER BY q.asked_at {order}, q.id {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        with self._errors():
            return [_question(row) for row in await self._fetchall(sql, params)]

    async def stats(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        tz: tzinfo = UTC,
    ) -> QuestionStats:
        """Totals, answer rate, ratings, latency and questions per hour of the day in ``tz``."""
        self._check_open()
        where, params = _where(since, until, guild_id)
        qwhere, qparams = _where(since, until, guild_id, "q")
        with self._errors():
            total, answered, askers, first, last, timed = (
                await self._fetchall(
                    "SELECT COUNT(*), COALESCE(SUM(answered), 0), COUNT(DISTINCT user_key), "
                    f"MIN(asked_at), MAX(asked_at), COUNT(latency_ms) FROM questions{where}",
                    params,
                )
            )[0]
            by_source = dict(
                await self._fetchall(
                    f"SELECT source, COUNT(*) FROM questions{where} GROUP BY source "
                    "ORDER BY COUNT(*) DESC",
                    params,
                )
            )
            rated, helpful, not_helpful = (
                await self._fetchall(
                    "SELECT COUNT(DISTINCT r.question_id), COALESCE(SUM(r.helpful), 0), "
                    "COALESCE(SUM(1 - r.helpful), 0) FROM ratings AS r "
                    f"JOIN questions AS q ON q.id = r.question_id{qwhere}",
                    qparams,
                )
            )[0]
            buckets = await self._fetchall(
                f"SELECT substr(asked_at, 1, 13), COUNT(*) FROM questions{where} GROUP BY 1",
                params,
            )
            p50 = await self._latency_percentile(where, params, timed, 0.50)
            p95 = await self._latency_percentile(where, params, timed, 0.95)
        by_hour = [0] * 24
        for bucket, count in buckets:
            hour_start = datetime.strptime(bucket, "%Y-%m-%dT%H").replace(tzinfo=UTC)
            by_hour[hour_start.astimezone(tz).hour] += count
        return QuestionStats(
            since=since,
            until=until,
            total=total,
            answered=answered,
            refused=total - answered,
            askers=askers,
            rated_questions=rated,
            helpful=helpful,
            not_helpful=not_helpful,
            latency_p50_ms=p50,
            latency_p95_ms=p95,
            first_at=maybe_time(first),
            last_at=maybe_time(last),
            by_source=by_source,
            by_hour=tuple(by_hour),
        )

    async def hourly(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
    ) -> list[tuple[datetime, int, int]]:
        """Questions per hour over time: ``(hour start in UTC, answered, refused)``, oldest
        first, only hours that had questions (for the ``/questions stats`` chart)."""
        self._check_open()
        where, params = _where(since, until, guild_id)
        with self._errors():
            rows = await self._fetchall(
                "SELECT substr(asked_at, 1, 13), COALESCE(SUM(answered), 0), COUNT(*) "
                f"FROM questions{where} GROUP BY 1 ORDER BY 1",
                params,
            )
        return [
            (datetime.strptime(hour, "%Y-%m-%dT%H").replace(tzinfo=UTC), answered, total - answered)
            for hour, answered, total in rows
        ]

    async def _latency_percentile(
        self, where: str, params: list[Any], count: int, fraction: float
    ) -> float | None:
        if not count:
            return None
        offset = min(count - 1, int(fraction * count))
        rows = await self._fetchall(
            f"SELECT latency_ms FROM questions{where} AND latency_ms IS NOT NULL "
            "ORDER BY latency_ms LIMIT 1 OFFSET ?",
            [*params, offset],
        )
        return rows[0][0] if rows else None

    async def top(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        limit: int = 10,
    ) -> list[TopEntry]:
        """The entries most often given as answers (answered questions grouped by matched
        entry), most asked first, with the latest question and the ratings."""
        self._check_open()
        where, params = _where(since, until, guild_id, "q")
        sql = f"""
            SELECT q.matched_kind, q.matched_id, COUNT(*) AS n, MAX(q.asked_at), q.text,
                   COALESCE(SUM(r.helpful), 0), COALESCE(SUM(r.not_helpful), 0)
            FROM questions AS q
            LEFT JOIN (
                SELECT question_id, SUM(helpful) AS helpful, SUM(1 - helpful) AS not_helpful
                FROM ratings GROUP BY question_id
            ) AS r ON r.question_id = q.id
            {where} AND q.answered = 1 AND q.matched_id IS NOT NULL
            GROUP BY q.matched_kind, q.matched_id
            ORDER BY n DESC, MAX(q.asked_at) DESC
            LIMIT ?
        """
        with self._errors():
            rows = await self._fetchall(sql, [*params, int(limit)])
        # With exactly one MAX() aggregate, SQLite takes q.text from the row holding the max.
        return [
            TopEntry(
                kind=row[0] or "",
                entry_id=row[1],
                count=row[2],
                last_asked=from_db_time(row[3]),
                example=row[4],
                helpful=row[5],
                not_helpful=row[6],
            )
            for row in rows
        ]

    async def unanswered(
        self,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
        limit: int = 20,
        threshold: float = DEFAULT_THRESHOLD,
        scan_limit: int = 5000,
    ) -> list[UnansweredGroup]:
        """What the bot refused, grouped by similar text, newest group first: each group has
        ``count``, ``example`` (newest wording), ``last_seen``. Reads the ``scan_limit`` most
        recent refusals; grouping runs in a worker thread."""
        self._check_open()
        where, params = _where(since, until, guild_id)
        with self._errors():
            rows = await self._fetchall(
                f"SELECT text, asked_at FROM questions{where} AND answered = 0 "
                "ORDER BY asked_at DESC, id DESC LIMIT ?",
                [*params, int(scan_limit)],
            )
        items = [(text, from_db_time(asked_at)) for text, asked_at in rows]
        groups = await asyncio.to_thread(group_similar, items, threshold=threshold)
        return groups[:limit]

    async def export_csv(
        self,
        out: TextIO,
        *,
        since: datetime | None = None,
        until: datetime | None = None,
        guild_id: int | None = None,
    ) -> int:
        """Write the questions of a period to ``out`` as CSV (oldest first); returns the
        number of rows. Cells that a spreadsheet would run as a formula get a leading ``'``."""
        found = await self.questions(since=since, until=until, guild_id=guild_id)
        return await asyncio.to_thread(write_csv, found, out)

    # ------------------------------------------------------------------ retention, erasure

    async def purge_expired(
        self, *, now: datetime | None = None, days: int | None = None
    ) -> PurgeReport:
        """Delete questions (with their ratings), finished announcements, sent reminders and
        subscriptions older than ``days`` (default: ``retention_days``). Deletes in chunks, so
        a large purge never holds the write lock for long."""
        self._check_open()
        days = self.retention_days if days is None else days
        if days < 1:
            raise ValueError(f"days: expected at least 1, got {days}")
        cutoff = (now if now is not None else self.now()) - timedelta(days=days)
        limit = to_db_time(cutoff, "now")
        questions = 0
        with self._errors():
            while True:
                async with self._transaction() as conn:
                    cursor = await conn.execute(
                        "DELETE FROM questions WHERE id IN (SELECT id FROM questions "
                        "WHERE asked_at < ? LIMIT ?)",
                        (limit, _PURGE_CHUNK),
                    )
                    deleted = cursor.rowcount
                questions += deleted
                if deleted < _PURGE_CHUNK:
                    break
            async with self._transaction() as conn:
                announcements = (
                    await conn.execute(
                        "DELETE FROM announcements WHERE status != 'pending' AND due_at < ?",
                        (limit,),
                    )
                ).rowcount
                reminders = (
                    await conn.execute("DELETE FROM sent_reminders WHERE sent_at < ?", (limit,))
                ).rowcount
                subscriptions = (
                    await conn.execute(
                        "DELETE FROM reminder_subscriptions WHERE created_at < ?", (limit,)
                    )
                ).rowcount
        report = PurgeReport(cutoff, questions, announcements, reminders, subscriptions)
        if report.total:
            await self._checkpoint("retention purge")
        return report

    async def erase_user(self, user_id: int) -> ErasureReport:
        """Erase one user's data on request: their questions (and the ratings those got),
        their ratings, reminder subscriptions and sent reminders; their key on announcements
        they wrote is replaced by ``"erased"``. In one transaction."""
        self._check_open()
        key = self.user_key(user_id)
        uid = int(user_id)
        with self._errors():
            async with self._transaction() as conn:
                ratings = (
                    await conn.execute("DELETE FROM ratings WHERE user_key = ?", (key,))
                ).rowcount
                questions = (
                    await conn.execute(
                        "DELETE FROM questions WHERE user_key = ? OR user_id = ?", (key, uid)
                    )
                ).rowcount
                subscriptions = (
                    await conn.execute(
                        "DELETE FROM reminder_subscriptions WHERE user_id = ?", (uid,)
                    )
                ).rowcount
                reminders = (
                    await conn.execute(
                        "DELETE FROM sent_reminders WHERE target = ?", (f"user:{uid}",)
                    )
                ).rowcount
                announcements = (
                    await conn.execute(
                        "UPDATE announcements SET author_key = ? WHERE author_key = ?",
                        (ERASED_KEY, key),
                    )
                ).rowcount
        await self._checkpoint("erasure")
        return ErasureReport(questions, ratings, subscriptions, reminders, announcements)

    async def _checkpoint(self, why: str) -> bool:
        """Copy the WAL into the database and truncate it (``wal_checkpoint(TRUNCATE)``), so
        deleted text does not linger in the WAL file until the store closes. ``False`` (and a
        warning) when a reader in another process keeps it from completing: the WAL is
        truncated at the next checkpoint then."""
        with self._errors():
            async with self._write_lock:
                rows = await self._fetchall("PRAGMA wal_checkpoint(TRUNCATE)")
        busy = bool(rows and rows[0][0])
        if busy:
            log.warning(
                "%s: the WAL could not be truncated now (another connection is reading); "
                "the deleted rows stay in %s-wal until the next checkpoint",
                why,
                self.path.name,
            )
        return not busy

    # ------------------------------------------------------------------ announcements

    async def schedule_announcement(
        self,
        *,
        guild_id: int,
        channel_id: int,
        author_id: int,
        text: str,
        due_at: datetime,
        ping_role_id: int | None = None,
    ) -> int:
        """Store a pending announcement; returns its id."""
        self._check_open()
        due = to_db_time(due_at, "due_at")
        created = to_db_time(self.now(), "clock()")
        with self._errors():
            cursor = await self._write(
                "INSERT INTO announcements (guild_id, channel_id, author_key, text, "
                "ping_role_id, due_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    int(guild_id),
                    int(channel_id),
                    self.user_key(author_id),
                    str(text),
                    None if ping_role_id is None else int(ping_role_id),
                    due,
                    created,
                ),
            )
            return int(cursor.lastrowid or 0)

    async def get_announcement(self, announcement_id: int) -> Announcement | None:
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                _SELECT_ANNOUNCEMENT + " WHERE id = ?", (int(announcement_id),)
            )
        return _announcement(rows[0]) if rows else None

    async def pending_announcements(self, guild_id: int | None = None) -> list[Announcement]:
        """Pending announcements, soonest first."""
        self._check_open()
        sql = _SELECT_ANNOUNCEMENT + " WHERE status = 'pending'"
        params: list[Any] = []
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        with self._errors():
            rows = await self._fetchall(sql + " ORDER BY due_at, id", params)
        return [_announcement(row) for row in rows]

    async def cancel_announcement(
        self, announcement_id: int, *, guild_id: int | None = None
    ) -> bool:
        """Cancel a pending announcement (of ``guild_id`` if given); ``False`` if it is not
        pending (already posted, cancelled, skipped) or does not exist."""
        self._check_open()
        sql = "UPDATE announcements SET status = 'cancelled' WHERE id = ? AND status = 'pending'"
        params: list[Any] = [int(announcement_id)]
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        with self._errors():
            return (await self._write(sql, params)).rowcount == 1

    async def claim_due_announcements(
        self, *, now: datetime | None = None, grace: timedelta | None = None
    ) -> tuple[list[Announcement], list[Announcement]]:
        """Claim the pending announcements due at ``now``: returns ``(to_post, skipped)``.

        Claiming marks a row ``posted`` in the same statement that selects it, so two
        schedulers (tasks or processes) never both get the same row: post each one returned,
        then :meth:`record_announcement_message`. Rows overdue by more than ``grace`` (the bot
        was down) are marked ``skipped`` instead and returned second, to tell the organisers.
        A claimed row carries :attr:`claim_token` until its message is recorded or it is given
        back: one left so (the process stopped in between) is :meth:`unconfirmed_announcements`.
        """
        self._check_open()
        current = now if now is not None else self.now()
        at = to_db_time(current, "now")
        with self._errors():
            async with self._transaction() as conn:
                skipped: list[Any] = []
                if grace is not None:
                    oldest = to_db_time(current - grace, "now")
                    skipped = list(
                        await conn.execute_fetchall(
                            "UPDATE announcements SET status = 'skipped' "
                            f"WHERE status = 'pending' AND due_at < ? {_ANNOUNCEMENT_RETURNING}",
                            (oldest,),
                        )
                    )
                claimed = list(
                    await conn.execute_fetchall(
                        "UPDATE announcements SET status = 'posted', posted_at = ?, "
                        "claim_token = ? "
                        f"WHERE status = 'pending' AND due_at <= ? {_ANNOUNCEMENT_RETURNING}",
                        (at, self.claim_token, at),
                    )
                )

        def order(rows: list[Any]) -> list[Announcement]:
            return sorted((_announcement(r) for r in rows), key=lambda a: (a.due_at, a.id))

        return order(claimed), order(skipped)

    async def record_announcement_message(self, announcement_id: int, message_id: int) -> bool:
        """Remember the message an announcement was posted as."""
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "UPDATE announcements SET posted_message_id = ?, claim_token = NULL "
                "WHERE id = ? AND status = 'posted'",
                (int(message_id), int(announcement_id)),
            )
            return cursor.rowcount == 1

    async def release_announcement(self, announcement_id: int) -> bool:
        """Give a claimed announcement back (posting it failed before any message was
        sent), so the next scheduler run tries again. ``False`` if it was not claimed or
        already has a message."""
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "UPDATE announcements SET status = 'pending', posted_at = NULL, "
                "claim_token = NULL WHERE id = ? AND status = 'posted' "
                "AND posted_message_id IS NULL",
                (int(announcement_id),),
            )
            return cursor.rowcount == 1

    async def skip_announcement(self, announcement_id: int) -> bool:
        """Mark a claimed announcement that Discord refused for good (channel gone, no
        permission) ``skipped``: it was not posted and will not be."""
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "UPDATE announcements SET status = 'skipped', claim_token = NULL WHERE id = ? "
                "AND status = 'posted' AND posted_message_id IS NULL",
                (int(announcement_id),),
            )
            return cursor.rowcount == 1

    async def unconfirmed_announcements(
        self, guild_id: int | None = None, *, others_only: bool = False
    ) -> list[Announcement]:
        """Announcements claimed for posting whose message was never recorded: the process
        that claimed them stopped (a crash, a kill) between the claim and the post, or could
        not record the message. They are not posted again (at most once): tell the
        organisers they may not have been posted. ``others_only``: leave out this store's
        own claims (in flight here)."""
        self._check_open()
        sql = (
            _SELECT_ANNOUNCEMENT + " WHERE status = 'posted' AND posted_message_id IS NULL "
            "AND claim_token IS NOT NULL"
        )
        params: list[Any] = []
        if guild_id is not None:
            sql += " AND guild_id = ?"
            params.append(int(guild_id))
        if others_only:
            sql += " AND claim_token != ?"
            params.append(self.claim_token)
        with self._errors():
            rows = await self._fetchall(sql + " ORDER BY due_at, id", params)
        return [_announcement(row) for row in rows]

    # ------------------------------------------------------------------ schedule changes

    async def announced_schedule(self) -> dict[str, AnnouncedSlot]:
        """The schedule as last announced, by session id (see :meth:`claim_schedule_changes`)."""
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                "SELECT session_id, slot, title, claim_token FROM announced_schedule"
            )
        return {row[0]: AnnouncedSlot(*row) for row in rows}

    async def seed_announced_schedule(self, slots: Mapping[str, tuple[str, str]]) -> bool:
        """Take ``slots`` (session id -> ``(slot, title)``) as the announced schedule, the first
        time only (a new database, or one from before schedule changes were kept): nothing
        is announced for a schedule attendees already had. ``True`` if this call seeded it."""
        self._check_open()
        now = to_db_time(self.now(), "clock()")
        with self._errors():
            async with self._transaction() as conn:
                cursor = await conn.execute(
                    "INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)",
                    (_SCHEDULE_BASELINE_KEY, now),
                )
                if cursor.rowcount != 1:
                    return False
                await conn.executemany(
                    "INSERT OR IGNORE INTO announced_schedule (session_id, slot, title, "
                    "updated_at) VALUES (?, ?, ?, ?)",
                    [(sid, slot, title, now) for sid, (slot, title) in slots.items()],
                )
        return True

    async def claim_schedule_changes(
        self, changes: Sequence[tuple[str, str, str, str]], *, post: Sequence[bool]
    ) -> list[bool]:
        """Claim schedule changes: each ``(session_id, old_slot, new_slot, title)`` moves that
        session's announced slot from ``old_slot`` to ``new_slot`` (``""``: not on the
        schedule) only if it still is ``old_slot`` — a compare-and-set, so when two processes
        (or a restart) see the same change, exactly one claims it. Returns, per change,
        whether this caller claimed it and must post it. ``post[i]`` false applies a change
        silently (a session already over); true marks it with :attr:`claim_token` until
        :meth:`confirm_schedule_changes` (a crash in between leaves it
        :meth:`unconfirmed_schedule_changes`). One transaction."""
        self._check_open()
        now = to_db_time(self.now(), "clock()")
        claimed: list[bool] = []
        with self._errors():
            async with self._transaction() as conn:
                for (session_id, old, new, title), posting in zip(changes, post, strict=True):
                    token = self.claim_token if posting else None
                    cursor = await conn.execute(
                        "UPDATE announced_schedule SET slot = ?, title = ?, claim_token = ?, "
                        "updated_at = ? WHERE session_id = ? AND slot = ?",
                        (new, title, token, now, session_id, old),
                    )
                    done = cursor.rowcount == 1
                    if not done and old == "":
                        cursor = await conn.execute(
                            "INSERT OR IGNORE INTO announced_schedule (session_id, slot, title, "
                            "claim_token, updated_at) VALUES (?, ?, ?, ?, ?)",
                            (session_id, new, title, token, now),
                        )
                        done = cursor.rowcount == 1
                    claimed.append(done)
        return claimed

    async def confirm_schedule_changes(self, session_ids: Sequence[str]) -> None:
        """The changes claimed for ``session_ids`` were posted (or refused for good)."""
        self._check_open()
        with self._errors():
            async with self._transaction() as conn:
                await conn.executemany(
                    "UPDATE announced_schedule SET claim_token = NULL WHERE session_id = ? "
                    "AND claim_token = ?",
                    [(sid, self.claim_token) for sid in session_ids],
                )

    async def release_schedule_changes(self, changes: Sequence[tuple[str, str, str, str]]) -> None:
        """Give back claimed changes whose post failed for a passing reason: each
        ``(session_id, old_slot, new_slot, old_title)`` goes back to ``old_slot``, so the next
        sync claims (and posts) it again."""
        self._check_open()
        now = to_db_time(self.now(), "clock()")
        with self._errors():
            async with self._transaction() as conn:
                await conn.executemany(
                    "UPDATE announced_schedule SET slot = ?, title = ?, claim_token = NULL, "
                    "updated_at = ? WHERE session_id = ? AND slot = ? AND claim_token = ?",
                    [
                        (old, title, now, sid, new, self.claim_token)
                        for sid, old, new, title in changes
                    ],
                )

    async def refresh_schedule_titles(self, titles: Mapping[str, str]) -> None:
        """Keep the stored titles current (a title edit is not a schedule change)."""
        self._check_open()
        with self._errors():
            async with self._transaction() as conn:
                await conn.executemany(
                    "UPDATE announced_schedule SET title = ? WHERE session_id = ? AND title != ?",
                    [(title, sid, title) for sid, title in titles.items()],
                )

    async def unconfirmed_schedule_changes(self) -> list[AnnouncedSlot]:
        """Schedule changes another process claimed but never confirmed posting (it stopped
        in between): they may not have been posted, and are not posted again."""
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                "SELECT session_id, slot, title, claim_token FROM announced_schedule "
                "WHERE claim_token IS NOT NULL AND claim_token != ? ORDER BY session_id",
                (self.claim_token,),
            )
        return [AnnouncedSlot(*row) for row in rows]

    # ------------------------------------------------------------------ reminders

    async def claim_reminder(
        self, session_id: str, start: str | datetime, target: str, *, now: datetime | None = None
    ) -> bool:
        """Record that the reminder for ``(session_id, start, target)`` is being sent; ``True``
        only for the one caller that recorded it first (insert-or-ignore). ``start``: the
        session's start (a datetime is stored as UTC ISO; pass the same type every time).
        ``target``: e.g. ``"channel:<id>"`` or ``"user:<id>"`` (erased with the user).

        The claim carries :attr:`claim_token` until :meth:`confirm_reminder`. A claim another
        process left unconfirmed (it stopped between the claim and the send) is taken over
        once it is :data:`REMINDER_TAKEOVER_AFTER` old, while it is younger than
        :data:`REMINDER_TAKEOVER_BEFORE`: sent again with the same nonce, Discord returns
        the first message if that process did send it. An older one is not sent again."""
        self._check_open()
        start_key = to_db_time(start, "start") if isinstance(start, datetime) else str(start)
        current = now if now is not None else self.now()
        sent = to_db_time(current, "now")
        key = (str(session_id), start_key, str(target))
        with self._errors():
            cursor = await self._write(
                "INSERT OR IGNORE INTO sent_reminders (session_id, start, target, sent_at, "
                "claim_token) VALUES (?, ?, ?, ?, ?)",
                (*key, sent, self.claim_token),
            )
            if cursor.rowcount == 1:
                return True
            cursor = await self._write(
                "UPDATE sent_reminders SET claim_token = ?, sent_at = ? WHERE session_id = ? "
                "AND start = ? AND target = ? AND claim_token IS NOT NULL AND claim_token != ? "
                "AND sent_at <= ? AND sent_at >= ?",
                (
                    self.claim_token,
                    sent,
                    *key,
                    self.claim_token,
                    to_db_time(current - REMINDER_TAKEOVER_AFTER, "now"),
                    to_db_time(current - REMINDER_TAKEOVER_BEFORE, "now"),
                ),
            )
        if cursor.rowcount == 1:
            log.warning(
                "the reminder for %s at %s was claimed by a process that stopped before "
                "confirming it: sending it again (same nonce)",
                session_id,
                start_key,
            )
            return True
        return False

    async def reminder_in_flight(
        self, session_id: str, start: str | datetime, target: str, *, now: datetime | None = None
    ) -> bool:
        """Whether another process claimed this reminder without confirming it, recently
        enough that :meth:`claim_reminder` may still take it over (ask again later)."""
        self._check_open()
        start_key = to_db_time(start, "start") if isinstance(start, datetime) else str(start)
        current = now if now is not None else self.now()
        with self._errors():
            rows = await self._fetchall(
                "SELECT 1 FROM sent_reminders WHERE session_id = ? AND start = ? AND target = ? "
                "AND claim_token IS NOT NULL AND claim_token != ? AND sent_at >= ?",
                (
                    str(session_id),
                    start_key,
                    str(target),
                    self.claim_token,
                    to_db_time(current - REMINDER_TAKEOVER_BEFORE, "now"),
                ),
            )
        return bool(rows)

    async def confirm_reminder(self, session_id: str, start: str | datetime, target: str) -> None:
        """The claimed reminder was sent (or refused for good): never sent again."""
        self._check_open()
        start_key = to_db_time(start, "start") if isinstance(start, datetime) else str(start)
        with self._errors():
            await self._write(
                "UPDATE sent_reminders SET claim_token = NULL WHERE session_id = ? AND start = ? "
                "AND target = ? AND claim_token = ?",
                (str(session_id), start_key, str(target), self.claim_token),
            )

    async def release_reminder(self, session_id: str, start: str | datetime, target: str) -> bool:
        """Give back a claimed reminder whose sending failed for a passing reason (a timeout,
        Discord's 5xx), so the next :meth:`claim_reminder` for it succeeds and sends again.
        ``False`` if this store did not claim it."""
        self._check_open()
        start_key = to_db_time(start, "start") if isinstance(start, datetime) else str(start)
        with self._errors():
            cursor = await self._write(
                "DELETE FROM sent_reminders WHERE session_id = ? AND start = ? AND target = ? "
                "AND claim_token = ?",
                (str(session_id), start_key, str(target), self.claim_token),
            )
            return cursor.rowcount == 1

    async def subscribe(self, *, guild_id: int, user_id: int, session_id: str) -> bool:
        """Subscribe a user to DM reminders for a session (``"*"``: every session). Stores the
        raw Discord user id: a DM needs it. ``False`` if already subscribed."""
        self._check_open()
        created = to_db_time(self.now(), "clock()")
        with self._errors():
            cursor = await self._write(
                "INSERT OR IGNORE INTO reminder_subscriptions (guild_id, user_id, session_id, "
                "created_at) VALUES (?, ?, ?, ?)",
                (int(guild_id), int(user_id), str(session_id), created),
            )
            return cursor.rowcount == 1

    async def unsubscribe(self, *, guild_id: int, user_id: int, session_id: str) -> bool:
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "DELETE FROM reminder_subscriptions WHERE guild_id = ? AND user_id = ? "
                "AND session_id = ?",
                (int(guild_id), int(user_id), str(session_id)),
            )
            return cursor.rowcount == 1

    async def drop_subscriber(self, guild_id: int, user_id: int) -> int:
        """Delete every reminder subscription of ``user_id`` in ``guild_id`` (they left that
        server); returns how many."""
        self._check_open()
        with self._errors():
            cursor = await self._write(
                "DELETE FROM reminder_subscriptions WHERE guild_id = ? AND user_id = ?",
                (int(guild_id), int(user_id)),
            )
            return cursor.rowcount

    async def subscribers(self, guild_id: int, session_id: str) -> list[int]:
        """User ids to DM before ``session_id``: its subscribers and those of ``"*"``."""
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                "SELECT DISTINCT user_id FROM reminder_subscriptions WHERE guild_id = ? "
                "AND session_id IN (?, '*') ORDER BY user_id",
                (int(guild_id), str(session_id)),
            )
        return [row[0] for row in rows]

    async def subscriptions(self, guild_id: int, user_id: int) -> list[str]:
        """Session ids a user subscribed to (``"*"`` for all)."""
        self._check_open()
        with self._errors():
            rows = await self._fetchall(
                "SELECT session_id FROM reminder_subscriptions WHERE guild_id = ? "
                "AND user_id = ? ORDER BY session_id",
                (int(guild_id), int(user_id)),
            )
        return [row[0] for row in rows]


# ---------------------------------------------------------------------- opening


async def _scalar(conn: aiosqlite.Connection, sql: str) -> Any:
    rows = list(await conn.execute_fetchall(sql))
    return rows[0][0] if rows else None


async def _prepare(conn: aiosqlite.Connection, path: Path, synchronous: str) -> int:
    """Check the database, switch to WAL, migrate; returns the schema version.

    Reads come first and nothing is written until the file is known to be ours and not newer,
    so a database this code cannot use is left exactly as it was.
    """
    version = await _scalar(conn, "PRAGMA user_version")
    if version > SCHEMA_VERSION:
        raise StoreError(
            "newer-version",
            f"database {path} was created by a newer version of the bot (schema {version} > "
            f"supported {SCHEMA_VERSION}): upgrade the bot, or point DATABASE_PATH elsewhere",
            path,
        )
    tables = [
        row[0]
        for row in await conn.execute_fetchall(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    if version == 0 and tables:
        raise StoreError(
            "foreign",
            f"database {path} already holds tables ({', '.join(sorted(tables)[:5])}) but no "
            f"schema version: it is not this bot's database; point DATABASE_PATH elsewhere",
            path,
        )
    check = [row[0] for row in await conn.execute_fetchall("PRAGMA quick_check(3)")]
    if check != ["ok"]:
        raise StoreError(
            "corrupt",
            f"database {path} is not a database / corrupt: move it aside (keep it for "
            f"inspection) and start again to create a new one; it was left untouched "
            f"(integrity check: {'; '.join(str(c) for c in check)})",
            path,
        )
    mode = await _scalar(conn, "PRAGMA journal_mode = WAL")
    if str(mode).lower() != "wal":
        # SQLite opened the file read-only (it silently does so when it cannot write).
        raise classify(sqlite3.OperationalError("attempt to write a readonly database"), path)
    await conn.execute(f"PRAGMA synchronous = {synchronous}")
    await conn.execute("PRAGMA foreign_keys = ON")
    # deleted rows are overwritten with zeros, not left in free space: erasure erases
    await conn.execute("PRAGMA secure_delete = ON")
    # Take the write lock once: reports a lock held by another process or a read-only file
    # now, rather than at the first question. Migrations run inside it.
    await conn.execute("BEGIN IMMEDIATE")
    try:
        current = await _scalar(conn, "PRAGMA user_version")
        if current > SCHEMA_VERSION:  # migrated by a newer bot since we looked
            raise StoreError(
                "newer-version",
                f"database {path} was created by a newer version of the bot (schema "
                f"{current} > supported {SCHEMA_VERSION}): upgrade the bot",
                path,
            )
        for target in range(current + 1, SCHEMA_VERSION + 1):
            for statement in _statements(MIGRATIONS[target - 1]):
                await conn.execute(statement)
            log.info("database %s migrated to schema %d", path, target)
        # always written (a no-op change): SQLite silently opens a file it cannot write
        # read-only, and this write is what reports it now rather than at the first question
        await conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        await conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            with contextlib.suppress(Exception):
                await conn.execute("ROLLBACK")
        raise
    return SCHEMA_VERSION


async def _meta(conn: aiosqlite.Connection, key: str) -> str | None:
    rows = list(await conn.execute_fetchall("SELECT value FROM meta WHERE key = ?", (key,)))
    return str(rows[0][0]) if rows else None


async def _has_user_keys(conn: aiosqlite.Connection) -> bool:
    for sql in (
        "SELECT 1 FROM questions WHERE user_key IS NOT NULL LIMIT 1",
        "SELECT 1 FROM ratings LIMIT 1",
        "SELECT 1 FROM announcements WHERE author_key != 'erased' LIMIT 1",
    ):
        if list(await conn.execute_fetchall(sql)):
            return True
    return False


async def _resolve_secret(
    conn: aiosqlite.Connection, path: Path, configured: str, create: bool
) -> tuple[str, str | None]:
    """The user-key secret to use, and what is wrong when it cannot be the one the
    database's keys were made with. Never replaces what the database remembers: a generated
    secret is stored on first use (``meta.user_key_secret``), a configured one is
    remembered by its :func:`~bot.store.keys.key_check` only (``meta.user_key_check``).
    Only a process that may ``create`` the database (the bot, the console) writes either."""
    stored = await _meta(conn, _SECRET_META_KEY)
    check = await _meta(conn, _CHECK_META_KEY)
    if configured:
        if stored is not None and stored != configured:
            return configured, (
                f"USER_KEY_SECRET does not match the key this database's user keys were made "
                f"with (generated by the bot and kept in {path}): user keys would not match "
                "anyone's rows, and erasure would erase nothing. Remove USER_KEY_SECRET to use "
                "the stored key, or use a new database (DATABASE_PATH) for a new key"
            )
        if check is not None and check != key_check(configured):
            return configured, (
                f"USER_KEY_SECRET is not the secret this database's user keys were made with "
                f"({path}): user keys would not match anyone's rows, and erasure would erase "
                "nothing. Set the USER_KEY_SECRET the bot uses (its .env), or use a new "
                "database (DATABASE_PATH) for a new secret"
            )
        if check is None and stored is None and create:
            await _remember(conn, _CHECK_META_KEY, key_check(configured))
        return configured, None
    if stored is not None:
        return stored, None
    if check is not None or await _has_user_keys(conn):
        return "", (
            f"the user keys in {path} were made with a USER_KEY_SECRET that is not set here: "
            "set the same USER_KEY_SECRET as the bot (run from the bot's folder, where its "
            ".env is, or export it)"
        )
    if not create:
        return "", (
            f"{path} has no user key yet (the bot creates it when it starts): nothing to "
            "match a user id against"
        )
    secret = new_secret()
    await _remember(conn, _SECRET_META_KEY, secret)
    stored = await _meta(conn, _SECRET_META_KEY)  # another process may have been first
    return stored or secret, None


async def _remember(conn: aiosqlite.Connection, key: str, value: str) -> None:
    await conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)", (key, value))
