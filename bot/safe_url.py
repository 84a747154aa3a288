"""URLs the bot fetches (``SCHEDULE_URL``): which ones are allowed, and how they are shown.

A schedule URL may carry credentials, as ``https://user:password@host/...`` or as a query
parameter (``?token=...``, the way some exports of unpublished schedules are shared). They are
never written to a log, a Discord message or a generated file: everything that shows a URL
shows :func:`redact_url` of it.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

ALLOWED_SCHEMES = ("http", "https")
HIDDEN = "***"


def url_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched (not http(s), no host, spaces...), or ``None``."""
    shown = redact_url(url)
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        return f"expected an http:// or https:// URL, got {shown!r}"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return f"expected an http:// or https:// URL, got {shown!r}"
    if not parts.hostname:
        return f"no host name in {shown!r}"
    if any(ch.isspace() for ch in url.strip()):
        return f"a URL cannot contain spaces: {shown!r}"
    return None


def redact_url(url: str) -> str:
    """``url`` with its user, password and query values replaced by ``***``; the fragment is
    dropped. Scheme, host, port and path stay, so an organiser still sees which URL it is."""
    try:
        parts = urlsplit(str(url).strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError:
        return HIDDEN
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host + (f":{port}" if port is not None else "")
    if parts.username is not None or parts.password is not None:
        netloc = f"{HIDDEN}@{netloc}"
    query = "&".join(
        f"{pair.partition('=')[0]}={HIDDEN}" if "=" in pair else HIDDEN
        for pair in parts.query.split("&")
        if pair
    )
    return urlunsplit((parts.scheme, netloc, parts.path, query, ""))


__all__ = ["ALLOWED_SCHEMES", "redact_url", "url_problem"]
