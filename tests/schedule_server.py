"""A schedule export served over HTTP on 127.0.0.1, for the schedule-sync tests.

:class:`ScheduleServer` serves ``/schedule.json`` from a real export (``shared/data/schedules``)
with an ``ETag`` and a ``Last-Modified``, answers ``304`` to a matching conditional request,
and can be told to fail in every way a real server does: an HTTP error, a slow answer, a body
cut short, a web page instead of the export, redirect loops. It records every request.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import hashlib
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

SCHEDULES = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "schedules"
REAL_EXPORT = "pretalx-rc3.json"


def real_export(name: str = REAL_EXPORT) -> bytes:
    path = SCHEDULES / name
    if not path.is_file():
        pytest.skip(f"real export {name} is not in {SCHEDULES.resolve()}")
    return path.read_bytes()


def modified_export(data: bytes) -> bytes:
    """The rC3 export after a day of changes: one talk cancelled, one moved an hour later,
    one moved to another room."""
    schedule = json.loads(data)
    days = schedule["schedule"]["conference"]["days"]
    del days[0]["rooms"]["Chaos-West TV - Ennepetal"][0]  # cancelled
    (moved,) = days[3]["rooms"]["hacc München / about:future - München"]
    later = datetime.fromisoformat(moved["date"]) + timedelta(hours=1)
    moved["date"], moved["start"] = later.isoformat(), later.strftime("%H:%M")
    talk = days[1]["rooms"].pop("ChaosTrawler Stubnitz/Gängeviertel Hamburg")[0]
    talk["room"] = "Stubnitz deck"
    days[1]["rooms"]["Stubnitz deck"] = [talk]
    return json.dumps(schedule).encode()


def empty_export(data: bytes) -> bytes:
    """The same conference with every talk gone (a broken export)."""
    schedule = copy.deepcopy(json.loads(data))
    for day in schedule["schedule"]["conference"]["days"]:
        for room in day["rooms"]:
            day["rooms"][room] = []
    return json.dumps(schedule).encode()


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    status: int


@dataclass
class ScheduleServer:
    """Set ``body`` (and it gets a new ETag), or one of the faults, between requests."""

    body: bytes = b""
    status: int = 200
    delay: float = 0.0
    truncate_at: int | None = None
    content_type: str = "application/json"
    use_etag: bool = True
    requests: list[Seen] = field(default_factory=list)
    port: int = 0
    _runner: web.AppRunner | None = None
    _modified: datetime = field(default_factory=lambda: datetime(2020, 12, 20, tzinfo=UTC))

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/schedule.json"

    def link(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def serve(self, body: bytes, *, when: datetime | None = None) -> None:
        self.body = body
        self.status = 200
        self._modified = when or datetime.now(UTC).replace(microsecond=0)

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha256(self.body).hexdigest()[:16] + '"'

    @property
    def statuses(self) -> list[int]:
        return [seen.status for seen in self.requests]

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/schedule.json", self._schedule)
        app.router.add_get("/loop", self._loop)
        app.router.add_get("/moved", self._moved)
        app.router.add_get("/to-ftp", self._to_ftp)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _seen(self, request: web.Request, status: int) -> None:
        self.requests.append(Seen(request.path, dict(request.headers), status))

    async def _schedule(self, request: web.Request) -> web.StreamResponse:
        if self.delay:
            await asyncio.sleep(self.delay)
        if self.status != 200:
            self._seen(request, self.status)
            return web.Response(status=self.status, text="nope")
        headers = {"Last-Modified": format_datetime(self._modified, usegmt=True)}
        if self.use_etag:
            headers["ETag"] = self.etag
        if (self.use_etag and request.headers.get("If-None-Match") == self.etag) or (
            not self.use_etag
            and request.headers.get("If-Modified-Since") == headers["Last-Modified"]
        ):
            self._seen(request, 304)
            return web.Response(status=304, headers=headers)
        self._seen(request, 200)
        if self.truncate_at is not None:
            response = web.StreamResponse(headers=headers)
            response.content_type = self.content_type
            response.content_length = len(self.body)
            await response.prepare(request)
            await response.write(self.body[: self.truncate_at])
            assert request.transport is not None
            request.transport.close()
            return response
        return web.Response(body=self.body, headers=headers, content_type=self.content_type)

    async def _loop(self, request: web.Request) -> web.StreamResponse:
        self._seen(request, 302)
        raise web.HTTPFound("/loop")

    async def _moved(self, request: web.Request) -> web.StreamResponse:
        self._seen(request, 301)
        raise web.HTTPMovedPermanently("/schedule.json")

    async def _to_ftp(self, request: web.Request) -> web.StreamResponse:
        self._seen(request, 302)
        raise web.HTTPFound("ftp://127.0.0.1/schedule.json")


def session_count(kb: Any) -> int:
    return sum(1 for s in kb.sessions if s.start is not None)


@contextlib.contextmanager
def server_thread(body: bytes) -> Iterator[ScheduleServer]:
    """A :class:`ScheduleServer` running in a thread of its own (for code that calls
    ``asyncio.run`` itself, like the command line)."""
    server = ScheduleServer()
    server.serve(body)
    loop = asyncio.new_event_loop()
    ready = threading.Event()

    def run() -> None:
        asyncio.set_event_loop(loop)
        loop.run_until_complete(server.start())
        ready.set()
        loop.run_forever()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(10), "the schedule server did not start"
    try:
        yield server
    finally:
        asyncio.run_coroutine_threadsafe(server.stop(), loop).result(10)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(10)
        loop.close()
