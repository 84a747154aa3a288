"""Renderers on hostile text: every embed fits Discord's limits, whatever it was given."""

from __future__ import annotations

import tempfile
from pathlib import Path

import discord
from hostile import FAST, assert_embed_within_limits, assert_embeds_within_limits, hostile_text
from hypothesis import given
from hypothesis import strategies as st

from bot.cogs.knowledge_admin import reload_embed
from bot.kb.loader import KnowledgeError
from bot.kb.schema import Problem
from bot.render.limits import fit_embed, fit_embeds, truncate

long_text = hostile_text | st.text(min_size=0, max_size=9000)


@FAST
@given(text=long_text, limit=st.integers(-5, 5000))
def test_truncate_respects_the_limit(text: str, limit: int) -> None:
    out = truncate(text, limit)
    assert len(out) <= max(limit, 0)
    if len(text.strip()) <= limit:
        assert out == text.strip()


@st.composite
def embeds(draw: st.DrawFn) -> discord.Embed:
    embed = discord.Embed(
        title=draw(long_text) or None,
        description=draw(long_text) or None,
        url=draw(st.sampled_from([None, "https://example.org"])),
    )
    for _ in range(draw(st.integers(0, 30))):
        embed.add_field(name=draw(long_text), value=draw(long_text), inline=draw(st.booleans()))
    if draw(st.booleans()):
        embed.set_footer(text=draw(long_text))
    if draw(st.booleans()):
        embed.set_author(name=draw(long_text))
    return embed


@FAST
@given(embed=embeds())
def test_fit_embed_always_fits(embed: discord.Embed) -> None:
    assert_embed_within_limits(fit_embed(embed))


@FAST
@given(many=st.lists(embeds(), min_size=1, max_size=12))
def test_fit_embeds_fit_one_message(many: list[discord.Embed]) -> None:
    assert_embeds_within_limits(fit_embeds(many))


@FAST
@given(
    problems=st.lists(
        st.tuples(hostile_text.map(lambda s: s[:300]), st.integers(0, 10**6), hostile_text),
        min_size=1,
        max_size=60,
    ),
    language=st.sampled_from(["en", "fr"]),
)
def test_reload_errors_fit_in_the_reply(
    problems: list[tuple[str, int, str]], language: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        error = KnowledgeError(
            [
                Problem(str(Path(folder) / (name or "x.yaml")), line, msg)
                for name, line, msg in problems
            ]
        )
        embed = reload_embed(error, Path(folder), language)
    assert_embed_within_limits(embed)
    assert embed.description.count("```") % 2 == 0  # the code block is never left open
