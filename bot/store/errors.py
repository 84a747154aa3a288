"""Errors raised by the store, each saying what is wrong and what to do about it."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path
from typing import Literal

ErrorKind = Literal[
    "missing",
    "locked",
    "read-only",
    "corrupt",
    "newer-version",
    "foreign",
    "disk-full",
    "io",
    "closed",
    "key",
]

# SQLite primary result codes (the low byte of an extended code).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26


class StoreError(Exception):
    """The database cannot be used. ``str(error)`` is a complete message for an organiser.

    ``kind`` tells the cause apart for code and tests: ``missing``, ``locked``, ``read-only``,
    ``corrupt``, ``newer-version``, ``foreign``, ``disk-full``, ``io``, ``closed`` or ``key``
    (the user-key secret configured disagrees with the one the database's keys were made
    with, or none is available).
    """

    def __init__(self, kind: ErrorKind, message: str, path: Path | None = None) -> None:
        self.kind: ErrorKind = kind
        self.path = path
        super().__init__(message)


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF


def _probe_writable(path: Path) -> str | None:
    """Say why ``path`` (or its directory) cannot be written, without changing anything."""
    directory = path.parent
    if path.exists():
        try:
            fd = os.open(path, os.O_RDWR)
        except OSError as exc:
            return f"the file is not writable ({os.strerror(exc.errno or errno.EACCES)})"
        os.close(fd)
    # SQLite creates "<name>-wal" and "<name>-shm" beside the database in WAL mode.
    probe = directory / f".{path.name}.write-probe-{os.getpid()}"
    try:
        fd = os.open(probe, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return None
    except OSError as exc:
        return (
            f"the directory {directory} is not writable "
            f"({os.strerror(exc.errno or errno.EACCES)}); SQLite needs to create "
            f"{path.name}-wal and {path.name}-shm there"
        )
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)
    return None


def classify(exc: BaseException, path: Path, *, opening: bool = False) -> StoreError:
    """Turn an ``sqlite3``/OS error into a :class:`StoreError` with a message that says what
    to fix. ``opening`` adds start-up advice (the bot refuses to start rather than reset)."""
    if isinstance(exc, StoreError):
        return exc
    where = f"database {path}"
    detail = str(exc) or type(exc).__name__
    code = _primary_code(exc) if isinstance(exc, sqlite3.Error) else None
    if isinstance(exc, OSError) and exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return StoreError(
            "read-only",
            f"{where} is read-only: check permissions ({detail})",
            path,
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return StoreError("disk-full", f"{where}: the disk is full, free some space", path)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "locked" in detail:
        return StoreError(
            "locked",
            f"{where} is locked by another process? Another copy of the bot, or a sqlite3 "
            f"shell with an open transaction, may be holding it; stop it and retry "
            f"(SQLite said: {detail})",
            path,
        )
    if code in (_SQLITE_NOTADB, _SQLITE_CORRUPT) or "not a database" in detail:
        return StoreError(
            "corrupt",
            f"{where} is not a database / corrupt: move it aside (keep it for inspection) "
            f"and start again to create a new one; it was left untouched "
            f"(SQLite said: {detail})",
            path,
        )
    if code == _SQLITE_FULL:
        return StoreError("disk-full", f"{where}: the disk is full, free some space", path)
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or "readonly" in detail:
        reason = _probe_writable(path)
        if reason is not None or code != _SQLITE_CANTOPEN:
            because = reason or detail
            return StoreError(
                "read-only",
                f"{where} is read-only: check permissions: {because} (SQLite said: {detail})",
                path,
            )
        return StoreError(
            "io",
            f"cannot open {where}: check that the path is right and its directory exists "
            f"(SQLite said: {detail})",
            path,
        )
    if code == _SQLITE_IOERR:
        reason = _probe_writable(path)
        if reason is not None:
            return StoreError(
                "read-only", f"{where} is read-only: check permissions: {reason}", path
            )
        return StoreError("io", f"{where}: input/output error ({detail})", path)
    prefix = "cannot open " if opening else ""
    return StoreError("io", f"{prefix}{where}: {detail}", path)
