"""Choosing the event's IANA time zone when importing a schedule.

The knowledge base needs an IANA name (``Europe/Berlin``). In order:

1. ``--timezone`` given by the organiser;
2. the export's ``time_zone_name`` (frab, newer pretalx);
3. the conference's city when a zone is named after it and agrees with every session's
   UTC offset (FOSDEM's XML has no zone and no offsets, but ``<city>Brussels</city>``);
4. the sessions' UTC offsets when they are all the same whole hour: the fixed zone
   ``Etc/GMT-1`` for +01:00 (``UTC`` for +00:00). It is an IANA name, it is exact for
   every session of the export, and it claims nothing about where the event is (rC3 2020,
   online, has only "+01:00"; calling it Europe/Berlin would be a guess). Pass
   ``--timezone Europe/Berlin`` for a friendlier name;
5. offsets that change during the event (a daylight-saving switch) or are not whole hours:
   a real zone that gives each session its offset, with a warning saying which was picked
   (any such zone shows every session at its right local time);
6. nothing to go on (no name, no city, no offsets): an error asking for ``--timezone``.

Every session keeps its own offset in the YAML (``2020-12-27T11:30+01:00``), so instants
never depend on this choice; only how local times are shown does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.importers.errors import ScheduleImportError
from bot.textfold import fold


@dataclass(frozen=True)
class ZoneChoice:
    name: str
    reason: str  # for the import report: "time_zone_name in the file", ...
    warning: str = ""


def load_zone(name: str) -> ZoneInfo | None:
    if not name or name != name.strip() or ".." in name or name.startswith("/"):
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@cache
def _canonical_zones() -> tuple[str, ...]:
    """Canonical zone names (tzdata's zone1970.tab), else every available name."""
    try:
        table = resources.files("tzdata").joinpath("zoneinfo", "zone1970.tab").read_text("utf-8")
        names = [
            line.split("\t")[2]
            for line in table.splitlines()
            if line and not line.startswith("#") and len(line.split("\t")) > 2
        ]
        if names:
            return tuple(sorted(set(names)))
    except (ModuleNotFoundError, FileNotFoundError, OSError):  # pragma: no cover
        pass
    return tuple(sorted(n for n in available_timezones() if "/" in n and not n.startswith("Etc/")))


def _fold(text: str) -> str:
    return "".join(ch for ch in fold(text) if ch.isascii() and ch.isalnum())


def _fits(zone: ZoneInfo, samples: list[datetime]) -> bool:
    return all(sample.astimezone(zone).utcoffset() == sample.utcoffset() for sample in samples)


def _offset_text(offset: timedelta) -> str:
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "-"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def choose_zone(
    *,
    explicit: str = "",
    named: str = "",
    named_place: str = "",
    city: str = "",
    starts: list[datetime],
    source: str,
) -> ZoneChoice:
    """The event's zone, following the order in the module's docstring."""
    if explicit:
        if load_zone(explicit) is None:
            raise ScheduleImportError(
                "--timezone",
                f"unknown time zone {explicit!r}; expected an IANA name such as Europe/Berlin",
            )
        return ZoneChoice(explicit, "--timezone")
    if named:
        if load_zone(named) is None:
            raise ScheduleImportError(
                named_place or source,
                f"time_zone_name {named!r} is not an IANA time zone name; "
                "pass --timezone with the right one (e.g. Europe/Berlin)",
            )
        return ZoneChoice(named, "time_zone_name in the file")
    aware = [s for s in starts if s.tzinfo is not None]
    if city:
        wanted = _fold(city)
        for name in _canonical_zones():
            if _fold(name.rsplit("/", 1)[-1]) == wanted:
                zone = load_zone(name)
                if zone is not None and _fits(zone, aware):
                    return ZoneChoice(name, f"the conference's city ({city})")
    offsets = sorted({offset for s in aware if (offset := s.utcoffset()) is not None})
    if len(offsets) == 1 and offsets[0] is not None:
        offset = offsets[0]
        seconds = int(offset.total_seconds())
        if seconds % 3600 == 0 and abs(seconds) <= 14 * 3600:
            hours = seconds // 3600
            # POSIX sign convention: Etc/GMT-1 is one hour *ahead* of UTC.
            name = "UTC" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"
            return ZoneChoice(
                name,
                f"the sessions' UTC offset ({_offset_text(offset)}); the file names no time zone",
            )
    if aware:
        samples = sorted({(s.utcoffset(), s.replace(second=0, microsecond=0)) for s in aware})
        distinct = [sample for _, sample in samples]
        candidates = [
            name
            for name in _canonical_zones()
            if (z := load_zone(name)) is not None and _fits(z, distinct)
        ]
        shown = ", ".join(_offset_text(o) for o in offsets if o is not None)
        if candidates:
            return ZoneChoice(
                candidates[0],
                f"the sessions' UTC offsets ({shown})",
                warning=(
                    f"the file names no time zone; {candidates[0]} matches every session's UTC "
                    f"offset ({shown}), as do {len(candidates) - 1} others"
                    + (f" (e.g. {', '.join(candidates[1:4])})" if len(candidates) > 1 else "")
                    + "; pass --timezone to choose"
                ),
            )
        raise ScheduleImportError(
            source,
            f"no IANA time zone gives the sessions their UTC offsets ({shown}); pass --timezone",
        )
    raise ScheduleImportError(
        source,
        "the file names no time zone and its times carry no UTC offset: pass --timezone "
        "with the event's IANA zone, e.g. --timezone Europe/Brussels",
    )


__all__ = ["ZoneChoice", "choose_zone", "load_zone"]
