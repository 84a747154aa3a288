"""What the format readers (JSON, XML) produce: the schedule's facts, format-neutral.

Values are already cleaned (HTML turned into text, localised fields kept as a mapping of
language to string) but not yet shaped for the knowledge base: ids, the time zone, the
event's dates and overlaps are decided in :mod:`bot.importers.build`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

# A text as read: one string for any language ("*") or one per language code.
LocalText = dict[str, str]


@dataclass
class RawPerson:
    place: str
    name: str
    id: str = ""
    code: str = ""
    guid: str = ""
    bio: LocalText = field(default_factory=dict)
    url: str = ""


@dataclass
class RawSession:
    place: str
    title: LocalText
    id: str = ""
    code: str = ""
    guid: str = ""
    slug: str = ""
    subtitle: LocalText = field(default_factory=dict)
    # An aware start (from an ISO date with an offset), or a naive local one to be read in
    # the event's time zone (FOSDEM's XML has only the day's date and "10:30").
    start: datetime | None = None
    minutes: int | None = None
    room: str = ""
    track: str = ""
    format: str = ""
    language: str = ""
    abstract: LocalText = field(default_factory=dict)
    description: LocalText = field(default_factory=dict)
    url: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, url)
    persons: list[RawPerson] = field(default_factory=list)


@dataclass
class RawSchedule:
    source: str  # the file name, for places and the generated header
    format: str  # "frab/pretalx schedule.json", "schedule.xml", ...
    title: str
    acronym: str = ""
    start: date | None = None
    end: date | None = None
    time_zone_name: str = ""
    city: str = ""
    venue: str = ""
    description: LocalText = field(default_factory=dict)
    url: str = ""
    rooms: list[str] = field(default_factory=list)
    tracks: list[str] = field(default_factory=list)
    sessions: list[RawSession] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # Where the time zone name came from, for error messages: a JSON path or file:line.
    time_zone_place: str = ""


__all__ = ["LocalText", "RawPerson", "RawSchedule", "RawSession"]
