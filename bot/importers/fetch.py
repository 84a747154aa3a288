"""Fetch a schedule export over HTTP(S), bounded, with conditional requests. No Discord.

:func:`fetch_schedule` sends ``If-None-Match`` / ``If-Modified-Since`` when it has the
validators of the last good fetch, so an unchanged programme costs one ``304 Not Modified``
and no parsing. Every way a fetch can go wrong becomes a :class:`FetchError` whose ``kind``
says which (``timeout``, ``dns``, ``connect``, ``http``, ``too-large``, ``truncated``,
``redirects``, ``not-schedule``...) and whose message says what an organiser can do about
it. Bounds: http(s) only (redirects too), at most ``max_redirects`` redirects, a total
``timeout``, and at most ``max_bytes`` of body, counted after decompression (a small gzip
bomb cannot fill the memory). URLs are shown redacted (:func:`bot.safe_url.redact_url`).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Literal

import aiohttp

from bot.safe_url import redact_url, url_problem

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_BYTES = 20 * 2**20
MAX_REDIRECTS = 5
"""Redirects followed (pretalx and frab redirect at most once or twice: http -> https, a
trailing slash, a renamed event)."""
CHUNK = 64 * 1024
USER_AGENT = "event-bot (schedule sync)"
ACCEPT = "application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.1"

FaultKind = Literal[
    "url",
    "timeout",
    "dns",
    "connect",
    "http",
    "too-large",
    "truncated",
    "redirects",
    "not-schedule",
]


class FetchError(Exception):
    """A fetch that did not give a schedule: ``kind`` (see :data:`FaultKind`), ``status`` for
    an HTTP error, and a message for organisers (the URL redacted)."""

    def __init__(self, kind: FaultKind, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.status = status
        self.message = message

    @property
    def signature(self) -> str:
        """What identifies this fault for "tell organisers once": the kind, and the HTTP
        status (a 404 after a 503 is a new problem; the same 503 again is not)."""
        return f"{self.kind}:{self.status}" if self.status is not None else self.kind


@dataclass(frozen=True)
class Validators:
    """What the server said identifies the version we have (for a conditional request)."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True)
class Fetched:
    """A fetch's outcome: ``body`` is ``None`` when the server answered 304 Not Modified."""

    url: str
    status: int
    body: bytes | None
    validators: Validators
    content_type: str = ""

    @property
    def not_modified(self) -> bool:
        return self.body is None


def _limit(max_bytes: int) -> str:
    return f"{max_bytes / 2**20:.1f} MiB" if max_bytes >= 2**20 else f"{max_bytes} bytes"


def _http_error(status: int, reason: str, shown: str) -> FetchError:
    hint = {
        401: "the URL needs credentials: is the schedule public?",
        403: "the server refuses access: is the schedule released (public)?",
        404: "no schedule at this address: check SCHEDULE_URL (pretalx: "
        "https://HOST/EVENT/schedule/export/schedule.json)",
        410: "the schedule was removed from this address",
        429: "the server is rate-limiting us; the next poll tries again",
    }.get(status)
    if hint is None:
        hint = (
            "the server has a problem; the next poll tries again"
            if status >= 500
            else "check SCHEDULE_URL"
        )
    return FetchError("http", f"{shown} answered HTTP {status} {reason}: {hint}", status=status)


async def _read_body(response: aiohttp.ClientResponse, max_bytes: int, shown: str) -> bytes:
    too_large = FetchError(
        "too-large",
        f"{shown}: the schedule is larger than SCHEDULE_MAX_BYTES ({_limit(max_bytes)}): refused",
    )
    declared = response.content_length
    if (
        declared is not None
        and declared > max_bytes
        and not response.headers.get("Content-Encoding")
    ):
        raise too_large
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise too_large
        chunks.append(chunk)
    return b"".join(chunks)


async def fetch_schedule(
    url: str,
    *,
    validators: Validators | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
    session: aiohttp.ClientSession | None = None,
) -> Fetched:
    """GET ``url`` (conditionally when ``validators`` are given); raise :class:`FetchError`.

    ``session``: an existing client session to use (tests pass one with a fake resolver);
    by default a short-lived one is made, honouring ``HTTPS_PROXY`` / ``NO_PROXY``.
    """
    shown = redact_url(url)
    problem = url_problem(url)
    if problem:
        raise FetchError("url", f"SCHEDULE_URL: {problem}")
    headers = {"User-Agent": USER_AGENT, "Accept": ACCEPT}
    if validators:
        headers.update(validators.headers())
    own = session is None
    client = session or aiohttp.ClientSession(trust_env=True)
    try:
        async with asyncio.timeout(timeout):
            async with client.get(
                url.strip(),
                headers=headers,
                max_redirects=max_redirects,
                timeout=aiohttp.ClientTimeout(total=timeout),
            ) as response:
                final = redact_url(str(response.url))
                if response.status == 304:
                    return Fetched(final, 304, None, validators or Validators())
                if response.status >= 400:
                    raise _http_error(response.status, response.reason or "", shown)
                if response.status != 200:
                    raise FetchError(
                        "http",
                        f"{shown} answered HTTP {response.status} {response.reason or ''}, "
                        "expected 200 with the schedule",
                        status=response.status,
                    )
                body = await _read_body(response, max_bytes, shown)
                got = Validators(
                    response.headers.get("ETag"), response.headers.get("Last-Modified")
                )
                return Fetched(final, 200, body, got, response.content_type or "")
    except FetchError:
        raise
    except TimeoutError:
        raise FetchError(
            "timeout", f"{shown}: no complete answer within {timeout:g} s (timeout)"
        ) from None
    except aiohttp.ClientConnectorDNSError:
        raise FetchError(
            "dns", f"{shown}: the host name cannot be resolved (DNS): check SCHEDULE_URL"
        ) from None
    except aiohttp.TooManyRedirects:
        raise FetchError(
            "redirects", f"{shown}: more than {max_redirects} redirects: check SCHEDULE_URL"
        ) from None
    except (aiohttp.InvalidUrlRedirectClientError, aiohttp.NonHttpUrlRedirectClientError):
        raise FetchError(
            "redirects", f"{shown}: redirected to an address that is not http(s): refused"
        ) from None
    except aiohttp.ClientPayloadError:
        raise FetchError(
            "truncated",
            f"{shown}: the connection closed before the whole schedule arrived (truncated)",
        ) from None
    except aiohttp.ServerDisconnectedError:
        raise FetchError(
            "truncated", f"{shown}: the server closed the connection before answering in full"
        ) from None
    except (aiohttp.ClientConnectorError, aiohttp.ClientOSError, OSError) as exc:
        reason = getattr(exc, "strerror", None) or type(exc).__name__
        raise FetchError("connect", f"{shown}: cannot connect ({reason})") from None
    except aiohttp.ClientError as exc:
        raise FetchError("connect", f"{shown}: the request failed ({type(exc).__name__})") from None
    finally:
        if own:
            await client.close()


__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "MAX_REDIRECTS",
    "FaultKind",
    "FetchError",
    "Fetched",
    "Validators",
    "fetch_schedule",
]
