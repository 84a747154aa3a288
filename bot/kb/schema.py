"""The knowledge-base schema: which keys each kind takes, their types, and how to convert them.

``docs/knowledge-format.md`` documents the same schema for organisers; keep them in step.
Conversion never stops at the first problem: every problem is collected with its
``file:line`` so an organiser fixes a file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from bot.kb.model import Link, Text
from bot.kb.yaml_source import LineDict, LineList

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class Problems(list[Problem]):
    def add(self, path: str, line: int, message: str) -> None:
        self.append(Problem(path, line, message))


@dataclass(frozen=True)
class Where:
    """Where a value sits: file, line, and a readable name such as ``sessions[3].start``."""

    path: str
    line: int
    name: str


Converter = Callable[[Any, Where, Problems], Any]


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    return {
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        LineDict: "a mapping",
        LineList: "a list",
    }.get(type(value), type(value).__name__)


SHOWN_CHARS = 80
"""How much of an offending value a message quotes."""


def shown(value: Any) -> str:
    """A short rendering of a YAML value for a message, never longer than about
    :data:`SHOWN_CHARS`: strings are clipped, lists and mappings are named, not printed (their
    ``repr`` would expand every alias: a few hundred bytes of YAML can stand for gigabytes)."""
    if isinstance(value, str):
        return repr(value) if len(value) <= SHOWN_CHARS else repr(value[:SHOWN_CHARS]) + "…"
    if isinstance(value, bool) or value is None or isinstance(value, float):
        return repr(value)
    if isinstance(value, int):
        return repr(value) if abs(value) < 10**SHOWN_CHARS else "a very long number"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def to_str(value: Any, where: Where, problems: Problems) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        problems.add(
            where.path, where.line, f"{where.name}: expected a string, got {_type_name(value)}"
        )
        return None
    return str(value).strip()


def to_id(value: Any, where: Where, problems: Problems) -> str | None:
    if not isinstance(value, str):
        hint = " (put it in quotes)" if isinstance(value, int | float) else ""
        problems.add(
            where.path,
            where.line,
            f"{where.name}: expected an id string{hint}, got {_type_name(value)}",
        )
        return None
    if not ID_PATTERN.match(value):
        problems.add(
            where.path,
            where.line,
            f"{where.name}: {shown(value)} is not a valid id (letters, digits, '.', '_', ':', '-'; "
            "starting with a letter or digit; at most 100 characters)",
        )
        return None
    return value


def to_text(value: Any, where: Where, problems: Problems) -> Text | None:
    """A plain string, or a mapping of language code (``fr``, ``en``) to string."""
    if isinstance(value, str):
        return Text.of(value.strip())
    if isinstance(value, LineDict):
        converted: dict[str, str] = {}
        for key, item in value.items():
            if key not in LANGUAGES:
                problems.add(
                    where.path,
                    value.line_of(key),
                    f"{where.name}: unknown language {shown(key)}; "
                    f"expected one of {', '.join(LANGUAGES)}",
                )
                continue
            text = to_str(
                item, Where(where.path, value.line_of(key), f"{where.name}.{key}"), problems
            )
            if text is not None:
                converted[key] = text
        return Text.of(converted)
    problems.add(
        where.path,
        where.line,
        f"{where.name}: expected a text (a string, or a mapping of fr/en to strings), "
        f"got {_type_name(value)}",
    )
    return None


def to_bool(value: Any, where: Where, problems: Problems) -> bool | None:
    if not isinstance(value, bool):
        problems.add(
            where.path, where.line, f"{where.name}: expected true or false, got {_type_name(value)}"
        )
        return None
    return value


def to_minutes(value: Any, where: Where, problems: Problems) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= 24 * 60 * 14:
        problems.add(
            where.path,
            where.line,
            f"{where.name}: expected a whole number of minutes greater than 0, got {shown(value)}",
        )
        return None
    return value


def to_date(value: Any, where: Where, problems: Problems) -> date | None:
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    problems.add(
        where.path,
        where.line,
        f"{where.name}: expected a date like 2017-06-13, got {shown(value)}",
    )
    return None


def parse_datetime(value: str, zone: tzinfo) -> datetime:
    """Parse an ISO date-time; a naive one is in ``zone``; the result is aware, in ``zone``."""
    parsed = datetime.fromisoformat(value.strip())
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=zone)
    return parsed.astimezone(zone)


def datetime_converter(zone: tzinfo) -> Converter:
    def to_datetime(value: Any, where: Where, problems: Problems) -> datetime | None:
        if isinstance(value, str):
            try:
                return parse_datetime(value, zone)
            except ValueError:
                pass
        problems.add(
            where.path,
            where.line,
            f"{where.name}: expected a date and time like 2017-06-13T11:00 "
            f"(event time zone) or 2017-06-13T11:00+02:00, got {shown(value)}",
        )
        return None

    return to_datetime


def list_of(item: Converter, *, unique: bool = True) -> Converter:
    def convert(value: Any, where: Where, problems: Problems) -> tuple | None:
        if isinstance(value, str) and item in (to_str, to_id):
            value_list: list = [value]
            lines = [where.line]
        elif isinstance(value, LineList):
            value_list = list(value)
            lines = [value.line_of(i) for i in range(len(value))]
        else:
            problems.add(
                where.path, where.line, f"{where.name}: expected a list, got {_type_name(value)}"
            )
            return None
        out: list = []
        seen: set = set()  # a set, not ``in out``: a list of 100,000 values stays linear
        for index, (element, line) in enumerate(zip(value_list, lines, strict=True)):
            if item is to_str and isinstance(element, str):
                converted = element.strip()  # the common case, without building a Where
            else:
                place = Where(where.path, line, f"{where.name}[{index}]")
                converted = item(element, place, problems)
            if converted is None or converted == "":
                continue
            if unique:
                if converted in seen:
                    problems.add(
                        where.path, line, f"{where.name}: {shown(str(converted))} is listed twice"
                    )
                    continue
                seen.add(converted)
            out.append(converted)
        return tuple(out)

    return convert


def to_link(value: Any, where: Where, problems: Problems) -> Link | None:
    if isinstance(value, str):
        url = value.strip()
        title = url
    elif isinstance(value, LineDict):
        unknown = set(value) - {"title", "url"}
        for key in sorted(unknown, key=str):
            problems.add(
                where.path,
                value.line_of(key),
                f"{where.name}: unknown key {shown(key)}; a link has title and url",
            )
        url = (
            to_str(
                value.get("url"),
                Where(where.path, value.line_of("url"), f"{where.name}.url"),
                problems,
            )
            or ""
        )
        title = str(value.get("title") or url).strip()
    else:
        problems.add(
            where.path, where.line, f"{where.name}: expected a URL or a mapping with title and url"
        )
        return None
    checked = to_url(url, where, problems)
    return Link(title=title, url=checked) if checked else None


_URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.IGNORECASE)


def to_url(value: Any, where: Where, problems: Problems) -> str | None:
    """An absolute http(s) URL without spaces: Discord refuses anything else in an embed."""
    url = value.strip() if isinstance(value, str) else value
    if not isinstance(url, str) or not _URL.match(url) or len(url) > 2000:
        problems.add(
            where.path,
            where.line,
            f"{where.name}: expected an http(s) URL like https://example.org/talk, "
            f"got {shown(url)}",
        )
        return None
    return url


@dataclass(frozen=True)
class Field:
    convert: Converter
    required: bool = False
    help: str = ""


def fields_for(zone: tzinfo) -> dict[str, dict[str, Field]]:
    """The keys each kind accepts. Date-times depend on the event's time zone."""
    to_datetime = datetime_converter(zone)
    common = {
        "aliases": Field(list_of(to_str), help="other names people may type"),
        "keywords": Field(list_of(to_str), help="words that should find this entry"),
        "links": Field(list_of(to_link, unique=False)),
    }
    return {
        "event": {
            "id": Field(to_id, required=True),
            "name": Field(to_str, required=True),
            "timezone": Field(to_str, required=True, help="an IANA zone such as Europe/Paris"),
            "date": Field(to_date, help="the day of a one-day event"),
            "start_date": Field(to_date),
            "end_date": Field(to_date),
            "edition": Field(to_str),
            "city": Field(to_str),
            "venue": Field(to_text),
            "organisers": Field(list_of(to_id), help="company ids"),
            "theme": Field(to_text),
            "attendance": Field(to_text),
            "description": Field(to_text),
            "language": Field(to_str, help="the default language of replies: fr or en"),
            "notes": Field(list_of(to_text, unique=False)),
            "rooms": Field(list_of(to_str)),
            "tracks": Field(list_of(to_str)),
            "timetable_illustrative": Field(to_bool),
            **common,
        },
        "sessions": {
            "id": Field(to_id, required=True),
            "title": Field(to_text, required=True),
            "start": Field(to_datetime),
            "end": Field(to_datetime),
            "duration": Field(to_minutes, help="minutes"),
            "room": Field(to_str),
            "track": Field(to_str),
            "format": Field(to_str, help="talk, keynote, workshop, ..."),
            "language": Field(to_str),
            "speakers": Field(list_of(to_id)),
            "companies": Field(list_of(to_id)),
            "tools": Field(list_of(to_id)),
            "tags": Field(list_of(to_str)),
            "abstract": Field(to_text),
            "illustrative": Field(to_bool, help="true when time and room are not from a source"),
            "url": Field(to_url),
            **common,
        },
        "speakers": {
            "id": Field(to_id, required=True),
            "name": Field(to_str, required=True),
            "company": Field(to_id),
            "role": Field(to_text),
            "bio": Field(to_text),
            **common,
        },
        "companies": {
            "id": Field(to_id, required=True),
            "name": Field(to_str, required=True),
            "description": Field(to_text),
            **common,
        },
        "tools": {
            "id": Field(to_id, required=True),
            "name": Field(to_str, required=True),
            "description": Field(to_text, required=True),
            "company": Field(to_id),
            "sessions": Field(list_of(to_id)),
            **common,
        },
        "faq": {
            "id": Field(to_id, required=True),
            "question": Field(to_text, required=True),
            "answer": Field(to_text, required=True),
            **common,
        },
    }


def convert_mapping(
    raw: Any, spec: dict[str, Field], where: Where, problems: Problems
) -> dict[str, Any] | None:
    """Check one entry against its spec; return the converted values, or None if unusable."""
    if not isinstance(raw, LineDict):
        problems.add(
            where.path,
            where.line,
            f"{where.name}: expected a mapping of keys, got {_type_name(raw)}",
        )
        return None
    ok = True
    values: dict[str, Any] = {}
    for key in raw:
        if key not in spec:
            known = ", ".join(spec)
            problems.add(
                where.path,
                raw.line_of(key),
                f"{where.name}: unknown key {shown(key)}; expected one of: {known}",
            )
    for key, field_spec in spec.items():
        if key not in raw or raw[key] is None or raw[key] == "":
            if field_spec.required:
                problems.add(where.path, raw.line, f"{where.name}: missing required key {key!r}")
                ok = False
            continue
        count = len(problems)
        converted = field_spec.convert(
            raw[key], Where(where.path, raw.line_of(key), f"{where.name}.{key}"), problems
        )
        if len(problems) > count and field_spec.required:
            ok = False
        if converted is not None:
            values[key] = converted
    return values if ok else None
