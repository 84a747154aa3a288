"""Any question, however hostile, gets an answer or a refusal: never an exception, never an
embed over Discord's limits, never a live mention in what the bot would send."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import discord
from hostile import FAST, assert_embed_within_limits, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from bot.answer.engine import Answerer
from bot.answer.normalise import content_tokens, detect_language, fold, tokens
from bot.discord_app.lookup import (
    CHOICE_NAME_LIMIT,
    CHOICE_VALUE_LIMIT,
    MAX_CHOICES,
    day_choices,
    entry_choices,
    parse_day,
    resolve,
    rooms,
    text_choices,
)
from bot.discord_app.replies import Reply, quote
from bot.kb import KINDS, KnowledgeBase
from bot.render.embeds import answer_embed, suggestions_embed
from bot.render.text import answer_text

languages = st.sampled_from(["en", "fr", None])
# Around the 2017 event and far from it, in any offset.
moments = st.datetimes(
    min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
) | st.sampled_from(
    [datetime(2017, 6, 13, 7, 30, tzinfo=UTC) + timedelta(minutes=25 * i) for i in range(24)]
)


@FAST
@given(text=hostile_text)
def test_normalisation_never_fails(text: str) -> None:
    folded = fold(text)
    assert isinstance(folded, str)
    assert all(token.isascii() or token.isalnum() for token in tokens(text))
    assert isinstance(content_tokens(text), list)
    assert detect_language(text, "fr") in ("en", "fr")


@FAST
@given(text=hostile_text, now=moments, language=languages)
def test_any_question_gets_an_answer_or_a_refusal(
    answerer: Answerer, kb: KnowledgeBase, text: str, now: datetime, language: str | None
) -> None:
    answer = answerer.ask(text, now=now, language=language)
    assert isinstance(answer.answered, bool)
    assert 0.0 <= answer.score <= 100.0
    assert answer.language in ("en", "fr")
    if answer.answered:
        assert answer.entry is not None and answer.kind in (*KINDS, "event")
    else:
        assert answer.entry is None
        assert len(answer.alternatives) <= 3
    assert isinstance(answer_text(kb, answer), str)
    embed = answer_embed(kb, answer)
    assert_embed_within_limits(embed)


@FAST
@given(text=hostile_text, language=st.sampled_from(["en", "fr"]))
def test_autocomplete_and_lookup_stay_within_discord_limits(
    answerer: Answerer, kb: KnowledgeBase, text: str, language: str
) -> None:
    for kinds in (("session",), ("speaker",), ("tool",), ("speaker", "company")):
        choices = entry_choices(answerer, kinds, text, language)
        assert len(choices) <= MAX_CHOICES
        for name, value in choices:
            assert 1 <= len(name) <= CHOICE_NAME_LIMIT
            assert 1 <= len(value) <= CHOICE_VALUE_LIMIT
    for name, value in text_choices(rooms(kb), text) + day_choices(kb, text, language):
        assert 1 <= len(name) <= CHOICE_NAME_LIMIT and 1 <= len(value) <= CHOICE_VALUE_LIMIT
    found = resolve(answerer, "session", text[:200])
    assert found.entry is not None or len(found.suggestions) <= 5
    parse_day(kb, text)


@FAST
@given(text=hostile_text, language=st.sampled_from(["en", "fr"]))
def test_echoed_user_text_cannot_ping_or_break_out(
    kb: KnowledgeBase, text: str, language: str
) -> None:
    shown = quote(text)
    assert len(shown) <= 80
    assert "@everyone" not in shown and "@here" not in shown
    embed = suggestions_embed(kb, f"“{shown}”", (), language, hint=text)
    assert_embed_within_limits(embed)
    sent = Reply([embed], content=text).kwargs()
    assert sent["allowed_mentions"].to_dict() == discord.AllowedMentions.none().to_dict()
    content = sent.get("content") or ""
    assert len(content) <= 2000
    assert "@everyone" not in content and "@here" not in content
