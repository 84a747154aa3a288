"""How a setting's text becomes its value.

A parser is called with the variable's name and its text. It returns the value, or raises
:class:`InvalidSetting` with every problem it found, each naming the variable and what was
expected, so that :func:`bot.settings.load_settings` can report them all together.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeAlias, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.safe_url import url_problem

MAX_SHOWN = 40
"""A wrong value longer than this is shown cut in the error."""

T = TypeVar("T")
N = TypeVar("N", int, float)

Parser: TypeAlias = Callable[[str, str], T]
"""``parse(variable, text) -> value``; raises :class:`InvalidSetting`."""


class InvalidSetting(Exception):
    def __init__(self, *problems: str) -> None:
        self.problems = list(problems)
        super().__init__(*problems)


def verbatim(name: str, value: str) -> str:
    """The text as written (a secret may begin or end with a space)."""
    return value


def stripped(name: str, value: str) -> str:
    return value.strip()


def channel_or_role(name: str, value: str) -> str:
    """A channel or role name as people write it in Discord (``#questions``, ``@Crew``), or
    an id."""
    return value.strip().lstrip("#@")


def organiser_role(name: str, value: str) -> str:
    role = channel_or_role(name, value)
    if not role:
        raise InvalidSetting(
            f"{name} is empty: organiser commands (/announce, /kb, /questions) need a "
            "role to check; give the organisers' role name or id (default: Organiser)"
        )
    return role


def channel_names(name: str, value: str) -> tuple[str, ...]:
    """``questions, #help`` -> ``("questions", "help")``."""
    return tuple(part.strip().lstrip("#") for part in value.split(",") if part.strip())


def room_channels(name: str, value: str) -> dict[str, str]:
    """``Room A=#room-a, Hall=hall`` -> ``{"Room A": "room-a", "Hall": "hall"}``."""
    rooms: dict[str, str] = {}
    problems: list[str] = []
    for pair in value.split(","):
        room, sep, channel = pair.partition("=")
        if not sep or not room.strip() or not channel.strip():
            problems.append(f"{name}: expected 'Room name=channel,...', got {pair!r}")
            continue
        rooms[room.strip()] = channel.strip().lstrip("#")
    if problems:
        raise InvalidSetting(*problems)
    return rooms


def file_path(name: str, value: str) -> Path:
    return Path(value)


TRUE = ("1", "true", "yes", "on")
FALSE = ("", "0", "false", "no", "off")


def boolean(name: str, value: str) -> bool:
    lowered = value.strip().lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise InvalidSetting(f"{name}: expected true or false, got {value!r}")


LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def log_level(name: str, value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise InvalidSetting(f"{name}: expected DEBUG, INFO, WARNING or ERROR, got {level!r}")
    return level


def http_url(name: str, value: str) -> str:
    """An http(s) URL (see :func:`bot.safe_url.url_problem`), or empty for none."""
    url = value.strip()
    problem = url_problem(url) if url else None
    if problem:
        raise InvalidSetting(f"{name}: {problem}")
    return url


def time_zone(name: str, value: str) -> str:
    """An IANA time zone name, or empty for none."""
    zone = value.strip()
    if zone:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise InvalidSetting(
                f"{name}: expected an IANA time zone like Europe/Berlin, got {zone!r}"
            ) from None
    return zone


def shown_number(number: float) -> str:
    """``10.0`` -> ``10``; ``2.5`` stays."""
    return str(int(number)) if float(number).is_integer() else str(number)


@dataclass(frozen=True)
class Number(Generic[N]):
    """A ``kind`` within ``[minimum, maximum]`` (both ends included). NaN and infinities are
    refused: ``nan`` would silently disable a cooldown (every comparison with it is false),
    ``inf`` block forever."""

    kind: type[N]
    minimum: float
    maximum: float
    unit: str = ""
    """What the number counts, and what the ends mean, as the error message shows it."""

    @property
    def allowed(self) -> str:
        """``a whole number from 0 to 10080 (minutes, up to 7 days)``."""
        wanted = "a whole number" if self.kind is int else "a finite number"
        unit = f" ({self.unit})" if self.unit else ""
        return f"{wanted} from {shown_number(self.minimum)} to {shown_number(self.maximum)}{unit}"

    def __call__(self, name: str, value: str) -> N:
        try:
            number = self.kind(value)
            usable = math.isfinite(number)  # a whole number of 310+ digits overflows a float
        except (ValueError, OverflowError):
            usable = False
        if not usable or not self.minimum <= number <= self.maximum:
            shown = value if len(value) <= MAX_SHOWN else f"{value[:MAX_SHOWN]}..."
            raise InvalidSetting(f"{name}: expected {self.allowed}, got {shown!r}")
        return number
