"""What the engine refuses, and says it does not know, rather than answer with a card."""

from __future__ import annotations

import pytest

from bot.answer.engine import Answerer
from bot.answer.vocabulary import is_ordinary_word
from bot.kb import KnowledgeBase
from bot.render.text import answer_text


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("what time is Kelsey Hightower's keynote?", "unknown name"),
        ("le retour d'expérience de Spotify était top non ?", "unknown name"),
        ("Is there a date for Paris Container Day 2018 yet?", "not held: future"),
        ("who gave the Docker session on Moby / CE / EE?", "not held: speaker"),
        ("which company does Justin Cormack work for?", "not held: company"),
        ("Vente Privée ils font tourner combien de conteneurs en prod ?", "not held: numbers"),
        ("draft on le telecharge ou ? le lien github svp", "not held: links"),
        ("ya une session sur gitlab ci ?", "unknown name: gitlab"),
        ("any talks on tdd?", "unknown topic"),
        ("what time is it?", "meta"),
        ("what's 34 times 30?", "meta"),
        ("calcule 34 fois 30", "meta"),
        ("Ori Pekelman est quoi exactement chez Platform.sh ? CTO ? fondateur ?", "not held: job"),
        (
            "what's the workflow to get in touch with a speaker after the event?",
            "not held: contact",
        ),
        ("comment joindre Jessie Frazelle ?", "not held: contact"),
        ("num de tel de platform.sh ?", "not held: contact"),
        ("y a du covoiturage pour venir ?", "logistics"),
        # "appelle" is read as typed, not mended into the cue "comment tu t'appelles"
        ("le patron de docker il s'appelle comment", "not held: roles"),
        # a known name and a capitalised word no entry holds: a longer name, not Moby
        ("Moby Dick, c'est de qui déjà ? C'est pour mon club de lecture.", "unknown name"),
        ("what is Moby Dick", "unknown name: moby dick"),
    ],
)
def test_refused_with_the_reason(answerer: Answerer, question: str, reason: str) -> None:
    answer = answerer.ask(question)
    assert not answer.answered
    assert answer.reason.startswith(reason), answer.reason


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("can you help me?", "meta"),  # about the bot, not Helm's card
        ("tu peux m'aider ?", "meta"),
        ("super conf cette année !", "chatter"),  # praise, no question
        ("great security talk!", "chatter"),
        ("see you tomorrow", "chatter"),  # a farewell, not tomorrow's agenda
        ("have a nice day", "chatter"),
        ("testing testing", "chatter"),
    ],
)
def test_small_talk_that_names_a_day_or_a_topic(
    answerer: Answerer, question: str, reason: str
) -> None:
    answer = answerer.ask(question)
    assert (answer.answered, answer.reason) == (False, reason)


def test_a_word_of_small_talk_asked_is_a_question(answerer: Answerer) -> None:
    assert answerer.ask("testing?").reason != "chatter"
    assert answerer.ask("can you help me find the LinuxKit talk?").id == "cormack-linuxkit"


def test_a_missing_speaker_offers_the_session(answerer: Answerer, kb: KnowledgeBase) -> None:
    answer = answerer.ask("qui parlait pour BlaBlaCar ?")
    assert not answer.answered and answer.missing == "speaker"
    assert answer.alternatives and "blablacar" in answer.alternatives[0].id
    assert "la source ne nomme pas" in answer_text(kb, answer)


def test_asking_who_a_company_is_still_answers(answerer: Answerer) -> None:
    assert answerer.ask("Who is Xebia?").id == "xebia"
    assert answerer.ask("vente privee c'est qui").id == "vente-privee"


def test_small_talk_inside_a_real_question_is_not_small_talk(answerer: Answerer) -> None:
    answer = answerer.ask("the microsoft talk with helm and draft, what time is it")
    assert answer.answered and answer.id == "hansen-deis-azure"


def test_typos_of_filler_and_cue_words_are_not_unknown_names(answerer: Answerer) -> None:
    assert answerer.ask("quaand parle jessie frazelle ?").id == "frazelle-container-security"
    assert answerer.reader.near_filler("gviing")  # "giving"
    assert not answerer.reader.near_filler("podman")  # not "woman"


def test_ordinary_words_come_from_the_dictionaries() -> None:
    assert is_ordinary_word("sert") and is_ordinary_word("bossent")
    assert is_ordinary_word("évoqués")
    assert not is_ordinary_word("podman") and not is_ordinary_word("hightower")


def test_capitals_in_title_case_say_nothing_of_a_longer_name(answerer: Answerer) -> None:
    """Every word capitalised ("When Is The LinuxKit Talk") marks no name; "Talk" is a word."""
    assert answerer.ask("When Is The LinuxKit Talk").id == "cormack-linuxkit"
    assert answerer.ask("What Does Moby Bring").id == "moby"
    assert answerer.ask("what is Moby?").id == "moby"
