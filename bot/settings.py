"""Settings from the environment and an optional ``.env`` file (documented in ``.env.example``).

The environment wins over ``.env``. Every problem is collected and reported together, with
the name of the variable and what was expected, so an organiser fixes them in one go. ``.env``
is read by python-dotenv (quotes, escapes, ``export``, comments, multi-line values, as other
tools read it); a key there that is not a setting but looks like one (``DISCORD_TOKN``,
``discord_token``) is logged as a warning naming the setting it probably meant.
"""

from __future__ import annotations

import difflib
import io
import logging
import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values

from bot.safe_url import url_problem

log = logging.getLogger("bot.settings")

DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parent.parent / "knowledge"


class SettingsError(Exception):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid settings:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True)
class Settings:
    discord_token: str = field(default="", repr=False)
    guild_id: int | None = None
    questions_channels: tuple[str, ...] = ("questions",)
    announcements_channel: str = "announcements"
    schedule_updates_channel: str = ""
    room_channels: Mapping[str, str] = field(default_factory=dict)
    organiser_role: str = "Organiser"
    knowledge_dir: Path = DEFAULT_KNOWLEDGE_DIR
    database_path: Path = Path("data/questions.sqlite3")
    log_level: str = "INFO"
    user_key_secret: str = field(default="", repr=False)
    store_raw_user_ids: bool = False
    retention_days: int = 90
    reminder_minutes: int = 5
    announcement_grace_minutes: int = 30
    cooldown_seconds: float = 10.0
    channel_cooldown_seconds: float = 2.0
    max_question_chars: int = 500
    watch_knowledge: bool = False
    message_content_intent: bool = True
    organiser_channel: str = ""
    # May carry credentials (user:password@, ?token=): never shown (see redact_url).
    schedule_url: str = field(default="", repr=False)
    schedule_poll_minutes: int = 5
    schedule_max_bytes: int = 20 * 2**20
    schedule_timeout_seconds: int = 30
    schedule_timezone: str = ""
    schedule_keep_event: bool = False

    @property
    def has_token(self) -> bool:
        return bool(self.discord_token.strip())


SETTING_NAMES: frozenset[str] = frozenset(
    {
        "DISCORD_TOKEN",
        "DISCORD_GUILD_ID",
        "QUESTIONS_CHANNELS",
        "ANNOUNCEMENTS_CHANNEL",
        "SCHEDULE_UPDATES_CHANNEL",
        "ROOM_CHANNELS",
        "ORGANISER_ROLE",
        "KNOWLEDGE_DIR",
        "DATABASE_PATH",
        "LOG_LEVEL",
        "USER_KEY_SECRET",
        "STORE_RAW_USER_IDS",
        "RETENTION_DAYS",
        "REMINDER_MINUTES",
        "ANNOUNCEMENT_GRACE_MINUTES",
        "COOLDOWN_SECONDS",
        "CHANNEL_COOLDOWN_SECONDS",
        "MAX_QUESTION_CHARS",
        "WATCH_KNOWLEDGE",
        "MESSAGE_CONTENT_INTENT",
        "ORGANISER_CHANNEL",
        "SCHEDULE_URL",
        "SCHEDULE_POLL_MINUTES",
        "SCHEDULE_MAX_BYTES",
        "SCHEDULE_TIMEOUT_SECONDS",
        "SCHEDULE_TIMEZONE",
        "SCHEDULE_KEEP_EVENT",
    }
)
"""Every variable :func:`load_settings` reads (``.env.example`` documents each one)."""

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


def _names(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lstrip("#") for part in value.split(",") if part.strip())


def _bool(name: str, value: str, problems: list[str]) -> bool:
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("", "0", "false", "no", "off"):
        return False
    problems.append(f"{name}: expected true or false, got {value!r}")
    return False


DAY_SECONDS = 24 * 3600
WEEK_MINUTES = 7 * 24 * 60

NUMBERS: tuple[tuple[str, str, type, float, float, str], ...] = (
    # variable, Settings field, type, minimum, maximum, unit (and what the maximum means)
    ("RETENTION_DAYS", "retention_days", int, 1, 36500, "days, up to 100 years"),
    ("REMINDER_MINUTES", "reminder_minutes", int, 0, WEEK_MINUTES, "minutes, up to 7 days"),
    (
        "ANNOUNCEMENT_GRACE_MINUTES",
        "announcement_grace_minutes",
        int,
        0,
        WEEK_MINUTES,
        "minutes, up to 7 days",
    ),
    ("COOLDOWN_SECONDS", "cooldown_seconds", float, 0, DAY_SECONDS, "seconds, up to 1 day"),
    (
        "CHANNEL_COOLDOWN_SECONDS",
        "channel_cooldown_seconds",
        float,
        0,
        DAY_SECONDS,
        "seconds, up to 1 day",
    ),
    ("MAX_QUESTION_CHARS", "max_question_chars", int, 20, 4000, "characters"),
    ("SCHEDULE_POLL_MINUTES", "schedule_poll_minutes", int, 0, 1440, "minutes, 0: no polling"),
    ("SCHEDULE_MAX_BYTES", "schedule_max_bytes", int, 1024, 64 * 2**20, "bytes, up to 64 MiB"),
    (
        "SCHEDULE_TIMEOUT_SECONDS",
        "schedule_timeout_seconds",
        int,
        1,
        600,
        "seconds, up to 10 minutes",
    ),
)
"""The numeric settings and their allowed ranges (both ends included)."""

MAX_SNOWFLAKE = 2**63 - 1


def _shown(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else str(number)


def _number(
    name: str,
    value: str,
    problems: list[str],
    kind: type = int,
    minimum: float = 0,
    maximum: float = MAX_SNOWFLAKE,
    unit: str = "",
):
    """``value`` as a ``kind`` within ``[minimum, maximum]``, or ``None`` with a problem that
    names the variable and the allowed range. NaN and infinities are refused: ``nan`` would
    silently disable a cooldown (every comparison with it is false), ``inf`` block forever."""
    wanted = "a whole number" if kind is int else "a finite number"
    allowed = f"{wanted} from {_shown(minimum)} to {_shown(maximum)}" + (
        f" ({unit})" if unit else ""
    )
    try:
        number = kind(value)
    except (ValueError, OverflowError):
        problems.append(f"{name}: expected {allowed}, got {value!r}")
        return None
    if not math.isfinite(number) or not minimum <= number <= maximum:
        problems.append(f"{name}: expected {allowed}, got {value!r}")
        return None
    return number


def _schedule_settings(get, kwargs: dict, problems: list[str]) -> None:
    """``SCHEDULE_URL`` (http or https), ``SCHEDULE_TIMEZONE``, ``SCHEDULE_KEEP_EVENT``."""
    url = (get("SCHEDULE_URL") or "").strip()
    if url:
        problem = url_problem(url)
        if problem:
            problems.append(f"SCHEDULE_URL: {problem}")
        else:
            kwargs["schedule_url"] = url
    zone = (get("SCHEDULE_TIMEZONE") or "").strip()
    if zone:
        try:
            ZoneInfo(zone)
            kwargs["schedule_timezone"] = zone
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(
                f"SCHEDULE_TIMEZONE: expected an IANA time zone like Europe/Berlin, got {zone!r}"
            )
    if get("SCHEDULE_KEEP_EVENT"):
        kwargs["schedule_keep_event"] = _bool(
            "SCHEDULE_KEEP_EVENT", get("SCHEDULE_KEEP_EVENT", ""), problems
        )


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build :class:`Settings` from ``environ`` (default ``os.environ``) over ``dotenv``."""
    merged: dict[str, str] = read_dotenv(dotenv) if dotenv else {}
    if dotenv:
        _warn_lookalikes(dotenv, list(merged))
    merged.update(os.environ if environ is None else environ)
    get = merged.get
    problems: list[str] = []
    kwargs: dict = {}
    if get("DISCORD_TOKEN"):
        kwargs["discord_token"] = get("DISCORD_TOKEN", "").strip()
    if get("DISCORD_GUILD_ID"):
        guild = _number(
            "DISCORD_GUILD_ID", get("DISCORD_GUILD_ID", ""), problems, unit="a Discord server id"
        )
        kwargs["guild_id"] = guild
    if get("QUESTIONS_CHANNELS"):
        kwargs["questions_channels"] = _names(get("QUESTIONS_CHANNELS", ""))
    for env_name, attr in (
        ("ANNOUNCEMENTS_CHANNEL", "announcements_channel"),
        ("SCHEDULE_UPDATES_CHANNEL", "schedule_updates_channel"),
        ("ORGANISER_ROLE", "organiser_role"),
        ("ORGANISER_CHANNEL", "organiser_channel"),
    ):
        if get(env_name) is not None:
            kwargs[attr] = get(env_name, "").strip().lstrip("#@")
    if "organiser_role" in kwargs and not kwargs["organiser_role"]:
        problems.append(
            "ORGANISER_ROLE is empty: organiser commands (/announce, /kb, /questions) need a "
            "role to check; give the organisers' role name or id (default: Organiser)"
        )
    if get("ROOM_CHANNELS"):
        rooms: dict[str, str] = {}
        for pair in get("ROOM_CHANNELS", "").split(","):
            room, sep, channel = pair.partition("=")
            if not sep or not room.strip() or not channel.strip():
                problems.append(f"ROOM_CHANNELS: expected 'Room name=channel,...', got {pair!r}")
                continue
            rooms[room.strip()] = channel.strip().lstrip("#")
        kwargs["room_channels"] = rooms
    if get("KNOWLEDGE_DIR"):
        kwargs["knowledge_dir"] = Path(get("KNOWLEDGE_DIR", ""))
    if get("DATABASE_PATH"):
        kwargs["database_path"] = Path(get("DATABASE_PATH", ""))
    if get("LOG_LEVEL"):
        level = get("LOG_LEVEL", "").upper()
        if level not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
            problems.append(f"LOG_LEVEL: expected DEBUG, INFO, WARNING or ERROR, got {level!r}")
        else:
            kwargs["log_level"] = level
    if get("USER_KEY_SECRET"):
        kwargs["user_key_secret"] = get("USER_KEY_SECRET", "")
    if get("STORE_RAW_USER_IDS"):
        kwargs["store_raw_user_ids"] = _bool(
            "STORE_RAW_USER_IDS", get("STORE_RAW_USER_IDS", ""), problems
        )
    if get("WATCH_KNOWLEDGE"):
        kwargs["watch_knowledge"] = _bool("WATCH_KNOWLEDGE", get("WATCH_KNOWLEDGE", ""), problems)
    if get("MESSAGE_CONTENT_INTENT"):
        kwargs["message_content_intent"] = _bool(
            "MESSAGE_CONTENT_INTENT", get("MESSAGE_CONTENT_INTENT", ""), problems
        )
    _schedule_settings(get, kwargs, problems)
    for env_name, attr, kind, minimum, maximum, unit in NUMBERS:
        if get(env_name):
            number = _number(env_name, get(env_name, ""), problems, kind, minimum, maximum, unit)
            if number is not None:
                kwargs[attr] = number
    if problems:
        raise SettingsError(problems)
    return Settings(**kwargs)
