"""The running bot's heartbeat, and reading it back for ``python -m bot health``.

Every :data:`INTERVAL_SECONDS` the Discord bot writes a :class:`Heartbeat` (when, whether it
is connected to Discord, which knowledge base it serves) into the database's ``meta`` table.
Writing it proves the store is open and writable; its content proves the gateway and the
knowledge base. ``health`` reads it with a plain read-only SQLite connection (no migration,
no write lock, nothing created), so Docker's ``HEALTHCHECK`` or a monitoring probe never
disturbs the bot, and says healthy only when it is recent (at most :data:`STALE_AFTER_SECONDS`
old: three missed beats), connected, not stopped, and serving a knowledge base.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

KEY = "heartbeat"
INTERVAL_SECONDS = 30
STALE_AFTER_SECONDS = 90


class HeartbeatError(Exception):
    """The heartbeat cannot be read (no database, not the bot's, unreadable)."""


@dataclass(frozen=True)
class Heartbeat:
    at: datetime
    pid: int
    host: str
    connected: bool
    guilds: int
    knowledge: str
    entries: int
    stopped: bool = False

    def to_json(self) -> str:
        data = asdict(self)
        data["at"] = self.at.astimezone(UTC).isoformat()
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Heartbeat:
        data = json.loads(text)
        at = datetime.fromisoformat(data.pop("at"))
        if at.tzinfo is None:
            raise ValueError("heartbeat time without a time zone")
        return cls(at=at, **data)


def read_heartbeat(database: Path, *, timeout: float = 2.0) -> Heartbeat | None:
    """The last heartbeat in ``database`` (``None``: the bot never wrote one there)."""
    if not database.is_file():
        raise HeartbeatError(
            f"no database at {database}: the bot has not started here (check DATABASE_PATH)"
        )
    try:
        uri = database.resolve().as_uri() + "?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=timeout)) as conn:
            rows = conn.execute("SELECT value FROM meta WHERE key = ?", (KEY,)).fetchall()
    except sqlite3.Error as exc:
        raise HeartbeatError(f"cannot read {database}: {exc}") from None
    if not rows:
        return None
    try:
        return Heartbeat.from_json(rows[0][0])
    except (ValueError, TypeError, KeyError) as exc:
        raise HeartbeatError(f"the heartbeat in {database} is unreadable: {exc}") from None


def assess(
    heartbeat: Heartbeat | None, now: datetime, *, stale_after: float = STALE_AFTER_SECONDS
) -> tuple[bool, str]:
    """``(healthy, one line saying why)``."""
    if heartbeat is None:
        return False, "no heartbeat yet: the Discord bot has not run with this database"
    age = (now - heartbeat.at).total_seconds()
    where = f"pid {heartbeat.pid} on {heartbeat.host}"
    if heartbeat.stopped:
        return False, f"the bot stopped ({where}) {age:.0f} s ago"
    if age > stale_after:
        return False, (
            f"last heartbeat {age:.0f} s ago (more than {stale_after:g} s): the bot ({where}) "
            "is not running or is stuck"
        )
    if not heartbeat.connected:
        return False, f"the bot ({where}) runs but is not connected to Discord"
    if heartbeat.entries <= 0:
        return False, f"the bot ({where}) has no knowledge base loaded"
    return True, (
        f"connected to Discord ({heartbeat.guilds} server(s)), serving {heartbeat.knowledge!r} "
        f"({heartbeat.entries} entries), heartbeat {max(age, 0):.0f} s ago ({where})"
    )


__all__ = [
    "INTERVAL_SECONDS",
    "KEY",
    "STALE_AFTER_SECONDS",
    "Heartbeat",
    "HeartbeatError",
    "assess",
    "read_heartbeat",
]
