"""Parsing "when" for /announce: event time zone, relative delays, clear errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.agenda.when import MAX_AHEAD, WhenError, parse_when
from bot.i18n import MESSAGES

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2017, 6, 13, 8, 0, tzinfo=UTC)  # 10:00 in Paris


def paris(day: int, hour: int, minute: int = 0, month: int = 6) -> datetime:
    return datetime(2017, month, day, hour, minute, tzinfo=PARIS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", paris(13, 14, 30)),
        ("14h30", paris(13, 14, 30)),
        ("14h", paris(13, 14)),
        ("14H", paris(13, 14)),
        ("at 14:30", paris(13, 14, 30)),
        ("à 14h30", paris(13, 14, 30)),
        ("today 11:00", paris(13, 11)),
        ("aujourd'hui 11:00", paris(13, 11)),
        ("2017-06-13 14:30", paris(13, 14, 30)),
        ("2017-06-13T14:30", paris(13, 14, 30)),
        ("2017-06-13 14h30", paris(13, 14, 30)),
        ("2017-06-14 09:05", paris(14, 9, 5)),
        ("2017-06-13T14:30+00:00", paris(13, 16, 30)),
        ("2017-06-13T12:30Z", paris(13, 14, 30)),
        ("13/06/2017 14:30", paris(13, 14, 30)),
        ("14/06 9h", paris(14, 9)),
        ("tomorrow 9:00", paris(14, 9)),
        ("demain 9h", paris(14, 9)),
        ("in 10 minutes", paris(13, 10, 10)),
        ("In 10 Minutes", paris(13, 10, 10)),
        ("in 10 min", paris(13, 10, 10)),
        ("in 10m", paris(13, 10, 10)),
        ("in 1 minute", paris(13, 10, 1)),
        ("in 2 hours", paris(13, 12)),
        ("in 1h30", paris(13, 11, 30)),
        ("in 1 hour and 15 minutes", paris(13, 11, 15)),
        ("in 1.5 hours", paris(13, 11, 30)),
        ("dans 10 minutes", paris(13, 10, 10)),
        ("dans 2 heures", paris(13, 12)),
        ("dans 1 heure et 5 minutes", paris(13, 11, 5)),
        ("+5m", paris(13, 10, 5)),
        ("now", paris(13, 10)),
        ("maintenant", paris(13, 10)),
        ("  14:30  ", paris(13, 14, 30)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    result = parse_when(text, NOW, PARIS)
    assert result == expected
    assert result.tzinfo is not None
    assert result.utcoffset() == timedelta(hours=2)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("", "when_empty"),
        ("   ", "when_empty"),
        ("soon", "when_not_understood"),
        ("in ten minutes", "when_not_understood"),
        ("in 10 fortnights", "when_not_understood"),
        ("in 10", "when_no_unit"),
        ("14", "when_not_understood"),
        ("25:00", "when_not_understood"),
        ("14:75", "when_not_understood"),
        ("2017-06-13", "when_needs_time"),
        ("2017-02-30 10:00", "when_not_understood"),
        ("9:00", "when_past"),
        ("2017-06-12 14:30", "when_past"),
        ("in 100000 hours", "when_too_far"),
        ("2019-06-13 10:00", "when_too_far"),
    ],
)
def test_refused_with_a_reason(text: str, key: str) -> None:
    with pytest.raises(WhenError) as caught:
        parse_when(text, NOW, PARIS)
    error = caught.value
    assert error.key == key
    assert error.key in MESSAGES, "every error has an English and a French text"
    assert str(error)
    assert error.message("fr") != error.message("en")


def test_errors_name_the_accepted_forms() -> None:
    with pytest.raises(WhenError) as caught:
        parse_when("quarter past two", NOW, PARIS)
    assert "14:30" in caught.value.message("en")
    assert "in 10 minutes" in caught.value.message("en")
    assert "quarter past two" in caught.value.message("fr")


def test_a_time_in_the_last_minute_means_now() -> None:
    now = paris(13, 14, 30) + timedelta(seconds=20)
    assert parse_when("14:30", now, PARIS) == now


def test_past_allowed_on_request() -> None:
    assert parse_when("9:00", NOW, PARIS, allow_past=True) == paris(13, 9)


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        parse_when("14:30", datetime(2017, 6, 13, 10, 0), PARIS)


def test_today_is_the_event_zone_day_not_utc() -> None:
    # 23:30 UTC on the 12th is 01:30 on the 13th in Paris: "09:00" is the 13th
    now = datetime(2017, 6, 12, 23, 30, tzinfo=UTC)
    assert parse_when("09:00", now, PARIS) == paris(13, 9)
    # and in Los Angeles it is still the 12th
    la = ZoneInfo("America/Los_Angeles")
    assert parse_when("18:00", now, la) == datetime(2017, 6, 12, 18, 0, tzinfo=la)


def test_clocks_going_forward_refuse_a_missing_time() -> None:
    now = datetime(2017, 3, 25, 12, 0, tzinfo=UTC)
    with pytest.raises(WhenError) as caught:
        parse_when("2017-03-26 02:30", now, PARIS)
    assert caught.value.key == "when_nonexistent"


def test_clocks_going_back_take_the_first_time() -> None:
    now = datetime(2017, 10, 28, 12, 0, tzinfo=UTC)
    result = parse_when("2017-10-29 02:30", now, PARIS)
    assert result.astimezone(UTC) == datetime(2017, 10, 29, 0, 30, tzinfo=UTC)


def test_delays_are_real_elapsed_time_across_a_clock_change() -> None:
    now = datetime(2017, 3, 26, 0, 30, tzinfo=UTC)  # 01:30 in Paris, clocks jump at 02:00
    result = parse_when("in 1 hour", now, PARIS)
    assert result - now == timedelta(hours=1)
    assert result.astimezone(PARIS).hour == 3


def test_same_result_whatever_the_host_zone(host_tz: str) -> None:
    assert parse_when("14:30", NOW, PARIS) == paris(13, 14, 30)
    assert parse_when("2017-06-13 14:30", NOW, PARIS).astimezone(UTC) == datetime(
        2017, 6, 13, 12, 30, tzinfo=UTC
    )
    assert parse_when("in 10 minutes", NOW, PARIS) == NOW + timedelta(minutes=10)


@given(minutes=st.integers(min_value=0, max_value=int(MAX_AHEAD.total_seconds() // 60)))
def test_any_delay_in_minutes_is_now_plus_the_delay(minutes: int) -> None:
    assert parse_when(f"in {minutes} minutes", NOW, PARIS) == NOW + timedelta(minutes=minutes)
    assert parse_when(f"dans {minutes} min", NOW, PARIS) == NOW + timedelta(minutes=minutes)


@given(text=st.text(max_size=40))
def test_never_crashes_with_anything_but_a_when_error(text: str) -> None:
    try:
        result = parse_when(text, NOW, PARIS)
    except WhenError:
        return
    assert result.tzinfo is not None
    assert NOW - timedelta(minutes=1) <= result <= NOW + MAX_AHEAD
