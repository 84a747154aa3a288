"""Behaviours of the answering engine beyond the question table."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.answer.engine import Answerer
from bot.kb import KnowledgeBase
from bot.render.text import answer_text

PARIS = ZoneInfo("Europe/Paris")


def test_who_question_about_a_session_answers_with_its_speaker(answerer: Answerer) -> None:
    answer = answerer.ask("who gave the linux kit talk?")
    assert (answer.kind, answer.id) == ("speaker", "justin-cormack")


def test_when_question_about_a_speaker_answers_with_the_session(answerer: Answerer) -> None:
    answer = answerer.ask("when does jessie frazelle speak")
    assert (answer.kind, answer.id) == ("session", "frazelle-container-security")


def test_both_spellings_of_hansen_match(answerer: Answerer) -> None:
    assert answerer.ask("who is Jason Hansen").id == "jason-hansen"
    assert answerer.ask("who is Jason Hanson").id == "jason-hansen"


def test_typos_and_missing_accents(answerer: Answerer) -> None:
    assert answerer.ask("c'est quoi promethus").id == "prometheus"
    assert answerer.ask("qui est jesie frazel").id == "jessie-frazelle"


def test_off_topic_is_refused_with_close_entries_offered(answerer: Answerer) -> None:
    answer = answerer.ask("what's the weather in paris tomorrow")
    assert not answer.answered
    assert answer.kind is None and answer.id is None
    refused = answerer.ask("kubernetes pizza recipe with basil")
    assert not refused.answered
    assert any(alt.id == "kubernetes" for alt in refused.alternatives)


@pytest.mark.parametrize(
    "question", ["", "   ", "?!", "🙂🙂", "a" * 10_000, "\x00\x1b[31m", "the of and"]
)
def test_degenerate_input_is_refused_not_raised(answerer: Answerer, question: str) -> None:
    assert not answerer.ask(question).answered


def test_very_long_question_still_answers_on_its_start(answerer: Answerer) -> None:
    answer = answerer.ask("what is linuxkit " + "blah " * 3000)
    assert isinstance(answer.answered, bool)


def test_french_question_gets_french_text(kb: KnowledgeBase, answerer: Answerer) -> None:
    answer = answerer.ask("c'est quoi draft ?")
    assert answer.language == "fr"
    assert "Abordé dans" in answer_text(kb, answer)


def test_session_answer_shows_time_place_and_illustrative_note(
    kb: KnowledgeBase, answerer: Answerer
) -> None:
    text = answer_text(kb, answerer.ask("when is the linuxkit talk"))
    assert "13 June 2017" in text
    assert "Europe/Paris" in text
    assert "illustrative" in text


def test_now_and_next_follow_the_given_clock(kb: KnowledgeBase, answerer: Answerer) -> None:
    opening = kb.session("frazelle-container-security")
    during = opening.start.replace(minute=opening.start.minute + 5)
    now = answerer.ask("what's on now?", now=during)
    assert now.answered and now.id == opening.id
    assert opening in now.sessions
    before = datetime(2017, 6, 13, 8, 0, tzinfo=PARIS)
    upcoming = answerer.ask("prochaine session ?", now=before)
    assert upcoming.id == opening.id
    after = datetime(2026, 1, 1, tzinfo=PARIS)
    over = answerer.ask("what's on now", now=after)
    assert over.kind == "event" and not over.sessions
    assert "took place" in answer_text(kb, over)


def test_now_is_the_same_whatever_zone_the_clock_is_in(
    answerer: Answerer, kb: KnowledgeBase
) -> None:
    opening = kb.session("frazelle-container-security")
    in_tokyo = opening.start.astimezone(ZoneInfo("Asia/Tokyo"))
    assert answerer.ask("what is on now", now=in_tokyo).id == opening.id


def test_suggest_for_autocomplete(answerer: Answerer) -> None:
    found = answerer.suggest("linx", ("session",))
    assert found and found[0][1].id == "cormack-linuxkit"
    assert len(answerer.suggest("", ("session",), limit=25)) <= 25
    assert all(kind == "tool" for kind, _ in answerer.suggest("secu", ("tool",)))


def test_suggest_ranks_partial_words_typos_and_punctuation(answerer: Answerer) -> None:
    def ids(text: str) -> list[str]:
        return [entry.id for _, entry in answerer.suggest(text, ("session",), limit=5)]

    assert ids("there is no c")[0] == "pekelman-there-is-no-container"
    assert ids("openshift en pro")[0] == "redhat-openshift-7-pitfalls"
    assert ids("opnshift")[0] == "redhat-openshift-7-pitfalls"  # a typo: every session scored
    assert ids("ou")  # two letters: word prefixes
    assert ids('"') == ids("")  # nothing to match: the agenda's first sessions


def test_french_answer_uses_french_titles_and_typography(
    kb: KnowledgeBase, answerer: Answerer
) -> None:
    answer = answerer.ask("c'est quoi seccomp ?")
    assert all(
        alt.title != "Opening session: securing containers with AppArmor, seccomp and SELinux"
        for alt in answer.alternatives
    )
    text = answer_text(kb, answer)
    assert "Abordé dans : " in text
    assert "Discussed in: " in answer_text(kb, answerer.ask("what is seccomp?"))
