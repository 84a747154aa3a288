"""Opening a database file: connect, check it is ours, switch to WAL, migrate, find the key.

Reads come first and nothing is written until the file is known to be this bot's and not
newer, so a database this code cannot use is left exactly as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiosqlite

from bot.store.errors import StoreError, classify
from bot.store.keys import key_check, new_secret
from bot.store.schema import MIGRATIONS, SCHEMA_VERSION

log = logging.getLogger(__name__)

_SECRET_META_KEY = "user_key_secret"
_CHECK_META_KEY = "user_key_check"


def quiet_driver_log() -> None:
    """aiosqlite logs every call with its SQL parameters at DEBUG: the user-key secret,
    question texts, raw user ids of subscriptions. Never let those lines through, whatever
    the root level (``LOG_LEVEL=DEBUG`` included)."""
    driver = logging.getLogger("aiosqlite")
    if driver.getEffectiveLevel() < logging.INFO or driver.level == logging.NOTSET:
        driver.setLevel(logging.INFO)


def require_file(path: Path, *, create: bool) -> None:
    """Refuse a directory, and a missing file unless ``create`` (then make its folder)."""
    if path.is_dir():
        raise StoreError("io", f"database path {path} is a directory, expected a file", path)
    if path.exists():
        return
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


async def connect(path: Path, busy_timeout: float) -> aiosqlite.Connection:
    """An autocommit connection to ``path``; a failure is a :class:`StoreError`."""
    pending = aiosqlite.connect(path, isolation_level=None, timeout=busy_timeout)
    try:
        return await pending
    except (sqlite3.Error, OSError) as exc:
        # aiosqlite stops its worker thread on failure; let it finish before returning,
        # or it reports to an event loop that ``asyncio.run`` may already have closed.
        worker = getattr(pending, "_thread", None)
        if worker is not None:
            await asyncio.to_thread(worker.join, 2.0)
        raise classify(exc, path, opening=True) from exc


async def close_quietly(conn: aiosqlite.Connection) -> None:
    with contextlib.suppress(Exception):
        await conn.close()


def statements(script: str) -> Iterator[str]:
    """Split a migration into statements (``executescript`` would commit half-way)."""
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        raise ValueError(f"incomplete SQL statement in migration: {buffer.strip()[:60]!r}")


async def _scalar(conn: aiosqlite.Connection, sql: str) -> Any:
    rows = list(await conn.execute_fetchall(sql))
    return rows[0][0] if rows else None


async def prepare(conn: aiosqlite.Connection, path: Path, synchronous: str) -> int:
    """Check the database, switch to WAL, migrate; returns the schema version."""
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
            for statement in statements(MIGRATIONS[target - 1]):
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


async def resolve_secret(
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
