from __future__ import annotations

import pytest

from bot.answer.intent import Intent, detect_intent
from bot.answer.normalise import (
    content_tokens,
    detect_language,
    fold,
    kind_hint,
    mentions_making,
    tokens,
)


def test_fold_strips_case_accents_and_ligatures() -> None:
    assert fold("SÉCURITÉ Œuvre Ça où") == "securite oeuvre ca ou"
    assert fold("plain ascii") == "plain ascii"


def test_tokens_split_apostrophes_and_punctuation() -> None:
    assert tokens("C'est où, la session DC/OS ?") == ["c", "est", "ou", "la", "session", "dc", "os"]


def test_content_tokens_drop_stop_and_generic_words() -> None:
    assert content_tokens("Who is giving the LinuxKit talk?") == ["linuxkit"]
    assert content_tokens("qui parle de sécurité ?") == ["securite"]


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("who talks about linuxkit", Intent.WHO),
        ("qui parle de sécurité ?", Intent.WHO),
        ("when is the LinuxKit talk?", Intent.WHEN),
        ("à quelle heure passe Jessie ?", Intent.WHEN),
        ("c'est où ?", Intent.WHERE),
        ("ou parle jason hansen ?", Intent.WHERE),
        ("what is Draft?", Intent.WHAT),
        ("c koi moby", Intent.WHAT),
        ("pourquoi there is no container", Intent.WHY),
        ("what's on now?", Intent.NOW),
        ("prochaine session ?", Intent.NEXT),
        ("linuxkit", Intent.ANY),
        ("docker ou rkt", Intent.ANY),
    ],
)
def test_intent(question: str, intent: Intent) -> None:
    assert detect_intent(question) is intent


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("qui parle de sécurité ?", "fr"),
        ("c'est quoi draft", "fr"),
        ("who talks about security?", "en"),
        ("when is the linuxkit talk", "en"),
    ],
)
def test_language(question: str, language: str) -> None:
    assert detect_language(question) == language


def test_kind_hint() -> None:
    assert kind_hint(["speakers"]) == "speaker"
    assert kind_hint(["talk"]) == "session"
    assert kind_hint(["conference"]) == ""


@pytest.mark.parametrize(
    ("question", "making"),
    [
        ("helm c'est dev par qui ?", True),
        ("c'est un outil de qui ?", True),
        ("whose tool is helm?", True),
        ("le talk de qui parle de helm ?", False),  # whose TALK: the speaker
        ("qui a parlé de helm ?", False),
    ],
)
def test_who_makes_a_thing_is_asked_in_several_ways(question: str, making: bool) -> None:
    assert mentions_making(tokens(question)) is making
