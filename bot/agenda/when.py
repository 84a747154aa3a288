"""Parse when an organiser wants something posted: "14:30", "2017-06-13 14:30", "in 10 minutes".

Pure: the current time (aware) and the event's time zone are passed in, so the result never
depends on the host's time zone. Accepted forms (case and accents do not matter):

- ``now`` / ``maintenant``;
- a time of day in the event time zone, today: ``14:30``, ``14h30``, ``14h``, ``9:05``;
  ``tomorrow 14:30`` / ``demain 14h30``;
- a date and a time in the event time zone: ``2017-06-13 14:30``, ``2017-06-13T14:30``,
  ``13/06/2017 14:30``, ``13/06 14:30`` (this year), or with an explicit offset
  ``2017-06-13T14:30+02:00``;
- a delay: ``in 10 minutes``, ``in 1 hour``, ``in 1h30``, ``in 90 min``, ``dans 10 minutes``,
  ``dans 2 heures``, ``+10m``.

Errors are :class:`WhenError`, which carries an i18n key and values (``bot.i18n.MESSAGES``) and
an English message, saying what was not understood and what is expected.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from bot.textfold import fold

MAX_AHEAD = timedelta(days=366)
"""How far ahead a time may be (a typo like ``in 100000 hours`` is refused)."""

PAST_TOLERANCE = timedelta(minutes=1)
"""A time this little in the past (typed "14:30" at 14:30:20) means "now"."""

EXAMPLES = '"14:30", "2017-06-13 14:30", "in 10 minutes"'

_UNITS: dict[str, int] = {}
for _names, _seconds in (
    (("s", "sec", "secs", "second", "seconds", "seconde", "secondes"), 1),
    (("m", "min", "mins", "minute", "minutes", "mn"), 60),
    (("h", "hr", "hrs", "hour", "hours", "heure", "heures"), 3600),
    (("d", "day", "days", "j", "jour", "jours"), 86400),
):
    for _name in _names:
        _UNITS[_name] = _seconds

_NOW_WORDS = frozenset({"now", "maintenant", "immediately", "tout de suite", "right now"})
_TOMORROW_WORDS = ("tomorrow", "demain")
_TODAY_WORDS = ("today", "aujourd'hui", "aujourdhui")
_DELAY_PREFIXES = ("in ", "dans ", "+")

_TIME = re.compile(r"^(?P<h>\d{1,2})\s*(?:[:h.]\s*(?P<m>\d{2})?)?$")
_DELAY_PART = re.compile(r"(?P<n>\d+(?:[.,]\d+)?)\s*(?P<unit>[a-z]+)?")
_DAY_MONTH = re.compile(r"^(?P<d>\d{1,2})/(?P<mo>\d{1,2})(?:/(?P<y>\d{4}))?$")


class WhenError(ValueError):
    """A time that could not be understood, or that is not acceptable (past, too far)."""

    def __init__(self, key: str, message: str, **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def message(self, language: str | None = "en") -> str:
        """The explanation in ``language`` (``bot.i18n``), English if the key is unknown."""
        from bot.i18n import MESSAGES, t

        if self.key in MESSAGES:
            return t(self.key, language, **self.values)
        return str(self)


def _fold(text: str) -> str:
    return " ".join(fold(text).replace("\u2019", "'").split())


def _require_aware(now: datetime) -> datetime:
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("parse_when needs an aware 'now' (with a time zone)")
    return now


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text)
    if not match:
        return None
    hour = int(match["h"])
    minute = int(match["m"] or 0)
    if hour > 23 or minute > 59:
        return None
    if match["m"] is None and not re.search(r"h$", text) and ":" not in text:
        # a bare number ("14") is too ambiguous: a time needs ":" or "h"
        return None
    return time(hour, minute)


def localise(day: date, clock_time: time, zone: tzinfo, original: str) -> datetime:
    """``day`` at ``clock_time`` on the wall clock of ``zone``, aware.

    A time that does not exist that day (clocks go forward) is refused; one that happens
    twice (clocks go back) is the first of the two.
    """
    naive = datetime.combine(day, clock_time)
    local = naive.replace(tzinfo=zone, fold=0)
    round_trip = local.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    if round_trip != naive:
        raise WhenError(
            "when_nonexistent",
            f"{original!r} does not exist in {zone} (the clocks change that night); "
            "pick another time",
            value=original,
            zone=str(zone),
        )
    return local


def _parse_delay(text: str, original: str) -> timedelta:
    rest = text.replace(" and ", " ").replace(" et ", " ").strip()
    if not rest:
        raise _not_understood(original)
    total = 0.0
    position = 0
    parts = 0
    previous_unit = 0
    for match in _DELAY_PART.finditer(rest):
        gap = rest[position : match.start()]
        if gap.strip():
            raise _not_understood(original)
        position = match.end()
        number = float(match["n"].replace(",", "."))
        unit_name = match["unit"]
        if unit_name is None:
            # "1h30": a bare number after hours means minutes
            if previous_unit == 3600:
                unit = 60
            else:
                raise WhenError(
                    "when_no_unit",
                    f'{original!r}: say which unit, e.g. "in 10 minutes" or "in 2 hours"',
                    value=original,
                )
        elif unit_name in _UNITS:
            unit = _UNITS[unit_name]
        else:
            raise _not_understood(original)
        total += number * unit
        previous_unit = unit
        parts += 1
    if rest[position:].strip() or parts == 0:
        raise _not_understood(original)
    try:
        return timedelta(seconds=total)
    except OverflowError:
        raise _too_far(original) from None


def _not_understood(original: str) -> WhenError:
    return WhenError(
        "when_not_understood",
        f'I could not understand the time {original!r}; use {EXAMPLES} (event time zone) or "now"',
        value=original,
        examples=EXAMPLES,
    )


def _too_far(original: str) -> WhenError:
    return WhenError(
        "when_too_far",
        f"{original!r} is more than {MAX_AHEAD.days} days ahead; check the date",
        value=original,
        days=MAX_AHEAD.days,
    )


def _parse_date(text: str, today: date) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    match = _DAY_MONTH.match(text)
    if match:
        year = int(match["y"]) if match["y"] else today.year
        try:
            return date(year, int(match["mo"]), int(match["d"]))
        except ValueError:
            return None
    return None


def _parse_absolute(text: str, now: datetime, zone: tzinfo, original: str) -> datetime:
    local_now = now.astimezone(zone)
    today = local_now.date()
    # a full ISO date-time, possibly with an offset
    iso = text.upper().replace(" ", "T", 1) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else ""
    if iso and len(text) > 10:
        try:
            parsed = datetime.fromisoformat(iso)
        except ValueError:
            parsed = None
        if parsed is not None:
            if parsed.tzinfo is not None:
                return parsed.astimezone(zone)
            return localise(parsed.date(), parsed.time().replace(microsecond=0), zone, original)
    words = text.split(" ")
    if len(words) >= 2 and words[0] in ("at", "a"):
        words = words[1:]
    if len(words) == 1 and _parse_date(words[0], today) is not None:
        raise WhenError(
            "when_needs_time",
            f'{original!r} is a date without a time; add one, e.g. "{original} 14:30"',
            value=original,
        )
    day: date = today
    if words[0] in _TOMORROW_WORDS:
        day = today + timedelta(days=1)
        words = words[1:]
    elif words[0] in _TODAY_WORDS:
        words = words[1:]
    elif len(words) >= 2:
        named_day = _parse_date(words[0], today)
        if named_day is None:
            raise _not_understood(original)
        day = named_day
        words = words[1:]
    if words and words[0] in ("at", "a"):
        words = words[1:]
    clock = " ".join(words)
    if not clock:
        raise _not_understood(original)
    parsed_time = _parse_time(clock)
    if parsed_time is None:
        raise _not_understood(original)
    return localise(day, parsed_time, zone, original)


def parse_when(
    text: str,
    now: datetime,
    zone: tzinfo,
    *,
    allow_past: bool = False,
) -> datetime:
    """When ``text`` means, as an aware datetime in ``zone``.

    ``now``: the current time (aware, any zone). ``zone``: the event's time zone, in which
    times of day and dates are read. A time already past (by more than
    :data:`PAST_TOLERANCE`) raises :class:`WhenError` unless ``allow_past``; a time in the
    last minute is returned as ``now``.
    """
    now = _require_aware(now)
    original = " ".join((text or "").split())
    folded = _fold(original)
    if not folded:
        raise WhenError(
            "when_empty", f"give a time, e.g. {EXAMPLES}", value=original, examples=EXAMPLES
        )
    if folded in _NOW_WORDS:
        return now.astimezone(zone)
    delay_prefix = next((p for p in _DELAY_PREFIXES if folded.startswith(p)), None)
    if delay_prefix is not None:
        delay = _parse_delay(folded[len(delay_prefix) :], original)
        if delay > MAX_AHEAD:
            raise _too_far(original)
        return (now + delay).astimezone(zone)
    result = _parse_absolute(folded, now, zone, original)
    if result < now - PAST_TOLERANCE and not allow_past:
        shown = result.astimezone(zone)
        raise WhenError(
            "when_past",
            f"{original!r} ({shown:%Y-%m-%d %H:%M} {zone}) has already passed; "
            "give a later time or a date",
            value=original,
            at=f"{shown:%Y-%m-%d %H:%M}",
            zone=str(zone),
        )
    if now - PAST_TOLERANCE <= result < now:
        return now.astimezone(zone)
    if result - now > MAX_AHEAD:
        raise _too_far(original)
    return result


__all__ = [
    "EXAMPLES",
    "MAX_AHEAD",
    "PAST_TOLERANCE",
    "WhenError",
    "localise",
    "parse_since",
    "parse_when",
]


_SINCE_DURATION = re.compile(r"^\s*(\d{1,9})\s*([dhm])\s*$", re.IGNORECASE)
_SINCE_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def parse_since(value: str, now: datetime, zone: tzinfo) -> datetime:
    """The start of a reporting period: ``7d``/``12h``/``30m`` before ``now``, or an ISO date
    or date-time (naive ones read in ``zone``). Raises ``ValueError`` with what is expected."""
    expected = (
        "expected a date (2017-06-13), a date and time (2017-06-13T14:00) or a "
        f"duration (7d, 12h, 30m), got {value!r}"
    )
    duration = _SINCE_DURATION.match(value or "")
    try:
        if duration:
            amount, unit = duration.groups()
            return now - timedelta(**{_SINCE_UNITS[unit.lower()]: int(amount)})
        parsed = datetime.fromisoformat((value or "").strip())
    except (ValueError, OverflowError):
        raise ValueError(expected) from None
    return parsed.replace(tzinfo=zone) if parsed.tzinfo is None else parsed
