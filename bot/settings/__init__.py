"""Settings from the environment and an optional ``.env`` file (documented in ``.env.example``).

The environment wins over ``.env``. Every problem is collected and reported together, with
the name of the variable and what was expected, so an organiser fixes them in one go. ``.env``
is read by python-dotenv (quotes, escapes, ``export``, comments, multi-line values, as other
tools read it); a key there that is not a setting but looks like one (``DISCORD_TOKN``,
``discord_token``) is logged as a warning naming the setting it probably meant.

Each setting is declared once, in :mod:`bot.settings.declarations`; this module loops over
the declarations.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.settings.declarations import (
    DECLARATIONS,
    DEFAULT_KNOWLEDGE_DIR,
    NUMBERS,
    SETTING_NAMES,
    Settings,
)
from bot.settings.dotenv_file import LOOKALIKE_CUTOFF, lookalike_setting, read_dotenv
from bot.settings.parsers import InvalidSetting

__all__ = [
    "DEFAULT_KNOWLEDGE_DIR",
    "LOOKALIKE_CUTOFF",
    "NUMBERS",
    "SETTING_NAMES",
    "Settings",
    "SettingsError",
    "load_settings",
    "lookalike_setting",
    "read_dotenv",
]

log = logging.getLogger(__name__)


class SettingsError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid settings:\n" + "\n".join(f"  - {p}" for p in problems))


def _warn_lookalikes(dotenv: Path, keys: list[str]) -> None:
    for key in keys:
        meant = lookalike_setting(key)
        if meant is not None:
            log.warning(
                "%s: %s is not a setting and is ignored; did you mean %s? (see .env.example)",
                dotenv,
                key,
                meant,
            )


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build :class:`Settings` from ``environ`` (default ``os.environ``) over ``dotenv``."""
    merged: dict[str, str] = read_dotenv(dotenv) if dotenv else {}
    if dotenv:
        _warn_lookalikes(dotenv, list(merged))
    merged.update(os.environ if environ is None else environ)
    problems: list[str] = []
    values: dict[str, Any] = {}
    for name, declared in DECLARATIONS.items():
        text = merged.get(declared.variable)
        if text is None or not (text or declared.reads_blank):
            continue
        try:
            values[name] = declared.parse(declared.variable, text)
        except InvalidSetting as invalid:
            problems.extend(invalid.problems)
    if problems:
        raise SettingsError(problems)
    return Settings(**values)
