"""The question table (tests/data/questions.yaml): >= 95% answered right, >= 95% refused right."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answer.engine import Answerer
from bot.answer.evaluate import evaluate, read_cases, unknown_ids
from bot.kb import KnowledgeBase

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


@pytest.mark.parametrize(
    ("name", "answered", "refused"),
    [
        # long, rambling, SMS-style questions (written by one person)
        ("heldout_questions.yaml", 0.88, 0.92),
        # fifteen personas, ten questions each, with trick refusals (written by another)
        ("heldout2_questions.yaml", 0.75, 0.95),
        # eleven patterns each; A and C tuned on from the start, B, D, F and E tuned on
        # later, G and H held out (only their figures are read; H, 300 questions with an
        # adversarial persona, was written after every change of this round)
        ("shipped_set_a.yaml", 0.90, 0.98),
        ("shipped_set_c.yaml", 0.81, 0.98),
        ("shipped_set_b.yaml", 0.85, 0.93),
        ("shipped_set_d.yaml", 0.89, 0.97),
        ("shipped_set_f.yaml", 0.87, 0.96),
        ("shipped_set_e.yaml", 0.77, 0.94),
        ("shipped_set_g.yaml", 0.78, 0.88),
        ("shipped_set_h.yaml", 0.64, 0.81),
        # nine more personas: the dev half tuned on, the held half only its figures read
        ("shipped_set_i_dev.yaml", 0.78, 0.96),
        ("shipped_set_i_held.yaml", 0.75, 0.90),
        # J, K (nine personas each) and L (eight, the hard types only), split the same way
        ("shipped_set_j_dev.yaml", 0.62, 0.96),
        ("shipped_set_j_held.yaml", 0.55, 0.87),
        ("shipped_set_k_dev.yaml", 0.75, 0.96),
        ("shipped_set_k_held.yaml", 0.55, 0.88),
        ("shipped_set_l_dev.yaml", 0.60, 0.90),
        ("shipped_set_l_held.yaml", 0.40, 0.80),
        # M (nine new personas, every type), written after the changes of its first round
        ("shipped_set_m_dev.yaml", 0.72, 0.92),
        ("shipped_set_m_held.yaml", 0.70, 0.88),
    ],
)
def test_independent_sets_written_without_seeing_the_engine(
    answerer: Answerer, name: str, answered: float, refused: float
) -> None:
    """Sets other people wrote from the article alone, never tuned on one phrasing at a time.

    The bars are lower than for the table above; a regression in general matching shows
    here first.
    """
    report = evaluate(answerer, read_cases(TABLE.parent / name))
    right, asked = report.answered_right
    held, off_topic = report.refused_right
    assert right / asked >= answered, f"{name}: answered right {right}/{asked}"
    assert held / off_topic >= refused, f"{name}: refused right {held}/{off_topic}"


@pytest.mark.parametrize(
    ("name", "most_wrong"),
    [
        ("shipped_set_a.yaml", 0.015),
        ("shipped_set_c.yaml", 0.035),
        ("shipped_set_b.yaml", 0.035),
        ("shipped_set_d.yaml", 0.035),
        ("shipped_set_f.yaml", 0.055),
        ("shipped_set_e.yaml", 0.06),
        ("shipped_set_g.yaml", 0.08),
        ("shipped_set_h.yaml", 0.16),
        ("shipped_set_i_dev.yaml", 0.015),
        ("shipped_set_i_held.yaml", 0.07),
        ("shipped_set_j_dev.yaml", 0.025),
        ("shipped_set_j_held.yaml", 0.09),
        ("shipped_set_k_dev.yaml", 0.03),
        ("shipped_set_k_held.yaml", 0.12),
        ("shipped_set_l_dev.yaml", 0.11),
        ("shipped_set_l_held.yaml", 0.13),
        ("shipped_set_m_dev.yaml", 0.05),
        ("shipped_set_m_held.yaml", 0.08),
    ],
)
def test_confidently_wrong_answers_stay_rare(
    answerer: Answerer, name: str, most_wrong: float
) -> None:
    """The failure attendees never forgive: answering, and wrongly."""
    report = evaluate(answerer, read_cases(TABLE.parent / name))
    wrong, total = report.confidently_wrong
    assert wrong / total <= most_wrong, f"{name}: {wrong}/{total} confidently wrong"


SCHEDULES = Path(__file__).resolve().parents[3] / "shared" / "data" / "schedules"


def imported(schedule: str, folder: Path) -> KnowledgeBase:
    from bot.importers import import_schedule
    from bot.kb import load_knowledge

    import_schedule(SCHEDULES / schedule, folder)
    return load_knowledge(folder)


@pytest.fixture(scope="module")
def rc3(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return imported("pretalx-rc3.json", tmp_path_factory.mktemp("rc3"))


@pytest.mark.parametrize(
    ("schedule", "cases_file", "answered", "refused", "most_wrong"),
    [
        # 150 questions a helper wrote from Camp 2019's frab export alone (room and time,
        # now/next/after with a clock, topics, made-up talks, logistics), never tuned on
        ("frab-camp2019.json", "camp2019/questions.yaml", 0.80, 0.88, 0.10),
        # 170 questions a helper wrote from rC3 2020's pretalx export alone, held out: only
        # its figures were ever read (78.5% / 94.3% / 6.5% when written down, 84.4% / 91.4% /
        # 4.1% at the end of that session)
        ("pretalx-rc3.json", "rc3/questions.yaml", 0.82, 0.9, 0.05),
        # 240 questions a helper wrote by hand from FOSDEM 2024's XML alone, split by type:
        # the dev half tuned on, the held half only its figures read
        ("fosdem-2024.xml", "fosdem_written/dev.yaml", 0.95, 0.95, 0.02),
        ("fosdem-2024.xml", "fosdem_written/held.yaml", 0.88, 0.92, 0.04),
    ],
)
def test_sets_written_on_other_real_schedules(
    tmp_path: Path,
    schedule: str,
    cases_file: str,
    answered: float,
    refused: float,
    most_wrong: float,
) -> None:
    if not (SCHEDULES / schedule).exists():
        pytest.skip("shared/ absent")
    kb = imported(schedule, tmp_path)
    cases = read_cases(TABLE.parent / cases_file)
    assert unknown_ids(kb, cases) == []
    report = evaluate(Answerer(kb), cases)
    right, asked = report.answered_right
    held, off_topic = report.refused_right
    wrong, total = report.confidently_wrong
    assert right / asked >= answered, f"answered right {right}/{asked}"
    assert held / off_topic >= refused, f"refused right {held}/{off_topic}"
    assert wrong / total <= most_wrong, f"confidently wrong {wrong}/{total}"


@pytest.mark.skipif(not (SCHEDULES / "pretalx-rc3.json").exists(), reason="shared/ absent")
def test_a_topic_only_abstracts_hold_lists_those_talks(rc3: KnowledgeBase) -> None:
    answer = Answerer(rc3).ask("any talks about implementierung?")
    assert answer.answered
    assert {s.id for s in answer.sessions} == {"15", "93", "151"}
