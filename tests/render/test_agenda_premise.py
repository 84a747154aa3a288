"""A yes/no claim answered from the agenda says whether it holds, in every renderer."""

from __future__ import annotations

from pathlib import Path

from bot.answer.engine import Answerer
from bot.kb.loader import load_knowledge
from bot.render.embeds import answer_embed
from bot.render.text import answer_text

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_a_wrong_claim_about_the_opening_talk_says_not_quite() -> None:
    kb = load_knowledge(KNOWLEDGE)
    answer = Answerer(kb).ask("Did the day start with the Docker session?")
    assert answer.agenda and answer.premise == "wrong"
    assert answer_text(kb, answer).startswith("Not quite.")
    assert (answer_embed(kb, answer).description or "").startswith("Not quite.")


def test_an_agenda_answer_without_a_claim_says_no_verdict() -> None:
    kb = load_knowledge(KNOWLEDGE)
    answer = Answerer(kb).ask("what was the first talk?")
    assert answer.agenda and not answer.premise
    assert not answer_text(kb, answer).startswith(("Yes.", "Not quite."))
