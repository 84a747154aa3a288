"""The knowledge base's data model: plain, immutable records, no Discord and no I/O.

Every text an attendee may read is a :class:`Text`, which holds one string per language
(``fr``, ``en``) or a single string for any language, so the same model serves a French
or an English reply.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from bot.textfold import fold

ANY_LANGUAGE = "*"


@dataclass(frozen=True)
class Text:
    """A user-facing text, in one or more languages.

    ``Text.of("bonjour")`` is valid for every language; ``Text({"fr": .., "en": ..})`` is
    localised. :meth:`pick` returns the best string for a language, falling back to the other.
    """

    values: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, value: str | Mapping[str, str] | None) -> Text:
        if value is None:
            return cls({})
        if isinstance(value, str):
            return cls({ANY_LANGUAGE: value}) if value else cls({})
        return cls({k: v for k, v in value.items() if v})

    def pick(self, language: str | None = None, fallback: str = "en") -> str:
        """The text in ``language``, else in ``fallback``, else any text we have ("" if none)."""
        for key in (language, ANY_LANGUAGE, fallback, "en", "fr"):
            if key and key in self.values:
                return self.values[key]
        return next(iter(self.values.values()), "")

    def all(self) -> tuple[str, ...]:
        """Every language's string: what matching looks at."""
        return tuple(self.values.values())

    def __bool__(self) -> bool:
        return bool(self.values)

    def __str__(self) -> str:
        return self.pick()


@dataclass(frozen=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    timezone: str
    start_date: date
    end_date: date
    edition: str = ""
    city: str = ""
    venue: Text = Text()
    organisers: tuple[str, ...] = ()
    theme: Text = Text()
    attendance: Text = Text()
    description: Text = Text()
    language: str = "en"
    links: tuple[Link, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    notes: tuple[Text, ...] = ()
    rooms: tuple[str, ...] = ()
    tracks: tuple[str, ...] = ()
    timetable_illustrative: bool = False

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def place(self, language: str | None = None) -> str:
        """Where the event is, for replies and calendars alike: the venue, then the city
        unless the venue already names it ("Paris. The exact venue is not stated." stays as
        it is; "Palais des Congrès" becomes "Palais des Congrès, Paris"); "" when neither is
        known."""
        venue = " ".join(self.venue.pick(language).split())
        city = " ".join(self.city.split())
        if not city:
            return venue
        if not venue:
            return city
        if re.search(rf"\b{re.escape(fold(city))}\b", fold(venue)):
            return venue
        return f"{venue.rstrip(' .,;')}, {city}"


@dataclass(frozen=True)
class Session:
    id: str
    title: Text
    start: datetime | None = None
    end: datetime | None = None
    room: str = ""
    track: str = ""
    format: str = ""
    language: str = ""
    speakers: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    tools: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    abstract: Text = Text()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    illustrative: bool = False
    url: str = ""

    @property
    def duration(self) -> timedelta | None:
        if self.start is None or self.end is None:
            return None
        # Aware datetimes in one zone subtract as wall-clock times; UTC gives real time.
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)


@dataclass(frozen=True)
class Speaker:
    id: str
    name: str
    company: str = ""
    role: Text = Text()
    bio: Text = Text()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    description: Text = Text()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Tool:
    id: str
    name: str
    description: Text
    company: str = ""
    sessions: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class Faq:
    id: str
    question: Text
    answer: Text
    aliases: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()


Entry = Event | Session | Speaker | Company | Tool | Faq

KINDS: tuple[str, ...] = ("event", "session", "speaker", "company", "tool", "faq")


def kind_of(entry: Entry) -> str:
    return {
        Event: "event",
        Session: "session",
        Speaker: "speaker",
        Company: "company",
        Tool: "tool",
        Faq: "faq",
    }[type(entry)]


def entry_texts(entry: Entry) -> list[str]:
    """Every text an entry holds, in every language (names, abstracts, answers...)."""
    out: list[str] = []
    for item in fields(entry):
        value = getattr(entry, item.name)
        if isinstance(value, Text):
            out.extend(value.all())
        elif isinstance(value, str) and item.name != "id":
            out.append(value)
        elif isinstance(value, tuple):
            out.extend(
                v.pick() if isinstance(v, Text) else v for v in value if isinstance(v, str | Text)
            )
    return [text for text in out if text]


def title_of(entry: Entry, language: str | None = None) -> str:
    """The display name of any entry."""
    if isinstance(entry, Session):
        return entry.title.pick(language)
    if isinstance(entry, Faq):
        return entry.question.pick(language)
    return entry.name


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the bot knows about one event, validated and indexed. Immutable.

    Links are stored one way in the YAML (a session names its speakers and tools) and are
    derived both ways here, so ``speaker_sessions`` and ``tool_sessions`` need no upkeep.
    """

    event: Event
    sessions: tuple[Session, ...] = ()
    speakers: tuple[Speaker, ...] = ()
    companies: tuple[Company, ...] = ()
    tools: tuple[Tool, ...] = ()
    faqs: tuple[Faq, ...] = ()
    source: str = ""
    _index: dict[tuple[str, str], Entry] = field(init=False, repr=False, compare=False)
    _speaker_sessions: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _tool_sessions: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)
    _session_tools: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        ordered = tuple(
            sorted(
                self.sessions,
                key=lambda s: (s.start is None, s.start or datetime.min, s.room, s.id),
            )
        )
        object.__setattr__(self, "sessions", ordered)
        index: dict[tuple[str, str], Entry] = {("event", self.event.id): self.event}
        for kind, items in (
            ("session", self.sessions),
            ("speaker", self.speakers),
            ("company", self.companies),
            ("tool", self.tools),
            ("faq", self.faqs),
        ):
            for item in items:
                index[(kind, item.id)] = item
        object.__setattr__(self, "_index", index)
        speaker_sessions: dict[str, list[str]] = {s.id: [] for s in self.speakers}
        tool_sessions: dict[str, list[str]] = {t.id: list(t.sessions) for t in self.tools}
        for session in self.sessions:
            for speaker_id in session.speakers:
                speaker_sessions.setdefault(speaker_id, []).append(session.id)
            for tool_id in session.tools:
                if session.id not in tool_sessions.setdefault(tool_id, []):
                    tool_sessions[tool_id].append(session.id)
        object.__setattr__(
            self, "_speaker_sessions", {k: tuple(v) for k, v in speaker_sessions.items()}
        )
        object.__setattr__(self, "_tool_sessions", {k: tuple(v) for k, v in tool_sessions.items()})
        session_tools: dict[str, list[str]] = {s.id: list(s.tools) for s in self.sessions}
        for tool in self.tools:
            for session_id in tool.sessions:
                if tool.id not in session_tools.setdefault(session_id, []):
                    session_tools[session_id].append(tool.id)
        object.__setattr__(self, "_session_tools", {k: tuple(v) for k, v in session_tools.items()})

    def get(self, kind: str, entry_id: str) -> Entry | None:
        return self._index.get((kind, entry_id))

    @cached_property
    def scheduled_sessions(self) -> tuple[Session, ...]:
        """The sessions with a start and an end, in programme order (computed once: the
        knowledge base never changes)."""
        return tuple(s for s in self.sessions if s.start is not None and s.end is not None)

    @cached_property
    def session_days(self) -> tuple[date, ...]:
        """The days (in the event's time zone) that scheduled sessions start on."""
        zone = self.event.tz
        return tuple(
            sorted({s.start.astimezone(zone).date() for s in self.scheduled_sessions if s.start})
        )

    def title(self, kind: str, entry_id: str, language: str | None = None) -> str | None:
        """The display name of entry ``kind:entry_id``, or None when there is no such entry."""
        entry = self.get(kind, entry_id)
        return title_of(entry, language) if entry is not None else None

    def session(self, session_id: str) -> Session | None:
        found = self.get("session", session_id)
        return found if isinstance(found, Session) else None

    def speaker(self, speaker_id: str) -> Speaker | None:
        found = self.get("speaker", speaker_id)
        return found if isinstance(found, Speaker) else None

    def company(self, company_id: str) -> Company | None:
        found = self.get("company", company_id)
        return found if isinstance(found, Company) else None

    def tool(self, tool_id: str) -> Tool | None:
        found = self.get("tool", tool_id)
        return found if isinstance(found, Tool) else None

    def sessions_of_speaker(self, speaker_id: str) -> tuple[Session, ...]:
        ids = self._speaker_sessions.get(speaker_id, ())
        return tuple(s for s in (self.session(i) for i in ids) if s)

    def sessions_of_tool(self, tool_id: str) -> tuple[Session, ...]:
        ids = self._tool_sessions.get(tool_id, ())
        return tuple(s for s in (self.session(i) for i in ids) if s)

    def speakers_of(self, session: Session) -> tuple[Speaker, ...]:
        return tuple(s for s in (self.speaker(i) for i in session.speakers) if s)

    def tools_of(self, session: Session) -> tuple[Tool, ...]:
        ids = self._session_tools.get(session.id, session.tools)
        return tuple(t for t in (self.tool(i) for i in ids) if t)

    def companies_of(self, session: Session) -> tuple[Company, ...]:
        ids = list(session.companies)
        for speaker in self.speakers_of(session):
            if speaker.company and speaker.company not in ids:
                ids.append(speaker.company)
        return tuple(c for c in (self.company(i) for i in ids) if c)

    def speakers_of_company(self, company_id: str) -> tuple[Speaker, ...]:
        return tuple(s for s in self.speakers if s.company == company_id)

    def sessions_of_company(self, company_id: str) -> tuple[Session, ...]:
        return tuple(s for s in self.sessions if company_id in {c.id for c in self.companies_of(s)})

    def entries(self) -> Iterator[tuple[str, Entry]]:
        """Every entry as ``(kind, entry)``, the event first."""
        for (kind, _), entry in self._index.items():
            yield kind, entry

    def __len__(self) -> int:
        return len(self._index)


__all__ = [
    "KINDS",
    "Company",
    "Entry",
    "Event",
    "Faq",
    "KnowledgeBase",
    "Link",
    "Session",
    "Speaker",
    "Text",
    "Tool",
    "kind_of",
    "title_of",
]
