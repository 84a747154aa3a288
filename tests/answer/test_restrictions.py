"""What a question rules out, and what it chooses among (bot.answer.restrictions)."""

from __future__ import annotations

import pytest

from bot.answer.engine import Answerer
from bot.answer.restrictions import chooses_among, ruled_out
from bot.textfold import fold


@pytest.mark.parametrize(
    ("question", "spans"),
    [
        ("l'autre REX, pas celui de Vente Privée, c'est quand ?", [(("vente", "privee"), True)]),
        (
            "the deis tool that is not draft, not helm and not workflow, which is it?",
            [(("draft",), False), (("helm",), False), (("workflow",), False)],
        ),
        ("apart from Xebia, who organised?", [(("xebia",), False)]),
        # a negation inside the sentence rules nothing out
        ("c'était pas à Nantes ?", []),
        ("y a pas de wifi ?", []),
    ],
)
def test_ruled_out_spans(question: str, spans: list[tuple[tuple[str, ...], bool]]) -> None:
    assert [(s.words, s.owned) for s in ruled_out(fold(question))] == spans


def test_ruled_out_positions_are_the_readers_tokens() -> None:
    text = fold("le REX, pas celui de Vente Privée ?")  # le rex pas celui de VENTE PRIVEE
    (span,) = ruled_out(text)
    assert span.positions == (5, 6)


def test_chooses_among() -> None:
    assert chooses_among("parmi les deux".split())
    assert chooses_among("which one of the".split())
    assert not chooses_among("qui sont les".split())


@pytest.mark.parametrize(
    ("question", "entry"),
    [
        ("the deis tool that is not draft, not helm and not workflow, which is it?", "steward"),
        ("moby ici c'est pas la baleine, c'est quoi?", "moby"),
        ("tell me about docker the company, not the software", "docker"),
    ],
)
def test_what_is_ruled_out_is_not_the_answer(answerer: Answerer, question: str, entry: str) -> None:
    assert answerer.ask(question).id == entry


def test_a_negated_claim_rules_nothing_out(answerer: Answerer) -> None:
    answer = answerer.ask("c'était pas Docker qui organisait ?")
    assert (answer.kind, answer.id) == ("faq", "organisers")
