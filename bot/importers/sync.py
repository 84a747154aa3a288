"""Keep ``schedule.yaml`` in step with the programme at ``SCHEDULE_URL``. No Discord.

:class:`ScheduleSync` is one poll's worth of logic, called by the Discord cog every
``SCHEDULE_POLL_MINUTES`` and by ``/kb sync``:

1. fetch the export (:func:`~bot.importers.fetch.fetch_schedule`), conditionally when the
   ``schedule.yaml`` on disk is still the one the last good fetch gave: ``304`` ends there;
2. import it exactly as ``python -m bot import FILE`` does
   (:func:`~bot.importers.importer.import_schedule_bytes`: nothing written unless the whole
   folder validates with the new file);
3. report an :class:`SyncOutcome`; the caller reloads the knowledge base when it says
   ``updated``.

Whatever goes wrong (timeout, DNS, HTTP 4xx/5xx, a truncated body, a body that is not a
schedule, a folder that no longer validates) leaves ``schedule.yaml`` as it was and becomes a
:class:`SyncFault`. ``SyncOutcome.notify`` is true only the first time a given fault is seen
(and ``recovered`` the first time it works again), so organisers are told once, not at every
poll. An export that suddenly has no sessions, when the current one has some, is refused
unless the sync is forced (``/kb sync force:True``): a broken export must not wipe the agenda.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

import aiohttp

from bot.importers.errors import ScheduleImportError
from bot.importers.fetch import (
    DEFAULT_MAX_BYTES,
    DEFAULT_TIMEOUT,
    Fetched,
    FetchError,
    Validators,
    fetch_schedule,
)
from bot.importers.importer import SCHEDULE_FILE, ImportResult, import_schedule_bytes
from bot.safe_url import redact_url

PROBLEMS_KEPT = 10
_HTML = re.compile(rb"^\s*(<!doctype\s+html|<html)", re.IGNORECASE)

Status = Literal["unchanged", "updated", "failed"]


class EmptyProgrammeError(ScheduleImportError):
    """The new export has no scheduled session while the current programme has some."""


def refuse_empty(result: ImportResult) -> None:
    """An :data:`~bot.importers.importer.ImportCheck`: refuse an export with no scheduled
    session when the ``schedule.yaml`` it would replace had sessions."""
    if any(s.get("start") for s in result.data.sessions):
        return
    lost = len(result.removed) + len(result.changed)
    if lost:
        raise EmptyProgrammeError(
            str(result.data.source),
            f"the new programme has no scheduled session (the current one has {lost}); "
            "not applied, in case the export is broken",
        )


@dataclass(frozen=True)
class SyncFault:
    """Why a sync did not apply the programme. ``kind``: a :data:`~bot.importers.fetch.
    FaultKind`, or ``invalid`` (the folder would not validate), ``empty`` (the guard),
    ``write`` (the file could not be written)."""

    kind: str
    message: str
    signature: str
    problems: tuple[str, ...] = ()

    @classmethod
    def of(cls, error: FetchError | ScheduleImportError | OSError, url: str) -> SyncFault:
        if isinstance(error, FetchError):
            return cls(error.kind, error.message, error.signature)
        if isinstance(error, EmptyProgrammeError):
            return cls("empty", error.message, "empty")
        if isinstance(error, ScheduleImportError):
            problems = tuple(str(p) for p in error.problems[:PROBLEMS_KEPT])
            more = len(error.problems) - len(problems)
            if more > 0:
                problems += (f"... and {more} more",)
            # Problems placed in the export itself: not a schedule; elsewhere (the folder,
            # a hand-written file): the folder would not validate with it.
            shown = redact_url(url)
            in_export = all(p.place.startswith(shown) for p in error.problems)
            kind = "not-schedule" if in_export else "invalid"
            what = (
                "is not a schedule export the importer can read"
                if kind == "not-schedule"
                else "would make the knowledge folder invalid"
            )
            return cls(
                kind,
                f"{shown} {what} ({len(error.problems)} problem(s)); first: {error.problems[0]}",
                kind,
                problems,
            )
        reason = getattr(error, "strerror", None) or type(error).__name__
        return cls("write", f"cannot write {SCHEDULE_FILE}: {reason}", "write")


@dataclass(frozen=True)
class SyncOutcome:
    """One sync: ``status``, the import ``result`` when a programme was read, the ``fault``
    when it failed; ``notify``: a fault organisers have not been told about yet;
    ``recovered``: the first success after a fault they were told about."""

    status: Status
    at: datetime
    result: ImportResult | None = None
    fault: SyncFault | None = None
    not_modified: bool = False
    notify: bool = False
    recovered: bool = False
    forced: bool = False


async def fetch_and_import(
    url: str,
    out_dir: Path,
    *,
    validators: Validators | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timezone: str = "",
    overlaps: str = "unroom",
    keep_event: bool = False,
    dry_run: bool = False,
    guard_empty: bool = False,
    session: aiohttp.ClientSession | None = None,
) -> tuple[Fetched, ImportResult | None]:
    """Fetch ``url`` and import it into ``out_dir`` (in a worker thread: parsing a large
    export must not stall the event loop). ``None`` as the result: 304 Not Modified.
    Raises :class:`FetchError` or :class:`ScheduleImportError`; nothing is written then."""
    fetched = await fetch_schedule(
        url, validators=validators, timeout=timeout, max_bytes=max_bytes, session=session
    )
    if fetched.body is None:
        return fetched, None
    shown = redact_url(url)
    if _HTML.match(fetched.body[:512]):
        raise FetchError(
            "not-schedule",
            f"{shown} returned a web page (HTML), not a schedule export: is the schedule "
            "published? (pretalx: https://HOST/EVENT/schedule/export/schedule.json or .xml)",
        )
    result = await asyncio.to_thread(
        import_schedule_bytes,
        fetched.body,
        shown,
        out_dir,
        timezone=timezone,
        overlaps=overlaps,
        keep_event=keep_event,
        dry_run=dry_run,
        check=refuse_empty if guard_empty else None,
    )
    return fetched, result


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_size, stat.st_mtime_ns)


@dataclass
class ScheduleSync:
    """The state of the schedule sync of one knowledge folder (see the module docstring).

    ``directory`` is called at each sync (the running knowledge base's folder can change);
    ``clock`` gives aware datetimes; ``session`` is for tests (a fake resolver...).
    """

    url: str = field(repr=False)
    directory: Callable[[], Path]
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    timezone: str = ""
    keep_event: bool = False
    clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    session: aiohttp.ClientSession | None = None
    validators: Validators = field(default_factory=Validators)
    fault: SyncFault | None = None
    last_success: datetime | None = None
    last_change: datetime | None = None
    failures: int = 0
    _told: str | None = None
    _written: tuple[int, int] | None = None
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    @property
    def shown_url(self) -> str:
        return redact_url(self.url)

    async def sync(self, *, force: bool = False) -> SyncOutcome:
        """Fetch, import, report; never raises for a fault (see :class:`SyncOutcome`).

        ``force``: fetch without validators (no 304) and apply even a programme without
        sessions."""
        async with self._lock:
            target = self.directory() / SCHEDULE_FILE
            # Conditional only while schedule.yaml is the file the last good sync left: if
            # someone deleted or replaced it, fetch in full and write it again.
            conditional = (
                not force and self._written is not None and _stamp(target) == (self._written)
            )
            try:
                fetched, result = await fetch_and_import(
                    self.url,
                    self.directory(),
                    validators=self.validators if conditional else None,
                    timeout=self.timeout,
                    max_bytes=self.max_bytes,
                    timezone=self.timezone,
                    keep_event=self.keep_event,
                    guard_empty=not force,
                    session=self.session,
                )
            except (FetchError, ScheduleImportError, OSError) as error:
                return self.fail(SyncFault.of(error, self.url), forced=force)
            now = self.clock()
            recovered = self._told is not None
            self._told, self.fault, self.failures = None, None, 0
            self.last_success = now
            if result is None:
                return SyncOutcome(
                    "unchanged", now, not_modified=True, recovered=recovered, forced=force
                )
            self.validators = fetched.validators
            self._written = _stamp(target)
            status: Status = "updated" if result.written else "unchanged"
            if status == "updated":
                self.last_change = now
            return SyncOutcome(status, now, result=result, recovered=recovered, forced=force)

    def fail(self, fault: SyncFault, *, forced: bool = False) -> SyncOutcome:
        """Record ``fault`` (also one the caller met after a good fetch, such as a reload
        that failed); the outcome says whether organisers still need to be told."""
        self.fault = fault
        self.failures += 1
        notify = fault.signature != self._told
        self._told = fault.signature
        return SyncOutcome("failed", self.clock(), fault=fault, notify=notify, forced=forced)


def first_import(
    url: str,
    directory: Path,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timezone: str = "",
    keep_event: bool = False,
) -> str:
    """Fetch and import the programme once, before the bot starts on a knowledge folder that
    has no ``schedule.yaml`` yet (a fresh deployment configured with only ``SCHEDULE_URL``);
    returns one line saying what happened. Never raises for a fault: the start goes on with
    what the folder holds, and the message says why the programme is not there."""
    shown = redact_url(url)
    try:
        _, result = asyncio.run(
            fetch_and_import(
                url,
                directory,
                timeout=timeout,
                max_bytes=max_bytes,
                timezone=timezone,
                keep_event=keep_event,
            )
        )
    except (FetchError, ScheduleImportError, OSError) as error:
        return f"warning: the programme could not be imported: {SyncFault.of(error, url).message}"
    assert result is not None  # no validators sent: never a 304
    return f"imported the programme from {shown}: {len(result.data.sessions)} sessions"


__all__ = [
    "EmptyProgrammeError",
    "ScheduleSync",
    "SyncFault",
    "SyncOutcome",
    "fetch_and_import",
    "first_import",
    "refuse_empty",
]
