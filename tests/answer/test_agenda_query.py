"""Room, day and time questions resolved against a small two-day, two-room programme."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.answer import agenda_query
from bot.answer.engine import Answerer
from bot.answer.timeexpr import find_times
from bot.kb.model import Event, KnowledgeBase, Session, Text

BRUSSELS = ZoneInfo("Europe/Brussels")


def _session(ident: str, title: str, day: int, hour: int, minute: int, room: str) -> Session:
    start = datetime(2024, 2, day, hour, minute, tzinfo=BRUSSELS)
    return Session(
        id=ident, title=Text.of(title), start=start, end=start + timedelta(minutes=50), room=room
    )


@pytest.fixture(scope="module")
def conf() -> KnowledgeBase:
    event = Event(
        id="conf",
        name="Conf 2024",
        timezone="Europe/Brussels",
        start_date=date(2024, 2, 3),
        end_date=date(2024, 2, 4),
        rooms=("H.2215 (Ferrer)", "UD2.218A"),
    )
    return KnowledgeBase(
        event=event,
        sessions=(
            _session("rust-intro", "Rust for beginners", 3, 10, 0, "H.2215 (Ferrer)"),
            _session("rust-async", "Async Rust in practice", 3, 11, 0, "H.2215 (Ferrer)"),
            _session("whats-next", "What's next for Postgres", 3, 11, 0, "UD2.218A"),
            _session("sunday-ui", "Free desktop design", 4, 14, 0, "UD2.218A"),
            _session("sunday-late", "Closing the day", 4, 15, 0, "UD2.218A"),
        ),
    )


@pytest.fixture(scope="module")
def answers(conf: KnowledgeBase) -> Answerer:
    return Answerer(conf)


SATURDAY_1030 = datetime(2024, 2, 3, 10, 30, tzinfo=BRUSSELS)


def test_weekdays_resolve_to_event_days(conf: KnowledgeBase) -> None:
    assert agenda_query.resolve_day(conf, find_times("sunday"), None) == date(2024, 2, 4)
    assert agenda_query.resolve_day(conf, find_times("day 1"), None) == date(2024, 2, 3)


@pytest.mark.parametrize(
    ("question", "ids"),
    [
        ("anything in UD2.218A around 2pm sunday?", ["sunday-ui"]),
        ("qu'est-ce qui passe en salle H.2215 à 11h samedi", ["rust-async"]),
        ("what's on in ferrer at 10:15 on saturday", ["rust-intro"]),
        ("h2215 saturday 11:30", ["rust-async"]),
    ],
)
def test_room_day_and_time(answers: Answerer, question: str, ids: list[str]) -> None:
    answer = answers.ask(question)
    assert answer.answered
    assert [s.id for s in answer.sessions] == ids


def test_next_in_a_room_is_not_a_title_with_next(answers: Answerer) -> None:
    answer = answers.ask("what's next in UD2.218A", now=SATURDAY_1030)
    assert [s.id for s in answer.sessions] == ["whats-next"]
    answer = answers.ask("what follows in H.2215", now=SATURDAY_1030)
    assert [s.id for s in answer.sessions] == ["rust-async"]


def test_what_comes_after_a_talk(answers: Answerer) -> None:
    answer = answers.ask("what comes after the rust for beginners talk?")
    assert [s.id for s in answer.sessions] == ["rust-async"]


def test_now_overall_and_in_a_room(answers: Answerer) -> None:
    assert [s.id for s in answers.ask("what's on now?", now=SATURDAY_1030).sessions] == [
        "rust-intro"
    ]
    assert answers.ask("what's on now in UD2.218A?", now=SATURDAY_1030).sessions == ()


def test_an_empty_slot_is_said_not_invented(answers: Answerer) -> None:
    answer = answers.ask("anything in UD2.218A at 9am sunday?")
    assert answer.answered and answer.sessions == ()
    assert answer.agenda.startswith("slot:")


def test_chatter_with_common_words_matches_no_talk(answers: Answerer) -> None:
    for text in ("thanks, that's free and open!", "good morning everyone", "what's 2+2"):
        assert not answers.ask(text).answered, text


def test_a_plain_word_room_needs_a_room_word(conf: KnowledgeBase, answers: Answerer) -> None:
    reader = answers.reader
    assert reader.frame("anything in Ferrer at 10:00 saturday").rooms == ("H.2215 (Ferrer)",)
    assert reader.frame("when does Marie Ferrer speak").rooms == ()


def test_a_relation_word_inside_a_title_is_the_title(answers: Answerer) -> None:
    answer = answers.ask("when is What's next for Postgres?", now=SATURDAY_1030)
    assert answer.id == "whats-next" and not answer.agenda
    answer = answers.ask("what's after What's next for Postgres?", now=SATURDAY_1030)
    assert [s.id for s in answer.sessions] == ["sunday-ui"]


def test_a_plain_room_name_counts_beside_a_time(answers: Answerer) -> None:
    assert [s.id for s in answers.ask("Ferrer samedi 10h15, c'est quoi ?").sessions] == [
        "rust-intro"
    ]


def test_nothing_next_in_a_room_says_the_room(conf: KnowledgeBase, answers: Answerer) -> None:
    from bot.render.text import answer_text

    late = datetime(2024, 2, 4, 18, 0, tzinfo=BRUSSELS)
    answer = answers.ask("what's next in UD2.218A?", now=late)
    assert answer.answered and answer.sessions == ()
    assert "UD2.218A" in answer_text(conf, answer)


def test_what_comes_after_a_talk_in_its_room(answers: Answerer) -> None:
    answer = answers.ask("what comes after rust for beginners in H.2215?")
    assert [s.id for s in answer.sessions] == ["rust-async"]


def test_an_acronym_that_folds_to_a_stop_word_is_a_topic(conf: KnowledgeBase) -> None:
    kb = KnowledgeBase(
        event=conf.event,
        sessions=(
            *conf.sessions,
            _session("ai-talk", "Another approach to AI", 3, 15, 0, "UD2.218A"),
            _session("ai-jitsi", "Local AI summaries in Jitsi", 4, 10, 0, "UD2.218A"),
        ),
    )
    answer = Answerer(kb).ask("quels talks parlent de AI ?")
    assert answer.answered and {s.id for s in answer.sessions} == {"ai-talk", "ai-jitsi"}
