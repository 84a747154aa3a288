"""The question table (tests/data/questions.yaml): >= 95% answered right, >= 95% refused right."""

from __future__ import annotations

from pathlib import Path

from bot.answer.engine import Answerer
from bot.answer.evaluate import evaluate, read_cases

TABLE = Path(__file__).resolve().parent.parent / "data" / "questions.yaml"


def test_table_is_big_and_varied_enough() -> None:
    cases = read_cases(TABLE)
    assert len(cases) >= 120
    assert sum(c.refusal for c in cases) >= 30


def test_answers_and_refusals_reach_95_percent(answerer: Answerer) -> None:
    report = evaluate(answerer, read_cases(TABLE))
    right, asked = report.answered_right
    refused, off_topic = report.refused_right
    failures = "\n".join(
        f"  line {o.case.line}: {o.case.question!r} expected {o.case.expect}, got {o.got}"
        for o in report.failures
    )
    assert right / asked >= 0.95, f"answered right {right}/{asked}:\n{failures}"
    assert refused / off_topic >= 0.95, f"refused right {refused}/{off_topic}:\n{failures}"


HELDOUT = TABLE.parent / "heldout_questions.yaml"


def test_independent_set_written_without_seeing_the_engine(answerer: Answerer) -> None:
    """A set another person wrote from the article alone: long, rambling, SMS-style questions.

    The bar is lower than for the table above (the engine was not tuned on these phrasings
    one by one) but a regression in general matching shows here first.
    """
    report = evaluate(answerer, read_cases(HELDOUT))
    right, asked = report.answered_right
    refused, off_topic = report.refused_right
    assert right / asked >= 0.72, f"answered right {right}/{asked}"
    assert refused / off_topic >= 0.9, f"refused right {refused}/{off_topic}"
