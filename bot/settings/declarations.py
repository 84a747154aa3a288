"""Every setting, declared once: its field (name, type, default), its variable, how its text
is read and checked (range included), and its doc.

:func:`bot.settings.load_settings` reads the settings in this order (and lists problems in
it); ``.env.example`` is written from these declarations in the same order
(``python -m bot.settings.example``), so a doc, a default or a range is changed here only.
A doc need not say a number's range: ``.env.example`` adds it from the parser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from bot.settings import parsers as p
from bot.settings.declare import Setting, declarations, setting

DEFAULT_KNOWLEDGE_DIR = Path(__file__).resolve().parents[2] / "knowledge"

DAY_SECONDS = 24 * 3600
WEEK_MINUTES = 7 * 24 * 60
MAX_SNOWFLAKE = 2**63 - 1

DISCORD = "Discord"
LOGGING = "Logging"
ANNOUNCING = "Announcements and reminders"
ANSWERING = "Answering"
KNOWLEDGE = "Knowledge base"
PROGRAMME = "Programme from a URL (pretalx, frab)"
DATA = "Database and privacy"


@dataclass(frozen=True)
class Settings:
    """What the bot was configured with. Each field is one setting, declared with
    :func:`~bot.settings.declare.setting`; the fields' order is the sections' order."""

    discord_token: str = setting(
        "DISCORD_TOKEN",
        "",
        p.stripped,
        secret=True,
        section=DISCORD,
        doc="""The bot token: Developer Portal -> your application -> Bot -> Reset Token. Not
        the client secret, not the public key; no quotes, no "Bot " prefix. Keep it secret.""",
    )
    guild_id: int | None = setting(
        "DISCORD_GUILD_ID",
        None,
        p.Number(int, 0, MAX_SNOWFLAKE, "a Discord server id"),
        section=DISCORD,
        doc="""Your server's id (Discord: User Settings -> Advanced -> Developer Mode, then
        right-click the server icon -> Copy Server ID). Slash commands are synced to this
        server at start, which is instant. Without it, nothing is synced: the bot owner can
        send "@YourBot sync global" once (global commands may take up to an hour to appear
        everywhere).""",
    )
    message_content_intent: bool = setting(
        "MESSAGE_CONTENT_INTENT",
        True,
        p.boolean,
        section=DISCORD,
        doc="""Read plain messages in the questions channel. Needs the privileged "Message
        Content Intent" in the Developer Portal (Bot page). If it is not enabled there, the
        bot warns and runs without it: slash commands, DMs and messages that mention the bot
        still work. Set to false to ask for it no more (and silence the warning).""",
    )
    organiser_role: str = setting(
        "ORGANISER_ROLE",
        "Organiser",
        p.organiser_role,
        reads_blank=True,
        section=DISCORD,
        doc="""The role allowed to run organiser commands (/announce, /kb reload, the question
        log): a name or an id; it cannot be empty. Those commands are also hidden from members
        without Manage Server until a server admin shows them to this role
        (docs/discord-setup.md). A name counts only in DISCORD_GUILD_ID's server when that is
        set; without DISCORD_GUILD_ID, /kb reload (which changes the bot everywhere) needs the
        role's id.""",
    )
    organiser_channel: str = setting(
        "ORGANISER_CHANNEL",
        "",
        p.channel_or_role,
        reads_blank=True,
        section=DISCORD,
        doc="""Optional: a channel (for organisers only) where the bot says when something
        needs them, e.g. the schedule at SCHEDULE_URL cannot be fetched (told once, and again
        when it works). Empty: the log only.""",
    )
    log_level: str = setting(
        "LOG_LEVEL",
        "INFO",
        p.log_level,
        section=LOGGING,
        doc="""DEBUG, INFO, WARNING or ERROR. DEBUG also prints tracebacks of start-up
        failures.""",
    )
    announcements_channel: str = setting(
        "ANNOUNCEMENTS_CHANNEL",
        "announcements",
        p.channel_or_role,
        reads_blank=True,
        section=ANNOUNCING,
        doc="""Where announcements and "starting soon" reminders are posted.""",
    )
    room_channels: Mapping[str, str] = setting(
        "ROOM_CHANNELS",
        {},
        p.room_channels,
        section=ANNOUNCING,
        doc="""Optional: a channel per room for reminders, "Room name=channel,Room
        name=channel".""",
    )
    reminder_minutes: int = setting(
        "REMINDER_MINUTES",
        5,
        p.Number(int, 0, WEEK_MINUTES, "minutes, up to 7 days"),
        section=ANNOUNCING,
        doc="""How many minutes before a session its "starting soon" reminder is posted.""",
    )
    announcement_grace_minutes: int = setting(
        "ANNOUNCEMENT_GRACE_MINUTES",
        30,
        p.Number(int, 0, WEEK_MINUTES, "minutes, up to 7 days"),
        section=ANNOUNCING,
        doc="""An announcement missed while the bot was offline is still posted (late, with a
        note) up to this many minutes after its time; older ones are skipped.""",
    )
    questions_channels: tuple[str, ...] = setting(
        "QUESTIONS_CHANNELS",
        ("questions",),
        p.channel_names,
        section=ANSWERING,
        doc="""Channels where every message is treated as a question (names or ids,
        comma-separated). Elsewhere, people mention the bot. Threads inside these channels
        count too.""",
    )
    cooldown_seconds: float = setting(
        "COOLDOWN_SECONDS",
        10.0,
        p.Number(float, 0, DAY_SECONDS, "seconds, up to 1 day"),
        section=ANSWERING,
        doc="""Free-text answers: at most one per user every COOLDOWN_SECONDS (0 disables).
        Rate-limited messages get no reply, at most one reaction, and are still logged. Slash
        commands have fixed per-user cooldowns (/ask: 4 in 30 s, /session ics: 3 a minute)
        and say when to try again.""",
    )
    channel_cooldown_seconds: float = setting(
        "CHANNEL_COOLDOWN_SECONDS",
        2.0,
        p.Number(float, 0, DAY_SECONDS, "seconds, up to 1 day"),
        section=ANSWERING,
        doc="""Free-text answers: at most one per channel every CHANNEL_COOLDOWN_SECONDS (0
        disables), as for COOLDOWN_SECONDS.""",
    )
    max_question_chars: int = setting(
        "MAX_QUESTION_CHARS",
        500,
        p.Number(int, 20, 4000, "characters"),
        section=ANSWERING,
        doc="""Longer questions are refused politely, and logged.""",
    )
    knowledge_dir: Path = setting(  # noqa: RUF009  (a Path is immutable)
        "KNOWLEDGE_DIR",
        DEFAULT_KNOWLEDGE_DIR,
        p.file_path,
        example="",
        section=KNOWLEDGE,
        doc="""The knowledge base (YAML files, docs/knowledge-format.md). Empty: knowledge/ in
        the repo.""",
    )
    watch_knowledge: bool = setting(
        "WATCH_KNOWLEDGE",
        False,
        p.boolean,
        section=KNOWLEDGE,
        doc="""Reload the knowledge base automatically when its files change.""",
    )
    schedule_updates_channel: str = setting(
        "SCHEDULE_UPDATES_CHANNEL",
        "",
        p.channel_or_role,
        reads_blank=True,
        section=KNOWLEDGE,
        doc="""Optional: where schedule changes are posted after a knowledge reload (empty:
        not posted).""",
    )
    # May carry credentials (user:password@, ?token=): never shown (see bot.safe_url).
    schedule_url: str = setting(
        "SCHEDULE_URL",
        "",
        p.http_url,
        secret=True,
        section=PROGRAMME,
        doc="""The schedule export to follow, e.g.
        https://pretalx.example.org/conf/schedule/export/schedule.json (or .xml). Fetched
        at start and every SCHEDULE_POLL_MINUTES, imported into KNOWLEDGE_DIR/schedule.yaml
        exactly as `python -m bot import` does, then reloaded; changes are posted to
        SCHEDULE_UPDATES_CHANNEL and reminders follow the new times. /kb sync fetches now.
        A failed fetch keeps the last good programme. Empty: no sync. http(s) only; a
        user:password@ or ?token= in it is never shown in logs or messages.""",
    )
    schedule_poll_minutes: int = setting(
        "SCHEDULE_POLL_MINUTES",
        5,
        p.Number(int, 0, 1440, "minutes, 0: no polling"),
        section=PROGRAMME,
        doc="""Minutes between two polls (0: only at start and on /kb sync). An unchanged
        programme costs one "304 Not Modified".""",
    )
    schedule_max_bytes: int = setting(
        "SCHEDULE_MAX_BYTES",
        20 * 2**20,
        p.Number(int, 1024, 64 * 2**20, "bytes, up to 64 MiB"),
        section=PROGRAMME,
        doc="""The largest export accepted, in bytes.""",
    )
    schedule_timeout_seconds: int = setting(
        "SCHEDULE_TIMEOUT_SECONDS",
        30,
        p.Number(int, 1, 600, "seconds, up to 10 minutes"),
        section=PROGRAMME,
        doc="""How long one fetch may take, in seconds.""",
    )
    schedule_timezone: str = setting(
        "SCHEDULE_TIMEZONE",
        "",
        p.time_zone,
        section=PROGRAMME,
        doc="""The event's IANA time zone when the export does not say it (like `import
        --timezone`).""",
    )
    schedule_keep_event: bool = setting(
        "SCHEDULE_KEEP_EVENT",
        False,
        p.boolean,
        section=PROGRAMME,
        doc="""true: keep the event hand-written in another file of KNOWLEDGE_DIR and import
        only sessions and speakers (like `import --keep-event`).""",
    )
    database_path: Path = setting(  # noqa: RUF009  (a Path is immutable)
        "DATABASE_PATH",
        Path("data/questions.sqlite3"),
        p.file_path,
        section=DATA,
        doc="""The SQLite database: question log, scheduled announcements, sent reminders.""",
    )
    retention_days: int = setting(
        "RETENTION_DAYS",
        90,
        p.Number(int, 1, 36500, "days, up to 100 years"),
        section=DATA,
        doc="""Questions older than this many days are deleted (docs/database.md).""",
    )
    user_key_secret: str = setting(
        "USER_KEY_SECRET",
        "",
        p.verbatim,
        secret=True,
        section=DATA,
        doc="""Users are stored as keyed hashes; this is the key (empty: generated and kept in
        the database).""",
    )
    store_raw_user_ids: bool = setting(
        "STORE_RAW_USER_IDS",
        False,
        p.boolean,
        section=DATA,
        doc="""Also store raw Discord user ids in the question log (off by default).""",
    )

    @property
    def has_token(self) -> bool:
        return bool(self.discord_token.strip())


DECLARATIONS: dict[str, Setting] = declarations(Settings)
"""Each :class:`Settings` field's name -> its declaration, in the order above."""

SETTING_NAMES: frozenset[str] = frozenset(d.variable for d in DECLARATIONS.values())
"""Every variable :func:`bot.settings.load_settings` reads."""

NUMBERS: tuple[tuple[str, str, type, float, float, str], ...] = tuple(
    (d.variable, name, d.parse.kind, d.parse.minimum, d.parse.maximum, d.parse.unit)
    for name, d in DECLARATIONS.items()
    if isinstance(d.parse, p.Number)
)
"""The numeric settings and their allowed ranges (both ends included): variable, field,
type, minimum, maximum, unit."""
