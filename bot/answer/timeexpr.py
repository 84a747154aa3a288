"""Time and day expressions inside a question, Duckling-style: "around 2pm sunday",
"à 11h samedi", "14:30", "this afternoon", "le 3 février", "day 2".

:func:`find_times` reads folded text and returns what it found with the character spans it
used, so the question reader can drop those characters before ranking (a "2" or "sunday"
must not match a talk title). Nothing here knows the event: turning "sunday" into a date is
the agenda resolver's job (:mod:`bot.answer.agenda_query`), with the event's days and clock.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.answer.lexicon import Lexicon, lexicon

_AMPM = r"(?:\s*(?P<ampm>am|pm|a\.m\.|p\.m\.))"
_CLOCK = re.compile(
    r"(?<![\w.:])(?P<h>\d{1,2})\s*(?::|h)\s*(?P<m>[0-5]\d)" + _AMPM + r"?(?![\w:])"
    r"|(?<![\w.:])(?P<h2>\d{1,2})\s*(?:\.\s*(?P<m2>[0-5]\d))?"
    + _AMPM.replace("ampm", "ampm2")
    # "14h", "11 h": French hours; "2ish": approximate.
    + r"(?!\w)|(?<![\w.:])(?P<h3>\d{1,2})\s*(?P<suffix>heures?|hours?|h|ish)(?!\w)"
)
# A bare hour after a time preposition: "at 11", "vers 2", "à 14".
_BARE_HOUR = re.compile(
    r"(?<![\w.:])(?P<cue>at|a|vers|around|about|by|from|des|after|apres|avant|before|until"
    r"|jusqu a|for|pour|environ)\s+(?P<h>\d{1,2})(?![\w.:,/])"
    r"(?!\s*(?:%|min|mins|minutes|people|personnes|persons|devs|ans|years|talks|sessions"
    r"|jours|days|x|times|fois|euros|eur|dollars|k\b))"
)
_ISO_DATE = re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})(?!\d)")
_SLASH_DATE = re.compile(r"(?<![\d/])(?P<d>\d{1,2})/(?P<mo>\d{1,2})(?:/(?P<y>\d{2,4}))?(?![\d/])")
# A day of the month without its month: "the 27th", "le 1er", "le 27 à 19h", "le 27 ?".
_DAY_OF_MONTH = re.compile(
    r"(?<![\d:./])(?:(?P<d>\d{1,2})(?:st|nd|rd|th|er)\b"
    r"|\ble\s+(?P<d2>\d{1,2})(?=\s+(?:a|vers|au|entre)\b|\s*$))"
)
_MIDDAY = re.compile(r"(?<!\w)(?:a|at|vers|around)\s+(?P<word>midi|noon|midday|minuit|midnight)")

PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "morning": (8 * 60, 12 * 60),
    "noon": (11 * 60 + 30, 14 * 60),
    "afternoon": (12 * 60, 18 * 60),
    "evening": (17 * 60, 23 * 60 + 59),
}
"""Minutes since midnight that each part of the day spans (event time)."""

EARLIEST_PM_HOUR = 8
"""A bare hour below this is read as afternoon: at a conference "at 2" means 14:00."""


@dataclass
class TimeFinding:
    """What a question says about time. Minutes are since midnight, in the event's zone."""

    clock: int | None = None
    window: tuple[int, int] | None = None
    approx: bool = False
    weekday: int | None = None  # Monday = 0
    # (year or None, month, day); month 0 when only the day is said ("on the 27th")
    date: tuple[int | None, int, int] | None = None
    relative_day: str = ""  # today, tomorrow, first, second
    spans: list[tuple[int, int]] = field(default_factory=list)  # characters used

    @property
    def any(self) -> bool:
        return (
            self.clock is not None
            or self.window is not None
            or self.weekday is not None
            or self.date is not None
            or bool(self.relative_day)
        )


def _hour(hour: int, minute: int, ampm: str | None) -> int | None:
    if ampm:
        if hour < 1 or hour > 12:
            return None
        hour = hour % 12 + (12 if ampm.startswith("p") else 0)
    elif hour < EARLIEST_PM_HOUR:
        hour += 12
    if hour > 23 or minute > 59:
        return None
    return hour * 60 + minute


def _clock(text: str, found: TimeFinding) -> None:
    for match in _CLOCK.finditer(text):
        groups = match.groupdict()
        if groups["h"] is not None:
            value = _hour(int(groups["h"]), int(groups["m"]), groups["ampm"])
        elif groups["h2"] is not None:
            value = _hour(int(groups["h2"]), int(groups["m2"] or 0), groups["ampm2"])
        else:
            value = _hour(int(groups["h3"]), 0, None)
            if groups["suffix"] == "ish":
                found.approx = True
        if value is not None and found.clock is None:
            found.clock = value
            found.spans.append(match.span())
    if found.clock is None:
        for match in _BARE_HOUR.finditer(text):
            value = _hour(int(match.group("h")), 0, None)
            if value is not None:
                found.clock = value
                found.spans.append(match.span("h"))
                if match.group("cue") in {"vers", "around", "about", "environ"}:
                    found.approx = True
                break
    if found.clock is None:
        _midday(text, found)


def _midday(text: str, found: TimeFinding) -> None:
    midday = _MIDDAY.search(text)
    if midday:
        found.clock = 0 if midday.group("word") in {"minuit", "midnight"} else 12 * 60
        found.spans.append(midday.span("word"))


def _dates(text: str, found: TimeFinding, lex: Lexicon) -> None:
    for pattern in (_ISO_DATE, _SLASH_DATE):
        match = pattern.search(text)
        if match:
            year = match.group("y")
            year_value = int(year) + (2000 if year and len(year) == 2 else 0) if year else None
            month, day = int(match.group("mo")), int(match.group("d"))
            if 1 <= month <= 12 and 1 <= day <= 31:
                found.date = (year_value, month, day)
                found.spans.append(match.span())
                return
    words = list(_word_spans(text))
    names = [w for w, _ in words]
    for month_match in lex.months.find(names):
        month = int(month_match.label)
        around = [month_match.start - 1, month_match.end]  # "3 feb", "feb 3"
        for position in around:
            if 0 <= position < len(names):
                number = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|er)?", names[position])
                if number and 1 <= int(number.group(1)) <= 31:
                    found.date = (None, month, int(number.group(1)))
                    lo = min(position, month_match.start)
                    hi = max(position, month_match.end - 1)
                    found.spans.append((words[lo][1][0], words[hi][1][1]))
                    return
    bare = _DAY_OF_MONTH.search(text)
    if bare:
        day_number = int(bare.group("d") or bare.group("d2"))
        if 1 <= day_number <= 31:
            found.date = (None, 0, day_number)
            found.spans.append(bare.span())


def _word_spans(text: str) -> list[tuple[str, tuple[int, int]]]:
    return [(m.group(0), m.span()) for m in re.finditer(r"[a-z0-9]+", text)]


def find_times(folded: str, lex: Lexicon | None = None) -> TimeFinding:
    """Times, parts of the day and days named in ``folded`` (already case- and accent-folded)."""
    lex = lex or lexicon()
    found = TimeFinding()
    if any(ch.isdigit() for ch in folded):
        _dates(folded, found, lex)
        masked = mask_spans(folded, found.spans)
        _clock(masked, found)
        masked = mask_spans(masked, found.spans)
    else:  # no number: no date nor clock time, but "à midi"
        _midday(folded, found)
        masked = mask_spans(folded, found.spans)
    words = _word_spans(masked)
    names = [w for w, _ in words]
    for phrases, apply in (
        (lex.relative_days, lambda label: setattr(found, "relative_day", label)),
        (lex.days, lambda label: setattr(found, "weekday", _WEEKDAYS.index(label))),
        (lex.parts_of_day, lambda label: setattr(found, "window", PARTS_OF_DAY[label])),
    ):
        for match in phrases.find(names):
            before = names[match.start - 1] if match.start else ""
            if phrases is lex.parts_of_day and before in _GREETING_WORDS:
                continue  # "good morning", "bonne soirée": a greeting, not a time
            if match.label in {"sat", "sun"}:
                continue
            apply(match.label)
            found.spans.append((words[match.start][1][0], words[match.end - 1][1][1]))
            break
    if found.clock is not None:
        found.window = None  # "good morning, what's on at 1:30pm": the clock says when
    for match in lex.approx.find(names):
        if found.clock is not None or found.window is not None:
            found.approx = True
            found.spans.append((words[match.start][1][0], words[match.end - 1][1][1]))
    return found


_GREETING_WORDS = frozenset({"good", "bonne", "bon", "nice", "great"})

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` blanked (positions kept)."""
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


__all__ = ["PARTS_OF_DAY", "TimeFinding", "find_times", "mask_spans"]
