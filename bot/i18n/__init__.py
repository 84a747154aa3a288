"""Every user-facing sentence, in English and French, and :func:`t` to pick one.

The texts live in one module per area (``answers``, ``agenda``, ``announcements``...), each with a
``MESSAGES`` dict; they are merged here into the one :data:`MESSAGES` catalogue, and a key defined
by two areas stops the import. A missing French text falls back to English, and a missing key
raises at test time (``tests/test_i18n.py`` checks both languages are complete,
``tests/test_i18n_catalogue.py`` that every key is used).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from types import ModuleType

from bot.i18n import (
    agenda,
    announcements,
    answers,
    console,
    errors,
    knowledge_admin,
    labels,
    reminders,
    reports,
    schedule_changes,
    schedule_sync,
    when,
)

LANGUAGES = ("en", "fr")

AREAS: tuple[ModuleType, ...] = (
    answers,
    labels,
    agenda,
    errors,
    when,
    announcements,
    reminders,
    schedule_changes,
    reports,
    knowledge_admin,
    schedule_sync,
    console,
)


def merge(areas: Mapping[str, Mapping[str, dict[str, str]]]) -> dict[str, dict[str, str]]:
    """One catalogue from each area's messages (by area name); a key in two areas is a ValueError
    naming both, so that one text can never silently replace another."""
    catalogue: dict[str, dict[str, str]] = {}
    owner: dict[str, str] = {}
    for area, messages in areas.items():
        for key, texts in messages.items():
            if key in owner:
                raise ValueError(f"i18n key {key!r} is defined in both {owner[key]} and {area}")
            owner[key] = area
            catalogue[key] = texts
    return catalogue


MESSAGES: dict[str, dict[str, str]] = merge({area.__name__: area.MESSAGES for area in AREAS})

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
}


def normalise_language(language: str | None) -> str:
    """``"fr"`` for any French locale (``fr``, ``fr-FR``...), else ``"en"``."""
    return "fr" if (language or "").lower().startswith("fr") else "en"


def t(key: str, language: str | None = "en", **values: object) -> str:
    """The message ``key`` in ``language`` (English fallback), formatted with ``values``."""
    texts = MESSAGES[key]
    text = texts.get(normalise_language(language)) or texts["en"]
    return text.format(**values) if values else text


def format_date(day: datetime, language: str | None) -> str:
    """``13 June 2017`` / ``13 juin 2017``, the same on every host locale."""
    months = _MONTHS[normalise_language(language)].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"
