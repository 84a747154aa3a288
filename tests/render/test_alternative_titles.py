"""Entries offered together are told apart when they share a title."""

from __future__ import annotations

from pathlib import Path

from bot.answer.engine import Answerer
from bot.discord_app.views import suggestions_view
from bot.kb.loader import load_knowledge
from bot.render.embeds import answer_embed
from bot.render.text import answer_text, distinct_titles

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


def test_two_entries_of_one_title_say_their_kind() -> None:
    named = [("company", "Docker"), ("tool", "Docker"), ("tool", "Helm")]
    assert distinct_titles(named, "en") == ["Docker (company)", "Docker (tool)", "Helm"]
    assert distinct_titles(named, "fr")[:2] == ["Docker (entreprise)", "Docker (outil)"]


def test_distinct_titles_are_left_alone() -> None:
    assert distinct_titles([("company", "Docker"), ("tool", "Moby")], "en") == ["Docker", "Moby"]


def test_a_refusal_lists_docker_the_company_and_docker_the_tool_apart() -> None:
    kb = load_knowledge(KNOWLEDGE)
    answer = Answerer(kb).ask("what's the name of docker's boss?")
    assert not answer.answered
    text = answer_text(kb, answer)
    assert "- Docker (company)" in text and "- Docker (tool)" in text
    description = answer_embed(kb, answer).description or ""
    assert description.startswith("Related:") and "- Docker (company)" in description
    view = suggestions_view(answer.alternative_entries, asker_id=1, language="en")
    assert view is not None
    labels = [getattr(getattr(item, "item", item), "label", "") for item in view.children]
    assert "Docker (company)" in labels and "Docker (tool)" in labels
