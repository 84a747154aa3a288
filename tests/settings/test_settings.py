"""Settings from the environment and ``.env``: parsing, precedence, and the numeric ranges.

Every problem names the variable and what is allowed, and all of them are reported at once.
Numbers must be finite and within sensible bounds: ``COOLDOWN_SECONDS=nan`` would silently
disable the cooldown (every comparison with NaN is false), ``inf`` would block forever, and a
``REMINDER_MINUTES`` in the billions made every reminder tick raise ``OverflowError``.
"""

from __future__ import annotations

import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.settings import (
    NUMBERS,
    SETTING_NAMES,
    Settings,
    SettingsError,
    load_settings,
    read_dotenv,
)
from bot.settings.example import render_example


def problems_of(environ: dict[str, str], dotenv: Path | None = None) -> list[str]:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ, dotenv=dotenv)
    return caught.value.problems


# -- .env and the environment ---------------------------------------------------------------------


def test_dotenv_basics(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(
        "# a comment\n"
        "\n"
        "DISCORD_TOKEN=abc.def.ghi\n"
        "export ORGANISER_ROLE=Crew\n"
        "QUESTIONS_CHANNELS='questions, #help'\n"
        'ANNOUNCEMENTS_CHANNEL="news # not a comment"\n'
        "COOLDOWN_SECONDS=2.5   # seconds\n"
        "  SPACED  =  value  \n"
        "NOT A SETTING\n"
        "EMPTY=\n",
        encoding="utf-8",
    )
    assert read_dotenv(path) == {
        "DISCORD_TOKEN": "abc.def.ghi",
        "ORGANISER_ROLE": "Crew",
        "QUESTIONS_CHANNELS": "questions, #help",
        "ANNOUNCEMENTS_CHANNEL": "news # not a comment",
        "COOLDOWN_SECONDS": "2.5",
        "SPACED": "value",
        "EMPTY": "",
    }
    settings = load_settings({}, dotenv=path)
    assert settings.discord_token == "abc.def.ghi"
    assert settings.organiser_role == "Crew"
    assert settings.questions_channels == ("questions", "help")
    assert settings.cooldown_seconds == 2.5


def test_dotenv_quotes_comments_and_escapes_as_other_tools_read_them(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text(
        'ANNOUNCEMENTS_CHANNEL="news" # where announcements go\n'
        "SCHEDULE_UPDATES_CHANNEL='changes'   # single quotes\n"
        'USER_KEY_SECRET="a \\"quoted\\" s3cret\\nline"\n'
        "ORGANISER_ROLE=${NOT_EXPANDED}\n",
        encoding="utf-8",
    )
    values = read_dotenv(path)
    assert values["ANNOUNCEMENTS_CHANNEL"] == "news"
    assert values["SCHEDULE_UPDATES_CHANNEL"] == "changes"
    assert values["USER_KEY_SECRET"] == 'a "quoted" s3cret\nline'
    assert values["ORGANISER_ROLE"] == "${NOT_EXPANDED}"  # a secret may hold a $
    settings = load_settings({}, dotenv=path)
    assert settings.announcements_channel == "news"
    assert settings.schedule_updates_channel == "changes"


def test_misspelled_dotenv_keys_are_reported(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / ".env"
    path.write_text(
        "DISCORD_TOKN=abc.def.ghi\n"
        "questions_channels=help\n"
        "COOLDOWN_SECOND=3\n"
        "COMPOSE_PROJECT_NAME=eventbot\n"  # another tool's key: not ours, no warning
        "ORGANISER_ROLE=Crew\n",
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="bot.settings"):
        settings = load_settings({}, dotenv=path)
    assert not settings.has_token and settings.questions_channels == ("questions",)
    warnings = [r.getMessage() for r in caplog.records if r.name == "bot.settings"]
    assert len(warnings) == 3, warnings
    for typo, meant in (
        ("DISCORD_TOKN", "DISCORD_TOKEN"),
        ("questions_channels", "QUESTIONS_CHANNELS"),
        ("COOLDOWN_SECOND", "COOLDOWN_SECONDS"),
    ):
        assert any(
            f"{typo} is not a setting" in w and f"did you mean {meant}?" in w for w in warnings
        )
    assert not any("abc.def.ghi" in w or "COMPOSE" in w for w in warnings)


@pytest.mark.parametrize("value", ["", "   ", "@"])
def test_an_empty_organiser_role_is_refused(value: str) -> None:
    (problem,) = problems_of({"ORGANISER_ROLE": value})
    assert problem.startswith("ORGANISER_ROLE is empty")


def test_missing_dotenv_gives_the_defaults(tmp_path: Path) -> None:
    assert read_dotenv(tmp_path / "absent.env") == {}
    assert load_settings({}, dotenv=tmp_path / "absent.env") == Settings()
    assert load_settings({}, dotenv=None) == Settings()


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    path = tmp_path / ".env"
    path.write_text("REMINDER_MINUTES=10\nRETENTION_DAYS=30\n", encoding="utf-8")
    settings = load_settings({"REMINDER_MINUTES": "15"}, dotenv=path)
    assert settings.reminder_minutes == 15
    assert settings.retention_days == 30


def test_room_channels_and_booleans() -> None:
    settings = load_settings(
        {"ROOM_CHANNELS": "Room A=#room-a, Hall=hall", "WATCH_KNOWLEDGE": "yes"}, dotenv=None
    )
    assert settings.room_channels == {"Room A": "room-a", "Hall": "hall"}
    assert settings.watch_knowledge is True


# -- numbers ---------------------------------------------------------------------------------------


FLOATS = [name for name, _, kind, *_ in NUMBERS if kind is float]
ALL = [name for name, *_ in NUMBERS]


@pytest.mark.parametrize("name", FLOATS)
@pytest.mark.parametrize("value", ["nan", "NaN", "-nan", "inf", "-inf", "Infinity", "1e400"])
def test_non_finite_numbers_are_refused(name: str, value: str) -> None:
    (problem,) = problems_of({name: value})
    assert problem.startswith(f"{name}: expected a finite number from 0 to 86400")
    assert "1 day" in problem and repr(value) in problem


@pytest.mark.parametrize(
    ("name", "too_big", "allowed"),
    [
        ("COOLDOWN_SECONDS", "86401", "from 0 to 86400 (seconds, up to 1 day)"),
        ("CHANNEL_COOLDOWN_SECONDS", "1e9", "from 0 to 86400 (seconds, up to 1 day)"),
        ("REMINDER_MINUTES", "99999999999", "from 0 to 10080 (minutes, up to 7 days)"),
        ("ANNOUNCEMENT_GRACE_MINUTES", "10081", "from 0 to 10080 (minutes, up to 7 days)"),
        ("RETENTION_DAYS", "36501", "from 1 to 36500 (days, up to 100 years)"),
        ("MAX_QUESTION_CHARS", "4001", "from 20 to 4000 (characters)"),
        ("REMINDER_MINUTES", "9" * 5000, "from 0 to 10080"),  # too many digits for int()
        ("REMINDER_MINUTES", "1" + "0" * 400, "from 0 to 10080"),  # overflows a float
    ],
)
def test_absurd_numbers_are_refused_naming_the_range(name: str, too_big: str, allowed: str) -> None:
    (problem,) = problems_of({name: too_big})
    assert problem.startswith(f"{name}: expected a ")
    assert allowed in problem


@pytest.mark.parametrize(
    ("name", "attr", "value", "expected"),
    [
        ("COOLDOWN_SECONDS", "cooldown_seconds", "86400", 86400.0),
        ("COOLDOWN_SECONDS", "cooldown_seconds", "0", 0.0),
        ("CHANNEL_COOLDOWN_SECONDS", "channel_cooldown_seconds", "0.5", 0.5),
        ("REMINDER_MINUTES", "reminder_minutes", "10080", 10080),
        ("ANNOUNCEMENT_GRACE_MINUTES", "announcement_grace_minutes", "0", 0),
        ("RETENTION_DAYS", "retention_days", "36500", 36500),
        ("MAX_QUESTION_CHARS", "max_question_chars", "4000", 4000),
        ("MAX_QUESTION_CHARS", "max_question_chars", "20", 20),
    ],
)
def test_bounds_are_included(name: str, attr: str, value: str, expected: float) -> None:
    assert getattr(load_settings({name: value}, dotenv=None), attr) == expected


@pytest.mark.parametrize(
    ("name", "value"),
    [("RETENTION_DAYS", "0"), ("MAX_QUESTION_CHARS", "19"), ("COOLDOWN_SECONDS", "-1")],
)
def test_too_small_is_refused(name: str, value: str) -> None:
    (problem,) = problems_of({name: value})
    assert problem.startswith(f"{name}: expected ") and " from " in problem


@pytest.mark.parametrize("name", ALL)
def test_not_a_number(name: str) -> None:
    (problem,) = problems_of({name: "soon"})
    assert problem.startswith(f"{name}: expected a ") and "'soon'" in problem


def test_whole_numbers_refuse_fractions() -> None:
    (problem,) = problems_of({"REMINDER_MINUTES": "2.5"})
    assert "expected a whole number from 0 to 10080" in problem


def test_guild_id() -> None:
    assert load_settings({"DISCORD_GUILD_ID": "424242"}, dotenv=None).guild_id == 424242
    for bad in ("-1", "nan", "1" * 30, "guild"):
        (problem,) = problems_of({"DISCORD_GUILD_ID": bad})
        assert problem.startswith("DISCORD_GUILD_ID: expected a whole number")
        assert "server id" in problem


def test_every_problem_is_reported_at_once() -> None:
    problems = problems_of(
        {
            "COOLDOWN_SECONDS": "nan",
            "CHANNEL_COOLDOWN_SECONDS": "inf",
            "REMINDER_MINUTES": "99999999999",
            "LOG_LEVEL": "LOUD",
        }
    )
    assert [p.split(":")[0] for p in problems] == [
        "LOG_LEVEL",
        "REMINDER_MINUTES",
        "COOLDOWN_SECONDS",
        "CHANNEL_COOLDOWN_SECONDS",
    ]


def test_the_largest_reminder_lead_works_with_the_agenda() -> None:
    """The upper bound is usable: no OverflowError in the reminder computation."""
    import bot.answer  # noqa: F401  (the knowledge package imports the engine first)
    from bot.agenda.reminders_due import due_reminders
    from bot.kb import load_knowledge

    lead = load_settings({"REMINDER_MINUTES": "10080"}, dotenv=None).reminder_minutes
    kb = load_knowledge(Settings().knowledge_dir)
    due_reminders(kb, datetime(2017, 6, 13, 8, tzinfo=UTC), timedelta(minutes=lead))


# -- .env.example ----------------------------------------------------------------------------------

ENV_EXAMPLE = Path(__file__).resolve().parents[2] / ".env.example"


def test_env_example_names_every_setting_once_and_nothing_else() -> None:
    text = ENV_EXAMPLE.read_text(encoding="utf-8")
    named = re.findall(r"^([A-Za-z_][A-Za-z0-9_]*)=", text, flags=re.MULTILINE)
    assert sorted(named) == sorted(SETTING_NAMES)


def test_env_example_is_written_from_the_declarations() -> None:
    """Docs, defaults and ranges are declared once, in bot/settings/declarations.py."""
    assert ENV_EXAMPLE.read_text(encoding="utf-8") == render_example(), (
        "rewrite it: python -m bot.settings.example > .env.example"
    )


def test_env_example_values_are_the_defaults() -> None:
    assert load_settings({}, dotenv=ENV_EXAMPLE) == Settings()
