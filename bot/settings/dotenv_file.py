"""The ``.env`` file: its ``KEY=value`` pairs, and the setting a key that is not one probably
means (``DISCORD_TOKN``, ``discord_token``)."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

from dotenv import dotenv_values

from bot.settings.declarations import SETTING_NAMES

LOOKALIKE_CUTOFF = 0.8
"""How close (difflib ratio, 0-1) an unknown ``.env`` key must be to a setting's name to be
reported as a probable misspelling. Lower catches more typos but flags unrelated keys kept in
the same file (a docker-compose ``.env``); ``DISCORD_TOKN`` scores 0.96."""


def read_dotenv(path: Path) -> dict[str, str]:
    """The ``KEY=value`` pairs of a ``.env`` file (empty when there is none), parsed by
    python-dotenv without expanding ``${VARIABLES}`` (a secret may contain a ``$``); a key
    without ``=`` reads as empty."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8", errors="replace")
    values = dotenv_values(stream=io.StringIO(text), interpolate=False)
    return {key: value or "" for key, value in values.items()}


def lookalike_setting(key: str) -> str | None:
    """The setting ``key`` probably means when it is not one itself (a typo, lower case)."""
    if key in SETTING_NAMES:
        return None
    if key.upper() in SETTING_NAMES:
        return key.upper()
    close = difflib.get_close_matches(key.upper(), SETTING_NAMES, n=1, cutoff=LOOKALIKE_CUTOFF)
    return close[0] if close else None
