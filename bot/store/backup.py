"""A consistent copy of the database while the bot runs (``python -m bot backup FILE``).

SQLite's online backup API copies the database page by page from a read transaction: with
the WAL journal the bot uses, a reader never blocks the bot's writes and sees one committed
state, so the copy is consistent even while questions are being logged. Copying the file with
``cp`` is not safe: the ``-wal`` file holds the latest commits, and a copy taken mid-write
can be torn. The copy is written beside the target, checked (``PRAGMA integrity_check``),
then renamed into place, so ``FILE`` is either a good backup or untouched.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from bot.store.errors import StoreError


@dataclass(frozen=True)
class BackupReport:
    path: Path
    bytes: int
    questions: int
    schema_version: int


def default_name(now: datetime | None = None) -> str:
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    return f"questions-{stamp}.sqlite3"


def backup_database(database: Path, target: Path, *, overwrite: bool = False) -> BackupReport:
    """Copy ``database`` to ``target`` (a file, or a folder for a time-stamped name)."""
    database = Path(database)
    target = Path(target)
    if not database.is_file():
        raise StoreError("missing", f"no database at {database} (check DATABASE_PATH)", database)
    if target.is_dir():
        target = target / default_name()
    if target.exists() and target.resolve() == database.resolve():
        raise StoreError("io", f"{target} is the database itself: choose another file", target)
    if target.exists() and not overwrite:
        raise StoreError("io", f"{target} exists: choose another name, or --force", target)
    if not target.parent.is_dir():
        raise StoreError("io", f"no folder {target.parent} for the backup", target)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        source = sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True, timeout=10)
        with contextlib.closing(source), contextlib.closing(sqlite3.connect(tmp)) as copy:
            source.backup(copy)  # one step: a single read snapshot, never torn
            copy.execute("PRAGMA journal_mode = DELETE")  # one self-contained file
            check = copy.execute("PRAGMA integrity_check").fetchone()[0]
            if check != "ok":
                raise StoreError("corrupt", f"the copy failed its integrity check: {check}", tmp)
            version = copy.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master")}
            if "questions" not in tables:
                raise StoreError(
                    "foreign", f"{database} is not the bot's database (no questions table)"
                )
            questions = copy.execute("SELECT COUNT(*) FROM questions").fetchone()[0]
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except sqlite3.Error as exc:
        raise StoreError("io", f"backup of {database} failed: {exc}", database) from None
    except OSError as exc:
        raise StoreError("io", f"cannot write {target}: {exc.strerror or exc}", target) from None
    finally:
        tmp.unlink(missing_ok=True)
    return BackupReport(target, target.stat().st_size, questions, version)


__all__ = ["BackupReport", "backup_database", "default_name"]
