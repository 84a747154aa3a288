"""Noticing that the database file was deleted or replaced while the bot holds it open.

SQLite keeps writing to a file it has open even after that file is deleted: every write
"succeeds", then all of it is gone when the process exits. The store records the file's
identity (device and inode) when it opens it and compares it with what the path names after
every write, before the write is acknowledged (see
``bot.store.connection.StoreConnection._verify_file``).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

FileIdentity = tuple[int, int]


def file_identity(path: Path) -> FileIdentity | None:
    """``(device, inode)`` of the file at ``path``; ``None`` when there is none."""
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return None
    return stat.st_dev, stat.st_ino


def recovered_path(path: Path) -> Path:
    """Where a copy of a database that lost its path is saved: beside it, timestamped."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.name}.recovered-{stamp}")


async def copy_to_partial(conn: aiosqlite.Connection, target: Path) -> Path:
    """Copy everything ``conn`` sees (its committed data, WAL included) into a new file beside
    ``target`` (SQLite's online backup); returns it, for :func:`publish`."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    partial.unlink(missing_ok=True)
    copy = sqlite3.connect(partial, check_same_thread=False)
    try:
        await conn.backup(copy)
        copy.execute("PRAGMA journal_mode = DELETE")
    except BaseException:
        copy.close()
        partial.unlink(missing_ok=True)
        raise
    copy.close()
    return partial


def publish(partial: Path, target: Path) -> None:
    """Give the complete copy its name; never replaces a file that appeared meanwhile
    (``FileExistsError``)."""
    try:
        os.link(partial, target)
    finally:
        partial.unlink(missing_ok=True)


async def copy_open_database(conn: aiosqlite.Connection, target: Path) -> None:
    """:func:`copy_to_partial` then :func:`publish`."""
    publish(await copy_to_partial(conn, target), target)


def remove_stale_sidecars(path: Path) -> None:
    """Drop ``NAME-wal`` / ``NAME-shm`` left by a database file that no longer exists: SQLite
    would replay them into the new file at ``path``."""
    if path.exists():
        return
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(path.with_name(path.name + suffix))


__all__ = [
    "FileIdentity",
    "copy_open_database",
    "copy_to_partial",
    "file_identity",
    "publish",
    "recovered_path",
    "remove_stale_sidecars",
]
