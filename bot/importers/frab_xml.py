"""Read a frab / pentabarf / pretalx ``schedule.xml`` safely, with line numbers.

Parsing goes through :mod:`defusedxml`: entity declarations (the "billion laughs"
expansion), external entities and external DTDs are refused before anything is expanded.
Every element remembers its line, so a problem is reported as ``schedule.xml:1234``.
Times come from each event's ``<date>`` (an ISO date-time with its offset) when present;
exports without it (FOSDEM's) give the day's date and ``<start>``, read in the event's time
zone, and a start before the conference's ``day_change`` belongs to the next calendar day.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, datetime, timedelta
from typing import Any

import defusedxml
from defusedxml.ElementTree import DefusedXMLParser

from bot.importers.errors import ImportProblem, ScheduleImportError
from bot.importers.html_text import one_line
from bot.importers.raw import RawPerson, RawSchedule, RawSession
from bot.importers.values import (
    is_http_url,
    local_text,
    parse_clock,
    parse_date,
    parse_duration,
    parse_iso_datetime,
)


class _LineTarget:
    """A tree builder that notes the line of every element (expat knows it while parsing)."""

    def __init__(self) -> None:
        self.builder = ET.TreeBuilder()
        self.lines: dict[ET.Element, int] = {}
        self.parser: Any = None

    def start(self, tag: str, attrs: dict[str, str]) -> ET.Element:
        element = self.builder.start(tag, attrs)
        self.lines[element] = self.parser.parser.CurrentLineNumber
        return element

    def end(self, tag: str) -> ET.Element:
        return self.builder.end(tag)

    def data(self, data: str) -> None:
        self.builder.data(data)

    def close(self) -> ET.Element:
        return self.builder.close()


def parse_xml(source: str, data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """The root element and each element's line; hostile or malformed XML is refused."""
    target = _LineTarget()
    parser = DefusedXMLParser(
        target=target, forbid_dtd=False, forbid_entities=True, forbid_external=True
    )
    target.parser = parser
    try:
        parser.feed(data)
        root = parser.close()
    except defusedxml.EntitiesForbidden as exc:
        line = parser.parser.CurrentLineNumber
        raise ScheduleImportError(
            f"{source}:{line}",
            f"refused: the XML declares an entity ({exc.name!r}); schedule exports never need "
            "entity declarations, and expanding them is a known attack (billion laughs)",
        ) from None
    except defusedxml.ExternalReferenceForbidden as exc:
        line = parser.parser.CurrentLineNumber
        raise ScheduleImportError(
            f"{source}:{line}",
            f"refused: the XML refers to an external resource ({exc.sysid or exc.pubid!r}), "
            "which is never fetched",
        ) from None
    except defusedxml.DefusedXmlException as exc:
        raise ScheduleImportError(
            f"{source}:{parser.parser.CurrentLineNumber}", f"refused unsafe XML: {exc}"
        ) from None
    except ET.ParseError as exc:
        line, column = exc.position
        message = str(exc).split(": line", 1)[0]
        if message.startswith("no element found"):
            message += " (the file ends early: is it truncated?)"
        raise ScheduleImportError(
            f"{source}:{line}:{column + 1}", f"malformed XML: {message}"
        ) from None
    except (ValueError, LookupError) as exc:  # e.g. an unknown encoding declaration
        raise ScheduleImportError(f"{source}:1", f"cannot read the XML: {exc}") from None
    return root, target.lines


class _Reader:
    def __init__(self, source: str, lines: dict[ET.Element, int]) -> None:
        self.source = source
        self.lines = lines
        self.problems: list[ImportProblem] = []

    def place(self, element: ET.Element | None) -> str:
        """``file:line`` of ``element`` (line 1 when there is no element to point at)."""
        line = self.lines.get(element, 1) if element is not None else 1
        return f"{self.source}:{line}"

    def problem(self, element: ET.Element | None, message: str) -> None:
        self.problems.append(ImportProblem(self.place(element), message))

    @staticmethod
    def text(element: ET.Element | None, tag: str) -> str:
        if element is None:
            return ""
        child = element.find(tag)
        return (child.text or "").strip() if child is not None else ""

    def read(self, root: ET.Element) -> RawSchedule:
        if root.tag != "schedule":
            raise ScheduleImportError(
                self.place(root),
                f"the root element is <{root.tag}>: this is not a frab/pretalx schedule.xml "
                "(expected <schedule>)",
            )
        conference = root.find("conference")
        if conference is None:
            raise ScheduleImportError(self.place(root), "no <conference> element")
        title = one_line(self.text(conference, "title"))
        if not title:
            self.problem(conference, "<conference> has no <title>")
        raw = RawSchedule(source=self.source, format="frab/pretalx schedule.xml", title=title)
        raw.acronym = self.text(conference, "acronym")
        for key in ("start", "end"):
            value = self.text(conference, key)
            if value:
                parsed = parse_date(value)
                if parsed is None:
                    self.problem(
                        conference.find(key),
                        f"<{key}>: expected a date like 2024-02-03, got {value!r}",
                    )
                setattr(raw, key, parsed)
        raw.time_zone_name = self.text(conference, "time_zone_name")
        if raw.time_zone_name:
            raw.time_zone_place = self.place(conference.find("time_zone_name"))
        raw.city = one_line(self.text(conference, "city"))
        raw.venue = one_line(self.text(conference, "venue"))
        for key in ("url", "base_url"):
            value = self.text(conference, key) or self.text(root, key)
            if is_http_url(value) and not raw.url:
                raw.url = value
        for track in [*conference.findall("track"), *root.findall("tracks/track")]:
            name = one_line(track.get("name") or track.text)
            if name and name not in raw.tracks:
                raw.tracks.append(name)
        day_change = parse_clock(self.text(conference, "day_change")) or None
        days = root.findall("day")
        for day in days:
            self.day(day, day_change, raw)
        if self.problems:
            raise ScheduleImportError.from_problems(self.problems)
        return raw

    def day(self, day: ET.Element, day_change: Any, raw: RawSchedule) -> None:
        day_date = parse_date(day.get("date") or "")
        day_start = parse_iso_datetime(day.get("start") or "")
        if day_date is None and day_start is not None:
            day_date = day_start.date()
        if day_date is None and day.get("date"):
            self.problem(
                day, f"<day date=...>: expected a date like 2024-02-03, got {day.get('date')!r}"
            )
        for room in day.findall("room"):
            room_name = one_line(room.get("name"))
            if room_name and room_name not in raw.rooms:
                raw.rooms.append(room_name)
            for event in room.findall("event"):
                session = self.event(event, day_date, day_change, room_name)
                if session is not None:
                    raw.sessions.append(session)

    def event(
        self, event: ET.Element, day_date: date | None, day_change: Any, room: str
    ) -> RawSession | None:
        before = len(self.problems)
        title = one_line(self.text(event, "title"))
        if not title:
            self.problem(event, "<event> has no <title>")
        session = RawSession(place=self.place(event), title={"*": title} if title else {})
        session.id = (event.get("id") or "").strip()
        session.guid = (event.get("guid") or "").strip()
        session.code = (event.get("code") or "").strip()
        session.slug = self.text(event, "slug")
        if session.id and not re.fullmatch(r"\d+", session.id):
            self.problem(event, f"<event id=...>: expected a number, got {session.id!r}")
        if not (session.id or session.guid or session.code):
            self.problem(
                event, "<event> has no id, guid or code: it cannot be kept stable across imports"
            )
        date_text = self.text(event, "date")
        start_text = self.text(event, "start")
        if date_text:
            session.start = parse_iso_datetime(date_text)
            if session.start is None:
                self.problem(
                    event.find("date"),
                    "<date>: expected a date-time like 2024-02-03T10:30:00+01:00, "
                    f"got {date_text!r}",
                )
        elif start_text:
            clock = parse_clock(start_text)
            if clock is None:
                self.problem(
                    event.find("start"), f"<start>: expected a time like 10:30, got {start_text!r}"
                )
            elif day_date is None:
                self.problem(event, "<event> has a <start> but its <day> has no date")
            else:
                start = datetime.combine(day_date, clock)
                if day_change is not None and clock < day_change:
                    start += timedelta(days=1)  # after midnight: still the previous day's programme
                session.start = start
        else:
            self.problem(event, "<event> has neither <date> nor <start>")
        duration = self.text(event, "duration")
        if duration:
            session.minutes = parse_duration(duration)
            if session.minutes is None:
                self.problem(
                    event.find("duration"),
                    f"<duration>: expected a duration like 00:45, got {duration!r}",
                )
        session.room = one_line(self.text(event, "room")) or room
        session.track = one_line(self.text(event, "track"))
        session.format = one_line(self.text(event, "type"))
        session.language = one_line(self.text(event, "language")).lower()
        session.subtitle = local_text(self.text(event, "subtitle"), one_line)
        session.abstract = local_text(self.text(event, "abstract"))
        session.description = local_text(self.text(event, "description"))
        url = self.text(event, "url")
        if is_http_url(url):
            session.url = url
        for link in [*event.findall("links/link"), *event.findall("attachments/attachment")]:
            href = (link.get("href") or "").strip()
            if is_http_url(href) and href not in (u for _, u in session.links):
                session.links.append((one_line(link.text) or href, href))
        for person in event.findall("persons/person"):
            name = one_line(person.text)
            if not name:
                self.problem(person, "<person> without a name")
                continue
            person_id = (person.get("id") or "").strip()
            if person_id and not re.fullmatch(r"\d+", person_id):
                self.problem(person, f"<person id=...>: expected a number, got {person_id!r}")
                continue
            session.persons.append(
                RawPerson(
                    place=self.place(person),
                    name=name,
                    id=person_id,
                    guid=(person.get("guid") or "").strip(),
                    code=(person.get("code") or "").strip(),
                )
            )
        return session if len(self.problems) == before else None


def read_xml(source: str, data: bytes) -> RawSchedule:
    """Parse and check a schedule.xml; raise :class:`ScheduleImportError` naming the line."""
    root, lines = parse_xml(source, data)
    return _Reader(source, lines).read(root)


__all__ = ["parse_xml", "read_xml"]
