"""The question log: logging, ratings and the organisers' queries."""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.store import CSV_COLUMNS, Store, group_similar, normalise
from bot.store.models import from_db_time, to_db_time
from bot.store.store import MAX_TEXT_CHARS

from .helpers import START, FakeClock


async def ask(store: Store, text: str, *, answered: bool = True, **fields) -> int:
    fields.setdefault("source", "text")
    fields.setdefault("guild_id", 1)
    if answered:
        fields.setdefault("matched_kind", "session")
        fields.setdefault("matched_id", "linuxkit")
    return await store.log_question(text=text, answered=answered, **fields)


async def test_log_question_stores_every_field(store: Store) -> None:
    qid = await store.log_question(
        text="who talked about linux kit",
        source="ask",
        answered=True,
        guild_id=10,
        channel_id=20,
        user_id=123456789012345678,
        matched_kind="session",
        matched_id="linuxkit",
        score=91.5,
        alternatives=["speaker:justin-cormack", "tool:linuxkit"],
        latency_ms=4.25,
        message_id=555,
    )
    assert await store.set_reply_message(qid, 777)
    q = await store.get_question(qid)
    assert q is not None
    assert (q.guild_id, q.channel_id, q.source, q.text) == (
        10,
        20,
        "ask",
        "who talked about linux kit",
    )
    assert (q.matched_kind, q.matched_id, q.score, q.answered) == (
        "session",
        "linuxkit",
        91.5,
        True,
    )
    assert q.alternatives == ("speaker:justin-cormack", "tool:linuxkit")
    assert (q.latency_ms, q.message_id, q.reply_message_id) == (4.25, 555, 777)
    assert q.asked_at == START
    assert q.user_key == store.user_key(123456789012345678)
    assert q.user_id is None  # raw ids are not stored by default
    assert "123456789012345678" not in q.user_key
    assert await store.get_question(qid + 1) is None
    assert not await store.set_reply_message(qid + 1, 1)


async def test_raw_user_ids_only_when_the_setting_says_so(db_path: Path) -> None:
    async with await Store.open(
        db_path, store_raw_user_ids=True, maintenance_interval=None
    ) as store:
        qid = await store.log_question(text="x", source="text", answered=False, user_id=42)
        q = await store.get_question(qid)
        assert q is not None and q.user_id == 42 and q.user_key == store.user_key(42)


async def test_console_question_has_no_user(store: Store) -> None:
    qid = await store.log_question(text="c'est où ?", source="console", answered=False)
    q = await store.get_question(qid)
    assert q is not None and q.user_key is None and q.guild_id is None


async def test_invalid_input_is_rejected(store: Store) -> None:
    with pytest.raises(ValueError, match="source"):
        await store.log_question(text="x", source="dm", answered=True)
    with pytest.raises(ValueError, match="aware"):
        await store.log_question(
            text="x", source="text", answered=True, asked_at=datetime(2017, 6, 13)
        )
    qid = await store.log_question(text="y" * (MAX_TEXT_CHARS + 50), source="text", answered=False)
    q = await store.get_question(qid)
    assert q is not None and len(q.text) == MAX_TEXT_CHARS


async def test_concurrent_loggers_get_the_id_of_their_own_row(store: Store) -> None:
    async def one(n: int) -> tuple[int, str]:
        await asyncio.sleep(0 if n % 3 else 0.001)
        text = f"question number {n}"
        return await store.log_question(text=text, source="text", answered=n % 2 == 0), text

    results = await asyncio.gather(*(one(n) for n in range(600)))
    ids = [qid for qid, _ in results]
    assert len(set(ids)) == 600
    rows = {q.id: q.text for q in await store.questions()}
    assert rows == dict(results)


async def test_close_writes_what_is_queued(db_path: Path) -> None:
    store = await Store.open(db_path, maintenance_interval=None)
    tasks = [
        asyncio.create_task(store.log_question(text=f"q{n}", source="text", answered=True))
        for n in range(50)
    ]
    await asyncio.sleep(0)
    await store.close()
    ids = await asyncio.gather(*tasks)
    async with await Store.open(db_path, maintenance_interval=None) as reopened:
        assert sorted(q.id for q in await reopened.questions()) == sorted(ids)


async def test_a_cancelled_caller_does_not_break_the_batch(store: Store) -> None:
    victim = asyncio.create_task(store.log_question(text="gone", source="text", answered=True))
    others = [
        asyncio.create_task(store.log_question(text=f"q{n}", source="text", answered=True))
        for n in range(5)
    ]
    await asyncio.sleep(0)
    victim.cancel()
    ids = await asyncio.gather(*others)
    assert len(set(ids)) == 5


async def test_ratings_one_per_user_last_click_wins(store: Store) -> None:
    qid = await ask(store, "where is the keynote")
    assert await store.rate(qid, 1, True)
    assert await store.rate(qid, 2, False)
    assert await store.rate(qid, 1, False)  # changed their mind
    assert await store.rate(qid, 3, True)
    q = await store.get_question(qid)
    assert q is not None and (q.helpful, q.not_helpful) == (1, 2)
    assert not await store.rate(qid + 100, 1, True)  # purged or erased question


async def test_stats(store: Store, clock: FakeClock) -> None:
    empty = await store.stats()
    assert empty.total == 0 and empty.answer_rate is None and empty.busiest_hours() == []
    paris = ZoneInfo("Europe/Paris")
    # 09:00 UTC is 11:00 in Paris (summer time).
    a = await ask(store, "a", user_id=1, latency_ms=10)
    await ask(store, "b", user_id=1, latency_ms=20, source="ask")
    await ask(store, "c", answered=False, user_id=2, latency_ms=30)
    clock.advance(hours=3)
    await ask(store, "d", user_id=3, latency_ms=40, source="console")
    await ask(store, "e", guild_id=2, user_id=3)
    await store.rate(a, 7, True)
    await store.rate(a, 8, False)

    stats = await store.stats(tz=paris)
    assert (stats.total, stats.answered, stats.refused, stats.askers) == (5, 4, 1, 3)
    assert stats.answer_rate == pytest.approx(0.8)
    assert (stats.rated_questions, stats.helpful, stats.not_helpful) == (1, 1, 1)
    assert stats.helpful_rate == pytest.approx(0.5)
    assert stats.by_source == {"text": 3, "ask": 1, "console": 1}
    assert stats.by_hour[11] == 3 and stats.by_hour[14] == 2 and sum(stats.by_hour) == 5
    assert stats.busiest_hours(1) == [(11, 3)]
    assert stats.latency_p50_ms == 30 and stats.latency_p95_ms == 40
    assert stats.first_at == START and stats.last_at == START + timedelta(hours=3)

    later = await store.stats(since=START + timedelta(hours=1))
    assert later.total == 2 and later.by_hour[12] == 2
    assert (await store.stats(until=START + timedelta(hours=1))).total == 3
    assert (await store.stats(guild_id=2)).total == 1


async def test_top_groups_answers_by_matched_entry(store: Store, clock: FakeClock) -> None:
    for text in ("who talked about linux kit", "linuxkit ?", "LinuxKit talk"):
        clock.advance(minutes=1)
        last = await ask(store, text, matched_id="linuxkit")
    for text in ("when is the keynote", "keynote time"):
        clock.advance(minutes=1)
        await ask(store, text, matched_id="keynote")
    await ask(store, "wifi", answered=False, matched_kind="faq", matched_id="wifi")
    await ask(store, "wifi?", answered=False)
    await store.rate(last, 1, True)

    top = await store.top()
    assert [(t.kind, t.entry_id, t.count) for t in top] == [
        ("session", "linuxkit", 3),
        ("session", "keynote", 2),
    ]
    assert top[0].example == "LinuxKit talk"  # the most recent
    assert (top[0].helpful, top[0].not_helpful) == (1, 0)
    assert top[0].last_asked == START + timedelta(minutes=3)
    assert len(await store.top(limit=1)) == 1
    recent = await store.top(since=START + timedelta(minutes=4))
    assert [(t.entry_id, t.count) for t in recent] == [("keynote", 2)]


async def test_unanswered_groups_similar_text_newest_first(store: Store, clock: FakeClock) -> None:
    asked = [
        "C'est où le vestiaire ?",
        "wifi password",
        "c'est ou le vestiaire",
        "ou est le vestiaire",
        "where is the cloakroom",
        "Wifi password ???",
        "le vestiaire, c'est où",
    ]
    for text in asked:
        clock.advance(minutes=5)
        await ask(store, text, answered=False)
    await ask(store, "answered question", answered=True)

    groups = await store.unanswered()
    summary = [(g.count, g.example) for g in groups]
    assert summary == [
        (4, "le vestiaire, c'est où"),
        (2, "Wifi password ???"),
        (1, "where is the cloakroom"),
    ]
    assert groups[0].last_seen == START + timedelta(minutes=35)
    assert groups[0].first_seen == START + timedelta(minutes=5)
    assert [g.last_seen for g in groups] == sorted((g.last_seen for g in groups), reverse=True)
    assert len(await store.unanswered(limit=1)) == 1
    assert await store.unanswered(since=START + timedelta(hours=5)) == []


def test_normalise() -> None:
    assert normalise("C'est OÙ, le Vestiaire ?!") == "c est ou le vestiaire"
    assert normalise("  Ça  commence   QUAND ") == "ca commence quand"
    assert normalise("¿¡...!?") == ""


def test_group_similar_merges_word_order_and_typos() -> None:
    t = datetime(2017, 6, 13, tzinfo=UTC)
    groups = group_similar(
        [
            ("where is the wifi password", t + timedelta(minutes=3)),
            ("wifi password where is", t + timedelta(minutes=2)),
            ("wherre is the wiffi pasword", t + timedelta(minutes=1)),
            ("lunch menu", t),
            ("???", t),
            ("!!!", t),
        ]
    )
    assert [(g.count, g.example) for g in groups] == [
        (3, "where is the wifi password"),
        (1, "lunch menu"),
        (2, "???"),
    ]
    assert groups[0].variants == (
        "where is the wifi password",
        "wifi password where is",
        "wherre is the wiffi pasword",
    )


@given(st.text(max_size=40))
def test_normalise_is_idempotent(text: str) -> None:
    once = normalise(text)
    assert normalise(once) == once
    assert once == once.strip()


@given(st.datetimes(timezones=st.just(UTC), min_value=datetime(1970, 1, 2)))
def test_db_time_roundtrip_and_order(value: datetime) -> None:
    assert from_db_time(to_db_time(value)) == value
    later = value + timedelta(microseconds=1)
    if later.year < 10000:
        assert to_db_time(value) < to_db_time(later)


async def test_export_csv(store: Store, clock: FakeClock) -> None:
    first = await ask(store, "who talked about linux kit", user_id=5, alternatives=["tool:a"])
    clock.advance(hours=1)
    await ask(store, '=HYPERLINK("http://evil")', answered=False)
    await ask(store, 'quote "and" comma, newline\nhere', answered=False)
    await store.rate(first, 9, True)

    out = io.StringIO()
    assert await store.export_csv(out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert rows[0]["id"] == str(first)
    assert rows[0]["asked_at"] == "2017-06-13T09:00:00+00:00"
    assert rows[0]["user_key"] == store.user_key(5)
    assert (rows[0]["answered"], rows[0]["helpful"], rows[0]["alternatives"]) == (
        "1",
        "1",
        "tool:a",
    )
    assert rows[1]["text"] == '\'=HYPERLINK("http://evil")'
    assert rows[2]["text"] == 'quote "and" comma, newline\nhere'

    recent = io.StringIO()
    assert await store.export_csv(recent, since=START + timedelta(minutes=30)) == 2


async def test_a_failed_batch_fails_its_callers_and_the_store_recovers(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import bot.store.store as store_module
    from bot.store import StoreError

    monkeypatch.setattr(store_module, "_INSERT_QUESTION", "INSERT INTO nowhere VALUES (?)")
    results = await asyncio.gather(
        *(store.log_question(text=f"q{n}", source="text", answered=True) for n in range(3)),
        return_exceptions=True,
    )
    assert all(isinstance(r, StoreError) for r in results)
    assert "nowhere" in str(results[0])
    monkeypatch.undo()
    qid = await store.log_question(text="after", source="text", answered=True)
    assert [q.id for q in await store.questions()] == [qid]
