"""The event's place, composed once (:meth:`Event.place`) for replies, embeds and calendars."""

from __future__ import annotations

import dataclasses
from datetime import date

import icalendar
import pytest

from bot.calendar_export import sessions_to_ics
from bot.kb.model import Event, KnowledgeBase, Text
from bot.render.embeds import entry_embed
from bot.render.text import event_lines


def event(venue: str | dict[str, str] | None, city: str) -> Event:
    return Event(
        id="e",
        name="E",
        timezone="Europe/Paris",
        start_date=date(2030, 1, 1),
        end_date=date(2030, 1, 1),
        city=city,
        venue=Text.of(venue),
    )


@pytest.mark.parametrize(
    ("venue", "city", "place"),
    [
        ("Palais des Congrès", "Paris", "Palais des Congrès, Paris"),
        ("Palais des Congrès.", "Paris", "Palais des Congrès, Paris"),
        ("Paris. The exact venue is not stated in the source.", "Paris", None),
        ("Cité des sciences, PARIS 19e", "Paris", None),
        ("Parisian Hall", "Paris", "Parisian Hall, Paris"),  # "Paris" is not a word there
        ("  Main   hall ", "", "Main hall"),
        (None, "Paris", "Paris"),
        (None, "", ""),
    ],
)
def test_place(venue: str | None, city: str, place: str | None) -> None:
    assert event(venue, city).place("en") == (place if place is not None else venue)


def test_the_shipped_event_reads_cleanly_in_replies_embeds_and_calendars(kb: KnowledgeBase):
    for language in ("en", "fr"):
        place = kb.event.place(language)
        assert place.count("Paris") == 1 and "., " not in place
        where = [line for line in event_lines(kb, kb.event, language) if place in line]
        assert len(where) == 1 and where[0].count("Paris") == 1
        embed = entry_embed(kb, kb.event, language)
        fields = [f.value for f in embed.fields if f.value and place in f.value]
        assert fields == [place]
    calendar = icalendar.Calendar.from_ical(sessions_to_ics(kb, kb.sessions, language="en"))
    for item in calendar.walk("VEVENT"):
        location = str(item["LOCATION"])
        assert location.count("Paris") == 1 and "., " not in location, location


def test_an_unknown_venue_is_said_so(kb: KnowledgeBase) -> None:
    nowhere = dataclasses.replace(kb, event=event(None, "Lyon"))
    assert any(
        "Lyon (venue not given)" in line for line in event_lines(nowhere, nowhere.event, "en")
    )
