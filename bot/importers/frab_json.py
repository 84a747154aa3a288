"""Read a frab / pretalx ``schedule.json`` (and the newer flat "schedule 2" form of the hub).

The checks follow the format's JSON schema (``schedule.schema.json``) where a violation
would make the import wrong or ambiguous (no title, unreadable times, a person without a
name, a person id that is not a number, a malformed pretalx code); they tolerate what real
exports commonly do that the schema frowns on but that is harmless (extra keys such as
pretalx's ``answers``, upper-case slugs and acronyms). Every problem is collected with
its JSON path, e.g. ``schedule.conference.days[0].rooms["Saal 1"][3].date``.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

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
    plain,
)

_CODE = re.compile(r"^[A-Z0-9]+$")


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _key(path: str, key: str | int, quoted: bool = False) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if quoted or not re.fullmatch(r"[A-Za-z_$][A-Za-z0-9_$]*", key):
        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


class _Reader:
    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[ImportProblem] = []
        self.warnings: list[str] = []
        self.track_names: dict[str, str] = {}

    def place(self, path: str) -> str:
        return f"{self.source}:{path}"

    def problem(self, path: str, message: str) -> None:
        self.problems.append(ImportProblem(self.place(path), message))

    def obj(self, value: Any, path: str, what: str) -> dict | None:
        if not isinstance(value, dict):
            self.problem(path, f"expected {what} (a JSON object), got {_kind(value)}")
            return None
        return value

    def array(self, value: Any, path: str, what: str) -> list | None:
        if not isinstance(value, list):
            self.problem(path, f"expected {what} (a JSON list), got {_kind(value)}")
            return None
        return value

    def optional_str(self, data: dict, key: str, path: str) -> str:
        value = data.get(key)
        if value is None or isinstance(value, str):
            return (value or "").strip()
        self.problem(_key(path, key), f"expected a string, got {_kind(value)}")
        return ""

    def id_value(self, data: dict, key: str, path: str, what: str) -> str:
        value = data.get(key)
        if value is None or value == "":
            return ""
        if isinstance(value, bool) or not isinstance(value, int | str):
            self.problem(_key(path, key), f"expected {what} (a number), got {_kind(value)}")
            return ""
        return str(value).strip()

    # -- the document ---------------------------------------------------------------
    def read(self, document: Any) -> RawSchedule:
        root = self.obj(document, "$", "the schedule document")
        if root is None:
            raise ScheduleImportError.from_problems(self.problems)
        schedule = root.get("schedule")
        if schedule is None:
            raise ScheduleImportError(
                self.place("schedule"),
                "no top-level 'schedule' object: this is not a pretalx/frab schedule.json "
                f"(top-level keys: {', '.join(map(str, list(root)[:8])) or 'none'})",
            )
        schedule = self.obj(schedule, "schedule", "the schedule")
        if schedule is None:
            raise ScheduleImportError.from_problems(self.problems)
        conference = self.obj(schedule.get("conference"), "schedule.conference", "the conference")
        if conference is None:
            raise ScheduleImportError.from_problems(self.problems)
        if "rooms" in schedule:
            self.warnings.append(
                f"{self.place('schedule.rooms')}: ignored; the format puts rooms in "
                "schedule.conference.rooms"
            )
        raw = self.conference(conference, "schedule.conference")
        if isinstance(conference.get("days"), list) and any(
            isinstance(day, dict) and "rooms" in day for day in conference["days"]
        ):
            self.days(conference["days"], "schedule.conference.days", raw)
        elif isinstance(schedule.get("events"), list):
            raw.format = "schedule.json (version 2, flat events)"
            self.flat_events(schedule, raw)
        elif "days" not in conference:
            self.problem("schedule.conference.days", "missing: expected the list of days")
        else:
            days = self.array(conference.get("days"), "schedule.conference.days", "the days")
            if days is not None:
                self.days(days, "schedule.conference.days", raw)
        if self.problems:
            raise ScheduleImportError.from_problems(self.problems)
        raw.warnings.extend(self.warnings)
        return raw

    def conference(self, conference: dict, path: str) -> RawSchedule:
        title = plain(conference.get("title"))
        if not title:
            self.problem(_key(path, "title"), "missing: the conference needs a title")
        raw = RawSchedule(source=self.source, format="frab/pretalx schedule.json", title=title)
        raw.acronym = self.optional_str(conference, "acronym", path)
        for key in ("start", "end"):
            value = conference.get(key)
            if value is None:
                continue
            parsed = parse_date(value)
            if parsed is None:
                self.problem(_key(path, key), f"expected a date like 2019-08-21, got {value!r}")
            setattr(raw, key, parsed)
        tz_name = conference.get("time_zone_name")
        if tz_name is not None:
            if isinstance(tz_name, str):
                raw.time_zone_name = tz_name.strip()
                raw.time_zone_place = self.place(_key(path, "time_zone_name"))
            else:
                self.problem(
                    _key(path, "time_zone_name"), f"expected a string, got {_kind(tz_name)}"
                )
        raw.description = local_text(conference.get("description"))
        for key in ("url", "base_url"):
            value = conference.get(key)
            if is_http_url(value) and not raw.url:
                raw.url = value.strip()
        rooms = conference.get("rooms")
        if isinstance(rooms, list):
            for room in rooms:  # the sessions' rooms are added as they are read
                name = plain(room.get("name")) if isinstance(room, dict) else plain(room)
                if name and name not in raw.rooms:
                    raw.rooms.append(name)
        tracks = conference.get("tracks")
        if isinstance(tracks, list):
            for track in tracks:
                name = plain(track.get("name")) if isinstance(track, dict) else plain(track)
                if name and name not in raw.tracks:
                    raw.tracks.append(name)
                if isinstance(track, dict) and isinstance(track.get("slug"), str) and name:
                    self.track_names[track["slug"]] = name
        return raw

    def days(self, days: list, path: str, raw: RawSchedule) -> None:
        for index, day in enumerate(days):
            day_path = _key(path, index)
            day = self.obj(day, day_path, "a day")
            if day is None:
                continue
            day_date = parse_date(day.get("date"))
            if day.get("date") is not None and day_date is None:
                self.problem(
                    _key(day_path, "date"),
                    f"expected a date like 2019-08-21, got {day.get('date')!r}",
                )
            rooms_path = _key(day_path, "rooms")
            rooms = self.obj(day.get("rooms"), rooms_path, "the day's rooms, by name")
            if rooms is None:
                continue
            for room_name, events in rooms.items():
                room_path = _key(rooms_path, room_name, quoted=True)
                events = self.array(events, room_path, "the room's events")
                if events is None:
                    continue
                name = one_line(room_name)
                if name and name not in raw.rooms:
                    raw.rooms.append(name)
                for position, event in enumerate(events):
                    session = self.event(event, _key(room_path, position), day_date, name)
                    if session is not None:
                        raw.sessions.append(session)

    def event(self, event: Any, path: str, day_date: Any, room: str) -> RawSession | None:
        event = self.obj(event, path, "an event")
        if event is None:
            return None
        before = len(self.problems)
        title = local_text(event.get("title"), one_line)
        if not title:
            self.problem(_key(path, "title"), "missing: every event needs a title")
        session = RawSession(place=self.place(path), title=title)
        session.id = self.id_value(event, "id", path, "the event's id")
        session.guid = self.optional_str(event, "guid", path)
        session.code = self.optional_str(event, "code", path)
        session.slug = self.optional_str(event, "slug", path)
        if not (session.id or session.guid or session.code):
            self.problem(
                path, "the event has no id, guid or code: it cannot be kept stable across imports"
            )
        session.start = self.start(event, path, day_date)
        duration = event.get("duration")
        if duration is not None and duration != "":
            session.minutes = parse_duration(duration)
            if session.minutes is None:
                self.problem(
                    _key(path, "duration"), f"expected a duration like 00:45, got {duration!r}"
                )
        end = event.get("end")
        if session.minutes is None and end is not None and session.start is not None:
            end_time = parse_iso_datetime(end)
            if end_time is None or (end_time.tzinfo is None) != (session.start.tzinfo is None):
                self.problem(
                    _key(path, "end"), f"expected a date-time like the start's, got {end!r}"
                )
            else:
                session.minutes = max(0, round((end_time - session.start).total_seconds() / 60))
        room_value = event.get("room")
        session.room = (
            plain(room_value.get("name")) if isinstance(room_value, dict) else plain(room_value)
        ) or room
        session.track = self.track(event.get("track"))
        session.format = plain(event.get("type"))
        session.language = plain(event.get("language")).lower()
        session.subtitle = local_text(event.get("subtitle"), one_line)
        session.abstract = local_text(event.get("abstract"))
        session.description = local_text(event.get("description"))
        for key in ("url", "origin_url"):
            if is_http_url(event.get(key)) and not session.url:
                session.url = event[key].strip()
        session.links = self.links(event)
        persons = event.get("persons", event.get("participants"))
        if persons is not None:
            persons_path = _key(path, "persons" if "persons" in event else "participants")
            persons = self.array(persons, persons_path, "the event's persons")
            for index, person in enumerate(persons or ()):
                found = self.person(person, _key(persons_path, index))
                if found is not None:
                    session.persons.append(found)
        return session if len(self.problems) == before else None

    def start(self, event: dict, path: str, day_date: Any) -> datetime | None:
        value = event.get("date")
        if value is None and isinstance(event.get("start"), str) and "T" in event["start"]:
            value = event["start"]  # schedule 2: start is a full date-time
            path = _key(path, "start")
        else:
            path = _key(path, "date")
        if value is not None:
            parsed = parse_iso_datetime(value)
            if parsed is None:
                self.problem(
                    path, f"expected a date-time like 2020-12-27T11:30:00+01:00, got {value!r}"
                )
            return parsed
        clock = parse_clock(event.get("start"))
        if day_date is not None and clock is not None:
            return datetime.combine(day_date, clock)  # naive: read in the event's time zone
        self.problem(
            path, "missing: expected the event's date-time, like 2020-12-27T11:30:00+01:00"
        )
        return None

    def track(self, value: Any) -> str:
        if isinstance(value, dict) and "name" not in value and isinstance(value.get("slug"), str):
            slug: str = value["slug"]
            return self.track_names.get(slug, slug)
        if isinstance(value, dict) and "name" in value:
            return plain(value["name"])
        return plain(value)

    def links(self, event: dict) -> list[tuple[str, str]]:
        found: list[tuple[str, str]] = []
        for key in ("links", "attachments"):
            items = event.get(key)
            if not isinstance(items, list):
                continue
            for item in items:
                if isinstance(item, dict):
                    url, title = item.get("url") or item.get("href"), plain(item.get("title"))
                else:
                    url, title = item, ""
                if is_http_url(url) and url.strip() not in (u for _, u in found):
                    found.append((title or url.strip(), url.strip()))
        return found

    def person(self, person: Any, path: str) -> RawPerson | None:
        person = self.obj(person, path, "a person")
        if person is None:
            return None
        name = plain(person.get("public_name")) or plain(person.get("name"))
        if not name:
            self.problem(path, "a person without a name (expected 'public_name' or 'name')")
            return None
        raw = RawPerson(place=self.place(path), name=name)
        person_id = person.get("id")
        if person_id is not None:
            if isinstance(person_id, bool) or not isinstance(person_id, int):
                self.problem(
                    _key(path, "id"),
                    f"person {name!r}: expected a numeric person id, got {person_id!r}",
                )
            else:
                raw.id = str(person_id)
        code = person.get("code")
        if code is not None:
            if not isinstance(code, str) or not _CODE.match(code):
                self.problem(
                    _key(path, "code"),
                    f"person {name!r}: expected a pretalx code (capital letters and digits), "
                    f"got {code!r}",
                )
            else:
                raw.code = code
        guid = person.get("guid")
        if isinstance(guid, str):
            raw.guid = guid.strip()
        raw.bio = local_text(person.get("biography"))
        if is_http_url(person.get("url")):
            raw.url = person["url"].strip()
        return raw

    # -- schedule 2 (the hub's flat list of events, persons apart) -------------------
    def flat_events(self, schedule: dict, raw: RawSchedule) -> None:
        persons: dict[str, dict] = {}
        for person in schedule.get("persons") or ():
            if isinstance(person, dict) and isinstance(person.get("guid"), str):
                persons[person["guid"]] = person
        for index, event in enumerate(schedule["events"]):
            path = _key("schedule.events", index)
            if isinstance(event, dict):
                for participant in event.get("participants") or ():
                    if isinstance(participant, dict) and participant.get("guid") in persons:
                        details = persons[participant["guid"]]
                        for key in ("biography", "url"):
                            participant.setdefault(key, details.get(key))
            session = self.event(event, path, None, "")
            if session is not None:
                raw.sessions.append(session)
                if session.room and session.room not in raw.rooms:
                    raw.rooms.append(session.room)


def read_json(source: str, text: str) -> RawSchedule:
    """Parse and check a schedule.json; raise :class:`ScheduleImportError` naming the place."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        # An unterminated string runs to the end of the file: truncated too.
        at_end = exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string")
        hint = " (the file ends early: is it truncated?)" if at_end else ""
        raise ScheduleImportError(
            f"{source}:{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}{hint}"
        ) from None
    except RecursionError:
        raise ScheduleImportError(source, "invalid JSON: nested too deeply") from None
    except ValueError as exc:  # e.g. a number with thousands of digits
        raise ScheduleImportError(source, f"invalid JSON: {exc}") from None
    return _Reader(source).read(document)


__all__ = ["read_json"]
