"""Attendee questions with ground truth, generated from a real schedule export.

Pure: reads a frab/pentabarf ``schedule.xml`` (FOSDEM's, through :mod:`defusedxml`) or a
frab/pretalx ``schedule.json`` itself, and imports nothing from the bot, so the truth never
comes from the code it judges. :func:`read_schedule` gives the talks as the bot's knowledge
keeps them (the importer's ids, rooms and times, re-derived here from the file), and
:func:`generate` the questions::

    schedule = read_schedule("fosdem-2024.xml")
    questions = generate(schedule, seed=0, per_type=60, splits=("dev", "heldout"))

Question types (:data:`QUESTION_TYPES`): ``when``, ``where``, ``who`` (a talk named by its
title or a unique part of it), ``title-words`` (a talk named by a few of its rarest title
words, or its title with a typo), ``speaker`` (talks by a person), ``room-time`` (a room, a
time and a day), ``now`` and ``next`` (overall or in a room, with a ``now`` datetime),
``after`` (what follows a talk in its room), ``topic`` (a word from the tracks or frequent in
titles); and three the bot must refuse: ``chatter``, ``logistics`` (nothing in a schedule
says where the toilets are) and ``made-up`` (invented speakers and titles built from real
titles' common words). English and French, with the noise of a chat: lowercase, missing
accents, a typo, a greeting, an emoji, a Discord mention.

Two splits, ``dev`` and ``heldout``, share nothing: each type has its own phrasing
templates per split, and the talks, rooms, speakers, topics and invented names asked about
are split too (by a fixed rule, not by the seed), so tuning on ``dev`` cannot leak into
``heldout``.

Scoring (:func:`score`): a question is ``right``, ``refused`` or ``wrong`` (confidently
wrong). For a session question the answer's sessions (``answer.sessions``, else
``{answer.id}`` when the answer is a session) must be non-empty, hold at least one truth
session and nothing outside the question's ``acceptable`` set, whose rule per type is:

- ``when``/``where``/``title-words``: the talk itself;
- ``room-time``: talks in that room running at that time, or starting within
  :data:`SOON` after it;
- ``now``: talks (in that room) running at ``now``, or starting within :data:`NOW_SOON`;
- ``next``: the talks (in that room) with the earliest start after ``now``; acceptable, those
  starting within :data:`SOON` of that earliest start;
- ``after``: the first talk in the same room starting after the talk; acceptable, those
  starting within :data:`SOON` of it;
- ``topic``: the best session is in the truth (the talks whose title or track holds the
  word) and at least :data:`TOPIC_PRECISION` of the listed sessions are;
- ``who``: the answer is one of the talk's speakers, or the talk itself;
- ``speaker``: the speaker, or sessions of that speaker (session rule).

A must-refuse question is right when the answer is not ``answered``.

Rooms are named as people say them (:func:`room_aliases`: "H.2215", "Ferrer" or the whole
"H.2215 (Ferrer)"). No room question comes near a talk that overlaps another in its room:
the importer takes such talks out of the room, so their truth would be ambiguous.
"""

from __future__ import annotations

import html
import json
import random
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any, Protocol
from zoneinfo import ZoneInfo, available_timezones

import defusedxml.ElementTree as SafeET

IN_SCOPE = (
    "when",
    "where",
    "who",
    "title-words",
    "speaker",
    "room-time",
    "now",
    "next",
    "after",
    "topic",
)
MUST_REFUSE = ("chatter", "logistics", "made-up")
QUESTION_TYPES = IN_SCOPE + MUST_REFUSE
SPLITS = ("dev", "heldout")

SOON = timedelta(minutes=30)
NOW_SOON = timedelta(minutes=15)
TOPIC_PRECISION = 0.8

RIGHT, REFUSED, WRONG = "right", "refused", "wrong"


# -- the schedule ----------------------------------------------------------------------
@dataclass(frozen=True)
class Person:
    id: str
    name: str


@dataclass(frozen=True)
class Talk:
    """One session as the bot's knowledge keeps it: the importer's id, room and times."""

    id: str
    title: str
    start: datetime  # aware, in the event's zone
    end: datetime
    room: str
    track: str = ""
    persons: tuple[Person, ...] = ()
    abstract: str = ""

    def running(self, moment: datetime) -> bool:
        return self.start <= moment < self.end

    def describe(self) -> str:
        where = f" in {self.room}" if self.room else ""
        return f"{self.id} {self.title[:60]!r} {self.start:%a %H:%M}-{self.end:%H:%M}{where}"


@dataclass(frozen=True)
class Schedule:
    name: str
    tz: tzinfo
    talks: tuple[Talk, ...]
    rooms: tuple[str, ...]
    # Talks that overlap another in their room: the importer keeps only some of them in the
    # room (see bot/importers/build.py), so no room question is asked near them.
    clashes: frozenset[str] = frozenset()
    _by_id: dict[str, Talk] = field(default_factory=dict, repr=False, compare=False)
    # what generate() derives once from the talks (pools, topics, rare words)
    _derived: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({t.id: t for t in self.talks})

    def talk(self, talk_id: str) -> Talk | None:
        return self._by_id.get(talk_id)


def _one_line(text: Any) -> str:
    return " ".join(str(text or "").split())


def _plain_text(text: str) -> str:
    """An abstract without its HTML (good enough for word matching in the BM25 baseline)."""
    return _one_line(html.unescape(re.sub(r"<[^>]+>", " ", text or "")))


def _local(value: Any) -> str:
    """A text that may be localised ({"en": ..., "de": ...}): English, else any."""
    if isinstance(value, dict):
        for key in ("en", *value):
            if isinstance(value.get(key), str) and value[key].strip():
                return value[key]
        return ""
    return value if isinstance(value, str) else ""


def make_id(value: Any) -> str:
    """An id as the importer writes it: ASCII letters, digits and ``._:-`` (else ``-``)."""
    text = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    text = re.sub(r"[^A-Za-z0-9._:-]+", "-", text.strip())
    return re.sub(r"^[^A-Za-z0-9]+", "", text)[:100].rstrip("-")


def _minutes(value: Any) -> int:
    if isinstance(value, int):
        return value
    parts = [int(p) for p in str(value).strip().split(":")]
    return parts[0] * 60 + parts[1] + (1 if len(parts) > 2 and parts[2] else 0)


def _zone_of_city(city: str) -> tzinfo | None:
    wanted = _fold(city).replace(" ", "_")
    for name in sorted(available_timezones()):
        if "/" in name and _fold(name.rsplit("/", 1)[1]) == wanted:
            return ZoneInfo(name)
    return None


@dataclass
class _RawTalk:
    ids: list[str]
    title: str
    subtitle: str
    start: datetime  # naive (local) or aware
    minutes: int
    room: str
    track: str
    persons: list[tuple[list[str], str]]  # (id candidates: code, id, guid; name)
    abstract: str


def _read_xml(path: Path) -> tuple[str, str, str, list[_RawTalk]]:
    root = SafeET.parse(path).getroot()
    conference = root.find("conference")
    text = lambda element, tag: _one_line(  # noqa: E731
        element.findtext(tag) if element is not None else ""
    )
    day_change_text = text(conference, "day_change")
    day_change = time.fromisoformat(day_change_text) if day_change_text else None
    talks = []
    for day in root.findall("day"):
        day_date = date.fromisoformat((day.get("date") or day.get("start") or "")[:10])
        for room in day.findall("room"):
            for event in room.findall("event"):
                if event.findtext("date"):
                    start = datetime.fromisoformat(text(event, "date"))
                else:
                    clock = time.fromisoformat(text(event, "start").zfill(5))
                    start = datetime.combine(day_date, clock)
                    if day_change is not None and clock < day_change:
                        start += timedelta(days=1)
                persons = [
                    (
                        [p.get("code") or "", p.get("id") or "", p.get("guid") or ""],
                        _one_line(p.text),
                    )
                    for p in event.findall("persons/person")
                ]
                talks.append(
                    _RawTalk(
                        ids=[event.get(k) or "" for k in ("id", "code", "guid")]
                        + [text(event, "slug")],
                        title=text(event, "title"),
                        subtitle=text(event, "subtitle"),
                        start=start,
                        minutes=_minutes(text(event, "duration") or "0:00"),
                        room=text(event, "room") or _one_line(room.get("name")),
                        track=text(event, "track"),
                        persons=persons,
                        abstract=" ".join(
                            (event.findtext("abstract") or "", event.findtext("description") or "")
                        ),
                    )
                )
    return text(conference, "title"), "", text(conference, "city"), talks


def _read_json(path: Path) -> tuple[str, str, str, list[_RawTalk]]:
    conference = json.loads(path.read_text(encoding="utf-8"))["schedule"]["conference"]
    talks = []
    for day in conference["days"]:
        for room_name, events in day["rooms"].items():
            for event in events:
                room = event.get("room")
                room = room.get("name") if isinstance(room, dict) else room
                track = event.get("track")
                track = track.get("name") if isinstance(track, dict) else track
                persons = [
                    (
                        [str(p.get(k) or "") for k in ("code", "id", "guid")],
                        _one_line(p.get("public_name") or p.get("name")),
                    )
                    for p in event.get("persons") or ()
                ]
                talks.append(
                    _RawTalk(
                        ids=[str(event.get(k) or "") for k in ("id", "code", "guid", "slug")],
                        title=_one_line(_local(event.get("title"))),
                        subtitle=_one_line(_local(event.get("subtitle"))),
                        start=datetime.fromisoformat(event["date"]),
                        minutes=_minutes(event.get("duration") or "0:00"),
                        room=_one_line(_local(room)) or _one_line(room_name),
                        track=_one_line(_local(track)),
                        persons=persons,
                        abstract=" ".join(
                            _local(event.get(k)) for k in ("subtitle", "abstract", "description")
                        ),
                    )
                )
    return (
        _one_line(_local(conference.get("title"))),
        conference.get("time_zone_name") or "",
        "",
        talks,
    )


def read_schedule(path: str | Path) -> Schedule:
    """The talks of a frab/pretalx ``schedule.xml`` or ``schedule.json``, ids as imported.

    The zone is the file's ``time_zone_name``, else the one named after its city (FOSDEM's
    XML: Brussels), else the UTC offset its dates carry. Session ids: the first of the
    event's id, code, guid, slug not already taken; speaker ids: code, else id, else guid.
    A title ending with ":" or "-" gets its subtitle, as the importer does.
    """
    path = Path(path)
    head = path.read_bytes()[:200].lstrip()
    name, zone_name, city, raws = (_read_xml if head.startswith(b"<") else _read_json)(path)
    zone: tzinfo | None = ZoneInfo(zone_name) if zone_name else None
    if zone is None and city:
        zone = _zone_of_city(city)
    if zone is None:
        aware = next((r.start for r in raws if r.start.tzinfo is not None), None)
        if aware is None:
            raise ValueError(f"{path}: no time zone, no city and no UTC offsets")
        zone = timezone(aware.utcoffset() or timedelta(0))
    used: set[str] = set()
    talks = []
    for raw in raws:
        candidates = [make_id(v) for v in raw.ids if v and make_id(v)]
        talk_id = next((c for c in candidates if c not in used), "")
        if not talk_id or not raw.title:
            continue
        used.add(talk_id)
        start = raw.start.replace(tzinfo=zone) if raw.start.tzinfo is None else raw.start
        start = start.astimezone(zone)
        title = raw.title
        if raw.subtitle and re.search(r"[:\-–—]\s*$", title):
            title = f"{title} {raw.subtitle}"
        persons = []
        for ids, person_name in raw.persons:
            person_id = next((make_id(v) for v in ids if v and make_id(v)), "")
            if person_id and person_name:
                persons.append(Person(person_id, person_name))
        talks.append(
            Talk(
                id=talk_id,
                title=title,
                start=start,
                end=start + timedelta(minutes=max(1, raw.minutes)),
                room=raw.room,
                track=raw.track,
                persons=tuple(persons),
                abstract=_plain_text(raw.abstract),
            )
        )
    talks.sort(key=lambda t: (t.start, t.room, t.id))
    clashes: set[str] = set()
    by_room: dict[str, list[Talk]] = defaultdict(list)
    for talk in talks:
        if talk.room:
            by_room[talk.room].append(talk)
    for items in by_room.values():
        for i, a in enumerate(items):
            for b in items[i + 1 :]:
                if b.start >= a.end:
                    break
                clashes.update((a.id, b.id))
    rooms = tuple(dict.fromkeys(t.room for t in talks if t.room))
    return Schedule(name, zone, tuple(talks), rooms, frozenset(clashes))


# -- text --------------------------------------------------------------------------------
def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _fold(text: str) -> str:
    return strip_accents(text).casefold()


def tokens(text: str) -> list[str]:
    """Lowercase words without accents: what word matching (truth, BM25) compares."""
    return re.findall(r"[a-z0-9]+", _fold(text))


STOPWORDS = frozenset(
    """a an the and or of to in on at for with by from into about as is are be it its this
    that these those your you we our my me i how what why when where who which vs via
    not no do does can will using use new more than all any up out over under
    le la les un une des du de d l et ou en au aux pour par sur dans avec sans ce cette
    est sont que qui quoi quand ou il elle on nous vous je tu ne pas plus der die das und
    mit von fur ein eine im zu den""".split()
)
# Words too common in conference titles to name a topic.
GENERIC = frozenset(
    """open source free software devroom track talk talks session introduction intro
    project projects building build lessons learned state update years year future
    towards based support main keynote keynotes lightning welcome closing opening remarks
    make making way ways first next getting good better best just part tool tools modern
    world beyond inside through between without case study story stories day room friends
    issues""".split()
)


def _content(text: str) -> list[str]:
    return [w for w in tokens(text) if w not in STOPWORDS]


def typo(rng: random.Random, word: str) -> str:
    """One typo in a word: a letter dropped, doubled, swapped with the next, or replaced."""
    if len(word) < 5:
        return word
    at = rng.randrange(1, len(word) - 2)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:at] + word[at + 1 :]
    if kind == 1:
        return word[:at] + word[at] + word[at:]
    if kind == 2:
        return word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    replacement = rng.choice([c for c in "aeiourstn" if c != word[at].lower()])
    return word[:at] + replacement + word[at + 1 :]


def _typo_in_text(rng: random.Random, text: str, count: int = 1) -> str:
    words = text.split(" ")
    spots = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    for i in rng.sample(spots, min(count, len(spots))):
        words[i] = typo(rng, words[i])
    return " ".join(words)


# -- templates ---------------------------------------------------------------------------
# TEMPLATES[type][split] = ((language, phrasing), ...). Slots: {title} {words} {name}
# {room} {time} {day} {topic} {a} {b}. The two splits of a type share no phrasing.
TEMPLATES: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "when": {
        "dev": (
            ("en", "when is {title}?"),
            ("en", "what time does {title} start"),
            ("en", "{title} - when?"),
            ("en", "when's the talk {title}"),
            ("en", "remind me what time {title} is on"),
            ("fr", "c'est quand {title} ?"),
            ("fr", "à quelle heure commence {title} ?"),
            ("fr", "{title}, c'est à quelle heure"),
            ("fr", "quand a lieu le talk {title} ?"),
            ("fr", "tu sais quand passe {title} ?"),
        ),
        "heldout": (
            ("en", "what time is {title}?"),
            ("en", "when does {title} begin"),
            ("en", "at what time is the session {title}"),
            ("en", "{title} starts when?"),
            ("en", "any idea when {title} is scheduled?"),
            ("fr", "quand est-ce que {title} commence ?"),
            ("fr", "{title} c'est à quelle heure ?"),
            ("fr", "l'horaire de {title} svp"),
            ("fr", "ça commence quand, {title} ?"),
            ("fr", "le talk {title} est prévu à quelle heure ?"),
        ),
    },
    "where": {
        "dev": (
            ("en", "where is {title}?"),
            ("en", "which room is {title} in"),
            ("en", "what room for {title}"),
            ("en", "where do I go for {title}?"),
            ("en", "{title} - which room?"),
            ("fr", "c'est dans quelle salle {title} ?"),
            ("fr", "où a lieu {title} ?"),
            ("fr", "{title} c'est où ?"),
            ("fr", "dans quelle salle est le talk {title}"),
            ("fr", "où se passe {title} ?"),
        ),
        "heldout": (
            ("en", "where's {title} happening"),
            ("en", "which room has {title}?"),
            ("en", "room for {title}?"),
            ("en", "where can I find the talk {title}"),
            ("en", "where is {title} held?"),
            ("fr", "{title}, quelle salle ?"),
            ("fr", "le talk {title} est dans quelle salle ?"),
            ("fr", "où je dois aller pour {title} ?"),
            ("fr", "c'est où le talk {title}"),
            ("fr", "la salle de {title} stp"),
        ),
    },
    "who": {
        "dev": (
            ("en", "who gives {title}?"),
            ("en", "who is speaking at {title}"),
            ("en", "who's presenting {title}"),
            ("en", "speaker of {title}?"),
            ("en", "who runs the session {title}"),
            ("fr", "qui présente {title} ?"),
            ("fr", "c'est qui le speaker de {title}"),
            ("fr", "qui parle à {title} ?"),
            ("fr", "qui anime {title} ?"),
            ("fr", "l'intervenant de {title} c'est qui ?"),
        ),
        "heldout": (
            ("en", "who is the speaker for {title}?"),
            ("en", "who's giving the talk {title}"),
            ("en", "{title} is by whom?"),
            ("en", "who talks at {title}"),
            ("en", "who presents {title}?"),
            ("fr", "qui donne le talk {title} ?"),
            ("fr", "{title}, c'est présenté par qui ?"),
            ("fr", "qui est l'orateur de {title} ?"),
            ("fr", "qui fait la présentation {title} ?"),
            ("fr", "par qui est animé {title} ?"),
        ),
    },
    "title-words": {
        "dev": (
            ("en", "the talk about {words}"),
            ("en", "when is the {words} talk?"),
            ("en", "{words} talk where"),
            ("en", "looking for that {words} session"),
            ("en", "is there something called {words}?"),
            ("fr", "le talk sur {words}, c'est quand ?"),
            ("fr", "c'était quoi déjà le talk {words}"),
            ("fr", "{words} c'est où ?"),
            ("fr", "je cherche la session {words}"),
            ("fr", "c'est quand le {words} ?"),
        ),
        "heldout": (
            ("en", "that {words} thing, when is it?"),
            ("en", "where's the {words} one"),
            ("en", "info on the {words} talk pls"),
            ("en", "when can I see {words}?"),
            ("en", "the session with {words}?"),
            ("fr", "à quelle heure le talk {words} ?"),
            ("fr", "la session {words} c'est quand"),
            ("fr", "infos sur le talk {words} stp"),
            ("fr", "où est la présentation {words} ?"),
            ("fr", "{words}, ça passe quand ?"),
        ),
    },
    "speaker": {
        "dev": (
            ("en", "talks by {name}"),
            ("en", "what is {name} presenting?"),
            ("en", "when does {name} speak?"),
            ("en", "{name}'s talk"),
            ("en", "is {name} giving a talk?"),
            ("fr", "les talks de {name}"),
            ("fr", "{name} présente quoi ?"),
            ("fr", "quand parle {name} ?"),
            ("fr", "c'est quand la conf de {name} ?"),
            ("fr", "est-ce que {name} fait un talk ?"),
        ),
        "heldout": (
            ("en", "anything by {name}?"),
            ("en", "where can I see {name}?"),
            ("en", "sessions with {name}"),
            ("en", "what's {name} talking about"),
            ("en", "when is {name} on?"),
            ("fr", "{name} parle quand ?"),
            ("fr", "les sessions de {name} stp"),
            ("fr", "il présente quoi {name} ?"),
            ("fr", "où voir {name} ?"),
            ("fr", "{name} intervient à quelle heure ?"),
        ),
    },
    "room-time": {
        "dev": (
            ("en", "anything in {room} around {time} {day}?"),
            ("en", "what's in {room} at {time} {day}"),
            ("en", "{day} {time} in {room}, what's on?"),
            ("en", "which talk is in {room} at {time} {day}?"),
            ("en", "what's happening in {room} {day} at {time}"),
            ("fr", "qu'est-ce qui passe en salle {room} à {time} {day}"),
            ("fr", "il y a quoi en {room} {day} à {time} ?"),
            ("fr", "{room} {day} {time}, c'est quoi ?"),
            ("fr", "quel talk en {room} à {time} {day} ?"),
            ("fr", "c'est quoi le talk de {time} {day} en {room}"),
        ),
        "heldout": (
            ("en", "what's on in {room} {day} around {time}?"),
            ("en", "{room} at {time} {day}?"),
            ("en", "what talk is scheduled in {room} for {time} {day}"),
            ("en", "is there a talk in {room} at {time} {day}?"),
            ("en", "{time} {day}: what's in {room}?"),
            ("fr", "que se passe-t-il en {room} vers {time} {day} ?"),
            ("fr", "quoi en salle {room} {day} vers {time}"),
            ("fr", "y a un talk en {room} à {time} {day} ?"),
            ("fr", "en {room} à {time} {day} il y a quoi"),
            ("fr", "programme de la salle {room} à {time} {day} ?"),
        ),
    },
    "now": {
        "dev": (
            ("en", "what's on now?"),
            ("en", "what's happening right now"),
            ("en", "anything going on at the moment?"),
            ("en", "what's on in {room} right now?"),
            ("en", "what's currently in {room}"),
            ("en", "which talk is running in {room} now"),
            ("fr", "qu'est-ce qui passe maintenant ?"),
            ("fr", "il se passe quoi en ce moment ?"),
            ("fr", "c'est quoi en ce moment en {room} ?"),
            ("fr", "qu'est-ce qui se passe dans la salle {room} là ?"),
            ("fr", "quel talk en cours en {room} ?"),
        ),
        "heldout": (
            ("en", "what's going on now?"),
            ("en", "anything happening now?"),
            ("en", "what talks are on right now"),
            ("en", "what's in {room} at the moment?"),
            ("en", "is something on in {room} now?"),
            ("en", "current talk in {room}?"),
            ("fr", "quoi de prévu maintenant ?"),
            ("fr", "y a quoi là tout de suite ?"),
            ("fr", "en ce moment en {room} il y a quoi ?"),
            ("fr", "c'est quoi le talk en cours salle {room}"),
            ("fr", "ça parle de quoi en {room} maintenant ?"),
        ),
    },
    "next": {
        "dev": (
            ("en", "what's next?"),
            ("en", "what's coming up next"),
            ("en", "what comes next?"),
            ("en", "what follows in {room}"),
            ("en", "what's next in {room}?"),
            ("en", "next talk in {room}?"),
            ("fr", "et ensuite ?"),
            ("fr", "c'est quoi la suite ?"),
            ("fr", "quel est le prochain talk en {room} ?"),
            ("fr", "la suite en salle {room} ?"),
            ("fr", "qu'est-ce qui vient après en {room}"),
        ),
        "heldout": (
            ("en", "what's up next?"),
            ("en", "anything starting soon?"),
            ("en", "what's the next session?"),
            ("en", "up next in {room}?"),
            ("en", "what's after this in {room}?"),
            ("en", "what starts next in {room}"),
            ("fr", "et après ?"),
            ("fr", "le prochain talk c'est quoi ?"),
            ("fr", "quoi ensuite en {room} ?"),
            ("fr", "prochaine session salle {room} ?"),
            ("fr", "qu'est-ce qui commence bientôt en {room} ?"),
        ),
    },
    "after": {
        "dev": (
            ("en", "what's after {title}?"),
            ("en", "what comes after {title} in the same room"),
            ("en", "which talk follows {title}"),
            ("en", "and after {title}, what's in that room?"),
            ("en", "next talk after {title}?"),
            ("fr", "et après {title} ?"),
            ("fr", "qu'est-ce qui suit {title} dans la salle ?"),
            ("fr", "quel talk après {title} ?"),
            ("fr", "après {title} il y a quoi dans la même salle"),
            ("fr", "c'est quoi le talk d'après {title}"),
        ),
        "heldout": (
            ("en", "what follows {title}?"),
            ("en", "what's on after {title} in that room"),
            ("en", "anything after {title}?"),
            ("en", "what's the talk after {title}"),
            ("en", "after {title}, what's next there?"),
            ("fr", "qu'est-ce qu'il y a après {title} ?"),
            ("fr", "le talk suivant {title} c'est quoi ?"),
            ("fr", "après {title}, c'est quoi ?"),
            ("fr", "quelle session suit {title} ?"),
            ("fr", "dans la même salle, après {title} ?"),
        ),
    },
    "topic": {
        "dev": (
            ("en", "talks about {topic}"),
            ("en", "anything on {topic}?"),
            ("en", "what sessions cover {topic}"),
            ("en", "i'm into {topic}, what should I see?"),
            ("en", "{topic} talks?"),
            ("fr", "je cherche des talks sur {topic}"),
            ("fr", "y a des confs sur {topic} ?"),
            ("fr", "des sessions {topic} ?"),
            ("fr", "quels talks parlent de {topic} ?"),
            ("fr", "il y a quoi sur {topic}"),
        ),
        "heldout": (
            ("en", "show me {topic} sessions"),
            ("en", "any {topic} stuff?"),
            ("en", "which talks are about {topic}"),
            ("en", "recommend something on {topic}"),
            ("en", "list the {topic} talks"),
            ("fr", "les talks sur {topic} stp"),
            ("fr", "des présentations sur {topic} ?"),
            ("fr", "quoi voir sur {topic} ?"),
            ("fr", "y a-t-il des sessions sur {topic} ?"),
            ("fr", "tout ce qui parle de {topic}"),
        ),
    },
    "chatter": {
        "dev": (
            ("en", "hi everyone! first time here, so excited"),
            ("en", "thanks a lot, that was helpful!"),
            ("en", "next time I'll bring more coffee lol"),
            ("en", "are you a bot or a real person?"),
            ("en", "what's {a} times {b}?"),
            ("en", "tell me a joke"),
            ("en", "good morning y'all ☀️"),
            ("en", "this talk was awesome 🔥"),
            ("en", "who built you?"),
            ("en", "free hugs at the entrance? 😂"),
            ("en", "open question: tabs or spaces?"),
            ("fr", "salut tout le monde !"),
            ("fr", "merci beaucoup, c'est parfait"),
            ("fr", "t'es un robot ?"),
            ("fr", "combien font {a} plus {b} ?"),
            ("fr", "raconte-moi une blague"),
            ("fr", "bonne journée à tous"),
            ("fr", "mon chat a mangé mon pain ce matin"),
            ("fr", "actuellement je suis dans le train, j'arrive"),
            ("fr", "c'était génial ce talk, bravo"),
            ("fr", "la prochaine fois je viens plus tôt"),
        ),
        "heldout": (
            ("en", "hello bot 👋"),
            ("en", "cheers mate, appreciated"),
            ("en", "what's your name?"),
            ("en", "how much is {a} + {b}?"),
            ("en", "know any good jokes?"),
            ("en", "first coffee of the day ☕"),
            ("en", "that was the best talk ever"),
            ("en", "is this thing on?"),
            ("en", "who are you?"),
            ("en", "i'm free after lunch if anyone wants to chat"),
            ("en", "next!"),
            ("fr", "coucou 😊"),
            ("fr", "merci bcp !!"),
            ("fr", "tu sers à quoi ?"),
            ("fr", "{a} fois {b} ça fait combien ?"),
            ("fr", "une blague stp"),
            ("fr", "bonne nuit tout le monde"),
            ("fr", "je suis trop content d'être là"),
            ("fr", "c'est la première fois que je viens"),
            ("fr", "éventuellement on se retrouve au bar"),
            ("fr", "quelle ambiance dans la salle 🎉"),
        ),
    },
    "logistics": {
        "dev": (
            ("en", "what's the wifi password?"),
            ("en", "where can I get food around here?"),
            ("en", "where are the toilets?"),
            ("en", "is there parking near the venue?"),
            ("en", "where is the cloakroom?"),
            ("en", "is there wifi in {room}?"),
            ("en", "where can I charge my laptop?"),
            ("en", "do I need a ticket to get in?"),
            ("en", "is there a first aid point?"),
            ("en", "is the cafeteria open on sunday?"),
            ("fr", "c'est quoi le code wifi ?"),
            ("fr", "où est-ce qu'on peut manger ?"),
            ("fr", "il y a des toilettes près de {room} ?"),
            ("fr", "on peut se garer où ?"),
            ("fr", "il y a un vestiaire ?"),
            ("fr", "faut-il un billet pour entrer ?"),
            ("fr", "où trouver de l'eau ?"),
            ("fr", "y a un distributeur de billets pas loin ?"),
            ("fr", "la cafét est ouverte le samedi ?"),
        ),
        "heldout": (
            ("en", "how do I connect to the wifi"),
            ("en", "any vegan food options?"),
            ("en", "where's the nearest bathroom"),
            ("en", "where do I park my bike?"),
            ("en", "can I leave my coat and bag somewhere?"),
            ("en", "where do I buy tickets"),
            ("en", "is there a lost and found?"),
            ("en", "where can I get coffee near {room}?"),
            ("en", "is there a quiet room to rest?"),
            ("en", "are there power outlets in the talk rooms?"),
            ("fr", "le wifi marche pas, c'est quoi le réseau ?"),
            ("fr", "il y a des food trucks ?"),
            ("fr", "c'est où les wc ?"),
            ("fr", "y a un parking vélo ?"),
            ("fr", "où laisser mon manteau ?"),
            ("fr", "les billets sont en vente où ?"),
            ("fr", "j'ai perdu mon badge, je fais comment ?"),
            ("fr", "il y a des prises électriques en salle {room} ?"),
            ("fr", "on peut fumer où ?"),
            ("fr", "c'est accessible en fauteuil roulant ?"),
        ),
    },
    "made-up": {
        "dev": (
            ("en", "when is {title}?"),
            ("en", "where is the talk {title}"),
            ("en", "who gives {title}?"),
            ("en", "what is {name} presenting?"),
            ("en", "when does {name} speak?"),
            ("fr", "c'est quand {title} ?"),
            ("fr", "dans quelle salle est {title} ?"),
            ("fr", "qui présente {title} ?"),
            ("fr", "{name} présente quoi ?"),
            ("fr", "quand parle {name} ?"),
        ),
        "heldout": (
            ("en", "what time is {title}?"),
            ("en", "which room has {title}?"),
            ("en", "who's giving the talk {title}"),
            ("en", "anything by {name}?"),
            ("en", "sessions with {name}"),
            ("fr", "{title} c'est à quelle heure ?"),
            ("fr", "le talk {title} est dans quelle salle ?"),
            ("fr", "qui donne le talk {title} ?"),
            ("fr", "{name} parle quand ?"),
            ("fr", "les sessions de {name} stp"),
        ),
    },
}

# Invented people and talks (split too); any that exists in the schedule is dropped.
MADE_UP_FIRST = {
    "dev": "Sophie Lukas Amélie Rajesh Camille Jonas Inès Mateo Yuki Olga Thibault Priya".split(),
    "heldout": "Laura Bastien Anika Kenji Margaux Tobias Leïla Sven Elif Quentin Aisha "
    "Pavel".split(),
}
MADE_UP_LAST = {
    "dev": "Lemaire Okonkwo Vandersteen Kowalczyk Fontaine Haraldsen Petrakis Ishikawa "
    "Brennan Oyelaran Castellanos Moreau".split(),
    "heldout": "Marchetti Delacroix Nakagawa Lindqvist Bouchard Szymański Achterberg "
    "Ferreira Rautio Kaczmarek Verhoeven Dumont".split(),
}
MADE_UP_TITLES = {
    "dev": (
        "Scaling Postgres replication across three continents",
        "A gentle introduction to quantum compilers",
        "Lessons learned maintaining a Linux distribution for toasters",
        "Rewriting our billing system in Haskell",
        "Open source licensing for space missions",
        "Building a mesh network for music festivals",
        "Why your CI pipeline is lying to you",
        "Retour d'expérience : un cluster Kubernetes dans une école",
        "Sécuriser son homelab avec WireGuard et Ansible",
        "The hidden cost of microservices in embedded firmware",
        "Garbage collection for real-time audio plugins",
        "Accessibility testing for terminal applications",
    ),
    "heldout": (
        "Formal verification of smart thermostats",
        "Running Kubernetes on a fleet of e-bikes",
        "The history of tabs versus spaces",
        "Debugging memory leaks in Elixir chat servers",
        "Community governance for tiny projects that got big",
        "Translating documentation with volunteers in twelve languages",
        "Compiling Python to WebAssembly for microcontrollers",
        "Observabilité low-cost pour les petites associations",
        "Logiciel libre et collectivités : dix ans de mutualisation",
        "A decade of packaging fonts for Linux",
        "Energy-aware scheduling for home batteries",
        "Reverse engineering a 1980s arcade board",
    ),
}
# Invented titles built from two words common in the schedule's titles.
MADE_UP_PATTERNS = {
    "dev": ("{A} for {B}: lessons learned", "Why {A} needs {B}", "{A} meets {B}"),
    "heldout": (
        "Taming {A} with {B}",
        "From {A} to {B}: a migration story",
        "{A} and {B} at scale",
    ),
}

GREETINGS = {
    "en": ("hi ", "hey ", "hello! ", "yo ", "good morning, ", "hey bot, ", "hi there "),
    "fr": ("salut ", "bonjour, ", "coucou ", "hello ", "bonjour le bot, ", "salut ! "),
}
EMOJI = (" 🙏", " 🤔", " :)", " 👀", " 😅", " 🙂", " !!")
POLITE = {"en": (" pls", " please", " thx"), "fr": (" stp", " svp", " merci")}
DAYS = {
    "en": ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
}
TODAY = {"en": "today", "fr": "aujourd'hui"}


# -- questions ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Question:
    """One question and its truth. ``truth`` and ``acceptable`` are session ids;
    ``speakers`` the speaker ids that are a right answer (``who``, ``speaker``)."""

    qtype: str
    split: str
    language: str
    template: str
    text: str
    target: str  # what was sampled ("talk:10528", "room:Janson", "speaker:1774", ...)
    truth: frozenset[str] = frozenset()
    acceptable: frozenset[str] = frozenset()
    speakers: frozenset[str] = frozenset()
    now: datetime | None = None  # passed to the bot
    at: datetime | None = None  # the moment asked about (room-time, now, next)
    room: str = ""  # the room asked about (its full name)

    @property
    def must_refuse(self) -> bool:
        return self.qtype in MUST_REFUSE


@dataclass(frozen=True)
class _Draft:
    """What one generator method drew: the slots' values and the truth (see Question)."""

    slots: dict[str, str]
    target: str
    truth: frozenset[str] = frozenset()
    acceptable: Iterable[str] = frozenset()  # the truth is added to it
    speakers: frozenset[str] = frozenset()
    now: datetime | None = None
    at: datetime | None = None
    room: str = ""


def _assign(keys: Iterable[str], weight: dict[str, int] | None = None) -> dict[str, str]:
    """Split keys between dev and heldout, alternately in a fixed order (by weight, then a
    hash), so both splits get a fair share whatever the seed."""
    weight = weight or {}
    ordered = sorted(set(keys), key=lambda k: (-weight.get(k, 0), zlib.crc32(k.encode()), k))
    return {k: SPLITS[i % 2] for i, k in enumerate(ordered)}


def room_aliases(rooms: Sequence[str]) -> dict[str, tuple[str, ...]]:
    """How people name each room: its full name, the code before a parenthesis ("H.2215"
    of "H.2215 (Ferrer)"), the name in it ("Ferrer"), the part before " - "; an alias that
    would name two rooms is dropped."""
    found: dict[str, list[str]] = {}
    for room in rooms:
        names = [room]
        match = re.fullmatch(r"(.+?)\s*\((.+)\)", room)
        if match:
            names += [match.group(1).strip(), match.group(2).strip()]
        if " - " in room:
            names.append(room.split(" - ", 1)[0].strip())
        found[room] = [n for n in dict.fromkeys(names) if len(n) >= 3]
    count = Counter(_fold(n) for names in found.values() for n in names)
    return {r: tuple(n for n in names if count[_fold(n)] == 1) for r, names in found.items()}


class _Generator:
    def __init__(self, schedule: Schedule) -> None:
        self.s = schedule
        talks = schedule.talks
        self.folded_titles = {t.id: _fold(t.title) for t in talks}
        self._all_titles = "\n".join(self.folded_titles.values())
        self.talk_split = _assign(t.id for t in talks)
        per_room = Counter(t.room for t in talks if t.room)
        self.room_split = _assign(per_room, per_room)
        self.aliases = room_aliases(schedule.rooms)
        self.by_room: dict[str, list[Talk]] = defaultdict(list)
        for talk in talks:
            if talk.room:
                self.by_room[talk.room].append(talk)
        # speakers: one entry per id; names that two people share are not asked about
        names: dict[str, str] = {}
        self.speaker_talks: dict[str, list[str]] = defaultdict(list)
        for talk in talks:
            for person in talk.persons:
                names[person.id] = person.name
                self.speaker_talks[person.id].append(talk.id)
        name_count = Counter(_fold(n) for n in names.values())
        self.speaker_names = {i: n for i, n in names.items() if name_count[_fold(n)] == 1}
        self.speaker_split = _assign(self.speaker_names)
        surnames = Counter(_fold(n.split()[-1]) for n in names.values())
        self.title_words = {w for t in talks for w in tokens(t.title)}
        self.unique_surname = {
            i
            for i, n in self.speaker_names.items()
            if len(n.split()) >= 2
            and surnames[_fold(n.split()[-1])] == 1
            and len(n.split()[-1]) >= 5
            and not set(tokens(n.split()[-1])) & self.title_words
        }
        self.real_names = {_fold(n) for n in names.values()}
        self.real_surnames = set(surnames)
        # words of titles: document frequency, and their most common spelling
        self.title_tokens = {t.id: set(tokens(t.title)) for t in talks}
        self.track_tokens = {t.id: set(tokens(t.track)) for t in talks}
        self.df = Counter(w for ws in self.title_tokens.values() for w in ws)
        spelling: dict[str, Counter[str]] = defaultdict(Counter)
        for text in [t.title for t in talks] + [t.track for t in talks]:
            for word in re.findall(r"[^\W_]+", text):
                spelling[_fold(word)][word] += 1
        self.spelling = {w: c.most_common(1)[0][0] for w, c in spelling.items()}
        self.terms = self._terms()
        self.topics = self._topics()
        self.topic_split = _assign(self.topics)  # topics are keyed by folded phrase
        self.starts = {t.start for t in talks}
        self.nameable_ids = {t.id for t in talks if self._nameable(t)}
        # for invented titles: the schedule's most frequent terms, but none that is a whole
        # title by itself ("Snap!"): "Taming Snap with AI" would name that talk
        whole = {" ".join(_content(t.title)) for t in talks}
        self.common_words = sorted(
            (w for w in self.terms if w not in whole), key=lambda w: (-self.df[w], w)
        )[:60]
        self._pools: dict[tuple[str, str], list[Talk]] = {}
        self._invented: dict[str, bool] = {}
        self._moments: dict[tuple[str, int], list[tuple[str, datetime]]] = {}

    # -- pools -------------------------------------------------------------------------
    def _split_talks(self, split: str) -> list[Talk]:
        return [t for t in self.s.talks if self.talk_split[t.id] == split]

    def _split_rooms(self, split: str) -> list[str]:
        return [r for r in self.by_room if self.room_split[r] == split]

    def nameable(self, talk: Talk) -> bool:
        return talk.id in self.nameable_ids

    def _nameable(self, talk: Talk) -> bool:
        """A title that names one talk: no other title equals it or contains it."""
        folded = self.folded_titles[talk.id]
        return len(folded) >= 6 and self._all_titles.count(folded) == 1

    def _unique_phrase(self, phrase: str, talk_id: str) -> bool:
        """A part of a title (2+ words that say something: not "How do you change") that no
        other title holds."""
        folded = _fold(phrase)
        own = self.folded_titles[talk_id].count(folded)
        return len(_content(phrase)) >= 2 and self._all_titles.count(folded) == own

    def roomed(self, talk: Talk) -> bool:
        return bool(talk.room) and talk.id not in self.s.clashes

    def room_clear(self, room: str, begin: datetime, end: datetime) -> bool:
        """No talk of the room that the importer may have moved out is near this window."""
        return not any(
            t.id in self.s.clashes and t.start < end and begin < t.end for t in self.by_room[room]
        )

    def _terms(self) -> dict[str, str]:
        """Title words that name a thing (a language, a tool, a field): written with a
        capital in the abstracts even mid-sentence ("Kubernetes", "Rust"), or with capitals
        or digits inside ("eBPF", "RISC"), unlike "journey" or "practices". Folded word ->
        its usual spelling in titles."""
        raw: Counter[str] = Counter()
        for talk in self.s.talks:
            for sentence in re.split(r"[.!?:]\s+", talk.abstract):
                raw.update(re.findall(r"[^\W_]+", sentence)[1:])
        seen: Counter[str] = Counter()
        capital: Counter[str] = Counter()
        for word, count in raw.items():
            folded = _fold(word)
            seen[folded] += count
            if word[0].isupper():
                capital[folded] += count
        terms = {}
        for word, shown in self.spelling.items():
            if self.df[word] < 2 or len(word) < 2 or word.isdigit():
                continue
            if word in STOPWORDS or word in GENERIC:
                continue
            inner = any(c.isupper() or c.isdigit() for c in shown[1:])
            if inner or (seen[word] >= 2 and capital[word] >= 0.6 * seen[word]):
                terms[word] = shown
        return terms

    def _topics(self) -> dict[str, tuple[str, frozenset[str]]]:
        """Topics (folded -> shown, talks): the parts of track names ("Machine Learning" and
        "AI" of "AI and Machine Learning devroom") and the terms of titles, each with the
        talks whose title or track holds it (or its plural); kept when they are 3 to an
        eighth of the programme (15 in a small one)."""
        shown: dict[str, str] = {}
        for track in dict.fromkeys(t.track for t in self.s.talks if t.track):
            name = re.sub(r"\b(devroom|track)\b", " ", track, flags=re.IGNORECASE)
            for part in re.split(r"\s+(?:and|&)\s+|[,:()/]|\s-\s", name):
                part = " ".join(part.split())
                words = tokens(part)
                if 1 <= len(words) <= 2 and not set(words) <= STOPWORDS | GENERIC:
                    shown.setdefault(" ".join(words), part)
        for word, spelling in self.terms.items():
            if self.df[word] >= 3:
                shown.setdefault(word, spelling)
        texts = {
            t.id: (f" {' '.join(tokens(t.title))} ", f" {' '.join(tokens(t.track))} ")
            for t in self.s.talks
        }
        holders: dict[str, set[str]] = defaultdict(set)
        for talk in self.s.talks:
            for word in self.title_tokens[talk.id] | self.track_tokens[talk.id]:
                holders[word].add(talk.id)
        event_words = set(tokens(self.s.name))
        most = max(15, len(self.s.talks) // 8)
        topics: dict[str, tuple[str, frozenset[str]]] = {}
        taken: set[frozenset[str]] = set()
        for key, display in shown.items():  # track parts first: "RISC-V" rather than "RISC"
            if key in event_words or len(key) < 2 or key in STOPWORDS | GENERIC:
                continue
            forms = {f" {key} ", f" {key}s "}
            if key.endswith("s") and len(key) >= 4:  # "APIs" holds "API"; "OS" no "O"
                forms.add(f" {key[:-1]} ")
            first = key.split()[0]
            maybe = holders[first] | holders.get(f"{first}s", set())
            maybe |= holders.get(first[:-1], set()) if len(key) >= 4 else set()
            truth = frozenset(
                i for i in maybe if any(f in text for f in forms for text in texts[i])
            )
            if 3 <= len(truth) <= most and truth not in taken:
                taken.add(truth)
                topics[key] = (display, truth)
        return topics

    # -- slot values -------------------------------------------------------------------
    def title_phrase(self, rng: random.Random, talk: Talk, language: str) -> str:
        title = talk.title
        shorter = []
        head = re.split(r"\s*(?::|\s[-–—]\s)\s*", title, maxsplit=1)[0]
        if head != title and self._unique_phrase(head, talk.id):
            shorter.append(head)
        words = title.split()[:5]
        while words and _fold(words[-1]).strip(",;:-") in STOPWORDS:
            words.pop()  # "Detecting Propaganda on Facebook", not "... Facebook and"
        first = " ".join(words).rstrip(",;:-")
        if len(title.split()) > 7 and self._unique_phrase(first, talk.id):
            shorter.append(first)
        if shorter and rng.random() < 0.35:
            title = rng.choice(shorter)
        roll = 1.0 if re.search(r"[\"“”«»]", title) else rng.random()
        if roll < 0.15:
            return f"« {title} »" if language == "fr" else f"“{title}”"
        if roll < 0.25:
            return f'"{title}"'
        return title

    def room_phrase(self, rng: random.Random, room: str) -> str:
        aliases = self.aliases.get(room) or (room,)
        return rng.choice(aliases)

    @staticmethod
    def time_phrase(rng: random.Random, moment: datetime, language: str) -> str:
        h, m = moment.hour, moment.minute
        if language == "fr":
            options = [f"{h}h" if m == 0 else f"{h}h{m:02d}", f"{h}:{m:02d}"]
            if m == 0:
                options.append(f"{h} heures")
            return rng.choice(options)
        h12, suffix = h % 12 or 12, "am" if h < 12 else "pm"
        options = [f"{h12}{suffix}" if m == 0 else f"{h12}:{m:02d}{suffix}", f"{h:02d}:{m:02d}"]
        if m == 0:
            options.append(f"{h12} {suffix}")
        return rng.choice(options)

    def day_phrase(self, rng: random.Random, day: date, language: str) -> str:
        name = DAYS[language][day.weekday()]
        if language == "fr":
            return rng.choice((name, name, f"ce {name}"))
        return rng.choice((name, name.capitalize(), f"on {name}"))

    def speaker_phrase(self, rng: random.Random, speaker_id: str) -> str:
        name = self.speaker_names[speaker_id]
        roll = rng.random()
        if roll < 0.2 and speaker_id in self.unique_surname:
            return name.split()[-1]
        if roll < 0.35 and len(name) >= 10:
            return _typo_in_text(rng, name)
        return name

    # -- one question per call (None when this draw cannot make one) --------------------
    def make(
        self, qtype: str, split: str, rng: random.Random, language: str, slots: set[str]
    ) -> _Draft | None:
        return getattr(self, "q_" + qtype.replace("-", "_"))(split, rng, language, slots)

    def _pick_talk(self, split: str, rng: random.Random, need: str) -> Talk | None:
        """A talk of the split that can be named by its title and has what ``need`` says:
        "" (nothing more), "room", "persons" or "follower" (a next talk in its room)."""
        key = (split, need)
        if key not in self._pools:
            checks = {
                "": lambda t: True,
                "room": self.roomed,
                "persons": lambda t: bool(t.persons),
                "follower": lambda t: self.roomed(t) and self.follower(t) is not None,
            }
            self._pools[key] = [
                t for t in self._split_talks(split) if self.nameable(t) and checks[need](t)
            ]
        pool = self._pools[key]
        return rng.choice(pool) if pool else None

    def q_when(self, split, rng, language, slots):
        talk = self._pick_talk(split, rng, "")
        if talk is None:
            return None
        truth = frozenset({talk.id})
        return _Draft({"title": self.title_phrase(rng, talk, language)}, f"talk:{talk.id}", truth)

    def q_where(self, split, rng, language, slots):
        talk = self._pick_talk(split, rng, "room")
        if talk is None:
            return None
        truth = frozenset({talk.id})
        return _Draft({"title": self.title_phrase(rng, talk, language)}, f"talk:{talk.id}", truth)

    def q_who(self, split, rng, language, slots):
        talk = self._pick_talk(split, rng, "persons")
        if talk is None:
            return None
        truth = frozenset({talk.id})
        speakers = frozenset(p.id for p in talk.persons)
        slot = {"title": self.title_phrase(rng, talk, language)}
        return _Draft(slot, f"talk:{talk.id}", truth, speakers=speakers)

    def q_title_words(self, split, rng, language, slots):
        talk = self._pick_talk(split, rng, "")
        if talk is None:
            return None
        truth = frozenset({talk.id})
        words = self.rare_words(talk)
        if words and rng.random() < 0.6:
            phrase = " ".join(self.spelling.get(w, w) for w in words)
        else:
            count = 2 if len(talk.title) >= 40 else 1
            phrase = _typo_in_text(rng, talk.title, count)
            if phrase == talk.title:
                return None
        return _Draft({"words": phrase}, f"talk:{talk.id}", truth)

    def rare_words(self, talk: Talk) -> list[str]:
        """The 2 or 3 rarest words of a title that no other title holds together."""
        order = [w for w in dict.fromkeys(tokens(talk.title)) if len(w) >= 4]
        order = [w for w in order if w not in STOPWORDS and w not in GENERIC]
        rarest = sorted(order, key=lambda w: (self.df[w], order.index(w)))
        for size in (2, 3):
            chosen = set(rarest[:size])
            if len(chosen) < size:
                return []
            holders = [i for i, ws in self.title_tokens.items() if chosen <= ws]
            if holders == [talk.id]:
                return [w for w in order if w in chosen]
        return []

    def q_speaker(self, split, rng, language, slots):
        pool = sorted(i for i in self.speaker_names if self.speaker_split[i] == split)
        pool = [i for i in pool if len(self.speaker_names[i]) >= 4]
        if not pool:
            return None
        speaker_id = rng.choice(pool)
        truth = frozenset(self.speaker_talks[speaker_id])
        slot = {"name": self.speaker_phrase(rng, speaker_id)}
        return _Draft(slot, f"speaker:{speaker_id}", truth, speakers=frozenset({speaker_id}))

    def _room_moments(self, split: str, step: int) -> list[tuple[str, datetime]]:
        """(room, moment) pairs of the split's rooms, every ``step`` minutes, when a talk
        runs there (from 08:00: no "1am saturday", which people read as Friday night)."""
        if (split, step) in self._moments:
            return self._moments[split, step]
        out = []
        for room in self._split_rooms(split):
            for talk in self.by_room[room]:
                if not self.roomed(talk):
                    continue
                moment = talk.start.replace(minute=0)
                while moment < talk.end:
                    if moment >= talk.start and moment.hour >= 8:
                        window_end = moment + SOON
                        if self.room_clear(room, moment - timedelta(hours=1), window_end):
                            out.append((room, moment))
                    moment += timedelta(minutes=step)
        self._moments[split, step] = sorted(set(out))
        return self._moments[split, step]

    def q_room_time(self, split, rng, language, slots):
        step = 15 if rng.random() < 0.2 else 30
        moments = self._room_moments(split, step)
        if not moments:
            return None
        room, moment = rng.choice(moments)
        truth = frozenset(t.id for t in self.by_room[room] if t.running(moment))
        acceptable = truth | {t.id for t in self.by_room[room] if moment < t.start <= moment + SOON}
        now = None
        day = self.day_phrase(rng, moment.date(), language)
        if rng.random() < 0.25 and moment.hour >= 9:
            day = TODAY[language]
            now = moment.replace(hour=7, minute=rng.choice((0, 30, 45)))
        slot = {
            "room": self.room_phrase(rng, room),
            "time": self.time_phrase(rng, moment, language),
            "day": day,
        }
        return _Draft(slot, f"room:{room}", truth, acceptable, now=now, at=moment, room=room)

    def q_now(self, split, rng, language, slots):
        if "room" in slots:
            rooms = self._split_rooms(split)
            pool = [t for r in rooms for t in self.by_room[r] if self.roomed(t)]
        else:
            pool = self._split_talks(split)
        pool = [t for t in pool if t.start.hour >= 8]
        if not pool:
            return None
        talk = rng.choice(pool)
        span = max(1, int((talk.end - talk.start).total_seconds() // 60) - 1)
        moment = talk.start + timedelta(minutes=rng.randint(1, span) if span > 1 else 0)
        if "room" in slots:
            if not self.room_clear(talk.room, moment - timedelta(hours=1), moment + SOON):
                return None
            scope = self.by_room[talk.room]
        else:
            scope = list(self.s.talks)
        truth = frozenset(t.id for t in scope if t.running(moment))
        acceptable = truth | {t.id for t in scope if moment < t.start <= moment + NOW_SOON}
        slot = {"room": self.room_phrase(rng, talk.room)} if "room" in slots else {}
        target = f"room:{talk.room}" if "room" in slots else f"moment:{talk.id}"
        room = talk.room if "room" in slots else ""
        return _Draft(slot, target, truth, acceptable, now=moment, at=moment, room=room)

    def q_next(self, split, rng, language, slots):
        if "room" in slots:
            rooms = self._split_rooms(split)
            pool = [t for r in rooms for t in self.by_room[r] if self.roomed(t)]
        else:
            pool = self._split_talks(split)
        pool = [t for t in pool if t.start.hour >= 9]
        if not pool:
            return None
        talk = rng.choice(pool)
        moment = talk.start - timedelta(minutes=rng.randint(1, 20))
        if moment in self.starts:
            return None
        if "room" in slots:
            if not self.room_clear(talk.room, moment - timedelta(hours=1), talk.end + SOON):
                return None
            scope = self.by_room[talk.room]
        else:
            scope = list(self.s.talks)
        later = [t for t in scope if t.start > moment]
        first = min(t.start for t in later)
        truth = frozenset(t.id for t in later if t.start == first)
        acceptable = frozenset(t.id for t in later if t.start <= first + SOON)
        slot = {"room": self.room_phrase(rng, talk.room)} if "room" in slots else {}
        target = f"room:{talk.room}" if "room" in slots else f"moment:{talk.id}"
        room = talk.room if "room" in slots else ""
        return _Draft(slot, target, truth, acceptable, now=moment, at=moment, room=room)

    def follower(self, talk: Talk) -> Talk | None:
        later = [t for t in self.by_room[talk.room] if t.start > talk.start]
        if not later or later[0].start.date() != talk.start.date():
            return None
        if not self.room_clear(talk.room, talk.start, later[0].end + SOON):
            return None
        return later[0]

    def q_after(self, split, rng, language, slots):
        talk = self._pick_talk(split, rng, "follower")
        if talk is None:
            return None
        nxt = self.follower(talk)
        assert nxt is not None
        truth = frozenset({nxt.id})
        acceptable = frozenset(
            t.id
            for t in self.by_room[talk.room]
            if talk.start < t.start <= nxt.start + SOON and t.id != talk.id
        )
        slot = {"title": self.title_phrase(rng, talk, language)}
        return _Draft(slot, f"talk:{talk.id}", truth, acceptable)

    def q_topic(self, split, rng, language, slots):
        pool = sorted(w for w in self.topics if self.topic_split[w] == split)
        if not pool:
            return None
        word = rng.choice(pool)
        display, truth = self.topics[word]
        return _Draft({"topic": display}, f"topic:{word}", truth)

    def q_chatter(self, split, rng, language, slots):
        return _Draft({"a": str(rng.randint(2, 99)), "b": str(rng.randint(2, 99))}, "chatter")

    def q_logistics(self, split, rng, language, slots):
        rooms = self._split_rooms(split) or list(self.by_room)
        room = rng.choice(rooms) if rooms else "the main room"
        return _Draft({"room": self.room_phrase(rng, room)}, "logistics")

    def q_made_up(self, split, rng, language, slots):
        if "name" in slots:
            names = [
                f"{first} {last}"
                for first in MADE_UP_FIRST[split]
                for last in MADE_UP_LAST[split]
                if not {_fold(f"{first} {last}"), _fold(first), _fold(last)} & self.real_names
                and _fold(last) not in self.real_surnames
            ]
            if not names:
                return None
            name = rng.choice(names)
            return _Draft({"name": name}, f"name:{name}")
        titles = [t for t in MADE_UP_TITLES[split] if self.invented(t)]
        common = self.common_words
        if len(common) >= 2 and (rng.random() < 0.5 or not titles):
            a, b = rng.sample(common, 2)
            if a.startswith(b[:3]) or b.startswith(a[:3]):  # "SBOM and SBOMs", "Nix/NixOS"
                return None
            pattern = rng.choice(MADE_UP_PATTERNS[split])
            title = pattern.format(A=self.terms[a], B=self.terms[b])
            title = title[0].upper() + title[1:]
            if not self.invented(title) or any({a, b} <= ws for ws in self.title_tokens.values()):
                return None
            titles = [title]
        if not titles:
            return None
        title = rng.choice(titles)
        return _Draft({"title": title}, f"title:{title}")

    def invented(self, title: str) -> bool:
        """A title no talk has: none holds 60% of its words, none contains it or is in it."""
        if title not in self._invented:
            self._invented[title] = self._check_invented(title)
        return self._invented[title]

    def _check_invented(self, title: str) -> bool:
        words = set(_content(title))
        folded = _fold(title)
        for talk in self.s.talks:
            other = self.folded_titles[talk.id]
            if folded in other or other in folded:
                return False
            if words and len(words & self.title_tokens[talk.id]) >= 0.6 * len(words):
                return False
        return True


def _noisy(rng: random.Random, text: str, language: str) -> str:
    """A question as typed in a chat: sometimes lowercase, without accents, greeted,
    with an emoji, a Discord mention, a "pls", or without its question mark."""
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < (0.35 if language == "fr" else 0.1):
        text = strip_accents(text)
    greeted = re.match(r"(hi|hey|hello|yo|good morning|salut|bonjour|coucou)\b", text, re.I)
    if rng.random() < 0.2 and not greeted:
        text = rng.choice(GREETINGS[language]) + text
    polite = any(text.endswith(p) for p in (*POLITE["en"], *POLITE["fr"]))
    if rng.random() < 0.1 and not polite:
        text = text.rstrip(" ?") + rng.choice(POLITE[language])
    elif rng.random() < 0.1:
        text = text.rstrip(" ?")
    if rng.random() < 0.15:
        text += rng.choice(EMOJI)
    roll = rng.random()
    mention = f"<@{rng.randint(10**16, 10**19 - 1)}>"
    if roll < 0.15:
        text = f"{mention} {text}"
    elif roll < 0.2:
        text = f"{text} {mention}"
    return text


def _template_typo(rng: random.Random, template: str) -> str:
    """A typo in one of the template's own words (never in a slot)."""
    parts = re.split(r"(\{[a-z]+\})", template)
    spots = [i for i, p in enumerate(parts) if not p.startswith("{") and re.search(r"[a-z]{5}", p)]
    if not spots:
        return template
    i = rng.choice(spots)
    words = parts[i].split(" ")
    at = [j for j, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if at:
        j = rng.choice(at)
        words[j] = typo(rng, words[j])
    parts[i] = " ".join(words)
    return "".join(parts)


def generate(
    schedule: Schedule,
    *,
    seed: int = 0,
    per_type: int = 60,
    splits: Sequence[str] = SPLITS,
    types: Sequence[str] = QUESTION_TYPES,
) -> list[Question]:
    """``per_type`` questions of each type for each split (fewer when the schedule cannot
    give that many distinct ones); the same arguments give the same questions."""
    gen = schedule._derived.get("generator")
    if gen is None:  # it holds no random state: the same for every seed and call
        gen = schedule._derived["generator"] = _Generator(schedule)
    out: list[Question] = []
    for split in splits:
        for qtype in types:
            rng = random.Random(f"{seed}:{split}:{qtype}")
            templates = list(TEMPLATES[qtype][split])
            rng.shuffle(templates)
            seen: set[str] = set()
            made, attempts = 0, 0
            while made < per_type and attempts < per_type * 30:
                language, template = templates[attempts % len(templates)]
                attempts += 1
                slots = set(re.findall(r"\{([a-z]+)\}", template))
                draft = gen.make(qtype, split, rng, language, slots)
                if draft is None:
                    continue
                phrase = _template_typo(rng, template) if rng.random() < 0.1 else template
                filled = phrase.format(**{k: draft.slots.get(k, "") for k in slots})
                text = _noisy(rng, filled, language)
                if text in seen:
                    continue
                seen.add(text)
                out.append(
                    Question(
                        qtype=qtype,
                        split=split,
                        language=language,
                        template=template,
                        text=text,
                        target=draft.target,
                        truth=draft.truth,
                        acceptable=frozenset(draft.acceptable) | draft.truth,
                        speakers=draft.speakers,
                        now=draft.now,
                        at=draft.at,
                        room=draft.room,
                    )
                )
                made += 1
    return out


# -- scoring -----------------------------------------------------------------------------
class AnswerLike(Protocol):
    """What scoring reads of an answer (the bot's :class:`Answer`, or a baseline's)."""

    answered: bool
    kind: str
    id: str
    sessions: Sequence[Any]  # objects with an ``id``


def returned_sessions(answer: AnswerLike) -> list[str]:
    """The sessions an answer gives: its list, else its best entry when that is a session."""
    ids = [s.id for s in answer.sessions or ()]
    if not ids and answer.kind == "session" and answer.id:
        ids = [answer.id]
    return ids


def sessions_right(question: Question, got: Sequence[str]) -> bool:
    """Non-empty, at least one truth session, nothing outside the acceptable set."""
    return bool(got) and bool(set(got) & question.truth) and set(got) <= question.acceptable


def topic_right(question: Question, answer: AnswerLike) -> bool:
    """The best session is about the topic and so are >= TOPIC_PRECISION of those listed."""
    got = returned_sessions(answer)
    if not got:
        return False
    best = answer.id if answer.kind == "session" and answer.id else got[0]
    inside = sum(1 for i in got if i in question.truth)
    return best in question.truth and inside >= TOPIC_PRECISION * len(got)


def score(question: Question, answer: AnswerLike) -> str:
    """``right``, ``refused`` (an in-scope question not answered) or ``wrong`` (answered
    and not right: confidently wrong). A must-refuse question is right when not answered."""
    if question.must_refuse:
        return RIGHT if not answer.answered else WRONG
    if not answer.answered:
        return REFUSED
    if question.qtype == "who":
        ok = (answer.kind == "speaker" and answer.id in question.speakers) or (
            answer.kind == "session" and answer.id in question.truth
        )
    elif question.qtype == "speaker":
        ok = (answer.kind == "speaker" and answer.id in question.speakers) or sessions_right(
            question, returned_sessions(answer)
        )
    elif question.qtype == "topic":
        ok = topic_right(question, answer)
    else:
        ok = sessions_right(question, returned_sessions(answer))
    return RIGHT if ok else WRONG


__all__ = [
    "IN_SCOPE",
    "MUST_REFUSE",
    "NOW_SOON",
    "QUESTION_TYPES",
    "REFUSED",
    "RIGHT",
    "SOON",
    "SPLITS",
    "STOPWORDS",
    "TEMPLATES",
    "TOPIC_PRECISION",
    "WRONG",
    "AnswerLike",
    "Person",
    "Question",
    "Schedule",
    "Talk",
    "generate",
    "make_id",
    "read_schedule",
    "returned_sessions",
    "room_aliases",
    "score",
    "sessions_right",
    "strip_accents",
    "tokens",
    "topic_right",
    "typo",
]
