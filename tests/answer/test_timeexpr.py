"""Time and day expressions found inside questions."""

from __future__ import annotations

import pytest

from bot.answer.timeexpr import find_times
from bot.textfold import fold


@pytest.mark.parametrize(
    ("text", "clock", "approx"),
    [
        ("anything in UD2.218A around 2pm sunday?", 14 * 60, True),
        ("qu'est-ce qui passe en salle H.2215 à 11h samedi", 11 * 60, False),
        ("what's on at 14:30", 14 * 60 + 30, False),
        ("et à 9h45 ?", 9 * 60 + 45, False),
        ("vers 2 ?", 14 * 60, True),
        ("at 11 in janson", 11 * 60, False),
        ("10am talks", 10 * 60, False),
        ("12.30pm", 12 * 60 + 30, False),
        ("à midi", 12 * 60, False),
    ],
)
def test_clock_times(text: str, clock: int, approx: bool) -> None:
    found = find_times(fold(text))
    assert found.clock == clock
    assert found.approx is approx


@pytest.mark.parametrize(
    "text",
    [
        "what's new in Python 3.12",  # a version is not a time
        "about 20 talks on rust",  # a count is not a time
        "kubernetes 1.6 release",
        "420 developers",
        "how many people came",
    ],
)
def test_numbers_that_are_not_times(text: str) -> None:
    assert find_times(fold(text)).clock is None


def test_days_dates_and_parts_of_day() -> None:
    assert find_times("samedi").weekday == 5
    assert find_times("sunday afternoon").weekday == 6
    assert find_times("sunday afternoon").window == (12 * 60, 18 * 60)
    assert find_times("le 3 fevrier").date == (None, 2, 3)
    assert find_times("feb 4th").date == (None, 2, 4)
    assert find_times("2024-02-03").date == (2024, 2, 3)
    assert find_times("day 2").relative_day == "second"
    assert find_times("demain matin").relative_day == "tomorrow"
    assert not find_times("the samba talk").any


def test_spans_cover_what_was_used() -> None:
    text = fold("anything in H.2215 at 11:00 saturday?")
    found = find_times(text)
    used = "".join(text[a:b] for a, b in found.spans)
    assert "11:00" in used and "saturday" in used
    assert "h.2215" not in used


@pytest.mark.parametrize(
    ("text", "day"),
    [("what's on the 27th at 11:30", 27), ("le 1er", 1), ("ca passe quoi le 27 a 19h", 27)],
)
def test_a_day_of_the_month_without_its_month(text: str, day: int) -> None:
    assert find_times(text).date == (None, 0, day)


@pytest.mark.parametrize("text", ["the 7 pitfalls", "les 7 pieges", "le 7 pieges talk"])
def test_a_number_that_is_no_day_of_the_month(text: str) -> None:
    assert find_times(text).date is None
