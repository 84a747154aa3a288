"""Small readers shared by the JSON and XML importers: durations, dates, localised texts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeGuard

from bot.importers.html_text import html_to_text, one_line
from bot.importers.raw import LocalText

_HMS = re.compile(r"^(\d{1,3}):([0-5]\d)(?::([0-5]\d))?$")
_ISO_DURATION = re.compile(r"^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")


def parse_duration(value: Any) -> int | None:
    """Minutes from ``"00:45"``, ``"1:30"``, ``"00:45:00"`` (the XML schema's HH:MM:SS),
    ``"PT45M"`` or a number of minutes; None when unreadable.

    Three parts are read as hours:minutes:seconds, as the schedule.xml schema defines them;
    hours may exceed 24 for long events (a "48:00" hackathon). Seconds are rounded up.
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 0 else None
    if not isinstance(value, str):
        return None
    text = value.strip()
    match = _HMS.match(text)
    if match:
        hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return hours * 60 + minutes + (1 if seconds else 0)
    match = _ISO_DURATION.match(text)
    if match and text != "P" and not text.endswith("T"):
        days, hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
        return days * 24 * 60 + hours * 60 + minutes + (1 if seconds else 0)
    return None


def parse_iso_datetime(value: Any) -> datetime | None:
    """An ISO 8601 date-time (``2020-12-27T11:30:00+01:00``, ``...Z``); None when unreadable."""
    if not isinstance(value, str) or "T" not in value.strip().upper():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def parse_date(value: Any) -> date | None:
    """A ``YYYY-MM-DD`` date, or the date part of an ISO date-time; None when unreadable."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def parse_clock(value: Any) -> time | None:
    """``"10:30"`` or ``"10:30:00"``; None when unreadable."""
    if not isinstance(value, str):
        return None
    match = re.match(r"^([01]?\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$", value.strip())
    if not match:
        return None
    return time(int(match.group(1)), int(match.group(2)), int(match.group(3) or 0))


def local_text(value: Any, clean: Callable[[str | None], str] = html_to_text) -> LocalText:
    """A text field that may be a string or a mapping of language to string (pretalx
    exports localised fields as ``{"en": "...", "de": "..."}``), cleaned; empty ones dropped."""
    if isinstance(value, str):
        text = clean(value)
        return {"*": text} if text else {}
    if isinstance(value, dict):
        out: LocalText = {}
        for key, item in value.items():
            if isinstance(key, str) and isinstance(item, str):
                text = clean(item)
                if text:
                    out[key.strip().lower() or "*"] = text
        return out
    return {}


def pick(text: LocalText, prefer: tuple[str, ...] = ("*", "en", "fr")) -> str:
    """One string from a :data:`LocalText`: the language-neutral one, else English, else any."""
    for key in prefer:
        if text.get(key):
            return text[key]
    return next(iter(text.values()), "")


def plain(value: Any) -> str:
    """A one-line string field (room, track, type) that may be localised or null."""
    return pick(local_text(value, one_line))


def is_http_url(value: Any) -> TypeGuard[str]:
    return isinstance(value, str) and bool(re.match(r"^https?://[^\s/]+\S*$", value.strip()))


__all__ = [
    "is_http_url",
    "local_text",
    "parse_clock",
    "parse_date",
    "parse_duration",
    "parse_iso_datetime",
    "pick",
    "plain",
]
