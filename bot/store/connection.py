"""The open database that every part of the :class:`~bot.store.Store` reads and writes through.

:class:`StoreConnection` holds the aiosqlite connection, the write lock that serialises every
write, and the file's identity, checked after each commit (see :mod:`bot.store.vanished`).
Each concern of the store (question log, announcements, reminders...) is a mixin on top of it,
and each of their public methods is :func:`guarded`.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import secrets
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, Concatenate, Literal, ParamSpec, TypeVar

import aiosqlite

from bot.store.errors import StoreError, classify
from bot.store.keys import user_key
from bot.store.models import Clock, require_aware
from bot.store.opening import close_quietly, prepare
from bot.store.vanished import (
    copy_open_database,
    copy_to_partial,
    file_identity,
    publish,
    recovered_path,
    remove_stale_sidecars,
)

log = logging.getLogger(__name__)

Synchronous = Literal["OFF", "NORMAL", "FULL", "EXTRA"]

_Self = TypeVar("_Self", bound="StoreConnection")
_Params = ParamSpec("_Params")
_Result = TypeVar("_Result")


def guarded(
    method: Callable[Concatenate[_Self, _Params], Awaitable[_Result]],
) -> Callable[Concatenate[_Self, _Params], Coroutine[Any, Any, _Result]]:
    """A store method that refuses to run once the store is closed and reports every database
    error as a :class:`StoreError` saying what to fix (``kind="closed"`` when the connection
    went away under it)."""

    @functools.wraps(method)
    async def call(store: _Self, /, *args: _Params.args, **kwargs: _Params.kwargs) -> _Result:
        if store.closed:
            raise StoreError("closed", f"the store for {store.path} is closed", store.path)
        try:
            return await method(store, *args, **kwargs)
        except sqlite3.Error as exc:
            raise classify(exc, store.path) from exc
        except ValueError as exc:
            if "closed" in str(exc).lower() or "no active connection" in str(exc):
                raise StoreError("closed", f"the store for {store.path} is closed") from exc
            raise

    return call


class StoreConnection:
    """What every concern of the store shares: the connection, its write lock and
    transactions, the clock, the user-key secret and the claim token."""

    def __init__(
        self,
        conn: aiosqlite.Connection,
        path: Path,
        *,
        secret: str,
        key_problem: str | None,
        clock: Clock,
        busy_timeout: float,
        synchronous: Synchronous,
    ) -> None:
        self._conn = conn
        self.path = path
        self._secret = secret
        self.key_problem = key_problem
        self._clock = clock
        self._busy_timeout = busy_timeout
        self._synchronous: Synchronous = synchronous
        self._identity = file_identity(path)
        self._write_lock = asyncio.Lock()
        self._closed = False
        # marks what this store instance claims (announcements, schedule changes), so a claim
        # left by a process that stopped before posting can be told from one in flight here
        self.claim_token = secrets.token_hex(8)

    @property
    def closed(self) -> bool:
        return self._closed

    def now(self) -> datetime:
        """The store's clock (injectable, for tests and ``--now``)."""
        return require_aware(self._clock(), "clock()")

    def user_key(self, user_id: int) -> str:
        """The pseudonymous key stored for a Discord user id (HMAC-SHA256, 32 hex chars).
        Raises :class:`StoreError` (``kind="key"``) when the right secret is not available
        (see :meth:`~bot.store.Store.open`): a key made with another secret would match
        nobody's rows."""
        if self.key_problem is not None:
            raise StoreError("key", self.key_problem, self.path)
        return user_key(self._secret, user_id)

    async def _fetchall(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def _write(self, sql: str, params: Sequence[Any] = ()) -> aiosqlite.Cursor:
        """One statement, its own transaction (autocommit), serialised with other writes."""
        async with self._write_lock:
            cursor = await self._conn.execute(sql, params)
            await self._verify_file()
            return cursor

    @contextlib.asynccontextmanager
    async def _transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``), serialised with every other write."""
        async with self._write_lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
                await self._conn.execute("COMMIT")
            except BaseException:
                if self._conn.in_transaction:
                    with contextlib.suppress(Exception):
                        await self._conn.execute("ROLLBACK")
                raise
            await self._verify_file()

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
        await close_quietly(self._conn)
        raise StoreError(
            "io", f"database {self.path} was replaced while the bot ran; {kept}", self.path
        )

    async def _restore_deleted_file(self) -> None:
        old = self._conn
        try:
            partial = await copy_to_partial(old, self.path)
            await close_quietly(old)  # SQLite drops the deleted file's -wal and -shm
            remove_stale_sidecars(self.path)  # (or this does, if it could not)
            publish(partial, self.path)
            conn = await aiosqlite.connect(
                self.path, isolation_level=None, timeout=self._busy_timeout
            )
            await prepare(conn, self.path, self._synchronous)
        except (OSError, sqlite3.Error, StoreError) as exc:
            self._closed = True
            await close_quietly(old)
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
