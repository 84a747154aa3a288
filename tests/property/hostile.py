"""Hostile text for property tests: what attendees and schedule exports can throw at the bot.

Empty strings, 10,000 characters, zalgo, right-to-left, control characters, code blocks,
``@everyone`` and role/user mentions, markdown links, HTML, YAML and JSON fragments, and
arbitrary unicode mixed with them.
"""

from __future__ import annotations

import discord
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Fast and deterministic enough for CI: the whole property suite runs in a few seconds.
FAST = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

ZALGO = "Z̷̢̛̛̖̗̘̙̜̝̞̟̠̤̥̦̩̪̫̬̭̮̯̰̱̲̳̹̺̻̼͇͈͉͍͎̀́̂̃̄̅̆̇̈̉̊̋̌̍̎̏̐̑̒̓̔̽̾̿̀́͂̓̈́͆͊͋͌ͅ͏͓͔͕͖͙͚͐͑͒͗͛ͣͤͥͦͧͨͩͪͫͬͭͮͯ͘͜͟͢͝͞͠͡A̸L̶G̵O̷"
RTL = "\u202eكيف حالك؟ \u05e9\u05dc\u05d5\u05dd \u200f\u202b\u2067ٱلسَّلَامُ\u2069"
CONTROL = "".join(chr(c) for c in (*range(0, 32), 127, 0x85, 0x2028, 0x2029, 0xFEFF, 0x200B))

FRAGMENTS = (
    "",
    " ",
    "\n",
    "@everyone",
    "@here",
    "<@123456789012345678>",
    "<@!123456789012345678>",
    "<@&123456789012345678>",
    "<#123456789012345678>",
    "<t:1497346200:R>",
    "<t:99999999999999999999:f>",
    "[click me](https://evil.example/@everyone)",
    "[](<javascript:alert(1)>)",
    "```python\nprint('hi')\n```",
    "```",
    "`",
    "**bold** __under__ ~~strike~~ ||spoiler||",
    "> quote",
    "# heading",
    "<script>alert(1)</script>",
    "&amp;&lt;&#0;",
    "{placeholder} {0} %s %(x)s",
    "'; DROP TABLE questions; --",
    "!!python/object/apply:os.system ['echo pwned']",
    "- [a, b]: {c: d}",
    "c'est où ?",
    "who talks about linuxkit",
    "qui parle de sécurité",
    "what's on now",
    "next",
    "maintenant",
    "docker",
    "SÉCURITÉ ŒUVRE ß",
    ZALGO,
    RTL,
    CONTROL,
    "\ud7ff\ue000\uffff",
    "😀👍🏽🇫🇷" * 3,
    "1e309 NaN -0 2017-06-13T11:00",
)


def _mixed() -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=12).map(
        "".join
    )


hostile_text: st.SearchStrategy[str] = st.one_of(
    st.sampled_from(FRAGMENTS),
    _mixed(),
    st.text(max_size=300),
    # very long: 10,000 characters of a repeated piece
    st.tuples(st.sampled_from((*FRAGMENTS[1:], "a", "é ")), st.integers(1, 10_000)).map(
        lambda pair: (pair[0] * (10_000 // max(1, len(pair[0])) + 1))[: pair[1]]
    ),
)
"""Any text a user may type or an export may hold."""

short_hostile_text = hostile_text.map(lambda s: s[:400])


def assert_embed_within_limits(embed: discord.Embed) -> None:
    """Every Discord embed limit: the API refuses the whole message otherwise."""
    assert len(embed) <= 6000, len(embed)
    assert len(embed.title or "") <= 256
    assert len(embed.description or "") <= 4096
    assert len(embed.fields) <= 25
    for field in embed.fields:
        assert 0 < len(field.name or "") <= 256, field.name
        assert 0 < len(field.value or "") <= 1024, field.value
    assert len(embed.footer.text or "") <= 2048
    assert len(embed.author.name or "") <= 256
    if embed.url:
        assert embed.url.startswith(("http://", "https://")), embed.url


def assert_embeds_within_limits(embeds: list[discord.Embed]) -> None:
    assert len(embeds) <= 10
    for embed in embeds:
        assert_embed_within_limits(embed)
    assert sum(len(e) for e in embeds) <= 6000
