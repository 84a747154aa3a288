"""The understanding benchmark's question generator (benchmarks/schedule_questions.py): its
truth checked against the schedule files read here on their own, its splits, its
determinism, its scoring rules. The engine is not run here (that is the benchmark's job)."""

from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import defusedxml.ElementTree as SafeET
import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.schedule_questions import (  # noqa: E402
    IN_SCOPE,
    MUST_REFUSE,
    QUESTION_TYPES,
    REFUSED,
    RIGHT,
    SPLITS,
    TEMPLATES,
    WRONG,
    Question,
    generate,
    read_schedule,
    room_aliases,
    score,
    strip_accents,
)

SCHEDULES = ROOT.parent / "shared" / "data" / "schedules"
PER_TYPE = 20
BRUSSELS = ZoneInfo("Europe/Brussels")


def real_file(name: str) -> Path:
    path = SCHEDULES / name
    if not path.is_file():
        pytest.skip(f"real export {name} is not in {SCHEDULES.resolve()}")
    return path


def fold(text: str) -> str:
    return strip_accents(text).casefold()


@dataclass(frozen=True)
class XmlEvent:
    id: str
    title: str
    start: datetime  # naive, Brussels
    end: datetime
    room: str
    persons: frozenset[str]


@pytest.fixture(scope="module")
def fosdem_events() -> dict[str, XmlEvent]:
    """FOSDEM's events read straight from the XML (no day_change: none starts before 09:00)."""
    root = SafeET.parse(real_file("fosdem-2024.xml")).getroot()
    events = {}
    for day in root.findall("day"):
        day_date = date.fromisoformat(day.get("date"))
        for event in day.iter("event"):
            hours, minutes = map(int, event.findtext("start").split(":"))
            length_h, length_m = map(int, event.findtext("duration").split(":")[:2])
            start = datetime.combine(day_date, time(hours, minutes))
            events[event.get("id")] = XmlEvent(
                id=event.get("id"),
                title=event.findtext("title").strip(),
                start=start,
                end=start + timedelta(hours=length_h, minutes=length_m),
                room=event.findtext("room").strip(),
                persons=frozenset(p.get("id") for p in event.findall("persons/person")),
            )
    return events


@pytest.fixture(scope="module")
def fosdem():
    return read_schedule(real_file("fosdem-2024.xml"))


@pytest.fixture(scope="module")
def questions(fosdem) -> list[Question]:
    return generate(fosdem, seed=0, per_type=PER_TYPE)


def local(moment: datetime) -> datetime:
    return moment.astimezone(BRUSSELS).replace(tzinfo=None)


# -- coverage and splits --------------------------------------------------------------------
def test_every_type_in_both_splits_in_both_languages(questions):
    found = defaultdict(list)
    for q in questions:
        found[q.split, q.qtype].append(q)
    for split in SPLITS:
        for qtype in QUESTION_TYPES:
            asked = found[split, qtype]
            assert len(asked) == PER_TYPE, (split, qtype)
            assert {q.language for q in asked} == {"en", "fr"}, (split, qtype)
            assert len({q.text for q in asked}) == len(asked), "duplicate questions"


def test_each_type_has_two_disjoint_template_pools_of_eight_or_more():
    assert set(TEMPLATES) == set(QUESTION_TYPES)
    for qtype, pools in TEMPLATES.items():
        dev, heldout = pools["dev"], pools["heldout"]
        assert len(dev) >= 8 and len(heldout) >= 8, qtype
        assert {lang for lang, _ in dev} == {lang for lang, _ in heldout} == {"en", "fr"}
        assert not {t for _, t in dev} & {t for _, t in heldout}, qtype
        assert len(set(dev)) == len(dev) and len(set(heldout)) == len(heldout), qtype


def test_questions_use_their_splits_templates_and_targets(questions):
    for q in questions:
        assert (q.language, q.template) in TEMPLATES[q.qtype][q.split]
    targets = {split: set() for split in SPLITS}
    rooms = {split: set() for split in SPLITS}
    for q in questions:
        if q.qtype not in ("chatter", "logistics"):
            targets[q.split].add(q.target)
        if q.room:
            rooms[q.split].add(q.room)
    assert not targets["dev"] & targets["heldout"]
    assert rooms["dev"] and rooms["heldout"]
    assert not rooms["dev"] & rooms["heldout"]


def test_generation_is_deterministic(fosdem, questions):
    again = generate(fosdem, seed=0, per_type=PER_TYPE)
    assert again == questions
    other = generate(fosdem, seed=1, per_type=PER_TYPE)
    assert [q.text for q in other] != [q.text for q in questions]
    # which rooms (talks, speakers...) belong to which split does not depend on the seed
    for split in SPLITS:
        rooms = {p.room for p in questions if p.room and p.split == split}
        other_rooms = {p.room for p in other if p.room and p.split != split}
        assert not rooms & other_rooms


# -- truth against the XML ------------------------------------------------------------------
def test_in_scope_truth_is_non_empty_and_real(questions, fosdem_events):
    for q in questions:
        if q.qtype in MUST_REFUSE:
            assert not q.truth and not q.acceptable, q
            continue
        assert q.truth, q
        assert q.truth <= q.acceptable
        assert q.truth <= set(fosdem_events), q


def test_room_time_truth_recomputed_from_the_xml(questions, fosdem_events):
    asked = [q for q in questions if q.qtype == "room-time"]
    assert asked
    for q in asked:
        at = local(q.at)
        running = {
            e.id for e in fosdem_events.values() if e.room == q.room and e.start <= at < e.end
        }
        soon = {
            e.id
            for e in fosdem_events.values()
            if e.room == q.room and at < e.start <= at + timedelta(minutes=30)
        }
        assert q.truth == running, q
        assert q.acceptable == running | soon, q
        named = [a for a in room_aliases([q.room])[q.room] if fold(a) in fold(q.text)]
        assert named, f"{q.text!r} does not name {q.room!r}"
        hour = at.hour % 12 or 12
        assert re.search(rf"\b(0?{at.hour}|{hour})\s*(h|:|heures|am|pm)", q.text), q.text


def test_one_room_time_by_hand(fosdem, fosdem_events):
    """UD2.218A at 14:00 on Sunday 4 February 2024, from the XML, against the reader."""
    at = datetime(2024, 2, 4, 14, 0)
    by_hand = {
        e.id for e in fosdem_events.values() if e.room == "UD2.218A" and e.start <= at < e.end
    }
    by_reader = {
        t.id
        for t in fosdem.talks
        if t.room == "UD2.218A" and t.running(at.replace(tzinfo=BRUSSELS))
    }
    assert by_hand and by_hand == by_reader


def test_now_and_next_truth_recomputed_from_the_xml(questions, fosdem_events):
    for q in questions:
        if q.qtype not in ("now", "next"):
            continue
        assert q.now is not None and q.now.tzinfo is not None
        at = local(q.now)
        scope = [e for e in fosdem_events.values() if not q.room or e.room == q.room]
        if q.qtype == "now":
            expected = {e.id for e in scope if e.start <= at < e.end}
        else:
            first = min(e.start for e in scope if e.start > at)
            expected = {e.id for e in scope if e.start == first}
        assert q.truth == expected, q


def test_title_questions_name_their_talk_and_its_speakers(questions, fosdem_events):
    for q in questions:
        if q.qtype not in ("when", "where", "who", "after"):
            continue
        event = fosdem_events[q.target.removeprefix("talk:")]
        head = " ".join(re.findall(r"[a-z0-9]+", fold(event.title))[:2])
        assert head in " ".join(re.findall(r"[a-z0-9]+", fold(q.text))), (q.text, event.title)
        if q.qtype == "who":
            assert q.speakers == event.persons and q.truth == {event.id}
        if q.qtype == "after":
            later = [
                e for e in fosdem_events.values() if e.room == event.room and e.start > event.start
            ]
            assert q.truth == {min(later, key=lambda e: e.start).id}


def test_speaker_truth_is_every_talk_of_that_person(questions, fosdem_events):
    for q in (q for q in questions if q.qtype == "speaker"):
        (person,) = q.speakers
        assert q.truth == {e.id for e in fosdem_events.values() if person in e.persons}


def test_made_up_names_and_titles_are_not_in_the_schedule(questions, fosdem_events):
    root = SafeET.parse(real_file("fosdem-2024.xml")).getroot()
    people = {fold(p.text or "") for p in root.iter("person")}
    titles = {fold(e.title) for e in fosdem_events.values()}
    for q in (q for q in questions if q.qtype == "made-up"):
        kind, _, value = q.target.partition(":")
        assert kind in ("name", "title")
        assert fold(value) not in (people if kind == "name" else titles), value


def test_topic_truth_is_every_talk_whose_title_or_track_holds_the_word(fosdem, questions):
    words = {
        t.id: " ".join(re.findall(r"[a-z0-9]+", fold(f"{t.title} | {t.track}")))
        for t in fosdem.talks
    }
    for q in (q for q in questions if q.qtype == "topic"):
        word = q.target.removeprefix("topic:")
        base = word[:-1] if word.endswith("s") and len(word) >= 4 else word
        pattern = re.compile(rf"\b{re.escape(base)}s?\b")  # singular or plural
        holders = {i for i, text in words.items() if pattern.search(text)}
        assert q.truth == holders and len(q.truth) >= 3, word


# -- the JSON exports -----------------------------------------------------------------------
@pytest.mark.parametrize("name", ["frab-camp2019.json", "pretalx-rc3.json"])
def test_json_schedules_read_like_the_importer_and_give_every_type(name):
    from bot.importers import parse_schedule

    path = real_file(name)
    schedule = read_schedule(path)
    document = json.loads(path.read_text(encoding="utf-8"))
    days = document["schedule"]["conference"]["days"]
    count = sum(len(events) for day in days for events in day["rooms"].values())
    assert len(schedule.talks) == count
    imported = {s["id"]: s for s in parse_schedule(path).sessions}
    for talk in schedule.talks:
        session = imported[talk.id]
        assert datetime.fromisoformat(session["start"]) == talk.start
        assert session.get("room", "") == talk.room
        assert session["title"] == talk.title
        assert session.get("speakers", []) == [p.id for p in talk.persons]
    questions = generate(schedule, seed=0, per_type=8)
    for split in SPLITS:
        for qtype in QUESTION_TYPES:
            assert any(q.split == split and q.qtype == qtype for q in questions), (split, qtype)
    for q in questions:
        if q.qtype in IN_SCOPE:
            assert q.truth and q.truth <= {t.id for t in schedule.talks}


# -- scoring --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fake:
    answered: bool
    kind: str = ""
    id: str = ""
    sessions: tuple[Any, ...] = ()


@dataclass(frozen=True)
class S:
    id: str


def q(qtype: str, truth=(), acceptable=(), speakers=()) -> Question:
    return Question(
        qtype=qtype,
        split="dev",
        language="en",
        template="",
        text="",
        target="",
        truth=frozenset(truth),
        acceptable=frozenset(acceptable) | frozenset(truth),
        speakers=frozenset(speakers),
    )


def test_score_session_rule():
    room_time = q("room-time", {"a"}, {"b"})
    assert score(room_time, Fake(False)) == REFUSED
    assert score(room_time, Fake(True, "session", "a")) == RIGHT
    assert score(room_time, Fake(True, "event", "x", (S("a"), S("b")))) == RIGHT
    assert score(room_time, Fake(True, "session", "b")) == WRONG  # acceptable, not truth
    assert score(room_time, Fake(True, "session", "a", (S("a"), S("c")))) == WRONG
    assert score(room_time, Fake(True, "faq", "wifi")) == WRONG


def test_score_who_speaker_topic_and_must_refuse():
    who = q("who", {"t1"}, speakers={"p1", "p2"})
    assert score(who, Fake(True, "speaker", "p2")) == RIGHT
    assert score(who, Fake(True, "session", "t1")) == RIGHT
    assert score(who, Fake(True, "speaker", "t1")) == WRONG  # same id, other kind
    speaker = q("speaker", {"t1", "t2"}, speakers={"p1"})
    assert score(speaker, Fake(True, "speaker", "p1")) == RIGHT
    assert score(speaker, Fake(True, "session", "t2")) == RIGHT
    assert score(speaker, Fake(True, "speaker", "p9")) == WRONG
    topic = q("topic", {str(i) for i in range(8)})
    four_of_five = tuple(S(i) for i in ("0", "1", "2", "3", "x"))
    assert score(topic, Fake(True, "event", "e", four_of_five)) == RIGHT
    assert score(topic, Fake(True, "session", "x", four_of_five)) == WRONG  # best not in truth
    three_of_five = tuple(S(i) for i in ("0", "1", "2", "x", "y"))
    assert score(topic, Fake(True, "event", "e", three_of_five)) == WRONG
    for qtype in MUST_REFUSE:
        assert score(q(qtype), Fake(False)) == RIGHT
        assert score(q(qtype), Fake(True, "session", "a")) == WRONG
