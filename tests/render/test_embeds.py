"""The Discord embed renderers against Discord's limits, with huge and hostile texts."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import discord
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.answer.engine import Alternative, Answer, Answerer
from bot.answer.intent import Intent
from bot.kb.model import (
    Company,
    Event,
    Faq,
    KnowledgeBase,
    Link,
    Session,
    Speaker,
    Text,
    Tool,
)
from bot.render.embeds import (
    agenda_embeds,
    answer_embed,
    entry_embed,
    event_embed,
    session_embed,
    speaker_embed,
    tool_embed,
)
from bot.render.limits import (
    DESCRIPTION_LIMIT,
    FIELD_COUNT_LIMIT,
    FIELD_NAME_LIMIT,
    FIELD_VALUE_LIMIT,
    TITLE_LIMIT,
    TOTAL_LIMIT,
    fit_embed,
    fit_embeds,
    truncate,
)

START = datetime(2030, 5, 14, 7, 30, tzinfo=UTC)


def assert_within_limits(embed: discord.Embed, budget: int = TOTAL_LIMIT) -> None:
    data = embed.to_dict()
    assert len(data.get("title", "")) <= TITLE_LIMIT
    assert len(data.get("description", "")) <= DESCRIPTION_LIMIT
    fields = data.get("fields", [])
    assert len(fields) <= FIELD_COUNT_LIMIT
    for f in fields:
        assert 0 < len(f["name"]) <= FIELD_NAME_LIMIT
        assert 0 < len(f["value"]) <= FIELD_VALUE_LIMIT
    assert len(data.get("footer", {}).get("text", "")) <= 2048
    assert len(embed) <= budget


def huge_kb(size: int = 20_000, sessions: int = 40) -> KnowledgeBase:
    big = "word " * (size // 5)
    event = Event(
        id="e",
        name="N" * 500,
        timezone="Europe/Paris",
        start_date=date(2030, 5, 14),
        end_date=date(2030, 5, 15),
        venue=Text.of(big),
        city="C" * 300,
        organisers=tuple(f"c{n}" for n in range(30)),
        theme=Text.of(big),
        attendance=Text.of(big),
        description=Text.of(big),
        links=tuple(Link("L" * 200, "https://example.org/" + "x" * 200) for _ in range(30)),
        notes=tuple(Text.of(big) for _ in range(5)),
    )
    companies = tuple(Company(id=f"c{n}", name=f"Company {n} " + "c" * 200) for n in range(30))
    speakers = tuple(
        Speaker(
            id=f"p{n}",
            name=f"Speaker {n} " + "p" * 300,
            company=f"c{n % 30}",
            role=Text.of(big),
            bio=Text.of(big),
            links=(Link("site", "https://example.org"),),
        )
        for n in range(30)
    )
    tools = tuple(
        Tool(
            id=f"t{n}",
            name=f"Tool {n} " + "t" * 300,
            description=Text.of(big),
            company="c1",
            links=tuple(Link("L" * 100, "https://example.org/" + "y" * 100) for _ in range(20)),
        )
        for n in range(30)
    )
    all_sessions = tuple(
        Session(
            id=f"s{n}",
            title=Text.of(f"Session {n} " + "s" * 400),
            start=START + timedelta(minutes=30 * n),
            end=START + timedelta(minutes=30 * n + 25),
            room="R" * 300,
            track="T" * 300,
            speakers=tuple(f"p{k}" for k in range(30)),
            tools=tuple(f"t{k}" for k in range(30)),
            abstract=Text.of(big),
            links=(Link("slides", "https://example.org/s"),),
        )
        for n in range(sessions)
    )
    faqs = (Faq(id="f", question=Text.of(big), answer=Text.of(big)),)
    return KnowledgeBase(
        event=event,
        sessions=all_sessions,
        speakers=speakers,
        companies=companies,
        tools=tools,
        faqs=faqs,
    )


@pytest.fixture(scope="module")
def big() -> KnowledgeBase:
    return huge_kb()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_entry_embed_fits_with_huge_texts(big, language):
    for _, entry in big.entries():
        assert_within_limits(entry_embed(big, entry, language))


def test_agenda_pages_fit(big):
    pages = agenda_embeds(big, big.sessions, "en", "Agenda " * 100, description="d" * 10_000)
    assert len(pages) == 7
    for number, page in enumerate(pages, start=1):
        assert_within_limits(page)
        assert page.footer.text.endswith(f"Page {number}/7")


def test_answers_fit(big):
    answerer = Answerer(big)
    for question in ("session 3", "speaker 4", "tool 5", "nothing like this at all", "now"):
        answer = answerer.ask(question, now=START + timedelta(minutes=40))
        assert_within_limits(answer_embed(big, answer))
    alternatives = tuple(Alternative("session", s.id, "x" * 600, 50.0) for s in big.sessions[:3])
    unsure = Answer(
        answered=False,
        kind=None,
        id=None,
        title="",
        score=40.0,
        intent=Intent.ANY,
        language="en",
        question="?",
        alternatives=alternatives,
        alternative_entries=big.sessions[:3],
    )
    assert_within_limits(answer_embed(big, unsure))


def test_long_lists_say_how_many_more(big):
    speaker = big.speakers[0]
    embed = speaker_embed(big, speaker, "en")
    sessions = next(f.value for f in embed.fields if f.name == "Sessions")
    assert sessions.endswith("more")
    assert len(sessions) <= FIELD_VALUE_LIMIT


def test_session_embed_shows_discord_timestamps():
    kb = huge_kb(size=100, sessions=1)
    embed = session_embed(kb, kb.sessions[0], "en")
    when = next(f.value for f in embed.fields if f.name == "When")
    unix = int(START.timestamp())
    assert when.startswith(f"<t:{unix}:f>")
    assert f"<t:{unix}:R>" in when


def test_unscheduled_session_and_tool_without_sessions():
    kb = KnowledgeBase(
        event=Event(
            id="e", name="E", timezone="UTC", start_date=date(2030, 1, 1), end_date=date(2030, 1, 1)
        ),
        sessions=(Session(id="s", title=Text.of("Someday")),),
        tools=(Tool(id="t", name="T", description=Text.of("")),),
    )
    embed = session_embed(kb, kb.sessions[0], "fr")
    assert next(f.value for f in embed.fields if f.name == "Quand") == "horaire non fixé"
    tool = tool_embed(kb, kb.tools[0], "en")
    assert tool.description is None
    assert_within_limits(event_embed(kb, kb.event, "en"))


def test_fit_embed_total_budget():
    embed = discord.Embed(title="t" * 1000, description="d" * 10_000)
    embed.set_footer(text="f" * 5000)
    for n in range(40):
        embed.add_field(name=f"n{n}" * 200, value="v" * 3000)
    assert_within_limits(fit_embed(embed))
    several = fit_embeds(
        [discord.Embed(description="x" * 4096, title="t" * 256) for _ in range(12)]
    )
    assert len(several) == 10
    assert sum(len(e) for e in several) <= TOTAL_LIMIT


@given(st.text(max_size=3000), st.integers(min_value=0, max_value=2000))
@settings(max_examples=200, deadline=None)
def test_truncate_never_exceeds(text, limit):
    cut = truncate(text, limit)
    assert len(cut) <= limit
    if len(text.strip()) <= limit:
        assert cut == text.strip()


@given(
    st.text(max_size=8000),
    st.text(max_size=5000),
    st.lists(st.tuples(st.text(max_size=1500), st.text(max_size=1500)), max_size=40),
)
@settings(max_examples=60, deadline=None)
def test_fit_embed_always_within_limits(title, description, fields):
    embed = discord.Embed(title=title, description=description)
    for name, value in fields:
        embed.add_field(name=name, value=value)
    assert_within_limits(fit_embed(embed))


def test_truncate_prefers_word_boundaries_and_whole_tokens():
    assert truncate("hello wonderful world", 18) == "hello wonderful…"
    assert truncate("a" * 10, 5) == "aaaa…"
    text = "See " + "x" * 40 + " <t:1904977800:f>"
    assert "<t:" not in truncate(text, 50)
