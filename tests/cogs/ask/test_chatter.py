"""The free-text chatter filter (discord-free): what is not a question is left alone."""

from __future__ import annotations

import pytest

from bot.answer.chatter import is_chatter, visible_text

KNOWN = {"linuxkit", "kubernetes", "wifi", "helm"}


def known(word: str) -> bool:
    return word in KNOWN


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hi",
        "Hello everyone!",
        "bonjour à tous",
        "Salut tout le monde",
        "thanks!",
        "thank you so much",
        "Hello, thank you very much for the help!",
        "Merci beaucoup !!",
        "ok",
        "ok cool thanks",
        "lol",
        "+1",
        "👍",
        "🎉🎉🎉",
        "<:party:123456789012345678>",
        "<@123456789012345678>",
        "@everyone",
        "hmm",
        "nice",
        "https://example.org/slides.pdf",
        "bonne journée",
        "see you later",
        "up",
        "42",
    ],
)
def test_chatter_is_ignored(text):
    assert is_chatter(text, known)


@pytest.mark.parametrize(
    "text",
    [
        "where is the linuxkit talk?",
        "c'est où ?",
        "où ?",
        "when?",
        "quand",
        "next?",
        "what's on now",
        "linuxkit",
        "Kubernetes?",
        "kubernetes!",
        "wifi",
        "hi, who talks about security?",
        "merci ! et la salle de la keynote ?",
        "thanks, what about helm",
        "is there a talk about service mesh",
    ],
)
def test_questions_are_kept(text):
    assert not is_chatter(text, known)


def test_single_unknown_word_is_chatter_unless_known():
    assert is_chatter("prometheus")
    assert is_chatter("prometheus", known)
    assert not is_chatter("helm", known)


def test_visible_text_drops_emoji_mentions_and_links():
    text = "<a:wave:123456789012345678> <@!123456789012345678> see https://x.org :smile: ok"
    assert visible_text(text).split() == ["see", "ok"]
