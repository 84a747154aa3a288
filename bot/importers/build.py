"""Shape a :class:`RawSchedule` into knowledge-base entries (``event``, ``sessions``, ``speakers``).

Decisions made here:

- **Ids** are the source's, so hand-written files that refer to them keep working across
  re-imports: a session is its numeric frab/pretalx ``id`` (``"10386"``), else its pretalx
  ``code``, else its ``guid``; a speaker is its pretalx ``code``, else its numeric ``id``,
  else its ``guid``, else a slug of the name. Characters our ids do not allow become ``-``.
  A session id seen twice (pretalx gives a talk with two slots one id) keeps the id for
  its first slot; later slots use their guid.
- **Times**: each session's start keeps the offset it had in the export. Durations become
  minutes; a zero-length session (a marker) is given one minute.
- **Overlaps**: two sessions in one room at the same time are refused by the knowledge
  base. Real exports have them (FOSDEM 2024, room UB4.136). By default the room stays on as
  many sessions as possible (earliest end first); each other one keeps its time but loses
  its ``room``, which is kept as a keyword and said in its abstract, and a warning names
  both. ``overlaps="refuse"`` makes them an error instead.
- **Text**: abstract and description are joined (HTML turned into text); subtitles are kept
  (joined to a title ending with ":" or "-", else the abstract's first line). Localised
  texts keep English and French (what the knowledge base supports); a text in another
  language only is kept as a plain string. pretalx "answers" (custom questions, which can
  hold speakers' private data such as phone numbers) are never imported.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.importers.errors import ImportProblem, ScheduleImportError
from bot.importers.raw import LocalText, RawPerson, RawSchedule, RawSession
from bot.importers.timezones import ZoneChoice, choose_zone
from bot.importers.values import pick
from bot.kb.schema import ID_PATTERN

OVERLAP_POLICIES = ("unroom", "refuse")


@dataclass
class ScheduleData:
    """The entries to write, as plain data ready for YAML, and what the import found."""

    source: str
    format: str
    event: dict[str, Any]
    sessions: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    zone: ZoneChoice
    warnings: list[str] = field(default_factory=list)
    overlaps: list[str] = field(default_factory=list)

    @property
    def rooms(self) -> list[str]:
        return list(self.event.get("rooms", ()))

    @property
    def tracks(self) -> list[str]:
        return list(self.event.get("tracks", ()))


def make_id(value: Any) -> str:
    """A valid knowledge-base id from a source id ("" when nothing usable is left)."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._:-]+", "-", text.strip())
    text = re.sub(r"^[^A-Za-z0-9]+", "", text)[:100].rstrip("-")
    return text if ID_PATTERN.match(text) else ""


def _slug(value: str) -> str:
    return make_id(re.sub(r"[\s._:]+", "-", value.lower()))


def _text_value(text: LocalText) -> str | dict[str, str] | None:
    """A knowledge-base text: a plain string, or {en, fr} when both are given."""
    if not text:
        return None
    kept = {lang: text[lang] for lang in ("en", "fr") if text.get(lang)}
    if "*" in text or len(kept) < 2:
        return pick(text)
    return kept


def _join(*texts: LocalText) -> LocalText:
    """Join texts paragraph by paragraph, language by language."""
    present = [t for t in texts if t]
    if not present:
        return {}
    languages = {k for t in present for k in t if k != "*"}
    if not languages:
        return {"*": "\n\n".join(t["*"] for t in present)}
    out: LocalText = {}
    for lang in sorted(languages):
        parts = [t.get(lang) or t.get("*") or pick(t) for t in present]
        out[lang] = "\n\n".join(dict.fromkeys(p for p in parts if p))
    return out


def _iso(moment: datetime) -> str:
    """``2020-12-27T11:30+01:00``: minutes precision unless the source had seconds."""
    spec = "minutes" if moment.second == 0 and moment.microsecond == 0 else "seconds"
    return moment.replace(microsecond=0).isoformat(timespec=spec)


class _Builder:
    def __init__(self, raw: RawSchedule, zone: ZoneChoice, overlaps: str) -> None:
        self.raw = raw
        self.zone = zone
        self.tz = ZoneInfo(zone.name)
        self.overlap_policy = overlaps
        self.warnings: list[str] = list(raw.warnings)
        self.problems: list[ImportProblem] = []
        self.speakers: dict[str, dict[str, Any]] = {}
        self.speaker_keys: dict[str, str] = {}  # identity of a person -> its speaker id
        self.overlaps: list[str] = []

    # -- speakers -----------------------------------------------------------------
    def speaker_id(self, person: RawPerson) -> str:
        identity = (
            f"code:{person.code}"
            if person.code
            else f"id:{person.id}"
            if person.id
            else f"guid:{person.guid}"
            if person.guid
            else f"name:{person.name.casefold()}"
        )
        if identity in self.speaker_keys:
            return self.speaker_keys[identity]
        base = make_id(person.code or person.id or person.guid) or _slug(person.name) or "speaker"
        speaker_id, n = base, 1
        while speaker_id in self.speakers:
            n += 1
            speaker_id = f"{base[:95]}-{n}"
        if speaker_id != base:
            self.warnings.append(
                f"{person.place}: speaker {person.name!r} gets id {speaker_id!r} "
                f"({base!r} is already {self.speakers[base]['name']!r})"
            )
        self.speaker_keys[identity] = speaker_id
        entry: dict[str, Any] = {"id": speaker_id, "name": person.name}
        bio = _text_value(person.bio)
        if bio:
            entry["bio"] = bio
        if person.url:
            entry["links"] = [person.url]
        self.speakers[speaker_id] = entry
        return speaker_id

    def _merge_speaker(self, speaker_id: str, person: RawPerson) -> None:
        entry = self.speakers[speaker_id]
        if "bio" not in entry and person.bio:
            bio = _text_value(person.bio)
            if bio:
                entry["bio"] = bio

    # -- sessions -----------------------------------------------------------------
    def local_start(self, session: RawSession) -> datetime | None:
        if session.start is None:
            return None
        if session.start.tzinfo is None:
            return session.start.replace(tzinfo=self.tz)
        return session.start

    def build_sessions(
        self,
    ) -> list[tuple[dict[str, Any], RawSession, datetime | None, datetime | None]]:
        out: list[tuple[dict[str, Any], RawSession, datetime | None, datetime | None]] = []
        used: dict[str, RawSession] = {}
        for session in self.raw.sessions:
            candidates = [
                make_id(v) for v in (session.id, session.code, session.guid, session.slug) if v
            ]
            candidates = [c for c in candidates if c]
            session_id = next((c for c in candidates if c not in used), "")
            if not session_id:
                first = used.get(candidates[0]) if candidates else None
                self.problems.append(
                    ImportProblem(
                        session.place,
                        f"duplicate session id {candidates[0] if candidates else '?'!r}"
                        + (f" (first at {first.place})" if first else ""),
                    )
                )
                continue
            if candidates and session_id != candidates[0]:
                self.warnings.append(
                    f"{session.place}: id {candidates[0]!r} is already used by "
                    f"{used[candidates[0]].place}; "
                    f"this slot is imported as {session_id!r}"
                )
            used[session_id] = session
            start = self.local_start(session)
            entry: dict[str, Any] = {"id": session_id}
            title = dict(session.title)
            subtitle = dict(session.subtitle)
            if subtitle and re.search(r"[:\-–—]\s*$", pick(title)):
                title = {k: f"{v} {pick(subtitle)}" for k, v in title.items()}
                subtitle = {}
            entry["title"] = _text_value(title)
            end = None
            if start is not None:
                entry["start"] = _iso(start)
                minutes = session.minutes
                if minutes == 0:
                    self.warnings.append(f"{session.place}: zero duration; imported as 1 minute")
                    minutes = 1
                if minutes is not None:
                    entry["duration"] = minutes
                    end = start + timedelta(minutes=minutes)
                else:
                    end = start + timedelta(minutes=30)
            if session.room:
                entry["room"] = session.room
            if session.track:
                entry["track"] = session.track
            if session.format:
                entry["format"] = session.format
            if session.language:
                entry["language"] = session.language
            speakers: list[str] = []
            for person in session.persons:
                speaker_id = self.speaker_id(person)
                self._merge_speaker(speaker_id, person)
                if speaker_id not in speakers:
                    speakers.append(speaker_id)
            if speakers:
                entry["speakers"] = speakers
            abstract = _text_value(_join(subtitle, session.abstract, session.description))
            if abstract:
                entry["abstract"] = abstract
            if session.url:
                entry["url"] = session.url
            if session.links:
                entry["links"] = [{"title": t, "url": u} for t, u in session.links]
            out.append((entry, session, start, end))
        return out

    def resolve_overlaps(
        self, built: list[tuple[dict[str, Any], RawSession, datetime | None, datetime | None]]
    ) -> None:
        by_room: dict[str, list[tuple[dict[str, Any], RawSession, datetime, datetime]]] = {}
        for entry, session, start, end in built:
            if entry.get("room") and start is not None and end is not None:
                by_room.setdefault(entry["room"], []).append((entry, session, start, end))
        for room, items in by_room.items():
            # Keep the room on as many sessions as possible: the classic interval scheduling
            # (earliest end first); a session overlapping one kept gives its room up.
            items.sort(key=lambda item: (item[3], item[2], item[0]["id"]))
            kept: list[tuple[dict[str, Any], RawSession, datetime, datetime]] = []
            dropped = []
            for item in items:
                if not kept or item[2] >= kept[-1][3]:
                    kept.append(item)
                else:
                    dropped.append(item)
            for entry, session, start, end in sorted(dropped, key=lambda item: item[2]):
                other = next(k for k in kept if k[2] < end and start < k[3])
                what = (
                    f"session {entry['id']!r} ({start:%Y-%m-%d %H:%M}-{end:%H:%M}) overlaps "
                    f"{other[0]['id']!r} ({other[2]:%H:%M}-{other[3]:%H:%M}) in room {room!r}"
                )
                if self.overlap_policy == "refuse":
                    self.problems.append(
                        ImportProblem(
                            session.place,
                            what + " (the knowledge base refuses overlaps in one room)",
                        )
                    )
                    continue
                self.overlaps.append(f"{session.place}: {what}")
                del entry["room"]
                entry.setdefault("keywords", []).append(room)
                note = (
                    f"Room: {room} (the source schedule puts this session at the same time as "
                    f"another one in this room)."
                )
                abstract = entry.get("abstract")
                if isinstance(abstract, dict):
                    entry["abstract"] = {k: f"{note}\n\n{v}" for k, v in abstract.items()}
                else:
                    entry["abstract"] = f"{note}\n\n{abstract}" if abstract else note

    # -- the event ----------------------------------------------------------------
    def event(self, starts: list[datetime]) -> dict[str, Any]:
        raw = self.raw
        event_id = make_id(raw.acronym) or _slug(raw.title) or "event"
        entry: dict[str, Any] = {
            "id": event_id,
            "name": raw.title or event_id,
            "timezone": self.zone.name,
        }
        days = [s.astimezone(self.tz).date() for s in starts]
        first: date | None = min([d for d in (raw.start, *days) if d is not None], default=None)
        last: date | None = max([d for d in (raw.end, *days) if d is not None], default=None)
        if first is None or last is None:
            raise ScheduleImportError(
                raw.source, "no dates: the conference has no start and no sessions"
            )
        if last < first:
            self.warnings.append(
                f"{raw.source}: the conference ends ({last}) before it starts ({first})"
            )
            last = first
        entry["start_date"] = first.isoformat()
        entry["end_date"] = last.isoformat()
        if raw.acronym and raw.acronym.casefold() != raw.title.casefold():
            entry["aliases"] = [raw.acronym]
        if raw.city:
            entry["city"] = raw.city
        if raw.venue:
            entry["venue"] = raw.venue
        description = _text_value(raw.description)
        if description:
            entry["description"] = description
        if raw.url:
            entry["links"] = [raw.url]
        rooms = list(dict.fromkeys(r for r in raw.rooms if r))
        if rooms:
            entry["rooms"] = rooms
        tracks = list(dict.fromkeys(t for t in raw.tracks if t))
        if tracks:
            entry["tracks"] = tracks
        return entry


def build_schedule(
    raw: RawSchedule, *, timezone: str = "", overlaps: str = "unroom"
) -> ScheduleData:
    """Knowledge-base entries from a parsed schedule; raise :class:`ScheduleImportError`."""
    if overlaps not in OVERLAP_POLICIES:
        raise ValueError(f"overlaps must be one of {OVERLAP_POLICIES}, got {overlaps!r}")
    zone = choose_zone(
        explicit=timezone,
        named=raw.time_zone_name,
        named_place=raw.time_zone_place,
        city=raw.city,
        starts=[s.start for s in raw.sessions if s.start is not None],
        source=raw.source,
    )
    builder = _Builder(raw, zone, overlaps)
    if zone.warning:
        builder.warnings.append(f"{raw.source}: {zone.warning}")
    built = builder.build_sessions()
    # Rooms and tracks the sessions use, in order of first use, after those the file lists.
    for entry, _, _, _ in built:
        if entry.get("room") and entry["room"] not in raw.rooms:
            raw.rooms.append(entry["room"])
        if entry.get("track") and entry["track"] not in raw.tracks:
            raw.tracks.append(entry["track"])
    builder.resolve_overlaps(built)
    if builder.problems:
        raise ScheduleImportError.from_problems(builder.problems)
    event = builder.event([start for _, _, start, _ in built if start is not None])
    if not built:
        builder.warnings.append(f"{raw.source}: the schedule has no sessions")
    return ScheduleData(
        source=raw.source,
        format=raw.format,
        event=event,
        sessions=[entry for entry, _, _, _ in built],
        speakers=list(builder.speakers.values()),
        zone=zone,
        warnings=builder.warnings,
        overlaps=builder.overlaps,
    )


__all__ = ["OVERLAP_POLICIES", "ScheduleData", "build_schedule", "make_id"]
