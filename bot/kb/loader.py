"""Load a knowledge directory (``*.yaml``) into a validated :class:`KnowledgeBase`.

Each file is a mapping whose top-level keys are kinds: ``event`` (one mapping, in exactly
one file), and lists under ``sessions``, ``speakers``, ``companies``, ``tools``, ``faq``.
Several files may add to the same kind, so an imported schedule and hand-written FAQ live
side by side. Every problem is reported as ``file:line: message``; nothing half-loaded is
ever returned.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.kb.model import Company, Event, Faq, KnowledgeBase, Session, Speaker, Text, Tool
from bot.kb.schema import Problem, Problems, Where, convert_mapping, fields_for, shown
from bot.kb.yaml_source import LineDict, LineList, YamlError, read_yaml

TOP_LEVEL_KEYS = ("event", "sessions", "speakers", "companies", "tools", "faq")
MAX_FILE_BYTES = 20 * 1024 * 1024


class KnowledgeError(Exception):
    """The knowledge base is invalid; ``problems`` lists each ``file:line`` and what is wrong."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the knowledge base"
        super().__init__(head + ":\n" + "\n".join(f"  {p}" for p in self.problems))

    def __reduce__(self) -> tuple:
        # pickled by the reload process (bot.kb.isolated): rebuild from the problems
        return (type(self), (self.problems,))


@dataclass
class _Raw:
    """One entry as read: its converted values and where it came from."""

    kind: str
    values: dict[str, Any]
    path: str
    line: int
    raw: LineDict


def knowledge_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_knowledge(directory: str | Path) -> KnowledgeBase:
    """Read, validate and index every YAML file in ``directory``.

    Raises :class:`KnowledgeError` listing every problem found, in file order.
    """
    directory = Path(directory)
    problems = Problems()
    if directory.exists() and not directory.is_dir():
        raise KnowledgeError(
            [Problem(str(directory), 0, "this is a file; expected a folder of .yaml files")]
        )
    if not directory.is_dir():
        raise KnowledgeError([Problem(str(directory), 0, "no such knowledge directory")])
    files = knowledge_files(directory)
    if not files:
        raise KnowledgeError(
            [Problem(str(directory), 0, "no .yaml files here; see docs/knowledge-format.md")]
        )
    documents: list[tuple[str, LineDict]] = []
    for path in files:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.add(str(path), 1, f"file is larger than {MAX_FILE_BYTES // 2**20} MiB")
            continue
        try:
            data = read_yaml(path)
        except YamlError as exc:
            problems.add(exc.path, exc.line, exc.message)
            continue
        if data is None:
            continue
        if not isinstance(data, LineDict):
            problems.add(
                str(path),
                getattr(data, "line", 1),
                "expected a mapping with keys such as event, sessions, speakers, tools, faq",
            )
            continue
        documents.append((str(path), data))
    kb = _build(documents, problems, directory)
    if problems:
        raise KnowledgeError(problems)
    assert kb is not None
    return kb


def _find_event(
    documents: list[tuple[str, LineDict]], problems: Problems, directory: Path
) -> tuple[str, LineDict] | None:
    found: list[tuple[str, LineDict]] = []
    for path, data in documents:
        if "event" in data:
            event = data["event"]
            if not isinstance(event, LineDict):
                problems.add(path, data.line_of("event"), "event: expected a mapping")
                continue
            found.append((path, event))
    if not found:
        where = documents[0][0] if documents else str(directory)
        problems.add(where, 1, "no 'event:' mapping found in any file; exactly one is required")
        return None
    for path, event in found[1:]:
        problems.add(
            path,
            event.line,
            f"a second 'event:' mapping (the first is in {found[0][0]}:{found[0][1].line})",
        )
    return found[0]


def _event(path: str, raw: LineDict, problems: Problems) -> Event | None:
    zone_name = raw.get("timezone")
    zone: Any = UTC
    if isinstance(zone_name, str):
        try:
            zone = ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            problems.add(
                path,
                raw.line_of("timezone"),
                f"event.timezone: unknown time zone {shown(zone_name)}; "
                "expected an IANA name such as Europe/Paris",
            )
    spec = fields_for(zone)["event"]
    values = convert_mapping(raw, spec, Where(path, raw.line, "event"), problems)
    if values is None:
        return None
    start = values.pop("date", None) or values.pop("start_date", None)
    values.pop("start_date", None)
    if start is None:
        problems.add(
            path, raw.line, "event: missing 'date' (or 'start_date'), expected like 2017-06-13"
        )
        return None
    end = values.pop("end_date", start)
    if end < start:
        problems.add(
            path, raw.line_of("end_date"), f"event.end_date {end} is before the start date {start}"
        )
        return None
    language = values.get("language", "en")
    if language not in ("fr", "en"):
        problems.add(
            path,
            raw.line_of("language"),
            f"event.language: expected fr or en, got {shown(language)}",
        )
    if zone is UTC and values.get("timezone") != "UTC":
        values["timezone"] = "UTC"  # already reported; keeps the remaining checks running
    return Event(start_date=start, end_date=end, **values)


def _entries(documents: list[tuple[str, LineDict]], zone: Any, problems: Problems) -> list[_Raw]:
    specs = fields_for(zone)
    found: list[_Raw] = []
    for path, data in documents:
        for key in data:
            if key not in TOP_LEVEL_KEYS:
                problems.add(
                    path,
                    data.line_of(key),
                    f"unknown top-level key {shown(key)}; "
                    f"expected one of: {', '.join(TOP_LEVEL_KEYS)}",
                )
        for kind in TOP_LEVEL_KEYS[1:]:
            if kind not in data or data[kind] is None:
                continue
            items = data[kind]
            if not isinstance(items, LineList):
                problems.add(
                    path,
                    data.line_of(kind),
                    f"{kind}: expected a list of entries (lines starting with '- ')",
                )
                continue
            for index, item in enumerate(items):
                line = items.line_of(index)
                values = convert_mapping(
                    item, specs[kind], Where(path, line, f"{kind}[{index}]"), problems
                )
                if values is not None:
                    found.append(_Raw(kind, values, path, line, item))
    return found


def _check_ids(entries: list[_Raw], problems: Problems) -> dict[str, dict[str, _Raw]]:
    by_kind: dict[str, dict[str, _Raw]] = {kind: {} for kind in TOP_LEVEL_KEYS[1:]}
    for entry in entries:
        seen = by_kind[entry.kind]
        entry_id = entry.values["id"]
        if entry_id in seen:
            first = seen[entry_id]
            problems.add(
                entry.path,
                entry.raw.line_of("id"),
                f"duplicate {_SINGULAR[entry.kind]} id {entry_id!r} "
                f"(first defined at {first.path}:{first.raw.line_of('id')})",
            )
            continue
        seen[entry_id] = entry
    return by_kind


_SINGULAR = {
    "sessions": "session",
    "speakers": "speaker",
    "companies": "company",
    "tools": "tool",
    "faq": "faq",
}

_REFERENCES = {
    # kind -> field -> kind it refers to
    "sessions": {"speakers": "speakers", "companies": "companies", "tools": "tools"},
    "speakers": {"company": "companies"},
    "tools": {"company": "companies", "sessions": "sessions"},
}


def _check_references(
    by_kind: dict[str, dict[str, _Raw]],
    event: Event,
    event_where: tuple[str, LineDict],
    problems: Problems,
) -> None:
    for kind, refs in _REFERENCES.items():
        for entry in by_kind[kind].values():
            for field_name, target in refs.items():
                value = entry.values.get(field_name)
                targets = (value,) if isinstance(value, str) else (value or ())
                for target_id in targets:
                    if target_id not in by_kind[target]:
                        problems.add(
                            entry.path,
                            entry.raw.line_of(field_name),
                            f"{_SINGULAR[kind]} {entry.values['id']!r}: {field_name} refers to "
                            f"unknown {_SINGULAR[target]} id {target_id!r}",
                        )
    path, raw = event_where
    for organiser in event.organisers:
        if organiser not in by_kind["companies"]:
            problems.add(
                path,
                raw.line_of("organisers"),
                f"event.organisers: unknown company id {organiser!r}",
            )


def _session(entry: _Raw, event: Event, problems: Problems) -> Session | None:
    values = dict(entry.values)
    duration = values.pop("duration", None)
    start, end = values.get("start"), values.get("end")
    sid = values["id"]
    if duration is not None and end is not None:
        problems.add(
            entry.path,
            entry.raw.line_of("duration"),
            f"session {sid!r}: give either end or duration, not both",
        )
        return None
    if (end is not None or duration is not None) and start is None:
        problems.add(
            entry.path, entry.raw.line, f"session {sid!r}: has an end or duration but no start"
        )
        return None
    if start is not None:
        if end is None:
            # In UTC: wall-clock arithmetic would be an hour off across a DST change.
            elapsed = timedelta(minutes=duration or 30)
            end = (start.astimezone(UTC) + elapsed).astimezone(start.tzinfo)
        if end <= start:
            problems.add(
                entry.path,
                entry.raw.line_of("end"),
                f"session {sid!r}: ends ({end:%Y-%m-%d %H:%M}) "
                f"before it starts ({start:%Y-%m-%d %H:%M})",
            )
            return None
        day = start.date()
        if not event.start_date <= day <= event.end_date:
            problems.add(
                entry.path,
                entry.raw.line_of("start"),
                f"session {sid!r}: starts on {day}, outside the event's dates "
                f"({event.start_date} to {event.end_date})",
            )
            return None
        values["end"] = end
    if event.rooms and values.get("room") and values["room"] not in event.rooms:
        problems.add(
            entry.path,
            entry.raw.line_of("room"),
            f"session {sid!r}: room {shown(values['room'])} is not among the event's rooms "
            f"({', '.join(event.rooms)})",
        )
    return Session(**values)


def _check_overlaps(sessions: list[tuple[Session, _Raw]], problems: Problems) -> None:
    by_room: dict[str, list[tuple[datetime, datetime, Session, _Raw]]] = {}
    for session, raw in sessions:
        if session.room and session.start and session.end:
            by_room.setdefault(session.room, []).append((session.start, session.end, session, raw))
    for room, items in by_room.items():
        items.sort(key=lambda item: item[0])
        for (_, first_end, first, first_raw), (second_start, _, second, second_raw) in pairwise(
            items
        ):
            if second_start < first_end:
                problems.add(
                    second_raw.path,
                    second_raw.raw.line_of("start"),
                    f"session {second.id!r} overlaps {first.id!r} in room {shown(room)} "
                    f"({first.id!r} runs until {first.end:%H:%M}, "
                    f"defined at {first_raw.path}:{first_raw.line})",
                )


def _build(
    documents: list[tuple[str, LineDict]], problems: Problems, directory: Path
) -> KnowledgeBase | None:
    found = _find_event(documents, problems, directory)
    event = _event(*found, problems) if found else None
    zone = event.tz if event else UTC
    entries = _entries(documents, zone, problems)
    by_kind = _check_ids(entries, problems)
    if event is None or found is None:
        return None
    _check_references(by_kind, event, found, problems)
    sessions: list[tuple[Session, _Raw]] = []
    for entry in by_kind["sessions"].values():
        session = _session(entry, event, problems)
        if session is not None:
            sessions.append((session, entry))
    _check_overlaps(sessions, problems)
    if problems:
        return None
    return KnowledgeBase(
        event=event,
        sessions=tuple(s for s, _ in sessions),
        speakers=tuple(Speaker(**e.values) for e in by_kind["speakers"].values()),
        companies=tuple(Company(**e.values) for e in by_kind["companies"].values()),
        tools=tuple(Tool(**e.values) for e in by_kind["tools"].values()),
        faqs=tuple(Faq(**e.values) for e in by_kind["faq"].values()),
        source=str(directory),
    )


__all__ = ["KnowledgeError", "Text", "knowledge_files", "load_knowledge"]
